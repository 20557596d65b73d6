"""``netcoach check``: every file checked; a problem per line as ``path:line:col: message``; exit 1 if any."""

from __future__ import annotations

import argparse
import sys

from netcoach.cli.checks import all_problems
from netcoach.cli.context import Context


def run(ctx: Context, args: argparse.Namespace) -> int:
    checked, problems = all_problems(ctx)
    for problem in problems:
        ctx.print(str(problem))
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        print(f"{len(problems)} {noun} in {ctx.store.root}", file=sys.stderr)
        return 1
    ctx.print(f"All {checked} files in {ctx.store.root} are fine.")
    return 0
