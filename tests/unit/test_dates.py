"""Dates as people say them (``parse_date``, in both directions) and as netcoach shows them (``say_date``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netcoach.model.contact import Contact, Interaction
from netcoach.storage.store import Store
from netcoach.timing.dates import (
    EARLIEST,
    FUTURE,
    LATEST,
    PAST,
    YEAR_AFTER_DAYS,
    DateError,
    Direction,
    long_date,
    parse_date,
    say_date,
    when_words,
)
from netcoach.timing.engine import due_within
from netcoach.timing.rules import DEFAULT_RULES

D = dt.date
WED = D(2026, 11, 18)  # the tests' today: a Wednesday
NEW_YEARS_EVE = D(2026, 12, 31)  # a Thursday
NEW_YEAR = D(2027, 1, 1)  # a Friday
LEAP_DAY = D(2028, 2, 29)  # a Tuesday

# (typed, today, PAST reads it as, FUTURE reads it as)
TABLE = [
    # ISO and the words
    ("2026-11-30", WED, D(2026, 11, 30), D(2026, 11, 30)),
    ("2026-1-5", WED, D(2026, 1, 5), D(2026, 1, 5)),
    ("today", WED, WED, WED),
    (" TODAY ", WED, WED, WED),
    ("yesterday", WED, D(2026, 11, 17), D(2026, 11, 17)),
    ("Tomorrow", WED, D(2026, 11, 19), D(2026, 11, 19)),
    ("tomorrow", NEW_YEARS_EVE, NEW_YEAR, NEW_YEAR),
    # amounts: a sign says which way, none goes in the field's direction
    ("+3d", WED, D(2026, 11, 21), D(2026, 11, 21)),
    ("-3d", WED, D(2026, 11, 15), D(2026, 11, 15)),
    ("3d", WED, D(2026, 11, 15), D(2026, 11, 21)),
    ("2w", WED, D(2026, 11, 4), D(2026, 12, 2)),
    ("+2 weeks", WED, D(2026, 12, 2), D(2026, 12, 2)),
    ("1m", WED, D(2026, 10, 18), D(2026, 12, 18)),
    ("1m", D(2026, 1, 31), D(2025, 12, 31), D(2026, 2, 28)),  # a calendar month, to the month's end at most
    ("1M", LEAP_DAY, D(2028, 1, 29), D(2028, 3, 29)),
    ("12m", LEAP_DAY, D(2027, 2, 28), D(2029, 2, 28)),
    ("+1m", D(2026, 12, 15), D(2027, 1, 15), D(2027, 1, 15)),  # year wrap
    ("in 2 weeks", WED, D(2026, 12, 2), D(2026, 12, 2)),
    ("in a week", WED, D(2026, 11, 25), D(2026, 11, 25)),
    ("in 3 days", NEW_YEARS_EVE, D(2027, 1, 3), D(2027, 1, 3)),
    ("3 days ago", WED, D(2026, 11, 15), D(2026, 11, 15)),
    ("a month ago", D(2026, 3, 31), D(2026, 2, 28), D(2026, 2, 28)),
    # next week: its Monday
    ("next week", WED, D(2026, 11, 23), D(2026, 11, 23)),
    ("Next  Week", D(2026, 11, 22), D(2026, 11, 23), D(2026, 11, 23)),  # a Sunday
    ("next week", D(2026, 11, 23), D(2026, 11, 30), D(2026, 11, 30)),  # a Monday: the one after
    ("next week", D(2026, 12, 30), D(2027, 1, 4), D(2027, 1, 4)),
    # a month and a day, without a year: the latest not after today, the first not before it
    ("dec 15", WED, D(2025, 12, 15), D(2026, 12, 15)),
    ("15 dec", WED, D(2025, 12, 15), D(2026, 12, 15)),
    ("December 15", WED, D(2025, 12, 15), D(2026, 12, 15)),
    ("15th of december", WED, D(2025, 12, 15), D(2026, 12, 15)),
    ("Dec 15th", WED, D(2025, 12, 15), D(2026, 12, 15)),
    ("on the 15th of Dec", WED, D(2025, 12, 15), D(2026, 12, 15)),
    ("nov 17", WED, D(2026, 11, 17), D(2027, 11, 17)),
    ("nov 18", WED, WED, WED),  # today is not after (nor before) today
    ("sept 3", WED, D(2026, 9, 3), D(2027, 9, 3)),
    ("dec 31", NEW_YEARS_EVE, NEW_YEARS_EVE, NEW_YEARS_EVE),
    ("jan 1", NEW_YEARS_EVE, D(2026, 1, 1), NEW_YEAR),  # year wrap, forward
    ("dec 31", NEW_YEAR, NEW_YEARS_EVE, D(2027, 12, 31)),  # year wrap, back
    ("feb 29", WED, D(2024, 2, 29), D(2028, 2, 29)),  # the nearest leap year either way
    ("29 Feb", LEAP_DAY, LEAP_DAY, LEAP_DAY),
    ("feb 28", LEAP_DAY, D(2028, 2, 28), D(2029, 2, 28)),
    ("march 1", LEAP_DAY, D(2027, 3, 1), D(2028, 3, 1)),
    # with a year: what it says
    ("dec 15 2027", WED, D(2027, 12, 15), D(2027, 12, 15)),
    ("15 December, 2025", WED, D(2025, 12, 15), D(2025, 12, 15)),
    # a day of the month alone
    ("the 15th", WED, D(2026, 11, 15), D(2026, 12, 15)),
    ("15", WED, D(2026, 11, 15), D(2026, 12, 15)),
    ("the 18th", WED, WED, WED),
    ("1st", NEW_YEARS_EVE, D(2026, 12, 1), NEW_YEAR),  # year wrap
    ("31", WED, D(2026, 10, 31), D(2026, 12, 31)),  # November has no 31st
    ("31st", D(2026, 12, 1), D(2026, 10, 31), D(2026, 12, 31)),
    ("30", D(2026, 3, 1), D(2026, 1, 30), D(2026, 3, 30)),  # February has no 30th
    ("29", D(2026, 3, 1), D(2026, 1, 29), D(2026, 3, 29)),  # nor a 29th in 2026
    ("29", D(2028, 3, 1), D(2028, 2, 29), D(2028, 3, 29)),  # but in 2028
    # a weekday: last one, or next one, never today
    ("friday", WED, D(2026, 11, 13), D(2026, 11, 20)),
    ("Fri", WED, D(2026, 11, 13), D(2026, 11, 20)),
    ("wed", WED, D(2026, 11, 11), D(2026, 11, 25)),  # the weekday is today's
    ("Wednesday", WED, D(2026, 11, 11), D(2026, 11, 25)),
    ("thurs", WED, D(2026, 11, 12), D(2026, 11, 19)),
    ("tues", WED, D(2026, 11, 17), D(2026, 11, 24)),
    ("fri", NEW_YEARS_EVE, D(2026, 12, 25), NEW_YEAR),  # year wrap
    ("thu", NEW_YEAR, NEW_YEARS_EVE, D(2027, 1, 7)),
    ("last friday", WED, D(2026, 11, 13), D(2026, 11, 13)),
    ("next fri", WED, D(2026, 11, 20), D(2026, 11, 20)),
    ("on monday", WED, D(2026, 11, 16), D(2026, 11, 23)),
    # end of month: the latest month end not after today, or this month's
    ("end of month", WED, D(2026, 10, 31), D(2026, 11, 30)),
    ("EOM", D(2026, 11, 30), D(2026, 11, 30), D(2026, 11, 30)),
    ("end of the month", D(2028, 2, 10), D(2028, 1, 31), LEAP_DAY),
    ("eom", D(2027, 1, 5), NEW_YEARS_EVE, D(2027, 1, 31)),  # year wrap
    ("eom", D(2026, 2, 1), D(2026, 1, 31), D(2026, 2, 28)),
    # the range's edges
    ("1900-01-01", WED, EARLIEST, EARLIEST),
    ("2199-12-31", WED, LATEST, LATEST),
    ("dec 31", LATEST, LATEST, LATEST),
    ("jan 1", EARLIEST, EARLIEST, EARLIEST),
]


@pytest.mark.parametrize(("typed", "today", "past", "future"), TABLE, ids=[f"{t!r}@{d}" for t, d, *_ in TABLE])
def test_each_form_in_both_directions(typed: str, today: dt.date, past: dt.date, future: dt.date) -> None:
    assert (parse_date(typed, today, PAST), parse_date(typed, today, FUTURE)) == (past, future)


UNREADABLE = ["", "   ", "xyz", "next", "march", "friday 13", "in some weeks", "3 fortnights", "15/12", "2026-11"]
UNREADABLE += ["1e309"]
UNREADABLE += ["\x1b[2J", "two\nlines", "x" * 3000, "99999999999999999999", "۱۵", "2026-11-30T10:00", "+-3d"]


@pytest.mark.parametrize("typed", UNREADABLE)
@pytest.mark.parametrize("direction", list(Direction))
def test_what_cannot_be_read_names_the_forms_that_work(typed: str, direction: Direction) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(typed, WED, direction)
    message = str(caught.value)
    for form in ("2026-11-30", "tomorrow", "friday", "dec 15", "the 15th", "in 2 weeks", "+3d", "end of month"):
        assert form in message
    assert "\x1b" not in message and "\n" not in message and len(message) < 400


IMPOSSIBLE = [
    ("feb 30", "February has no 30th"),
    ("31 april", "April has no 31st"),
    ("2026-02-29", "February has no 29th"),
    ("2026-13-01", "months go from 1 to 12"),
    ("the 0th", "days go from 1 to 31"),
    ("32", "days go from 1 to 31"),
    ("dec 32", "days go from 1 to 31"),
]


@pytest.mark.parametrize(("typed", "why"), IMPOSSIBLE)
def test_a_day_the_calendar_does_not_have_says_why(typed: str, why: str) -> None:
    for direction in Direction:
        with pytest.raises(DateError, match=why):
            parse_date(typed, WED, direction)


OUT_OF_RANGE = [
    ("9999-12-31", WED, "after 2199"),
    ("2200-01-01", WED, "after 2199"),
    ("0001-01-01", WED, "before 1900"),
    ("1899-12-31", WED, "before 1900"),
    ("+3000000d", WED, "after 2199"),
    ("+99999999d", WED, "after 2199"),
    ("-99999999d", WED, "before 1900"),
    ("in 999999999999 months", WED, "after 2199"),
    ("tomorrow", LATEST, "after 2199"),
    ("yesterday", EARLIEST, "before 1900"),
    ("feb 29", D(2199, 6, 1), "after 2199"),  # the next 29 February is in 2204
]


@pytest.mark.parametrize(("typed", "today", "side"), OUT_OF_RANGE)
def test_dates_outside_1900_to_2199_are_refused_in_one_line(typed: str, today: dt.date, side: str) -> None:
    with pytest.raises(DateError, match=f"is {side}: netcoach keeps dates from 1900 to 2199"):
        parse_date(typed, today, FUTURE if "after" in side else PAST)


# -- properties --------------------------------------------------------------------------------

todays = st.dates(min_value=D(1901, 1, 1), max_value=D(2198, 12, 31))
months = st.sampled_from(["jan", "February", "mar", "APR", "may", "june", "jul", "aug", "sept", "Oct", "nov", "dec"])
weekdays = st.sampled_from(["monday", "tue", "Wednesday", "thurs", "fri", "saturday", "sun"])
days = st.integers(1, 31)
undirected = st.one_of(
    st.builds("{} {}".format, months, days),
    st.builds("{1} {0}".format, months, days),
    st.builds("the {}th".format, days),
    days.map(str),
    weekdays,
    st.sampled_from(["end of month", "eom"]),
    st.builds("{}{}".format, st.integers(0, 5000), st.sampled_from(["d", "w", "m", " days", " weeks"])),
)


@given(undirected, todays, st.sampled_from(list(Direction)))
def test_a_date_without_a_year_goes_in_the_fields_direction(typed: str, today: dt.date, direction: Direction) -> None:
    try:
        day = parse_date(typed, today, direction)
    except DateError as error:  # only a day the calendar lacks (feb 30), or the range's edge
        assert "is not a day of" in str(error) or "netcoach keeps dates" in str(error)
        return
    assert day <= today if direction is PAST else day >= today
    if typed in ("monday", "tue", "Wednesday", "thurs", "fri", "saturday", "sun"):
        assert 1 <= abs((day - today).days) <= 7  # last or next, never today
        assert day.strftime("%a").lower()[:2] == typed.lower()[:2]


words = st.sampled_from(["in", "the", "of", "next", "last", "ago", "dec", "15th", "fri", "eom", "+", "-", "2w", ","])
anything = st.one_of(st.text(max_size=30), st.lists(words, max_size=5).map(" ".join))


@given(anything, todays, st.sampled_from(list(Direction)))
def test_anything_typed_is_a_date_in_range_or_the_date_error(typed: str, today: dt.date, direction: Direction) -> None:
    try:
        day = parse_date(typed, today, direction)
    except DateError:
        return
    assert EARLIEST <= day <= LATEST


# -- dates shown ---------------------------------------------------------------------------------

SHOWN = [
    # (day, today, long, short with weekday)
    (D(2026, 6, 30), D(2026, 1, 1), "30 June", "Tue 30 Jun"),  # 180 days ahead: no year
    (D(2026, 7, 1), D(2026, 1, 1), "1 July 2026", "Wed 1 Jul 2026"),  # 181 days ahead: the year
    (D(2026, 1, 4), D(2026, 7, 3), "4 January", "Sun 4 Jan"),  # 180 days back
    (D(2026, 1, 3), D(2026, 7, 3), "3 January 2026", "Sat 3 Jan 2026"),  # 181 days back
    (D(2027, 1, 4), D(2026, 6, 2), "4 January 2027", "Mon 4 Jan 2027"),
    (D(2027, 1, 4), D(2026, 12, 2), "4 January 2027", "Mon 4 Jan 2027"),  # near, but not this year's
    (D(2025, 12, 20), D(2026, 1, 3), "20 December 2025", "Sat 20 Dec 2025"),
    (D(2021, 6, 11), D(2026, 12, 2), "11 June 2021", "Fri 11 Jun 2021"),
    (D(2026, 12, 9), D(2026, 12, 2), "9 December", "Wed 9 Dec"),
]


@pytest.mark.parametrize(("day", "today", "long", "short"), SHOWN)
def test_a_date_shown_carries_its_year_when_far_or_not_this_years(
    day: dt.date, today: dt.date, long: str, short: str
) -> None:
    assert say_date(day, today) == long_date(day, today) == long
    assert say_date(day, today, short=True, weekday=True) == short
    assert say_date(day, today, short=True) == short.split(" ", 1)[1]


def test_the_year_boundary_is_180_days_exactly() -> None:
    today = D(2026, 1, 1)
    assert abs((D(2026, 6, 30) - today).days) == YEAR_AFTER_DAYS == 180
    assert [say_date(today + dt.timedelta(days=n), today) for n in (180, 181)] == ["30 June", "1 July 2026"]


def test_a_narrow_column_shows_a_far_date_as_its_month_and_year() -> None:
    today = D(2026, 12, 2)
    assert say_date(D(2021, 6, 11), today, short=True, weekday=True, narrow=True) == "Jun 2021"
    assert say_date(D(2027, 1, 4), today, short=True, weekday=True, narrow=True) == "Mon 4 Jan"  # near: no year
    assert say_date(D(2026, 5, 1), D(2026, 10, 28), short=True, narrow=True) == "1 May"  # 180 days
    assert say_date(D(2026, 4, 30), D(2026, 10, 28), short=True, narrow=True) == "Apr 2026"  # 181 days
    assert say_date(D(2026, 12, 24), today, short=True, weekday=True, narrow=True) == "Thu 24 Dec"


def test_without_today_a_date_always_has_its_year() -> None:
    assert long_date(D(2026, 3, 3)) == "3 March 2026"


def test_when_words_for_a_far_future_date_carries_its_year() -> None:
    assert when_words(D(2027, 8, 1), WED) == "on 1 August 2027"
    assert when_words(D(2026, 12, 1), WED) == "on 1 December"


# -- dates in files (issue 12, item 7) -----------------------------------------------------------

FAR_FILE = """name = "Far Future"
met_on = {met_on}
snoozed_until = {snoozed}

[[interactions]]
date = {sent}
kind = "sent"
"""


@pytest.mark.parametrize(
    ("met_on", "snoozed", "sent", "field"),
    [
        ("9999-12-31", "2026-12-01", "2026-11-01", "met_on"),
        ("2026-11-01", "2200-01-01", "2026-11-01", "snoozed_until"),
        ("2026-11-01", "2026-12-01", "0001-01-01", "interactions.0.date"),
    ],
)
def test_a_file_with_a_date_outside_the_range_is_a_problem_and_the_others_still_count(
    tmp_path: Path, met_on: str, snoozed: str, sent: str, field: str
) -> None:
    store = Store(tmp_path / "data", cache_dir=tmp_path / "cache")
    store.contacts.add(Contact(name="Ann Lee", interactions=[Interaction(date=WED - dt.timedelta(days=1), kind="met")]))
    far = store.folder.contacts_dir / "far-future.toml"
    far.write_text(FAR_FILE.format(met_on=met_on, snoozed=snoozed, sent=sent), encoding="utf-8")
    loaded = store.reader.load()
    assert [r.contact.name for r in loaded.records] == ["Ann Lee"]
    [problem] = loaded.problems
    assert problem.path == far and field in problem.message
    assert "netcoach keeps dates from 1900 to 2199" in problem.message
    views, _ = store.reader.due_by(WED + dt.timedelta(days=7), DEFAULT_RULES)
    assert [contact.name for _, contact, _ in due_within(views, WED, 7, DEFAULT_RULES)] == ["Ann Lee"]
