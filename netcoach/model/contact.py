"""The data model: contacts, their interactions, and the words we use for them.

Everything read from a user's file is validated here with ``extra="forbid"``, so a typo'd
key is an error the user sees, never a value silently dropped. Every text field is cleaned
of control characters and escape sequences on the way in (the field types are in
:mod:`netcoach.model.fields`).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from netcoach.model.fields import (
    TRUSTED,
    DistinctEmails,
    DistinctLines,
    EventId,
    FreeText,
    KeptDate,
    LinkedInAddress,
    NonEmptyLine,
    OneLine,
)

# The enums live in netcoach.model.kinds (no dependencies) and are re-exported here, as is TRUSTED.
from netcoach.model.kinds import Channel, InteractionKind, MessageKind, Outcome, Stage
from netcoach.model.partial_date import PartialDate

__all__ = [
    "TRUSTED",
    "Channel",
    "Contact",
    "Interaction",
    "InteractionKind",
    "MessageKind",
    "Outcome",
    "Promise",
    "Stage",
]


class Interaction(BaseModel):
    """One thing that happened between the user and a contact."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    date: KeptDate
    kind: InteractionKind
    channel: Channel | None = None
    summary: FreeText = ""
    awaiting_reply: bool | None = Field(
        default=None,
        description="For `sent`: does it wait for a reply? Unset: it does while they have never answered.",
    )
    message_kind: MessageKind | None = Field(default=None, description="For `sent`: the kind of draft it came from.")
    expected: Outcome | None = Field(default=None, description="For `sent`: what the user expected before sending.")
    anxiety: int | None = Field(default=None, ge=0, le=10, description="For `sent`: how anxious the user felt (0-10).")
    outcome: Outcome | None = Field(default=None, description="For `sent`: what really happened.")
    event: EventId | None = Field(default=None, description="For `met`: the id of the event you met at.")


class Promise(BaseModel):
    """Something one of you said you would do: "send the dbt article" (``mine``), "intro to her manager" (``theirs``)."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    text: NonEmptyLine
    by: dt.date = Field(description="When it is due (yours) or when to check in if nothing came (theirs).")
    whose: Literal["mine", "theirs"] = "mine"
    made_on: dt.date = Field(description="When it was said: something received from them since keeps theirs.")
    kept_on: dt.date | None = Field(default=None, description="When it was kept; kept promises stay in the timeline.")

    @property
    def mine(self) -> bool:
        return self.whose == "mine"


class Contact(BaseModel):
    """A person the user met or wants to know, and everything that happened between them."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    name: NonEmptyLine
    company: OneLine = ""
    role: OneLine = ""
    emails: DistinctEmails = Field(default_factory=list)
    phone: OneLine = ""
    linkedin: LinkedInAddress = ""
    tags: DistinctLines = Field(default_factory=list)
    stage: Stage = Stage.NEW
    met_at: OneLine = Field(default="", description="Where you met: 'SDSU alumni happy hour'.")
    met_on: KeptDate | None = Field(default=None, description="When you met.")
    story: FreeText = Field(default="", description="How you met, in your words.")
    common_ground: DistinctLines = Field(
        default_factory=list, description="Things you have in common: 'same major at SDSU'."
    )
    they_can_help: FreeText = Field(default="", description="What they could help you with.")
    i_can_offer: FreeText = Field(default="", description="What you can offer them.")
    reach_out_after: KeptDate | None = Field(default=None, description="A date they gave: 'reach out once I'm back'.")
    reach_out_reason: OneLine = Field(
        default="", description="Their words beside that date, e.g. 'back from parental leave'."
    )
    snoozed_until: KeptDate | None = None
    cadence_days: int | None = Field(default=None, ge=1, le=3650, description="Keep-in-touch interval override.")
    connected_on: KeptDate | None = Field(default=None, description="When you connected (e.g. on LinkedIn).")
    last_contact: PartialDate | None = Field(
        default=None, description="When you were last in touch, as you remember it: '2019', '2023-06' or a date."
    )
    source: OneLine = Field(default="", description="Where this contact came from, e.g. 'linkedin import'.")
    met_through: OneLine = Field(default="", description="Who introduced you: the other contact's id.")
    notes: FreeText = ""
    interactions: list[Interaction] = Field(default_factory=list)
    promises: list[Promise] = Field(default_factory=list)

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else self.name

    def contacted(self) -> list[Interaction]:
        """The interactions that are real contact (notes left out), oldest first, ties in logged order."""
        real = [i for i in self.interactions if i.kind is not InteractionKind.NOTE]
        return sorted(real, key=lambda i: i.date)  # sorted() is stable: same day keeps logged order

    def last_interaction(self) -> Interaction | None:
        real = self.contacted()
        return real[-1] if real else None
