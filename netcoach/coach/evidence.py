"""The user's own evidence: how often messages got a reply, and how often the worries came true.

Pure functions of the contacts, ``today`` and the timing rules; nothing here reads the clock
or the disk. The rules:

- A ``sent`` counts as **replied** when a ``received``, ``meeting`` or ``call`` follows it
  before the next ``sent`` to that person. Days to reply run from the message to that answer.
- A ``sent`` with no answer yet is **too recent to tell** while no later ``sent`` followed it
  and its nudge window (``nudge_days_met`` if you have met, else ``nudge_days_cold``) has
  not passed; after that it counts as **no reply**. The reply rate leaves out the messages
  too recent to tell.
- A ``sent`` marked as waiting for no reply (``awaiting_reply = false``: a thank-you, a
  heads-up) is left out of the reply figures: silence is what it asked for. Its prediction
  and anxiety still count.
- A prediction (``expected`` on a ``sent``) is **known** when the user recorded the
  ``outcome``, or, unrecorded, when the log already says: a reply (known for an expected
  reply, or an expected silence: it did not happen), or no reply in the window (known for
  every expectation). Expecting "a reply" counts as happened for a reply or real help.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from netcoach.model.kinds import ANSWERS, InteractionKind, Outcome
from netcoach.model.readable import ContactLike, InteractionLike
from netcoach.timing.dates import say_date
from netcoach.timing.rules import DEFAULT_RULES, TimingRules

K = TypeVar("K")

OUTCOME_WORDS: dict[Outcome, str] = {
    Outcome.NO_REPLY: "silence",
    Outcome.POLITE_NO: "a polite no",
    Outcome.REPLY: "a reply",
    Outcome.REAL_HELP: "real help",
}
"""Each outcome in words, for sentences ("You expected silence ...")."""

OUTCOME_CHOICES: list[tuple[Outcome, str]] = [
    (Outcome.NO_REPLY, "No reply"),
    (Outcome.POLITE_NO, "A polite no"),
    (Outcome.REPLY, "A reply"),
    (Outcome.REAL_HELP, "Real help"),
]
"""The four answers, in order, as labels for a prediction or "what happened?" picker."""

FEARED = (Outcome.NO_REPLY, Outcome.POLITE_NO)
ENOUGH_MESSAGES = 5
"""Below this many messages old enough to tell, the figures come with an 'early days' note."""


# -- one contact's messages -----------------------------------------------------------------


@dataclass(frozen=True)
class SentMessage:
    """A ``sent`` interaction and what the log says happened after it."""

    contact: ContactLike
    index: int  # its place in contact.interactions (for record_outcome)
    interaction: InteractionLike
    answer: InteractionLike | None  # the first received/meeting/call before the next sent
    followed_by_sent: bool  # another sent came after it
    window_end: dt.date  # the nudge date: with no answer by then, it counts as no reply

    @property
    def replied(self) -> bool:
        return self.answer is not None

    def too_recent(self, today: dt.date) -> bool:
        """No answer yet, nothing sent since, and the nudge window still open."""
        return self.answer is None and not self.followed_by_sent and today < self.window_end

    def days_to_reply(self) -> int | None:
        return None if self.answer is None else (self.answer.date - self.interaction.date).days

    def known_outcome(self, today: dt.date) -> Outcome | None:
        """The recorded outcome; else ``NO_REPLY`` when the window passed without an answer; else ``None``."""
        if self.interaction.outcome is not None:
            return self.interaction.outcome
        if self.answer is None and not self.too_recent(today):
            return Outcome.NO_REPLY
        return None


def sent_messages(
    contact: ContactLike, rules: TimingRules = DEFAULT_RULES, today: dt.date | None = None
) -> list[SentMessage]:
    """Every ``sent`` to this person, oldest first, with the answer that followed it.

    With ``today``, anything logged after today is left out.
    """
    interactions = contact.interactions
    if not any(i.kind is InteractionKind.SENT for i in interactions):
        return []
    ordered = [
        (index, item)
        for index, item in enumerate(interactions)
        if item.kind is not InteractionKind.NOTE and (today is None or item.date <= today)
    ]
    ordered.sort(key=_date_of)  # stable: the same day keeps the logged order
    have_met = contact.met_on is not None or any(i.kind is InteractionKind.MET for i in interactions)
    window = dt.timedelta(days=rules.nudge_days_met if have_met else rules.nudge_days_cold)
    # One pass: each sent stays open until the next answer (it was replied) or the next sent.
    rows: list[list[Any]] = []  # [index, item, answer, followed_by_sent]
    open_row: list[Any] | None = None
    for index, item in ordered:
        kind = item.kind
        if kind is InteractionKind.SENT:
            if open_row is not None:
                open_row[3] = True
            open_row = [index, item, None, False]
            rows.append(open_row)
        elif kind in ANSWERS and open_row is not None:
            open_row[2] = item
            open_row = None
    return [
        SentMessage(contact, index, item, answer, followed, item.date + window)
        for index, item, answer, followed in rows
    ]


def _date_of(pair: tuple[int, InteractionLike]) -> dt.date:
    return pair[1].date


# -- the evidence ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PredictionTally:
    """How often the user expected one outcome, and how often it came true."""

    expected: Outcome
    predicted: int  # messages where the user expected this
    known: int  # of those, how many have a known outcome
    happened: int  # of the known, how many turned out as expected


@dataclass(frozen=True)
class AnxietyPoint:
    """The average anxiety (0-10) before sending, over one week or month."""

    start: dt.date  # the Monday, or the 1st of the month
    label: str  # "2 Nov", or "Nov 2026"
    average: float
    messages: int


@dataclass(frozen=True)
class Evidence:
    """The user's own figures; see :func:`evidence_lines` for them in words."""

    today: dt.date
    messages_sent: int
    replies: int
    too_recent: int  # no answer yet, still inside the nudge window
    reply_rate: float | None  # replies / (messages_sent - too_recent); None when nothing is old enough
    median_days_to_reply: float | None
    predictions: list[PredictionTally]  # only outcomes that were predicted, feared ones first
    anxiety_period: Literal["week", "month"]
    anxiety: list[AnxietyPoint]  # oldest first; only periods with anxiety noted
    waited_for_nothing: int = 0  # sent messages marked as waiting for no reply: not in the figures above

    @property
    def settled(self) -> int:
        return self.messages_sent - self.too_recent

    @property
    def enough_data(self) -> bool:
        return self.settled >= ENOUGH_MESSAGES


def _happened(expected: Outcome, outcome: Outcome) -> bool:
    if expected is Outcome.REPLY:
        return outcome in (Outcome.REPLY, Outcome.REAL_HELP)
    return outcome is expected


def _tally(messages: Sequence[SentMessage], today: dt.date) -> list[PredictionTally]:
    counts: dict[Outcome, list[int]] = {}
    for message in messages:
        expected = message.interaction.expected
        if expected is None:
            continue
        row = counts.setdefault(expected, [0, 0, 0])
        row[0] += 1
        outcome = message.known_outcome(today)
        if outcome is not None:
            row[1] += 1
            row[2] += _happened(expected, outcome)
        elif message.replied and expected in (Outcome.NO_REPLY, Outcome.REPLY):
            row[1] += 1  # the log answers it: silence did not happen; a reply did
            row[2] += expected is Outcome.REPLY
    order = [*FEARED, Outcome.REPLY, Outcome.REAL_HELP]
    return [PredictionTally(o, *counts[o]) for o in order if o in counts]


def _period_start(day: dt.date, period: str) -> dt.date:
    if period == "week":
        return day - dt.timedelta(days=day.weekday())
    return day.replace(day=1)


def _period_label(start: dt.date, period: str, today: dt.date) -> str:
    if period == "week":
        return say_date(start, today, short=True)
    return f"{start:%b} {start.year}"


WEEKS_BEFORE_MONTHS = 16
"""Anxiety is averaged per week while the notes span up to this many weeks, then per month."""


def _anxiety(
    messages: Sequence[SentMessage], today: dt.date, period: Literal["auto", "week", "month"]
) -> tuple[Literal["week", "month"], list[AnxietyPoint]]:
    noted = [(m.interaction.date, level) for m in messages if (level := m.interaction.anxiety) is not None]
    chosen: Literal["week", "month"]
    if period == "auto":
        span = (max(d for d, _ in noted) - min(d for d, _ in noted)).days if noted else 0
        chosen = "week" if span <= WEEKS_BEFORE_MONTHS * 7 else "month"
    else:
        chosen = period
    groups: dict[dt.date, list[int]] = {}
    for day, level in noted:
        groups.setdefault(_period_start(day, chosen), []).append(level)
    points = [
        AnxietyPoint(start, _period_label(start, chosen, today), round(statistics.fmean(levels), 1), len(levels))
        for start, levels in sorted(groups.items())
    ]
    return chosen, points


def evidence(
    contacts: Iterable[ContactLike],
    today: dt.date,
    rules: TimingRules = DEFAULT_RULES,
    *,
    period: Literal["auto", "week", "month"] = "auto",
) -> Evidence:
    """The figures from every contact's history (messages dated after ``today`` are left out)."""
    messages = [message for contact in contacts for message in sent_messages(contact, rules, today)]
    asked = [m for m in messages if m.interaction.awaiting_reply is not False]  # a thank-you asks for nothing
    replied = [m for m in asked if m.replied]
    recent = sum(1 for m in asked if m.too_recent(today))
    settled = len(asked) - recent
    days = [d for m in replied if (d := m.days_to_reply()) is not None]
    chosen, points = _anxiety(messages, today, period)
    return Evidence(
        today=today,
        messages_sent=len(asked),
        replies=len(replied),
        too_recent=recent,
        reply_rate=(len(replied) / settled) if settled else None,
        median_days_to_reply=float(statistics.median(days)) if days else None,
        predictions=_tally(messages, today),
        anxiety_period=chosen,
        anxiety=points,
        waited_for_nothing=len(messages) - len(asked),
    )


# -- in words -------------------------------------------------------------------------------


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def _days(value: float) -> str:
    if value == 0:
        return "the same day"
    number = f"{value:g}"
    return f"{number} day" if value == 1 else f"{number} days"


def _messages(count: int) -> str:
    return "1 message" if count == 1 else f"{count} messages"


def evidence_lines(ev: Evidence) -> list[str]:
    """The figures as short, plain sentences (never empty)."""
    if ev.messages_sent == 0 and not ev.waited_for_nothing:
        return [
            "No messages logged yet, so there is nothing to count. That is a fine place to start.",
            "Once you log what you send, this page shows how many got a reply, how fast, "
            "and how often your worries came true.",
        ]
    lines: list[str] = []
    if ev.messages_sent == 0:
        so_far = _messages(ev.waited_for_nothing)
        lines.append(f"Your {so_far} so far waited for no reply (a thank-you, say): no reply figures yet.")
    elif not ev.enough_data:  # no rate from a handful: one silence would read as a verdict
        so_far = _messages(ev.messages_sent)
        lines.append(f"Too early for figures: {so_far} so far. Most replies come within a day or two.")
    elif ev.replies == 0:
        lines.append(f"Of your {ev.messages_sent} messages, none has a reply logged yet.")
    else:
        lines.append(f"Of your {ev.messages_sent} messages, {ev.replies} got a reply.")
    if ev.waited_for_nothing and ev.messages_sent:
        waited = "1 more waited" if ev.waited_for_nothing == 1 else f"{ev.waited_for_nothing} more waited"
        lines.append(f"{waited} for no reply (a thank-you, say): left out of these figures.")
    if ev.enough_data and ev.too_recent:
        are = "is" if ev.too_recent == 1 else "are"
        lines.append(f"{_messages(ev.too_recent).capitalize()} {are} still recent: too early to tell.")
    if ev.enough_data and ev.reply_rate is not None:
        lines.append(f"That is a reply rate of {round(ev.reply_rate * 100)}% for the messages old enough to tell.")
    if ev.enough_data and ev.median_days_to_reply is not None:
        lines.append(f"Replies typically came after {_days(ev.median_days_to_reply)}.")
    for tally in ev.predictions:
        expected = f"You expected {OUTCOME_WORDS[tally.expected]} {_times(tally.predicted)}"
        unknown = tally.predicted - tally.known
        if tally.known == 0:
            lines.append(f"{expected}; it is too early to tell how that turned out.")
            continue
        happened = "it never happened" if tally.happened == 0 else f"it happened {_times(tally.happened)}"
        lines.append(f"{expected}; {happened}." + (f" ({unknown} not known yet.)" if unknown else ""))
    if not ev.predictions:
        lines.append("When you note what you expect before sending, you will see here how often it came true.")
    if len(ev.anxiety) >= 2:
        first, last = ev.anxiety[0], ev.anxiety[-1]
        lines.append(
            f"Your anxiety before sending: {first.average:g} of 10 in the {ev.anxiety_period} of {first.label}, "
            f"{last.average:g} in the {ev.anxiety_period} of {last.label}."
        )
    elif len(ev.anxiety) == 1:
        lines.append(
            f"Your anxiety before sending averaged {ev.anxiety[0].average:g} of 10 so far. "
            f"A chart over time appears once you have notes from two different {ev.anxiety_period}s."
        )
    else:
        lines.append("Note how anxious you feel before sending (0-10), and a chart of it over time will appear here.")
    if not ev.enough_data and not ev.messages_sent:
        lines.append("These are early days: a few more messages and the pattern will be clearer.")
    return lines


_BAR = "█"
_EMPTY = "░"


def anxiety_chart(ev: Evidence, width: int = 20) -> list[str]:
    """A plain-text bar chart of anxiety over time, one row per week or month; empty below two
    (:func:`evidence_lines` then says a chart appears once there are notes from two)."""
    if len(ev.anxiety) < 2:
        return []
    label_width = max(len(point.label) for point in ev.anxiety)
    rows = []
    for point in ev.anxiety:
        filled = round(point.average / 10 * width)
        bar = _BAR * filled + _EMPTY * (width - filled)
        noun = "message" if point.messages == 1 else "messages"
        rows.append(f"{point.label.ljust(label_width)}  {bar}  {point.average:g} ({point.messages} {noun})")
    return rows


def evidence_json(ev: Evidence) -> dict[str, Any]:
    """The figures as JSON-ready data (``netcoach stats --json``); the keys are listed in the README."""
    return {
        "today": ev.today.isoformat(),
        "messages_sent": ev.messages_sent,
        "waited_for_nothing": ev.waited_for_nothing,
        "replies": ev.replies,
        "too_recent": ev.too_recent,
        "reply_rate": None if ev.reply_rate is None else round(ev.reply_rate, 3),
        "median_days_to_reply": ev.median_days_to_reply,
        "enough_data": ev.enough_data,
        "predictions": [
            {
                "expected": tally.expected.value,
                "predicted": tally.predicted,
                "known": tally.known,
                "happened": tally.happened,
            }
            for tally in ev.predictions
        ],
        "anxiety": {
            "period": ev.anxiety_period,
            "points": [
                {"start": p.start.isoformat(), "label": p.label, "average": p.average, "messages": p.messages}
                for p in ev.anxiety
            ],
        },
        "lines": evidence_lines(ev),
    }
