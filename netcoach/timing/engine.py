"""The follow-up timing engine: who is due, when, for what kind of message, and why.

Pure functions of a contact, today's date and the rules; nothing here reads the clock or
the disk. The rules, in short (each number can be changed in ``config.toml`` ``[timing]``):

a. Latest is ``met``: a first follow-up the next business day.
b. Latest is a ``sent`` waiting for a reply: a nudge 7 days later if you have met, 14 if it
   was a cold message. After 2 nudges with no reply the contact rests: a light reconnect
   90 days after the last message.
c. Latest is ``received``: reply the next business day.
d. Latest is a ``meeting`` or ``call``: a thank-you the next business day.
e. Otherwise (a ``sent`` that waits for nothing): keep in touch after ``cadence_days`` (90).
f. ``not_now``: reconnect 180 days after the latest interaction; ``archived``: never due. No
   interactions and no date set: never due.
g. ``reach_out_after`` and ``snoozed_until`` move the due date later, never earlier.
Due dates on a weekend move to the Monday after.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, TypeVar

from netcoach.model.kinds import ANSWERS, InteractionKind, MessageKind, Stage, TaskKind
from netcoach.timing.dates import add_business_days, long_date, skip_weekend, when_words
from netcoach.timing.promises import promise_dues
from netcoach.timing.rules import DEFAULT_RULES, TimingRules

if TYPE_CHECKING:  # the engine only reads: a whole Contact or an index view (netcoach.model.view) fits
    from netcoach.model.readable import ContactLike, InteractionLike

T = TypeVar("T")
C = TypeVar("C", bound="ContactLike")


class Status(StrEnum):
    OVERDUE = "overdue"
    TODAY = "today"
    UPCOMING = "upcoming"


@dataclass(frozen=True)
class FollowUp:
    """A follow-up the engine suggests: when, what kind of message (or task: a promise...), and why."""

    due: dt.date
    status: Status
    kind: MessageKind | TaskKind
    reason: str
    about: str = ""  # a promise's text (kinds promise and waiting_on)


def awaits_reply(history: Sequence[InteractionLike], index: int) -> bool:
    """Does the ``sent`` at ``history[index]`` wait for a reply?

    Marked explicitly, or else: it does while the person has never answered before it.
    """
    message = history[index]
    if message.awaiting_reply is not None:
        return message.awaiting_reply
    return not any(earlier.kind in ANSWERS for earlier in history[:index])


def unanswered_run(history: Sequence[InteractionLike]) -> int:
    """How many waiting ``sent`` messages end the history in a row (0 if the latest is not one)."""
    count = 0
    for index in range(len(history) - 1, -1, -1):
        item = history[index]
        if item.kind is InteractionKind.SENT and awaits_reply(history, index):
            count += 1
        else:
            break
    return count


def _where(contact: ContactLike) -> str:
    return f" at {contact.met_at}" if contact.met_at else ""


def _base(contact: ContactLike, today: dt.date, rules: TimingRules) -> tuple[dt.date, MessageKind, str] | None:
    """The due date, kind and reason before dates the user set are applied."""
    history = contact.contacted()
    if not history:
        return None
    latest = history[-1]
    when = when_words(latest.date, today)
    if contact.stage is Stage.NOT_NOW:
        due = latest.date + dt.timedelta(days=rules.not_now_days)
        return (
            due,
            MessageKind.RECONNECT,
            (f"Right person, wrong time: last in touch {when}. A light hello keeps the door open."),
        )
    if contact.stage is Stage.RESTING:
        due = latest.date + dt.timedelta(days=rules.resting_days)
        return (
            due,
            MessageKind.RECONNECT,
            (f"Resting; last in touch {when}. A light reconnect, leading with them, not with a request."),
        )
    kind = latest.kind
    if kind is InteractionKind.MET:
        due = add_business_days(latest.date, rules.follow_up_business_days)
        return (
            due,
            MessageKind.FOLLOW_UP,
            (f"You met{_where(contact)} {when}; a short note while you are fresh in their mind."),
        )
    if kind is InteractionKind.RECEIVED:
        due = add_business_days(latest.date, rules.reply_business_days)
        return due, MessageKind.REPLY, f"They wrote to you {when}; the ball is in your court."
    if kind in (InteractionKind.MEETING, InteractionKind.CALL):
        due = add_business_days(latest.date, rules.thank_you_business_days)
        return due, MessageKind.THANK_YOU, (f"You had a {kind.value} {when}; a short thank-you while it is fresh.")
    waiting = unanswered_run(history)
    if waiting > rules.max_nudges:
        due = latest.date + dt.timedelta(days=rules.resting_days)
        return (
            due,
            MessageKind.RECONNECT,
            (f"{waiting} messages without a reply; let it rest. Silence is usually a full inbox, not a no."),
        )
    if waiting:
        have_met = any(i.kind is InteractionKind.MET for i in history) or contact.met_on is not None
        days = rules.nudge_days_met if have_met else rules.nudge_days_cold
        due = latest.date + dt.timedelta(days=days)
        nudge_number = waiting  # the first waiting message is the ask; each one after is a nudge
        of = f" (nudge {nudge_number} of {rules.max_nudges})" if rules.max_nudges > 1 else ""
        return due, MessageKind.NUDGE, (f"No reply yet to your message {when}; a friendly nudge is normal{of}.")
    cadence = contact.cadence_days or rules.keep_in_touch_days
    due = latest.date + dt.timedelta(days=cadence)
    return due, MessageKind.KEEP_IN_TOUCH, (f"Last in touch {when}; share something useful or just say hello.")


def follow_up(contact: ContactLike, today: dt.date, rules: TimingRules = DEFAULT_RULES) -> FollowUp | None:
    """When to contact this person next, what to send and why; ``None`` if nothing is due."""
    if contact.stage is Stage.ARCHIVED:
        return None
    base = _base(contact, today, rules)
    dates = [
        (d, label)
        for d, label in (
            (contact.reach_out_after, "reach_out_after"),
            (contact.snoozed_until, "snoozed_until"),
        )
        if d is not None
    ]
    if base is None:
        if not dates:
            return None
        earliest = min(day for day, _ in dates)
        kind = MessageKind.RECONNECT if contact.connected_on else MessageKind.FOLLOW_UP
        base = (earliest - dt.timedelta(days=1), kind, "")
    due, kind, reason = base
    for day, label in sorted(dates):
        if day > due:
            due = day
            if label == "reach_out_after":
                reason = f"They asked you to reach out after {long_date(day, today)}. {reason}".strip()
            else:
                reason = f"Snoozed until {long_date(day, today)}. {reason}".strip()
    due = skip_weekend(due)
    return FollowUp(due=due, status=status_on(due, today), kind=kind, reason=reason)


def status_on(due: dt.date, today: dt.date) -> Status:
    """Overdue, today or upcoming."""
    if due < today:
        return Status.OVERDUE
    if due == today:
        return Status.TODAY
    return Status.UPCOMING


def follow_ups(contact: ContactLike, today: dt.date, rules: TimingRules = DEFAULT_RULES) -> list[FollowUp]:
    """Everything a contact asks of you: the message follow-up (:func:`follow_up`) and one per open
    promise that is due (:mod:`netcoach.timing.promises`), earliest first."""
    found = [
        FollowUp(due, status_on(due, today), kind, reason, text)
        for due, kind, reason, text in promise_dues(contact, today)
    ]
    main = follow_up(contact, today, rules)
    if main is not None:
        found.append(main)
    found.sort(key=lambda f: f.due)  # stable: on the same day, promises first
    return found


def next_due(contact: ContactLike, today: dt.date, rules: TimingRules = DEFAULT_RULES) -> dt.date | None:
    """The earliest due date of :func:`follow_ups` (it does not depend on ``today``), or ``None``."""
    found = follow_ups(contact, today, rules)
    return found[0].due if found else None


def due_within(
    items: Iterable[tuple[T, C]], today: dt.date, days: int, rules: TimingRules = DEFAULT_RULES
) -> list[tuple[T, C, FollowUp]]:
    """Everything due by ``today + days`` (a contact once per follow-up), sorted by due date then name."""
    horizon = today + dt.timedelta(days=days)
    found = []
    for key, contact in items:
        for result in follow_ups(contact, today, rules):
            if result.due <= horizon:
                found.append((key, contact, result))
    found.sort(key=lambda row: (row[2].due, row[1].name.casefold()))
    return found
