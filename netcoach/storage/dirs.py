"""The data folder, opened as a person would want it: never through a link, only real files.

Inside the data folder, every name is opened relative to its folder's descriptor (:class:`Dir`)
and without following symbolic links (``O_NOFOLLOW``), and what was opened is checked to be a
regular file (or a real folder) before it is read, written or replaced: a link planted in the
data folder (a data folder kept in git keeps links) can never make netcoach read, write or
delete anything elsewhere, and a named pipe or a device is never read (which could hang, or
never end). Reads have a size limit. What netcoach will not touch is an
:class:`~netcoach.storage.errors.UnsafePath` worded for the user. Writing is
:mod:`netcoach.storage.fsio`'s.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType

from netcoach.storage.errors import UnsafePath

FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_SUFFIX = ".tmp"
TEMP_MARK = ".netcoach-"
"""Temp files are ``.<name>.netcoach-<16 hex digits>.tmp``: a name no person would choose, so
clean-up (:func:`remove_stray_temp_files`) removes only what netcoach itself made."""
MAX_DATA_FILE_BYTES = 1024 * 1024
"""The largest file netcoach reads from the data folder (a contact, a draft, a template, the config)."""

_TEMP_NAME = re.compile(r"\..+\.netcoach-[0-9a-f]{16}\.tmp", re.DOTALL)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_READ_FLAGS = os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC | _BINARY
"""Open to read: never through a link, and never waiting for a writer (a named pipe would)."""
_DIR_FLAGS = os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _NONBLOCK | _CLOEXEC
_DIR_FD = os.open in os.supports_dir_fd and os.scandir in os.supports_fd

LINK = "a symbolic link: netcoach does not follow links in its data folder"


def is_temp_name(name: str) -> bool:
    """Is ``name`` a temp file netcoach made (see :data:`TEMP_MARK`)?"""
    return _TEMP_NAME.fullmatch(name) is not None


def temp_name(name: str) -> str:
    """A fresh temp name for a file to become ``name``."""
    return f".{name}{TEMP_MARK}{os.urandom(8).hex()}{TEMP_SUFFIX}"


def what_it_is(mode: int) -> str | None:
    """What a file of this mode is, in words, when it is not a regular file (None when it is)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return LINK
    if stat.S_ISDIR(mode):
        return "a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file"
    return "not a regular file"


def not_a_folder(mode: int) -> str:
    """What a file of this mode is, in words, where a folder should be."""
    if stat.S_ISLNK(mode):
        return LINK
    return f"{(what_it_is(mode) or 'a file').removesuffix(', not a file')}, not a folder"


def too_big(size: int, limit: int) -> str:
    return f"too big ({_size(size)}; netcoach reads files up to {_size(limit)})"


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.0f} MB"
    if count >= 1024:
        return f"{count / 1024:.0f} KB"
    return f"{count} bytes"


class Dir:
    """An open folder: names in it are opened, listed, replaced and removed relative to its
    descriptor, so that no path is looked up twice and no link on the way is followed.

    Where the platform has no ``dir_fd`` the same calls use paths, checking each name with
    ``lstat`` first (best effort). Close it (or use ``with``).
    """

    def __init__(self, path: Path, fd: int | None) -> None:
        self.path = path
        self.fd = fd

    @classmethod
    def open(cls, path: Path) -> Dir:
        """Open a folder by its path (links on the way followed: the caller chose this path)."""
        if not _DIR_FD:
            if not path.is_dir():
                raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(path))
            return cls(path, None)
        return cls(path, os.open(path, os.O_RDONLY | _DIRECTORY | _CLOEXEC))

    def __enter__(self) -> Dir:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def _name(self, name: str) -> str:
        return name if self.fd is not None else os.path.join(self.path, name)

    def lstat(self, name: str) -> os.stat_result:
        """The entry ``name`` itself (a link is not followed)."""
        return os.stat(self._name(name), dir_fd=self.fd, follow_symlinks=False)

    def kind(self, name: str) -> int | None:
        """The mode of the entry ``name``, None if there is none."""
        try:
            return self.lstat(name).st_mode
        except FileNotFoundError:
            return None

    def sub(self, name: str, *, create: bool = False) -> Dir:
        """The real folder ``name`` in this one (made 0700 if ``create`` and missing).

        Raises :class:`UnsafePath` if ``name`` is a link or not a folder, ``FileNotFoundError``
        if it is missing (and not ``create``), ``OSError`` for the rest.
        """
        path = self.path / name
        try:
            return self._open_sub(name, path)
        except FileNotFoundError:
            if not create:
                raise
        try:  # mkdir never follows a link in the last place
            os.mkdir(self._name(name), DIR_MODE, dir_fd=self.fd)
        except FileExistsError:
            return self._open_sub(name, path)
        made = self._open_sub(name, path)
        if made.fd is not None and hasattr(os, "fchmod"):
            os.fchmod(made.fd, DIR_MODE)  # as asked, whatever the umask
        return made

    def _open_sub(self, name: str, path: Path) -> Dir:
        if self.fd is None:
            mode = self.lstat(name).st_mode
            if not stat.S_ISDIR(mode):
                raise UnsafePath(path, not_a_folder(mode))
            return Dir(path, None)
        try:
            return Dir(path, os.open(name, _DIR_FLAGS, dir_fd=self.fd))
        except OSError as error:
            if error.errno not in (errno.ENOTDIR, errno.ELOOP, errno.EMLINK):
                raise
            mode = self.lstat(name).st_mode
            raise UnsafePath(path, not_a_folder(mode)) from None

    def open_regular(self, name: str, *, limit: int | None = None) -> int:
        """A descriptor of the regular file ``name``, opened to read without following a link or
        waiting on a pipe. :class:`UnsafePath` for anything else, or a file over ``limit`` bytes."""
        return self._open_regular(name, limit)[0]

    def _open_regular(self, name: str, limit: int | None) -> tuple[int, int]:
        """:meth:`open_regular`'s descriptor, and the file's size then."""
        # The path is made only for a problem: a cold start opens 30,000 files here.
        if self.fd is None:
            mode = self.lstat(name).st_mode
            if what_it_is(mode) is not None:
                raise UnsafePath(self.path / name, what_it_is(mode) or "")
        try:
            fd = os.open(self._name(name), _READ_FLAGS, dir_fd=self.fd)
        except OSError as error:
            if error.errno not in (errno.ELOOP, errno.EMLINK):
                raise
            raise UnsafePath(self.path / name, LINK) from None
        try:
            st = os.fstat(fd)
            problem = what_it_is(st.st_mode)
            if problem is None and limit is not None and st.st_size > limit:
                problem = too_big(st.st_size, limit)
            if problem is not None:
                raise UnsafePath(self.path / name, problem)
        except BaseException:
            os.close(fd)
            raise
        return fd, st.st_size

    def read(self, name: str, *, limit: int = MAX_DATA_FILE_BYTES) -> bytes:
        """The bytes of the regular file ``name`` (see :meth:`open_regular`)."""
        data = _read_all(*self._open_regular(name, limit), limit)
        if len(data) > limit:
            raise UnsafePath(self.path / name, too_big(len(data), limit))
        return data

    def scandir(self) -> Iterator[os.DirEntry[str]]:
        """The entries of this folder (``entry.stat(follow_symlinks=False)`` and ``is_symlink()``
        work relative to it)."""
        with os.scandir(self.fd if self.fd is not None else self.path) as scan:
            yield from scan

    def names(self) -> list[str]:
        return os.listdir(self.fd if self.fd is not None else self.path)

    def replace(self, source: str, target: str, target_dir: Dir | None = None) -> None:
        into = target_dir or self
        os.replace(self._name(source), into._name(target), src_dir_fd=self.fd, dst_dir_fd=into.fd)

    def unlink(self, name: str) -> None:
        os.unlink(self._name(name), dir_fd=self.fd)

    def rmdir(self, name: str) -> None:
        os.rmdir(self._name(name), dir_fd=self.fd)

    def fsync(self) -> None:
        """Make renames in this folder durable."""
        if self.fd is not None:
            os.fsync(self.fd)
        else:
            fsync_dir(self.path)

    def create(self, name: str) -> int:
        """A new private file ``name`` (an existing name, a link included, is ``FileExistsError``)."""
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC | _BINARY
        return os.open(self._name(name), flags, FILE_MODE, dir_fd=self.fd)


def read_fd(fd: int, path: Path, limit: int) -> bytes:
    """Read an open file to its end (and close it); :class:`UnsafePath` if it grows past ``limit``.

    Reads what ``fstat`` says is there in one call (and one more to see the end): no buffer of
    ``limit`` bytes for a file of a few kilobytes.
    """
    try:
        expected = os.fstat(fd).st_size
    except BaseException:
        os.close(fd)
        raise
    data = _read_all(fd, expected, limit)
    if len(data) > limit:
        raise UnsafePath(path, too_big(len(data), limit))
    return data


def _read_all(fd: int, expected: int, limit: int) -> bytes:
    """:func:`read_fd`'s reading (and closing), ``expected`` bytes being there as it starts: at most
    ``limit + 1`` bytes (more than ``limit``: too big)."""
    try:
        parts: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(limit + 1 - total, max(expected + 1 - total, 65536)))
            if not chunk:
                break
            parts.append(chunk)
            total += len(chunk)
    finally:
        os.close(fd)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def open_folder(root: Path, parts: Sequence[str] = (), *, create: bool = False) -> Dir:
    """``root/parts...`` opened: ``root`` as given (resolve it first), each of ``parts`` a real
    folder reached without following a link (made 0700 when missing, if ``create``)."""
    if create:
        ensure_private_dir(root)
    folder = Dir.open(root)
    try:
        for part in parts:
            inner = folder.sub(part, create=create)
            folder.close()
            folder = inner
    except BaseException:
        folder.close()
        raise
    return folder


def relative_parts(path: Path, within: Path) -> tuple[str, ...]:
    try:
        parts = path.relative_to(within).parts
    except ValueError:
        raise UnsafePath(path, "outside the data folder") from None
    if not parts or any(part in ("", ".", "..") for part in parts):
        raise UnsafePath(path, "not a file name inside the data folder")
    return parts


def read_regular(path: Path, *, limit: int, within: Path | None = None, follow: bool = False) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    With ``within`` (the data folder), no link from there down is followed; without it, the
    folders on the way are the caller's choice, and the file itself is followed only if
    ``follow`` (an import file the user named). A named pipe, a device or a folder is never
    read: :class:`UnsafePath`, as for a file over ``limit``. ``FileNotFoundError`` and other
    ``OSError`` as they come.
    """
    if within is not None:
        *folders, name = relative_parts(path, within)
        with open_folder(within, folders) as folder:
            return folder.read(name, limit=limit)
    if not follow:
        with Dir.open(path.parent) as folder:
            return folder.read(path.name, limit=limit)
    fd = os.open(path, os.O_RDONLY | _NONBLOCK | _CLOEXEC | _BINARY)
    try:
        st = os.fstat(fd)
        problem = what_it_is(st.st_mode)
        if problem is None and st.st_size > limit:
            problem = too_big(st.st_size, limit)
        if problem is not None:
            raise UnsafePath(path, problem.replace(LINK, "a symbolic link"))
    except BaseException:
        os.close(fd)
        raise
    return read_fd(fd, path, limit)


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) if needed; a folder we create is 0700. For folders the user
    chose (the data folder itself): folders inside the data folder are made by :meth:`Dir.sub`."""
    if not path.is_dir():
        path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        os.chmod(path, DIR_MODE)
    return path


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
