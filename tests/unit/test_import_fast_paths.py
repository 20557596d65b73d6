"""The fast paths of a large import keep its behaviour: its index rows, worked out in a forked
worker while its files are written (storage/written.py), are exactly those worked out here, and a
failed batch leaves neither rows nor a worker behind; the journal reads only the files the import
changes, and undo still puts everything back; moving thousands of staged files by two listings
still moves only regular files and never over a link."""

from __future__ import annotations

import base64
import json
import multiprocessing
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netcoach.exchange.plan import apply_import, plan_import
from netcoach.storage import batches, fsio, journal, written
from netcoach.storage.dirs import Dir
from netcoach.storage.errors import StoreError, UnsafePath
from netcoach.storage.index import Index
from netcoach.storage.journal_entries import Entry, FileChange, entry_text
from netcoach.storage.store import Store
from netcoach.timing.rules import DEFAULT_RULES
from tests.helpers import MakeStore, maya
from tests.unit.test_index_after_import import FIXTURES, count_reads, due_names, everyone


@pytest.fixture
def in_background(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every batch's rows in a worker, as for 30,000 people on two cores."""
    monkeypatch.setattr(written, "IN_BACKGROUND_FROM", 1)
    monkeypatch.setattr(written, "cores", lambda: 2)


def contacts() -> list[object]:
    plan = plan_import("linkedin", FIXTURES / "linkedin_current.csv", [])
    return [maya(), *(a.contact for a in plan.added)]


@pytest.mark.usefixtures("in_background")
def test_the_rows_come_from_a_worker_and_are_those_worked_out_here(monkeypatch: pytest.MonkeyPatch) -> None:
    people = contacts()
    expected = written.index_rows(people, DEFAULT_RULES)  # type: ignore[arg-type]
    rows, _ = written.rows_later(people, DEFAULT_RULES)  # type: ignore[arg-type]
    assert rows() == expected

    original = written.payload_json
    monkeypatch.setattr(written, "payload_json", lambda contact: f"{os.getpid()} {original(contact)}")
    rows, _ = written.rows_later(people, DEFAULT_RULES)  # type: ignore[arg-type]
    pids = {payload.split(" ", 1)[0] for payload, _, _ in rows()}
    assert len(pids) == 1 and str(os.getpid()) not in pids
    assert multiprocessing.active_children() == []


@pytest.mark.usefixtures("in_background")
def test_a_worker_that_dies_only_means_working_them_out_here(monkeypatch: pytest.MonkeyPatch) -> None:
    people = contacts()
    expected = written.index_rows(people, DEFAULT_RULES)  # type: ignore[arg-type]
    original = written.index_rows
    parent = os.getpid()

    def dying(*args: object) -> written.Rows:
        if os.getpid() != parent:
            os._exit(3)
        return original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(written, "index_rows", dying)
    rows, _ = written.rows_later(people, DEFAULT_RULES)  # type: ignore[arg-type]
    assert rows() == expected


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
