"""``netcoach events [--json]``: upcoming events first (soonest first), then past ones (latest first),
each with the people met there and how many of them you followed up with."""

from __future__ import annotations

import argparse
import json

from netcoach.cli.context import Context, report_problems
from netcoach.model.event_view import EventView
from netcoach.timing.dates import long_date
from netcoach.timing.events import attendance


def ordered(views: list[EventView], today_iso: str) -> list[EventView]:
    """Upcoming (today included) soonest first, then past latest first."""
    upcoming = [v for v in views if v.date.isoformat() >= today_iso]
    past = [v for v in views if v.date.isoformat() < today_iso]
    return upcoming + sorted(past, key=lambda v: v.date, reverse=True)


def run(ctx: Context, args: argparse.Namespace) -> int:
    views, problems = ctx.store.events.views()
    everyone, contact_problems = ctx.store.reader.views(ctx.timing_rules())
    rows = []
    for event in ordered(views, ctx.today.isoformat()):
        seen = attendance(event, everyone)
        rows.append((event, seen))
    if args.json:
        payload = [
            {
                "id": event.id,
                "name": event.name,
                "date": event.date.isoformat(),
                "time": None if event.time is None else event.time.isoformat("minutes"),
                "place": event.place,
                "goal": event.goal,
                "tags": list(event.tags),
                "nobody": event.nobody,
                "upcoming": event.date >= ctx.today,
                "people": [view.name for _, view in seen.people],
                "followed_up": seen.followed_up,
            }
            for event, seen in rows
        ]
        ctx.print(json.dumps(payload, ensure_ascii=False, indent=2))
    elif not rows:
        ctx.print('No events yet. Add one: netcoach event add "PyData Meetup" --on tomorrow --goal "meet one person"')
    else:
        heading = ""
        for event, seen in rows:
            section = "Upcoming" if event.date >= ctx.today else "Past"
            if section != heading:
                ctx.print(f"{'' if not heading else chr(10)}{section}:")
                heading = section
            place = f" · {event.place}" if event.place else ""
            line = f"  {event.name} · {long_date(event.date, ctx.today)}{place} ({event.id})"
            if event.date >= ctx.today:
                line += f"\n    goal: {event.goal}" if event.goal else "\n    goal: not set yet"
            elif seen.people:
                count = len(seen.people)
                line += f"\n    met {count} {'person' if count == 1 else 'people'}, {seen.followed_up} of {count} followed up"
            else:
                line += "\n    met nobody" if event.nobody else "\n    nobody added yet"
            ctx.print(line)
    report_problems(problems + contact_problems + ctx.problems)
    return 0
