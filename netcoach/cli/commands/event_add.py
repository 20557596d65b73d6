"""``netcoach event add NAME --on DATE [--at PLACE] [--time HH:MM] [--goal TEXT] [--notes TEXT] [--tag T]...``"""

from __future__ import annotations

import argparse

from netcoach.cli.context import Context, validated
from netcoach.cli.event_lookup import parse_time
from netcoach.model.event import Event
from netcoach.timing.dates import FUTURE, long_date


def run(ctx: Context, args: argparse.Namespace) -> int:
    on = ctx.date(args.on, FUTURE)
    at = parse_time(args.time) if args.time else None

    def build() -> Event:
        return Event(
            name=args.name,
            date=on,
            time=at,
            place=args.at or "",
            goal=args.goal or "",
            notes=args.notes or "",
            tags=args.tag or [],
        )

    event = validated(build)
    record = ctx.store.events.add(event)
    when = long_date(event.date, ctx.today)
    ctx.print(f"Added the event {event.name}, {when} ({record.id}).")
    if event.date >= ctx.today and not event.goal:
        ctx.print("Tip: one small goal makes the room easier: netcoach event edit " + f"{record.id} --goal '...'")
    elif event.date < ctx.today:
        ctx.print(f'Who did you meet? netcoach add "NAME" --event {record.id}')
    return 0
