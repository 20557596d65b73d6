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

from netcoach.model.kinds import TaskKind
from netcoach.model.text import fold, word_key
from netcoach.timing.events import EventTask, event_tasks, may_be_there, met_at, needs, related_events

if TYPE_CHECKING:
    from netcoach.model.event_view import EventView
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
    related = {event.id: related_events(event, views) for event in views if asked.get(event.id) is TaskKind.EVENT_PREP}
    needles = {json.dumps(event_id) for event_id in asked}
    needles |= {json.dumps(event_id) for ids in related.values() for event_id in ids}
    text = ""
    for event in views:
        if event.id in related:
            needles |= {fold(tag) for tag in event.tags if fold(tag)}
            text += word_key(f"{event.name} {event.place}")
    candidates = store.reader.views_mentioning(sorted(needles), text)
    met = {event_id: len(met_at(event_id, candidates)) for event_id in asked}
    known = {
        event.id: [contact.name for _, contact in may_be_there(event, candidates, related[event.id])]
        for event in views
        if event.id in related
    }
    return event_tasks(views, today, days, met=met, known=known), problems


def may_be_there_now(
    store: Store, event: EventView, everyone: list[tuple[str, ContactView]]
) -> list[tuple[str, ContactView]]:
    """The contacts (of ``everyone``) who may be at ``event``: for ``event show`` and the app."""
    views, _ = store.events.views()
    return may_be_there(event, everyone, related_events(event, views))
