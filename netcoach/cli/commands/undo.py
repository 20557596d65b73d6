"""``netcoach undo [NUMBER] [--list]``: undo the latest change made through netcoach, or list them."""

from __future__ import annotations

import argparse
import datetime as dt

from netcoach.cli.context import Context
from netcoach.storage.journal import KEEP_DAYS, KEEP_ENTRIES
from netcoach.timing.dates import say_date


def run(ctx: Context, args: argparse.Namespace) -> int:
    journal = ctx.store.journal
    if args.list:
        entries = journal.entries()
        if not entries:
            ctx.print("No changes to undo yet: every change made through netcoach will be listed here.")
            return 0
        ctx.print("Recent changes, newest first (netcoach undo undoes the first; netcoach undo NUMBER that one):")
        width = len(str(entries[0].number))
        for entry in entries:
            when = dt.datetime.fromtimestamp(entry.at)
            day = say_date(when.date(), ctx.today, short=True)
            ctx.print(f"  {entry.number:>{width}}  {day} {when:%H:%M}  {entry.note}")
        ctx.print(f"(The last {KEEP_ENTRIES} changes of the last {KEEP_DAYS} days are kept.)")
        return 0
    undone = journal.undo(args.number)
    files = len(undone.paths)
    ctx.print(f"{undone}. ({files} file{'s' if files != 1 else ''} restored; netcoach undo again puts it back.)")
    return 0
