"""The evidence from events: how many you went to, who you met there, and what came of it.

Pure: the events, the contacts and today are passed in. "Went to" counts the past events where
you met someone or said you met nobody (an event you never came back to may not have happened).
A conversation is a person met at an event who wrote back, met you or talked with you after it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from netcoach.model.event_view import EventView
from netcoach.timing.events import P, attendance

ENOUGH_EVENTS = 3
"""From this many events gone to (and someone met), the "invitations" line is said."""


@dataclass(frozen=True)
class EventEvidence:
    went_to: int
    people_met: int
    followed_up: int
    replied: int

    @property
    def enough_data(self) -> bool:
        return self.went_to >= ENOUGH_EVENTS and self.people_met > 0


def event_evidence(events: Iterable[EventView], contacts: Sequence[tuple[str, P]], today: dt.date) -> EventEvidence:
    went_to = people = followed = replied = 0
    for event in events:
        if event.date >= today:
            continue
        seen = attendance(event, contacts)
        if not seen.people and not event.nobody:
            continue
        went_to += 1
        people += len(seen.people)
        followed += seen.followed_up
        replied += seen.replied
    return EventEvidence(went_to, people, followed, replied)


def event_evidence_lines(ev: EventEvidence) -> list[str]:
    """The events' figures in a few plain sentences (none before the first event gone to)."""
    if ev.went_to == 0:
        return []
    events = "event" if ev.went_to == 1 else "events"
    people = "person" if ev.people_met == 1 else "people"
    lines = [f"You went to {ev.went_to} {events} and met {ev.people_met} {people} there."]
    if ev.people_met:
        lines.append(f"You followed up with {ev.followed_up} of them; {ev.replied} replied.")
    if ev.enough_data:
        talks = "conversation" if ev.replied == 1 else "conversations"
        lines.append(f"The invitations you accepted led to {ev.replied} {talks}.")
    return lines


def event_evidence_summary(ev: EventEvidence) -> list[str]:
    """One line for the app's Evidence view, once there is enough (it has little room):
    'You went to 4 events and met 9 people; the invitations you accepted led to 3 conversations.'"""
    if not ev.enough_data:
        return []
    talks = "conversation" if ev.replied == 1 else "conversations"
    return [
        f"You went to {ev.went_to} events and met {ev.people_met} people; "
        f"the invitations you accepted led to {ev.replied} {talks}."
    ]


def event_evidence_json(ev: EventEvidence) -> dict[str, Any]:
    """For ``netcoach stats --json`` (``events``): the keys are listed in the README."""
    return {
        "went_to": ev.went_to,
        "people_met": ev.people_met,
        "followed_up": ev.followed_up,
        "replied": ev.replied,
        "enough_data": ev.enough_data,
        "lines": event_evidence_lines(ev),
    }
