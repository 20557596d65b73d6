"""The evidence from events: went to, people met, followed up, replied, and the invitations line."""

from __future__ import annotations

import datetime as dt

from netcoach.coach.event_evidence import (
    event_evidence,
    event_evidence_json,
    event_evidence_lines,
    event_evidence_summary,
)
from netcoach.model.changes import log_interaction, met
from netcoach.model.contact import Contact, Interaction
from netcoach.model.event_view import EventView

TODAY = dt.date(2026, 11, 18)


def at(event: EventView, name: str, *later: tuple[int, str]) -> Contact:
    contact = met(Contact(name=name), event.date, event.where, event=event.id)
    for days, kind in later:
        contact = log_interaction(contact, Interaction(date=event.date + dt.timedelta(days=days), kind=kind))  # type: ignore[arg-type]
    return contact


def test_events_gone_to_people_met_followed_up_and_replied() -> None:
    dinner = EventView("dinner-2026-11-01", "Dinner", dt.date(2026, 11, 1))
    meetup = EventView("meetup-2026-11-10", "Meetup", dt.date(2026, 11, 10))
    quiet = EventView("gala-2026-11-12", "Gala", dt.date(2026, 11, 12), nobody=True)
    skipped = EventView("fair-2026-11-13", "Fair", dt.date(2026, 11, 13))  # nobody added, not marked: not counted
    soon = EventView("class-2026-11-20", "Class", dt.date(2026, 11, 20))
    people = [
        at(dinner, "Ana", (1, "sent"), (3, "received")),
        at(dinner, "Bo", (1, "sent")),
        at(meetup, "Cy"),
        at(meetup, "Di", (2, "meeting")),
        Contact(name="Ed"),
    ]
    ev = event_evidence([dinner, meetup, quiet, skipped, soon], [(c.name, c) for c in people], TODAY)
    assert (ev.went_to, ev.people_met, ev.followed_up, ev.replied) == (3, 4, 3, 2)
    assert ev.enough_data
    assert event_evidence_lines(ev) == [
        "You went to 3 events and met 4 people there.",
        "You followed up with 3 of them; 2 replied.",
        "The invitations you accepted led to 2 conversations.",
    ]
    assert event_evidence_json(ev)["went_to"] == 3
    assert event_evidence_summary(ev) == [
        "You went to 3 events and met 4 people; the invitations you accepted led to 2 conversations."
    ]


def test_no_invitations_line_before_there_is_enough() -> None:
    dinner = EventView("dinner-2026-11-01", "Dinner", dt.date(2026, 11, 1))
    ev = event_evidence([dinner], [("ana", at(dinner, "Ana", (1, "sent")))], TODAY)
    assert event_evidence_lines(ev) == [
        "You went to 1 event and met 1 person there.",
        "You followed up with 1 of them; 0 replied.",
    ]
    assert event_evidence_lines(event_evidence([], [], TODAY)) == []
    assert event_evidence_summary(ev) == []  # the app's Evidence view has little room: only once there is enough
