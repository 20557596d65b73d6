"""Batches (imports): many contact files written all or nothing.

Every file is written to ``<data>/.batch/`` and synced; then a commit marker is written
atomically; then the files are moved into ``contacts/``. A crash before the marker leaves the
data as it was (the staging folder is removed at the next start); a crash after it is rolled
forward at the next start or write (see :meth:`DataFolder.finish_batch`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import TYPE_CHECKING

from netcoach.model.text import slugify
from netcoach.storage.contacts import ContactFiles, ContactRecord, contact_toml, digest, valid_copy
from netcoach.storage.errors import ConflictError
from netcoach.storage.folder import BATCH_COMMITTED, BATCH_DIR, DataFolder, stems
from netcoach.storage.fsio import atomic_write, write_new_files

if TYPE_CHECKING:
    from netcoach.model.contact import Contact


class Batches:
    """Writes many contacts at once, all or nothing on disk."""

    def __init__(self, folder: DataFolder, contacts: ContactFiles) -> None:
        self.folder = folder
        self.contacts = contacts

    def apply(
        self,
        new: Sequence[Contact],
        updated: Mapping[str, Contact],
        *,
        expected: Mapping[str, str] | None = None,
        known: Collection[str] | None = None,
        trusted: bool = False,
        progress: Callable[[int, int], None] | None = None,
        note: str | None = None,
    ) -> tuple[list[ContactRecord], list[ContactRecord]]:
        """Add ``new`` contacts and replace ``updated`` ones (by id), all or nothing on disk.

        ``expected`` maps ids to the digests read: if any of those files changed since,
        :class:`ConflictError` and nothing is written; so too if ``known`` (the ids the caller
        saw) misses a contact file that is there now. ``trusted`` skips validating the contacts
        again: pass it only for contacts made by ``Contact.model_validate`` and not changed since
        (the importers' are). ``progress(done, total)`` is called as files are staged; an
        exception it raises aborts the batch with nothing written. The batch is one change in the
        undo journal, described as ``note``. Returns (added, updated) records.
        """
        folder = self.folder
        with folder.locked():
            for contact_id, wanted in (expected or {}).items():
                try:
                    current: str | None = digest(self.contacts.path_of(contact_id).read_bytes())
                except FileNotFoundError:
                    current = None
                if current != wanted:
                    raise ConflictError(None)
            present = stems(folder.contacts_dir)
            if known is not None and not present <= set(known):
                raise ConflictError(None)  # someone was added since the caller looked
            new_ids = new_ids_for([c.name for c in new], present | stems(folder.drafts_dir))
            staged: list[tuple[str, bytes]] = []
            added: list[ContactRecord] = []
            changed: list[ContactRecord] = []
            for records, pairs in ((added, zip(new_ids, new, strict=True)), (changed, updated.items())):
                for contact_id, given in pairs:
                    contact = given if trusted else valid_copy(given)
                    data = contact_toml(contact).encode("utf-8")
                    staged.append((f"{contact_id}.toml", data))
                    records.append(ContactRecord(contact_id, contact, digest(data)))
            if not staged:
                return added, changed
            staging = folder.root / BATCH_DIR
            total = len(staged)
            words = note or f"Added {len(added)} and changed {len(changed)} contacts"
            with folder.journal.change(words) as journal:
                journal.before_writing((self.contacts.path_of(name[: -len(".toml")]), data) for name, data in staged)
                try:
                    write_new_files(staging, staged, None if progress is None else lambda done: progress(done, total))
                    atomic_write(staging / BATCH_COMMITTED, b"")  # the commit point
                except BaseException:
                    with contextlib.suppress(OSError):
                        folder.discard_batch()
                    raise
                journal.committed = True  # from here on the batch is finished, if not now then at the next start
                try:
                    folder.finish_batch()
                except BaseException:
                    with contextlib.suppress(OSError):
                        folder.finish_batch()  # committed: finish even when interrupted half-way
                    raise
            return added, changed


def new_ids_for(names: Sequence[str], taken: set[str]) -> list[str]:
    """New ids for ``names``, as :meth:`ContactFiles.new_id` gives them: distinct from ``taken`` and each other."""
    taken = set(taken)
    numbers: dict[str, int] = {}
    ids = []
    for name in names:
        base = slugify(name)
        number = numbers.get(base, 1)
        candidate = base if number == 1 else f"{base}-{number}"
        while candidate in taken:
            number += 1
            candidate = f"{base}-{number}"
        numbers[base] = number
        taken.add(candidate)
        ids.append(candidate)
    return ids
