"""The store's expected problems, each worded for the user."""

from __future__ import annotations

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

    def __init__(self, current: ContactRecord | None) -> None:
        super().__init__("this contact was changed elsewhere since you opened it")
        self.current = current


class Busy(StoreError):
    """Another netcoach holds the data folder's lock."""


class IndexBehind(StoreError):
    """More files changed since the index last saw them than the caller wanted to read now."""

    def __init__(self, count: int) -> None:
        super().__init__(f"{count} contact files to read")
        self.count = count
