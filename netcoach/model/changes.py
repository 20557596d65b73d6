"""What the user does to a contact, as pure functions shared by the command line and the app.

Each takes a contact and returns a changed copy; the store decides how it reaches the disk.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from netcoach.model.contact import Contact, Interaction, Promise
from netcoach.model.kinds import ANSWERS, Channel, InteractionKind, Stage


def log_interaction(contact: Contact, interaction: Interaction) -> Contact:
    """Add an interaction. An answer from them brings a new or resting contact into ``in_touch``."""
    updated = contact.model_copy(update={"interactions": [*contact.interactions, interaction]})
    if interaction.kind in ANSWERS and contact.stage in (Stage.NEW, Stage.RESTING):
        updated.stage = Stage.IN_TOUCH
    if interaction.kind is InteractionKind.MET and contact.met_on is None:
        updated.met_on = interaction.date
    return updated


def met(contact: Contact, on: dt.date, where: str = "", event: str | None = None) -> Contact:
    """Record that you met: the place and date on the contact, and a ``met`` interaction
    (naming the ``event``'s id when you met at one)."""
    contact = contact.model_copy(update={"met_at": where or contact.met_at, "met_on": on})
    summary = f"Met at {where}" if where else "Met"
    return log_interaction(
        contact, Interaction(date=on, kind=InteractionKind.MET, channel=Channel.IN_PERSON, summary=summary, event=event)
    )


def new_contact(
    name: str,
    fields: Mapping[str, Any] | None = None,
    *,
    met_at: str = "",
    met_on: dt.date | None = None,
    today: dt.date,
    event: str | None = None,
) -> Contact:
    """A new contact, as the app's New form and ``netcoach add`` both make one.

    ``fields`` are the contact's other fields (company, emails, stage, ...). Where (``met_at``)
    or when (``met_on``) you met log a ``met`` interaction on that date, ``today`` when only
    the place is given, so the person is due for a thank-you at once; ``event`` names the event
    (its id) it happened at. Raises pydantic's
    ``ValidationError`` for a bad value (an empty name, an e-mail that is not one).
    """
    data = {**(fields or {}), "name": name, "met_at": met_at or "", "met_on": None}
    contact = Contact.model_validate(data)
    if met_on is not None or met_at.strip():
        contact = Contact.model_validate(met(contact, met_on or today, met_at.strip(), event).model_dump())
    return contact


def replace_interaction(contact: Contact, old: Interaction, new: Interaction | None) -> Contact | None:
    """``contact`` with the interaction equal to ``old`` replaced by ``new`` (None: removed), in its place.

    None when ``old`` is no longer there (changed elsewhere meanwhile): nothing is changed.
    """
    if old not in contact.interactions:
        return None
    at = contact.interactions.index(old)
    rest = [i for n, i in enumerate(contact.interactions) if n != at]
    interactions = rest if new is None else [*rest[:at], new, *rest[at:]]
    return contact.model_copy(update={"interactions": interactions})


def snooze(contact: Contact, until: dt.date | None) -> Contact:
    return contact.model_copy(update={"snoozed_until": until})


def set_stage(contact: Contact, stage: Stage) -> Contact:
    return contact.model_copy(update={"stage": stage})


_JOINED_TEXT = ("story", "they_can_help", "i_can_offer", "notes")
"""Free text the user wrote: when both have some, both are kept (nothing typed is lost)."""
_LISTS = ("emails", "tags", "common_ground")


def merge_contacts(keep: Contact, other: Contact) -> tuple[Contact, list[str]]:
    """``keep`` with everything ``other`` knew: the same person, entered twice.

    Interactions are combined in date order (on the same day, ``keep``'s first; one logged in
    both is kept once); an empty field of ``keep`` is filled from ``other``; lists (e-mails, tags,
    common ground) are united; free text both have (story, notes, ...) is joined; the stage is
    ``keep``'s unless that is still "new" (and an answer only ``other`` logged brings them in
    touch, as logging it would have). Returns the merged contact and what came from
    ``other``, in words ("3 interactions", "company", ...).
    """
    data = keep.model_dump()
    theirs = other.model_dump()
    took: list[str] = []
    for name, value in theirs.items():
        mine = data[name]
        if name in ("name", "interactions", "promises") or value in (None, "", []) or value == mine:
            continue
        if name == "stage":
            if keep.stage is Stage.NEW:
                data[name] = value
                took.append("stage")
        elif name in _LISTS:
            folded = {str(v).casefold() for v in mine}
            extra = [v for v in value if str(v).casefold() not in folded]
            if extra:
                data[name] = [*mine, *extra]
                took.append(name.replace("_", " "))
        elif mine in (None, "", []):
            data[name] = value
            took.append(name.replace("_", " "))
        elif name in _JOINED_TEXT and str(value) not in str(mine):
            data[name] = f"{mine}\n\n{value}"
            took.append(name.replace("_", " "))
    ours = list(keep.interactions)
    extra = [i for i in other.interactions if i not in ours]
    combined = sorted([*ours, *extra], key=lambda i: i.date)  # stable: keep's first on the same day
    if extra:
        took.insert(0, f"{len(extra)} interaction{'s' if len(extra) != 1 else ''}")
    if any(i.kind in ANSWERS for i in extra) and data["stage"] in (Stage.NEW, Stage.RESTING):
        data["stage"] = Stage.IN_TOUCH  # as when an answer is logged (see log_interaction)
        if "stage" not in took:
            took.append("stage")
    data["interactions"] = combined
    promised = [p for p in other.promises if p not in keep.promises]  # both kept, one made in both once
    if promised:
        data["promises"] = [*keep.promises, *promised]
        took.append(f"{len(promised)} promise{'s' if len(promised) != 1 else ''}")
    return Contact.model_validate(data), took


def add_promise(contact: Contact, promise: Promise) -> Contact:
    """Record a promise, yours or theirs."""
    return contact.model_copy(update={"promises": [*contact.promises, promise]})


def keep_promise(contact: Contact, place: int, on: dt.date) -> Contact:
    """Mark the promise at ``place`` kept on ``on``; it stays in the timeline."""
    promises = list(contact.promises)
    promises[place] = promises[place].model_copy(update={"kept_on": on})
    return contact.model_copy(update={"promises": promises})
