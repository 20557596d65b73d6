"""Light, read-only views of contacts, rebuilt from the index's compact copy of each file.

``netcoach due`` runs at every login and must answer in a blink over tens of thousands of
contacts, and the app lists 30,000 of them: neither holds a full pydantic model per contact.
They read the index's compact copy of each file (see :func:`brief`, written when the file
was last read and validated) into these views, which carry what the timing engine, the
lists, the search and the evidence read. Anything that shows or edits a whole contact (its
story, the timeline's summaries, a form, a draft) reads :class:`netcoach.model.contact.Contact`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from netcoach.model.kinds import InteractionKind, Outcome, Stage
from netcoach.model.partial_date import PartialDate
from netcoach.model.text import fold

BRIEF_VERSION = 5
BRIEF_TAGS_AT = 18
"""Where a brief (see :func:`brief`) holds the contact's tags: the index searches them in SQL."""
"""The first item of every brief. A brief of another version is rebuilt from the contact."""

EVENT_MARK = "@"
"""Before the id of the event a ``met`` was at, in a brief: ``"@`` finds, in one quick search of
the index, everyone met at any event (and ``"@<id>"`` everyone met at one)."""

_STAGES = {stage.value: stage for stage in Stage}
_KINDS = {kind.value: kind for kind in InteractionKind}
_OUTCOMES = {outcome.value: outcome for outcome in Outcome}


def _date(value: str | None) -> dt.date | None:
    return None if value is None else _day(value)


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


class InteractionView:
    """The parts of an interaction the timing engine and the evidence read (no summary)."""

    __slots__ = ("anxiety", "awaiting_reply", "date", "event", "expected", "kind", "outcome")

    def __init__(
        self,
        date: dt.date,
        kind: InteractionKind,
        awaiting_reply: bool | None,
        expected: Outcome | None = None,
        anxiety: int | None = None,
        outcome: Outcome | None = None,
        event: str | None = None,
    ) -> None:
        self.date = date
        self.kind = kind
        self.awaiting_reply = awaiting_reply
        self.expected = expected
        self.anxiety = anxiety
        self.outcome = outcome
        self.event = event

    def __repr__(self) -> str:
        return f"InteractionView({self.date}, {self.kind.value})"


class PromiseView:
    """A promise as the timing engine and the lists read it (see :class:`netcoach.model.contact.Promise`)."""

    __slots__ = ("by", "kept_on", "made_on", "text", "whose")

    def __init__(self, text: str, by: dt.date, whose: str, made_on: dt.date, kept_on: dt.date | None) -> None:
        self.text = text
        self.by = by
        self.whose = whose
        self.made_on = made_on
        self.kept_on = kept_on

    @property
    def mine(self) -> bool:
        return self.whose == "mine"

    def __repr__(self) -> str:
        return f"PromiseView({self.text!r}, {self.whose}, by {self.by})"


class ContactView:
    """The parts of a contact the timing engine, the lists and the search read.

    ``interactions`` are the contact's own, in the file's order (notes included), so a
    place in this list is a place in the contact's. ``search`` is the folded text the
    Contacts filter looks in (see :func:`search_text`).
    """

    __slots__ = (
        "cadence_days",
        "common_ground",
        "company",
        "connected_on",
        "interactions",
        "last_contact",
        "met_at",
        "met_on",
        "met_through",
        "name",
        "promises",
        "reach_out_after",
        "reach_out_reason",
        "role",
        "search",
        "snoozed_until",
        "stage",
        "tags",
        "they_can_help",
    )

    name: str
    company: str
    role: str
    stage: Stage
    met_at: str
    met_on: dt.date | None
    met_through: str
    they_can_help: str
    tags: Sequence[str]
    common_ground: Sequence[str]
    reach_out_after: dt.date | None
    reach_out_reason: str
    snoozed_until: dt.date | None
    connected_on: dt.date | None
    cadence_days: int | None
    last_contact: PartialDate | None
    search: str
    interactions: Sequence[InteractionView]
    promises: Sequence[PromiseView]

    @classmethod
    def from_brief(cls, brief: str) -> ContactView:
        """A view of :func:`brief` text. Raises ``ValueError``, ``TypeError`` or ``KeyError`` if it is not
        one (or one of another :data:`BRIEF_VERSION`)."""
        (
            version,
            name,
            company,
            role,
            stage,
            met_at,
            met_on,
            reach,
            why,
            snoozed,
            connected,
            cadence,
            last,
            search,
            items,
            promised,
            met_through,
            help_with,
            tags,
            common,
        ) = json.loads(brief)
        if version != BRIEF_VERSION:
            raise ValueError(f"a brief of version {version!r}")
        view = cls()
        view.name, view.company, view.role, view.met_at = str(name), _shared(company), _shared(role), _shared(met_at)
        view.stage = _STAGES[stage]
        view.met_on, view.reach_out_after, view.reach_out_reason = _date(met_on), _date(reach), str(why)
        view.snoozed_until, view.connected_on = _date(snoozed), _date(connected)
        view.cadence_days = None if cadence is None else int(cadence)
        view.search = str(search)
        view.last_contact = None if last is None else PartialDate.parse(last)
        view.met_through = str(met_through)
        view.they_can_help = str(help_with)
        # Most of 30,000 imported connections have none of these: one empty tuple for them all, not a list each.
        view.tags = [_shared(t) for t in tags] if tags else ()
        view.common_ground = [str(c) for c in common] if common else ()
        view.interactions = [_interaction(*item) for item in items] if items else ()
        view.promises = (
            ()
            if not promised
            else [
                PromiseView(str(text), _day(by), "theirs" if whose == "theirs" else "mine", _day(made), _date(kept))
                for text, by, whose, made, kept in promised
            ]
        )
        return view

    @classmethod
    def of(cls, contact: Any) -> ContactView:
        """The view of a full contact (as the index would give it)."""
        return cls.from_brief(brief(contact))

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else self.name

    def contacted(self) -> list[InteractionView]:
        """Like :meth:`netcoach.model.contact.Contact.contacted`: notes left out, oldest first, ties in logged order."""
        real = [i for i in self.interactions if i.kind is not InteractionKind.NOTE]
        return sorted(real, key=lambda i: i.date)

    def last_interaction(self) -> InteractionView | None:
        real = self.contacted()
        return real[-1] if real else None

    def __repr__(self) -> str:
        return f"ContactView({self.name!r}, {self.stage.value}, {len(self.interactions)} interactions)"


_DAYS: dict[str, dt.date] = {}
"""Dates read so far, by text: 30,000 contacts share a few thousand days (less time and memory)."""


_SHARED: dict[str, str] = {}
"""Companies, roles, places and tags read so far, each kept once: 30,000 imported connections
share a few thousand (the app holds everyone's view: about a tenth less memory)."""


def _shared(value: object) -> str:
    text = str(value)
    return _SHARED.setdefault(text, text)


def _day(text: str) -> dt.date:
    day = _DAYS.get(text)
    if day is None:
        day = _DAYS[text] = dt.date.fromisoformat(text)
    return day


def _interaction(
    date: str,
    kind: str,
    awaiting: bool | None,
    expected: str | None = None,
    anxiety: int | None = None,
    outcome: str | None = None,
    event: str | None = None,
) -> InteractionView:
    return InteractionView(
        _day(date),
        _KINDS[kind],
        None if awaiting is None else bool(awaiting),
        None if expected is None else _OUTCOMES[expected],
        None if anxiety is None else int(anxiety),
        None if outcome is None else _OUTCOMES[outcome],
        None if event is None else str(event).removeprefix(EVENT_MARK),
    )


def search_text(contact: Any) -> str:
    """What the Contacts filter (and ``netcoach who``) looks in: name, company, role, what they could
    help with, notes, where you met, the story, tags, common ground and e-mail addresses, folded
    (lower case, no accents)."""
    parts = [contact.name, contact.company, contact.role, contact.they_can_help, contact.notes, contact.met_at]
    parts.append(contact.story)
    parts += [*contact.tags, *contact.common_ground, *contact.emails]
    return fold(" ".join(p for p in parts if p))


def _brief_item(item: Any) -> list[Any]:
    row: list[Any] = [item.date.isoformat(), item.kind.value, item.awaiting_reply]
    event = getattr(item, "event", None)
    if item.expected is not None or item.anxiety is not None or item.outcome is not None or event is not None:
        row += [_value(item.expected), item.anxiety, _value(item.outcome)]
    if event is not None:
        row.append(EVENT_MARK + event)  # the event met at: `netcoach due` finds "@ in the index (see EVENT_MARK)
    return row


def _value(outcome: Outcome | None) -> str | None:
    return None if outcome is None else outcome.value


_BRIEF_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
"""``json.dumps(..., ensure_ascii=False, separators=(",", ":"))``, made once (json.dumps makes one at each call)."""


def brief(contact: Any) -> str:
    """The compact JSON the index keeps for a contact's view: exactly what a view holds."""
    return _BRIEF_JSON.encode(
        [
            BRIEF_VERSION,
            contact.name,
            contact.company,
            contact.role,
            contact.stage.value,
            contact.met_at,
            _iso(contact.met_on),
            _iso(contact.reach_out_after),
            contact.reach_out_reason,
            _iso(contact.snoozed_until),
            _iso(contact.connected_on),
            contact.cadence_days,
            None if contact.last_contact is None else contact.last_contact.text(),
            search_text(contact),
            [_brief_item(i) for i in contact.interactions],
            [[p.text, p.by.isoformat(), p.whose, p.made_on.isoformat(), _iso(p.kept_on)] for p in contact.promises],
            contact.met_through,
            contact.they_can_help,
            contact.tags,
            contact.common_ground,
        ]
    )
