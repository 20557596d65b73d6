"""Rendering: a template written out for one contact, and the message to start with.

Rendering is a pure function of the template, the contact, the user's settings and today.
A placeholder whose value is missing becomes a visible marker (see
:mod:`netcoach.coach.placeholders`), and the optional parts around it are dropped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from netcoach.coach.placeholders import Marker, find_markers
from netcoach.coach.template_language import fill, tidy, tidy_line
from netcoach.coach.templates import Template, Tone, is_short
from netcoach.model.contact import Contact
from netcoach.model.kinds import Channel, InteractionKind, MessageKind, Stage
from netcoach.model.text import clean_line, clean_text, fold
from netcoach.storage.config import Config
from netcoach.timing.dates import when_words
from netcoach.timing.engine import follow_up
from netcoach.timing.rules import DEFAULT_RULES, TimingRules

# -- values ------------------------------------------------------------------------------------

_LOWER_FIRST = frozenset(
    [
        "a",
        "an",
        "the",
        "my",
        "our",
        "your",
        "their",
        "his",
        "her",
        "its",
        "this",
        "that",
        "these",
        "those",
        "some",
        "any",
        "how",
        "what",
        "why",
        "where",
        "when",
        "which",
        "who",
        "whether",
        "help",
        "advice",
        "tips",
        "feedback",
        "notes",
        "ideas",
        "insight",
        "insights",
        "intro",
        "intros",
        "introductions",
        "pointers",
        "questions",
        "time",
        "coffee",
        "lunch",
    ]
)
_TRAILING_PUNCTUATION = ".,;:!"


def _phrase(value: str) -> str:
    """A user's value made to sit inside a sentence: one line, no final full stop, 'The x' -> 'the x'."""
    value = clean_line(value).rstrip(_TRAILING_PUNCTUATION).strip()
    first, _, rest = value.partition(" ")
    if first[:1].isupper() and first[1:].islower() and first.lower() in _LOWER_FIRST:
        value = first.lower() + (" " + rest if rest else "")
    return value


def _joined(items: Sequence[str]) -> str:
    phrases = [p for p in (_phrase(item) for item in items[:2]) if p]
    return " and ".join(phrases)


def _signature(text: str, name: str) -> str:
    """The signature, without a first line that only repeats the name (templates put the name above it)."""
    lines = [line.strip() for line in clean_text(text).splitlines()]
    while lines and not lines[0]:
        lines.pop(0)
    if lines and name and fold(lines[0]) == fold(name):
        lines.pop(0)
    return "\n".join(lines).strip()


def _met_on(contact: Contact) -> dt.date | None:
    if contact.met_on is not None:
        return contact.met_on
    met = [i.date for i in contact.interactions if i.kind is InteractionKind.MET]
    return min(met) if met else None


def _name_company(contact: Contact) -> str:
    return f"{contact.name} ({contact.company})" if contact.company else contact.name


def _shared(contact: Contact, other: Contact) -> str:
    """What two contacts have in common: tags, common ground, a company (at most two, in words)."""
    mine = {fold(t): t for t in [*contact.common_ground, *contact.tags]}
    both = [text for key, text in mine.items() if key in {fold(t) for t in [*other.common_ground, *other.tags]}]
    if contact.company and fold(contact.company) == fold(other.company):
        both.insert(0, contact.company)
    return _joined(both)


def other_values(contact: Contact, other: Contact | None) -> dict[str, str]:
    """The placeholders about a second person: whom an introduction is about, or who introduced you."""
    if other is None:
        return {name: "" for name in OTHER_PLACEHOLDERS}
    return {
        "other_name": other.name,
        "other_first_name": other.first_name,
        "other_company": other.company,
        "other_role": other.role,
        "other_can_help": _phrase(other.they_can_help),
        "other_name_company": _name_company(other),
        "shared": _shared(contact, other),
    }


OTHER_PLACEHOLDERS = (
    "other_name",
    "other_first_name",
    "other_company",
    "other_role",
    "other_can_help",
    "other_name_company",
    "shared",
)


def placeholder_values(
    contact: Contact, config: Config, today: dt.date, other: Contact | None = None
) -> dict[str, str]:
    """What each placeholder says for this contact ("" when unknown); ``other``: the second person of
    an introduction (or the one introduced, for closing the loop)."""
    met_on = _met_on(contact)
    last = contact.last_interaction()
    return {
        "first_name": contact.first_name,
        "name": contact.name,
        "company": contact.company,
        "role": contact.role,
        "met_at": _phrase(contact.met_at),
        "met_when": when_words(met_on, today) if met_on else "",
        "common_ground": _joined(contact.common_ground),
        "they_can_help": _phrase(contact.they_can_help),
        "i_can_offer": _phrase(contact.i_can_offer) or _joined(config.user.can_offer),
        "looking_for": _phrase(config.user.looking_for),
        "last_when": when_words(last.date, today) if last else "",
        "reach_out_reason": _phrase(contact.reach_out_reason) if contact.reach_out_after else "",
        "my_name": clean_line(config.user.name),
        "signature": _signature(config.user.signature, config.user.name),
        "your_words": "",
        "name_company": _name_company(contact),
        **other_values(contact, other),
    }


@dataclass(frozen=True)
class Rendered:
    """A template rendered for one contact: what goes in the editor."""

    template_id: str
    kind: MessageKind
    tone: Tone
    channel: Channel
    subject: str  # "" for a short message
    body: str
    markers: tuple[Marker, ...]  # in the body
    subject_markers: tuple[Marker, ...] = ()

    @property
    def all_markers(self) -> tuple[Marker, ...]:
        return self.subject_markers + self.markers

    def text(self) -> str:
        """The message as one text: ``Subject: ...``, a blank line and the body for e-mail."""
        return message_text(self.subject, self.body, self.channel)


def message_text(subject: str, body: str, channel: Channel | str) -> str:
    """A message as printed or copied: the subject line first for e-mail."""
    if is_short(channel) or not subject:
        return body
    return f"Subject: {subject}\n\n{body}"


def render_values(template: Template, values: dict[str, str], channel: Channel | str = Channel.EMAIL) -> Rendered:
    """Render with ready values (see :func:`placeholder_values`)."""
    channel = Channel(channel)
    short = is_short(channel)
    body_key = "short" if short and template.short else "body"
    body = tidy(fill(template.compiled[body_key], values))
    subject = "" if short else tidy_line(fill(template.compiled["subject"], values))
    return Rendered(
        template_id=template.id,
        kind=template.kind,
        tone=template.tone,
        channel=channel,
        subject=subject,
        body=body,
        markers=find_markers(body),
        subject_markers=find_markers(subject),
    )


def render(
    template: Template,
    contact: Contact,
    config: Config,
    today: dt.date,
    channel: Channel | str = Channel.EMAIL,
    other: Contact | None = None,
) -> Rendered:
    """The template written out for this contact, on this channel. Missing values become markers.
    ``other``: the second person of an introduction, or the one introduced (closing the loop)."""
    return render_values(template, placeholder_values(contact, config, today, other), channel)


# -- suggestions -------------------------------------------------------------------------------

RECENT_DAYS = 30
"""A "not now" heard within this many days still wants its kind close-the-loop reply."""


def suggested_kind(contact: Contact, today: dt.date, rules: TimingRules = DEFAULT_RULES) -> MessageKind:
    """The kind of message to start with: the timing engine's, else a sensible guess.

    Someone who just said "not now" first gets the kind close-the-loop message (``not_now``),
    not the engine's reconnect months away: that one is for when the months have passed.
    """
    if contact.stage is Stage.NOT_NOW and _loop_open(contact, today):
        return MessageKind.NOT_NOW
    result = follow_up(contact, today, rules)
    if result is not None and isinstance(result.kind, MessageKind):
        return result.kind
    if contact.contacted():
        return MessageKind.KEEP_IN_TOUCH  # archived, or nothing due: a friendly hello
    if not contact.met_at and contact.met_on is None and contact.they_can_help:
        return MessageKind.INFO_INTERVIEW  # someone you have not met, who could teach you something
    return MessageKind.FOLLOW_UP


def _loop_open(contact: Contact, today: dt.date) -> bool:
    """In touch within :data:`RECENT_DAYS`, and the latest word was not yours: the loop is still open."""
    history = contact.contacted()
    if not history:
        return False
    latest = history[-1]
    return latest.kind is not InteractionKind.SENT and (today - latest.date).days <= RECENT_DAYS


def suggested_channel(contact: Contact) -> Channel:
    """E-mail when there is an address, else a short message: LinkedIn if known, else a text."""
    if contact.emails:
        return Channel.EMAIL
    if contact.linkedin:
        return Channel.LINKEDIN
    return Channel.TEXT
