"""How netcoach touches files: atomically, privately, never through a link, never half-way.

Every write of user data goes through :func:`atomic_write` (or, for many files at once,
:func:`atomic_write_many` or :func:`write_new_files`): a temporary file in the same
folder, flushed and fsynced, moved over the target with ``os.replace``, and the folder
fsynced so the rename itself survives a power cut. A kill at any moment leaves either the
old file or the new one. Files are 0600, folders 0700.

Inside the data folder, names are reached through :class:`~netcoach.storage.dirs.Dir` (never
through a link, only regular files are replaced). Every failure is a :class:`~netcoach.storage.errors.StoreError`
worded for the user: :class:`UnsafePath` for what netcoach will not touch, :class:`WriteFailed`
for a write the disk refused.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from netcoach.storage.dirs import (
    FILE_MODE,
    Dir,
    ensure_private_dir,
    is_temp_name,
    open_folder,
    relative_parts,
    temp_name,
    what_it_is,
)
from netcoach.storage.errors import UnsafePath, WriteFailed


def atomic_write(path: Path, data: bytes | str, *, within: Path | None = None) -> None:
    """Replace ``path`` with ``data`` so that readers see the old file or the new one, never a mix.

    With ``within`` (the data folder), the folders from there down to ``path`` are reached
    without following a link and made (0700) when missing. Only a regular file is ever
    replaced: a link, a pipe, a device or a folder at ``path`` is left alone. Any failure
    raises :class:`WriteFailed` naming ``path`` and the cause; the old file is then untouched.
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        if within is not None:
            *folders, name = relative_parts(path, within)
            folder = open_folder(within, folders, create=True)
        else:
            name = path.name
            folder = Dir.open(ensure_private_dir(path.parent))
    except UnsafePath as error:
        raise WriteFailed(path, str(error)) from None
    except OSError as error:
        raise WriteFailed(path, _cause(error)) from None
    with folder:
        write_in(folder, name, data)


def write_in(folder: Dir, name: str, data: bytes) -> None:
    """:func:`atomic_write` of ``name`` in an open folder."""
    path = folder.path / name
    temp: str | None = None
    try:
        temp = temp_name(name)
        fd = folder.create(temp)
        try:
            _write_all(fd, data)
            os.fsync(fd)
            if hasattr(os, "fchmod"):
                os.fchmod(fd, FILE_MODE)
        finally:
            os.close(fd)
        mode = folder.kind(name)
        if mode is not None and not stat.S_ISREG(mode):
            raise WriteFailed(path, f"it is {what_it_is(mode)}; netcoach only replaces regular files")
        folder.replace(temp, name)
        temp = None
        folder.fsync()
    except OSError as error:
        raise WriteFailed(path, _cause(error)) from None
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                folder.unlink(temp)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _cause(error: OSError) -> str:
    """An OS error's cause in words ("No space left on device")."""
    return error.strerror or str(error) or type(error).__name__


def remove_stray_temp_files(folder: Dir) -> int:
    """Delete temp files a killed writer left behind: only regular files by netcoach's own temp
    names (:func:`is_temp_name`), never a link. Call only while holding the data lock."""
    removed = 0
    for entry in list(folder.scandir()):
        if entry.name.startswith(".") and is_temp_name(entry.name) and entry.is_file(follow_symlinks=False):
            with contextlib.suppress(FileNotFoundError):
                folder.unlink(entry.name)
                removed += 1
    return removed


def write_new_files(
    folder: Dir,
    files: Iterable[tuple[str, bytes]],
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write many new private files into ``folder``, then make them all durable at once.

    For batches (an import of thousands of contacts): one sync for the whole batch instead
    of two per file. The files are new (an existing name is an error) and nobody reads this
    folder until the caller commits the batch (see :class:`netcoach.storage.batches.Batches`).
    ``progress`` gets the count written so far. Returns the number of files written. Raises
    ``OSError`` as it comes (the caller words it).
    """
    can_sync_all = hasattr(os, "sync")
    count = 0
    for name, data in files:
        fd = folder.create(name)
        try:
            _write_all(fd, data)
            if not can_sync_all:
                os.fsync(fd)
        finally:
            os.close(fd)
        count += 1
        if progress is not None:
            progress(count)
    if can_sync_all:
        os.sync()  # one flush of everything written above: far faster than an fsync per file
    folder.fsync()
    return count


MANY = 64
"""From this many files on, :func:`move_files` lists both folders once instead of two stats a file."""


MOVED_CHUNK = 1000
""":func:`move_files` tells its ``moved`` callback of this many files at a time."""


def move_files(
    source: Dir, target: Dir, names: Iterable[str], moved: Callable[[list[str]], None] | None = None
) -> None:
    """Move regular files by name from ``source`` to ``target`` (same file system), each
    atomically, then make the moves durable. A move already done (the file gone from
    ``source``) is skipped; so is anything in ``source`` that is not a regular file. A name
    taken in ``target`` by anything but a regular file raises :class:`UnsafePath` (the file
    waits in ``source``); ``OSError`` as it comes. ``moved``, if given, is told the names moved,
    :data:`MOVED_CHUNK` at a time as they are (the last of them before the moves are made durable)."""
    names = list(names)
    done: list[str] = []
    regular: set[str] | None = None  # for a batch of thousands: two listings, not two stats a file
    taken: set[str] | None = None
    if len(names) >= MANY:
        regular = {e.name for e in source.scandir() if e.is_file(follow_symlinks=False)}
        taken = set(target.names())
    for name in names:
        if regular is not None:
            if name not in regular:
                continue
        else:
            mode = source.kind(name)
            if mode is None or not stat.S_ISREG(mode):
                continue
        there = None if taken is not None and name not in taken else target.kind(name)
        if there is not None and not stat.S_ISREG(there):
            raise UnsafePath(target.path / name, what_it_is(there) or "not a regular file")
        try:
            source.replace(name, name, target)
        except FileNotFoundError:
            continue
        if moved is not None:
            done.append(name)
            if len(done) >= MOVED_CHUNK:
                moved(done)
                done = []
    if moved is not None and done:
        moved(done)
    target.fsync()


def remove_regular(folder: Dir, name: str) -> bool:
    """Remove the regular file ``name`` from an open folder (not yet durable: :meth:`Dir.fsync`);
    False if nothing is there. A link, a special file or a folder there is never removed:
    :class:`UnsafePath`. ``OSError`` as it comes."""
    mode = folder.kind(name)
    if mode is None:
        return False
    if not stat.S_ISREG(mode):
        raise UnsafePath(folder.path / name, what_it_is(mode) or "not a regular file")
    try:
        folder.unlink(name)
    except FileNotFoundError:
        return False
    return True


def atomic_write_many(files: Sequence[tuple[Path, bytes | None]], *, within: Path) -> None:
    """Give each file inside ``within`` (the data folder) its bytes (None: remove it), each
    atomically, made durable together.

    Like :func:`atomic_write` for each (a temp file by netcoach's own temp name in the same
    folder, moved over the file; folders reached without following a link, made 0700 when
    missing; only regular files replaced or removed), but with one sync for them all: undoing
    an import of thousands of people need not wait for thousands of syncs. A kill leaves each
    file old or new, never half-written. Any failure raises :class:`WriteFailed` naming the
    file and the cause; a link or a special file in the way is found before any file changes.
    """
    folders: dict[tuple[str, ...], Dir] = {}
    staged: list[tuple[Dir, str, str, Path]] = []  # folder, temp name, name, path
    removals: list[tuple[Dir, str, Path]] = []
    can_sync_all = hasattr(os, "sync")
    moved = 0  # of the staged files, how many are in place
    path = within
    try:
        try:
            for path, data in files:
                *parts, name = relative_parts(path, within)
                key = tuple(parts)
                if key not in folders:
                    try:
                        folders[key] = open_folder(within, key, create=data is not None)
                    except FileNotFoundError:
                        continue  # a file to remove whose folder is not there: nothing to remove
                folder = folders[key]
                mode = folder.kind(name)
                if mode is not None and not stat.S_ISREG(mode):
                    raise WriteFailed(path, f"it is {what_it_is(mode)}; netcoach only replaces regular files")
                if data is None:
                    removals.append((folder, name, path))
                    continue
                temp = temp_name(name)
                fd = folder.create(temp)
                staged.append((folder, temp, name, path))
                try:
                    _write_all(fd, data)
                    if not can_sync_all:
                        os.fsync(fd)
                    if hasattr(os, "fchmod"):
                        os.fchmod(fd, FILE_MODE)
                finally:
                    os.close(fd)
            if can_sync_all and staged:
                os.sync()  # one flush of every file written above
            for folder, temp, name, path in staged:
                mode = folder.kind(name)
                if mode is not None and not stat.S_ISREG(mode):
                    raise WriteFailed(path, f"it is {what_it_is(mode)}; netcoach only replaces regular files")
                folder.replace(temp, name)
                moved += 1
            for folder, name, target in removals:
                path = target  # named by an error
                remove_regular(folder, name)
            for folder in folders.values():
                folder.fsync()
        except UnsafePath as error:
            raise WriteFailed(path, str(error)) from None
        except OSError as error:
            raise WriteFailed(path, _cause(error)) from None
        finally:
            for folder, temp, _, _ in staged[moved:]:
                with contextlib.suppress(OSError):
                    folder.unlink(temp)
    finally:
        for folder in folders.values():
            folder.close()
