"""Predictions and what happened: what the user expected before sending, and "what happened?" after.

A prediction (``expected``, ``anxiety``) is recorded on a ``sent`` before it goes
(:func:`record_prediction`); once the log tells the outcome (they answered, or the nudge window
passed), the app asks "what happened?" (:func:`pending_outcomes`) and records the answer
(:func:`record_outcome`, or :func:`outcome_change` on the file as it is now). The figures drawn
from them are :mod:`netcoach.coach.evidence`'s. Pure functions; ``today`` is passed in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from netcoach.coach.evidence import sent_messages
from netcoach.model.contact import Contact, Interaction
from netcoach.model.kinds import InteractionKind, Outcome
from netcoach.model.readable import ContactLike, InteractionLike
from netcoach.timing.dates import long_date
from netcoach.timing.rules import DEFAULT_RULES, TimingRules

K = TypeVar("K")


def record_prediction(interaction: Interaction, expected: Outcome | None, anxiety: int | None) -> Interaction:
    """The ``sent`` interaction with what the user expects and how anxious they feel (0-10).

    Either may be ``None`` (not said). Raises ``ValueError`` for anything but a ``sent``, or
    an anxiety outside 0-10.
    """
    if interaction.kind is not InteractionKind.SENT:
        raise ValueError("a prediction belongs on a message you sent")
    data = interaction.model_dump()
    data.update(expected=expected, anxiety=anxiety)
    return Interaction.model_validate(data)


@dataclass(frozen=True)
class PendingOutcome:
    """A message whose outcome is now known but not yet recorded: ask "what happened?"."""

    index: int  # for record_outcome(contact, index, outcome)
    interaction: InteractionLike
    suggested: Outcome  # REPLY if they answered, else NO_REPLY: the default choice
    question: str  # one line, e.g. "You wrote to Maya on 3 November; she replied on 5 November. How did it go?"


def pending_outcomes(contact: ContactLike, today: dt.date, rules: TimingRules = DEFAULT_RULES) -> list[PendingOutcome]:
    """Sent messages with a prediction (expected or anxiety) and no outcome, whose outcome is now known.

    Known: they answered (a later ``received``, ``meeting`` or ``call`` before the next
    ``sent``), or the nudge window passed with no answer. Oldest first.
    """
    if not any(
        i.kind is InteractionKind.SENT and i.outcome is None and (i.expected is not None or i.anxiety is not None)
        for i in contact.interactions
    ):
        return []  # the common case, kept quick
    pending: list[PendingOutcome] = []
    who = contact.first_name
    for message in sent_messages(contact, rules, today):
        item = message.interaction
        if item.outcome is not None or (item.expected is None and item.anxiety is None):
            continue
        sent_on = long_date(item.date, today)
        if message.answer is not None:
            how = {
                InteractionKind.RECEIVED: "got a reply",
                InteractionKind.MEETING: "you met",
                InteractionKind.CALL: "you talked",
            }[message.answer.kind]
            answered_on = long_date(message.answer.date, today)
            question = f"You wrote to {who} on {sent_on}, and {how} on {answered_on}. How did it go?"
            pending.append(PendingOutcome(message.index, item, Outcome.REPLY, question))
        elif not message.too_recent(today):
            question = f"You wrote to {who} on {sent_on} and no reply is logged. What happened?"
            pending.append(PendingOutcome(message.index, item, Outcome.NO_REPLY, question))
    return pending


def pending_for_all(
    items: Iterable[tuple[K, ContactLike]], today: dt.date, rules: TimingRules = DEFAULT_RULES
) -> list[tuple[K, PendingOutcome]]:
    """:func:`pending_outcomes` for many contacts (keyed, e.g. by contact id), oldest message first."""
    found = [(key, pending) for key, contact in items for pending in pending_outcomes(contact, today, rules)]
    found.sort(key=lambda row: row[1].interaction.date)
    return found


def record_outcome(contact: Contact, index: int, outcome: Outcome) -> Contact:
    """A copy of the contact with ``outcome`` recorded on the ``sent`` at ``contact.interactions[index]``.

    Raises ``ValueError`` if there is no ``sent`` at that place.
    """
    if not 0 <= index < len(contact.interactions):
        raise ValueError(f"no interaction number {index} for {contact.name}")
    if contact.interactions[index].kind is not InteractionKind.SENT:
        raise ValueError("an outcome belongs on a message you sent")
    updated = contact.model_copy(deep=True)
    updated.interactions[index].outcome = outcome  # validated on assignment
    return updated


def outcome_change(contact: Contact, index: int, sent: InteractionLike, outcome: Outcome) -> Contact | None:
    """A copy of ``contact`` (as it is on disk now) with ``outcome`` recorded on the message ``sent``
    that "what happened?" asked about (at ``index`` then); None when there is nothing to record.

    The contact may have changed since the question was asked (another window logged
    something), so the message is looked for at its place first, then anywhere: the same
    day, the same prediction, and no outcome yet.
    """

    def same(item: Interaction) -> bool:
        return (
            item.kind is sent.kind
            and item.date == sent.date
            and item.expected == sent.expected
            and item.anxiety == sent.anxiety
            and item.outcome is None
        )

    interactions = contact.interactions
    if index < len(interactions) and same(interactions[index]):
        where: int | None = index
    else:
        where = next((i for i, item in enumerate(interactions) if same(item)), None)
    if where is None:
        return None  # it is gone, or already answered: nothing to record
    try:
        return record_outcome(contact, where, outcome)
    except ValueError:
        return None
