"""The data folder itself: where things are, the lock every write holds, and housekeeping.

Layout of ``<data>/``::

    config.toml            settings (optional)
    contacts/<id>.toml     one file per contact; <id> is a safe slug of the name
    contacts/.netcoach-batch/   a batch of contact files being written (see netcoach.storage.batches)
    drafts/<id>.toml       drafts in progress
    templates/*.toml       the user's own message templates
    .netcoach.lock         the lock every write holds (never the data files themselves)
    .netcoach/journal/     what every change replaced, for undo (see netcoach.storage.journal)
    .netcoach/editing/     copies of contact files in the user's editor (see netcoach.storage.editing)
    .netcoach/rejected/    edits that did not validate, kept so nothing typed is lost

The data folder may itself be a symbolic link: it is resolved once, when the store is opened.
Inside it nothing is ever reached through a link (see :mod:`netcoach.storage.fsio`): a link or
a special file (a named pipe, a device) where netcoach keeps its files is reported as a
problem and never read, written, followed or deleted. Housekeeping removes only what netcoach
made, by names no person would choose, and only while holding the lock; a command that only
reads deletes nothing.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from netcoach.model.problem import Problem
from netcoach.storage.dirs import (
    MAX_DATA_FILE_BYTES,
    Dir,
    is_temp_name,
    not_a_folder,
    open_folder,
    read_regular,
    what_it_is,
)
from netcoach.storage.errors import Busy, StoreError, UnfinishedBatch, UnsafePath, UnusableFolder, WriteFailed
from netcoach.storage.fsio import atomic_write, move_files, remove_regular, remove_stray_temp_files

if TYPE_CHECKING:
    import filelock

    from netcoach.storage.journal import Journal

DATA_ENV = "NETCOACH_DATA"
CACHE_ENV = "NETCOACH_CACHE"
LOCK_TIMEOUT = 15.0
LOCK_NAME = ".netcoach.lock"
CONTACTS = "contacts"
BATCH_DIR = ".netcoach-batch"
"""A batch of contact files being written, all or nothing (see netcoach.storage.batches): inside
``contacts/``, so that moving the files into place is a rename within one file system."""
LEGACY_BATCH_DIR = ".batch"
"""Where netcoach before 0.2 staged batches (in the data folder itself): finished if one is left there."""
BATCH_COMMITTED = "COMMITTED"
"""The commit marker inside :data:`BATCH_DIR`: once it is there, the batch is rolled forward."""
OWN_DIR = ".netcoach"
"""netcoach's own folder inside the data folder (the undo journal, editor copies): a name no
person would choose for their data. Its files are netcoach's; a link or a special file there is
reported, never followed."""
NETCOACH_FOLDERS = (CONTACTS, "drafts", "templates", "events")
"""The folders netcoach reads inside the data folder."""
READ_BY_OTHERS = frozenset({"config.toml", "checklist.toml", "worries.toml"})
"""Files in the data folder whose readers report them (a link there included)."""


def default_data_dir() -> Path:
    """``NETCOACH_DATA``, else the platform's user data folder."""
    env = os.environ.get(DATA_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    found = xdg_user_dir("XDG_DATA_HOME", ".local/share")
    if found is not None:
        return found
    import platformdirs

    return platformdirs.user_data_path("netcoach")


def default_cache_dir() -> Path:
    """``NETCOACH_CACHE``, else the platform's user cache folder."""
    env = os.environ.get(CACHE_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    found = xdg_user_dir("XDG_CACHE_HOME", ".cache")
    if found is not None:
        return found
    import platformdirs

    return platformdirs.user_cache_path("netcoach")


def xdg_user_dir(variable: str, under_home: str) -> Path | None:
    """netcoach's folder under an XDG base directory (``$variable`` if it is an absolute path, else
    ``$HOME/under_home``), as platformdirs finds it on Linux and the other Unixes; None elsewhere (macOS,
    Windows, Android) or when ``$HOME`` is not an absolute path: platformdirs decides then.

    Importing platformdirs costs about 5-10 ms (it brings in tempfile, shutil, bz2 and lzma), a
    twentieth of a warm ``netcoach due``; a test holds these paths to platformdirs' own.
    """
    if sys.platform in ("win32", "darwin") or (
        os.environ.get("ANDROID_DATA") == "/data" and os.environ.get("ANDROID_ROOT") == "/system"
    ):
        return None
    base = os.environ.get(variable, "")
    if not os.path.isabs(base):
        home = os.environ.get("HOME", "")
        if not os.path.isabs(home):
            return None
        base = os.path.join(os.path.expanduser("~"), under_home)
    return Path(os.path.join(base, "netcoach"))


class DataFolder:
    """A netcoach data folder: its paths, its lock, and the housekeeping done under the lock."""

    def __init__(self, root: Path) -> None:
        self.root = Path(os.path.realpath(root))  # resolved once: from here down no link is followed
        self.contacts_dir = self.root / CONTACTS
        self.drafts_dir = self.root / "drafts"
        self.templates_dir = self.root / "templates"
        self.config_path = self.root / "config.toml"
        self.lock_path = self.root / LOCK_NAME
        self.batch_dir = self.contacts_dir / BATCH_DIR
        self._file_lock: filelock.FileLock | None = None
        self.stray_temp_files = False
        """Set by a reader that saw a killed writer's temp file in ``contacts/``: the next write removes it."""
        self._journal: Journal | None = None

    @property
    def journal(self) -> Journal:
        """The undo journal: every write of user data records what it replaces there first."""
        if self._journal is None:
            from netcoach.storage.journal import Journal  # not needed by the commands that only read

            self._journal = Journal(self.root, self.locked)
        return self._journal

    @property
    def _lock(self) -> filelock.FileLock:
        """The data folder's lock file (filelock is imported on first use: `netcoach due` rarely needs it)."""
        if self._file_lock is None:
            import filelock

            self._file_lock = filelock.FileLock(self.lock_path, mode=0o600)
        return self._file_lock

    # -- opening -------------------------------------------------------------------------

    def check_usable(self) -> None:
        """:class:`UnusableFolder` if the data folder is not a folder, or its lock file is a link or
        not a regular file (netcoach would otherwise have to follow or replace it)."""
        try:
            mode = os.stat(self.root).st_mode
        except FileNotFoundError:
            return
        except OSError as error:
            raise UnusableFolder(f"cannot use the data folder {self.root}: {error.strerror or error}") from None
        if not stat.S_ISDIR(mode):
            raise UnusableFolder(f"the data folder {self.root} is {not_a_folder(mode)}; give a folder")
        try:
            lock_mode = os.lstat(self.lock_path).st_mode
        except OSError:
            return
        if not stat.S_ISREG(lock_mode):
            raise UnusableFolder(
                f"the lock file {self.lock_path} is {what_it_is(lock_mode)}; remove it (netcoach makes a new one)"
            )

    def open(self, *parts: str, create: bool = False) -> Dir:
        """The real folder ``root/parts...`` (no link followed below the root); made if ``create``.

        ``FileNotFoundError`` if it is missing, :class:`UnsafePath` if a link or a file is in the
        way, :class:`UnusableFolder` if the data folder itself is not a folder.
        """
        try:
            return open_folder(self.root, parts, create=create)
        except (NotADirectoryError, FileExistsError):
            self.check_usable()
            raise

    def prepare(self) -> None:
        """Make the folder and its contacts folder (0700) if they are not there yet.

        :class:`UnusableFolder`, :class:`UnsafePath` or :class:`WriteFailed` when that cannot be done.
        """
        self.check_usable()
        try:
            with self.open(CONTACTS, create=True):
                pass
        except OSError as error:
            self.check_usable()
            raise WriteFailed(self.contacts_dir, error.strerror or str(error)) from None

    def read_bytes(self, relative: str, *, limit: int = MAX_DATA_FILE_BYTES) -> bytes:
        """A regular file inside the data folder, reached without following a link.

        ``FileNotFoundError`` if it is not there; :class:`UnsafePath` for a link, a special file, a file
        over ``limit``; ``OSError`` for the rest.
        """
        return read_regular(self.inside(relative), limit=limit, within=self.root)

    def read_text(self, relative: str, *, missing_ok: bool = False) -> str:
        """A text file inside the data folder (see :func:`netcoach.storage.tomlfile.read_text_file`)."""
        from netcoach.storage.tomlfile import read_text_file

        return read_text_file(self.inside(relative), missing_ok=missing_ok, within=self.root)

    def names(self, folder: str) -> list[str]:
        """The names of the ``.toml`` files in one of netcoach's folders (none if it is not there),
        sorted. :class:`UnsafePath` if the folder is a link."""
        try:
            with self.open(folder) as opened:
                return sorted(n for n in opened.names() if n.endswith(".toml") and not n.startswith("."))
        except FileNotFoundError:
            return []

    # -- the lock ------------------------------------------------------------------------

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the data folder's write lock (waits up to 15 s for another netcoach).

        The first time a thread takes it, an interrupted batch is finished and a killed writer's
        temp files are removed (:meth:`tidy`).
        """
        import filelock

        self.prepare()
        try:
            self._check_lock_file()
            self._lock.acquire(timeout=LOCK_TIMEOUT)
        except filelock.Timeout:
            raise Busy(f"another netcoach is holding {self.lock_path}; try again in a moment") from None
        except OSError as error:
            raise WriteFailed(self.lock_path, error.strerror or str(error)) from None
        try:
            if self._lock.lock_counter == 1:
                self.tidy()
            yield
        finally:
            self._lock.release()

    def _check_lock_file(self) -> None:
        """Make the lock file if it is missing, never through a link; :class:`UnusableFolder` if it is not a regular file."""
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        try:
            with self.open() as root:
                fd = os.open(LOCK_NAME if root.fd is not None else self.lock_path, flags, 0o600, dir_fd=root.fd)
        except OSError:
            self.check_usable()  # a link or a special file: say so (else the caller words the error)
            raise
        try:
            mode = os.fstat(fd).st_mode
        finally:
            os.close(fd)
        if not stat.S_ISREG(mode):
            self.check_usable()

    # -- housekeeping ---------------------------------------------------------------------

    def tidy(self) -> None:
        """Finish or remove an interrupted batch, and remove temp files left by a killed writer.
        Call only holding the lock. :class:`UnfinishedBatch` if a committed batch cannot be finished
        (writing now could take the id of a contact waiting in it)."""
        with contextlib.suppress(UnsafePath):  # a link where a batch would be: never entered (reported by readers)
            self.finish_batch()
        own = [(OWN_DIR, name) for name in self._own_folder_names()]
        for parts in ((), (CONTACTS,), ("drafts",), *own):
            if parts == (CONTACTS,) and not self.stray_temp_files:
                continue  # the folder of thousands: a reader's scan says when there is something to remove
            try:
                with self.open(*parts) as folder:
                    remove_stray_temp_files(folder)
            except (FileNotFoundError, NotADirectoryError, UnsafePath):
                continue  # nothing to do; a link is reported by the reader and `netcoach check`
        self.stray_temp_files = False

    def _own_folder_names(self) -> list[str]:
        """The real folders inside netcoach's own folder (none if it is not there, or is a link)."""
        try:
            with self.open(OWN_DIR) as own:
                return [entry.name for entry in own.scandir() if entry.is_dir(follow_symlinks=False)]
        except (OSError, StoreError):
            return []

    def settle(self) -> list[Problem]:
        """For a command that only reads: move the contacts of a committed batch into place (if no
        one is writing now), deleting nothing; the next write removes the staging folder. Returns the
        problems met (a staging folder that is a link, a batch that cannot be finished)."""
        places = self._staging_places()
        if not places:
            return []
        import filelock  # only now: a start with nothing to settle (nearly every one) never needs it

        try:
            self._check_lock_file()
            with self._lock.acquire(timeout=0):
                self.finish_batch(remove=False)
        except filelock.Timeout:
            pass  # a writer is busy: it finishes the batch itself
        except UnsafePath as error:
            return [Problem(error.path, 1, 1, error.reason)]
        except UnfinishedBatch as error:
            return [Problem(error.staging, 1, 1, str(error))]
        except (StoreError, OSError) as error:
            return [Problem(places[0], 1, 1, f"an interrupted import cannot be finished: {error}")]
        return []

    def batch_committed(self) -> bool:
        """Is a committed batch waiting to be moved into place?"""
        try:
            return stat.S_ISREG(os.lstat(self.batch_dir / BATCH_COMMITTED).st_mode)
        except OSError:
            return False

    def _staging_places(self) -> list[Path]:
        """Where a batch is staged now (an lstat each: cheap enough for every start)."""
        found = []
        for path in (self.batch_dir, self.root / LEGACY_BATCH_DIR):
            with contextlib.suppress(OSError):
                os.lstat(path)
                found.append(path)
        return found

    # -- batches: all or nothing ----------------------------------------------------------

    def finish_batch(self, *, remove: bool = True, moved: Callable[[list[str]], None] | None = None) -> None:
        """Roll a committed batch forward, or (if ``remove``) remove an uncommitted one; then (if
        ``remove``) remove the staging folder. Call only holding the lock. ``moved`` is told the names
        of the files moved into ``contacts/``, a few thousand at a time, as they are (see :func:`move_files`).

        A staging folder that is a link is never entered (:class:`UnsafePath`); a committed batch
        that cannot be moved into place raises :class:`UnfinishedBatch`, its files left where they are.
        """
        for parent_parts, name in (((CONTACTS,), BATCH_DIR), ((), LEGACY_BATCH_DIR)):
            try:
                parent = self.open(*parent_parts)
            except FileNotFoundError:
                continue
            with parent:
                mode = parent.kind(name)
                if mode is None:
                    continue
                with parent.sub(name) as staging:  # UnsafePath for a link: never entered
                    committed = staging.kind(BATCH_COMMITTED)
                    if name == LEGACY_BATCH_DIR and (committed is None or not stat.S_ISREG(committed)):
                        continue  # ".batch" is a name a person might use too: only a committed batch is ours
                    if committed is not None and stat.S_ISREG(committed):
                        names = [n for n in staging.names() if n.endswith(".toml") and not n.startswith(".")]
                        try:
                            with self.open(CONTACTS) as contacts:
                                move_files(staging, contacts, names, moved)
                        except UnsafePath as error:
                            raise UnfinishedBatch(staging.path, f"{error}") from None
                        except OSError as error:
                            raise UnfinishedBatch(staging.path, error.strerror or str(error)) from None
                    if remove:
                        self._remove_staging(parent, staging, name)

    def discard_batch(self) -> None:
        """Remove the staging folder, committed or not (a batch that failed before its commit). Call
        only holding the lock."""
        try:
            with self.open(CONTACTS) as parent:
                if parent.kind(BATCH_DIR) is None:
                    return
                with parent.sub(BATCH_DIR) as staging:
                    self._remove_staging(parent, staging, BATCH_DIR)
        except FileNotFoundError:
            return

    def _remove_staging(self, parent: Dir, staging: Dir, name: str) -> None:
        """Remove what netcoach staged (``*.toml`` files, its temp files), the commit marker last (a
        committed batch stays committed until its files are gone), then the folder."""
        try:
            for entry in list(staging.scandir()):
                if entry.name == BATCH_COMMITTED or not entry.is_file(follow_symlinks=False):
                    continue
                if entry.name.endswith(".toml") or is_temp_name(entry.name):
                    staging.unlink(entry.name)
            with contextlib.suppress(FileNotFoundError):
                staging.unlink(BATCH_COMMITTED)
            try:
                parent.rmdir(name)
            except OSError as error:
                if error.errno != errno.ENOTEMPTY and error.errno != errno.EEXIST:
                    raise
                return  # something netcoach did not put there: left as it is, with the folder
            parent.fsync()
        except OSError as error:
            raise WriteFailed(staging.path, f"cannot remove this staging folder: {error.strerror or error}") from None

    # -- other files (drafts, config) --------------------------------------------------

    def inside(self, relative: str) -> Path:
        """The path of ``relative`` inside the data folder; :class:`StoreError` if it would lead out."""
        parts = Path(relative).parts
        if not parts or Path(relative).is_absolute() or any(part in ("", ".", "..") for part in parts):
            raise StoreError(f"{relative!r} is outside the data folder")
        return self.root.joinpath(*parts)

    def save_file(self, relative: str, text: str, *, note: str | None = None) -> Path:
        """Atomically write a file inside the data folder (drafts, config) under the lock.

        User data (not a draft) is journaled first, as ``note`` ("Changed config.toml" if not given).
        """
        path = self.inside(relative)
        data = text.encode("utf-8")
        with self.locked(), self.journal.change(note or f"Changed {relative}") as change:
            change.before_writing([(path, data)])
            atomic_write(path, data, within=self.root)
        return path

    def delete_file(self, relative: str, *, note: str | None = None) -> bool:
        """Remove a file inside the data folder (a draft) under the lock; False if it was not there.

        Only a regular file is removed: a link or a special file there raises :class:`WriteFailed`.
        User data (not a draft) is journaled first, as ``note`` ("Removed <relative>" if not given).
        """
        path = self.inside(relative)
        *folders, name = Path(relative).parts
        with self.locked(), self.journal.change(note or f"Removed {relative}") as change:
            try:
                with self.open(*folders) as folder:
                    mode = folder.kind(name)
                    if mode is None:
                        return False
                    if not stat.S_ISREG(mode):
                        raise WriteFailed(path, f"it is {what_it_is(mode)}; netcoach only removes regular files")
                    change.before_writing([(path, None)])
                    if not remove_regular(folder, name):
                        return False
                    folder.fsync()
            except FileNotFoundError:
                return False
            except UnsafePath as error:
                raise WriteFailed(path, str(error)) from None
            except OSError as error:
                raise WriteFailed(path, error.strerror or str(error)) from None
        return True

    def layout_problems(self) -> list[Problem]:
        """Links and special files where netcoach keeps its files (see :mod:`netcoach.storage.layout`)."""
        from netcoach.storage.layout import layout_problems

        return layout_problems(self)


def stems(folder: Dir | None) -> set[str]:
    """The ids of the ``.toml`` entries in ``folder`` (links too: their names are taken)."""
    if folder is None:
        return set()
    return {n[:-5] for n in folder.names() if n.endswith(".toml") and not n.startswith(".")}
