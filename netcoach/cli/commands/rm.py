"""``netcoach rm NAME [--yes]``: remove a contact (asked first on a terminal; undo brings them back)."""

from __future__ import annotations

import argparse
import sys

from netcoach.cli.context import Context, UsageError, find


def run(ctx: Context, args: argparse.Namespace) -> int:
    record = find(ctx, args.name)
    contact = record.contact
    count = len(contact.interactions)
    what = f"{contact.name} ({record.id})" + (
        f" and {count} logged interaction{'s' if count != 1 else ''}" if count else ""
    )
    if not args.yes:
        if not sys.stdin.isatty():
            raise UsageError(f"not removing {what} without asking: add --yes to remove them")
        try:
            answer = input(f"Remove {what}? netcoach undo brings them back. [y/N] ")
        except EOFError:
            answer = ""
        if answer.strip().lower() not in ("y", "yes"):
            ctx.print("Nothing was removed.")
            return 1
    ctx.store.contacts.remove(record, note=f"Removed {contact.name}")
    ctx.print(f"Removed {contact.name}. netcoach undo brings them back.")
    return 0
