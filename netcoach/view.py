"""Light, read-only views of contacts, rebuilt from the index for the fast command-line paths.

``netcoach due`` runs at every login and must answer in a blink over tens of thousands of
contacts, so it never loads pydantic: it reads the index's compact copy of each file (see
:func:`brief`, written when the file was last read and validated) into these views, which
carry exactly what the timing engine and the due list read. Anything that shows or edits a whole contact uses
:class:`netcoach.models.Contact`.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from netcoach.kinds import InteractionKind, Stage

_STAGES = {stage.value: stage for stage in Stage}
_KINDS = {kind.value: kind for kind in InteractionKind}


def _date(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


class InteractionView:
    """The parts of an interaction the timing engine reads."""

    __slots__ = ("awaiting_reply", "date", "kind")

    def __init__(self, date: dt.date, kind: InteractionKind, awaiting_reply: bool | None) -> None:
        self.date = date
        self.kind = kind
        self.awaiting_reply = awaiting_reply

    def __repr__(self) -> str:
        return f"InteractionView({self.date}, {self.kind.value})"


class ContactView:
    """The parts of a contact the timing engine and ``netcoach due`` read.

    ``interactions`` holds the real contact only: notes are left out (the engine ignores them).
    """

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

    name: str
    company: str
    role: str
    stage: Stage
    met_at: str
    met_on: dt.date | None
    reach_out_after: dt.date | None
    snoozed_until: dt.date | None
    connected_on: dt.date | None
    cadence_days: int | None
    interactions: list[InteractionView]

    @classmethod
    def from_brief(cls, brief: str) -> ContactView:
        """A view of :func:`brief` text. Raises ``ValueError``, ``TypeError`` or ``KeyError`` if it is not one."""
        (name, company, role, stage, met_at, met_on, reach, snoozed, connected, cadence, items) = json.loads(brief)
        view = cls()
        view.name, view.company, view.role, view.met_at = str(name), str(company), str(role), str(met_at)
        view.stage = _STAGES[stage]
        view.met_on, view.reach_out_after = _date(met_on), _date(reach)
        view.snoozed_until, view.connected_on = _date(snoozed), _date(connected)
        view.cadence_days = None if cadence is None else int(cadence)
        view.interactions = [InteractionView(dt.date.fromisoformat(d), _KINDS[k], a) for d, k, a in items]
        return view

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


def brief(contact: Any) -> str:
    """The compact JSON the index keeps for a contact's view: exactly what a view holds."""
    return json.dumps(
        [
            contact.name,
            contact.company,
            contact.role,
            contact.stage.value,
            contact.met_at,
            _iso(contact.met_on),
            _iso(contact.reach_out_after),
            _iso(contact.snoozed_until),
            _iso(contact.connected_on),
            contact.cadence_days,
            [
                [i.date.isoformat(), i.kind.value, i.awaiting_reply]
                for i in contact.interactions
                if i.kind is not InteractionKind.NOTE
            ],
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
