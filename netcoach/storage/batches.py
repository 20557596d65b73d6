"""Batches (imports): many contact files written all or nothing.

Every file is written to ``<data>/contacts/.netcoach-batch/`` and synced; then the undo journal's
entry is written (before any file of the user's is touched); then a commit marker is written
atomically; then the files are moved into ``contacts/`` (a rename within one file system, wherever
``contacts/`` is mounted). A crash before the marker leaves the data as it was (the staging folder
is removed at the next write); a crash after it is rolled forward at the next start or write (see
:meth:`DataFolder.finish_batch`). A write failure is :class:`~netcoach.storage.errors.WriteFailed`;
a batch committed but not finished, the :class:`~netcoach.storage.errors.UnfinishedBatch` that
finishing it raises.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from netcoach.model.problem import FileProblem
from netcoach.model.text import slugify
from netcoach.storage.contacts import ContactFiles, ContactRecord, contact_text, digest, valid_copy
from netcoach.storage.errors import ConflictError, NotFound, StoreError, UnsafePath, WriteFailed
from netcoach.storage.folder import BATCH_COMMITTED, BATCH_DIR, CONTACTS, DataFolder, stems
from netcoach.storage.fsio import write_in, write_new_files

if TYPE_CHECKING:
    from netcoach.model.contact import Contact
    from netcoach.storage.written import PendingRows


class Batches:
    """Writes many contacts at once, all or nothing on disk."""

    def __init__(
        self,
        folder: DataFolder,
        contacts: ContactFiles,
        written: Callable[[Sequence[tuple[str, Contact]]], PendingRows | None] | None = None,
    ) -> None:
        self.folder = folder
        self.contacts = contacts
        self.written = written
        """Called (holding the lock) with a batch's (id, contact) before its files are written: their
        texts (rendered in a worker, if any, while this process writes them) and their index rows,
        worked out meanwhile, written as the files are moved into place and remembered once all are
        (dropped if it fails)."""

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
                    data = self.contacts.file_bytes(contact_id)
                except FileProblem:
                    data = None
                if (None if data is None else digest(data)) != wanted:
                    try:
                        current: ContactRecord | None = self.contacts.read(contact_id)
                    except (NotFound, FileProblem):
                        current = None
                    raise ConflictError(current, _changed(contact_id, current))
            try:
                with folder.open(CONTACTS) as contacts_dir:
                    present = stems(contacts_dir)
                try:
                    with folder.open("drafts") as drafts_dir:
                        drafts = stems(drafts_dir)
                except FileNotFoundError:
                    drafts = set()
            except UnsafePath as error:
                raise WriteFailed(folder.contacts_dir, str(error)) from None
            except OSError as error:
                raise WriteFailed(folder.contacts_dir, error.strerror or str(error)) from None
            if known is not None and not present <= set(known):
                newcomer = sorted(present - set(known))[0]
                raise ConflictError(None, f"{newcomer}.toml was added while the import was being prepared")
            new_ids = new_ids_for([c.name for c in new], present | drafts)
            batch = [
                (contact_id, given if trusted else valid_copy(given))
                for contact_id, given in [*zip(new_ids, new, strict=True), *updated.items()]
            ]
            if not batch:
                return [], []
            added: list[ContactRecord] = []
            changed: list[ContactRecord] = []
            updates: list[tuple[Path, bytes]] = []
            pending = None if self.written is None else self.written(batch)

            def staged() -> Iterator[tuple[str, bytes]]:
                """Each file of the batch, its record kept as it goes (the text rendered by the worker, if any)."""
                texts = pending.texts() if pending is not None else (contact_text(c) for _, c in batch)
                for (contact_id, contact), data in zip(batch, texts, strict=True):
                    record = ContactRecord(contact_id, contact, digest(data))
                    if len(added) < len(new_ids):
                        added.append(record)
                    else:
                        changed.append(record)
                        updates.append((self.contacts.path_of(contact_id), data))
                    yield f"{contact_id}.toml", data

            def journaled() -> tuple[list[tuple[Path, bytes]], list[tuple[str, str]]]:
                """What the journal keeps of the batch, once every file is staged: the files it replaces
                (path, bytes) and those it adds (name, digest: nothing there to keep)."""
                return updates, [(f"{CONTACTS}/{r.id}.toml", r.digest) for r in added]

            try:
                words = note or f"Added {len(new_ids)} and changed {len(updated)} contacts"
                moved = None if pending is None else pending.moved
                self._write(staged(), len(batch), journaled, words, progress, moved)
                if pending is not None:
                    pending.remember(added + changed)  # the next start reads none of these files
                    pending = None
            finally:
                if pending is not None:
                    pending.drop()
            return added, changed

    def _write(
        self,
        files: Iterable[tuple[str, bytes]],
        total: int,
        journaled: Callable[[], tuple[list[tuple[Path, bytes]], list[tuple[str, str]]]],
        words: str,
        progress: Callable[[int, int], None] | None,
        moved: Callable[[list[str]], None] | None = None,
    ) -> None:
        """Stage ``files`` (name, bytes; ``total`` of them), commit and move them into place, as one change
        in the journal. Once all are staged (nothing of the user's touched yet), and before the commit,
        ``journaled()`` gives what the journal keeps of them: the files replaced (path, bytes about to be
        written) and those added (``contacts/<id>.toml``, the digest of their bytes: found not there,
        holding the lock, so nothing to keep). ``moved`` is told the names of the files as they are
        moved into place (see :meth:`DataFolder.finish_batch`)."""
        folder = self.folder
        with folder.journal.change(words) as journal:
            try:
                folder.discard_batch()  # what a batch killed before its commit left
                with folder.open(CONTACTS) as contacts_dir, contacts_dir.sub(BATCH_DIR, create=True) as staging:
                    write_new_files(staging, files, None if progress is None else lambda done: progress(done, total))
                    replaced, created = journaled()
                    journal.before_writing(replaced, created=created)  # on disk before the commit point
                    write_in(staging, BATCH_COMMITTED, b"")  # the commit point
            except BaseException as error:
                with contextlib.suppress(OSError, StoreError):
                    folder.discard_batch()
                if isinstance(error, OSError):
                    raise WriteFailed(folder.batch_dir, error.strerror or str(error)) from None
                if isinstance(error, UnsafePath):
                    raise WriteFailed(folder.batch_dir, str(error)) from None
                raise
            journal.committed = True  # from here on the batch is finished, if not now then at the next start
            try:
                folder.finish_batch(moved=moved)
            except BaseException:
                with contextlib.suppress(OSError, StoreError):
                    folder.finish_batch()  # committed: finish even when interrupted half-way
                raise


def _changed(contact_id: str, current: ContactRecord | None) -> str:
    """Why an import stopped: whose file changed since the import was planned."""
    who = f"{current.contact.name} ({contact_id}.toml)" if current is not None else f"{contact_id}.toml"
    return f"{who} changed while the import was being prepared"


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
