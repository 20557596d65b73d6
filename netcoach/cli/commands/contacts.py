"""``netcoach contacts``: everyone, one line each (or ``--json``, mirroring the files)."""

from __future__ import annotations

import argparse
import json

from netcoach.cli.context import Context, describe, report_problems
from netcoach.model.stages import stage_words
from netcoach.storage.contacts import as_dict
from netcoach.timing.dates import long_date
from netcoach.timing.engine import follow_up


def run(ctx: Context, args: argparse.Namespace) -> int:
    loaded = ctx.store.reader.load()
    records = sorted(loaded.records, key=lambda r: r.contact.name.casefold())
    if args.json:
        # One contact per line: readable, diffable, and fast (json's indented output is pure Python).
        lines = ",\n".join(json.dumps({"id": r.id, **as_dict(r.contact)}, ensure_ascii=False) for r in records)
        ctx.print(f"[\n{lines}\n]" if records else "[]")
    else:
        if not records:
            ctx.print('No contacts yet. Add one: netcoach add "Maya Chen" --met-at "SDSU alumni happy hour"')
        for record in records:
            c = record.contact
            last = c.last_interaction()
            last_text = f"last {long_date(last.date, ctx.today)}" if last else "never contacted"
            nxt = describe(follow_up(c, ctx.today, ctx.config.timing), ctx.today)
            company = f" · {c.company}" if c.company else ""
            ctx.print(f"{c.name}{company} · {stage_words(c.stage)} · {last_text} · next: {nxt}")
    report_problems(loaded.problems + ctx.problems)
    return 0
