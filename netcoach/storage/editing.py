"""A contact's file edited in the user's own editor, as ``crontab -e`` does it: on a copy, checked before it is saved.

The editor never touches the real file. The copy lives in ``<data>/.netcoach/editing/``; once
the editor exits, the copy is validated and, if it is good, saved over the contact file (one
change in the undo journal). A copy that does not validate is never saved: it can be edited
again, or it is moved to ``<data>/.netcoach/rejected/`` so nothing typed is lost.

Like every file in the data folder, the copies are read, written and removed through the
hardened primitives (:mod:`netcoach.storage.fsio`): never through a link, regular files only,
at most :data:`~netcoach.storage.dirs.MAX_DATA_FILE_BYTES` read; a refusal is one line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from netcoach.model.problem import FileProblem, Problem
from netcoach.storage.contacts import ContactFiles, ContactRecord, digest, parse_contact
from netcoach.storage.dirs import open_folder
from netcoach.storage.errors import UnsafePath, WriteFailed
from netcoach.storage.folder import OWN_DIR
from netcoach.storage.fsio import atomic_write, remove_regular
from netcoach.storage.journal import own_folder, read_bytes

EDITING = "editing"
REJECTED = "rejected"


class CopyText:
    """What a copy being edited in the user's editor holds now, for a copy of a contact or an event file."""

    original: bytes
    path: Path
    root: Path

    def text(self) -> bytes:
        """What the copy holds now (the original, if the editor removed it); :class:`UnsafePath`
        if the copy is now a link, a special file or too big."""
        data = read_bytes(self.path, within=self.root)
        return self.original if data is None else data

    def changed(self) -> bool:
        return self.text() != self.original


@dataclass(frozen=True)
class EditCopy(CopyText):
    """A copy of one contact file being edited: the record it was read as, its bytes then, and the copy's path."""

    record: ContactRecord
    original: bytes
    path: Path
    root: Path
    """The data folder the copy is in (nothing below it is reached through a link)."""
    earlier: Path | None = None
    """Where an earlier edit of this contact, never finished (netcoach was killed), was kept aside."""


class ContactEditing:
    """Copies of contact files for the user's editor, checked and saved (or kept aside) afterwards."""

    def __init__(self, contacts: ContactFiles) -> None:
        self.contacts = contacts
        self.root = contacts.folder.root

    def open(self, contact_id: str) -> EditCopy:
        """Read the contact and write a private copy of its file to edit. :class:`FileProblem` if it does not load."""
        path = self.contacts.path_of(contact_id)
        data = self.contacts.file_bytes(contact_id)  # a link or a special file there: FileProblem
        if data is None:
            raise FileProblem(Problem(path, 1, 1, "cannot read: the file is gone"))
        record = ContactRecord(contact_id, parse_contact(path, data), digest(data))
        copy = own_folder(self.root, EDITING) / f"{contact_id}.toml"
        earlier = None
        try:
            stale = read_bytes(copy, within=self.root)
        except UnsafePath as error:
            raise WriteFailed(copy, f"{error}; nothing was written") from None
        if stale is not None and stale != data:  # an edit that never finished: keep what was typed
            earlier = self.reject(EditCopy(record, data, copy, self.root))
        atomic_write(copy, data, within=self.root)
        return EditCopy(record, data, copy, self.root, earlier)

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
        folder_path = own_folder(self.root, REJECTED)
        stem, number = copy.record.id, 1
        name = f"{stem}.toml"
        try:
            with open_folder(self.root, (OWN_DIR, REJECTED)) as folder:
                while folder.kind(name) is not None:  # whatever is there, a link included, is left alone
                    number += 1
                    name = f"{stem}-{number}.toml"
        except (OSError, UnsafePath) as error:
            raise WriteFailed(folder_path / name, str(error)) from None
        target = folder_path / name
        atomic_write(target, copy.text(), within=self.root)
        self.discard(copy)
        return target

    def discard(self, copy: EditCopy) -> None:
        """Remove the copy (a regular file only: a link put in its place is left alone)."""
        try:
            with open_folder(self.root, (OWN_DIR, EDITING)) as folder:
                if remove_regular(folder, copy.path.name):
                    folder.fsync()
        except FileNotFoundError:
            return
        except UnsafePath as error:
            raise WriteFailed(copy.path, f"cannot remove it: {error}") from None
        except OSError as error:
            raise WriteFailed(copy.path, f"cannot remove it: {error.strerror or error}") from None
