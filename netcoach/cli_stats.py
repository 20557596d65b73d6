"""``netcoach stats [--json]``: the user's own evidence; and ``netcoach check`` for the checklist files."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import TYPE_CHECKING

from netcoach.checklist import check_files
from netcoach.evidence import anxiety_chart, evidence, evidence_json, evidence_lines
from netcoach.tomlfile import Problem

if TYPE_CHECKING:
    from netcoach.cli import Context


def cmd_stats(ctx: Context, args: argparse.Namespace) -> int:
    from netcoach.cli import report_problems

    loaded = ctx.store.load()
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
    report_problems(ctx, loaded.problems + ctx.problems)
    return 0


def check_checklist_files(ctx: Context) -> tuple[int, list[Problem]]:
    """``netcoach check``: the user's checklist.toml and worries.toml."""
    return check_files(ctx.store.root)


def register(command: Callable[..., argparse.ArgumentParser]) -> None:
    from netcoach import cli

    stats = command(
        "stats",
        "your own evidence: messages sent, replies, and how often your worries came true",
        cmd_stats,
    )
    stats.add_argument("--json", action="store_true", help="the figures as a JSON object (keys in the README)")
    if check_checklist_files not in cli.CHECKERS:
        cli.CHECKERS.append(check_checklist_files)
