"""Light, read-only views of contacts, rebuilt from the index for the fast command-line paths.

``netcoach due`` runs at every login and must answer in a blink over tens of thousands of
contacts, so it never loads pydantic: it reads the index's JSON copy of each file (written
when the file was last read and validated) into these views, which carry exactly what the
timing engine and the due list read. Anything that shows or edits a whole contact uses
:class:`netcoach.models.Contact`.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from netcoach.kinds import InteractionKind, Stage


def _date(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


class InteractionView:
    """The parts of an interaction the timing engine reads."""

    __slots__ = ("awaiting_reply", "date", "kind", "summary")

    def __init__(self, date: dt.date, kind: InteractionKind, awaiting_reply: bool | None, summary: str) -> None:
        self.date = date
        self.kind = kind
        self.awaiting_reply = awaiting_reply
        self.summary = summary

    def __repr__(self) -> str:
        return f"InteractionView({self.date}, {self.kind.value})"


class ContactView:
    """The parts of a contact the timing engine and ``netcoach due`` read."""

    __slots__ = (
        "cadence_days",
        "company",
        "connected_on",
        "interactions",
        "met_at",
        "met_on",
        "name",
        "reach_out_after",
        "role",
        "snoozed_until",
        "stage",
    )

    def __init__(self, data: dict[str, Any]) -> None:
        """From a contact as ``Contact.model_dump(mode="json")`` gives it; a missing key raises ``KeyError``."""
        self.name: str = data["name"]
        self.company: str = data["company"]
        self.role: str = data["role"]
        self.stage = Stage(data["stage"])
        self.met_at: str = data["met_at"]
        self.met_on = _date(data["met_on"])
        self.reach_out_after = _date(data["reach_out_after"])
        self.snoozed_until = _date(data["snoozed_until"])
        self.connected_on = _date(data["connected_on"])
        cadence = data["cadence_days"]
        self.cadence_days: int | None = None if cadence is None else int(cadence)
        self.interactions = [
            InteractionView(
                dt.date.fromisoformat(item["date"]),
                InteractionKind(item["kind"]),
                item["awaiting_reply"],
                item["summary"],
            )
            for item in data["interactions"]
        ]

    @classmethod
    def from_json(cls, payload: str) -> ContactView:
        """A view of the index's JSON copy of a contact. Raises ``ValueError`` or ``KeyError`` if it is not one."""
        data = json.loads(payload)
        if not isinstance(data, dict):
            raise ValueError("not a contact")
        return cls(data)

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else self.name

    def contacted(self) -> list[InteractionView]:
        """Like :meth:`netcoach.models.Contact.contacted`: notes left out, oldest first, ties in logged order."""
        real = [i for i in self.interactions if i.kind is not InteractionKind.NOTE]
        return sorted(real, key=lambda i: i.date)

    def last_interaction(self) -> InteractionView | None:
        real = self.contacted()
        return real[-1] if real else None

    def __repr__(self) -> str:
        return f"ContactView({self.name!r}, {self.stage.value}, {len(self.interactions)} interactions)"
