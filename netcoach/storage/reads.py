"""What reading contact files gives: one file's :class:`Read`, everyone's :class:`LoadResult`, and the
problems the index remembers with them (see :mod:`netcoach.storage.reader`)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from netcoach.model.problem import Problem
from netcoach.storage.contacts import ContactRecord
from netcoach.storage.dirs import MAX_DATA_FILE_BYTES, too_big, what_it_is
from netcoach.storage.index import FileEntry, Stat, problem_json

if TYPE_CHECKING:
    from netcoach.model.contact import Contact


@dataclass(frozen=True)
class Read:
    """What reading one contact file gave: its index entry, and the contact or the problem."""

    entry: FileEntry
    contact: Contact | None
    problem: Problem | None = None

    def failure(self, path: Path) -> Problem | None:
        """What to report when this read gave no contact to list (None when it did)."""
        if self.problem is None and self.entry.brief is not None:
            return None
        return self.problem or Problem(path, 1, 1, "could not be read")


@dataclass
class LoadResult:
    records: list[ContactRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def scan_state(names: list[str], fresh: Mapping[str, Read], known: Mapping[str, tuple[int, ...]]) -> str:
    """See :meth:`netcoach.storage.reader.Reader.state`: "" (nothing to key on) when a file had to be read, since a file
    changed within the clock's tick could look the same next time (as for the index itself)."""
    if fresh:
        return ""
    # Every file is known (nothing was read), so each one's stat is the index's. The stats are taken
    # in by Python's hash of their tuple (ints and tuples hash the same in every process; only a
    # different Python could change it, and then nothing is found remembered): about 4 ms for
    # 30,000 files, where a text of each stat to hash took ten times that.
    stats = hash(tuple(map(known.__getitem__, names)))
    return hashlib.blake2b(f"{stats}\n{'/'.join(names)}".encode(), digest_size=16).hexdigest()


def refused(path: Path, stat: Stat, mode: int | None, reason: str = "") -> Read:
    """What a contacts/ entry netcoach will not open gives: its problem (never remembered by the index)."""
    if not reason:
        reason = (what_it_is(mode) if mode is not None else None) or too_big(stat.size, MAX_DATA_FILE_BYTES)
    return Read(FileEntry(stat, "", None, problem_json(1, 1, reason)), None, Problem(path, 1, 1, reason))


def stored_problem(path: Path, raw: str | None) -> Problem:
    """The problem the index remembers for ``path`` (JSON ``[line, col, message]``)."""
    line, col, message = json.loads(raw or "")
    return Problem(path, int(line), int(col), str(message))
