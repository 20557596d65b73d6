"""netcoach's own files (``netcoach/data/``), and how the user's own files change them: by id.

The templates, the checklist and the worries each come bundled, and the user's files change
the bundled list the same way (:func:`merge_by_id`):

- an entry with the id of a bundled one replaces it (in the same place);
- an entry with a new id is added at the end;
- ``remove`` drops bundled entries (where the file format has it);
- ``replace_all`` starts from an empty list, so only the user's entries are used (likewise).
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Protocol, TypeVar


def bundled_path(*parts: str) -> Path:
    """Where one of netcoach's own data files or folders is (inside the installed package)."""
    return Path(str(resources.files("netcoach").joinpath("data", *parts)))


def bundled_text(*parts: str) -> str:
    """The text of one of netcoach's own data files."""
    return resources.files("netcoach").joinpath("data", *parts).read_text(encoding="utf-8")


class HasId(Protocol):
    """An entry of a list the user may change by id."""

    @property
    def id(self) -> str: ...


E = TypeVar("E", bound=HasId)


def merge_by_id(
    bundled: Iterable[E], user: Iterable[E], *, remove: Iterable[str] = (), replace_all: bool = False
) -> list[E]:
    """The bundled entries changed by the user's: replaced by id in place, new ids added at the end.

    ``remove`` names bundled entries to drop; ``replace_all`` drops them all first. The user's
    entries are expected to have distinct ids (a repeat replaces the earlier one).
    """
    dropped = set(remove)
    merged: list[E] = [] if replace_all else [entry for entry in bundled if entry.id not in dropped]
    where = {entry.id: index for index, entry in enumerate(merged)}
    for entry in user:
        if entry.id in where:
            merged[where[entry.id]] = entry
        else:
            where[entry.id] = len(merged)
            merged.append(entry)
    return merged
