"""A contact's file edited in the user's own editor, as ``crontab -e`` does it: on a copy, checked before it is saved.

The editor never touches the real file. The copy lives in ``<data>/.netcoach/editing/``; once
the editor exits, the copy is validated and, if it is good, saved over the contact file (one
change in the undo journal). A copy that does not validate is never saved: it can be edited
again, or it is moved to ``<data>/.netcoach/rejected/`` so nothing typed is lost.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from netcoach.model.problem import FileProblem, Problem
from netcoach.storage.contacts import ContactFiles, ContactRecord, digest, parse_contact
from netcoach.storage.fsio import atomic_write, fsync_dir
from netcoach.storage.journal import own_folder, read_bytes

EDITING = "editing"
REJECTED = "rejected"


@dataclass(frozen=True)
class EditCopy:
    """A copy of one contact file being edited: the record it was read as, its bytes then, and the copy's path."""

    record: ContactRecord
    original: bytes
    path: Path
    earlier: Path | None = None
    """Where an earlier edit of this contact, never finished (netcoach was killed), was kept aside."""

    def text(self) -> bytes:
        """What the copy holds now (the original, if the editor removed it)."""
        data = read_bytes(self.path)
        return self.original if data is None else data

    def changed(self) -> bool:
        return self.text() != self.original


class ContactEditing:
    """Copies of contact files for the user's editor, checked and saved (or kept aside) afterwards."""

    def __init__(self, contacts: ContactFiles) -> None:
        self.contacts = contacts
        self.root = contacts.folder.root

    def open(self, contact_id: str) -> EditCopy:
        """Read the contact and write a private copy of its file to edit. :class:`FileProblem` if it does not load."""
        path = self.contacts.path_of(contact_id)
        data = read_bytes(path)
        if data is None:
            raise FileProblem(Problem(path, 1, 1, "cannot read: the file is gone"))
        record = ContactRecord(contact_id, parse_contact(path, data), digest(data))
        copy = own_folder(self.root, EDITING) / f"{contact_id}.toml"
        earlier = None
        stale = read_bytes(copy)
        if stale is not None and stale != data:  # an edit that never finished: keep what was typed
            earlier = self.reject(EditCopy(record, data, copy))
        atomic_write(copy, data)
        return EditCopy(record, data, copy, earlier)

    def check(self, copy: EditCopy) -> None:
        """Validate the copy as it is now: :class:`FileProblem` naming the copy's ``path:line:col``."""
        parse_contact(copy.path, copy.text())

    def save(self, copy: EditCopy, *, note: str | None = None) -> ContactRecord:
        """Save the checked copy over the contact file and remove the copy.

        :class:`FileProblem` if it does not validate, :class:`ConflictError` if the contact file
        changed since the copy was made: then nothing is saved and the copy stays.
        """
        self.check(copy)
        saved = self.contacts.save_text(copy.record, copy.text(), note=note)
        self.discard(copy)
        return saved

    def reject(self, copy: EditCopy) -> Path:
        """Keep the copy's text aside in ``.netcoach/rejected/`` (an earlier one is never overwritten); its path."""
        folder = own_folder(self.root, REJECTED)
        stem, number = copy.record.id, 1
        target = folder / f"{stem}.toml"
        while target.exists():
            number += 1
            target = folder / f"{stem}-{number}.toml"
        atomic_write(target, copy.text())
        self.discard(copy)
        return target

    def discard(self, copy: EditCopy) -> None:
        """Remove the copy."""
        with contextlib.suppress(FileNotFoundError):
            os.unlink(copy.path)
            fsync_dir(copy.path.parent)
