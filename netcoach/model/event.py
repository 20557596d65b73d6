"""An event: a room the user walks into (a dinner, a meetup, a class), before and after.

One TOML file per event in ``<data>/events/``, validated here with ``extra="forbid"``; text is
cleaned as the contact's is. A contact's ``met`` interaction names the event by its id (the
file's stem), so the people met there are found from the contacts, never stored twice.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from netcoach.model.fields import DistinctLines, FreeText, NonEmptyLine, OneLine

__all__ = ["Event"]


class Event(BaseModel):
    """A room the user goes to: what, when, where, and what they want from it."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    name: NonEmptyLine
    date: dt.date
    time: dt.time | None = Field(default=None, description="When it starts, if you know: 18:30.")
    place: OneLine = ""
    goal: OneLine = Field(default="", description="What I want from it: 'meet two people in data engineering'.")
    notes: FreeText = ""
    tags: DistinctLines = Field(default_factory=list)
    nobody: bool = Field(default=False, description="You went, and met nobody worth writing down (no debrief asked).")

    @property
    def where(self) -> str:
        """Where you met, as a contact's ``met_at`` says it: the event's name, and its place."""
        return f"{self.name} ({self.place})" if self.place else self.name
