"""``netcoach rm NAME [--yes]``: remove a contact (asked first on a terminal; undo brings them back)."""

from __future__ import annotations

import argparse

from netcoach.cli.context import Context, find, removal_confirmed


def run(ctx: Context, args: argparse.Namespace) -> int:
    record = find(ctx, args.name)
    contact = record.contact
    count = len(contact.interactions)
    what = f"{contact.name} ({record.id})" + (
        f" and {count} logged interaction{'s' if count != 1 else ''}" if count else ""
    )
    if not removal_confirmed(ctx, args.yes, what, f"Remove {what}? netcoach undo brings them back. [y/N] "):
        return 1
    ctx.store.contacts.remove(record, note=f"Removed {contact.name}")
    ctx.print(f"Removed {contact.name}. netcoach undo brings them back.")
    return 0
