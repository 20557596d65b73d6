"""``netcoach merge KEEP OTHER``: the same person entered twice, made one (one change: undo splits them again)."""

from __future__ import annotations

import argparse

from netcoach.cli.context import Context, UsageError, find, next_step


def run(ctx: Context, args: argparse.Namespace) -> int:
    keep = find(ctx, args.keep)
    other = find(ctx, args.other)
    if keep.id == other.id:
        raise UsageError(f"{args.keep!r} and {args.other!r} are the same contact ({keep.id}): nothing to merge")
    note = f"Merged {other.contact.name} ({other.id}) into {keep.contact.name} ({keep.id})"
    saved, took, introduced = ctx.store.merge(keep, other, note=note)
    merged = saved[0]
    brought = ", ".join(took) if took else "nothing new"
    nxt = next_step(ctx, merged.id, merged.contact)
    ctx.print(f"{note}: brought {brought}; {other.id} removed. Next: {nxt}.")
    if introduced:
        ctx.print(f"Introduced by {merged.contact.name} now: {', '.join(introduced)}.")
    ctx.print("netcoach undo splits them again.")
    return 0
