"""An event's file edited in the user's own editor, on a copy checked before it is saved.

As for contacts (:mod:`netcoach.storage.editing`): the copy lives in ``<data>/.netcoach/editing/``
(named ``event-<id>.toml``), is validated once the editor exits and saved over the event file as
one change in the undo journal; a copy that does not validate is never saved and is kept aside
in ``<data>/.netcoach/rejected/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from netcoach.model.problem import FileProblem, Problem
from netcoach.storage.contacts import digest
from netcoach.storage.dirs import open_folder
from netcoach.storage.editing import EDITING, REJECTED, CopyText
from netcoach.storage.errors import UnsafePath, WriteFailed
from netcoach.storage.events import EventFiles, EventRecord, parse_event
from netcoach.storage.folder import OWN_DIR
from netcoach.storage.fsio import atomic_write, remove_regular
from netcoach.storage.journal import own_folder


@dataclass(frozen=True)
class EventCopy(CopyText):
    """A copy of one event file being edited: the record it was read as, its bytes then, the copy's path."""

    record: EventRecord
    original: bytes
    path: Path
    root: Path


class EventEditing:
    """Copies of event files for the user's editor, checked and saved (or kept aside) afterwards."""

    def __init__(self, events: EventFiles) -> None:
        self.events = events
        self.root = events.folder.root

    def open(self, event_id: str) -> EventCopy:
        """Write a private copy of the event's file to edit. :class:`FileProblem` if it does not load."""
        path = self.events.path_of(event_id)
        data = self.events.file_bytes(event_id)
        if data is None:
            raise FileProblem(Problem(path, 1, 1, "cannot read: the file is gone"))
        record = EventRecord(event_id, parse_event(path, data), digest(data))
        copy = own_folder(self.root, EDITING) / f"event-{event_id}.toml"
        atomic_write(copy, data, within=self.root)
        return EventCopy(record, data, copy, self.root)

    def save(self, copy: EventCopy, *, note: str | None = None) -> EventRecord:
        """Save the copy over the event file and remove the copy: :class:`FileProblem` (naming the
        copy's ``path:line:col``) or :class:`ConflictError` leave everything as it was."""
        data = copy.text()
        parse_event(copy.path, data)
        saved = self.events.save_text(copy.record, data, note=note)
        self.discard(copy)
        return saved

    def reject(self, copy: EventCopy) -> Path:
        """Keep the copy's text aside in ``.netcoach/rejected/`` (never over an earlier one); its path."""
        folder_path = own_folder(self.root, REJECTED)
        stem, number = f"event-{copy.record.id}", 1
        name = f"{stem}.toml"
        try:
            with open_folder(self.root, (OWN_DIR, REJECTED)) as folder:
                while folder.kind(name) is not None:
                    number += 1
                    name = f"{stem}-{number}.toml"
        except (OSError, UnsafePath) as error:
            raise WriteFailed(folder_path / name, str(error)) from None
        atomic_write(folder_path / name, copy.text(), within=self.root)
        self.discard(copy)
        return folder_path / name

    def discard(self, copy: EventCopy) -> None:
        """Remove the copy (a regular file only)."""
        try:
            with open_folder(self.root, (OWN_DIR, EDITING)) as folder:
                if remove_regular(folder, copy.path.name):
                    folder.fsync()
        except FileNotFoundError:
            return
        except (UnsafePath, OSError) as error:
            raise WriteFailed(copy.path, f"cannot remove it: {error}") from None
