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

Every file the journal reads or writes, its own entries and the files it restores, goes
through the data folder's hardened primitives (:mod:`netcoach.storage.fsio`): no link is
followed, only regular files are read, replaced or removed, reads have a size limit, temp
files have netcoach's own names, and a write that fails is one
:class:`~netcoach.storage.errors.WriteFailed` line. A journal folder that is a symbolic link is
never followed: writing stops with one line instead, and so does reading it.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Literal

from netcoach.model.text import clean_line
from netcoach.storage.dirs import LINK, MAX_DATA_FILE_BYTES, Dir, open_folder, read_regular
from netcoach.storage.errors import StoreError, UnsafePath, WriteFailed
from netcoach.storage.folder import OWN_DIR
from netcoach.storage.fsio import atomic_write, atomic_write_many, remove_regular, remove_stray_temp_files
from netcoach.storage.journal_entries import (
    SUFFIX,
    Entry,
    FileChange,
    Kind,
    Undone,
    digest,
    entry_names,
    entry_text,
    journaled,
    name_of,
    read_entry,
    read_in,
)

JOURNAL = "journal"
KEEP_ENTRIES = 200
KEEP_DAYS = 90

class NothingToUndo(StoreError):
    """The journal holds no change that can be undone (or not the one asked for)."""


class UndoRefused(StoreError):
    """A file of the change was changed since in another way: nothing was undone."""


def own_folder(root: Path, name: str) -> Path:
    """``<root>/.netcoach/<name>``, made private (0700) if it is not there; never through a symbolic link.

    Raises :class:`WriteFailed` (one line) when either folder is a symbolic link or not a folder,
    or cannot be made.
    """
    path = root / OWN_DIR / name
    try:
        with open_folder(root, (OWN_DIR, name), create=True):
            pass
    except UnsafePath as error:
        raise _unsafe_write(path, error) from None
    except OSError as error:
        raise WriteFailed(path, error.strerror or str(error)) from None
    return path


def read_bytes(path: Path, *, within: Path, limit: int = MAX_DATA_FILE_BYTES) -> bytes | None:
    """What ``path`` (inside the data folder ``within``) holds now, None if it is not there.

    Never through a link: a link, a special file or a file over ``limit`` is :class:`UnsafePath`;
    another ``OSError`` as it comes.
    """
    try:
        return read_regular(path, limit=limit, within=within)
    except (FileNotFoundError, NotADirectoryError):
        return None


def _unsafe_write(path: Path, error: UnsafePath) -> WriteFailed:
    """A write refused because of what is at (or on the way to) ``path``, in one line."""
    if error.path == path:
        return WriteFailed(path, f"it is {error.reason}; nothing was written")
    return WriteFailed(path, f"{error}; nothing was written")


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

    def before_writing(
        self,
        writes: Iterable[tuple[Path, bytes | None]],
        *,
        absent: Collection[str] = (),
        created: Iterable[tuple[str, str]] = (),
    ) -> None:
        """Keep what each file holds now, then the entry is on disk: call before writing ``writes``.

        Each write is (path, the bytes about to be written, or None to remove it). A path outside
        the data folder, or not user data (a draft), is not recorded. ``absent`` names files (inside
        the data folder, with ``/``: ``contacts/ann.toml``) the caller found not there while holding
        the lock (a batch's new files): nothing to keep, so they are not read. ``created`` is the
        same for files given by name (with ``/``) and the :func:`digest` of the bytes about to be
        written (a batch's thousands of new files: no path made, nothing read, nothing hashed again).
        """
        added = False
        for name, written in created:
            if not journaled(name):
                continue
            earlier = self.files.get(name)
            self.files[name] = FileChange(name, None if earlier is None else earlier.before, written)
            added = True
        root = self.journal.root
        folders: dict[tuple[str, ...], Dir | None] = {}  # each folder opened once (a batch of thousands)
        try:
            for path, data in writes:
                relative = self.journal.relative(path)
                if relative is None or not journaled(relative):
                    continue
                after = None if data is None else digest(data)
                known = self.files.get(relative)
                if known is not None:
                    before = known.before
                elif relative in absent:
                    before = None
                else:
                    *parts, name = relative.split("/")
                    key = tuple(parts)
                    if any(part in ("", ".", "..") for part in (*parts, name)):
                        raise WriteFailed(path, "not a file name inside the data folder; nothing was written")
                    try:
                        if key not in folders:
                            try:
                                folders[key] = open_folder(root, key)
                            except (FileNotFoundError, NotADirectoryError):
                                folders[key] = None
                        folder = folders[key]
                        before = None if folder is None else read_in(folder, name)
                    except UnsafePath as error:
                        raise _unsafe_write(path, error) from None
                    except OSError as error:
                        raise WriteFailed(path, f"cannot read it first: {error.strerror or error}") from None
                self.files[relative] = FileChange(relative, before, after)
                added = True
        finally:
            for opened in folders.values():
                if opened is not None:
                    opened.close()
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
        self._open_change = threading.local()

    @property
    def folder(self) -> Path:
        """Where the entries are (made, private, on first use; never through a link)."""
        return own_folder(self.root, JOURNAL)

    def _open(self) -> Dir | None:
        """The journal's folder, open (None if there is none yet); never through a symbolic link.

        :class:`StoreError` (one line) when it, or ``.netcoach``, is a link; a file where it
        should be is no journal (None).
        """
        path = self.root / OWN_DIR / JOURNAL
        try:
            return open_folder(self.root, (OWN_DIR, JOURNAL))
        except (FileNotFoundError, NotADirectoryError):
            return None
        except UnsafePath as error:
            if error.reason == LINK:
                raise StoreError(f"{error}; netcoach does not read its journal through it") from None
            return None
        except OSError as error:
            raise StoreError(f"cannot read the journal in {path}: {error.strerror or error}") from None

    def _read(self, relative: str) -> bytes | None:
        """What the file at ``relative`` holds now (None: not there); :class:`UnsafePath` for a link
        or a special file there."""
        return read_bytes(self.root / relative, within=self.root)

    def relative(self, path: Path) -> str | None:
        """``path`` inside the data folder, with ``/`` (None if it is not inside)."""
        text, root = str(path), str(self.root)
        if text.startswith(root) and text[len(root) : len(root) + 1] == os.sep and os.sep == "/":
            return text[len(root) + 1 :]  # both normalized by Path: a plain prefix is relative_to
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
        current: Recorder | None = getattr(self._open_change, "recorder", None)
        if current is not None:
            yield current
            return
        recorder = Recorder(self, clean_line(note) or "A change", kind, subject)
        self._open_change.recorder = recorder
        try:
            yield recorder
        except BaseException:
            if recorder.path is not None and not recorder.committed and self._untouched(recorder):
                self._remove(recorder.path.name)
            raise
        finally:
            self._open_change.recorder = None
        if recorder.path is not None:
            with contextlib.suppress(OSError, StoreError):  # the change is made: old entries can go another time
                self.prune()

    def save(self, recorder: Recorder) -> None:
        """Write (or rewrite) the recorder's entry, durably (:class:`WriteFailed` if it cannot be)."""
        if recorder.path is None:
            path = own_folder(self.root, JOURNAL)
            folder = self._open()
            if folder is None:
                raise WriteFailed(path, "it is not a folder; netcoach keeps its undo journal there")
            with folder:
                recorder.number = max((number for number, _, _ in entry_names(folder)), default=0) + 1
            recorder.at = self.clock()
            recorder.path = path / f"{recorder.number:06d}-{int(recorder.at)}{SUFFIX}"
        atomic_write(recorder.path, entry_text(recorder.entry()), within=self.root)

    def _remove(self, name: str) -> None:
        """Remove the entry file ``name`` (a regular file only: never a link); quietly if it cannot be."""
        with contextlib.suppress(OSError, StoreError):
            folder = self._open()
            if folder is not None:
                with folder:
                    if remove_regular(folder, name):
                        folder.fsync()

    def _untouched(self, recorder: Recorder) -> bool:
        """Does every file the recorder names still hold what it held before (the write never happened)?"""
        for change in recorder.files.values():
            try:
                now = self._read(change.path)
            except (OSError, StoreError):
                return False
            if now != change.before:
                return False
        return True

    # -- reading ---------------------------------------------------------------------

    def entries(self, *, whole: bool = False) -> list[Entry]:
        """The entries, newest first; ``whole`` reads their files too (else only what they were).

        An entry that cannot be read (not written by netcoach, a link, too big) is left out.
        """
        folder = self._open()
        if folder is None:
            return []
        with folder:
            found = (read_entry(folder, name, whole=whole) for _, _, name in entry_names(folder))
            return [entry for entry in found if entry is not None]

    def latest(self) -> Entry | None:
        """The newest entry (what undo would undo), or None."""
        folder = self._open()
        if folder is None:
            return None
        with folder:
            for _, _, name in entry_names(folder):
                entry = read_entry(folder, name, whole=False)
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
            folder = self._open()
            if folder is None:
                entries: list[Entry] = []
                names: list[tuple[int, int, str]] = []
            else:
                with folder:
                    names = entry_names(folder)
                    entries = [e for e in (read_entry(folder, n, whole=True) for _, _, n in names) if e is not None]
            if number is not None:
                chosen = [e for e in entries if e.number == number]
                if not chosen:
                    raise NothingToUndo(f"there is no change number {number} (netcoach undo --list shows them)")
            else:
                chosen = entries
            for entry in chosen:
                try:
                    states = {f.path: self._state(f) for f in entry.files}
                except UnsafePath as error:
                    raise UndoRefused(f'cannot undo "{entry.note}": {error}; nothing was undone') from None
                except OSError as error:
                    raise UndoRefused(
                        f'cannot undo "{entry.note}": cannot read {error.filename or "a file"}:'
                        f" {error.strerror or error}; nothing was undone"
                    ) from None
                if entry.files and all(state == "before" for state in states.values()):
                    if number is None:  # written down, but the change never reached the disk
                        self._remove(name_of(names, entry.number))
                        continue
                    raise NothingToUndo(f"change {number} ({entry.note}) is already undone: its files are as before")
                changed = [path for path, state in states.items() if state == "other"]
                if changed:
                    raise UndoRefused(self._refusal(entry, changed[0], entries))
                return self._restore(entry, [f for f in entry.files if states[f.path] == "after"])
            raise NothingToUndo("nothing to undo: no change made through netcoach is remembered")

    def _state(self, change: FileChange) -> Literal["after", "before", "other"]:
        now = self._read(change.path)
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
            atomic_write_many([(self.root / f.path, f.before) for f in files], within=self.root)
            record = recorder.entry()
        return Undone(entry, record, tuple(f.path for f in files))

    # -- pruning ---------------------------------------------------------------------

    def prune(self) -> int:
        """Keep the newest entries of the last days (see the module); returns how many were removed.

        Only netcoach's own entry files (regular files) are removed, never a link; so are the
        temp files of a killed writer."""
        folder = self._open()
        if folder is None:
            return 0
        oldest = self.clock() - self.keep_days * 86400
        removed = 0
        with folder:
            for position, (_, at, name) in enumerate(entry_names(folder)):
                if position >= self.keep_entries or at < oldest:
                    with contextlib.suppress(FileNotFoundError, UnsafePath):
                        if remove_regular(folder, name):
                            removed += 1
            remove_stray_temp_files(folder)
            if removed:
                folder.fsync()
        return removed


