"""``netcoach event edit EVENT``: change an event with options (``--on 2026-12-04``, ``--goal ...``), or,
with none, its file in $VISUAL / $EDITOR (checked before it is saved, as for contacts). Undo takes it back."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from netcoach.cli.commands.edit import run_editor, say
from netcoach.cli.context import Context, UsageError, validated
from netcoach.cli.event_lookup import find, parse_time
from netcoach.model.event import Event
from netcoach.model.problem import FileProblem, Problem
from netcoach.storage.errors import ConflictError
from netcoach.storage.event_editing import EventEditing
from netcoach.timing.dates import FUTURE

CLEARABLE: dict[str, Any] = {"place": "", "time": None, "goal": "", "notes": "", "tags": [], "nobody": False}


def run(ctx: Context, args: argparse.Namespace) -> int:
    record = find(ctx, args.event)
    changes: dict[str, Any] = {}
    for field in args.clear or []:
        if field not in CLEARABLE:
            raise UsageError(f"--clear {field}: one of {', '.join(CLEARABLE)}")
        changes[field] = CLEARABLE[field]
    if args.new_name is not None:
        changes["name"] = args.new_name
    if args.on is not None:
        changes["date"] = ctx.date(args.on, FUTURE)
    if args.at is not None:
        changes["place"] = args.at
    if args.time is not None:
        changes["time"] = parse_time(args.time)
    if args.goal is not None:
        changes["goal"] = args.goal
    if args.notes is not None:
        changes["notes"] = args.notes
    if args.add_tag:
        changes["tags"] = [*record.event.tags, *args.add_tag]
    if not changes:
        return in_editor(ctx, record.id, record.event.name)
    changed = validated(lambda: Event.model_validate(record.event.model_dump() | changes))
    if changed == record.event:
        ctx.print(f"No changes to {record.event.name}.")
        return 0
    try:
        ctx.store.events.save(record, changed, note=f"Edited the event {changed.name}")
    except ConflictError:
        say(f"{ctx.store.events.path_of(record.id)} was changed elsewhere meanwhile; nothing was saved")
        return 1
    ctx.print(f"Saved {changed.name} ({record.id}). netcoach undo takes it back.")
    return 0


def in_editor(ctx: Context, event_id: str, name: str) -> int:
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        raise UsageError("give a change (--on, --at, --goal, ...) or set $VISUAL or $EDITOR to edit the file")
    editing = EventEditing(ctx.store.events)
    copy = editing.open(event_id)
    failure = run_editor(editor, copy.path)
    if failure or not copy.changed():
        if failure and copy.changed():
            say(f"{failure}; nothing was saved (your text is kept in {editing.reject(copy)})")
            return 1
        editing.discard(copy)
        if failure:
            say(f"{failure}; nothing was saved")
            return 1
        ctx.print(f"No changes to {name}.")
        return 0
    try:
        saved = editing.save(copy, note=f"Edited the event {name}'s file")
    except FileProblem as error:
        kept = editing.reject(copy)
        found = error.problem
        print(Problem(kept, found.line, found.col, found.message), file=sys.stderr)
        say(f"{ctx.store.events.path_of(event_id)} was left as it was; your text is kept in {kept}")
        return 1
    except ConflictError:
        say(f"{ctx.store.events.path_of(event_id)} was changed elsewhere meanwhile; nothing was saved")
        return 1
    ctx.print(f"Saved {saved.event.name} ({saved.id}). netcoach undo takes the edit back.")
    return 0
