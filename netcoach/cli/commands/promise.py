"""``netcoach promise NAME TEXT [--by DATE] [--theirs]`` and ``netcoach promise NAME --done TEXT``."""

from __future__ import annotations

import argparse

from netcoach.cli.context import Context, UsageError, find, validated
from netcoach.model.changes import add_promise, keep_promise
from netcoach.model.contact import Promise
from netcoach.model.text import terminal_safe
from netcoach.timing.dates import FUTURE, long_date, skip_weekend
from netcoach.timing.promises import default_by, describe_promise, match_promise


def run(ctx: Context, args: argparse.Namespace) -> int:
    if args.done is not None:
        if args.text is not None or args.by is not None or args.theirs:
            raise UsageError("--done TEXT marks a promise kept: give no other TEXT, --by or --theirs with it")
        return _done(ctx, args.name, args.done)
    if args.text is None:
        raise UsageError('say what was promised: netcoach promise NAME "send the article" (or --done TEXT)')
    whose = "theirs" if args.theirs else "mine"
    by = ctx.date(args.by, FUTURE) if args.by else default_by(whose, ctx.today)
    if by < ctx.today:
        raise UsageError(f"--by {args.by} is in the past ({long_date(by, ctx.today)}): give today or later")
    record = find(ctx, args.name)
    promise = validated(
        lambda: Promise.model_validate({"text": args.text, "by": by, "whose": whose, "made_on": ctx.today})
    )
    name = record.contact.name
    note = f'Promise {"to" if whose == "mine" else "from"} {name}: "{promise.text}"'
    ctx.store.contacts.update(record.id, lambda c: add_promise(c, promise), note=note)
    due = long_date(skip_weekend(by), ctx.today)
    if whose == "mine":
        ctx.print(terminal_safe(f'Promised {name}: "{promise.text}", by {due}. It shows in netcoach due.'))
    else:
        ctx.print(
            terminal_safe(f'{name} said they would "{promise.text}". If nothing comes by {due}, netcoach due says so.')
        )
    return 0


def _done(ctx: Context, name: str, words: str) -> int:
    record = find(ctx, name)
    promises = record.contact.promises
    places = match_promise(promises, words)
    if not places:
        open_ones = [describe_promise(p, ctx.today) for p in promises if p.kept_on is None]
        listed = ("; open: " + "; ".join(open_ones)) if open_ones else " (no open promises)"
        raise UsageError(terminal_safe(f'no open promise of {record.contact.name} matches "{words}"{listed}'))
    if len(places) > 1:
        listed = "; ".join(describe_promise(promises[n], ctx.today) for n in places)
        raise UsageError(terminal_safe(f'"{words}" matches {len(places)} promises, say which: {listed}'))
    place = places[0]
    text = promises[place].text
    note = f'Kept: "{text}" ({record.contact.name})'
    ctx.store.contacts.update(record.id, lambda c: keep_promise(c, place, ctx.today), note=note)
    ctx.print(terminal_safe(f'Kept: "{text}" ({record.contact.name}), {long_date(ctx.today, ctx.today)}.'))
    return 0
