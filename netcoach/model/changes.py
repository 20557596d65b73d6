"""What the user does to a contact, as pure functions shared by the command line and the app.

Each takes a contact and returns a changed copy; the store decides how it reaches the disk.
"""

from __future__ import annotations

import datetime as dt

from netcoach.model.contact import Contact, Interaction
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
        if name in ("name", "interactions") or value in (None, "", []) or value == mine:
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
    return Contact.model_validate(data), took
