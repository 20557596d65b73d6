"""``netcoach stats``: the user's own evidence (messages, replies, how often worries came true)."""

from __future__ import annotations

import argparse
import json

from netcoach.cli.context import Context, report_problems
from netcoach.coach.event_evidence import event_evidence, event_evidence_json, event_evidence_lines
from netcoach.coach.evidence import anxiety_chart, evidence, evidence_json, evidence_lines


def run(ctx: Context, args: argparse.Namespace) -> int:
    loaded = ctx.store.reader.load()
    ev = evidence((record.contact for record in loaded.records), ctx.today, ctx.config.timing)
    events, event_problems = ctx.store.events.views()
    rooms = event_evidence(events, [(r.id, r.contact) for r in loaded.records], ctx.today)
    if args.json:
        payload = {**evidence_json(ev), "events": event_evidence_json(rooms)}
        print(json.dumps(payload, ensure_ascii=False, indent=2), file=ctx.out)
    else:
        for line in evidence_lines(ev) + event_evidence_lines(rooms):
            print(line, file=ctx.out)
        chart = anxiety_chart(ev)
        if len(chart) >= 2:
            print(file=ctx.out)
            print(f"Anxiety before sending, per {ev.anxiety_period} (0-10):", file=ctx.out)
            for row in chart:
                print(f"  {row}", file=ctx.out)
    report_problems(loaded.problems + event_problems + ctx.problems)
    return 0
