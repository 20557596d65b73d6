"""``netcoach set NAME``: change a contact (dates they gave, snooze, stage, details)."""

from __future__ import annotations

import argparse
from typing import Any

from netcoach.cli.context import Context, UsageError, find, next_step, validated
from netcoach.model.contact import Contact
from netcoach.timing.dates import FUTURE, PAST

_SETTABLE_TEXT = {
    "new_name": "name",
    "company": "company",
    "role": "role",
    "phone": "phone",
    "linkedin": "linkedin",
    "met_at": "met_at",
    "story": "story",
    "notes": "notes",
    "offer": "i_can_offer",
    "they_can_help": "they_can_help",
    "reach_out_reason": "reach_out_reason",
}
_SETTABLE_DATES = {  # option: (field, which way a date said without a year goes)
    "reach_out_after": ("reach_out_after", FUTURE),
    "snooze_until": ("snoozed_until", FUTURE),
    "met_on": ("met_on", PAST),
}
_CLEARABLE = {
    "company",
    "role",
    "phone",
    "linkedin",
    "met_at",
    "met_on",
    "story",
    "notes",
    "i_can_offer",
    "they_can_help",
    "reach_out_after",
    "reach_out_reason",
    "snoozed_until",
    "cadence_days",
    "emails",
    "tags",
    "common_ground",
    "connected_on",
    "last_contact",
    "met_through",
}


def run(ctx: Context, args: argparse.Namespace) -> int:
    changes: dict[str, Any] = {}
    for option, field_name in _SETTABLE_TEXT.items():
        value = getattr(args, option)
        if value is not None:
            changes[field_name] = value
    for option, (field_name, direction) in _SETTABLE_DATES.items():
        value = getattr(args, option)
        if value is not None:
            changes[field_name] = ctx.date(value, direction)
    if args.last_contact is not None:
        changes["last_contact"] = ctx.remembered_date(args.last_contact)
    if args.stage is not None:
        changes["stage"] = args.stage
    if args.cadence_days is not None:
        changes["cadence_days"] = args.cadence_days
    clears = [c.replace("-", "_") for c in (args.clear or [])]
    for name in clears:
        if name == "snooze_until":
            name = "snoozed_until"
        if name not in _CLEARABLE:
            raise UsageError(f"cannot clear {name!r}: choose from {', '.join(sorted(_CLEARABLE))}")
    additions = {"emails": args.add_email or [], "tags": args.add_tag or [], "common_ground": args.add_common or []}
    if not changes and not clears and not any(additions.values()) and args.met_through is None:
        raise UsageError("nothing to set: give at least one option (see netcoach set --help)")
    record = find(ctx, args.name)
    if args.met_through is not None:
        through = find(ctx, args.met_through).id
        if through == record.id:
            raise UsageError(f"{record.contact.name} cannot have introduced you to themselves")
        changes["met_through"] = through

    def change(contact: Contact) -> Contact:
        data = contact.model_dump()
        for name in clears:
            data[name] = Contact.model_fields[name].get_default(call_default_factory=True)
        data.update(changes)
        for name, values in additions.items():
            data[name] = [*data[name], *values]
        return validated(lambda: Contact.model_validate(data))

    validated(lambda: change(record.contact))  # report bad values before taking the lock
    what = [*changes, *clears, *(name for name, values in additions.items() if values)]
    note = f"Changed {record.contact.name}: {', '.join(dict.fromkeys(w.replace('_', ' ') for w in what))}"
    saved = ctx.store.contacts.update(record.id, change, note=note)
    ctx.print(f"Updated {saved.contact.name}. Next: {next_step(ctx, saved.id, saved.contact)}.")
    return 0
