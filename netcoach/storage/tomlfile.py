"""Reading and writing our TOML files, and saying exactly where a problem is.

A problem is reported as ``path:line:col: message``: TOML syntax errors take the line and
column from the parser; validation errors point at the line of the offending key.

Every file a user writes (config.toml, a template, the checklist, a theme, a draft) is read
with :func:`read_user_file`: read, decoded, parsed and validated, or one :class:`FileProblem`.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, overload

from netcoach.model.problem import FileProblem, Problem
from netcoach.storage.dirs import MAX_DATA_FILE_BYTES, read_regular
from netcoach.storage.errors import UnsafePath

if TYPE_CHECKING:  # pydantic and tomli_w load only when a file is validated or written (netcoach due stays light)
    from pydantic import BaseModel

M = TypeVar("M", bound="BaseModel")


_AT_LINE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_AT_END = re.compile(r"\s*\(at end of document\)\s*$")


@cache
def _fast_parser() -> Callable[[str], dict[str, Any]] | None:
    """``toml-rs`` held to TOML 1.0 (what tomllib reads, no more), or None if it is not installed."""
    try:
        import toml_rs
    except ImportError:
        return None
    return partial(toml_rs.loads, toml_version="1.0.0")


def parse_toml(path: Path, text: str) -> dict[str, Any]:
    """Parse TOML text, raising :class:`FileProblem` with the parser's line and column.

    A good file is parsed by ``toml-rs`` (about 20 times faster than tomllib: it matters when
    30,000 contact files are read); a file it refuses, or that starts with a byte order mark
    (which toml-rs skips and tomllib does not), is parsed again by tomllib, whose error gives the
    exact line and column, so both accept exactly the same files and word problems the same way.
    """
    fast = _fast_parser()
    if fast is not None and not text.startswith("\ufeff"):
        try:
            return fast(text)
        except Exception:  # any refusal: tomllib decides, and words it
            pass
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        line = getattr(error, "lineno", None)
        col = getattr(error, "colno", None)
        match = _AT_LINE.search(message)
        if match:
            line, col = int(match.group(1)), int(match.group(2))
            message = message[: match.start()]
        elif _AT_END.search(message):
            line, col = text.count("\n") + 1, 1
            message = _AT_END.sub("", message)
        message = getattr(error, "msg", message)
        raise FileProblem(Problem(path, line or 1, col or 1, f"invalid TOML: {message}")) from None


def read_text_file(
    path: Path, *, missing_ok: bool = False, within: Path | None = None, limit: int = MAX_DATA_FILE_BYTES
) -> str:
    """A user file's text; a file that cannot be read or is not UTF-8 raises :class:`FileProblem`.

    Only a regular file of at most ``limit`` bytes is read: a named pipe, a device or a folder is
    a problem (never opened in a way that could wait), as is a link when ``within`` (the data
    folder) is given: then no link from there down is followed (see :func:`netcoach.storage.dirs.read_regular`).
    With ``missing_ok``, a missing file raises ``FileNotFoundError`` for the caller to treat as absent.
    """
    try:
        data = read_regular(path, limit=limit, within=within, follow=within is None)
    except FileNotFoundError:
        if missing_ok:
            raise
        raise FileProblem(Problem(path, 1, 1, "cannot read: the file is gone")) from None
    except UnsafePath as error:
        raise FileProblem(Problem(error.path, 1, 1, error.reason)) from None
    except OSError as error:
        raise FileProblem(Problem(path, 1, 1, f"cannot read: {error.strerror or error}")) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise FileProblem(Problem(path, line, 1, "not UTF-8 text")) from None


def read_model(path: Path, text: str, model: type[M]) -> M:
    """Parse and validate ``text`` as ``model``; any problem raises :class:`FileProblem`."""
    from pydantic import ValidationError

    data = parse_toml(path, text)
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        loc = tuple(first["loc"])
        line, col = locate(text, loc)
        where = dotted(loc)
        count = error.error_count()
        more = f" (and {count - 1} more problem{'s' if count > 2 else ''})" if count > 1 else ""
        reason = _friendly(first)
        raise FileProblem(Problem(path, line, col, f"{where}: {reason}{more}" if where else reason + more)) from None


@dataclass(frozen=True)
class UserFile(Generic[M]):
    """A user's file, read and validated: the model, and the text it came from (to point at a key)."""

    path: Path
    text: str
    model: M

    def problem_at(self, loc: tuple[str | int, ...], message: str) -> Problem:
        """A problem found after validation (a repeated id, say), placed at the key ``loc`` names."""
        line, col = locate(self.text, loc)
        return Problem(self.path, line, col, message)


@overload
def read_user_file(
    path: Path, model: type[M], *, missing_ok: Literal[False] = False, within: Path | None = None
) -> UserFile[M]: ...
@overload
def read_user_file(
    path: Path, model: type[M], *, missing_ok: Literal[True], within: Path | None = None
) -> UserFile[M] | None: ...
def read_user_file(
    path: Path, model: type[M], *, missing_ok: bool = False, within: Path | None = None
) -> UserFile[M] | None:
    """Read, parse and validate a user's TOML file as ``model``; any problem raises :class:`FileProblem`.

    A missing file is a problem too, unless ``missing_ok``: then it is ``None``. For a file in
    the data folder give ``within`` (the data folder): no link from there down is followed, and
    a link or a special file is a problem (see :func:`read_text_file`).
    """
    try:
        text = read_text_file(path, missing_ok=missing_ok, within=within)
    except FileNotFoundError:
        return None
    return UserFile(path, text, read_model(path, text, model))


def _friendly(error: Any) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown key (check the spelling)"
    if kind == "missing":
        return "required, but missing"
    message = str(error["msg"])
    return message.removeprefix("Value error, ")


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
# One part of a dotted key: "a basic string", 'a literal string' or a bare key, with spaces around it.
_KEY_PART = re.compile(r"""[ \t]*("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[A-Za-z0-9_-]+)[ \t]*""")


def _key_part(token: str) -> str:
    """A key as TOML reads it: quotes removed, a basic string's escapes (``\\u001b``) decoded."""
    if token.startswith('"'):
        try:
            return str(tomllib.loads(f"k = {token}")["k"])
        except tomllib.TOMLDecodeError:
            return token[1:-1]
    return token.strip("'")


def _dotted_key(line: str, start: int) -> tuple[tuple[str, ...], int] | None:
    """The dotted key (``a."b.c".d``) at ``start`` in ``line`` and where it ends; None if there is none."""
    parts: list[str] = []
    position = start
    while match := _KEY_PART.match(line, position):
        parts.append(_key_part(match.group(1)))
        position = match.end()
        if not line.startswith(".", position):
            return tuple(parts), position
        position += 1
    return None


def _header(line: str) -> tuple[str, tuple[str, ...]] | None:
    """``("[", table)`` for a ``[table]`` line, ``("[[", table)`` for ``[[array.of.tables]]``, else None."""
    stripped = line.lstrip()
    opener = "[[" if stripped.startswith("[[") else "[" if stripped.startswith("[") else ""
    if not opener:
        return None
    found = _dotted_key(stripped, len(opener))
    if found is None or not stripped.startswith("]" * len(opener), found[1]):
        return None
    return opener, found[0]


def dotted(loc: tuple[Any, ...]) -> str:
    """A Pydantic error location as the user wrote it: ``interactions.0.kind``, ``keymap."netcoach.log"``."""
    return ".".join(
        str(part)
        if isinstance(part, int) or _BARE_KEY.fullmatch(str(part))
        else json.dumps(str(part), ensure_ascii=False)
        for part in loc
    )


def locate(text: str, loc: tuple[Any, ...]) -> tuple[int, int]:
    """The (line, column), 1-based, of the key that ``loc`` names in ``text``.

    ``loc`` is a Pydantic error location such as ``("interactions", 2, "kind")``. The scan
    understands top-level keys, dotted and quoted keys, ``[table]`` and ``[[array of tables]]``
    headers, which is all our files use; anything it cannot place points at the nearest
    enclosing key, or 1:1.
    """
    keys = [str(part) for part in loc if not isinstance(part, int)]
    indexes = [part for part in loc if isinstance(part, int)]
    best = (1, 1)
    table: tuple[str, ...] = ()
    array_counts: dict[tuple[str, ...], int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        header = _header(line)
        if header is not None:
            opener, table = header
            if opener == "[[":
                array_counts[table] = array_counts.get(table, -1) + 1
                if len(keys) >= 1 and (keys[0],) == table and indexes and array_counts[table] == indexes[0]:
                    best = (number, line.index("[") + 1)
            elif keys[: len(table)] == list(table):
                best = (number, line.index("[") + 1)
            continue
        found = _dotted_key(line, 0)
        if found is None or not line.startswith("=", found[1]):
            continue
        full = table + found[0]
        in_right_array = True
        if table and table in array_counts:
            in_right_array = bool(indexes) and array_counts[table] == indexes[0]
        if in_right_array and tuple(keys[: len(full)]) == full:
            best = (number, len(line) - len(line.lstrip()) + 1)
            if len(full) == len(keys):
                return best
        elif in_right_array and len(table) < len(keys) and full[: len(keys)] == tuple(keys):  # a table by dotted keys
            return number, len(line) - len(line.lstrip()) + 1
    return best


def to_toml(data: dict[str, Any]) -> str:
    """TOML text for ``data``: keys in the given order, multi-line strings where it reads better."""
    import tomli_w

    return tomli_w.dumps(data, multiline_strings=True)


def compact(data: dict[str, Any], keep: tuple[str, ...] = ()) -> dict[str, Any]:
    """Drop unset values (None, empty strings and lists) so files stay short and readable."""
    return {k: v for k, v in data.items() if k in keep or v not in (None, "", [], {})}
