"""The store: a netcoach data folder and its parts, each with one job.

- :class:`~netcoach.storage.folder.DataFolder`: where things are, the lock, housekeeping,
  and other files (drafts, config) written atomically;
- :class:`~netcoach.storage.contacts.ContactFiles`: one contact file at a time;
- :class:`~netcoach.storage.batches.Batches`: many contact files, all or nothing (imports);
- :class:`~netcoach.storage.reader.Reader`: everyone, fast, through the index;
- :class:`~netcoach.storage.settings.Settings`: ``config.toml``;
- :class:`~netcoach.storage.events.EventFiles`: one event file at a time, and every event's view;
- :class:`~netcoach.storage.journal.Journal`: what every change replaced, and undo.

The store is the only code that touches the data folder. Every write goes through
:func:`netcoach.storage.fsio.atomic_write` under the lock; a file that fails to load is
reported as a :class:`~netcoach.model.problem.Problem` and never rewritten. Nothing inside
the folder is reached through a link, and only regular files are read, written or removed
(see :mod:`netcoach.storage.fsio`); every write error is a one-line
:class:`~netcoach.storage.errors.WriteFailed`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from netcoach.storage.batches import Batches
from netcoach.storage.contacts import ContactFiles, ContactRecord
from netcoach.storage.events import EventFiles
from netcoach.storage.folder import DataFolder, default_cache_dir
from netcoach.storage.index import index_path
from netcoach.storage.reader import Reader
from netcoach.storage.settings import Settings
from netcoach.storage.written import PendingRows

if TYPE_CHECKING:
    from collections.abc import Sequence

    from netcoach.model.contact import Contact
    from netcoach.storage.journal import Journal


class Store:
    """A netcoach data folder: ``folder``, ``contacts``, ``batches``, ``reader``, ``settings`` and ``events``.

    ``cache_dir`` holds the index (default: the platform's cache folder, or ``$NETCOACH_CACHE``);
    ``use_index=False`` reads every file every time (tests).
    """

    def __init__(self, root: Path, cache_dir: Path | None = None, *, use_index: bool = True) -> None:
        cache = cache_dir if cache_dir is not None else default_cache_dir()
        index = index_path(cache, root) if use_index else None
        self.folder = DataFolder(root)
        self.contacts = ContactFiles(self.folder, named_like=lambda name: self.reader.named_like(name))
        self.reader = Reader(self.folder, self.contacts, index)
        self.settings = Settings(self.folder, index)
        self.batches = Batches(self.folder, self.contacts, self._remember_written)
        self.events = EventFiles(self.folder, index)

    def _remember_written(self, batch: Sequence[tuple[str, Contact]]) -> PendingRows | None:
        """The texts and index rows of the contacts (id, contact) a batch (an import) is writing: the next
        start reads none of them."""
        if self.reader.index_path is None:
            return None
        rules, _ = self.settings.timing_rules()
        return PendingRows(self.reader.index_path, self.folder.contacts_dir, batch, rules)

    def merge(
        self, keep: ContactRecord, other: ContactRecord, *, note: str
    ) -> tuple[list[ContactRecord], list[str], list[str]]:
        """``other`` merged into ``keep`` as one change (undo splits them again); see
        :func:`~netcoach.model.changes.merge_contacts`.

        The people ``other`` introduced you to are then introduced by ``keep`` (their ``met_through``
        pointed at a file that is gone), in the same change. Returns the records written (``keep`` first), what came from
        ``other`` (in words) and the names of the people re-pointed. :class:`ConflictError` if any of
        them changed since read.
        """
        from netcoach.model.changes import merge_contacts  # pydantic: not for a warm `netcoach due`

        merged, took = merge_contacts(keep.contact, other.contact)
        if merged.met_through in (keep.id, other.id):  # "introduced by" themself, now
            merged = merged.model_copy(update={"met_through": ""})
        rules, _ = self.settings.timing_rules()
        views, _ = self.reader.views(rules)
        introduced = self.reader.records(
            [cid for cid, view in views if view.met_through == other.id and cid not in (keep.id, other.id)]
        )
        changes: list[tuple[ContactRecord, Contact | None]] = [(keep, merged), (other, None)]
        changes += [(r, r.contact.model_copy(update={"met_through": keep.id})) for r in introduced]
        saved = self.contacts.replace(changes, note=note)
        return saved, took, [r.contact.name for r in introduced]

    @property
    def root(self) -> Path:
        return self.folder.root

    @property
    def journal(self) -> Journal:
        """The undo journal: every change made through netcoach, and undo."""
        return self.folder.journal
