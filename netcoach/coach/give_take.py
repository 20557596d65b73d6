"""Give and take: what went each way between you and a contact, in a line, and the hint that notices
when you have only asked.

Pure functions of a contact (and the people they introduced you to); nothing reads the clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from netcoach.coach.drafts import ASKING_KINDS
from netcoach.model.contact import Contact
from netcoach.model.kinds import InteractionKind, MessageKind

OFFERING_KINDS = frozenset({MessageKind.INTRO_ASK, MessageKind.INTRO, MessageKind.THANK_YOU})
"""Messages that give something (an introduction, thanks): they count as an offer."""


@dataclass(frozen=True)
class GiveTake:
    """Counts of what went each way."""

    you_kept: int  # your promises kept
    they_kept: int  # theirs kept
    you_owe: int  # your promises still open
    introduced_you_to: int  # people this contact introduced you to
    asks: int  # your messages that asked something
    offers: int  # your messages (or kept promises) that gave something

    def line(self) -> str:
        """'You kept 2 promises, they kept 1 · they introduced you to 1 person · you asked 3 times'."""
        parts = []
        if self.you_kept or self.they_kept:
            parts.append(f"you kept {_n(self.you_kept, 'promise')}, they kept {self.they_kept}")
        if self.you_owe:
            parts.append(f"{_n(self.you_owe, 'promise')} of yours open")
        if self.introduced_you_to:
            parts.append(f"they introduced you to {_n(self.introduced_you_to, 'person', 'people')}")
        if self.asks:
            parts.append(f"you asked {_n(self.asks, 'time')}")
        if self.offers:
            parts.append(f"you gave {_n(self.offers, 'time')}")
        if not parts:
            return "Nothing either way yet."
        text = " · ".join(parts)
        return text[0].upper() + text[1:]


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def give_and_take(contact: Contact, introduced: Sequence[str] = ()) -> GiveTake:
    """What went each way with ``contact``; ``introduced``: the people they introduced you to."""
    sent = [i for i in contact.interactions if i.kind is InteractionKind.SENT and i.message_kind is not None]
    asks = sum(1 for i in sent if i.message_kind in ASKING_KINDS and i.message_kind not in OFFERING_KINDS)
    offers = sum(1 for i in sent if i.message_kind in OFFERING_KINDS)
    kept = [p for p in contact.promises if p.kept_on is not None]
    return GiveTake(
        you_kept=sum(1 for p in kept if p.mine),
        they_kept=sum(1 for p in kept if not p.mine),
        you_owe=sum(1 for p in contact.promises if p.mine and p.kept_on is None),
        introduced_you_to=len(introduced),
        asks=asks,
        offers=offers + sum(1 for p in kept if p.mine),
    )


def asked_without_offering(contact: Contact) -> bool:
    """Two asks or more since you last gave anything (a message that gives, a promise of yours kept)?"""
    gave = [i.date for i in contact.interactions if i.kind is InteractionKind.SENT and i.message_kind in OFFERING_KINDS]
    gave += [p.kept_on for p in contact.promises if p.mine and p.kept_on is not None]
    since = max(gave) if gave else None
    asks = [
        i
        for i in contact.interactions
        if i.kind is InteractionKind.SENT
        and i.message_kind in ASKING_KINDS
        and i.message_kind not in OFFERING_KINDS
        and (since is None or i.date > since)
    ]
    return len(asks) >= 2
