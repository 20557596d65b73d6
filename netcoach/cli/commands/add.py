"""``netcoach add NAME``: a new contact, and (with --met-at / --met-on) the meeting logged.

The contact is built by :func:`netcoach.model.changes.new_contact`, as the app's New form builds
one. A name already there (case and accents aside) is refused, naming who has it, unless ``--again``.
"""

from __future__ import annotations

import argparse

from netcoach.book import same_name_words
from netcoach.cli.context import Context, UsageError, find, next_step, validated
from netcoach.model.changes import new_contact
from netcoach.model.contact import Contact
from netcoach.model.text import slugify
from netcoach.storage.errors import SameName
from netcoach.storage.events import EventRecord
from netcoach.timing.dates import FUTURE, PAST


def run(ctx: Context, args: argparse.Namespace) -> int:
    met_on = ctx.date(args.met_on, PAST) if args.met_on else None
    through = find(ctx, args.met_through).id if args.met_through else ""
    event = at_event(ctx, args)  # --event EVENT: met on its date, at it
    met_at = args.met_at or ""
    if event is not None:
        met_on, met_at = event.event.date, event.event.where
    fields = {
        "company": args.company or "",
        "role": args.role or "",
        "emails": args.email or [],
        "phone": args.phone or "",
        "linkedin": args.linkedin or "",
        "story": args.story or "",
        "common_ground": args.common or [],
        "tags": args.tag or [],
        "they_can_help": args.they_can_help or "",
        "i_can_offer": args.offer or "",
        "notes": args.notes or "",
        "reach_out_after": ctx.date(args.reach_out_after, FUTURE) if args.reach_out_after else None,
        "reach_out_reason": args.reach_out_reason or "",
        "met_through": through,
        "last_contact": ctx.remembered_date(args.last_contact) if args.last_contact else None,
    }

    def build() -> Contact:
        return new_contact(
            args.name,
            fields,
            met_at=met_at,
            met_on=met_on,
            today=ctx.today,
            event=None if event is None else event.id,
        )

    contact = validated(build)
    try:  # who is there already is decided under the lock: of two adds of one name at once, one hears of the other
        record = ctx.store.contacts.add(contact, unless_named_like=not args.again)
    except SameName as same:
        raise UsageError(
            f"you already have {same_name_words(same.existing, ctx.today)}. Nothing was added."
            f' To add another person called {contact.name}: netcoach add "{contact.name}" --again'
        ) from None
    nxt = next_step(ctx, record.id, record.contact)
    ctx.print(f"Added {contact.name} ({record.id}). Next: {nxt}.")
    if args.again and record.id != slugify(contact.name):  # a second person of that name: name them by id
        ctx.print(f"Use the id {record.id!r} to name this {contact.name} in other commands.")
    return 0


def at_event(ctx: Context, args: argparse.Namespace) -> EventRecord | None:
    """The event ``--event`` names (none without it); a :class:`UsageError` beside --met-at / --met-on."""
    if args.event is None:
        return None
    if args.met_at or args.met_on:
        raise UsageError("--event gives where and when you met: leave out --met-at and --met-on")
    from netcoach.cli.event_lookup import find

    return find(ctx, args.event)
