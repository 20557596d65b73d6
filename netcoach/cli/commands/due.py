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
from netcoach.timing.engine import FollowUp
from netcoach.timing.introductions import due_with_loops


def run(ctx: Context, args: argparse.Namespace) -> int:
    today = ctx.date(args.today) if args.today else ctx.today
    if args.days < 0:
        raise UsageError(f"--days must be 0 or more, not {args.days}")
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
        ctx.print(format_due(rows, today, args.days))
    report_problems(problems + ctx.problems)
    return 0


def format_due(rows: Sequence[tuple[str, ContactView, FollowUp]], today: dt.date, days: int) -> str:
    """The calm, short text for a login message."""
    if not rows:
        horizon = "today" if days == 0 else f"in the next {days} days"
        return f"netcoach: nobody is waiting on you {horizon}. Enjoy the quiet."
    now = [r for r in rows if r[2].due <= today]
    later = len(rows) - len(now)
    head = f"netcoach: {len(now)} to follow up with today" if now else "netcoach: nothing due today"
    if later:
        head += f", {later} coming up"
    lines = [head + "."]
    for _, contact, result in rows:
        mark = {"overdue": "!", "today": "*", "upcoming": " "}[result.status.value]
        who = contact.name + (f" ({contact.company})" if contact.company else "")
        what = result.kind.value.replace("_", " ")
        when = "today" if result.due == today else f"{result.due:%a} {result.due.day} {result.due:%b}"
        lines.append(f" {mark} {who}: {what}, {when}")
        lines.append(f"     {result.reason}")
    return "\n".join(lines)
