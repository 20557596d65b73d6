"""The store's expected problems, each worded for the user."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netcoach.storage.contacts import ContactRecord


class StoreError(Exception):
    """An expected problem with the data folder, worded for the user."""


class NotFound(StoreError):
    """No contact by that name or id."""


class Ambiguous(StoreError):
    """Several contacts match a name; ``candidates`` are they."""

    def __init__(self, message: str, candidates: list[ContactRecord]) -> None:
        super().__init__(message)
        self.candidates = candidates


class ConflictError(StoreError):
    """The file changed on disk since it was read; ``current`` is what is there now."""

    def __init__(self, current: ContactRecord | None, message: str = "") -> None:
        super().__init__(message or "this contact was changed elsewhere since you opened it")
        self.current = current


class SameName(StoreError):
    """Someone of that name (case and accents aside) is in the data folder already: ``existing``,
    found while holding the lock, so two adds at once cannot both miss each other."""

    def __init__(self, name: str, existing: list[ContactRecord]) -> None:
        count = len(existing)
        who = "someone" if count == 1 else f"{count} people"
        ids = ", ".join(record.id for record in existing)
        super().__init__(f"you already have {who} called {name} ({ids})")
        self.name = name
        self.existing = existing


class Busy(StoreError):
    """Another netcoach holds the data folder's lock."""


class IndexBehind(StoreError):
    """More files changed since the index last saw them than the caller wanted to read now."""

    def __init__(self, count: int) -> None:
        super().__init__(f"{count} contact files to read")
        self.count = count


class UnsafePath(StoreError):
    """Something netcoach will not follow, open or replace: a symbolic link or a special file
    inside the data folder, a file too big to be one of ours, a folder where a file should be.

    ``reason`` says what it is, e.g. "a symbolic link: netcoach does not follow links in its data folder".
    """

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path} is {reason}")
        self.path = path
        self.reason = reason


class WriteFailed(StoreError):
    """A write the disk or the folder refused (no space, read-only, permission, a link in the way):
    ``path`` and ``cause`` in one line. Whatever was there before is left as it was."""

    def __init__(self, path: Path, cause: str) -> None:
        super().__init__(f"cannot write {path}: {cause}")
        self.path = path
        self.cause = cause


class UnusableFolder(StoreError):
    """The data folder cannot be used at all (not a folder, its lock file a link): fix it by hand."""


class UnfinishedBatch(StoreError):
    """An import that was committed cannot be moved into place; its contacts wait in ``staging``."""

    def __init__(self, staging: Path, cause: str) -> None:
        super().__init__(
            f"an interrupted import cannot be finished ({cause}); its contacts are waiting in {staging}."
            " Nothing is lost: fix the cause and run netcoach again"
        )
        self.staging = staging
        self.cause = cause
