"""The one way netcoach writes a file: atomically, privately, and never half-way.

Every write of user data goes through :func:`atomic_write` (or, for many files at once,
:func:`atomic_write_many` or :func:`write_new_files`): a temporary file in the same
folder, flushed and fsynced, moved over the target with ``os.replace``, and the folder
fsynced so the rename itself survives a power cut. A kill at any moment leaves either the
old file or the new one. Files are 0600, folders 0700.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_SUFFIX = ".tmp"


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) if needed; a folder we create is 0700."""
    if not path.is_dir():
        path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        os.chmod(path, DIR_MODE)
    return path


def atomic_write(path: Path, data: bytes | str) -> None:
    """Replace ``path`` with ``data`` so that readers see the old file or the new one, never a mix."""
    import tempfile  # here, not at the top: commands that only read start faster without it

    if isinstance(data, str):
        data = data.encode("utf-8")
    folder = path.parent
    ensure_private_dir(folder)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, FILE_MODE)
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise
    fsync_dir(folder)


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_stray_temp_files(folder: Path) -> int:
    """Delete temp files a killed writer left behind. Call only while holding the data lock."""
    removed = 0
    if not folder.is_dir():
        return 0
    for entry in os.scandir(folder):
        if entry.name.startswith(".") and entry.name.endswith(TEMP_SUFFIX) and entry.is_file():
            with contextlib.suppress(FileNotFoundError):
                os.unlink(entry.path)
                removed += 1
    return removed


def write_new_files(
    folder: Path,
    files: Iterable[tuple[str, bytes]],
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write many new private files into ``folder``, then make them all durable at once.

    For batches (an import of thousands of contacts): one sync for the whole batch instead
    of two per file. The files are new (an existing name is an error) and nobody reads this
    folder until the caller commits the batch (see ``Store.apply_batch``). ``progress`` gets
    the count written so far. Returns the number of files written.
    """
    ensure_private_dir(folder)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    can_sync_all = hasattr(os, "sync")
    count = 0
    with _folder_fd(folder, os.open) as (folder_fd, prefix):
        for name, data in files:
            fd = os.open(prefix + name, flags, FILE_MODE, dir_fd=folder_fd)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
                if not can_sync_all:
                    os.fsync(fd)
            finally:
                os.close(fd)
            count += 1
            if progress is not None:
                progress(count)
    if can_sync_all:
        os.sync()  # one flush of everything written above: far faster than an fsync per file
    fsync_dir(folder)
    return count


def move_files(source: Path, target: Path, names: Iterable[str]) -> None:
    """Move files by name from ``source`` to ``target`` (same file system), each atomically, then
    make the moves durable. A move already done (the file gone from ``source``) is skipped."""
    with (
        _folder_fd(source, os.replace) as (source_fd, source_prefix),
        _folder_fd(target, os.replace) as (
            target_fd,
            target_prefix,
        ),
    ):
        for name in names:
            try:
                os.replace(source_prefix + name, target_prefix + name, src_dir_fd=source_fd, dst_dir_fd=target_fd)
            except FileNotFoundError:
                continue
    fsync_dir(target)


@contextlib.contextmanager
def _folder_fd(folder: Path, call: Callable[..., object]) -> Iterator[tuple[int | None, str]]:
    """(a descriptor of ``folder``, "") where ``call`` takes ``dir_fd`` (names need no lookup of the
    folder's path each time), else (None, the folder's path and a separator)."""
    if call in os.supports_dir_fd:
        fd = os.open(folder, os.O_RDONLY)
        try:
            yield fd, ""
        finally:
            os.close(fd)
    else:
        yield None, os.path.join(folder, "")


def atomic_write_many(files: list[tuple[Path, bytes | None]]) -> None:
    """Give each file its bytes (None: remove it), each atomically, made durable together.

    Like :func:`atomic_write` for each (a temp file in the same folder, moved over the file), but
    with one sync for them all: undoing an import of thousands of people need not wait for
    thousands of syncs. A kill leaves each file old or new, never half-written.
    """
    import tempfile

    staged: list[tuple[str, Path]] = []
    can_sync_all = hasattr(os, "sync")
    try:
        for path, data in files:
            if data is None:
                continue
            ensure_private_dir(path.parent)
            fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
            staged.append((temp, path))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                if not can_sync_all:
                    handle.flush()
                    os.fsync(handle.fileno())
            os.chmod(temp, FILE_MODE)
        if can_sync_all and staged:
            os.sync()
        for temp, path in staged:
            os.replace(temp, path)
    except BaseException:
        for temp, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
        raise
    for path, data in files:
        if data is None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
    for folder in sorted({path.parent for path, _ in files}):
        fsync_dir(folder)
