"""``netcoach log NAME KIND``: a message, meeting, call or note, logged."""

from __future__ import annotations

import argparse

from netcoach.cli.context import Context, find, next_step, validated
from netcoach.model.changes import log_interaction
from netcoach.model.contact import Interaction
from netcoach.timing.dates import PAST, long_date


def run(ctx: Context, args: argparse.Namespace) -> int:
    record = find(ctx, args.name)
    on = ctx.date(args.on, PAST) if args.on else ctx.today
    interaction = validated(
        lambda: Interaction.model_validate(
            {
                "date": on,
                "kind": args.kind,
                "channel": args.channel,
                "summary": args.summary or "",
                "awaiting_reply": args.awaiting_reply,
            }
        )
    )
    when = long_date(on, ctx.today)
    note = f"Logged {args.kind} with {record.contact.name}, {when}"
    saved = ctx.store.contacts.update(record.id, lambda c: log_interaction(c, interaction), note=note)
    ctx.print(
        f"Logged {args.kind} with {saved.contact.name} on {when}. Next: {next_step(ctx, saved.id, saved.contact)}."
    )
    return 0
