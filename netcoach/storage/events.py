"""Event files: one TOML file per event in ``<data>/events/``, read and written one at a time.

Like contact files (:mod:`netcoach.storage.contacts`): every write goes through
:func:`netcoach.storage.fsio.atomic_write` under the data folder's lock, after checking that the
file did not change since it was read, and is recorded in the undo journal first. A file that
fails to load is a :class:`~netcoach.model.problem.Problem` (``path:line:col``) and is never
rewritten; a link, a special file or a file over 1 MB is never read.

``netcoach due`` reads every event's date at each login: :meth:`EventFiles.views` only stats
the files and takes the light :class:`~netcoach.model.event_view.EventView` from the index's
copy of each file it knows as it is now (no pydantic); anything else is read and remembered.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISREG
from typing import TYPE_CHECKING

from netcoach.model.event_view import EventView, event_brief
from netcoach.model.problem import FileProblem, Problem
from netcoach.model.text import fold, slugify
from netcoach.storage.contacts import digest
from netcoach.storage.dirs import MAX_DATA_FILE_BYTES, too_big, what_it_is
from netcoach.storage.errors import ConflictError, NotFound, StoreError, UnsafePath
from netcoach.storage.folder import DataFolder
from netcoach.storage.fsio import atomic_write
from netcoach.storage.index import Index, Stat, settled_before
from netcoach.storage.tomlfile import compact, read_model, to_toml

if TYPE_CHECKING:
    from netcoach.model.event import Event

EVENTS = "events"
_KEY = "events/"  # the index remembers each event file under this prefix (its other_files table)


class AmbiguousEvent(StoreError):
    """Several events match a name; ``candidates`` are they."""

    def __init__(self, message: str, candidates: list[EventRecord]) -> None:
        super().__init__(message)
        self.candidates = candidates


@dataclass(frozen=True)
class EventRecord:
    """An event as stored: its id (the file's stem), the event, and the digest of the file read."""

    id: str
    event: Event
    digest: str


def event_toml(event: Event) -> str:
    """The TOML text of an event: fields in a fixed order, unset ones left out."""
    data = event.model_dump(mode="python")
    if not data["nobody"]:
        del data["nobody"]
    return to_toml(compact(data, keep=("name", "date")))


def parse_event(path: Path, data: bytes) -> Event:
    """Validate an event file's bytes; a problem raises :class:`FileProblem` (``path:line:col``)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise FileProblem(Problem(path, line, 1, "not UTF-8 text")) from None
    from netcoach.model.event import Event

    return read_model(path, text, Event)


def valid_event(event: Event) -> Event:
    """``event`` validated again, however it was built: only valid data is stored."""
    from netcoach.model.event import Event

    return Event.model_validate(event.model_dump())


class EventFiles:
    """Reading, adding, changing and removing event files; every event's view, fast.

    ``index_path`` is the index (None: no index, every file read every time).
    """

    def __init__(self, folder: DataFolder, index_path: Path | None) -> None:
        self.folder = folder
        self.index_path = index_path

    @property
    def dir(self) -> Path:
        return self.folder.root / EVENTS

    def path_of(self, event_id: str) -> Path:
        return self.dir / f"{event_id}.toml"

    # -- reading -------------------------------------------------------------------------

    def file_bytes(self, event_id: str) -> bytes | None:
        """The event file's bytes, None if it is not there; :class:`FileProblem` if it cannot be read."""
        path = self.path_of(event_id)
        try:
            return self.folder.read_bytes(f"{EVENTS}/{event_id}.toml")
        except FileNotFoundError:
            return None
        except UnsafePath as error:
            raise FileProblem(Problem(error.path, 1, 1, error.reason)) from None
        except (OSError, StoreError) as error:
            reason = error.strerror if isinstance(error, OSError) else str(error)
            raise FileProblem(Problem(path, 1, 1, f"cannot read: {reason or error}")) from None

    def read(self, event_id: str) -> EventRecord:
        """One event from its file: :class:`NotFound` or :class:`FileProblem`."""
        data = self.file_bytes(event_id)
        if data is None:
            raise NotFound(f"no event file {self.path_of(event_id)}")
        return EventRecord(event_id, parse_event(self.path_of(event_id), data), digest(data))

    def ids(self) -> list[str]:
        """The ids of the event files, sorted (none when the folder is not there)."""
        try:
            return [name.removesuffix(".toml") for name in self.folder.names(EVENTS)]
        except UnsafePath:
            return []

    def load(self) -> tuple[list[EventRecord], list[Problem]]:
        """Every event that loads (by date, then name), and a problem for every file that does not."""
        records: list[EventRecord] = []
        problems: list[Problem] = []
        try:
            ids = [name.removesuffix(".toml") for name in self.folder.names(EVENTS)]
        except UnsafePath as error:
            return [], [Problem(error.path, 1, 1, error.reason)]
        for event_id in ids:
            try:
                records.append(self.read(event_id))
            except FileProblem as problem:
                problems.append(problem.problem)
            except NotFound:
                continue
        records.sort(key=lambda r: (r.event.date, fold(r.event.name)))
        return records, problems

    def views(self) -> tuple[list[EventView], list[Problem]]:
        """Every event's light view (by date, then name) and the problems: fast, through the index.

        Only stats the files; a file the index knows as it is now is not read (and pydantic is not
        loaded). A file modified in the last two seconds is read but not remembered.
        """
        views: list[EventView] = []
        problems: list[Problem] = []
        try:
            folder = self.folder.open(EVENTS)
        except FileNotFoundError:
            return [], []
        except UnsafePath as error:
            return [], [Problem(error.path, 1, 1, error.reason)]
        except (OSError, StoreError) as error:
            return [], [Problem(self.dir, 1, 1, f"cannot read this folder: {error}")]
        with folder, Index(self.index_path) as index:
            known = index.remembered_under(_KEY)
            settled = settled_before()
            remember: list[tuple[str, Stat, str]] = []
            for entry in sorted(folder.scandir(), key=lambda e: e.name):
                name = entry.name
                if name.startswith(".") or not name.endswith(".toml"):
                    continue
                event_id = name.removesuffix(".toml")
                try:
                    st = entry.stat(follow_symlinks=False)
                except FileNotFoundError:
                    continue
                stat = Stat.of(st)
                if not S_ISREG(st.st_mode) or st.st_size > MAX_DATA_FILE_BYTES:
                    reason = what_it_is(st.st_mode) or too_big(st.st_size, MAX_DATA_FILE_BYTES)
                    problems.append(Problem(self.dir / name, 1, 1, reason))
                    continue
                copy = known.get(_KEY + name)
                value = copy[1] if copy is not None and copy[0] == stat else None
                if value is None:
                    value = self._read_value(event_id)
                    if value is None:
                        continue
                    if stat.mtime_ns < settled:
                        remember.append((_KEY + name, stat, value))
                kind, *rest = json.loads(value)
                if kind == "event":
                    views.append(EventView.from_brief(event_id, rest[0]))
                else:
                    line, col, message = rest
                    problems.append(Problem(self.dir / name, int(line), int(col), str(message)))
            index.remember_many(remember)
        views.sort(key=lambda v: (v.date, fold(v.name)))
        return views, problems

    def _read_value(self, event_id: str) -> str | None:
        """What the index remembers of an event file: its brief, or its problem (JSON). None if gone."""
        try:
            record = self.read(event_id)
        except NotFound:
            return None
        except FileProblem as error:
            p = error.problem
            return json.dumps(["problem", p.line, p.col, p.message])
        return json.dumps(["event", event_brief(record.event)])

    def find(self, query: str) -> EventRecord:
        """The one event ``query`` names (see :func:`find_event`)."""
        records, _ = self.load()
        return find_event(query, records)

    # -- writing -------------------------------------------------------------------------

    def _write(self, event_id: str, event: Event, note: str) -> EventRecord:
        """Write an event's file (atomically, never through a link): the one place one is written."""
        event = valid_event(event)
        data = event_toml(event).encode("utf-8")
        path = self.path_of(event_id)
        with self.folder.journal.change(note) as change:
            change.before_writing([(path, data)])
            atomic_write(path, data, within=self.folder.root)
        return EventRecord(event_id, event, digest(data))

    def new_id(self, event: Event) -> str:
        """A file stem for a new event (its name and date), distinct from every file already there."""
        base = f"{slugify(event.name, max_length=60)}-{event.date.isoformat()}"
        candidate, number = base, 1
        while os.path.lexists(self.path_of(candidate)):
            number += 1
            candidate = f"{base}-{number}"
        return candidate

    def add(self, event: Event, *, note: str | None = None) -> EventRecord:
        """Add a new event under a new id (undo removes it)."""
        with self.folder.locked():
            return self._write(self.new_id(event), event, note or f"Added the event {event.name}")

    def _check_unchanged(self, record: EventRecord) -> None:
        data = self.file_bytes(record.id)
        if (None if data is None else digest(data)) != record.digest:
            raise ConflictError(None, "this event was changed elsewhere since it was read")

    def save(self, record: EventRecord, event: Event, *, note: str | None = None) -> EventRecord:
        """Save an edited event; :class:`ConflictError` if its file changed since ``record`` was read."""
        with self.folder.locked():
            self._check_unchanged(record)
            if event == record.event:
                return record
            return self._write(record.id, event, note or f"Edited the event {event.name}")

    def update(self, event_id: str, change: Callable[[Event], Event], *, note: str | None = None) -> EventRecord:
        """Read-modify-write under the lock: ``change`` gets the event as it is on disk now."""
        with self.folder.locked():
            record = self.read(event_id)
            changed = change(record.event.model_copy(deep=True))
            if changed == record.event:
                return record
            return self._write(event_id, changed, note or f"Changed the event {changed.name}")

    def save_text(self, record: EventRecord, data: bytes, *, note: str | None = None) -> EventRecord:
        """Save an event file's new bytes as they are (an edit in the user's editor), once they validate.

        :class:`FileProblem` if they do not, :class:`ConflictError` if the file changed since read:
        either way nothing is written.
        """
        path = self.path_of(record.id)
        event = parse_event(path, data)
        with self.folder.locked():
            self._check_unchanged(record)
            with self.folder.journal.change(note or f"Edited the event {event.name}") as change:
                change.before_writing([(path, data)])
                atomic_write(path, data, within=self.folder.root)
        return EventRecord(record.id, event, digest(data))

    def remove(self, record: EventRecord, *, note: str | None = None) -> None:
        """Remove an event's file (undo brings it back); :class:`ConflictError` if it changed since read."""
        words = note or f"Removed the event {record.event.name}"
        with self.folder.locked():
            self._check_unchanged(record)
            self.folder.delete_file(f"{EVENTS}/{record.id}.toml", note=words)


def find_event(query: str, records: list[EventRecord]) -> EventRecord:
    """The one event ``query`` names: its exact name, else its id, else a unique prefix of a name
    or of an id (case- and accent-insensitive). An exact name shared by several events (a monthly
    meetup) is ambiguous unless ``query`` is one of their ids."""
    key = fold(query)
    if not key:
        raise NotFound("give an event's name")
    exact = [r for r in records if fold(r.event.name) == key]
    if len(exact) == 1:
        return exact[0]
    by_id = [r for r in records if r.id == query.strip()]
    if by_id:
        return by_id[0]
    matches = exact or [r for r in records if fold(r.event.name).startswith(key) or r.id.startswith(key)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NotFound(f"no event called {query!r}")
    raise AmbiguousEvent(f"{query!r} matches {len(matches)} events", sorted(matches, key=lambda r: r.event.date))
