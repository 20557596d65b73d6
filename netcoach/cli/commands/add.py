"""``netcoach add NAME``: a new contact, and (with --met-at / --met-on) the meeting logged."""

from __future__ import annotations

import argparse

from netcoach.cli.context import Context, UsageError, describe, validated
from netcoach.model.changes import met
from netcoach.model.contact import Contact
from netcoach.storage.errors import SameName
from netcoach.storage.events import EventRecord
from netcoach.timing.engine import follow_up


def run(ctx: Context, args: argparse.Namespace) -> int:
    met_on = ctx.date(args.met_on) if args.met_on else (ctx.today if args.met_at else None)
    event = at_event(ctx, args)  # --event EVENT: met on its date, at it
    if event is not None:
        met_on, args.met_at = event.event.date, event.event.where

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
        )
        if met_on is not None:
            where, event_id = args.met_at or "", None if event is None else event.id
            contact = Contact.model_validate(met(contact, met_on, where, event=event_id).model_dump())
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


def at_event(ctx: Context, args: argparse.Namespace) -> EventRecord | None:
    """The event ``--event`` names (none without it); a :class:`UsageError` beside --met-at / --met-on."""
    if args.event is None:
        return None
    if args.met_at or args.met_on:
        raise UsageError("--event gives where and when you met: leave out --met-at and --met-on")
    from netcoach.cli.event_lookup import find

    return find(ctx, args.event)
