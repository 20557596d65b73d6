"""What the event commands share: finding the event the user named, and the people met there."""

from __future__ import annotations

import datetime as dt

from netcoach.cli.context import Context, UsageError
from netcoach.model.text import terminal_safe
from netcoach.storage.errors import NotFound
from netcoach.storage.events import AmbiguousEvent, EventRecord, find_event


def find(ctx: Context, query: str) -> EventRecord:
    """The one event ``query`` names (exact name, else id, else a unique prefix); else a :class:`UsageError`."""
    records, problems = ctx.store.events.load()
    try:
        return find_event(query, records)
    except AmbiguousEvent as error:
        lines = "\n".join(
            f"  {r.event.name}, {r.event.date:%a} {r.event.date.day} {r.event.date:%b %Y} ({terminal_safe(r.id)})"
            for r in error.candidates[:20]
        )
        raise UsageError(f"{error}; say which (the id in brackets):\n{lines}") from None
    except NotFound as error:
        count = len(problems)
        unread = f"; {count} event file{'s' if count > 1 else ''} could not be read: netcoach check lists them"
        raise UsageError(f"{error} (netcoach events lists them{unread if count else ''})") from None


def parse_time(text: str) -> dt.time:
    """'18:30' or '6:30' as a time; else a :class:`UsageError`."""
    try:
        hours, minutes = text.strip().split(":")
        return dt.time(int(hours), int(minutes))
    except ValueError:
        raise UsageError(f"--time: {text!r} is not a time such as 18:30") from None
