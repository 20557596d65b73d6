"""The store: atomic writes, bad files reported and left alone, safe names, the index.

(Two processes writing at once, through the command line: tests/cli/test_cli.py.)
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import stat
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

from netcoach.model.contact import Contact, Interaction
from netcoach.model.problem import FileProblem
from netcoach.model.view import BRIEF_VERSION
from netcoach.storage import index as index_module
from netcoach.storage import reader as reader_module
from netcoach.storage.contacts import contact_toml
from netcoach.storage.dirs import TEMP_SUFFIX, temp_name
from netcoach.storage.errors import ConflictError
from netcoach.storage.fsio import atomic_write
from netcoach.storage.index import index_path
from netcoach.storage.reader import Reader
from netcoach.storage.settings import Settings
from netcoach.storage.store import Store
from netcoach.timing.engine import due_within, follow_up
from netcoach.timing.rules import DEFAULT_RULES, TimingRules
from tests.helpers import MakeStore, maya, snapshot

DAY = dt.date(2026, 11, 17)  # the day maya() was met


def temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(TEMP_SUFFIX)]


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the index remember files written a moment ago (normally it waits until they are 2 s old)."""
    monkeypatch.setattr(index_module, "SETTLED_NS", 0)


@pytest.fixture
def index_file(store: Store, tmp_path: Path) -> Path:
    """Where ``store`` keeps its index (tests/conftest.py gives it the cache folder ``tmp_path/cache``)."""
    return index_path(tmp_path / "cache", store.root)


def backdate(path: Path, seconds: int = 3600) -> None:
    """Move a file's modification time into the past."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns - seconds * 10**9, st.st_mtime_ns - seconds * 10**9))


# -- atomic writes ------------------------------------------------------------------------


def test_no_temp_files_are_left_after_writes(store: Store) -> None:
    record = store.contacts.add(maya())
    store.contacts.update(record.id, lambda c: setattr(c, "notes", "Prefers e-mail."))
    current = store.contacts.read(record.id)
    store.contacts.save(current, current.contact.model_copy(update={"role": "Designer"}))
    store.contacts.add_many([Contact(name="Tom Becker"), Contact(name="Sofia Alvarez")])
    store.folder.save_file("drafts/maya-chen.toml", 'body = "hi"\n')
    assert temp_files(store.root) == []
    assert sorted(p.name for p in store.folder.contacts_dir.iterdir()) == [
        "maya-chen.toml",
        "sofia-alvarez.toml",
        "tom-becker.toml",
    ]


def test_stray_temp_files_are_removed_by_the_next_write_and_only_netcoachs(store: Store) -> None:
    store.contacts.add(maya())
    strays = [folder / temp_name("maya-chen.toml") for folder in (store.root, store.folder.contacts_dir)]
    for stray in strays:
        stray.write_bytes(b'name = "half')  # a writer killed before its rename left these
    mine = [store.root / ".my-notes.tmp", store.folder.contacts_dir / ".maya-chen.toml.x1y2z3.tmp"]
    for path in mine:
        path.write_text("a person's own file\n")
    result = store.reader.load()
    assert [r.contact.name for r in result.records] == ["Maya Chen"]
    assert result.problems == []
    assert all(p.exists() for p in strays + mine)  # a command that only reads deletes nothing
    store.contacts.update("maya-chen", lambda c: setattr(c, "notes", "Prefers e-mail."))
    assert not any(p.exists() for p in strays)  # the next write removes what netcoach left...
    assert all(p.read_text() == "a person's own file\n" for p in mine)  # ...and nothing else


_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from netcoach.storage.store import Store

    store = Store(Path(sys.argv[1]), cache_dir=Path(sys.argv[2]))
    versions = ["short", "long " * 4000]
    count = 0
    while True:
        text = versions[count % 2]
        store.contacts.update("maya-chen", lambda contact: setattr(contact, "notes", text))
        count += 1
        print(count, flush=True)
    """
)


def test_a_write_killed_midway_leaves_the_old_or_the_new_file(
    store: Store, make_store: MakeStore, tmp_path: Path
) -> None:
    store.contacts.add(maya(notes="short"))
    allowed = {contact_toml(maya(notes=text)).encode() for text in ("short", "long " * 4000)}
    rng = random.Random(20261118)
    for _round in range(6):
        child = subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(store.root), str(tmp_path / "cache")],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        for _ in range(rng.randint(1, 25)):  # let it write a random number of times, then kill it mid-flight
            assert child.stdout.readline()
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        assert child.returncode == -signal.SIGKILL
        data = store.contacts.path_of("maya-chen").read_bytes()
        assert data in allowed
        assert tomllib.loads(data.decode())["name"] == "Maya Chen"
        fresh = make_store()  # a fresh process's view
        result = fresh.reader.load()
        assert [r.contact.name for r in result.records] == ["Maya Chen"]
        assert result.problems == []
        with fresh.folder.locked():  # its next write removes what the killed writer left (a read deletes nothing)
            pass
        assert temp_files(store.root) == []


# -- bad files ----------------------------------------------------------------------------

BAD_FILES = {
    "syntax": ('name = "Ann Lee"\ncompany = "Acme\nrole = "x"\n', 2, 16, "invalid TOML: Illegal character"),
    "array": ('name = "Ann Lee"\n[[interactions]\ndate = 2026-11-17\n', 2, 15, "invalid TOML: Expected ']]'"),
    "interaction": (
        'name = "Ann Lee"\n\n[[interactions]]\ndate = 2026-11-17\nkind = "met"\n\n'
        '[[interactions]]\ndate = 2026-11-18\nkind = "lunch"\n',
        9,
        1,
        "interactions.1.kind: Input should be",
    ),
    "typo": ('name = "Ann Lee"\ncompnay = "Acme"\n', 2, 1, "compnay: unknown key (check the spelling)"),
    "nested-typo": (
        'name = "Ann Lee"\n\n[[interactions]]\ndate = 2026-11-17\n  kind = "met"\n  sumary = "x"\n',
        6,
        3,
        "interactions.0.sumary: unknown key",
    ),
    "email": ('name = "Ann Lee"\nstage = "new"\nemails = ["ann@example.com", "ann"]\n', 3, 1, "emails.1: value is not"),
    "missing-name": ('company = "Acme"\n', 1, 1, "name: required, but missing"),
}


def write_bad_files(store: Store) -> dict[str, bytes]:
    store.contacts.add(maya())
    written = {}
    for stem, (text, *_rest) in BAD_FILES.items():
        store.folder.save_file(f"contacts/{stem}.toml", text)
        written[stem] = text.encode()
    latin1 = b'name = "Ann Lee"\nnotes = "caf\xe9 au lait"\n'
    atomic_write(store.folder.contacts_dir / "latin1.toml", latin1)
    written["latin1"] = latin1
    return written


def test_bad_files_are_reported_with_path_line_and_column(store: Store) -> None:
    write_bad_files(store)
    result = store.reader.load()
    assert [r.contact.name for r in result.records] == ["Maya Chen"]  # the good file still loads
    problems = {p.path.stem: p for p in result.problems}
    assert set(problems) == {*BAD_FILES, "latin1"}
    for stem, (_text, line, col, message) in BAD_FILES.items():
        problem = problems[stem]
        assert problem.path == store.folder.contacts_dir / f"{stem}.toml"
        assert (problem.line, problem.col) == (line, col), stem
        assert problem.message.startswith(message), problem.message
        assert str(problem).startswith(f"{store.folder.contacts_dir / stem}.toml:{line}:{col}: {message}")
    latin1 = problems["latin1"]
    assert (latin1.line, latin1.col, latin1.message) == (2, 13, "not UTF-8 text")


def test_bad_files_are_never_rewritten(store: Store) -> None:
    written = write_bad_files(store)
    before = snapshot(store.folder.contacts_dir)
    store.reader.load()
    store.reader.load()
    for stem in written:
        with pytest.raises(FileProblem) as caught:
            store.contacts.update(stem, lambda c: setattr(c, "notes", "changed"))
        assert caught.value.problem.path == store.folder.contacts_dir / f"{stem}.toml"
    store.contacts.add(Contact(name="Ann Lee"))
    after = snapshot(store.folder.contacts_dir)
    assert after.pop("ann-lee.toml")
    assert after == before
    assert {f"{stem}.toml": data for stem, data in written.items()}.items() <= before.items()


def test_problems_are_remembered_by_the_index_and_stay_correct(store: Store, settled: None) -> None:
    write_bad_files(store)
    first = sorted(map(str, store.reader.load().problems))
    second = sorted(map(str, store.reader.load().problems))
    assert first == second and len(first) == len(BAD_FILES) + 1


def test_a_file_fixed_by_hand_loads_again(store: Store) -> None:
    store.folder.save_file("contacts/ann.toml", 'name = "Ann"\ncompnay = "Acme"\n')
    assert len(store.reader.load().problems) == 1
    store.folder.save_file("contacts/ann.toml", 'name = "Ann"\ncompany = "Acme"\n')
    result = store.reader.load()
    assert result.problems == []
    assert [r.contact.company for r in result.records] == ["Acme"]


# -- names and files ----------------------------------------------------------------------

UNSAFE_NAMES = ["../../x", "..", ".", "CON", "con", "nul", "🙂", "🙂🎉", "王小明", "李雷", "a/b\\c", "/etc/passwd", "x"]


def test_unsafe_names_give_safe_distinct_files_inside_contacts(store: Store) -> None:
    records = [store.contacts.add(Contact(name=name)) for name in UNSAFE_NAMES]
    ids = [r.id for r in records]
    assert len(set(ids)) == len(UNSAFE_NAMES)
    files = sorted(store.folder.contacts_dir.iterdir())
    assert len(files) == len(UNSAFE_NAMES)
    for record in records:
        path = store.contacts.path_of(record.id)
        assert path.resolve().parent == store.folder.contacts_dir.resolve()
        assert path.is_file()
        assert not path.name.startswith(".")
    assert sorted(p.name for p in store.root.iterdir()) == [".netcoach", ".netcoach.lock", "contacts"]
    assert [p.name for p in (store.root / ".netcoach").iterdir()] == ["journal"]  # the undo journal only
    loaded = {r.id: r.contact.name for r in store.reader.load().records}
    assert loaded == {r.id: name for r, name in zip(records, UNSAFE_NAMES, strict=True)}


def test_the_file_format_is_fixed_and_readable(store: Store) -> None:
    record = store.contacts.add(maya(tags=["design"], cadence_days=30, story="line one\nline two"))
    text = store.contacts.path_of(record.id).read_text()
    assert text == (
        'name = "Maya Chen"\n'
        'company = "Brightline Health"\n'
        'emails = [\n    "maya.chen@example.com",\n]\n'
        'tags = [\n    "design",\n]\n'
        'stage = "new"\n'
        'met_at = "the SDSU alumni happy hour"\n'
        "met_on = 2026-11-17\n"
        'story = """\nline one\nline two"""\n'
        "cadence_days = 30\n"
        "\n[[interactions]]\n"
        "date = 2026-11-17\n"
        'kind = "met"\n'
        'channel = "in_person"\n'
        'summary = "Swapped cards"\n'
    )


def test_saving_an_unchanged_contact_gives_a_byte_identical_file(store: Store) -> None:
    record = store.contacts.add(maya(notes="A note\nover two lines", tags=["a", "b"], snoozed_until=DAY))
    path = store.contacts.path_of(record.id)
    before = path.read_bytes()
    backdate(path)
    mtime = path.stat().st_mtime_ns
    again = store.contacts.read(record.id)
    assert contact_toml(again.contact).encode() == before
    assert store.contacts.save(again, again.contact.model_copy(deep=True)) == again
    store.contacts.update(record.id, lambda c: None)
    store.contacts.update(record.id, lambda c: setattr(c, "company", "Brightline Health"))
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == mtime  # not even rewritten


def test_a_hand_written_file_is_not_reordered_by_an_unchanged_save(store: Store) -> None:
    text = '# my note\nstage = "in_touch"\nname = "Ann Lee"\n\n[[interactions]]\nkind = "met"\ndate = 2026-11-17\n'
    store.folder.save_file("contacts/ann.toml", text)
    record = store.contacts.read("ann")
    store.contacts.save(record, record.contact.model_copy(deep=True))
    store.contacts.update("ann", lambda c: None)
    assert store.contacts.path_of("ann").read_text() == text


def test_serialising_is_stable_across_a_round_trip(store: Store) -> None:
    contact = maya(
        phone="+1 619 555 0100",
        linkedin="https://www.linkedin.com/in/maya",
        common_ground=["same major at SDSU"],
        they_can_help="Usability tests",
        i_can_offer="My checklist",
        reach_out_after=dt.date(2026, 12, 1),
        cadence_days=60,
        connected_on=dt.date(2025, 1, 1),
        source="linkedin import",
        notes='Quotes " and \\ backslashes and """ triple',
    )
    contact.interactions.append(
        Interaction(date=DAY, kind="sent", awaiting_reply=False, message_kind="follow_up", anxiety=0, outcome="reply")
    )
    record = store.contacts.add(contact)
    data = store.contacts.path_of(record.id).read_bytes()
    assert store.contacts.read(record.id).contact == contact
    assert contact_toml(store.contacts.read(record.id).contact).encode() == data


# -- conflicts ----------------------------------------------------------------------------


def test_save_refuses_a_file_changed_since_it_was_read(store: Store) -> None:
    record = store.contacts.add(maya())
    mine = record.contact.model_copy(update={"role": "Designer"})
    store.contacts.update(record.id, lambda c: setattr(c, "notes", "from the other session"))
    theirs = store.contacts.path_of(record.id).read_bytes()
    with pytest.raises(ConflictError) as caught:
        store.contacts.save(record, mine)
    assert caught.value.current is not None
    assert caught.value.current.contact.notes == "from the other session"
    assert store.contacts.path_of(record.id).read_bytes() == theirs
    forced = store.contacts.save(record, mine, force=True)
    assert store.contacts.read(record.id).contact.role == "Designer"
    assert forced.digest != record.digest


def test_save_refuses_a_file_deleted_since_it_was_read(store: Store) -> None:
    record = store.contacts.add(maya())
    store.contacts.path_of(record.id).unlink()
    with pytest.raises(ConflictError) as caught:
        store.contacts.save(record, record.contact.model_copy(update={"role": "Designer"}))
    assert caught.value.current is None
    assert not store.contacts.path_of(record.id).exists()


def test_save_after_a_fresh_read_succeeds(store: Store) -> None:
    record = store.contacts.add(maya())
    store.contacts.update(record.id, lambda c: setattr(c, "notes", "x"))
    fresh = store.contacts.read(record.id)
    saved = store.contacts.save(fresh, fresh.contact.model_copy(update={"role": "Designer"}))
    assert store.contacts.read(record.id).contact.notes == "x"
    assert saved.contact.role == "Designer"


# -- permissions --------------------------------------------------------------------------


def test_folders_are_0700_and_files_0600(store: Store, index_file: Path) -> None:
    record = store.contacts.add(maya())
    store.folder.save_file("drafts/maya-chen.toml", 'body = "hi"\n')
    store.reader.load()
    for folder in (store.root, store.folder.contacts_dir, store.root / "drafts"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    for path in (
        store.contacts.path_of(record.id),
        store.root / "drafts/maya-chen.toml",
        store.root / ".netcoach.lock",
    ):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(index_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(index_file.parent.stat().st_mode) == 0o700


def test_write_text_refuses_paths_outside_the_data_folder(store: Store, tmp_path: Path) -> None:
    from netcoach.storage.errors import StoreError

    with pytest.raises(StoreError):
        store.folder.save_file("../outside.toml", "x")
    assert not (tmp_path / "outside.toml").exists()


# -- the index ----------------------------------------------------------------------------


def names(store: Store) -> list[tuple[str, str]]:
    return sorted((r.id, r.contact.notes) for r in store.reader.load().records)


def filled(store: Store, count: int = 5) -> list[tuple[str, str]]:
    for n in range(count):
        store.contacts.add(maya(name=f"Person {n}", notes=f"note {n}"))
    expected = names(store)
    assert len(expected) == count
    return expected


def test_a_deleted_index_loses_nothing(store: Store, index_file: Path, settled: None) -> None:
    expected = filled(store)
    assert index_file.exists()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{index_file}{suffix}").unlink(missing_ok=True)
    assert names(store) == expected
    assert names(store) == expected


def test_a_corrupted_index_is_rebuilt(store: Store, index_file: Path, settled: None) -> None:
    expected = filled(store)
    for suffix in ("-wal", "-shm"):
        Path(f"{index_file}{suffix}").unlink(missing_ok=True)
    atomic_write(index_file, random.Random(1).randbytes(8192))
    assert names(store) == expected
    assert names(store) == expected
    atomic_write(index_file, b"SQLite format 3\x00" + bytes(4096))  # a header and nothing sane behind it
    assert names(store) == expected


def test_a_stale_index_sees_added_changed_and_removed_files(store: Store, settled: None) -> None:
    expected = filled(store)
    store.contacts.update("person-1", lambda c: setattr(c, "notes", "changed"))
    store.contacts.path_of("person-2").unlink()
    store.contacts.add(maya(name="Person 9", notes="new"))
    expected = [(i, "changed" if i == "person-1" else n) for i, n in expected if i != "person-2"]
    assert names(store) == sorted([*expected, ("person-9", "new")])


def test_a_file_edited_on_disk_with_the_same_size_is_read_again(store: Store, settled: None) -> None:
    filled(store)
    path = store.contacts.path_of("person-3")
    before = path.stat()
    text = path.read_text()
    assert "note 3" in text
    atomic_write(path, text.replace("note 3", "note X"))  # same size, new content
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # even with the old modification time
    assert path.stat().st_size == before.st_size
    assert dict(names(store))["person-3"] == "note X"


def test_an_in_place_edit_with_the_same_size_and_time_is_read_again(store: Store, settled: None) -> None:
    filled(store)
    path = store.contacts.path_of("person-4")
    before = path.stat()
    data = path.read_bytes()
    offset = data.index(b"note 4")
    fd = os.open(path, os.O_WRONLY)  # an editor saving in place: same file, same size
    try:
        os.pwrite(fd, b"note Y", offset)
    finally:
        os.close(fd)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (before.st_ino, before.st_size, before.st_mtime_ns)
    assert dict(names(store))["person-4"] == "note Y"


def test_the_index_is_used_for_files_that_did_not_change(
    store: Store, monkeypatch: pytest.MonkeyPatch, settled: None
) -> None:
    expected = filled(store)
    reads = count_reads(monkeypatch)
    assert names(store) == expected
    assert reads == []
    store.contacts.update("person-0", lambda c: setattr(c, "notes", "fresh"))
    reads.clear()
    assert dict(names(store))["person-0"] == "fresh"
    assert reads == [store.contacts.path_of("person-0")]


def count_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    reads: list[Path] = []
    original = reader_module.parse_contact

    def counting(path: Path, data: bytes) -> Contact:
        reads.append(path)
        return original(path, data)

    monkeypatch.setattr(reader_module, "parse_contact", counting)
    return reads


def test_a_file_changed_a_moment_ago_is_read_again_until_it_settles(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = store.contacts.add(maya())
    reads = count_reads(monkeypatch)
    store.reader.load()
    store.reader.load()
    assert reads == [store.contacts.path_of(record.id)] * 2  # an edit in the same clock tick would keep size and times
    backdate(store.contacts.path_of(record.id))
    store.reader.load()
    store.reader.load()
    assert len(reads) == 3  # remembered once settled


def test_without_an_index_everything_still_loads(
    store: Store, make_store: MakeStore, tmp_path: Path, settled: None
) -> None:
    expected = filled(store)
    plain = make_store(cache="other-cache", use_index=False)
    assert sorted((r.id, r.contact.notes) for r in plain.reader.load().records) == expected
    assert not (tmp_path / "other-cache").exists()


def test_an_unwritable_cache_folder_is_only_slower(store: Store, make_store: MakeStore, tmp_path: Path) -> None:
    store.contacts.add(maya())
    atomic_write(tmp_path / "blocked", b"a file where the cache folder should be")
    other = make_store(cache="blocked/cache")
    assert [r.contact.name for r in other.reader.load().records] == ["Maya Chen"]


# -- finding ------------------------------------------------------------------------------


def test_find_by_exact_name_prefix_id_and_folded_accents(store: Store) -> None:
    from netcoach.storage.errors import Ambiguous, NotFound

    store.contacts.add(Contact(name="José Díaz"))
    store.contacts.add(Contact(name="Maya Chen"))
    store.contacts.add(Contact(name="Maya Lin"))
    store.contacts.add(Contact(name="Maya"))
    assert store.reader.find("jose").contact.name == "José Díaz"
    assert store.reader.find("MAYA").contact.name == "Maya"  # the exact name wins over prefixes
    assert store.reader.find("maya c").contact.name == "Maya Chen"
    assert store.reader.find("maya-lin").contact.name == "Maya Lin"
    with pytest.raises(Ambiguous) as caught:
        store.reader.find("ma")
    assert [r.contact.name for r in caught.value.candidates] == ["Maya", "Maya Chen", "Maya Lin"]
    with pytest.raises(NotFound):
        store.reader.find("nobody")
    with pytest.raises(NotFound):
        store.reader.find("   ")


# -- due_by: the index path `netcoach due` takes ------------------------------------------

TODAY = dt.date(2026, 11, 18)


def varied(store: Store) -> None:
    """People due at many different times, plus one bad file."""
    from netcoach.demo import demo_contacts

    store.contacts.add_many(demo_contacts(TODAY))
    for n, days_ago in enumerate((1, 5, 9, 16, 40, 100, 200)):
        on = TODAY - dt.timedelta(days=days_ago)
        store.contacts.add(maya(name=f"Extra {n}", met_on=on, interactions=[Interaction(date=on, kind="met")]))
        store.contacts.add(Contact(name=f"Cold {n}", interactions=[Interaction(date=on, kind="sent")]))
    store.folder.save_file("contacts/broken.toml", 'name = "Broken"\nstage = "lost"\n')


def expected_due(store: Store, horizon_days: int, rules: TimingRules = DEFAULT_RULES) -> list[tuple[str, object]]:
    loaded = store.reader.load()
    rows = due_within(((r.id, r.contact) for r in loaded.records), TODAY, horizon_days, rules)
    return [(key, result) for key, _, result in rows]


def via_index(
    store: Store, horizon_days: int, rules: TimingRules = DEFAULT_RULES, *, today: dt.date | None = None
) -> list[tuple[str, object]]:
    views, problems = store.reader.due_by(TODAY + dt.timedelta(days=horizon_days), rules, today=today)
    assert [str(p).split(": ", 1)[1] for p in problems] == [
        "stage: Input should be 'new', 'in_touch', 'resting', 'not_now' or 'archived'"
    ]
    return [(key, result) for key, _, result in due_within(views, TODAY, horizon_days, rules)]


@pytest.mark.parametrize("horizon", [0, 7, 30, 400])
def test_due_by_agrees_with_loading_everything(store: Store, settled: None, horizon: int) -> None:
    varied(store)
    expected = expected_due(store, horizon)
    assert expected
    assert via_index(store, horizon) == expected  # the index just built (due dates not yet known)
    assert via_index(store, horizon) == expected  # remembered due dates
    other = TimingRules(nudge_days_met=2, nudge_days_cold=3, keep_in_touch_days=20, follow_up_business_days=4)
    assert via_index(store, horizon, other) == expected_due(store, horizon, other)  # other rules
    assert via_index(store, horizon) == expected  # and back
    assert via_index(store, horizon, today=TODAY) == expected  # only the reconnects whose turn comes by then
    paced = TimingRules(reconnects_per_day=1, stale_after_days=3)
    assert via_index(store, horizon, paced, today=TODAY) == expected_due(store, horizon, paced)
    if horizon <= 7:  # a month of turns, one a day, reaches everyone here; a week does not
        by = TODAY + dt.timedelta(days=horizon)
        assert len(store.reader.due_by(by, paced, today=TODAY)[0]) < len(store.reader.due_by(by, paced)[0])


def test_due_by_without_an_index(store: Store, make_store: MakeStore) -> None:
    varied(store)
    plain = make_store(cache="unused", use_index=False)
    assert via_index(plain, 7) == expected_due(store, 7)


def test_due_by_sees_a_change_made_after_indexing(store: Store, settled: None) -> None:
    varied(store)
    via_index(store, 7)
    assert "cold-0" not in dict(via_index(store, 7))  # a cold message yesterday: a nudge in 13 days
    store.contacts.update("cold-0", lambda c: c.interactions.append(Interaction(date=TODAY, kind="received")))
    assert dict(via_index(store, 7))["cold-0"].kind.value == "reply"
    store.contacts.update("cold-0", lambda c: setattr(c, "stage", "archived"))
    assert "cold-0" not in dict(via_index(store, 7))


def test_a_damaged_row_in_the_index_is_read_again_from_the_file(store: Store, index_file: Path, settled: None) -> None:
    import sqlite3

    varied(store)
    expected_all = sorted((r.id, r.contact.name, r.contact.notes) for r in store.reader.load().records)
    expected = expected_due(store, 30)
    db = sqlite3.connect(index_file)
    with db:
        db.execute("UPDATE files SET payload = '{\"name\": 1}', due = NULL WHERE name = 'extra-0.toml'")
        db.execute("UPDATE files SET payload = 'garbage', due = NULL WHERE name = 'maya-chen.toml'")
        db.execute("UPDATE files SET problem = 'garbage' WHERE name = 'broken.toml'")
        db.execute("UPDATE files SET brief = '[1]', due = NULL WHERE name = 'extra-1.toml'")
        db.execute("UPDATE files SET brief = replace(brief, 'met', 'call') WHERE name = 'extra-2.toml'")
    db.close()
    assert via_index(store, 30) == expected
    db = sqlite3.connect(index_file)
    with db:
        db.execute("UPDATE files SET payload = '{\"name\": \"Someone Else\"}' WHERE name = 'cold-0.toml'")
        db.execute("UPDATE files SET due = '2000-01-01' WHERE name = 'cold-1.toml'")
    db.close()
    assert sorted((r.id, r.contact.name, r.contact.notes) for r in store.reader.load().records) == expected_all
    assert via_index(store, 30) == expected
    assert [str(p).split(": ", 1)[1] for p in store.reader.load().problems] == [
        "stage: Input should be 'new', 'in_touch', 'resting', 'not_now' or 'archived'"
    ]


def test_timing_rules_of_the_config_are_remembered_while_it_is_unchanged(
    store: Store, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert store.settings.timing_rules() == (DEFAULT_RULES, [])
    store.folder.save_file("config.toml", "[timing]\nnudge_days_met = 3\n")
    loads: list[int] = []
    original = Settings.load_config
    monkeypatch.setattr(Settings, "load_config", lambda self: loads.append(1) or original(self))
    assert store.settings.timing_rules() == (TimingRules(nudge_days_met=3), [])
    assert store.settings.timing_rules() == (TimingRules(nudge_days_met=3), [])
    assert len(loads) == 1
    store.folder.save_file("config.toml", "[timing]\nnudge_days_met = 4\n")  # same size
    assert store.settings.timing_rules()[0].nudge_days_met == 4
    store.folder.save_file("config.toml", "theme = 'x'\n[timing]\nnudge_days = 4\n")
    for _ in range(2):
        rules, problems = store.settings.timing_rules()
        assert rules == DEFAULT_RULES
        assert [str(p) for p in problems] == [
            f"{store.folder.config_path}:3:1: timing.nudge_days: unknown key (check the spelling)"
        ]
    assert len(loads) == 3


def test_records_come_from_the_index_and_fall_back_to_the_files(store: Store, make_store: MakeStore) -> None:
    ann = store.contacts.add(Contact(name="Ann", company="Acme"))
    bob = store.contacts.add(Contact(name="Bob"))
    store.reader.due_by(dt.date(2026, 11, 25), DEFAULT_RULES)  # brings the index up to date
    got = {r.id: r for r in store.reader.records([ann.id, bob.id, "nobody"])}
    assert set(got) == {ann.id, bob.id}
    assert got[ann.id].contact == ann.contact and got[ann.id].digest == ann.digest
    fresh = make_store(cache="other-cache")  # no index: read from the files
    assert [r.contact.name for r in fresh.reader.records([bob.id])] == ["Bob"]


# -- light views of everyone (the app's Contacts list) -------------------------------------


def test_views_give_everyone_light_and_the_problems(store: Store, settled: None) -> None:
    from netcoach.model.view import ContactView

    varied(store)
    loaded = store.reader.load()
    for _ in range(2):  # the index just built, then remembered
        views, problems = store.reader.views(DEFAULT_RULES)
        assert [key for key, _ in views] == sorted(r.id for r in loaded.records)
        assert all(isinstance(view, ContactView) for _, view in views)
        assert [str(p) for p in problems] == [str(p) for p in loaded.problems]
        whole = {r.id: r.contact for r in loaded.records}
        for key, view in views:
            assert (view.name, view.stage, len(view.interactions)) == (
                whole[key].name,
                whole[key].stage,
                len(whole[key].interactions),
            )
            assert follow_up(view, TODAY) == follow_up(whole[key], TODAY)


def test_views_of_an_older_index_are_rebuilt_from_its_copies_not_the_files(
    store: Store, index_file: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json
    import sqlite3

    varied(store)
    expected = store.reader.views(DEFAULT_RULES)[0]
    db = sqlite3.connect(index_file)
    with db:  # the first brief format had no version marker
        old = [(json.dumps(json.loads(b)[1:]), n) for n, b in db.execute("SELECT name, brief FROM files") if b]
        db.executemany("UPDATE files SET brief = ? WHERE name = ?", old)
    db.close()
    reads: list[Path] = []
    original = Reader._index_entry
    monkeypatch.setattr(
        Reader, "_index_entry", lambda self, path, stat: reads.append(path) or original(self, path, stat)
    )
    again = store.reader.views(DEFAULT_RULES)[0]
    assert [(k, v.name, v.search) for k, v in again] == [(k, v.name, v.search) for k, v in expected]
    assert reads == []  # an upgrade costs a validation of the index's copy, not 30,000 file reads
    db = sqlite3.connect(index_file)
    assert all(
        json.loads(b)[0] == BRIEF_VERSION for (b,) in db.execute("SELECT brief FROM files WHERE brief IS NOT NULL")
    )
    db.close()


def test_records_are_what_is_on_disk_now_even_before_the_index_hears_of_it(store: Store, settled: None) -> None:
    added = store.contacts.add(maya())
    store.reader.due_by(TODAY, DEFAULT_RULES)  # indexed
    path = store.contacts.path_of(added.id)
    path.write_text(path.read_text(encoding="utf-8").replace("Brightline Health", "Northwind"), encoding="utf-8")
    (got,) = store.reader.records([added.id])
    assert got.contact.company == "Northwind"
    path.unlink()
    assert store.reader.records([added.id]) == []


def test_due_by_can_refuse_to_read_many_changed_files(store: Store, settled: None) -> None:
    from netcoach.book import due_soon
    from netcoach.storage.errors import IndexBehind

    for n in range(3):
        store.contacts.add(maya(name=f"Person {n}"))
    with pytest.raises(IndexBehind) as behind:
        store.reader.due_by(TODAY, DEFAULT_RULES, max_reads=2)
    assert behind.value.count == 3
    assert due_soon(store, TODAY, DEFAULT_RULES, max_reads=2) is None  # the app starts, then reads them
    assert len(store.reader.due_by(TODAY, DEFAULT_RULES, max_reads=3)[0]) == 3
    store.contacts.add(maya(name="Person 4"))
    assert len(store.reader.due_by(TODAY, DEFAULT_RULES, max_reads=2)[0]) == 4  # only one changed since
