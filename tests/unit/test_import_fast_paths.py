"""The fast paths of a large import keep its behaviour: its index rows, worked out in a forked
worker while its files are written (storage/written.py), are exactly those worked out here, and a
failed batch leaves neither rows nor a worker behind; the journal reads only the files the import
changes, and undo still puts everything back; moving thousands of staged files by two listings
still moves only regular files and never over a link."""

from __future__ import annotations

import base64
import csv
import io
import json
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netcoach.exchange import linkedin
from netcoach.exchange.common import (
    DateReader,
    Incoming,
    Parsed,
    RowNote,
    csv_rows,
    guess_delimiter,
    header_key,
    is_blank,
    shown,
)
from netcoach.exchange.plan import apply_import, plan_import
from netcoach.storage import batches, fsio, journal, written
from netcoach.storage.dirs import Dir
from netcoach.storage.errors import StoreError, UnsafePath
from netcoach.storage.index import Index, Row
from netcoach.storage.journal_entries import Entry, FileChange, entry_text
from netcoach.storage.store import Store
from tests.helpers import MakeStore, maya
from tests.unit.test_index_after_import import FIXTURES, count_reads, due_names, everyone


@pytest.fixture
def in_background(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every batch's texts and rows in a worker, as for 30,000 people on two cores, sent and told of two at a time."""
    monkeypatch.setattr(written, "IN_BACKGROUND_FROM", 1)
    monkeypatch.setattr(written, "cores", lambda: 2)
    monkeypatch.setattr(written, "TEXTS_CHUNK", 2)
    monkeypatch.setattr(fsio, "MOVED_CHUNK", 2)


def table(store: Store) -> dict[str, tuple[object, ...]]:
    """The index's rows, by file name, after checking that each holds the stat of its file as it is now
    (the rest of a row does not depend on where or when the file was written)."""
    assert store.reader.index_path is not None
    db = sqlite3.connect(store.reader.index_path)
    try:
        rows = db.execute("SELECT * FROM files").fetchall()
    finally:
        db.close()
    found = {}
    for name, size, mtime_ns, ino, ctime_ns, *rest in rows:
        st = (store.folder.contacts_dir / name).lstat()
        assert (size, mtime_ns, ino, ctime_ns) == (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)
        found[name] = (size, *rest)
    return found


def import_fixture(store: Store) -> None:
    store.contacts.add(maya())  # merged: a batch changes a file too
    plan = plan_import("linkedin", FIXTURES / "linkedin_current.csv", store.reader.load().records)
    apply_import(store, plan)


def files(store: Store) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in store.folder.contacts_dir.glob("*.toml")}


def test_the_texts_and_rows_of_a_worker_are_those_made_here(
    make_store: MakeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = make_store("here")
    import_fixture(here)
    expected, expected_files = table(here), files(here)
    with monkeypatch.context() as patch:
        patch.setattr(written, "IN_BACKGROUND_FROM", 1)
        patch.setattr(written, "cores", lambda: 2)
        patch.setattr(written, "TEXTS_CHUNK", 2)
        patch.setattr(fsio, "MOVED_CHUNK", 2)
        assert len(expected) > 2 * fsio.MOVED_CHUNK  # the worker sends and is told of them in several chunks
        here_too = written_here(patch)
        there = make_store("there")
        import_fixture(there)
        assert files(there) == expected_files
        assert table(there) == expected
        assert here_too == []  # all written by the worker

        original = written.payload_json  # the rows are the worker's: made in another process
        patch.setattr(written, "payload_json", lambda contact: f"{os.getpid()} {original(contact)}")
        text = written.contact_text  # so are the texts of the new files
        patch.setattr(written, "contact_text", lambda contact: text(contact) + f"# {os.getpid()}\n".encode())
        tagged = make_store("tagged")
        import_fixture(tagged)
    pids = {str(row[2]).split(" ", 1)[0] for row in table(tagged).values()}
    assert len(pids) == 1 and str(os.getpid()) not in pids
    tags = {data.rsplit(b"# ", 1)[1] for data in files(tagged).values() if b"linkedin import" in data}
    assert tags == {f"{pids.pop()}\n".encode()}
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize("dies", ["rendering the texts", "working them out", "writing them"])
def test_a_worker_that_dies_only_means_writing_them_here(
    make_store: MakeStore, monkeypatch: pytest.MonkeyPatch, dies: str
) -> None:
    here = make_store("here")
    import_fixture(here)
    expected = table(here)
    parent = os.getpid()
    monkeypatch.setattr(written, "IN_BACKGROUND_FROM", 1)
    monkeypatch.setattr(written, "cores", lambda: 2)
    monkeypatch.setattr(written, "TEXTS_CHUNK", 2)
    monkeypatch.setattr(fsio, "MOVED_CHUNK", 2)
    if dies == "rendering the texts":
        text = written.contact_text
        rendered = 0

        def dying_text(contact: object) -> bytes:
            nonlocal rendered
            rendered += 1
            if os.getpid() != parent and rendered == 4:  # two chunks sent
                os._exit(3)
            return text(contact)  # type: ignore[arg-type]

        monkeypatch.setattr(written, "contact_text", dying_text)
    elif dies == "working them out":
        original_rows = written.index_rows

        def dying_rows(*args: object) -> written.Rows:
            if os.getpid() != parent:
                os._exit(3)
            return original_rows(*args)  # type: ignore[arg-type]

        monkeypatch.setattr(written, "index_rows", dying_rows)
    else:
        original_rows_of = written._rows
        calls = 0

        def dying_rows_of(*args: object) -> list[Row]:
            nonlocal calls
            calls += 1
            if os.getpid() != parent and calls == 2:  # a chunk of rows written, not committed
                os._exit(3)
            return original_rows_of(*args)  # type: ignore[arg-type]

        monkeypatch.setattr(written, "_rows", dying_rows_of)
    here_too = written_here(monkeypatch)
    there = make_store("there")
    import_fixture(there)
    assert files(there) == files(here)
    assert table(there) == expected
    assert here_too == [1]  # the worker died: its rows were written here
    assert multiprocessing.active_children() == []


def written_here(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Each time rows are worked out and written in this process (not the worker), how many records."""
    calls: list[int] = []
    original = written.remember_written

    def counting(index_path: Path | None, contacts_dir: Path, records: Any, rules: Any) -> int:
        calls.append(1)
        return original(index_path, contacts_dir, records, rules)

    monkeypatch.setattr(written, "remember_written", counting)
    return calls


@pytest.mark.usefixtures("in_background")
def test_after_an_import_with_a_worker_the_first_due_reads_no_file(
    store: Store, make_store: MakeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = plan_import("linkedin", FIXTURES / "linkedin_current.csv", store.reader.load().records)
    result = apply_import(store, plan)
    assert result.added
    plain = make_store(use_index=False)
    expected_due, expected_all = due_names(plain), everyone(plain)
    reads = count_reads(monkeypatch)
    assert due_names(store) == expected_due
    assert everyone(store) == expected_all
    assert reads == []


@pytest.mark.usefixtures("in_background")
def test_a_batch_stopped_half_way_leaves_no_rows_and_no_worker(store: Store) -> None:
    plan = plan_import("linkedin", FIXTURES / "linkedin_current.csv", store.reader.load().records)

    def stop(stage: str, done: int, total: int) -> None:
        if stage == "writing" and done:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        apply_import(store, plan, progress=stop)
    assert multiprocessing.active_children() == []
    assert store.reader.load().records == []
    index = store.reader.index_path
    assert index is not None
    with Index(index) as opened:
        assert opened.stats() == {}


@pytest.mark.usefixtures("in_background")
def test_a_batch_stopped_between_its_moves_leaves_no_row_of_the_worker(store: Store) -> None:
    """Committed, so finished (every file in place), but stopped: the rows the worker wrote as the
    files were moved are rolled back (the next start reads the files)."""
    plan = plan_import("linkedin", FIXTURES / "linkedin_current.csv", store.reader.load().records)
    real_replace = os.replace
    calls = 0

    def replace(a: object, b: object, **kwargs: object) -> None:
        nonlocal calls
        calls += 1
        if calls == 8:  # the commit marker, then some of the moves (told to the worker two at a time)
            raise KeyboardInterrupt
        real_replace(a, b, **kwargs)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch, pytest.raises(KeyboardInterrupt):
        patch.setattr(os, "replace", replace)
        apply_import(store, plan)
    assert multiprocessing.active_children() == []
    index = store.reader.index_path
    assert index is not None
    with Index(index) as opened:
        assert opened.stats() == {}
    assert len(store.reader.load().records) == len(plan.added)


KILLED_BETWEEN_MOVES = """
import os, signal, sys
from pathlib import Path
from netcoach.exchange.plan import apply_import, plan_import
from netcoach.storage import fsio, written
from netcoach.storage.store import Store

written.IN_BACKGROUND_FROM = 1
written.cores = lambda: 2
fsio.MOVED_CHUNK = 2
store = Store(Path(sys.argv[2]), cache_dir=Path(sys.argv[3]))
plan = plan_import("linkedin", Path(sys.argv[1]), store.reader.load().records)
real_replace = os.replace
calls = 0

def replace(a, b, **kwargs):
    global calls
    calls += 1
    if calls == 8:  # the journal's entry, the commit marker, five moves (two chunks told to the worker)
        import multiprocessing
        print(*(child.pid for child in multiprocessing.active_children()), flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    return real_replace(a, b, **kwargs)

os.replace = replace
apply_import(store, plan)
"""


def test_an_import_killed_between_its_moves_leaves_no_row_of_the_worker(store: Store, tmp_path: Path) -> None:
    source = FIXTURES / "linkedin_current.csv"
    done = subprocess.run(
        [sys.executable, "-c", KILLED_BETWEEN_MOVES, str(source), str(store.root), str(tmp_path / "cache")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert done.stderr == ""  # the worker, left alone, ends quietly (its output comes here too)
    index = store.reader.index_path
    assert index is not None and index.exists()
    with Index(index) as opened:
        assert opened.stats() == {}  # at once
    workers = [int(pid) for pid in done.stdout.split()]
    assert workers  # the import had its worker
    for pid in workers:  # and once the worker has seen its parent go and ended
        _wait_until_gone(pid)
    with Index(index) as opened:
        assert opened.stats() == {}
    expected = len(plan_import("linkedin", source, []).added)
    assert len(store.reader.load().records) == expected  # committed: rolled forward


def _wait_until_gone(pid: int, seconds: float = 30) -> None:
    """Wait for the process ``pid`` to end (a zombie not yet reaped by whoever adopted it counts as ended)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            return
        if state in ("Z", "X"):
            return
        time.sleep(0.01)  # a poll of the process's state, not a guess at how long it takes
    raise AssertionError(f"the worker {pid} did not end")


@pytest.mark.usefixtures("in_background")
def test_a_disk_that_refuses_is_worded_for_the_user_and_leaves_no_worker(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = plan_import("linkedin", FIXTURES / "linkedin_current.csv", store.reader.load().records)

    def full(*args: object, **kwargs: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(batches, "write_new_files", full)
    with pytest.raises(StoreError, match="No space left on device; nothing was imported"):
        apply_import(store, plan)
    assert multiprocessing.active_children() == []
    assert store.reader.load().records == []


def test_the_journal_reads_only_the_files_an_import_changes_and_undo_puts_all_back(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.contacts.add(maya())
    before = {p.name: p.read_bytes() for p in store.folder.contacts_dir.glob("*.toml")}
    plan = plan_import("linkedin", FIXTURES / "linkedin_current.csv", store.reader.load().records)
    plan.updates = {"maya-chen": plan.added[0].contact.model_copy(update={"name": "Maya Chen"})}
    plan.expected = {"maya-chen": store.contacts.read("maya-chen").digest}
    read: list[str] = []
    original = journal.read_in

    def counting(folder: object, name: str) -> bytes | None:
        read.append(name)
        return original(folder, name)  # type: ignore[arg-type]

    monkeypatch.setattr(journal, "read_in", counting)
    result = apply_import(store, plan)
    assert result.added and [r.id for r in result.updated] == ["maya-chen"]
    assert read == ["maya-chen.toml"]  # the new files were not there: nothing to keep, nothing read
    entry = store.journal.entries(whole=True)[0]
    assert {c.path for c in entry.files} == {f"contacts/{r.id}.toml" for r in result.added + result.updated}
    assert all(c.before is None for c in entry.files if c.path != "contacts/maya-chen.toml")
    store.journal.undo()
    assert {p.name: p.read_bytes() for p in store.folder.contacts_dir.glob("*.toml")} == before


def test_the_journal_names_files_as_before(store: Store) -> None:
    root = store.journal.root
    assert store.journal.relative(root / "contacts" / "ann.toml") == "contacts/ann.toml"
    assert store.journal.relative(root / "events" / "x" / "y.toml") == "events/x/y.toml"
    assert store.journal.relative(root.parent / (root.name + "x") / "ann.toml") is None
    assert store.journal.relative(root.parent / "elsewhere.toml") is None
    assert store.journal.relative(root.resolve() / "contacts" / "ann.toml") == "contacts/ann.toml"


@pytest.mark.parametrize("count", [3, fsio.MANY + 5])
def test_moving_a_batch_moves_only_regular_files_and_never_over_a_link(tmp_path: Path, count: int) -> None:
    source, target = tmp_path / "source", tmp_path / "target"
    source.mkdir()
    target.mkdir()
    names = [f"p{i}.toml" for i in range(count)]
    for name in names:
        (source / name).write_bytes(name.encode())
    os.symlink(tmp_path / "elsewhere", source / "link.toml")
    os.mkfifo(source / "pipe.toml")
    with Dir.open(source) as src, Dir.open(target) as dst:
        fsio.move_files(src, dst, [*names, "link.toml", "pipe.toml", "gone.toml"])
    assert sorted(p.name for p in target.iterdir()) == sorted(names)
    assert all((target / name).read_bytes() == name.encode() for name in names)
    assert sorted(p.name for p in source.iterdir()) == ["link.toml", "pipe.toml"]

    (source / "again.toml").write_bytes(b"x")
    os.symlink(tmp_path / "elsewhere", target / "again.toml")
    with Dir.open(source) as src, Dir.open(target) as dst, pytest.raises(UnsafePath):
        fsio.move_files(src, dst, [*[f"q{i}.toml" for i in range(count)], "again.toml"])
    assert (source / "again.toml").read_bytes() == b"x" and (target / "again.toml").is_symlink()


@settings(max_examples=300, deadline=None)
@given(
    path=st.text(st.characters(blacklist_categories=["Cs"])),
    after=st.none() | st.text(st.characters(blacklist_categories=["Cs"])),
    before=st.none() | st.binary(max_size=20),
)
def test_a_journal_line_is_what_json_dumps_writes(path: str, after: str | None, before: bytes | None) -> None:
    """A new file's line (the thousands of an import) is written without json.dumps, to the same bytes."""
    entry = Entry(3, 1700000000.5, "Imported x", files=(FileChange(path, before, after),), count=1)
    line: dict[str, object] = {"path": path, "after": after}
    if before is None:
        line["before"] = None
    else:
        try:
            line["before"] = before.decode("utf-8")
        except UnicodeDecodeError:
            line["before_base64"] = base64.b64encode(before).decode("ascii")
    assert entry_text(entry).decode("utf-8").split("\n")[1] == json.dumps(line, ensure_ascii=False)


def reference_linkedin(path: Path, text: str) -> Parsed:
    """LinkedIn's parser as it was before it took each row's cells at once and remembered the dates it
    had read (the reference for the property test below)."""
    rows = csv_rows(path, text, guess_delimiter(text, ["first name"]))
    columns: dict[str, int] = {}
    header_length = 0
    for _line, row in rows:
        keys = [header_key(cell) for cell in row]
        if "first name" in keys and "last name" in keys:
            for index, key in enumerate(keys):
                if key in linkedin._COLUMNS:
                    columns.setdefault(linkedin._COLUMNS[key], index)
            header_length = len(row)
            break

    def cell(row: list[str], name: str) -> str:
        index = columns.get(name)
        return row[index].strip() if index is not None and index < len(row) else ""

    raw = [(line, row) for line, row in rows if not is_blank(row)]
    dates = DateReader(cell(row, "connected_on") for _, row in raw)
    date_column = columns.get("connected_on")
    parsed = Parsed(count=len(raw))
    for line, row in raw:
        name = " ".join(f"{cell(row, 'first')} {cell(row, 'last')}".split())
        if not name:
            others = [value for index, value in enumerate(row) if index != date_column]
            only_date = bool(cell(row, "connected_on")) and is_blank(others)
            parsed.skipped.append(RowNote(line, "no name, only a date" if only_date else "no first or last name"))
            continue
        connected_on = None
        try:
            connected_on = dates.parse(cell(row, "connected_on"))
        except ValueError:
            parsed.notes.append(RowNote(line, f"left out the date {shown(cell(row, 'connected_on'))}: not a date"))
        email = cell(row, "email")
        parsed.rows.append(
            Incoming(
                line=line,
                name=name,
                company=cell(row, "company"),
                role=cell(row, "position"),
                emails=[email] if email else [],
                linkedin=cell(row, "url"),
                connected_on=connected_on,
            )
        )
        if len(row) > header_length and not is_blank(row[header_length:]):
            parsed.notes.append(RowNote(line, "this row has more cells than the header (a comma outside quotes?)"))
    return parsed


HEADERS = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On", "Other"]
CELLS = st.sampled_from(
    ["", " ", "Ann", " Lee ", "Zoë", "Acme, Inc", "30 May 2024", "1/8/18", "30/5/2024", "soon", "a@b.co", "x\ny"]
)


@settings(max_examples=300, deadline=None)
@given(
    header=st.permutations(HEADERS).flatmap(lambda h: st.lists(st.sampled_from(h), min_size=0, max_size=8, unique=True)),
    rows=st.lists(st.lists(CELLS, max_size=10), max_size=12),
)
def test_linkedin_rows_are_read_as_cell_by_cell(header: list[str], rows: list[list[str]]) -> None:
    """Rows as long as the header, shorter (a cell missing) or longer, dates repeated or not, in
    any column order: the same rows, skipped rows and notes as reading each cell on its own."""
    header = [name for name in header if name != "Last Name"] + ["Last Name"]
    if "First Name" not in header:
        header.insert(0, "First Name")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path = Path("Connections.csv")
    assert linkedin.parse(path, buffer.getvalue()) == reference_linkedin(path, buffer.getvalue())


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["", " 30 May 2024", "30 May 2024", "1/8/18", "13/1/18", "2024-05-30", "soon"]), max_size=12))
def test_a_date_read_again_is_the_date_read_the_first_time(texts: list[str]) -> None:
    def read(reader: DateReader, text: str, *, again: bool) -> object:
        try:
            return reader.parse(text) if again else reader._parse(text)
        except ValueError as error:
            return str(error)

    remembering, reading = DateReader(texts), DateReader(texts)
    assert [read(remembering, t, again=True) for t in texts * 2] == [read(reading, t, again=False) for t in texts * 2]


@pytest.mark.usefixtures("in_background")
def test_the_journal_has_the_whole_batch_before_its_commit(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """The entry is written once every file is staged (their digests known), and before the commit
    point: from the commit on, undo can put everything back."""
    store.contacts.add(maya())
    plan = plan_import("linkedin", FIXTURES / "linkedin_current.csv", store.reader.load().records)
    seen: list[tuple[int, int]] = []
    original = batches.write_in

    def commit(folder: Dir, name: str, data: bytes) -> None:
        entry = store.journal.latest()
        assert entry is not None and entry.note.startswith("Imported")
        seen.append((entry.count, len([n for n in folder.names() if n.endswith(".toml")])))
        original(folder, name, data)

    monkeypatch.setattr(batches, "write_in", commit)
    result = apply_import(store, plan)
    written_files = len(result.added) + len(result.updated)
    assert seen == [(written_files, written_files)]
    assert store.journal.entries(whole=True)[0].count == written_files
