"""A warm ``netcoach due``: the index's covering index, the remembered clean scan, and that a file
changed by hand is still read again (the speed itself: benchmarks/bench_cli.py)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from netcoach.model.contact import Contact, Interaction
from netcoach.storage import index as index_module
from netcoach.storage.index import CLEAN_SCAN, SCAN_COLUMNS, Index, index_path
from netcoach.storage.reader import Reader
from netcoach.storage.store import Store
from netcoach.timing.engine import due_within
from netcoach.timing.rules import DEFAULT_RULES

TODAY = dt.date(2026, 11, 18)


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the index remember files written a moment ago (normally it waits until they are 2 s old)."""
    monkeypatch.setattr(index_module, "SETTLED_NS", 0)


@pytest.fixture
def index_file(store: Store, tmp_path: Path) -> Path:
    return index_path(tmp_path / "cache", store.root)


@pytest.fixture
def people(store: Store) -> None:
    for n, days_ago in enumerate((1, 3, 8, 20, 45, 200, 400)):
        on = TODAY - dt.timedelta(days=days_ago)
        store.contacts.add(Contact(name=f"Met {n}", interactions=[Interaction(date=on, kind="met")]))
        store.contacts.add(Contact(name=f"Wrote {n}", interactions=[Interaction(date=on, kind="sent")]))


class Counted:
    """How often the scan asked the index for every stat, and how many files it read."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.stats = 0
        self.reads: list[str] = []
        stats, entry = Index.stats, Reader._index_entry

        def counted_stats(index: Index) -> dict[str, tuple[int, int, int, int]]:
            self.stats += 1
            return stats(index)

        def counted_entry(reader: Reader, name: str, *args: object) -> object:
            self.reads.append(name)
            return entry(reader, name, *args)  # type: ignore[arg-type]

        monkeypatch.setattr(Index, "stats", counted_stats)
        monkeypatch.setattr(Reader, "_index_entry", counted_entry)

    def reset(self) -> None:
        self.stats, self.reads = 0, []


def due(store: Store, days: int = 30) -> list[tuple[str, str, str]]:
    views, _ = store.reader.due_by(TODAY + dt.timedelta(days=days), DEFAULT_RULES)
    return [(key, f.due.isoformat(), f.reason) for key, _, f in due_within(views, TODAY, days, DEFAULT_RULES)]


def from_files(store: Store, days: int = 30) -> list[tuple[str, str, str]]:
    records = store.reader.load().records
    rows = due_within(((r.id, r.contact) for r in records), TODAY, days, DEFAULT_RULES)
    return [(key, f.due.isoformat(), f.reason) for key, _, f in rows]


def test_a_clean_scan_is_remembered_and_spares_the_index_s_stats_until_a_file_changes(
    store: Store, people: None, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    counted = Counted(monkeypatch)
    expected = due(store)  # reads every file
    assert len(counted.reads) == 14 and counted.stats == 1
    counted.reset()
    assert due(store) == expected  # every file known: compared one by one, then the state remembered
    assert counted.stats == 1 and counted.reads == []
    counted.reset()
    assert due(store) == expected  # the same files: nothing compared, nothing read
    assert counted.stats == 0 and counted.reads == []
    assert store.reader.state()

    path = store.contacts.path_of("wrote-1")  # changed by hand, to the same size
    text = path.read_text()
    path.write_text(text.replace('kind = "sent"', 'kind = "met" '))
    assert path.read_text() != text and len(path.read_text()) == len(text)
    counted.reset()
    changed = due(store)
    assert counted.stats == 1 and counted.reads == ["wrote-1.toml"]
    assert changed == from_files(store) != expected
    counted.reset()
    assert due(store) == changed and counted.reads == []


def test_a_row_lost_from_the_index_is_noticed_despite_the_remembered_scan(
    store: Store, people: None, settled: None, index_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = due(store)
    due(store)  # the clean scan remembered
    db = sqlite3.connect(index_file)
    with db:
        db.execute("DELETE FROM files WHERE name = 'met-1.toml'")
    db.close()
    counted = Counted(monkeypatch)
    assert due(store) == expected
    assert counted.stats == 1 and counted.reads == ["met-1.toml"]


def test_a_damaged_remembered_scan_is_not_trusted(
    store: Store, people: None, settled: None, index_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = due(store)
    due(store)
    db = sqlite3.connect(index_file)
    with db:
        assert db.execute("UPDATE other_files SET value = 'x' || value WHERE name = ?", (CLEAN_SCAN,)).rowcount == 1
    db.close()
    counted = Counted(monkeypatch)
    assert due(store) == expected
    assert counted.stats == 1 and counted.reads == []


def test_an_index_made_before_the_covering_index_gets_it_without_reading_a_file(
    store: Store, people: None, settled: None, index_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = due(store)
    db = sqlite3.connect(index_file)
    with db:
        db.execute("DROP INDEX files_scan")
    db.close()
    counted = Counted(monkeypatch)
    assert due(store) == expected
    assert counted.reads == []
    db = sqlite3.connect(index_file)
    assert db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'files_scan'").fetchone() == (1,)
    db.close()


def test_the_start_reads_the_covering_index_not_the_table(store: Store, people: None, index_file: Path) -> None:
    due(store)
    db = sqlite3.connect(index_file)
    queries = [
        ("SELECT name, size, mtime_ns, ino, ctime_ns FROM files", ()),  # Index.stats
        ("SELECT DISTINCT due, due_crc FROM files WHERE due IS NOT NULL AND problem IS NULL", ()),  # Index.dues
        (
            "SELECT name, due, due_crc, problem IS NOT NULL FROM files"
            " WHERE problem IS NOT NULL OR due IS NULL OR (due != '' AND due <= ?)",
            ("2026-12-18",),
        ),
    ]
    for query, parameters in queries:
        plan = " ".join(str(row[-1]) for row in db.execute(f"EXPLAIN QUERY PLAN {query}", parameters))
        assert "COVERING INDEX files_scan" in plan, (query, plan)
    db.close()
    assert SCAN_COLUMNS.startswith("due, due_crc")


def test_views_of_everyone_agree_with_the_files_through_the_remembered_scan(
    store: Store, people: None, settled: None
) -> None:
    store.folder.save_file("contacts/broken.toml", 'name = "Broken"\nstage = "lost"\n')
    for _ in range(3):  # read, compared, remembered
        views, problems = store.reader.views(DEFAULT_RULES)
        assert sorted(key for key, _ in views) == sorted(r.id for r in store.reader.load().records)
        assert [p.path.name for p in problems] == ["broken.toml"]


def test_the_scan_state_tells_files_apart_and_takes_any_inode() -> None:
    from netcoach.storage.reads import scan_state

    one = {"a.toml": (10, 2, 3, 4), "b.toml": (11, 5, 6, 7)}
    assert scan_state(one) == scan_state(dict(one))
    assert scan_state(one) != scan_state({"a.toml": (10, 2, 3, 4), "b.toml": (11, 5, 6, 8)})
    assert scan_state(one) != scan_state({"a.toml": (10, 2, 3, 4), "c.toml": (11, 5, 6, 7)})
    huge = {"a.toml": (10, 2, 2**64 - 1, 4)}  # some network file systems: past a signed 64-bit integer
    assert scan_state(huge) != scan_state({"a.toml": (10, 2, 2**64 - 2, 4)})


def test_the_scan_state_is_the_one_an_index_already_remembers() -> None:
    """The state is the digest of the names and of the stats as an array of 64-bit integers (how it was
    first made): an index written before the stats were packed another way still finds its clean scan."""
    from array import array
    from hashlib import blake2b
    from itertools import chain

    from netcoach.storage.reads import scan_state

    stats = {"a.toml": (10, 2, 3, 4), "é.toml": (11, 1_700_000_000_123_456_789, 6, 7)}
    before = blake2b(b"2:a.toml/\xc3\xa9.toml\n", digest_size=16)
    before.update(array("q", chain.from_iterable(stats.values())).tobytes())
    assert scan_state(stats) == before.hexdigest()


def test_due_dates_that_cannot_be_read_after_the_scan_leave_no_one_out(
    store: Store, people: None, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.folder.save_file("contacts/broken.toml", 'name = "Broken"\nstage = "lost"\n')
    expected = due(store)
    due(store)  # the clean scan remembered: the next one reads no stat of the index
    monkeypatch.setattr(Index, "dues", lambda index, key, by: None)  # e.g. the index went away meanwhile
    assert due(store) == expected == from_files(store)
    _, problems = store.reader.due_by(TODAY + dt.timedelta(days=30), DEFAULT_RULES)
    assert [p.path.name for p in problems] == ["broken.toml"]


def test_a_read_of_everyone_gives_the_folders_fingerprint_and_an_edit_in_place_changes_it(
    store: Store, people: None
) -> None:
    """The app reads everyone, then compares fingerprints now and then to notice an editor's edit in place."""
    import os

    assert store.reader.seen == ""  # no scan yet
    store.reader.views(DEFAULT_RULES)
    seen = store.reader.seen
    assert seen and seen == store.reader.fingerprint()
    path = next(store.folder.contacts_dir.iterdir())
    data = path.read_bytes()
    with open(path, "r+b") as file:  # in place, same size: only the times change
        file.write(data)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert store.reader.fingerprint() != seen
    (store.folder.contacts_dir / "link.toml").symlink_to(path)  # a link is never read, but it is seen
    store.reader.views(DEFAULT_RULES)
    assert store.reader.seen == store.reader.fingerprint() != seen


def _entry(n: int) -> index_module.FileEntry:
    return index_module.FileEntry(index_module.Stat(n, n, n, n), f"digest-{n}", None, '[1, 1, "broken"]')


def test_updates_within_writing_are_one_transaction(tmp_path: Path) -> None:
    """Seen from another connection, nothing is written until the end; then everything is."""
    path = tmp_path / "index.sqlite3"
    with Index(path) as index:
        with index.writing():
            index.update({"a.toml": _entry(1)}, [])
            index.update({"b.toml": _entry(2)}, [])
            with Index(path) as other:
                assert other.count() == 0
        with Index(path) as other:
            assert other.count() == 2
        with index.writing():
            index.update({"c.toml": _entry(3)}, ["a.toml"])
        assert sorted(index.stats()) == ["b.toml", "c.toml"]


def test_an_exception_within_writing_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite3"
    with Index(path) as index:
        index.update({"a.toml": _entry(1)}, [])
        with pytest.raises(KeyboardInterrupt), index.writing():
            index.update({"b.toml": _entry(2)}, ["a.toml"])
            raise KeyboardInterrupt
        assert sorted(index.stats()) == ["a.toml"]
        index.update({"c.toml": _entry(3)}, [])  # and the index is writable as before
        assert sorted(index.stats()) == ["a.toml", "c.toml"]
