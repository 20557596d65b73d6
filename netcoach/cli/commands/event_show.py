"""``netcoach event show EVENT [--json] [--nobody]``: the event, and everyone met there with their next step.

``--nobody`` records that you went and met nobody worth writing down: the debrief stops asking.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from netcoach.cli.context import Context, describe, report_problems
from netcoach.cli.event_lookup import find
from netcoach.model.event_view import EventView
from netcoach.storage.event_followups import may_be_there_now
from netcoach.timing.dates import long_date
from netcoach.timing.engine import follow_up
from netcoach.timing.events import attendance


def run(ctx: Context, args: argparse.Namespace) -> int:
    record = find(ctx, args.event)
    if args.nobody:
        if not record.event.nobody:
            record = ctx.store.events.update(
                record.id,
                lambda e: e.model_copy(update={"nobody": True}),
                note=f"Met nobody at {record.event.name}",
            )
        noted = f"Noted: nobody to follow up from {record.event.name}. netcoach undo takes it back."
        if not args.json:
            ctx.print(noted)
            return 0
        print(f"netcoach: {noted}", file=sys.stderr)  # standard output stays one JSON object
    event = EventView.of(record.id, record.event)
    rules = ctx.timing_rules()
    everyone, problems = ctx.store.reader.views(rules)
    seen = attendance(event, everyone)
    upcoming = event.date >= ctx.today
    known = may_be_there_now(ctx.store, event, everyone) if upcoming else []
    people: list[dict[str, Any]] = []
    for key, view in seen.people:
        result = follow_up(view, ctx.today, rules)
        people.append(
            {
                "id": key,
                "name": view.name,
                "company": view.company,
                "next": describe(result, ctx.today),
                "due": None if result is None else result.due.isoformat(),
            }
        )
    if args.json:
        payload = {
            "id": record.id,
            **record.event.model_dump(mode="json"),
            "time": None if record.event.time is None else record.event.time.isoformat("minutes"),
            "people": people,
            "followed_up": seen.followed_up,
            "may_be_there": known,
        }
        ctx.print(json.dumps(payload, ensure_ascii=False, indent=2))
        report_problems(problems + ctx.problems)
        return 0
    e = record.event
    when = long_date(e.date, ctx.today) + (f", {e.time:%H:%M}" if e.time else "")
    ctx.print(f"{e.name} · {when}" + (f" · {e.place}" if e.place else "") + f" ({record.id})")
    if e.goal:
        ctx.print(f"Goal: {e.goal}")
    if e.tags:
        ctx.print("Tags: " + ", ".join(e.tags))
    if e.notes:
        ctx.print("Notes: " + e.notes)
    if upcoming and known:
        ctx.print("People you know who may be there: " + ", ".join(known))
    if people:
        ctx.print(f"Met there: {len(people)}, {seen.followed_up} of {len(people)} followed up")
        for person in people:
            company = f" ({person['company']})" if person["company"] else ""
            ctx.print(f"  {person['name']}{company} · next: {person['next']}")
    elif not upcoming:
        ctx.print("You met nobody there." if e.nobody else f'Nobody added yet: netcoach add "NAME" --event {record.id}')
    report_problems(problems + ctx.problems)
    return 0
