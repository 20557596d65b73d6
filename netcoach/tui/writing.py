"""The app's writes: every change to a contact file, off the UI thread, and what the app hears back.

Each write runs in a worker of the app (group ``write``) and posts what happened
(:class:`~netcoach.tui.messages.ContactSaved`, :class:`~netcoach.tui.messages.ContactsWritten`,
:class:`~netcoach.tui.messages.WriteFailed`): the app's handlers change its state. A write that
finds the file changed since it was read asks the user (keep mine, or reload).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from netcoach.model.problem import FileProblem
from netcoach.storage.contacts import ContactRecord
from netcoach.storage.errors import ConflictError, StoreError
from netcoach.tui.messages import ContactChange, ContactSaved, ContactsWritten, WriteFailed

if TYPE_CHECKING:
    from netcoach.model.contact import Contact
    from netcoach.tui.app import NetcoachApp


class ContactWrites:
    """The app's writes to contact files (one worker each), and the question when a file changed meanwhile."""

    def __init__(self, app: NetcoachApp) -> None:
        self.app = app

    def update(self, contact_id: str, change: ContactChange, note: str) -> None:
        self.app.run_worker(partial(self._update, contact_id, change, note), thread=True, group="write")

    def _update(self, contact_id: str, change: ContactChange, note: str) -> None:
        """Read-modify-write one contact off the UI thread."""
        try:
            record = self.app.store.contacts.update(contact_id, change, note=note.rstrip("."))
        except (StoreError, FileProblem) as error:
            self.app.post_message(WriteFailed(str(error)))
        else:
            self.app.post_message(ContactSaved(record, note))

    def add(self, contact: Contact) -> None:
        self.app.run_worker(partial(self._add, contact), thread=True, group="write")

    def _add(self, contact: Contact) -> None:
        try:
            record = self.app.store.contacts.add(contact)
        except StoreError as error:
            self.app.post_message(WriteFailed(str(error)))
        else:
            self.app.post_message(ContactSaved(record, f"Added {record.contact.name}. u takes it back."))

    def save_edit(self, original: ContactRecord, edited: Contact, force: bool = False) -> None:
        self.app.run_worker(partial(self._save_edit, original, edited, force), thread=True, group="write")

    def _save_edit(self, original: ContactRecord, edited: Contact, force: bool = False) -> None:
        """Save the edit form; if the file changed meanwhile, ask the user (see on_conflict)."""
        try:
            record = self.app.store.contacts.save(original, edited, force=force)
        except ConflictError as conflict:
            self.app.call_from_thread(self.on_conflict, original, edited, conflict.current)
        except StoreError as error:
            self.app.post_message(WriteFailed(str(error)))
        else:
            self.app.post_message(ContactSaved(record, f"Saved {record.contact.name}."))

    def delete(self, contact_id: str) -> None:
        self.app.run_worker(partial(self._delete, contact_id), thread=True, group="write")

    def _delete(self, contact_id: str) -> None:
        """Delete one contact's file (the journal keeps it: u brings it back)."""
        try:
            record = self.app.store.contacts.read(contact_id)
            self.app.store.contacts.remove(record, note=f"Deleted {record.contact.name}")
        except (StoreError, FileProblem) as error:
            self.app.post_message(WriteFailed(str(error)))
        else:
            self.app.post_message(ContactsWritten([], [contact_id], f"Deleted {record.contact.name}. u brings them back."))

    def merge(self, keep_id: str, other_id: str) -> None:
        self.app.run_worker(partial(self._merge, keep_id, other_id), thread=True, group="write")

    def _merge(self, keep_id: str, other_id: str) -> None:
        """Merge ``other_id`` into ``keep_id`` as one change (u splits them again)."""
        try:
            keep, other = self.app.store.contacts.read(keep_id), self.app.store.contacts.read(other_id)
            note = f"Merged {other.contact.name} into {keep.contact.name}"
            saved, _, _ = self.app.store.merge(keep, other, note=note)
        except (StoreError, FileProblem) as error:
            self.app.post_message(WriteFailed(str(error)))
        else:
            self.app.post_message(ContactsWritten(saved, [other_id], f"{note}. u splits them again."))

    def undo(self) -> None:
        self.app.run_worker(partial(self._undo, ), thread=True, group="write")

    def _undo(self) -> None:
        """Undo the latest change made through netcoach (here or on the command line)."""
        from netcoach.storage.errors import NotFound
        from netcoach.storage.journal import NothingToUndo

        try:
            undone = self.app.store.journal.undo()
        except NothingToUndo:
            self.app.call_from_thread(self.app.notify, "Nothing to undo.", markup=False, timeout=4)
            return
        except (StoreError, FileProblem) as error:
            self.app.post_message(WriteFailed(str(error)))
            return
        saved, removed = [], []
        for path in undone.paths:
            folder, _, name = path.partition("/")
            if folder != "contacts" or not name.endswith(".toml"):
                continue
            try:
                saved.append(self.app.store.contacts.read(name.removesuffix(".toml")))
            except NotFound:
                removed.append(name.removesuffix(".toml"))
            except FileProblem:
                pass  # restored as it was, unreadable as it was: the next reading lists it under P
        self.app.post_message(ContactsWritten(saved, removed, f"{undone}."))

    def on_conflict(self, original: ContactRecord, edited: Contact, current: ContactRecord | None) -> None:
        from netcoach.tui.dialogs.conflict import ConflictChoice, ConflictModal

        def decided(choice: ConflictChoice | None) -> None:
            if choice is ConflictChoice.KEEP_MINE:
                merged = merge_edit(original.contact, edited, current.contact if current else None)
                base = current or original
                self.save_edit(base, merged, force=True)
            elif choice is ConflictChoice.RELOAD:
                self.app.loader.load()
                self.app.notify("Reloaded; your edit was not saved.", markup=False)

        self.app.push_screen(ConflictModal(edited.name), decided)


def merge_edit(original: Contact, edited: Contact, current: Contact | None) -> Contact:
    """The user's edit applied on top of what is on disk now: only the fields they changed move."""
    from netcoach.model.contact import Contact

    if current is None:
        return edited
    changed = {
        name: getattr(edited, name) for name in Contact.model_fields if getattr(edited, name) != getattr(original, name)
    }
    return current.model_copy(update=changed)
