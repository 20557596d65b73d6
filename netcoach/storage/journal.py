"""The undo journal: what every change made through netcoach replaced, so that it can be undone.

Every write of user data (a contact file, ``config.toml``) goes through a journal entry first:
the entry keeps, for each file the change touches, the bytes it held before (or that it was
not there) and the digest of the bytes written. The entry is on disk before any file is
touched, so nothing a change replaces is ever lost. Drafts are not journaled: they are saved
as the user types, and undo is about the records.

Layout, inside the data folder (folders 0700, files 0600, written atomically)::

    .netcoach/journal/<number>-<unix time>.jsonl   one entry per change

An entry's first line says what the change was (its number, when, its description in words);
each further line is one file: its path inside the data folder, the digest written (null: the
change removed it), and the bytes it held before (null: it was not there). ``--list`` reads
first lines only.

Undo restores the files of an entry byte for byte, after checking that each still holds what
the entry wrote: a file changed since in another way is never overwritten. An undo is an
entry too (so undoing it redoes the change). The journal keeps the newest
:data:`KEEP_ENTRIES` entries of the last :data:`KEEP_DAYS` days.

The journal's folder is never followed if it is a symbolic link: writing stops with one line
instead.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import stat
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from netcoach.model.text import clean_line
from netcoach.storage.errors import StoreError
from netcoach.storage.fsio import DIR_MODE, atomic_write, atomic_write_many, remove_stray_temp_files

OWN_DIR = ".netcoach"
"""netcoach's own folder inside the data folder (a name no person would choose for their data)."""
JOURNAL = "journal"
KEEP_ENTRIES = 200
KEEP_DAYS = 90
SUFFIX = ".jsonl"
FORMAT = 1

Kind = Literal["change", "undo", "redo"]


class NothingToUndo(StoreError):
    """The journal holds no change that can be undone (or not the one asked for)."""


class UndoRefused(StoreError):
    """A file of the change was changed since in another way: nothing was undone."""


def digest(data: bytes) -> str:
    """The digest the journal keeps of the bytes a change wrote."""
    return hashlib.sha256(data).hexdigest()


def journaled(relative: str) -> bool:
    """Is a file at ``relative`` (inside the data folder) user data that undo looks after?

    Drafts (saved as the user types) and netcoach's own hidden files are not.
    """
    parts = relative.replace(os.sep, "/").split("/")
    return parts[0] != "drafts" and not any(part.startswith(".") for part in parts)


def own_folder(root: Path, name: str) -> Path:
    """``<root>/.netcoach/<name>``, made private (0700) if it is not there; never through a symbolic link.

    Raises :class:`StoreError` (one line) when either folder is a symbolic link or not a folder.
    """
    path = root
    for part in (OWN_DIR, name):
        path = path / part
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            with contextlib.suppress(FileExistsError):
                os.mkdir(path, DIR_MODE)
                os.chmod(path, DIR_MODE)
            info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            raise StoreError(f"{path} is a symbolic link; netcoach does not write through it (nothing was written)")
        if not stat.S_ISDIR(info.st_mode):
            raise StoreError(f"{path} is not a folder; netcoach keeps its undo journal there (nothing was written)")
    return path


@dataclass(frozen=True)
class FileChange:
    """One file a change touched: where, what it held before (None: absent), the digest written (None: removed)."""

    path: str
    before: bytes | None
    after: str | None


@dataclass(frozen=True)
class Entry:
    """One change: its number, when (unix time), its description, and (once read whole) its files."""

    number: int
    at: float
    note: str
    kind: Kind = "change"
    subject: str = ""
    """For an undo or a redo: the description of the change it is about."""
    count: int = 0
    """How many files the change touched."""
    files: tuple[FileChange, ...] = ()

    @property
    def about(self) -> str:
        """The change this entry is about, in words (for an undo: the change it undid)."""
        return self.subject or self.note


@dataclass(frozen=True)
class Undone:
    """What undo did: ``entry`` was undone (``redo``: it was itself an undo), recorded as ``record``."""

    entry: Entry
    record: Entry
    paths: tuple[str, ...]

    @property
    def redo(self) -> bool:
        return self.record.kind == "redo"

    def __str__(self) -> str:
        return self.record.note


class Recorder:
    """The entry of the change under way: the write paths tell it each file before they touch it."""

    def __init__(self, journal: Journal, note: str, kind: Kind = "change", subject: str = "") -> None:
        self.journal = journal
        self.note = note
        self.kind: Kind = kind
        self.subject = subject
        self.files: dict[str, FileChange] = {}
        self.path: Path | None = None
        self.number = 0
        self.at = 0.0
        self.committed = False
        """Set by a writer whose change will be finished even if it stops now (a committed batch)."""

    def before_writing(self, writes: Iterable[tuple[Path, bytes | None]]) -> None:
        """Keep what each file holds now, then the entry is on disk: call before writing ``writes``.

        Each write is (path, the bytes about to be written, or None to remove it). A path outside
        the data folder, or not user data (a draft), is not recorded.
        """
        added = False
        for path, data in writes:
            relative = self.journal.relative(path)
            if relative is None or not journaled(relative):
                continue
            after = None if data is None else digest(data)
            known = self.files.get(relative)
            before = known.before if known is not None else read_bytes(path)
            self.files[relative] = FileChange(relative, before, after)
            added = True
        if added:
            self.journal.save(self)

    def entry(self) -> Entry:
        return Entry(
            self.number, self.at, self.note, self.kind, self.subject, len(self.files), tuple(self.files.values())
        )


class Journal:
    """The data folder's undo journal (see the module's description).

    ``locked`` is the data folder's lock; every entry is written while the caller holds it.
    ``clock`` gives the time (unix seconds) for new entries and for pruning.
    """

    def __init__(
        self,
        root: Path,
        locked: Callable[[], AbstractContextManager[None]],
        *,
        clock: Callable[[], float] = time.time,
        keep_entries: int = KEEP_ENTRIES,
        keep_days: int = KEEP_DAYS,
    ) -> None:
        self.root = root
        self.locked = locked
        self.clock = clock
        self.keep_entries = keep_entries
        self.keep_days = keep_days
        self._open = threading.local()

    @property
    def folder(self) -> Path:
        """Where the entries are (made, private, on first use)."""
        return own_folder(self.root, JOURNAL)

    def relative(self, path: Path) -> str | None:
        """``path`` inside the data folder, with ``/`` (None if it is not inside)."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            pass
        try:
            return path.relative_to(self.root.resolve()).as_posix()  # a path the folder resolved
        except ValueError:
            return None

    # -- recording -------------------------------------------------------------------

    @contextlib.contextmanager
    def change(self, note: str, *, kind: Kind = "change", subject: str = "") -> Iterator[Recorder]:
        """One entry for every file written inside; a change inside another joins it (the outer note wins).

        If the block fails before any file was changed, the entry is dropped.
        """
        current: Recorder | None = getattr(self._open, "recorder", None)
        if current is not None:
            yield current
            return
        recorder = Recorder(self, clean_line(note) or "A change", kind, subject)
        self._open.recorder = recorder
        try:
            yield recorder
        except BaseException:
            if recorder.path is not None and not recorder.committed and self._untouched(recorder):
                with contextlib.suppress(OSError):
                    os.unlink(recorder.path)
            raise
        finally:
            self._open.recorder = None
        if recorder.path is not None:
            with contextlib.suppress(OSError):  # the change is made: old entries can go another time
                self.prune()

    def save(self, recorder: Recorder) -> None:
        """Write (or rewrite) the recorder's entry, durably."""
        folder = self.folder
        if recorder.path is None:
            recorder.number = max((number for number, _, _ in self._names(folder)), default=0) + 1
            recorder.at = self.clock()
            recorder.path = folder / f"{recorder.number:06d}-{int(recorder.at)}{SUFFIX}"
        atomic_write(recorder.path, _entry_text(recorder.entry()))

    def _untouched(self, recorder: Recorder) -> bool:
        """Does every file the recorder names still hold what it held before (the write never happened)?"""
        for change in recorder.files.values():
            now = read_bytes(self.root / change.path)
            if now != change.before:
                return False
        return True

    # -- reading ---------------------------------------------------------------------

    def _names(self, folder: Path | None = None) -> list[tuple[int, int, str]]:
        """(number, unix time, file name) of every entry, newest first."""
        if folder is None:
            folder = self._existing_folder()
            if folder is None:
                return []
        found = []
        for name in os.listdir(folder):
            if name.startswith(".") or not name.endswith(SUFFIX):
                continue
            number, _, at = name[: -len(SUFFIX)].partition("-")
            if number.isdigit() and at.isdigit():
                found.append((int(number), int(at), name))
        found.sort(reverse=True)
        return found

    def _existing_folder(self) -> Path | None:
        """The journal's folder if it is there (None if not); never through a symbolic link."""
        path = self.root
        for part in (OWN_DIR, JOURNAL):
            path = path / part
            try:
                info = os.lstat(path)
            except (FileNotFoundError, NotADirectoryError):
                return None
            if stat.S_ISLNK(info.st_mode):
                raise StoreError(f"{path} is a symbolic link; netcoach does not read its journal through it")
            if not stat.S_ISDIR(info.st_mode):
                return None
        return path

    def entries(self, *, whole: bool = False) -> list[Entry]:
        """The entries, newest first; ``whole`` reads their files too (else only what they were).

        An entry that cannot be read (not written by netcoach) is left out.
        """
        folder = self.root / OWN_DIR / JOURNAL
        found = []
        for _, _, name in self._names():
            entry = _read_entry(folder / name, whole=whole)
            if entry is not None:
                found.append(entry)
        return found

    def latest(self) -> Entry | None:
        """The newest entry (what undo would undo), or None."""
        for _, _, name in self._names():
            entry = _read_entry(self.root / OWN_DIR / JOURNAL / name, whole=False)
            if entry is not None:
                return entry
        return None

    # -- undoing ---------------------------------------------------------------------

    def undo(self, number: int | None = None) -> Undone:
        """Undo entry ``number`` (default: the newest), restoring its files byte for byte.

        Raises :class:`NothingToUndo`, or :class:`UndoRefused` (one line, nothing changed) when a
        file of the change holds something else than the change wrote.
        """
        with self.locked():
            folder = self.folder
            names = self._names(folder)
            entries = [e for e in (_read_entry(folder / n, whole=True) for _, _, n in names) if e is not None]
            if number is not None:
                chosen = [e for e in entries if e.number == number]
                if not chosen:
                    raise NothingToUndo(f"there is no change number {number} (netcoach undo --list shows them)")
            else:
                chosen = entries
            for entry in chosen:
                states = {f.path: self._state(f) for f in entry.files}
                if entry.files and all(state == "before" for state in states.values()):
                    if number is None:  # written down, but the change never reached the disk
                        with contextlib.suppress(OSError):
                            os.unlink(_path_of(folder, names, entry.number))
                        continue
                    raise NothingToUndo(f"change {number} ({entry.note}) is already undone: its files are as before")
                changed = [path for path, state in states.items() if state == "other"]
                if changed:
                    raise UndoRefused(self._refusal(entry, changed[0], entries))
                return self._restore(entry, [f for f in entry.files if states[f.path] == "after"])
            raise NothingToUndo("nothing to undo: no change made through netcoach is remembered")

    def _state(self, change: FileChange) -> Literal["after", "before", "other"]:
        now = read_bytes(self.root / change.path)
        if (None if now is None else digest(now)) == change.after:
            return "after"
        if now == change.before:
            return "before"
        return "other"

    def _refusal(self, entry: Entry, path: str, entries: list[Entry]) -> str:
        later = [e for e in entries if e.number > entry.number and any(f.path == path for f in e.files)]
        how = f'by a later change (number {later[0].number}, "{later[0].note}")' if later else "outside netcoach"
        return f'cannot undo "{entry.note}": {path} was changed since, {how}; nothing was undone'

    def _restore(self, entry: Entry, files: list[FileChange]) -> Undone:
        kind: Kind = "redo" if entry.kind == "undo" else "undo"
        note = f"{'Redid' if kind == 'redo' else 'Undid'}: {entry.about}"
        with self.change(note, kind=kind, subject=entry.about) as recorder:
            recorder.before_writing((self.root / f.path, f.before) for f in files)
            atomic_write_many([(self.root / f.path, f.before) for f in files])
            record = recorder.entry()
        return Undone(entry, record, tuple(f.path for f in files))

    # -- pruning ---------------------------------------------------------------------

    def prune(self) -> int:
        """Keep the newest entries of the last days (see the module); returns how many were removed."""
        folder = self.folder
        oldest = self.clock() - self.keep_days * 86400
        removed = 0
        for position, (_, at, name) in enumerate(self._names(folder)):
            if position >= self.keep_entries or at < oldest:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(folder / name)
                    removed += 1
        remove_stray_temp_files(folder)
        return removed


# -- the entry files -------------------------------------------------------------------------


def read_bytes(path: Path) -> bytes | None:
    """What ``path`` holds now (None: it is not there)."""
    try:
        return path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return None


def _path_of(folder: Path, names: list[tuple[int, int, str]], number: int) -> Path:
    return folder / next(name for n, _, name in names if n == number)


def _entry_text(entry: Entry) -> bytes:
    head = {
        "format": FORMAT,
        "number": entry.number,
        "at": entry.at,
        "note": entry.note,
        "kind": entry.kind,
        "subject": entry.subject,
        "files": entry.count,
    }
    lines = [json.dumps(head, ensure_ascii=False)]
    for change in entry.files:
        line: dict[str, Any] = {"path": change.path, "after": change.after}
        if change.before is None:
            line["before"] = None
        else:
            try:
                line["before"] = change.before.decode("utf-8")
            except UnicodeDecodeError:
                line["before_base64"] = base64.b64encode(change.before).decode("ascii")
        lines.append(json.dumps(line, ensure_ascii=False))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _read_entry(path: Path, *, whole: bool) -> Entry | None:
    """The entry in ``path`` (None if it is not one netcoach wrote, or a symbolic link)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as handle:
            head = json.loads(handle.readline())
            files = []
            if whole:
                for raw in handle:
                    line = json.loads(raw)
                    if "before_base64" in line:
                        before: bytes | None = base64.b64decode(line["before_base64"], validate=True)
                    else:
                        before = None if line["before"] is None else str(line["before"]).encode("utf-8")
                    relative = str(line["path"])
                    if not journaled(relative) or relative.startswith("/") or ".." in relative.split("/"):
                        return None  # not a path netcoach would write: never follow it out of the folder
                    after = line["after"]
                    files.append(FileChange(relative, before, None if after is None else str(after)))
        kind = head.get("kind", "change")
        return Entry(
            number=int(head["number"]),
            at=float(head["at"]),
            note=clean_line(str(head["note"])),
            kind=kind if kind in ("change", "undo", "redo") else "change",
            subject=clean_line(str(head.get("subject", ""))),
            count=int(head.get("files", len(files))),
            files=tuple(files),
        )
    except (ValueError, KeyError, TypeError, AttributeError, OSError):
        return None
