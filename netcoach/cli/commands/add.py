"""``netcoach add NAME``: a new contact, and (with --met-at / --met-on) the meeting logged."""

from __future__ import annotations

import argparse

from netcoach.cli.context import Context, describe, find, validated
from netcoach.model.changes import met
from netcoach.model.contact import Contact
from netcoach.storage.errors import SameName
from netcoach.timing.engine import follow_up


def run(ctx: Context, args: argparse.Namespace) -> int:
    met_on = ctx.date(args.met_on) if args.met_on else (ctx.today if args.met_at else None)
    through = find(ctx, args.met_through).id if args.met_through else ""

    def build() -> Contact:
        contact = Contact(
            name=args.name,
            company=args.company or "",
            role=args.role or "",
            emails=args.email or [],
            phone=args.phone or "",
            linkedin=args.linkedin or "",
            story=args.story or "",
            common_ground=args.common or [],
            tags=args.tag or [],
            they_can_help=args.they_can_help or "",
            i_can_offer=args.offer or "",
            notes=args.notes or "",
            met_through=through,
        )
        if met_on is not None:
            contact = Contact.model_validate(met(contact, met_on, args.met_at or "").model_dump())
        return contact

    contact = validated(build)
    try:  # who is there already is decided under the lock: of two adds of one name at once, one hears of the other
        record = ctx.store.contacts.add(contact, unless_named_like=True)
        twins = []
    except SameName as same:
        twins = same.existing
        record = ctx.store.contacts.add(contact)
    nxt = describe(follow_up(contact, ctx.today, ctx.config.timing), ctx.today)
    ctx.print(f"Added {contact.name} ({record.id}). Next: {nxt}.")
    if twins:
        ctx.print(f"Note: you already had someone called {contact.name}; use the id {record.id!r} to name this one.")
    return 0
