"""Dates in the user's world: business days, weekends, and dates said and shown in words.

Pure functions: ``today`` is always passed in.

A date typed by a person (:func:`parse_date`) is read by a small grammar (no library: ``netcoach
due`` imports this module at every login). A date without a year, a day of the month alone and a
weekday name go in the field's :class:`Direction`. A date shown to a person (:func:`say_date`)
carries its year when it is not this year's or more than :data:`YEAR_AFTER_DAYS` days from today.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import re

from netcoach.model.days import EARLIEST as EARLIEST
from netcoach.model.days import LATEST as LATEST
from netcoach.model.days import out_of_range

SATURDAY = 5

YEAR_AFTER_DAYS = 180
"""A date shown more than this many days from today carries its year."""


class Direction(enum.Enum):
    """Which way a date said without a year (or a weekday, or a day of the month) goes."""

    PAST = "past"
    """When something happened (``--on``, ``--met-on``, a logged date): the latest such date not after today."""
    FUTURE = "future"
    """A date to act on (``--reach-out-after``, ``--snooze-until``, a "by" date): the first not before today."""


PAST = Direction.PAST
FUTURE = Direction.FUTURE


class DateError(ValueError):
    """A date that cannot be read, or that is outside :data:`EARLIEST` .. :data:`LATEST`."""


FORMS = (
    "2026-11-30, today, yesterday, tomorrow, friday (or fri), dec 15, 15 dec, december 15, the 15th, 15, "
    "next week, in 2 weeks, 3 days ago, +3d / 2w / 1m, end of month (eom)"
)
"""The forms :func:`parse_date` reads, for its error message and the help texts."""


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


# -- dates shown -----------------------------------------------------------------------------------


def needs_year(day: dt.date, today: dt.date | None) -> bool:
    """Does ``day`` need its year to be read right: not this year's, or more than 180 days from today?"""
    return today is None or day.year != today.year or abs((day - today).days) > YEAR_AFTER_DAYS


def say_date(
    day: dt.date, today: dt.date | None, *, short: bool = False, weekday: bool = False, narrow: bool = False
) -> str:
    """Every date netcoach shows: '3 March'; ``short`` '4 Jan'; with ``weekday`` 'Mon 4 Jan'.

    A date that is not this year's or more than 180 days from today carries its year ('11 June
    2021', 'Mon 4 Jan 2027'). In a table's column (``narrow``) a date more than 180 days away is
    its month and year alone ('Jun 2021'), and a nearer one its day alone ('Mon 4 Jan'), as in a
    calendar.
    """
    far = today is None or abs((day - today).days) > YEAR_AFTER_DAYS
    if narrow and far:
        return f"{day:%b} {day.year}"
    text = f"{day.day} {day:%b}" if short else f"{day.day} {day:%B}"
    if weekday:
        text = f"{day:%a} {text}"
    return f"{text} {day.year}" if needs_year(day, today) and not narrow else text


def long_date(day: dt.date, today: dt.date | None = None) -> str:
    """'3 March', with the year when it needs one: :func:`say_date`'s long form."""
    return say_date(day, today)


# -- dates typed -----------------------------------------------------------------------------------

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_MONTHS = {name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)}
_MONTHS.update({name[:3].lower(): number for name, number in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): number for number, name in enumerate(WEEKDAY_NAMES)}
_WEEKDAYS.update({name[:3]: number for name, number in list(_WEEKDAYS.items())})
_WEEKDAYS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})
_UNITS = {"d": "d", "day": "d", "days": "d", "w": "w", "week": "w", "weeks": "w"}
_UNITS.update({"m": "m", "month": "m", "months": "m"})
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3}

# Patterns are compiled on first use (re caches them): the login command never reads a typed date.
_ORDINAL = r"(\d{1,2})(?:st|nd|rd|th)?"
_SIGNED = r"(?a)([+-]?)(\d{1,12}) ?([a-z]+)"
_IN = r"(?a)in ([a-z]+|\d{1,12}) ([a-z]+)"
_AGO = r"(?a)([a-z]+|\d{1,12}) ([a-z]+) ago"
_ISO = r"(?a)(\d{4})-(\d{1,2})-(\d{1,2})"
_WEEKDAY = r"(?:(last|next) )?([a-z]+)"
_DAY_MONTH = rf"(?a)(?:the )?{_ORDINAL}(?: of)? ([a-z]+)(?: (\d{{4}}))?"
_MONTH_DAY = rf"(?a)([a-z]+) (?:the )?{_ORDINAL}(?: (\d{{4}}))?"
_DAY = rf"(?a)(?:the )?{_ORDINAL}"
_MAX_AMOUNT = 200_000  # days: more than the whole range, so the arithmetic below never overflows


def parse_date(text: str, today: dt.date, direction: Direction) -> dt.date:
    """A date typed by the user, read the way a person says it (see :data:`FORMS`), case-insensitive.

    Forms with a year, a sign or a direction of their own (``2026-11-30``, ``tomorrow``, ``+3d``,
    ``next week``, ``last friday``, ``dec 15 2027``) mean what they say. The others go in
    ``direction``: ``dec 15``, ``the 15th`` and ``end of month`` are the latest such date not after
    today (PAST) or the first not before it (FUTURE); ``friday`` is last Friday or next Friday,
    never today; ``2w`` is two weeks ago or two weeks ahead.

    Raises :class:`DateError` (a ``ValueError``) naming the forms that work, or the range.
    """
    value = " ".join(text.lower().replace(",", " ").split()).removeprefix("on ").strip(" .")
    day = _read(value, today, direction)
    shown = text.strip() if len(text.strip()) <= 40 else text.strip()[:40] + "..."
    if day is None:
        raise DateError(f"{shown!r} is not a date netcoach can read: try {FORMS}")
    if (why := out_of_range(day)) is not None:
        raise DateError(f"{shown!r} {why}")
    return day


def _read(value: str, today: dt.date, direction: Direction) -> dt.date | None:
    """The date ``value`` (normalised) names; None when no form matches; DateError for an impossible one."""
    back = direction is PAST
    if value in ("today", "now"):
        return today
    if value == "tomorrow":
        return today + dt.timedelta(days=1)
    if value == "yesterday":
        return today - dt.timedelta(days=1)
    if value in ("eom", "end of month", "end of the month"):
        return _end_of_month(today, back)
    if value == "next week":
        return today + dt.timedelta(days=7 - today.weekday())  # its Monday
    if match := re.fullmatch(_ISO, value):
        return _exact(value, int(match[1]), int(match[2]), int(match[3]))
    if (match := re.fullmatch(_SIGNED, value)) and match[3] in _UNITS:
        sign, amount, unit = match.groups()
        return _moved(today, int(amount), unit, ahead=sign == "+" or (not sign and not back))
    if (match := re.fullmatch(_IN, value)) and match[2] in _UNITS:
        return _moved(today, _count(match[1]), match[2], ahead=True)
    if (match := re.fullmatch(_AGO, value)) and match[2] in _UNITS:
        return _moved(today, _count(match[1]), match[2], ahead=False)
    if (match := re.fullmatch(_WEEKDAY, value)) and match[2] in _WEEKDAYS:
        return _weekday(today, _WEEKDAYS[match[2]], back if match[1] is None else match[1] == "last")
    for pattern, day_at, month_at in ((_DAY_MONTH, 1, 2), (_MONTH_DAY, 2, 1)):
        if (match := re.fullmatch(pattern, value)) and match[month_at] in _MONTHS:
            month, number = _MONTHS[match[month_at]], int(match[day_at])
            if match[3] is not None:
                return _exact(value, int(match[3]), month, number)
            return _month_day(value, today, month, number, back)
    if match := re.fullmatch(_DAY, value):
        return _day_of_month(value, today, int(match[1]), back)
    return None


def days_in_month(year: int, month: int) -> int:
    """28 to 31: how many days ``month`` (1-12) of ``year`` has."""
    if month == 12:
        return 31
    return (dt.date(year, month + 1, 1) - dt.date(year, month, 1)).days


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _COUNTS.get(word, -1)


def _moved(today: dt.date, amount: int, unit: str, ahead: bool) -> dt.date | None:
    """``amount`` days, weeks or months from today; a date far out of range for a huge amount."""
    step = _UNITS[unit]
    if amount < 0:
        return None
    if amount > _MAX_AMOUNT:
        return LATEST + dt.timedelta(days=1) if ahead else EARLIEST - dt.timedelta(days=1)
    sign = 1 if ahead else -1
    if step == "m":
        months = today.year * 12 + today.month - 1 + sign * amount
        year, month = divmod(months, 12)
        return dt.date(year, month + 1, min(today.day, days_in_month(year, month + 1)))
    return today + dt.timedelta(days=sign * amount * (7 if step == "w" else 1))


def _exact(value: str, year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateError(f"{value!r} is not a day of the calendar ({_no_such(month, day)})") from None


def _no_such(month: int, day: int) -> str:
    if not 1 <= month <= 12:
        return "months go from 1 to 12"
    if not 1 <= day <= 31:
        return "days go from 1 to 31"
    return f"{MONTH_NAMES[month - 1]} has no {_ordinal(day)}"


def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _month_day(value: str, today: dt.date, month: int, day: int, back: bool) -> dt.date:
    """The latest ``month``/``day`` not after today (back), or the first not before it."""
    if not 1 <= day <= days_in_month(2000, month):  # 2000: a leap year, so 29 February is one
        raise DateError(f"{value!r} is not a day of the calendar ({_no_such(month, day)})")
    step = -1 if back else 1
    year = today.year
    while True:  # at most 8 years apart (29 February across 1900 or 2100)
        if day <= days_in_month(year, month):
            found = dt.date(year, month, day)
            if (found <= today) if back else (found >= today):
                return found
        year += step


def _day_of_month(value: str, today: dt.date, day: int, back: bool) -> dt.date:
    """The latest day numbered ``day`` not after today (back), or the first not before it."""
    if not 1 <= day <= 31:
        raise DateError(f"{value!r} is not a day of the month (days go from 1 to 31)")
    step = -1 if back else 1
    months = today.year * 12 + today.month - 1
    while True:  # at most two months apart (the 31st)
        year, month = divmod(months, 12)
        if day <= days_in_month(year, month + 1):
            found = dt.date(year, month + 1, day)
            if (found <= today) if back else (found >= today):
                return found
        months += step


def _weekday(today: dt.date, weekday: int, back: bool) -> dt.date:
    """The nearest such weekday before today (back) or after it; never today."""
    if back:
        return today - dt.timedelta(days=(today.weekday() - weekday) % 7 or 7)
    return today + dt.timedelta(days=(weekday - today.weekday()) % 7 or 7)


def _end_of_month(today: dt.date, back: bool) -> dt.date:
    last = today.replace(day=days_in_month(today.year, today.month))
    if back and last > today:
        return today.replace(day=1) - dt.timedelta(days=1)
    return last


def today_from_env(environ: os._Environ[str] | dict[str, str] | None = None) -> dt.date:
    """Today's date, or ``NETCOACH_TODAY`` when set (tests and demos). Called only at the edges."""
    env = os.environ if environ is None else environ
    fixed = env.get("NETCOACH_TODAY", "").strip()
    if fixed:
        try:
            day = dt.date.fromisoformat(fixed)
        except ValueError:
            raise ValueError(f"NETCOACH_TODAY={fixed!r} is not a date: use YYYY-MM-DD") from None
        if (why := out_of_range(day)) is not None:
            raise ValueError(f"NETCOACH_TODAY={fixed!r} {why}")
        return day
    return dt.date.today()
