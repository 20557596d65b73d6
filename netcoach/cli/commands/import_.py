"""``netcoach import KIND FILE``: bring people in (LinkedIn, vCard, Google Contacts), all or nothing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from netcoach.cli.context import Context, report_problems
from netcoach.cli.output import raw_stream
from netcoach.cli.progress import ProgressBar
from netcoach.exchange.common import ImportFailed
from netcoach.exchange.plan import apply_import, format_summary, plan_import


def run(ctx: Context, args: argparse.Namespace) -> int:
    path = Path(args.file).expanduser()
    bar = ProgressBar(raw_stream(sys.stderr), enabled=sys.stderr.isatty())
    loaded = ctx.store.reader.load()
    try:
        plan = plan_import(args.kind, path, loaded.records, tags=args.tag or [], progress=bar)
        if not args.dry_run:
            plan = apply_import(ctx.store, plan, progress=bar).plan
    except ImportFailed as error:
        print(f"netcoach: {error} (nothing was imported)", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        bar.clear()
        print(
            "netcoach: stopped. Nothing was half-written; run the same import again to be sure everyone is in.",
            file=sys.stderr,
        )
        return 130
    finally:
        bar.clear()
    for line in format_summary(plan, dry_run=args.dry_run):
        print(line, file=ctx.out)
    if loaded.problems:
        print(
            "netcoach: some contact files could not be read, so people in them may have been added again",
            file=sys.stderr,
        )
    report_problems(loaded.problems + ctx.problems)
    kept = plan.rows - len(plan.skipped)
    if plan.rows and not kept:
        return 1  # every row was skipped: nothing in the file could be used
    return 0
