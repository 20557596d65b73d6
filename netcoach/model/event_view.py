"""A light, read-only view of an event, rebuilt from the index's compact copy of its file.

``netcoach due`` reads every event's date at every login; like contacts (see
:mod:`netcoach.model.view`), it does so from a compact copy the index keeps, without pydantic.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

EVENT_BRIEF_VERSION = 1
"""The first item of every event brief. A brief of another version is rebuilt from the file."""


@dataclass(frozen=True)
class EventView:
    """What the follow-ups, the lists and ``netcoach due`` read of an event (its notes left out)."""

    id: str
    name: str
    date: dt.date
    time: dt.time | None = None
    place: str = ""
    goal: str = ""
    tags: tuple[str, ...] = ()
    nobody: bool = False

    @property
    def where(self) -> str:
        """Where you met, as a contact's ``met_at`` says it: the event's name, and its place."""
        return f"{self.name} ({self.place})" if self.place else self.name

    @classmethod
    def of(cls, event_id: str, event: Any) -> EventView:
        """The view of a whole :class:`~netcoach.model.event.Event`."""
        return cls(
            event_id, event.name, event.date, event.time, event.place, event.goal, tuple(event.tags), event.nobody
        )

    @classmethod
    def from_brief(cls, event_id: str, text: str) -> EventView:
        """A view of :func:`event_brief` text; ``ValueError``, ``TypeError`` or ``KeyError`` if it is not one."""
        version, name, date, time, place, goal, tags, nobody = json.loads(text)
        if version != EVENT_BRIEF_VERSION:
            raise ValueError(f"an event brief of version {version!r}")
        return cls(
            event_id,
            str(name),
            dt.date.fromisoformat(date),
            None if time is None else dt.time.fromisoformat(time),
            str(place),
            str(goal),
            tuple(str(tag) for tag in tags),
            bool(nobody),
        )


def event_brief(event: Any) -> str:
    """The compact JSON the index keeps for an event's view."""
    return json.dumps(
        [
            EVENT_BRIEF_VERSION,
            event.name,
            event.date.isoformat(),
            None if event.time is None else event.time.isoformat(),
            event.place,
            event.goal,
            list(event.tags),
            bool(event.nobody),
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
