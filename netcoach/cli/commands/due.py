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
from netcoach.timing.dates import FUTURE, LATEST, say_date
from netcoach.timing.engine import FollowUp, Status
from netcoach.timing.introductions import due_with_loops


def run(ctx: Context, args: argparse.Namespace) -> int:
    today = ctx.date(args.today, FUTURE) if args.today else ctx.today
    if not 0 <= args.days <= (LATEST - today).days:
        raise UsageError(f"--days must be 0 or more, and not past {LATEST.year}, not {args.days}")
    rules = ctx.timing_rules()
    views, problems = ctx.store.reader.due_by(today + dt.timedelta(days=args.days), rules)
    rows = due_with_loops(views, today, args.days, rules)
    if args.json:
        payload = [
            {
                "name": c.name,
                "due": f.due.isoformat(),
                "status": f.status.value,
                "kind": f.kind.value,
                "reason": f.reason,
            }
            for _, c, f in rows
        ]
        ctx.print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        ctx.print(format_due(rows, today, args.days, everyone=args.all))
    report_problems(problems + ctx.problems)
    return 0


TOP = 5
"""The plain output names at most this many people (``--all``: everyone)."""

MARKS = {"overdue": "!", "today": "*", "upcoming": " ", "reconnect": " "}
LEGEND = {"!": "! overdue", "*": "* due today"}


def format_due(
    rows: Sequence[tuple[str, ContactView, FollowUp]], today: dt.date, days: int, *, everyone: bool = False
) -> str:
    """The calm, short text for a login message: the most pressing few, then one line for the rest.

    Reconnects (old moments) come last, in their own calm group, only those whose turn is today.
    """
    pressing = [r for r in rows if r[2].status is not Status.RECONNECT]
    calm = [r for r in rows if r[2].status is Status.RECONNECT and r[2].due <= today]
    if not pressing and not calm:
        horizon = "today" if days == 0 else f"in the next {days} days"
        return f"netcoach: nobody is waiting on you {horizon}. Enjoy the quiet."
    now = [r for r in pressing if r[2].due <= today]
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
    for n, (_, contact, result) in enumerate(shown):
        if result.status is Status.RECONNECT and (n == 0 or shown[n - 1][2].status is not Status.RECONNECT):
            lines.append(" Reconnect when you feel like it:")
        mark = MARKS[result.status.value]
        used.add(mark)
        who = contact.name + (f" ({contact.company})" if contact.company else "")
        what = result.kind.value.replace("_", " ")
        when = "today" if result.due == today else say_date(result.due, today, short=True, weekday=True)
        lines.append(f" {mark} {who}: {what}, {when}")
        lines.append(f"     {result.reason}")
    rest = len(ordered) - len(shown)
    if rest:
        lines.append(f" and {rest} more: netcoach due --all")
    legend = [words for mark, words in LEGEND.items() if mark in used]
    if legend:
        lines.append(" " + ", ".join(legend) + ".")
    return "\n".join(lines)
