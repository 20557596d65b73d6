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
g. ``reach_out_after`` and ``snoozed_until`` move the due date later, never earlier: due the
   day after ``reach_out_after`` (it means after), on ``snoozed_until`` (it means until).
h. A follow-up whose moment passed long ago (its date by a.-f. more than ``stale_after_days``
   before today) is a ``reconnect``, never overdue: a warm hello, no apology. They are paced
   (:func:`pace`): ``reconnects_per_day`` a business day, oldest first.
Due dates on a weekend move to the Monday after.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple, TypeVar, cast

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
    RECONNECT = "reconnect"  # an old moment: a calm hello when the user feels like it, never overdue


@dataclass(frozen=True)
class FollowUp:
    """A follow-up the engine suggests: when, what kind of message (or task: a promise...), and why."""

    due: dt.date
    status: Status
    kind: MessageKind | TaskKind
    reason: str
    since: dt.date | None = None
    """For a reconnect (status ``RECONNECT``): the date the follow-up was due before it went stale."""
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


def _latest(contact: ContactLike, today: dt.date) -> tuple[dt.date, InteractionKind | None, str] | None:
    """The latest contact: its date, its kind (None for a remembered ``last_contact``) and when, in words."""
    history = contact.contacted()
    remembered = contact.last_contact
    if remembered is not None and (not history or remembered.start > history[-1].date):
        words = when_words(remembered.start, today) if remembered.exact else remembered.words()
        return remembered.start, None, words
    if not history:
        return None
    return history[-1].date, history[-1].kind, when_words(history[-1].date, today)


def _base(contact: ContactLike, today: dt.date, rules: TimingRules) -> tuple[dt.date, MessageKind, str] | None:
    """The due date, kind and reason before dates the user set are applied."""
    latest = _latest(contact, today)
    if latest is None:
        return None
    latest_date, kind, when = latest
    history = contact.contacted()
    if contact.stage is Stage.NOT_NOW:
        due = latest_date + dt.timedelta(days=rules.not_now_days)
        return (
            due,
            MessageKind.RECONNECT,
            (f"Right person, wrong time: last in touch {when}. A light hello keeps the door open."),
        )
    if contact.stage is Stage.RESTING:
        due = latest_date + dt.timedelta(days=rules.resting_days)
        return (
            due,
            MessageKind.RECONNECT,
            (f"Resting; last in touch {when}. A light reconnect, leading with them, not with a request."),
        )
    if kind is InteractionKind.MET:
        due = add_business_days(latest_date, rules.follow_up_business_days)
        return (
            due,
            MessageKind.FOLLOW_UP,
            (f"You met{_where(contact)} {when}; a short note while you are fresh in their mind."),
        )
    if kind is InteractionKind.RECEIVED:
        due = add_business_days(latest_date, rules.reply_business_days)
        return due, MessageKind.REPLY, f"They wrote to you {when}; the ball is in your court."
    if kind in (InteractionKind.MEETING, InteractionKind.CALL):
        due = add_business_days(latest_date, rules.thank_you_business_days)
        return due, MessageKind.THANK_YOU, (f"You had a {kind.value} {when}; a short thank-you while it is fresh.")
    waiting = unanswered_run(history) if kind is not None else 0
    if waiting > rules.max_nudges:
        due = latest_date + dt.timedelta(days=rules.resting_days)
        return (
            due,
            MessageKind.RECONNECT,
            (f"{waiting} messages without a reply; let it rest. Silence is usually a full inbox, not a no."),
        )
    if waiting:
        have_met = any(i.kind is InteractionKind.MET for i in history) or contact.met_on is not None
        days = rules.nudge_days_met if have_met else rules.nudge_days_cold
        due = latest_date + dt.timedelta(days=days)
        nudge_number = waiting  # the first waiting message is the ask; each one after is a nudge
        if latest_date == today:  # nothing to say about a silence of a few hours: say when the nudge would be
            nudge_on = long_date(skip_weekend(due), today)
            return due, MessageKind.NUDGE, f"Sent today; if there is no reply, a nudge on {nudge_on}."
        of = f" (nudge {nudge_number} of {rules.max_nudges})" if rules.max_nudges > 1 else ""
        return due, MessageKind.NUDGE, (f"No reply yet to your message {when}; a friendly nudge is normal{of}.")
    cadence = contact.cadence_days or rules.keep_in_touch_days
    due = latest_date + dt.timedelta(days=cadence)
    return due, MessageKind.KEEP_IN_TOUCH, (f"Last in touch {when}; share something useful or just say hello.")


_LAST = {
    InteractionKind.MET: "you met",
    InteractionKind.SENT: "you wrote to them",
    InteractionKind.RECEIVED: "they wrote to you",
    InteractionKind.MEETING: "you had a meeting",
    InteractionKind.CALL: "you had a call",
}


def _stale_reason(contact: ContactLike, today: dt.date) -> str:
    latest = _latest(contact, today)
    assert latest is not None
    _, kind, when = latest
    what = "" if kind is None else _LAST.get(kind, "")
    if kind is InteractionKind.MET and contact.met_at:
        what += _where(contact)
    said = f" ({what})" if what else ""
    return f"Last in touch {when}{said}. A warm hello, no apology needed."


def _user_dates(contact: ContactLike) -> list[tuple[dt.date, str]]:
    """The dates the user set, as the days they make a follow-up due: the day after ``reach_out_after``."""
    found = []
    if contact.reach_out_after is not None:
        found.append((contact.reach_out_after + dt.timedelta(days=1), "reach_out_after"))
    if contact.snoozed_until is not None:
        found.append((contact.snoozed_until, "snoozed_until"))
    return sorted(found)


def _asked(contact: ContactLike, today: dt.date) -> str:
    assert contact.reach_out_after is not None
    words = f" ({contact.reach_out_reason})" if contact.reach_out_reason else ""
    return f"They asked you to reach out after {long_date(contact.reach_out_after, today)}{words}."


def _planned(
    contact: ContactLike, today: dt.date, rules: TimingRules
) -> tuple[dt.date, MessageKind, str, dt.date | None] | None:
    """(due, kind, reason, moment) as rules a.-g. give it, before an old moment becomes a reconnect.

    The moment is the date a.-f. give (on a business day), before the user's dates; None when
    the follow-up comes from those dates alone (nobody contacted yet).
    """
    if contact.stage is Stage.ARCHIVED:
        return None
    base = _base(contact, today, rules)
    dates = _user_dates(contact)
    moment = None if base is None else skip_weekend(base[0])
    if base is None:
        if not dates:
            return None
        kind = MessageKind.RECONNECT if contact.connected_on else MessageKind.FOLLOW_UP
        base = (dates[0][0] - dt.timedelta(days=1), kind, "")
    due, kind, reason = base
    for day, label in dates:
        if day > due:
            due = day
            if label == "reach_out_after":  # the date moved it: the reason speaks of the date alone
                reason = _asked(contact, today)
            else:
                reason = f"Snoozed until {long_date(day, today)}. {reason}".strip()
    return skip_weekend(due), kind, reason, moment


def scheduled(contact: ContactLike, rules: TimingRules = DEFAULT_RULES) -> dt.date | None:
    """The due date rules a.-g. give, which does not depend on today (the index remembers it).

    A follow-up is never due before this date: a reconnect (rule h.) only moves it later.
    """
    return planned_dates(contact, rules)[0]


def planned_dates(
    contact: ContactLike, rules: TimingRules = DEFAULT_RULES
) -> tuple[dt.date | None, dt.date | None, dt.date | None]:
    """(scheduled, moment, own) of the message follow-up, none of which depends on today (the index
    remembers them): the :func:`scheduled` due date; the moment, the date rules a.-f. give on a business
    day (rule h. makes it a reconnect once long past; None when the date comes from the user's dates
    alone); and the latest date the user set, on a business day (a reconnect keeps it when it is later
    than its turn). All None when nothing is ever due."""
    last = contact.last_interaction()
    planned = _planned(contact, last.date if last is not None else dt.date.min, rules)
    if planned is None:
        return None, None, None
    dates = _user_dates(contact)  # by date: the last is the latest (skip_weekend keeps the order)
    return planned[0], planned[3], skip_weekend(dates[-1][0]) if dates else None


def follow_up(contact: ContactLike, today: dt.date, rules: TimingRules = DEFAULT_RULES) -> FollowUp | None:
    """When to contact this person next, what to send and why; ``None`` if nothing is due.

    A reconnect (rule h.) is due on the first business day from today unless a date the user
    set is later: :func:`pace` spreads several over the days to come.
    """
    planned = _planned(contact, today, rules)
    if planned is None:
        return None
    due, kind, reason, moment = planned
    if moment is not None and (today - moment).days > rules.stale_after_days:
        due = skip_weekend(today)
        reason = _stale_reason(contact, today)
        asked = contact.reach_out_after
        if asked is not None and moment <= asked and (today - asked).days <= rules.stale_after_days:
            reason = _asked(contact, today)  # their date moved it, lately: it speaks of the date alone
        for day, label in _user_dates(contact):
            if skip_weekend(day) > due:
                due = skip_weekend(day)
                if label == "reach_out_after":
                    reason = _asked(contact, today)
                else:
                    reason = f"Snoozed until {long_date(day, today)}. {reason}"
        return FollowUp(due=due, status=Status.RECONNECT, kind=MessageKind.RECONNECT, reason=reason, since=moment)
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
        FollowUp(due, status_on(due, today), kind, reason, about=text)
        for due, kind, reason, text in promise_dues(contact, today)
    ]
    main = follow_up(contact, today, rules)
    if main is not None:
        found.append(main)
    found.sort(key=lambda f: f.due)  # stable: on the same day, promises first
    return found


def next_due(contact: ContactLike, rules: TimingRules = DEFAULT_RULES) -> dt.date | None:
    """The earliest date anything of this contact can come due (it does not depend on today, so the
    index remembers it): the message follow-up's :func:`scheduled` date, or an open promise's."""
    days = [day for day, *_ in promise_dues(contact, dt.date.min)]
    planned = scheduled(contact, rules)
    if planned is not None:
        days.append(planned)
    return min(days) if days else None


R = TypeVar("R", bound="tuple[object, ContactLike, FollowUp]")


def pace(
    rows: Iterable[R], today: dt.date, rules: TimingRules = DEFAULT_RULES, until: dt.date | None = None
) -> list[R]:
    """The same rows, reconnects spread out: oldest moment first (then by name), ``reconnects_per_day``
    a business day from today. A reconnect whose own date (``reach_out_after``, ``snoozed_until``)
    is later than its turn keeps that date and leaves its turn to the next.

    With ``until``, it stops at the first turn after ``until``: the reconnects not reached by then
    (all due after ``until``, at their turn or on their own date) are left out, not paced
    (``netcoach due`` shows a few of thousands of old moments). Every row due by ``until`` is as without it.
    """
    result = list(rows)
    waiting = sorted(
        (n for n, row in enumerate(result) if row[2].since is not None),
        key=lambda n: (result[n][2].since, result[n][1].name.casefold()),
    )
    day, used = skip_weekend(today), 0
    for position, n in enumerate(waiting):
        if until is not None and day > until:  # every turn from here on, and every own date left, is later
            left_out = set(waiting[position:])
            return [row for k, row in enumerate(result) if k not in left_out]
        row = result[n]
        follow = row[2]
        if follow.due > day:
            continue
        result[n] = cast(R, (row[0], row[1], replace(follow, due=day)))
        used += 1
        if used >= rules.reconnects_per_day:
            day, used = add_business_days(day, 1), 0
    return result


class PaceFacts(NamedTuple):
    """What :func:`pace` needs of a contact, known before its view is built (the index remembers it with
    the due date; none of it depends on today): ISO dates, "" for none."""

    moment: str
    """The moment of the message follow-up (:func:`planned_dates`): a reconnect once long past."""
    own: str
    """The latest date the user set, on a business day (:func:`planned_dates`)."""
    unpaced: str
    """The earliest date anything else of theirs comes due (a promise, a loop to close): never paced."""
    name: str
    """The name as pacing orders it (case folded); "" when there is no moment."""

    def text(self) -> str:
        return _FACTS_SEPARATOR.join(self)

    @classmethod
    def parse(cls, text: str) -> PaceFacts:
        """The facts :meth:`text` wrote; ``ValueError`` if it is not such a text."""
        parts = text.split(_FACTS_SEPARATOR, 3)
        if len(parts) != 4:
            raise ValueError(f"not pacing facts: {text!r}")
        return cls(*parts)


_FACTS_SEPARATOR = "\x1f"  # the name comes last: split no further than the three dates


def reachable(
    candidates: Iterable[tuple[T, PaceFacts]], today: dt.date, until: dt.date, rules: TimingRules = DEFAULT_RULES
) -> set[T]:
    """Of these contacts (key, facts), in the order their rows are given to :func:`pace`, and each
    possibly due by ``until``: the keys of those that can have a row due by ``until`` once reconnects
    are paced. Left out: those whose only follow-up by then is a reconnect whose turn comes after
    ``until`` (of thousands of old moments, ``netcoach due`` shows a few). :func:`pace` run on the
    rows of the contacts kept gives each of them the day it gives on everyone's.

    Walks the turns as :func:`pace` does, from the facts alone; the same order (moment, then name,
    then as given), the same days. One kept anyway (a promise or a loop due by ``until``) is walked
    past without taking a turn: the others' turns come no later, so a few more may be kept, never one
    fewer, whether its reconnect is paced (:func:`pace`) or waits behind its promise (the app's book).
    """
    stale_before = (today - dt.timedelta(days=rules.stale_after_days)).isoformat()
    by = until.isoformat()
    keep: set[T] = set()
    waiting: list[tuple[str, str, str, T]] = []
    for key, facts in candidates:
        if facts.moment and facts.moment < stale_before:  # (today - moment).days > stale_after_days: a reconnect
            if facts.unpaced and facts.unpaced <= by:
                keep.add(key)
            else:
                waiting.append((facts.moment, facts.name, facts.own, key))
        else:
            keep.add(key)
    waiting.sort(key=lambda row: (row[0], row[1]))  # stable: ties as given, as in pace
    day, used = skip_weekend(today), 0
    for _, _, own, key in waiting:
        if day > until:
            break
        turn = day.isoformat()
        if own > turn:  # it keeps its own date and leaves its turn to the next
            if own <= by:
                keep.add(key)
            continue
        keep.add(key)
        used += 1
        if used >= rules.reconnects_per_day:
            day, used = add_business_days(day, 1), 0
    return keep


def due_within(
    items: Iterable[tuple[T, C]], today: dt.date, days: int, rules: TimingRules = DEFAULT_RULES
) -> list[tuple[T, C, FollowUp]]:
    """Everything due by ``today + days`` (a contact once per follow-up), reconnects paced, sorted by due date then name."""
    horizon = today + dt.timedelta(days=days)
    every: list[tuple[T, C, FollowUp]] = []
    for key, contact in items:
        every.extend((key, contact, result) for result in follow_ups(contact, today, rules))
    found = [row for row in pace(every, today, rules, horizon) if row[2].due <= horizon]
    found.sort(key=lambda row: (row[2].due, row[1].name.casefold()))
    return found
