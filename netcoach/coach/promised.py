"""Promises in what you write: "I'll send it by Friday" in a draft is a promise worth recording.

:func:`promises_in` finds sentences where you say you will do something, and the day when one
is named ("by Friday", "tomorrow", "next week", "on 4 December"). Pure: today is passed in.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from netcoach.timing.promises import default_by

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = [
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
]  # fmt: skip

_PROMISE = re.compile(
    r"\b(?:i'll|i\s+will|i\s+can|let\s+me|i'm\s+going\s+to|i\s+am\s+going\s+to)\s+"
    r"(?P<what>(?:send|share|forward|introduce|intro|connect|follow\s+up|check|ask|get\s+back|email|write|look)"
    r"(?:(?!,?\s+and\s+(?:i|i'll|let)\b)[^.!?\n])*)",
    re.IGNORECASE,
)
_WHEN = re.compile(
    r"\s*(?:,\s*)?\b(?:(?:by|on|before)\s+)?(?:(?:this|next)\s+)?"
    r"(?P<when>today|tonight|tomorrow|(?:next\s+)?week|"
    + "|".join(_WEEKDAYS)
    + r"|\d{1,2}\s+(?:"
    + "|".join(_MONTHS)
    + r"))\b.*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Promised:
    """A promise found in a draft: what (in your words), and by when (a default when none was said)."""

    text: str
    by: dt.date
    said_when: bool


def _day(when: str, today: dt.date) -> dt.date | None:
    word = " ".join(when.lower().split())
    if word in ("today", "tonight"):
        return today
    if word == "tomorrow":
        return today + dt.timedelta(days=1)
    if word in ("week", "next week"):
        return today + dt.timedelta(days=7 - today.weekday())  # the Monday after
    if word in _WEEKDAYS:
        ahead = (_WEEKDAYS.index(word) - today.weekday()) % 7
        return today + dt.timedelta(days=ahead or 7)
    day, _, month = word.partition(" ")
    if month in _MONTHS:
        try:
            found = dt.date(today.year, _MONTHS.index(month) + 1, int(day))
        except ValueError:
            return None
        return found if found >= today else found.replace(year=today.year + 1)
    return None


def promises_in(text: str, today: dt.date) -> list[Promised]:
    """Every "I'll send ... by Friday" in ``text``, in order."""
    found = []
    for match in _PROMISE.finditer(text.replace("\u2019", "'")):
        what = match.group("what").strip()
        when = _WHEN.search(what)
        by = _day(when.group("when"), today) if when else None
        if when:
            what = what[: when.start()].strip(" ,")
        if len(what.split()) < 2:  # "I'll send" alone says too little to record
            continue
        found.append(Promised(what, by or default_by("mine", today), by is not None))
    return found
