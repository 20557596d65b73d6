"""The follow-ups an event brings: prepare the day before, and say who you met the day after.

Pure functions of the events, the contacts and today (nothing here reads the clock or the disk):

- ``event_prep``: due the business day before an upcoming event (an event on a Monday: the
  Friday before; on the day itself, or when that day has passed, today). Its reason gives the
  user's goal and the people they know who may be there: contacts whose company is in the
  event's name or place, who share one of its tags, or whom they met at an earlier event of the
  same name or tags.
- ``event_debrief``: due the day after an event at which nobody has been added yet and that the
  user did not mark ``nobody``; it stays (overdue) for :data:`DEBRIEF_DAYS` days, then lets go.

The people met at an event get the usual follow-up from :mod:`netcoach.timing.engine`: their
``met_at`` is the event's name, so its reason names the event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, Protocol, TypeVar

from netcoach.model.event_view import EventView
from netcoach.model.kinds import InteractionKind, Stage, TaskKind
from netcoach.model.text import fold, word_key
from netcoach.timing.dates import SATURDAY, when_words
from netcoach.timing.engine import Status

DEBRIEF_DAYS = 14
"""How long after an event its debrief is still asked for."""

_NUMBERS = ("No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten")


class _Interaction(Protocol):
    @property
    def kind(self) -> InteractionKind: ...
    @property
    def date(self) -> dt.date: ...
    @property
    def event(self) -> str | None: ...


class _When(Protocol):
    @property
    def kind(self) -> InteractionKind: ...
    @property
    def date(self) -> dt.date: ...


class _Dated(Protocol):
    @property
    def interactions(self) -> Sequence[_When]: ...


class PersonLike(Protocol):
    """A contact as the event follow-ups read it (a whole contact or an index view)."""

    @property
    def name(self) -> str: ...
    @property
    def company(self) -> str: ...
    @property
    def stage(self) -> Stage: ...
    @property
    def tags(self) -> Sequence[str]: ...
    @property
    def interactions(self) -> Sequence[_Interaction]: ...


K = TypeVar("K")
P = TypeVar("P", bound=PersonLike)


@dataclass(frozen=True)
class EventTask:
    """A follow-up an event brings: which event, when, what to do, and why."""

    event: EventView
    due: dt.date
    status: Status
    kind: TaskKind
    reason: str

    @property
    def name(self) -> str:
        return self.event.name


def prep_day(event: EventView) -> dt.date:
    """The business day before the event."""
    day = event.date - dt.timedelta(days=1)
    while day.weekday() >= SATURDAY:
        day -= dt.timedelta(days=1)
    return day


def events_met_at(contact: PersonLike) -> set[str]:
    """The ids of the events this contact was met at."""
    return {i.event for i in contact.interactions if i.kind is InteractionKind.MET and i.event}


def met_at(event_id: str, contacts: Iterable[tuple[K, P]]) -> list[tuple[K, P]]:
    """The contacts met at the event ``event_id``."""
    return [(key, c) for key, c in contacts if event_id in events_met_at(c)]


_folded = lru_cache(maxsize=8192)(fold)  # event names and tags, compared many times over


def related_events(event: EventView, events: Iterable[EventView]) -> set[str]:
    """The ids of earlier events like this one: the same name, or a tag in common."""
    name = _folded(event.name)
    tags = {_folded(t) for t in event.tags}
    return {
        e.id
        for e in events
        if e.date < event.date
        and e.id != event.id
        and (_folded(e.name) == name or (tags and tags & {_folded(t) for t in e.tags}))
    }


@dataclass(frozen=True, slots=True)
class Acquaintance:
    """What "who may be there" reads of a contact, ready to compare: made once, checked against
    every upcoming event (see :func:`acquaintance`)."""

    name: str
    company: str
    """The company's :func:`~netcoach.model.text.word_key` ("" for none)."""
    tags: frozenset[str]
    """Folded."""
    events: frozenset[str]
    """The ids of the events they were met at."""
    archived: bool = False


def acquaintance(contact: PersonLike, companies: dict[str, str] | None = None) -> Acquaintance:
    """The :class:`Acquaintance` of a contact (``companies`` caches company keys across calls)."""
    cache = companies if companies is not None else {}
    company = cache.get(contact.company)
    if company is None:
        company = cache[contact.company] = word_key(contact.company)
    return Acquaintance(
        contact.name,
        company,
        frozenset(fold(t) for t in contact.tags),
        frozenset(events_met_at(contact)),
        contact.stage is Stage.ARCHIVED,
    )


def acquaintances(contacts: Iterable[tuple[K, P]]) -> list[tuple[K, Acquaintance]]:
    companies: dict[str, str] = {}
    return [(key, acquaintance(contact, companies)) for key, contact in contacts]


class Crowd(Generic[K]):
    """People indexed by company, tag and the events they were met at: "who may be there" for
    many events at the cost of the matches, not of everyone each time."""

    def __init__(self, people: Iterable[tuple[K, Acquaintance]]) -> None:
        self.people = list(people)
        self.by_company: dict[str, list[int]] = {}
        self.by_tag: dict[str, list[int]] = {}
        self.by_event: dict[str, list[int]] = {}
        for number, (_, person) in enumerate(self.people):
            if person.company:
                self.by_company.setdefault(person.company, []).append(number)
            for tag in person.tags:
                self.by_tag.setdefault(tag, []).append(number)
            for event_id in person.events:
                self.by_event.setdefault(event_id, []).append(number)

    def met_at(self, event_id: str) -> int:
        """How many were met at the event ``event_id``."""
        return len(self.by_event.get(event_id, ()))

    def may_be_there(self, event: EventView, related: set[str]) -> list[tuple[K, Acquaintance]]:
        """See :func:`may_be_there`."""
        text = word_key(f"{event.name} {event.place}")
        hits: set[int] = set()
        for company, numbers in self.by_company.items():
            if company in text:
                hits.update(numbers)
        for tag in {fold(t) for t in event.tags}:
            hits.update(self.by_tag.get(tag, ()))
        for event_id in related:
            hits.update(self.by_event.get(event_id, ()))
        found = [self.people[n] for n in hits if not self.people[n][1].archived]
        found.sort(key=lambda item: item[1].name.casefold())
        return found


def may_be_there(
    event: EventView, people: Iterable[tuple[K, Acquaintance]], related: set[str]
) -> list[tuple[K, Acquaintance]]:
    """The people who may be at ``event``: their company's words are in its name or place, they
    share one of its tags, or they were met at one of the ``related`` events. Archived contacts
    are left out; sorted by name. (For many events, make one :class:`Crowd`.)"""
    return Crowd(people).may_be_there(event, related)


def _count(number: int) -> str:
    return _NUMBERS[number] if number < len(_NUMBERS) else str(number)


def prep_reason(event: EventView, today: dt.date, known: Sequence[str]) -> str:
    """'Tomorrow: PyData Meetup. Your goal: ... Three people you know may be there: A, B and C.'"""
    when = when_words(event.date, today).removeprefix("on ")
    parts = [f"{when[:1].upper()}{when[1:]}: {event.name}" + (f" at {event.place}" if event.place else "") + "."]
    if event.time is not None:
        parts[0] = parts[0][:-1] + f", {event.time:%H:%M}."
    if event.goal:
        parts.append(f"Your goal: {event.goal.rstrip('.')}.")
    else:
        parts.append("Pick one small goal: one good conversation is enough.")
    if known:
        shown = list(known[:3])
        rest = len(known) - len(shown)
        names = ", ".join(shown[:-1]) + f" and {shown[-1]}" if len(shown) > 1 and not rest else ", ".join(shown)
        if rest:
            names += f" and {rest} more"
        people = "person you know may" if len(known) == 1 else "people you know may"
        parts.append(f"{_count(len(known))} {people} be there: {names}.")
    return " ".join(parts)


def debrief_reason(event: EventView, today: dt.date) -> str:
    """'You went to PyData Meetup yesterday: who did you meet?'"""
    return f"You went to {event.name} {when_words(event.date, today)}: who did you meet? Even one name helps."


def _status(due: dt.date, today: dt.date) -> Status:
    return Status.OVERDUE if due < today else Status.TODAY if due == today else Status.UPCOMING


def event_tasks(
    events: Iterable[EventView],
    today: dt.date,
    days: int,
    *,
    met: Mapping[str, int],
    known: Mapping[str, Sequence[str]],
) -> list[EventTask]:
    """The event follow-ups due by ``today + days``, by due date then name.

    ``met`` gives, for the events that need it (see :func:`needs`), how many people were met
    there; ``known``, the names of the people who may be at each upcoming event.
    """
    horizon = today + dt.timedelta(days=days)
    found: list[EventTask] = []
    for event in events:
        kind = needs(event, today, days)
        if kind is TaskKind.EVENT_PREP:
            due = max(prep_day(event), today)
            reason = prep_reason(event, today, known.get(event.id, ()))
        elif kind is TaskKind.EVENT_DEBRIEF and not met.get(event.id):
            due = event.date + dt.timedelta(days=1)
            reason = debrief_reason(event, today)
        else:
            continue
        if due <= horizon:
            found.append(EventTask(event, due, _status(due, today), kind, reason))
    found.sort(key=lambda task: (task.due, fold(task.event.name)))
    return found


def needs(event: EventView, today: dt.date, days: int) -> TaskKind | None:
    """The follow-up this event may bring by ``today + days`` (before counting who was met there)."""
    horizon = today + dt.timedelta(days=days)
    if event.date >= today:
        return TaskKind.EVENT_PREP if prep_day(event) <= horizon else None
    if event.nobody or (today - event.date).days > DEBRIEF_DAYS:
        return None
    return TaskKind.EVENT_DEBRIEF


_FOLLOW_UPS = frozenset({InteractionKind.SENT, InteractionKind.MEETING, InteractionKind.CALL})
_REPLIES = frozenset({InteractionKind.RECEIVED, InteractionKind.MEETING, InteractionKind.CALL})


def followed_up(contact: _Dated, since: dt.date) -> bool:
    """Did the user write to, meet or call this person on or after ``since`` (the event's date)?"""
    return any(i.kind in _FOLLOW_UPS and i.date >= since for i in contact.interactions)


def replied(contact: _Dated, since: dt.date) -> bool:
    """Did this person write back, meet or call on or after ``since``?"""
    return any(i.kind in _REPLIES and i.date >= since for i in contact.interactions)


@dataclass(frozen=True)
class Attendance(Generic[K, P]):
    """Who was met at an event (by name), and how many were followed up with, and replied."""

    people: list[tuple[K, P]]
    followed_up: int
    replied: int


def attendance(event: EventView, everyone: Iterable[tuple[K, P]]) -> Attendance[K, P]:
    """The people met at ``event`` and how many of them the user followed up with (and who replied)."""
    people = sorted(met_at(event.id, everyone), key=lambda item: fold(item[1].name))
    return Attendance(
        people,
        sum(1 for _, c in people if followed_up(c, event.date)),
        sum(1 for _, c in people if replied(c, event.date)),
    )
