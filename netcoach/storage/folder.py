"""The data folder itself: where things are, the lock every write holds, and housekeeping.

Layout of ``<data>/``::

    config.toml            settings (optional)
    contacts/<id>.toml     one file per contact; <id> is a safe slug of the name
    drafts/<id>.toml       drafts in progress
    templates/*.toml       the user's own message templates
    .netcoach.lock         the lock every write holds (never the data files themselves)
    .batch/                a batch of contact files being written (see netcoach.storage.batches)
    .netcoach/journal/     what every change replaced, for undo (see netcoach.storage.journal)
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from netcoach.storage.errors import Busy, StoreError
from netcoach.storage.fsio import (
    TEMP_SUFFIX,
    atomic_write,
    ensure_private_dir,
    fsync_dir,
    move_files,
    remove_stray_temp_files,
)

if TYPE_CHECKING:
    import filelock

    from netcoach.storage.journal import Journal

DATA_ENV = "NETCOACH_DATA"
CACHE_ENV = "NETCOACH_CACHE"
LOCK_TIMEOUT = 15.0
BATCH_DIR = ".batch"
"""A batch of contact files being written, all or nothing (see netcoach.storage.batches)."""
BATCH_COMMITTED = "COMMITTED"
"""The commit marker inside :data:`BATCH_DIR`: once it is there, the batch is rolled forward."""


def default_data_dir() -> Path:
    """``NETCOACH_DATA``, else the platform's user data folder."""
    env = os.environ.get(DATA_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    import platformdirs

    return platformdirs.user_data_path("netcoach")


def default_cache_dir() -> Path:
    """``NETCOACH_CACHE``, else the platform's user cache folder."""
    env = os.environ.get(CACHE_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    import platformdirs

    return platformdirs.user_cache_path("netcoach")


class DataFolder:
    """A netcoach data folder: its paths, its lock, and the housekeeping done under the lock."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.contacts_dir = root / "contacts"
        self.drafts_dir = root / "drafts"
        self.templates_dir = root / "templates"
        self.config_path = root / "config.toml"
        self._file_lock: filelock.FileLock | None = None
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

            self._file_lock = filelock.FileLock(self.root / ".netcoach.lock", mode=0o600)
        return self._file_lock

    def prepare(self) -> None:
        """Make the folder and its contacts folder (0700) if they are not there yet."""
        ensure_private_dir(self.root)
        ensure_private_dir(self.contacts_dir)

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the data folder's write lock (waits up to 15 s for another netcoach)."""
        import filelock

        self.prepare()
        try:
            with self._lock.acquire(timeout=LOCK_TIMEOUT):
                self.finish_batch()
                yield
        except filelock.Timeout:
            raise Busy(f"another netcoach is holding {self._lock.lock_file}; try again in a moment") from None

    def clean_up(self) -> None:
        """Finish an interrupted batch and remove temp files left by a killed writer, if no one is writing now."""
        import filelock

        self.prepare()
        try:
            with self._lock.acquire(timeout=0):
                self.finish_batch()
                for folder in (self.root, self.contacts_dir, self.drafts_dir):
                    remove_stray_temp_files(folder)
        except filelock.Timeout:
            pass

    def needs_clean_up(self) -> bool:
        """Is there a batch to finish, or a killed writer's temp file, in the folder or drafts?"""
        return (self.root / BATCH_DIR).is_dir() or _has_temp_files(self.root) or _has_temp_files(self.drafts_dir)

    # -- batches: all or nothing ----------------------------------------------------------

    def finish_batch(self) -> None:
        """Roll a committed batch forward, or remove an uncommitted one. Call only holding the lock."""
        staging = self.root / BATCH_DIR
        if not staging.is_dir():
            return
        if (staging / BATCH_COMMITTED).exists():
            with os.scandir(staging) as scan:
                names = [e.name for e in scan if e.name.endswith(".toml") and not e.name.startswith(".")]
            move_files(staging, self.contacts_dir, names)
        self.discard_batch()

    def discard_batch(self) -> None:
        """Remove the staging folder; the commit marker goes last, so a committed batch stays committed."""
        staging = self.root / BATCH_DIR
        if not staging.is_dir():
            return
        with os.scandir(staging) as scan:
            for entry in scan:
                if entry.name != BATCH_COMMITTED:
                    os.unlink(entry.path)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(staging / BATCH_COMMITTED)
        os.rmdir(staging)
        fsync_dir(self.root)

    # -- other files (drafts, config) --------------------------------------------------

    def inside(self, relative: str) -> Path:
        """The path of ``relative`` inside the data folder; :class:`StoreError` if it would lead out."""
        path = (self.root / relative).resolve()
        if self.root.resolve() not in path.parents:
            raise StoreError(f"{relative!r} is outside the data folder")
        return path

    def save_file(self, relative: str, text: str, *, note: str | None = None) -> Path:
        """Atomically write a file inside the data folder (drafts, config) under the lock.

        User data (not a draft) is journaled first, as ``note`` ("Changed config.toml" if not given).
        """
        path = self.inside(relative)
        data = text.encode("utf-8")
        with self.locked(), self.journal.change(note or f"Changed {relative}") as change:
            change.before_writing([(path, data)])
            atomic_write(path, data)
        return path

    def delete_file(self, relative: str, *, note: str | None = None) -> bool:
        """Remove a file inside the data folder (a draft) under the lock; False if it was not there."""
        path = self.inside(relative)
        with self.locked(), self.journal.change(note or f"Removed {relative}") as change:
            if not path.exists():
                return False
            change.before_writing([(path, None)])
            path.unlink()
            fsync_dir(path.parent)
        return True


def _has_temp_files(folder: Path) -> bool:
    try:
        return any(name.startswith(".") and name.endswith(TEMP_SUFFIX) for name in os.listdir(folder))
    except FileNotFoundError:
        return False


def stems(folder: Path) -> set[str]:
    """The ids of the ``.toml`` files in ``folder`` (none if it does not exist)."""
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return set()
    return {n[:-5] for n in names if n.endswith(".toml") and not n.startswith(".")}
