"""``netcoach merge KEEP OTHER``: the same person entered twice, made one (one change: undo splits them again)."""

from __future__ import annotations

import argparse

from netcoach.cli.context import Context, UsageError, describe, find
from netcoach.model.changes import merge_contacts
from netcoach.timing.engine import follow_up


def run(ctx: Context, args: argparse.Namespace) -> int:
    keep = find(ctx, args.keep)
    other = find(ctx, args.other)
    if keep.id == other.id:
        raise UsageError(f"{args.keep!r} and {args.other!r} are the same contact ({keep.id}): nothing to merge")
    merged, took = merge_contacts(keep.contact, other.contact)
    note = f"Merged {other.contact.name} ({other.id}) into {keep.contact.name} ({keep.id})"
    saved = ctx.store.contacts.replace([(keep, merged), (other, None)], note=note)[0]
    brought = ", ".join(took) if took else "nothing new"
    nxt = describe(follow_up(saved.contact, ctx.today, ctx.config.timing), ctx.today)
    ctx.print(f"{note}: brought {brought}; {other.id} removed. Next: {nxt}.")
    ctx.print("netcoach undo splits them again.")
    return 0
