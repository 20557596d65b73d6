"""``netcoach who TEXT [--json]``: who could help with this, ranked, each with the field that matched."""

from __future__ import annotations

import argparse
import json

from netcoach.cli.context import Context, UsageError, report_problems
from netcoach.coach.who import describe, question, who
from netcoach.model.text import terminal_safe


def run(ctx: Context, args: argparse.Namespace) -> int:
    text = " ".join(args.text)
    if not question(text).words:
        raise UsageError(f'say what you need help with, in a few words: netcoach who "dbt" (not {text!r})')
    views, problems = ctx.store.reader.views(ctx.timing_rules())
    events, event_problems = ctx.store.events.views()
    matches = who(views, text, args.limit, {event.id: event.name for event in events})
    if args.json:
        ctx.print(json.dumps([m.as_json() for m in matches], ensure_ascii=False, indent=2))
    elif not matches:
        ctx.print(
            terminal_safe(f"Nobody matches {text!r} yet. Their could-help-with, role, tags and notes are searched.")
        )
    else:
        for line in describe(matches).splitlines():
            ctx.print(terminal_safe(line))
    report_problems(problems + event_problems + ctx.problems)
    return 0
