"""Introductions: closing the loop with the person who introduced you.

When you have a ``meeting`` or ``call`` with someone who was introduced to you (their
``met_through`` names the introducer's id), the introducer gets a follow-up of kind
``close_the_loop``, due the next business day: tell them it happened, and thank them. Nothing
is due if you have written to the introducer on or after that day, or if they are archived.

Pure functions: today is passed in. The introduced contact's file alone gives the date
(:func:`loop_date`), so the index can remember it; whether it is still open depends on the
introducer's history too (:func:`close_the_loop`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

from netcoach.model.kinds import InteractionKind, MessageKind, Stage
from netcoach.timing.dates import add_business_days, when_words
from netcoach.timing.engine import FollowUp, PaceFacts, due_within, planned_dates, status_on
from netcoach.timing.promises import promise_dues
from netcoach.timing.rules import DEFAULT_RULES, TimingRules

if TYPE_CHECKING:
    from netcoach.model.readable import ContactLike, InteractionLike

K = TypeVar("K")
C = TypeVar("C", bound="ContactLike")

MET_IN_PERSON = frozenset({InteractionKind.MEETING, InteractionKind.CALL})


def latest_meeting(contact: ContactLike) -> InteractionLike | None:
    """The latest meeting or call with this contact, or ``None``."""
    found = [i for i in contact.contacted() if i.kind in MET_IN_PERSON]
    return found[-1] if found else None


def loop_date(contact: ContactLike) -> dt.date | None:
    """When the introducer of this contact should hear how it went (``None``: not introduced, or not met yet)."""
    if not contact.met_through:
        return None
    meeting = latest_meeting(contact)
    return None if meeting is None else add_business_days(meeting.date, 1)


def remembered_due(contact: ContactLike, rules: TimingRules = DEFAULT_RULES) -> str:
    """The date the index remembers for a contact (ISO; "" for never): the earliest anything of theirs can
    come due, a message, a promise (:func:`~netcoach.timing.engine.next_due`), or the loop to close with
    whoever introduced you (:func:`loop_date`). It does not depend on today, so it is computed once per file."""
    return remembered(contact, rules)[0]


def remembered(contact: ContactLike, rules: TimingRules = DEFAULT_RULES) -> tuple[str, str]:
    """What the index remembers of a contact for ``netcoach due``, neither depending on today: the
    :func:`remembered_due` date, and the :class:`~netcoach.timing.engine.PaceFacts` (as text) that tell
    which of thousands of old moments pacing reaches, before any view is built."""
    planned, moment, own = planned_dates(contact, rules)
    unpaced = [day for day, *_ in promise_dues(contact, dt.date.min)]
    loop = loop_date(contact)
    if loop is not None:
        unpaced.append(loop)
    soonest = min(unpaced) if unpaced else None
    due = soonest if planned is None or (soonest is not None and soonest < planned) else planned
    facts = PaceFacts(_iso(moment), _iso(own), _iso(soonest), contact.name.casefold() if moment is not None else "")
    return _iso(due), facts.text()


def _iso(day: dt.date | None) -> str:
    return "" if day is None else day.isoformat()


def close_the_loop(
    introduced: ContactLike, introducer: ContactLike, today: dt.date
) -> tuple[dt.date, MessageKind, str] | None:
    """(due date, kind, reason) of the follow-up the introducer gets, or ``None`` when nothing is due."""
    meeting = latest_meeting(introduced)
    if meeting is None or introducer.stage is Stage.ARCHIVED or introduced is introducer:
        return None
    if any(i.kind is InteractionKind.SENT and i.date >= meeting.date for i in introducer.interactions):
        return None  # you wrote to them since
    due = add_business_days(meeting.date, 1)
    who = introducer.first_name
    reason = (
        f"{who} introduced you to {introduced.name}; you had a {meeting.kind.value} {when_words(meeting.date, today)}. "
        f"Tell {who} it happened, and thank them."
    )
    return due, MessageKind.CLOSE_THE_LOOP, reason


def loops(
    introduced: Iterable[tuple[K, C]], find: Callable[[str], tuple[K, C] | None], today: dt.date
) -> list[tuple[K, C, tuple[dt.date, MessageKind, str]]]:
    """(introducer's key, introducer, follow-up) for every introduced contact whose loop is open.

    ``find`` gives the introducer of an id (``None`` if there is none). One follow-up per
    introducer and introduced person, earliest first.
    """
    found = []
    for _, contact in introduced:
        if not contact.met_through:
            continue
        other = find(contact.met_through)
        if other is None:
            continue
        result = close_the_loop(contact, other[1], today)
        if result is not None:
            found.append((other[0], other[1], result))
    found.sort(key=lambda row: row[2][0])
    return found


def due_with_loops(
    items: Iterable[tuple[str, C]], today: dt.date, days: int, rules: TimingRules = DEFAULT_RULES
) -> list[tuple[str, C, FollowUp]]:
    """:func:`netcoach.timing.engine.due_within`, and the loops to close with the introducers among
    ``items`` (keyed by contact id), all by due date then name."""
    items = list(items)
    by_id = {key: (key, contact) for key, contact in items}
    found = due_within(items, today, days, rules)
    horizon = today + dt.timedelta(days=days)
    for key, introducer, (due, kind, reason) in loops(items, by_id.get, today):
        if due <= horizon:
            found.append((key, introducer, FollowUp(due, status_on(due, today), kind, reason)))
    found.sort(key=lambda row: (row[2].due, row[1].name.casefold()))
    return found
