"""Introducing two people, from a contact: pick the other, then the private ask (double opt-in)."""

from __future__ import annotations

from netcoach.coach.rendering import render, suggested_channel
from netcoach.coach.templates import Tone, pick
from netcoach.model.kinds import MessageKind
from netcoach.tui.screens.base import NetcoachScreen


def ask_introduction(screen: NetcoachScreen, contact_id: str, name: str) -> None:
    """Pick whom to introduce ``name`` to; then show the ask to ``name`` ("would you like an intro?")."""
    from netcoach.tui.dialogs.pick_contact import PickContact
    from netcoach.tui.dialogs.plain_view import PlainView

    nc = screen.nc

    def picked(other_id: str | None) -> None:
        record = nc.book.record(contact_id)
        other = nc.book.record(other_id) if other_id else None
        if record is None or other is None:
            return
        contact = record.contact
        template = pick(nc.templates, MessageKind.INTRO_ASK, Tone.CASUAL)
        rendered = render(template, contact, nc.config, nc.today, suggested_channel(contact), other.contact)
        heading = (
            f"First ask {contact.first_name} privately (double opt-in); once both said yes, "
            f"netcoach draft {record.id} --kind intro --about {other.id} writes the introduction.\n\n"
        )
        screen.app.push_screen(PlainView(heading + rendered.text()))

    screen.app.push_screen(PickContact(f"Introduce {name} to whom?", nc.book, contact_id), picked)
