"""Dates in the user's world: business days, weekends, and dates said in words.

Pure functions: ``today`` is always passed in.
"""

from __future__ import annotations

import datetime as dt
import os
import re

SATURDAY = 5


def skip_weekend(day: dt.date) -> dt.date:
    """The day itself, or the Monday after if it falls on a Saturday or Sunday."""
    if day.weekday() >= SATURDAY:
        return day + dt.timedelta(days=7 - day.weekday())
    return day


def add_business_days(day: dt.date, count: int) -> dt.date:
    """``count`` business days (Mon-Fri) after ``day``."""
    while count > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < SATURDAY:
            count -= 1
    return day


def when_words(day: dt.date, today: dt.date) -> str:
    """A date relative to today, as a person would say it: 'yesterday', 'on Tuesday', 'last month'."""
    delta = (today - day).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "yesterday"
    if delta == -1:
        return "tomorrow"
    if 1 < delta < 7:
        return f"on {day:%A}"
    if -7 < delta < -1:
        return f"on {day:%A}"
    if delta < 0:
        return f"on {long_date(day, today)}"
    if delta < 14:
        return "last week"
    if delta < 35:
        return f"{delta // 7} weeks ago"
    months = (today.year - day.year) * 12 + today.month - day.month
    if months <= 1:
        return "last month"
    if months < 12:
        return f"{months} months ago"
    years = months // 12
    return "last year" if years == 1 else f"{years} years ago"


def long_date(day: dt.date, today: dt.date | None = None) -> str:
    """'3 March', with the year when it is not this year's."""
    text = f"{day.day} {day:%B}"
    if today is None or day.year != today.year:
        text += f" {day.year}"
    return text


_RELATIVE = re.compile(r"^\+?(\d+)\s*([dwm])$")


def parse_date(text: str, today: dt.date) -> dt.date:
    """A date typed by the user: ISO (2026-11-30), 'today', 'tomorrow', 'yesterday', or '+3d' / '2w' / '1m'.

    Raises ``ValueError`` with a message that says what is accepted.
    """
    value = text.strip().lower()
    if value == "today":
        return today
    if value == "tomorrow":
        return today + dt.timedelta(days=1)
    if value == "yesterday":
        return today - dt.timedelta(days=1)
    match = _RELATIVE.match(value)
    if match:
        amount, unit = int(match.group(1)), match.group(2)
        return today + dt.timedelta(days=amount * {"d": 1, "w": 7, "m": 30}[unit])
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"{text!r} is not a date: use YYYY-MM-DD, today, tomorrow, yesterday, or +3d / 2w / 1m"
        ) from None


def today_from_env(environ: os._Environ[str] | dict[str, str] | None = None) -> dt.date:
    """Today's date, or ``NETCOACH_TODAY`` when set (tests and demos). Called only at the edges."""
    env = os.environ if environ is None else environ
    fixed = env.get("NETCOACH_TODAY", "").strip()
    if fixed:
        try:
            return dt.date.fromisoformat(fixed)
        except ValueError:
            raise ValueError(f"NETCOACH_TODAY={fixed!r} is not a date: use YYYY-MM-DD") from None
    return dt.date.today()
