"""The journal's entries on disk: one JSON-lines file per change, what it held and what it wrote.

The first line says what the change was (what ``netcoach undo --list`` shows, read without the
rest); each further line is one file: its path inside the data folder, its bytes before (text, or
base64 when not UTF-8; null when it was not there) and the digest of what the change wrote (null:
removed). An entry that is not one netcoach wrote (a link, a special file, garbled, too big, a path
out of the folder) is never read as one.
"""

from __future__ import annotations

import base64
import json
import json.encoder
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from netcoach.model.digests import file_sha256
from netcoach.model.text import clean_line
from netcoach.storage.dirs import Dir
from netcoach.storage.errors import StoreError

SUFFIX = ".jsonl"
FORMAT = 1
MAX_ENTRY_BYTES = 1024 * 1024 * 1024
"""The largest entry read back: far beyond what a change writes (it keeps each file's bytes, each
file at most :data:`~netcoach.storage.dirs.MAX_DATA_FILE_BYTES`), never unbounded."""
MAX_HEAD_BYTES = 64 * 1024
"""The most read of an entry's first line (what ``--list`` shows)."""

Kind = Literal["change", "undo", "redo"]


def digest(data: bytes) -> str:
    """The digest the journal keeps of the bytes a change wrote."""
    return file_sha256(data)


def journaled(relative: str) -> bool:
    """Is a file at ``relative`` (inside the data folder) user data that undo looks after?

    Drafts (saved as the user types) and netcoach's own hidden files are not.
    """
    parts = relative.replace(os.sep, "/").split("/")
    return parts[0] != "drafts" and not any(part.startswith(".") for part in parts)


@dataclass(frozen=True)
class FileChange:
    """One file a change touched: where, what it held before (None: absent), the digest written (None: removed)."""

    path: str
    before: bytes | None
    after: str | None


@dataclass(frozen=True)
class Entry:
    """One change: its number, when (unix time), its description, and (once read whole) its files."""

    number: int
    at: float
    note: str
    kind: Kind = "change"
    subject: str = ""
    """For an undo or a redo: the description of the change it is about."""
    count: int = 0
    """How many files the change touched."""
    files: tuple[FileChange, ...] = ()

    @property
    def about(self) -> str:
        """The change this entry is about, in words (for an undo: the change it undid)."""
        return self.subject or self.note


@dataclass(frozen=True)
class Undone:
    """What undo did: ``entry`` was undone (``redo``: it was itself an undo), recorded as ``record``."""

    entry: Entry
    record: Entry
    paths: tuple[str, ...]

    @property
    def redo(self) -> bool:
        return self.record.kind == "redo"

    def __str__(self) -> str:
        return self.record.note


def entry_names(folder: Dir) -> list[tuple[int, int, str]]:
    """(number, unix time, file name) of every entry in the journal's open folder, newest first."""
    found = []
    for name in folder.names():
        if name.startswith(".") or not name.endswith(SUFFIX):
            continue
        number, _, at = name[: -len(SUFFIX)].partition("-")
        if number.isdigit() and at.isdigit():
            found.append((int(number), int(at), name))
    found.sort(reverse=True)
    return found


def name_of(names: list[tuple[int, int, str]], number: int) -> str:
    return next(name for n, _, name in names if n == number)


def read_in(folder: Dir, name: str) -> bytes | None:
    """The regular file ``name`` in an open folder (None: not there); :class:`UnsafePath` for
    a link, a special file, a file over the data folder's limit."""
    try:
        return folder.read(name)
    except (FileNotFoundError, NotADirectoryError):
        return None


_json_string: Callable[[str], str] = json.encoder.encode_basestring
"""A string as ``json.dumps(..., ensure_ascii=False)`` writes it (quoted and escaped, the same C function)."""


def entry_text(entry: Entry) -> bytes:
    head = {
        "format": FORMAT,
        "number": entry.number,
        "at": entry.at,
        "note": entry.note,
        "kind": entry.kind,
        "subject": entry.subject,
        "files": entry.count,
    }
    lines = [json.dumps(head, ensure_ascii=False)]
    for change in entry.files:
        if change.before is None:  # most lines of a large import: written as json.dumps would, without it
            after = "null" if change.after is None else _json_string(change.after)
            lines.append(f'{{"path": {_json_string(change.path)}, "after": {after}, "before": null}}')
            continue
        line: dict[str, Any] = {"path": change.path, "after": change.after}
        try:
            line["before"] = change.before.decode("utf-8")
        except UnicodeDecodeError:
            line["before_base64"] = base64.b64encode(change.before).decode("ascii")
        lines.append(json.dumps(line, ensure_ascii=False))
    return ("\n".join(lines) + "\n").encode("utf-8")


def read_entry(folder: Dir, name: str, *, whole: bool) -> Entry | None:
    """The entry ``name`` in the journal's open folder (None if it is not one netcoach wrote: a
    link, a special file, garbled or too big)."""
    try:
        fd = folder.open_regular(name, limit=MAX_ENTRY_BYTES)  # never a link, never waits on a pipe
    except (OSError, StoreError):
        return None
    try:
        with os.fdopen(fd, "rb") as handle:
            first = handle.readline(MAX_HEAD_BYTES)
            if not first.endswith(b"\n"):
                return None  # not an entry netcoach wrote (its first line is short)
            head = json.loads(first)
            files = []
            if whole:
                for raw in handle:
                    line = json.loads(raw)
                    if "before_base64" in line:
                        before: bytes | None = base64.b64decode(line["before_base64"], validate=True)
                    else:
                        before = None if line["before"] is None else str(line["before"]).encode("utf-8")
                    relative = str(line["path"])
                    if not journaled(relative) or relative.startswith("/") or ".." in relative.split("/"):
                        return None  # not a path netcoach would write: never follow it out of the folder
                    after = line["after"]
                    files.append(FileChange(relative, before, None if after is None else str(after)))
        kind = head.get("kind", "change")
        return Entry(
            number=int(head["number"]),
            at=float(head["at"]),
            note=clean_line(str(head["note"])),
            kind=kind if kind in ("change", "undo", "redo") else "change",
            subject=clean_line(str(head.get("subject", ""))),
            count=int(head.get("files", len(files))),
            files=tuple(files),
        )
    except (ValueError, KeyError, TypeError, AttributeError, OSError):
        return None
