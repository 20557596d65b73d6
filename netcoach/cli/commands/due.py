"""``netcoach due``: who to follow up with now and soon, fit for a login message.

The login path: it reads the index's compact copies (netcoach.storage.reader) and never
imports Textual, nor pydantic when no file changed since the index saw it. Events bring their
own rows (prep the day before, a debrief the day after): see netcoach.timing.events.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Sequence

from netcoach.cli.context import Context, UsageError, report_problems
from netcoach.model.view import ContactView
from netcoach.storage.event_followups import due_event_tasks
from netcoach.timing.dates import FUTURE, LATEST, say_date
from netcoach.timing.engine import FollowUp, Status
from netcoach.timing.events import EventTask
from netcoach.timing.introductions import due_with_loops

Row = tuple[str, ContactView, FollowUp] | EventTask
"""A line of ``due``: a contact's follow-up (id, view, follow-up), or an event's (prep, debrief)."""


def run(ctx: Context, args: argparse.Namespace) -> int:
    today = ctx.date(args.today, FUTURE) if args.today else ctx.today
    if not 0 <= args.days <= (LATEST - today).days:
        raise UsageError(f"--days must be 0 or more, and not past {LATEST.year}, not {args.days}")
    rules = ctx.timing_rules()
    views, problems = ctx.store.reader.due_by(today + dt.timedelta(days=args.days), rules, today=today)
    tasks, event_problems = due_event_tasks(ctx.store, today, args.days)
    rows: list[Row] = [*due_with_loops(views, today, args.days, rules), *tasks]
    rows.sort(key=lambda row: (_due(row), _name(row).casefold()))
    if args.json:
        ctx.print(json.dumps([_json(row) for row in rows], ensure_ascii=False, indent=2))
    else:
        ctx.print(format_due(rows, today, args.days, everyone=args.all))
    report_problems(problems + event_problems + ctx.problems)
    return 0


TOP = 5
"""The plain output names at most this many (``--all``: everyone)."""

MARKS = {"overdue": "!", "today": "*", "upcoming": " ", "reconnect": " "}
LEGEND = {"!": "! overdue", "*": "* due today"}


def _due(row: Row) -> dt.date:
    return row.due if isinstance(row, EventTask) else row[2].due


def _name(row: Row) -> str:
    return row.event.name if isinstance(row, EventTask) else row[1].name


def _status(row: Row) -> Status:
    return row.status if isinstance(row, EventTask) else row[2].status


def _json(row: Row) -> dict[str, str]:
    """A row of ``due --json``: name, due, status, kind, reason; an event's also has its ``event`` id."""
    if isinstance(row, EventTask):
        return {
            "name": row.event.name,
            "due": row.due.isoformat(),
            "status": row.status.value,
            "kind": row.kind.value,
            "reason": row.reason,
            "event": row.event.id,
        }
    _, contact, result = row
    return {
        "name": contact.name,
        "due": result.due.isoformat(),
        "status": result.status.value,
        "kind": result.kind.value,
        "reason": result.reason,
    }


def format_due(rows: Sequence[Row], today: dt.date, days: int, *, everyone: bool = False) -> str:
    """The calm, short text for a login message: the most pressing few, then one line for the rest.

    Reconnects (old moments) come last, in their own calm group, only those whose turn is today.
    """
    pressing = [r for r in rows if _status(r) is not Status.RECONNECT]
    calm = [r for r in rows if _status(r) is Status.RECONNECT and _due(r) <= today]
    if not pressing and not calm:
        horizon = "today" if days == 0 else f"in the next {days} days"
        return f"netcoach: nobody is waiting on you {horizon}. Enjoy the quiet."
    now = [r for r in pressing if _due(r) <= today]
    later = len(pressing) - len(now)
    head = f"netcoach: {len(now)} to follow up with today" if now else "netcoach: nothing due today"
    if later:
        head += f", {later} coming up"
    if calm:
        head += f", {len(calm)} to reconnect"
    lines = [head + "."]
    ordered = pressing + calm
    shown = ordered if everyone else ordered[:TOP]
    used: set[str] = set()
    for n, row in enumerate(shown):
        status = _status(row)
        if status is Status.RECONNECT and (n == 0 or _status(shown[n - 1]) is not Status.RECONNECT):
            lines.append(" Reconnect when you feel like it:")
        if isinstance(row, EventTask):
            who, due, reason, kind = row.event.name, row.due, row.reason, row.kind.value
        else:
            _, contact, result = row
            who = contact.name + (f" ({contact.company})" if contact.company else "")
            due, reason, kind = result.due, result.reason, result.kind.value
        mark = MARKS[status.value]
        used.add(mark)
        when = "today" if due == today else say_date(due, today, short=True, weekday=True)
        lines.append(f" {mark} {who}: {kind.replace('_', ' ')}, {when}")
        lines.append(f"     {reason}")
    rest = len(ordered) - len(shown)
    if rest:
        lines.append(f" and {rest} more: netcoach due --all")
    legend = [words for mark, words in LEGEND.items() if mark in used]
    if legend:
        lines.append(" " + ", ".join(legend) + ".")
    return "\n".join(lines)
