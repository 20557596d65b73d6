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


def met(contact: Contact, on: dt.date, where: str = "") -> Contact:
    """Record that you met: the place and date on the contact, and a ``met`` interaction."""
    contact = contact.model_copy(update={"met_at": where or contact.met_at, "met_on": on})
    summary = f"Met at {where}" if where else "Met"
    return log_interaction(
        contact, Interaction(date=on, kind=InteractionKind.MET, channel=Channel.IN_PERSON, summary=summary)
    )


def snooze(contact: Contact, until: dt.date | None) -> Contact:
    return contact.model_copy(update={"snoozed_until": until})


def set_stage(contact: Contact, stage: Stage) -> Contact:
    return contact.model_copy(update={"stage": stage})
