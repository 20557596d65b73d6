"""The event follow-ups due now and soon, read fast for ``netcoach due`` and Today.

Every event's date comes from the index (:meth:`~netcoach.storage.events.EventFiles.views`);
only when an event needs a prep or a debrief by the horizon are the contacts that matter found,
through a quick filter over the index (:meth:`~netcoach.storage.reader.Reader.views_mentioning`):
who was met there, who may be there. No pydantic on a warm index.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

from netcoach.model.digests import blake2b
from netcoach.model.event_view import EventView
from netcoach.model.kinds import TaskKind
from netcoach.model.text import fold
from netcoach.storage.index import Index, Stat
from netcoach.storage.reader import EVENT_NEEDLE, ascii_lower
from netcoach.timing.events import (
    Crowd,
    EventTask,
    acquaintances,
    event_tasks,
    may_be_there,
    needs,
    related_events,
)

if TYPE_CHECKING:
    from netcoach.model.problem import Problem
    from netcoach.model.view import ContactView
    from netcoach.storage.store import Store


def due_event_tasks(store: Store, today: dt.date, days: int) -> tuple[list[EventTask], list[Problem]]:
    """The event follow-ups due by ``today + days`` (see :func:`netcoach.timing.events.event_tasks`),
    and the problems of the event files."""
    views, problems = store.events.views()
    asked = {event.id: kind for event in views if (kind := needs(event, today, days)) is not None}
    if not asked:
        return [], problems
    preps = [event for event in views if asked.get(event.id) is TaskKind.EVENT_PREP]
    state = store.reader.state()  # "" when a contact file had to be read: then nothing is remembered
    key = blake2b(f"{state}|{views!r}|{today}|{days}".encode(), digest_size=16).hexdigest()
    with Index(store.reader.index_path) as index:
        cached = index.remembered(_CACHE, _NO_STAT) if state else None
        if cached is not None:
            saved_key, met, known = json.loads(cached)
            if saved_key == key:  # nobody and no event changed since: what was found then holds
                return event_tasks(views, today, days, met=met, known=known), problems
        met, known = _who(store, asked, preps, views)
        if state:
            index.remember(_CACHE, _NO_STAT, json.dumps([key, met, known], ensure_ascii=False))
    return event_tasks(views, today, days, met=met, known=known), problems


_CACHE = "event-followups"
"""Where the index remembers what the event follow-ups found, with the state it was found in."""
_NO_STAT = Stat(0, 0, 0, 0)


def _who(
    store: Store, asked: dict[str, TaskKind], preps: list[EventView], views: list[EventView]
) -> tuple[dict[str, int], dict[str, list[str]]]:
    """How many were met at each asked event, and who may be at each upcoming one."""
    related = {event.id: related_events(event, views) for event in preps}
    needles = {EVENT_NEEDLE}  # anyone met at any event (one quick search): checked against each event
    text = ""
    for event in preps:
        needles |= {fold(tag) for tag in event.tags if fold(tag)}
        text += " " + ascii_lower(f"{event.name} {event.place}")
    crowd = Crowd(store.reader.acquaintances(sorted(needles), text))
    met = {event_id: crowd.met_at(event_id) for event_id in asked}
    known = {event.id: [p.name for _, p in crowd.may_be_there(event, related[event.id])] for event in preps}
    return met, known


def may_be_there_now(store: Store, event: EventView, everyone: list[tuple[str, ContactView]]) -> list[str]:
    """The names of the contacts (of ``everyone``) who may be at ``event``: for ``event show``."""
    views, _ = store.events.views()
    return [p.name for _, p in may_be_there(event, acquaintances(everyone), related_events(event, views))]
