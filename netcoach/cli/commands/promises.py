"""``netcoach promises [--json]``: the open promises, yours and theirs, by date."""

from __future__ import annotations

import argparse
import json

from netcoach.cli.context import Context, report_problems
from netcoach.model.text import terminal_safe
from netcoach.timing.dates import long_date, skip_weekend
from netcoach.timing.promises import open_promises, received_since


def run(ctx: Context, args: argparse.Namespace) -> int:
    views, problems = ctx.store.reader.views(ctx.timing_rules())
    rows = [(p.by, view.name.casefold(), view, p) for _, view in views for p in open_promises(view)]
    rows.sort(key=lambda row: (row[0], row[1]))
    if args.json:
        payload = [
            {
                "name": view.name,
                "text": p.text,
                "whose": p.whose,
                "by": p.by.isoformat(),
                "made_on": p.made_on.isoformat(),
                "received_since": received_since(view, p),
            }
            for _, _, view, p in rows
        ]
        ctx.print(json.dumps(payload, ensure_ascii=False, indent=2))
    elif not rows:
        ctx.print('No open promises. Record one: netcoach promise NAME "send the article" [--theirs]')
    else:
        for by, _, view, p in rows:
            when = long_date(skip_weekend(by), ctx.today)
            if p.mine:
                line = f'{view.name}: you, "{p.text}", by {when}'
            else:
                came = " (something came from them since)" if received_since(view, p) else ""
                line = f'{view.name}: they, "{p.text}", by {when}{came}'
            ctx.print(terminal_safe(line))
    report_problems(problems + ctx.problems)
    return 0
