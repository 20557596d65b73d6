"""The data model: contacts, their interactions, and the words we use for them.

Everything read from a user's file is validated here with ``extra="forbid"``, so a typo'd
key is an error the user sees, never a value silently dropped. Every text field is cleaned
of control characters and escape sequences on the way in.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo
from pydantic.networks import validate_email

# The enums live in netcoach.model.kinds (no dependencies) and are re-exported here.
from netcoach.model.kinds import Channel, InteractionKind, MessageKind, Outcome, Stage
from netcoach.model.text import clean_line, clean_text

TRUSTED: dict[str, bool] = {"netcoach_trusted": True}
"""Validation context for data netcoach wrote itself after validating it (the index's copy of a
file): text is not cleaned again and e-mail addresses are not checked again; types, dates,
enums and unknown keys still are. Never use it for anything a user or another program wrote."""


def _trusted(info: ValidationInfo) -> bool:
    return info.context is TRUSTED


def _clean_line(value: object, info: ValidationInfo) -> object:
    return clean_line(value) if isinstance(value, str) and not _trusted(info) else value


def _clean_text(value: object, info: ValidationInfo) -> object:
    return clean_text(value).strip() if isinstance(value, str) and not _trusted(info) else value


def _email(value: str, info: ValidationInfo) -> str:
    """Like pydantic's ``EmailStr``: checked (and normalised) with email-validator."""
    return value if _trusted(info) else validate_email(value)[1]


Line = Annotated[str, BeforeValidator(_clean_line)]
"""One line of text: control characters removed, whitespace collapsed."""
Text = Annotated[str, BeforeValidator(_clean_text)]
"""Free text that may span lines: control characters removed, newlines kept."""


def _non_empty(value: str) -> str:
    if not value:
        raise ValueError("must not be empty")
    return value


def _linkedin_url(value: str, info: ValidationInfo) -> str:
    if not value or _trusted(info):
        return value
    if "://" not in value:
        value = "https://" + value
    parts = urlsplit(value)
    try:
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        parts = parts._replace(netloc="")
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or "." not in host.strip(".") or " " in value:
        raise ValueError("must be a web address such as https://www.linkedin.com/in/jane-doe")
    return value


def _unique(values: list[str], info: ValidationInfo) -> list[str]:
    if _trusted(info) or not values:
        return values
    seen: set[str] = set()
    kept: list[str] = []
    for value in values:
        if value and value.casefold() not in seen:
            seen.add(value.casefold())
            kept.append(value)
    return kept


class Interaction(BaseModel):
    """One thing that happened between the user and a contact."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    date: dt.date
    kind: InteractionKind
    channel: Channel | None = None
    summary: Text = ""
    awaiting_reply: bool | None = Field(
        default=None,
        description="For `sent`: does it wait for a reply? Unset: it does while they have never answered.",
    )
    message_kind: MessageKind | None = Field(default=None, description="For `sent`: the kind of draft it came from.")
    expected: Outcome | None = Field(default=None, description="For `sent`: what the user expected before sending.")
    anxiety: int | None = Field(default=None, ge=0, le=10, description="For `sent`: how anxious the user felt (0-10).")
    outcome: Outcome | None = Field(default=None, description="For `sent`: what really happened.")


class Contact(BaseModel):
    """A person the user met or wants to know, and everything that happened between them."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    name: Annotated[Line, AfterValidator(_non_empty)]
    company: Line = ""
    role: Line = ""
    emails: Annotated[list[Annotated[str, AfterValidator(_email)]], AfterValidator(_unique)] = Field(
        default_factory=list
    )
    phone: Line = ""
    linkedin: Annotated[Line, AfterValidator(_linkedin_url)] = ""
    tags: Annotated[list[Line], AfterValidator(_unique)] = Field(default_factory=list)
    stage: Stage = Stage.NEW
    met_at: Line = Field(default="", description="Where you met: 'SDSU alumni happy hour'.")
    met_on: dt.date | None = Field(default=None, description="When you met.")
    story: Text = Field(default="", description="How you met, in your words.")
    common_ground: Annotated[list[Line], AfterValidator(_unique)] = Field(
        default_factory=list, description="Things you have in common: 'same major at SDSU'."
    )
    they_can_help: Text = Field(default="", description="What they could help you with.")
    i_can_offer: Text = Field(default="", description="What you can offer them.")
    reach_out_after: dt.date | None = Field(default=None, description="A date they gave: 'reach out once I'm back'.")
    snoozed_until: dt.date | None = None
    cadence_days: int | None = Field(default=None, ge=1, le=3650, description="Keep-in-touch interval override.")
    connected_on: dt.date | None = Field(default=None, description="When you connected (e.g. on LinkedIn).")
    source: Line = Field(default="", description="Where this contact came from, e.g. 'linkedin import'.")
    notes: Text = ""
    interactions: list[Interaction] = Field(default_factory=list)

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
