"""``netcoach due``: who to follow up with now and soon, fit for a login message.

The login path: it reads the index's compact copies (netcoach.storage.reader) and never
imports Textual, nor pydantic when no file changed since the index saw it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Sequence

from netcoach.cli.context import Context, UsageError, report_problems
from netcoach.model.view import ContactView
from netcoach.storage.event_followups import due_event_tasks
from netcoach.timing.engine import FollowUp, due_within
from netcoach.timing.events import EventTask

Row = tuple[str, ContactView, FollowUp] | EventTask
"""A line of ``due``: a contact's follow-up (id, view, follow-up), or an event's (prep, debrief)."""


def run(ctx: Context, args: argparse.Namespace) -> int:
    today = ctx.date(args.today) if args.today else ctx.today
    if args.days < 0:
        raise UsageError(f"--days must be 0 or more, not {args.days}")
    rules = ctx.timing_rules()
    views, problems = ctx.store.reader.due_by(today + dt.timedelta(days=args.days), rules)
    tasks, event_problems = due_event_tasks(ctx.store, today, args.days)
    rows: list[Row] = [*due_within(views, today, args.days, rules), *tasks]
    rows.sort(key=lambda row: (_due(row), _name(row).casefold()))
    if args.json:
        ctx.print(json.dumps([_json(row) for row in rows], ensure_ascii=False, indent=2))
    else:
        ctx.print(format_due(rows, today, args.days))
    report_problems(problems + event_problems + ctx.problems)
    return 0


def _due(row: Row) -> dt.date:
    return row.due if isinstance(row, EventTask) else row[2].due


def _name(row: Row) -> str:
    return row.event.name if isinstance(row, EventTask) else row[1].name


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


def format_due(rows: Sequence[Row], today: dt.date, days: int) -> str:
    """The calm, short text for a login message."""
    if not rows:
        horizon = "today" if days == 0 else f"in the next {days} days"
        return f"netcoach: nobody is waiting on you {horizon}. Enjoy the quiet."
    now = [r for r in rows if _due(r) <= today]
    later = len(rows) - len(now)
    head = f"netcoach: {len(now)} to follow up with today" if now else "netcoach: nothing due today"
    if later:
        head += f", {later} coming up"
    lines = [head + "."]
    for row in rows:
        if isinstance(row, EventTask):
            who, status, due, reason = row.event.name, row.status, row.due, row.reason
            kind: str = row.kind.value
        else:
            _, contact, result = row
            who = contact.name + (f" ({contact.company})" if contact.company else "")
            status, kind, due, reason = result.status, result.kind.value, result.due, result.reason
        mark = {"overdue": "!", "today": "*", "upcoming": " "}[status.value]
        when = "today" if due == today else f"{due:%a} {due.day} {due:%b}"
        lines.append(f" {mark} {who}: {kind.replace('_', ' ')}, {when}")
        lines.append(f"     {reason}")
    return "\n".join(lines)
