"""The dates netcoach keeps: 1900-01-01 to 2199-12-31, in every file and at every entry point.

Anything outside is a typo (or an attack), never a plan, and date arithmetic near the ends of
Python's calendar (year 9999) overflows. Free of pydantic: the login command reads it.
"""

from __future__ import annotations

import datetime as dt

EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2199, 12, 31)


def out_of_range(day: dt.date) -> str | None:
    """Why netcoach does not keep ``day`` ('is after 2199: ...'), or None when it does."""
    if EARLIEST <= day <= LATEST:
        return None
    side = f"after {LATEST.year}" if day > LATEST else f"before {EARLIEST.year}"
    return f"is {side}: netcoach keeps dates from {EARLIEST.year} to {LATEST.year}"
