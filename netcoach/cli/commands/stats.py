"""``netcoach stats``: the user's own evidence (messages, replies, how often worries came true)."""

from __future__ import annotations

import argparse
import json

from netcoach.cli.context import Context, report_problems
from netcoach.coach.evidence import anxiety_chart, evidence, evidence_json, evidence_lines


def run(ctx: Context, args: argparse.Namespace) -> int:
    loaded = ctx.store.reader.load()
    ev = evidence((record.contact for record in loaded.records), ctx.today, ctx.config.timing)
    if args.json:
        print(json.dumps(evidence_json(ev), ensure_ascii=False, indent=2), file=ctx.out)
    else:
        for line in evidence_lines(ev):
            print(line, file=ctx.out)
        chart = anxiety_chart(ev)
        if len(chart) >= 2:
            print(file=ctx.out)
            print(f"Anxiety before sending, per {ev.anxiety_period} (0-10):", file=ctx.out)
            for row in chart:
                print(f"  {row}", file=ctx.out)
    report_problems(loaded.problems + ctx.problems)
    return 0
