"""``netcoach event rm EVENT [--yes]``: remove an event (asked first on a terminal; undo brings it back).

The people met there stay: their ``met`` still names the event's id, and ``check`` does not mind.
"""

from __future__ import annotations

import argparse

from netcoach.cli.context import Context, removal_confirmed
from netcoach.cli.event_lookup import find


def run(ctx: Context, args: argparse.Namespace) -> int:
    record = find(ctx, args.event)
    what = f"the event {record.event.name} ({record.id})"
    question = f"Remove {what}? The people you met there stay. netcoach undo brings it back. [y/N] "
    if not removal_confirmed(ctx, args.yes, what, question, them="it"):
        return 1
    ctx.store.events.remove(record, note=f"Removed the event {record.event.name}")
    ctx.print(f"Removed {what}. netcoach undo brings it back.")
    return 0
