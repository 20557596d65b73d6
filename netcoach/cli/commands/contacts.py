"""``netcoach contacts``: everyone, one line each (or ``--json``, mirroring the files)."""

from __future__ import annotations

import argparse

from netcoach.cli.context import Context, describe, report_problems
from netcoach.model.stages import stage_words
from netcoach.storage.listing import CHUNK, Listing
from netcoach.timing.dates import long_date
from netcoach.timing.engine import follow_up


def run(ctx: Context, args: argparse.Namespace) -> int:
    if args.json:
        return listed(ctx)
    loaded = ctx.store.reader.load()
    records = sorted(loaded.records, key=lambda r: r.contact.name.casefold())
    if not records:
        ctx.print('No contacts yet. Add one: netcoach add "Maya Chen" --met-at "SDSU alumni happy hour"')
    for record in records:
        c = record.contact
        last = c.last_interaction()
        last_text = f"last {long_date(last.date, ctx.today)}" if last else "never contacted"
        nxt = describe(follow_up(c, ctx.today, ctx.config.timing), ctx.today)
        company = f" · {c.company}" if c.company else ""
        ctx.print(f"{c.name}{company} · {stage_words(c.stage)} · {last_text} · next: {nxt}")
    report_problems(loaded.problems + ctx.problems)
    return 0


def listed(ctx: Context) -> int:
    """``--json``: one contact per line (readable, diffable, and fast: json's indented output is pure
    Python), streamed from the index's copies (:mod:`netcoach.storage.listing`), a few hundred at a time."""
    listing = Listing(ctx.store.reader)
    batch: list[str] = []
    opened = False
    for line in listing.lines():
        batch.append(line)
        if len(batch) == CHUNK:
            ctx.out.write(("[\n" if not opened else ",\n") + ",\n".join(batch))
            opened, batch = True, []
    if batch:
        ctx.out.write(("[\n" if not opened else ",\n") + ",\n".join(batch))
        opened = True
    ctx.print("\n]" if opened else "[]")
    report_problems(listing.problems + ctx.problems)
    return 0
