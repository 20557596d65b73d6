"""What reading contact files gives: one file's :class:`Read`, everyone's :class:`LoadResult`, and the
problems the index remembers with them (see :mod:`netcoach.storage.reader`)."""

from __future__ import annotations

import json
import struct
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import starmap
from pathlib import Path
from stat import S_ISREG
from typing import TYPE_CHECKING

from netcoach.model.digests import blake2b
from netcoach.model.problem import Problem
from netcoach.storage.contacts import ContactRecord
from netcoach.storage.dirs import MAX_DATA_FILE_BYTES, Dir, is_temp_name, too_big, what_it_is
from netcoach.storage.index import FileEntry, Stat, problem_json

if TYPE_CHECKING:
    from netcoach.model.contact import Contact


@dataclass(frozen=True)
class Read:
    """What reading one contact file gave: its index entry, and the contact or the problem."""

    entry: FileEntry
    contact: Contact | None
    problem: Problem | None = None

    def failure(self, folder: Path, name: str) -> Problem | None:
        """What to report when this read of ``folder/name`` gave no contact to list (None when it did:
        no path is made then, 30,000 times on a cold start)."""
        if self.problem is None and self.entry.brief is not None:
            return None
        return self.problem or Problem(folder / name, 1, 1, "could not be read")


@dataclass
class LoadResult:
    records: list[ContactRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def scan_state(stats: Mapping[str, tuple[int, ...]]) -> str:
    """See :meth:`netcoach.storage.reader.Reader.state`: a digest of these files' names and stats, in
    the order the folder listed them (an unchanged folder lists them in the same order; another
    order only gives another state: a start that compares every stat, as it did before).

    About 4 ms for 30,000 files: each stat goes in as four 64-bit integers, not as text (the bytes an
    array of them would hold; packed a stat at a time, in half the time).
    """
    digest = blake2b(f"{len(stats)}:{'/'.join(stats)}\n".encode(), digest_size=16)
    try:
        digest.update(b"".join(starmap(_FOUR_INTEGERS, stats.values())))
    except struct.error:  # an inode number past 2**63 (some network file systems)
        digest.update(repr(list(stats.values())).encode())
    return digest.hexdigest()


_FOUR_INTEGERS = struct.Struct("4q").pack
"""A file's stat (size, mtime, inode, ctime) as bytes."""


def refused(path: Path, stat: Stat, mode: int | None, reason: str = "") -> Read:
    """What a contacts/ entry netcoach will not open gives: its problem (never remembered by the index)."""
    if not reason:
        reason = (what_it_is(mode) if mode is not None else None) or too_big(stat.size, MAX_DATA_FILE_BYTES)
    return Read(FileEntry(stat, "", None, problem_json(1, 1, reason)), None, Problem(path, 1, 1, reason))


def stored_problem(path: Path, raw: str | None) -> Problem:
    """The problem the index remembers for ``path`` (JSON ``[line, col, message]``)."""
    line, col, message = json.loads(raw or "")
    return Problem(path, int(line), int(col), str(message))


def listed(contacts: Dir) -> tuple[dict[str, tuple[int, int, int, int]], dict[str, Read], bool]:
    """Every regular contact file of ``contacts/`` and its stat (size, mtime, inode, ctime), a refusal for
    every other ``*.toml`` entry (a link, a pipe, too big: never opened), and whether a temp file was left.

    A tight loop: it runs for every contact at every start. Each entry is dropped as soon as it is seen
    (with the stat it caches): 30,000 of them held at once weigh about 20 MB.
    """
    found: dict[str, tuple[int, int, int, int]] = {}
    unsafe: dict[str, Read] = {}
    stray = False
    is_regular, biggest = S_ISREG, MAX_DATA_FILE_BYTES  # locals: looked up 30,000 times
    for entry in contacts.scandir():
        name = entry.name
        if not name.endswith(".toml") or name[0] == ".":
            if name[0] == ".":
                stray = stray or is_temp_name(name)
            continue
        try:
            st = entry.stat(follow_symlinks=False)  # never through a link
        except FileNotFoundError:
            continue
        size = st.st_size
        if is_regular(st.st_mode) and size <= biggest:
            found[name] = (size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)
        else:
            stat = Stat(size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)
            unsafe[name] = refused(contacts.path / name, stat, st.st_mode)
    return found, unsafe, stray


def folder_state(found: dict[str, tuple[int, int, int, int]], unsafe: dict[str, Read], state: str = "") -> str:
    """The files listed (:func:`listed`) as one digest: the regular ones with their stats (``state``, their
    :func:`scan_state`, if already known), and the names of the others."""
    return f"{state or scan_state(found)}:{','.join(sorted(unsafe))}"
