"""The undo journal and the editor's copies go through the data folder's hardened primitives: no
link followed, only regular files read, replaced or removed, netcoach's own temp names, one
WriteFailed line; `netcoach check` treats .netcoach/ as netcoach's own but reports a link or a
special file there; a batch staged in contacts/.netcoach-batch is one journal entry that undo
takes back byte for byte, even when it was finished later."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from netcoach.model.contact import Contact
from netcoach.storage import fsio
from netcoach.storage.contacts import contact_toml
from netcoach.storage.dirs import TEMP_SUFFIX, is_temp_name
from netcoach.storage.editing import ContactEditing
from netcoach.storage.errors import StoreError, UnfinishedBatch, WriteFailed
from netcoach.storage.fsio import atomic_write_many
from netcoach.storage.journal import UndoRefused
from netcoach.storage.store import Store
from tests.helpers import maya, snapshot

LINK_REASON = "a symbolic link: netcoach does not follow links in its data folder"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside the data folder that nothing netcoach does may change."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "important.txt").write_text("keep me\n")
    return folder


def temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(TEMP_SUFFIX)]


# -- atomic_write_many: many files, one sync, the hardened way --------------------------------------


def test_atomic_write_many_syncs_once_with_netcoachs_temp_names(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.folder.prepare()
    contacts = store.folder.contacts_dir
    (contacts / "gone.toml").write_bytes(b"old\n")
    files: list[tuple[Path, bytes | None]] = [(contacts / f"p{i}.toml", f"n = {i}\n".encode()) for i in range(50)]
    files.append((contacts / "gone.toml", None))
    syncs: list[None] = []
    made: list[str] = []
    real_sync, real_create = os.sync, fsio.Dir.create

    def create(folder: fsio.Dir, name: str) -> int:
        made.append(name)
        return real_create(folder, name)

    monkeypatch.setattr(os, "sync", lambda: (syncs.append(None), real_sync())[1])
    monkeypatch.setattr(fsio.Dir, "create", create)
    atomic_write_many(files, within=store.root)
    monkeypatch.undo()
    assert len(syncs) == 1  # one flush for them all, not one per file
    assert len(made) == 50 and all(is_temp_name(name) for name in made)
    assert all((contacts / f"p{i}.toml").read_bytes() == f"n = {i}\n".encode() for i in range(50))
    assert all(stat.S_IMODE((contacts / f"p{i}.toml").stat().st_mode) == 0o600 for i in range(50))
    assert not (contacts / "gone.toml").exists()
    assert temp_files(store.root) == []


@pytest.mark.parametrize("removing", [False, True])
def test_atomic_write_many_never_replaces_or_removes_a_link_and_changes_nothing(
    store: Store, outside: Path, removing: bool
) -> None:
    store.folder.prepare()
    contacts = store.folder.contacts_dir
    (contacts / "a.toml").write_bytes(b"a\n")
    (contacts / "z.toml").symlink_to(outside / "important.txt")
    before = snapshot(outside)
    with pytest.raises(WriteFailed) as caught:
        atomic_write_many(
            [(contacts / "a.toml", b"changed\n"), (contacts / "z.toml", None if removing else b"gotcha\n")],
            within=store.root,
        )
    assert str(caught.value).startswith(f"cannot write {contacts / 'z.toml'}: it is {LINK_REASON}")
    assert (contacts / "a.toml").read_bytes() == b"a\n"  # found before any file changed
    assert (contacts / "z.toml").is_symlink() and snapshot(outside) == before
    assert temp_files(store.root) == []


def test_atomic_write_many_never_goes_through_a_linked_folder_or_out_of_the_data_folder(
    store: Store, outside: Path, tmp_path: Path
) -> None:
    store.folder.prepare()
    (store.root / "drafts").symlink_to(outside)
    before = snapshot(outside)
    with pytest.raises(WriteFailed, match="symbolic link"):
        atomic_write_many([(store.root / "drafts" / "important.txt", b"gotcha\n")], within=store.root)
    with pytest.raises(WriteFailed, match="outside the data folder"):
        atomic_write_many([(tmp_path / "outside" / "important.txt", b"gotcha\n")], within=store.root)
    assert snapshot(outside) == before


def test_atomic_write_many_failing_half_way_is_one_line_and_leaves_no_temp_file(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.folder.prepare()
    contacts = store.folder.contacts_dir
    real_replace = os.replace
    calls = 0

    def replace(a: str, b: str, **kwargs: object) -> None:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise OSError(28, os.strerror(28))
        real_replace(a, b, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(WriteFailed) as caught:
        atomic_write_many([(contacts / f"p{i}.toml", b"x\n") for i in range(5)], within=store.root)
    monkeypatch.undo()
    assert str(caught.value) == f"cannot write {contacts / 'p2.toml'}: No space left on device"
    assert temp_files(store.root) == []


# -- the journal reads and restores only regular files, never through a link --------------------------


def test_undo_never_writes_through_a_link_put_where_a_contact_was(store: Store, outside: Path) -> None:
    record = store.contacts.add(maya())
    store.contacts.update(record.id, lambda c: setattr(c, "notes", "later"), note="Set the notes")
    path = store.contacts.path_of(record.id)
    path.unlink()
    path.symlink_to(outside / "important.txt")
    before = snapshot(outside)
    with pytest.raises(UndoRefused) as refused:
        store.journal.undo()
    message = str(refused.value)
    assert "\n" not in message and "Set the notes" in message and "symbolic link" in message
    assert path.is_symlink() and snapshot(outside) == before


def test_a_change_over_a_link_is_refused_before_its_entry_is_written(store: Store, outside: Path) -> None:
    store.contacts.add(maya())
    store.folder.prepare()
    link = store.folder.config_path
    link.symlink_to(outside / "important.txt")
    with pytest.raises(WriteFailed) as caught:
        store.folder.save_file("config.toml", 'theme = "x"\n')
    assert str(caught.value) == f"cannot write {link}: it is {LINK_REASON}; nothing was written"
    assert [e.note for e in store.journal.entries()] == ["Added Maya Chen"]
    assert (outside / "important.txt").read_text() == "keep me\n"


def test_planted_entries_are_never_read_followed_or_pruned(store: Store, outside: Path) -> None:
    store.contacts.add(maya())
    journal = store.root / ".netcoach" / "journal"
    planted = (
        '{"format": 1, "number": 9, "at": 1.0, "note": "planted", "kind": "change", "subject": "", "files": 1}\n'
        '{"path": "contacts/maya-chen.toml", "after": null, "before": "name = \\"Planted\\"\\n"}\n'
    )
    (outside / "entry.jsonl").write_text(planted)
    (journal / "000009-1.jsonl").symlink_to(outside / "entry.jsonl")
    os.mkfifo(journal / "000008-1.jsonl")  # opened to read, it would wait for a writer for ever
    assert [e.note for e in store.journal.entries()] == ["Added Maya Chen"]
    assert store.journal.latest() is not None and store.journal.latest().note == "Added Maya Chen"  # type: ignore[union-attr]
    store.contacts.update("maya-chen", lambda c: setattr(c, "notes", "x"))  # prunes: both are old
    assert (journal / "000009-1.jsonl").is_symlink() and stat.S_ISFIFO(os.lstat(journal / "000008-1.jsonl").st_mode)
    assert str(store.journal.undo()) == "Undid: Changed Maya Chen"
    assert (outside / "entry.jsonl").read_text() == planted


def test_a_killed_writers_temp_file_in_the_journal_is_removed_by_the_next_write(store: Store) -> None:
    store.contacts.add(maya())
    journal = store.root / ".netcoach" / "journal"
    stray = journal / fsio.temp_name("000002-1.jsonl")
    stray.write_bytes(b"half")
    mine = journal / ".000002-1.jsonl.tmp"  # not a name netcoach makes: left alone
    mine.write_bytes(b"mine")
    store.contacts.update("maya-chen", lambda c: setattr(c, "notes", "x"))
    assert not stray.exists() and mine.read_bytes() == b"mine"


# -- a batch in contacts/.netcoach-batch is one entry, even when finished later ---------------------


def test_a_batch_finished_at_the_next_write_is_undone_byte_for_byte(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.contacts.add(maya())
    maya_before = store.contacts.path_of("maya-chen").read_bytes()
    real_replace = os.replace

    def replace(a: str, b: str, **kwargs: object) -> None:
        if str(b).endswith(".toml"):  # every move into contacts/ fails: the batch is committed, not finished
            raise OSError(18, os.strerror(18))
        real_replace(a, b, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(UnfinishedBatch):
        store.batches.apply(
            [Contact(name="Ann Lee")], {"maya-chen": maya(notes="from the import")}, note="Imported 2 people"
        )
    monkeypatch.undo()
    assert store.folder.batch_committed()
    (entry, _) = store.journal.entries(whole=True)  # the committed batch keeps its entry
    assert entry.note == "Imported 2 people"
    assert {f.path: f.before for f in entry.files} == {
        "contacts/ann-lee.toml": None,
        "contacts/maya-chen.toml": maya_before,
    }
    assert str(store.journal.undo()) == "Undid: Imported 2 people"  # the lock finishes the batch first
    assert not store.folder.batch_dir.exists()
    assert not store.contacts.path_of("ann-lee").exists()
    assert store.contacts.path_of("maya-chen").read_bytes() == maya_before


def test_a_batch_that_fails_before_its_commit_leaves_no_entry(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.contacts.add(maya())
    real_write = os.write
    written = 0

    def write(fd: int, data: bytes) -> int:
        nonlocal written
        written += 1
        if written > 1:  # the journal entry is written; the staged files are not
            raise OSError(28, os.strerror(28))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)
    with pytest.raises(WriteFailed, match="No space left on device"):
        store.batches.apply([Contact(name="Ann Lee"), Contact(name="Bob Smith")], {})
    monkeypatch.undo()
    assert [e.note for e in store.journal.entries()] == ["Added Maya Chen"]
    assert not store.folder.batch_dir.exists()


# -- the editor's copies -------------------------------------------------------------------------------


def test_an_editing_folder_that_is_a_link_is_never_written(store: Store, outside: Path) -> None:
    store.contacts.add(maya())
    (store.root / ".netcoach" / "editing").symlink_to(outside)
    before = snapshot(outside)
    with pytest.raises(WriteFailed) as caught:
        ContactEditing(store.contacts).open("maya-chen")
    assert "\n" not in str(caught.value) and "symbolic link" in str(caught.value)
    assert snapshot(outside) == before


def test_a_rejected_edit_never_overwrites_or_follows_what_is_there(store: Store, outside: Path) -> None:
    store.contacts.add(maya())
    editing = ContactEditing(store.contacts)
    copy = editing.open("maya-chen")
    copy.path.write_bytes(b"not = [toml\n")
    rejected = store.root / ".netcoach" / "rejected"
    rejected.mkdir()
    (rejected / "maya-chen.toml").symlink_to(outside / "not-yet.txt")  # dangling: its name is taken all the same
    before = snapshot(outside)
    kept = editing.reject(copy)
    assert kept == rejected / "maya-chen-2.toml" and kept.read_bytes() == b"not = [toml\n"
    assert (rejected / "maya-chen.toml").is_symlink() and snapshot(outside) == before
    assert not copy.path.exists()


def test_a_copy_the_editor_turned_into_a_link_is_never_read(store: Store, outside: Path) -> None:
    store.contacts.add(maya())
    editing = ContactEditing(store.contacts)
    copy = editing.open("maya-chen")
    copy.path.unlink()
    (outside / "evil.toml").write_text(contact_toml(Contact(name="Evil Twin")))
    copy.path.symlink_to(outside / "evil.toml")
    with pytest.raises(StoreError, match="symbolic link"):
        editing.save(copy)
    assert store.reader.find("Maya").contact.name == "Maya Chen"
    with pytest.raises(WriteFailed, match="symbolic link"):
        editing.discard(copy)  # a link in the copy's place is left alone
    assert copy.path.is_symlink()


# -- `netcoach check`: .netcoach/ is netcoach's own ------------------------------------------------


def test_check_leaves_netcoachs_own_files_alone_but_reports_links_and_special_files(
    store: Store, outside: Path
) -> None:
    store.contacts.add(maya())
    editing = ContactEditing(store.contacts)
    copy = editing.open("maya-chen")
    copy.path.write_bytes(b"bad = [\n")
    editing.reject(editing.open("maya-chen"))  # .netcoach/rejected/maya-chen.toml, and a fresh copy
    (store.root / ".netcoach" / "journal" / fsio.temp_name("000009-1.jsonl")).write_bytes(b"half")
    assert store.folder.layout_problems() == []
    own = store.root / ".netcoach"
    (own / "journal" / "000009-1.jsonl").symlink_to(outside / "important.txt")
    os.mkfifo(own / "rejected" / "pipe")
    (own / "stray").symlink_to(outside)
    found = {(str(p.path.relative_to(store.root)), p.message.split(" (to ")[0]) for p in store.folder.layout_problems()}
    assert found == {
        (".netcoach/journal/000009-1.jsonl", "a symbolic link"),
        (".netcoach/rejected/pipe", "a named pipe (FIFO), not a file"),
        (".netcoach/stray", "a symbolic link"),
    }


@pytest.mark.parametrize("kind", ["link", "file"])
def test_check_reports_a_netcoach_folder_that_is_a_link_or_a_file(store: Store, outside: Path, kind: str) -> None:
    store.folder.prepare()
    own = store.root / ".netcoach"
    if kind == "link":
        own.symlink_to(outside)
    else:
        own.write_text("not a folder\n")
    (problem,) = store.folder.layout_problems()
    assert problem.path == own
    assert problem.message.startswith("a symbolic link (to" if kind == "link" else "a file, not a folder")
    with pytest.raises(WriteFailed):  # and nothing is written there (nor, through it, outside)
        store.contacts.add(maya())
    assert not store.contacts.path_of("maya-chen").exists()
    assert snapshot(outside) == {"important.txt": b"keep me\n"}
