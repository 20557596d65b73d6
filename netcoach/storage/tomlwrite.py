"""A fast writer for the flat tables netcoach writes of a contact, byte for byte what tomli-w writes.

Contact files are written by the thousand in an import, and are read and edited by people: the
bytes must stay exactly those ``tomli_w.dumps(data, multiline_strings=True)`` gives (tests hold
the two to the same output over generated contacts). The common case is done here directly: a
flat table of plain strings, booleans, integers, dates and lists of those. Anything that needs
thought (a string with a quote, a backslash, a control character or a line break, a key that is
not bare) goes through tomli-w's own functions; a value of any other shape (a float, a nested
table, a list of tables, a nested list), through :func:`tomli_w.dumps` for the whole table.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_AWKWARD = re.compile(r'[\x00-\x1f\x7f"\\]')
"""A character tomli-w escapes or writes in a multi-line string (a tab is neither, but rare: it goes the long way)."""
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_INDENT = "    "


class _Unusual(Exception):
    """A value this writer leaves to tomli-w."""


def _string(value: str) -> str:
    if _AWKWARD.search(value) is None:
        return '"' + value + '"'  # never format(): an enum's format is not its value
    from tomli_w._writer import format_string

    return format_string(value, allow_multiline=True)


def _scalar(value: object) -> str:
    kind = type(value)
    if kind is str or isinstance(value, str):
        return _string(value)  # type: ignore[arg-type]
    if kind is bool:
        return "true" if value else "false"
    if kind is int or kind is dt.date:
        return str(value)
    raise _Unusual


def _value(value: object) -> str:
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(_INDENT + _scalar(item) for item in value) + ",\n]"
    return _scalar(value)


def _key(key: str) -> str:
    if type(key) is not str:
        raise _Unusual
    if _BARE_KEY.fullmatch(key) is not None:
        return key
    from tomli_w._writer import format_key_part

    return format_key_part(key)


_BARE: set[str] = set()
"""Keys already found bare (a contact file's few dozen field names): not matched again at each file."""


def dumps(data: dict[str, Any]) -> str:
    """``tomli_w.dumps(data, multiline_strings=True)``, faster for the flat tables of a contact file."""
    try:
        lines = []
        for key, value in data.items():
            if type(key) is not str or key not in _BARE:
                if _key(key) is not key:  # quoted: formatted each time (rare)
                    lines.append(_key(key) + " = " + _value(value) + "\n")
                    continue
                if len(_BARE) < 1024:
                    _BARE.add(key)
            if type(value) is str and _AWKWARD.search(value) is None:  # most values: plain text
                lines.append(key + ' = "' + value + '"\n')
            else:
                lines.append(key + " = " + _value(value) + "\n")
        return "".join(lines)
    except _Unusual:
        import tomli_w

        return tomli_w.dumps(data, multiline_strings=True)
