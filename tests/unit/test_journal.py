"""The undo journal: every write path records what it replaced; undo restores it byte for byte,
refuses when a file changed since in another way, and is itself undoable."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from pathlib import Path

import pytest

from netcoach.model.changes import log_interaction
from netcoach.model.contact import Contact, Interaction
from netcoach.storage.errors import ConflictError, StoreError
from netcoach.storage.fsio import atomic_write
from netcoach.storage.journal import KEEP_DAYS, Journal, NothingToUndo, UndoRefused, digest, journaled
from netcoach.storage.store import Store
from netcoach.themes import save_theme_choice
from tests.helpers import MakeStore

DAY = 86400.0


def journal_files(store: Store) -> list[Path]:
    folder = store.root / ".netcoach" / "journal"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def contact_bytes(store: Store, contact_id: str) -> bytes | None:
    path = store.contacts.path_of(contact_id)
    return path.read_bytes() if path.exists() else None


def sent(day: dt.date) -> Interaction:
    return Interaction(date=day, kind="sent", summary="A first hello")


# -- every write path records one entry ------------------------------------------------------


def test_each_contact_write_path_is_one_entry_with_the_previous_bytes_and_the_new_digest(store: Store) -> None:
    added = store.contacts.add(Contact(name="Priya Raman"))
    first = contact_bytes(store, added.id)
    assert first is not None
    logged = store.contacts.update(
        added.id, lambda c: log_interaction(c, sent(dt.date(2026, 12, 2))), note="Logged sent with Priya Raman"
    )
    saved = store.contacts.save(logged, logged.contact.model_copy(update={"company": "Acme"}))
    store.contacts.remove(saved)
    entries = store.journal.entries(whole=True)
    assert [e.note for e in entries] == [
        "Removed Priya Raman",
        "Edited Priya Raman",
        "Logged sent with Priya Raman",
        "Added Priya Raman",
    ]
    assert [e.number for e in entries] == [4, 3, 2, 1]
    removed, edited, log, add = entries
    assert [(f.path, f.before, f.after) for f in add.files] == [("contacts/priya-raman.toml", None, digest(first))]
    assert log.files[0].before == first
    assert log.files[0].after == logged.digest
    assert edited.files[0].after == saved.digest
    assert removed.files[0].after is None
    assert removed.files[0].before is not None and digest(removed.files[0].before) == saved.digest


def test_a_change_that_changes_nothing_writes_no_entry(store: Store) -> None:
    record = store.contacts.add(Contact(name="Ana Lima"))
    store.contacts.update(record.id, lambda c: None)
    store.contacts.save(record, record.contact)
    assert len(journal_files(store)) == 1


def test_add_many_and_a_batch_are_one_entry_each(store: Store) -> None:
    store.contacts.add_many([Contact(name="Ann Lee"), Contact(name="Bob Smith")], note="Wrote two people")
    ann = store.reader.find("Ann Lee")
    store.batches.apply([Contact(name="Cy Diaz")], {ann.id: ann.contact.model_copy(update={"role": "Chef"})})
    batch, many = store.journal.entries(whole=True)
    assert many.note == "Wrote two people"
    assert sorted(f.path for f in many.files) == ["contacts/ann-lee.toml", "contacts/bob-smith.toml"]
    assert batch.note == "Added 1 and changed 1 contacts"
    assert {f.path: f.before is None for f in batch.files} == {
        "contacts/cy-diaz.toml": True,
        "contacts/ann-lee.toml": False,
    }
    store.journal.undo()
    assert store.reader.find("Ann Lee").contact.role == ""
    assert not store.contacts.path_of("cy-diaz").exists()


def test_config_is_journaled_but_drafts_are_not(store: Store) -> None:
    store.folder.config_path.parent.mkdir(parents=True, exist_ok=True)
    store.folder.config_path.write_bytes(b"# my settings\n")
    save_theme_choice(store, "netcoach-light")
    store.folder.save_file("drafts/ana-lima.toml", 'contact_id = "ana-lima"\n')
    store.folder.delete_file("drafts/ana-lima.toml")
    (entry,) = store.journal.entries(whole=True)
    assert entry.note == "Chose the theme netcoach-light"
    assert [(f.path, f.before) for f in entry.files] == [("config.toml", b"# my settings\n")]
    store.journal.undo()
    assert store.folder.config_path.read_bytes() == b"# my settings\n"
    assert journaled("config.toml") and journaled("contacts/x.toml")
    assert not journaled("drafts/x.toml") and not journaled("drafts/.x.edit.txt") and not journaled(".netcoach/x")


def test_a_write_that_fails_leaves_no_entry(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.contacts.add(Contact(name="Ana Lima"))
    real_replace = os.replace

    def failing(a: str, b: str, **kwargs: object) -> None:
        if "contacts" in str(b):
            raise OSError(28, "No space left on device")
        real_replace(a, b)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OSError):
        store.contacts.add(Contact(name="Bob Smith"))
    monkeypatch.undo()
    assert [e.note for e in store.journal.entries()] == ["Added Ana Lima"]


def test_a_conflict_writes_nothing_and_no_entry(store: Store) -> None:
    record = store.contacts.add(Contact(name="Ana Lima"))
    store.contacts.update(record.id, lambda c: setattr(c, "company", "Acme"))
    with pytest.raises(ConflictError):
        store.contacts.remove(record)
    with pytest.raises(ConflictError):
        store.contacts.replace([(record, record.contact.model_copy(update={"role": "Chef"}))], note="x")
    assert len(store.journal.entries()) == 2
    assert store.reader.find("Ana Lima").contact.company == "Acme"


# -- undo -------------------------------------------------------------------------------------


def test_undo_restores_byte_for_byte_and_undo_again_redoes(store: Store) -> None:
    record = store.contacts.add(Contact(name="Priya Raman"))
    path = store.contacts.path_of(record.id)
    hand_written = b'# my own comment\nname = "Priya Raman"\n\n\nstage = "new"\n'
    atomic_write(path, hand_written)
    record = store.contacts.read(record.id)
    store.contacts.update(record.id, lambda c: log_interaction(c, sent(dt.date(2026, 12, 2))), note="Logged sent")
    after_log = path.read_bytes()
    undone = store.journal.undo()
    assert str(undone) == "Undid: Logged sent"
    assert undone.paths == ("contacts/priya-raman.toml",)
    assert path.read_bytes() == hand_written  # the comment and the blank lines too
    redone = store.journal.undo()
    assert str(redone) == "Redid: Logged sent" and redone.redo
    assert path.read_bytes() == after_log
    assert str(store.journal.undo()) == "Undid: Logged sent"
    assert path.read_bytes() == hand_written


def test_undo_of_a_removal_brings_the_contact_back(store: Store) -> None:
    record = store.contacts.add(Contact(name="Priya Raman", company="Acme"))
    before = contact_bytes(store, record.id)
    store.contacts.remove(record)
    assert store.reader.load().records == []
    assert str(store.journal.undo()) == "Undid: Removed Priya Raman"
    assert contact_bytes(store, record.id) == before
    assert store.reader.find("Priya").contact.company == "Acme"


def test_undo_of_an_addition_removes_the_file(store: Store) -> None:
    record = store.contacts.add(Contact(name="Priya Raman"))
    store.journal.undo()
    assert not store.contacts.path_of(record.id).exists()


def test_undo_refuses_when_a_file_was_changed_outside_and_changes_nothing(store: Store) -> None:
    record = store.contacts.add(Contact(name="Priya Raman"))
    store.contacts.update(record.id, lambda c: setattr(c, "company", "Acme"), note="Set the company")
    path = store.contacts.path_of(record.id)
    edited = path.read_bytes() + b'role = "Designer"\n'
    path.write_bytes(edited)
    entries_before = len(journal_files(store))
    with pytest.raises(UndoRefused) as refused:
        store.journal.undo()
    message = str(refused.value)
    assert "\n" not in message
    assert "Set the company" in message and "contacts/priya-raman.toml" in message and "outside netcoach" in message
    assert path.read_bytes() == edited
    assert len(journal_files(store)) == entries_before


def test_undo_of_an_older_change_names_the_later_one_that_stands_in_the_way(store: Store) -> None:
    record = store.contacts.add(Contact(name="Priya Raman"))
    other = store.contacts.add(Contact(name="Ana Lima"))
    store.contacts.update(record.id, lambda c: setattr(c, "company", "Acme"), note="Set the company")
    with pytest.raises(UndoRefused, match=r'by a later change \(number 3, "Set the company"\)'):
        store.journal.undo(1)
    # an older change whose files nobody touched since can be undone on its own
    assert str(store.journal.undo(2)) == "Undid: Added Ana Lima"
    assert not store.contacts.path_of(other.id).exists()
    assert store.reader.find("Priya").contact.company == "Acme"
    with pytest.raises(NothingToUndo, match="no change number 42"):
        store.journal.undo(42)


def test_nothing_to_undo(store: Store) -> None:
    with pytest.raises(NothingToUndo):
        store.journal.undo()
    assert store.journal.entries() == [] and store.journal.latest() is None


def test_an_entry_whose_change_never_reached_the_disk_is_skipped(store: Store) -> None:
    store.contacts.add(Contact(name="Ana Lima"))
    # as if netcoach was killed between writing the entry and writing the file
    with store.folder.locked(), store.journal.change("Added Bob Smith") as change:
        change.before_writing([(store.contacts.path_of("bob-smith"), b'name = "Bob Smith"\n')])
    assert store.journal.latest() is not None and store.journal.latest().note == "Added Bob Smith"  # type: ignore[union-attr]
    assert str(store.journal.undo()) == "Undid: Added Ana Lima"
    assert "Added Bob Smith" not in [e.note for e in store.journal.entries()]


def test_previous_bytes_that_are_not_text_come_back_exactly(store: Store) -> None:
    store.folder.prepare()
    path = store.root / "contacts" / "odd.toml"
    odd = bytes(range(256))
    path.write_bytes(odd)
    with store.folder.locked(), store.journal.change("Replaced odd") as change:
        change.before_writing([(path, b"new")])
        atomic_write(path, b"new")
    store.journal.undo()
    assert path.read_bytes() == odd


def test_a_garbled_entry_is_left_out_never_a_problem(store: Store) -> None:
    store.contacts.add(Contact(name="Ana Lima"))
    folder = store.root / ".netcoach" / "journal"
    (folder / "000007-1700000000.jsonl").write_text("not json\n", encoding="utf-8")
    (folder / "notes.txt").write_text("hello", encoding="utf-8")
    assert [e.note for e in store.journal.entries()] == ["Added Ana Lima"]
    loaded = store.reader.load()
    assert [r.contact.name for r in loaded.records] == ["Ana Lima"] and loaded.problems == []


def test_an_entry_cannot_lead_a_restore_out_of_the_data_folder(store: Store, tmp_path: Path) -> None:
    store.contacts.add(Contact(name="Ana Lima"))
    folder = store.root / ".netcoach" / "journal"
    outside = tmp_path / "outside.txt"
    outside.write_text("mine", encoding="utf-8")
    head = {"format": 1, "number": 9, "at": 1.0e12, "note": "evil", "kind": "change", "subject": "", "files": 1}
    line = {"path": "../outside.txt", "after": digest(b"mine"), "before": "gotcha"}
    bad = f"{json.dumps(head)}\n{json.dumps(line)}\n"
    (folder / "000009-999999999999.jsonl").write_text(bad, encoding="utf-8")
    assert str(store.journal.undo()) == "Undid: Added Ana Lima"
    assert outside.read_text(encoding="utf-8") == "mine"


# -- where it lives ---------------------------------------------------------------------------


def test_the_journal_is_private(store: Store) -> None:
    store.contacts.add(Contact(name="Ana Lima"))
    for folder in (store.root / ".netcoach", store.root / ".netcoach" / "journal"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    (entry,) = journal_files(store)
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600


def test_a_symlinked_journal_folder_is_never_followed(store: Store, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    store.folder.prepare()
    (store.root / ".netcoach").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(StoreError, match="symbolic link"):
        store.contacts.add(Contact(name="Ana Lima"))
    assert list(elsewhere.iterdir()) == []
    assert not store.contacts.path_of("ana-lima").exists()  # nothing written without its entry
    with pytest.raises(StoreError, match="symbolic link"):
        store.journal.entries()


def test_pruned_to_the_newest_entries_of_the_last_days(make_store: MakeStore) -> None:
    store = make_store()
    now = [1_800_000_000.0]
    store.folder._journal = Journal(store.root, store.folder.locked, clock=lambda: now[0], keep_entries=3)
    for number in range(5):
        store.contacts.add(Contact(name=f"Person {number}"))
    assert [e.note for e in store.journal.entries()] == ["Added Person 4", "Added Person 3", "Added Person 2"]
    now[0] += (KEEP_DAYS + 1) * DAY
    store.contacts.add(Contact(name="Person 5"))
    assert [e.note for e in store.journal.entries()] == ["Added Person 5"]
    now[0] += DAY
    store.journal.undo()
    assert [e.note for e in store.journal.entries()] == ["Undid: Added Person 5", "Added Person 5"]


def test_two_stores_on_one_folder_number_their_entries_in_turn(make_store: MakeStore) -> None:
    one, two = make_store(), make_store(cache="other-cache")
    one.contacts.add(Contact(name="Ana Lima"))
    two.contacts.add(Contact(name="Bob Smith"))
    one.contacts.add(Contact(name="Cy Diaz"))
    assert [(e.number, e.note) for e in two.journal.entries()] == [
        (3, "Added Cy Diaz"),
        (2, "Added Bob Smith"),
        (1, "Added Ana Lima"),
    ]
