"""The demo's events: a few past ones (people met there, a debrief waiting) and a few upcoming ones."""

from __future__ import annotations

import datetime as dt
from functools import partial

from netcoach.model.contact import Contact, InteractionKind
from netcoach.model.event import Event
from netcoach.model.text import fold
from netcoach.storage.store import Store

EVENTS: list[dict[str, object]] = [
    {"name": "PyData meetup", "days": -9, "place": "Harbor Tech Hub", "tags": ["data"], "met_at": "the PyData meetup"},
    {
        "name": "Chamber of commerce breakfast",
        "days": -30,
        "place": "Hotel del Mar",
        "met_at": "Chamber of commerce breakfast",
    },
    {"name": "Design week open studio", "days": -1, "place": "Studio 9", "tags": ["design"]},
    {
        "name": "PyData meetup",
        "days": 2,
        "place": "Harbor Tech Hub",
        "time": dt.time(18, 30),
        "goal": "meet two people who work in data engineering",
        "tags": ["data"],
    },
    {
        "name": "Alumni happy hour",
        "days": 8,
        "place": "The Old Town Tavern",
        "goal": "say hello to one person from my major",
        "tags": ["alumni"],
    },
]


def write_demo_events(store: Store, today: dt.date) -> None:
    """The demo events, and the demo people met at the past ones linked to them."""
    people = store.reader.load().records
    for spec in EVENTS:
        days = int(str(spec["days"]))
        event = Event.model_validate(
            {k: v for k, v in spec.items() if k not in {"days", "met_at"}} | {"date": today + dt.timedelta(days=days)}
        )
        record = store.events.add(event, note="Wrote the demo events")
        met_at = spec.get("met_at")
        if not met_at:
            continue
        for person in people:
            if fold(person.contact.met_at) == fold(str(met_at)):
                store.contacts.update(person.id, partial(_link, event_id=record.id), note="Wrote the demo events")


def _link(contact: Contact, event_id: str) -> None:
    for item in contact.interactions:
        if item.kind is InteractionKind.MET:
            item.event = event_id
            return
