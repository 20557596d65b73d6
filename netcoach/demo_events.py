"""The demo's events: a few past ones (people met there, a debrief waiting) and a few upcoming ones."""

from __future__ import annotations

import datetime as dt

from netcoach.model.contact import Contact, InteractionKind
from netcoach.model.event import Event
from netcoach.model.text import fold, slugify
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


def demo_event_id(spec: dict[str, object], today: dt.date) -> str:
    """The id the store gives a demo event in a fresh folder (its name and date)."""
    return (
        f"{slugify(str(spec['name']), max_length=60)}-{(today + dt.timedelta(days=int(str(spec['days'])))).isoformat()}"
    )


def at_demo_event(contact: Contact, today: dt.date) -> Contact:
    """``contact``, its ``met`` naming the demo event it happened at (by where they met), if any."""
    for spec in EVENTS:
        if spec.get("met_at") and fold(contact.met_at) == fold(str(spec["met_at"])):
            for item in contact.interactions:
                if item.kind is InteractionKind.MET:
                    item.event = demo_event_id(spec, today)
                    break
    return contact


def write_demo_events(store: Store, today: dt.date) -> None:
    """The demo events (the people met at the past ones name them already: :func:`at_demo_event`)."""
    for spec in EVENTS:
        days = int(str(spec["days"]))
        event = Event.model_validate(
            {k: v for k, v in spec.items() if k not in {"days", "met_at"}} | {"date": today + dt.timedelta(days=days)}
        )
        store.events.add(event, note="Wrote the demo events")
