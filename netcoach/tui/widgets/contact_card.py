"""A compact card about one contact (side panels and the Contact screen's head)."""

from __future__ import annotations

import datetime as dt

from rich.text import Text

from netcoach.book import Entry
from netcoach.model.contact import Contact
from netcoach.timing.dates import long_date, when_words
from netcoach.tui.formatting import kind_words


def how_we_met(contact: Contact, today: dt.date, *, with_date: bool = False) -> str:
    """'Met at the PyData meetup, last week' ("" when neither place nor date is known)."""
    if not (contact.met_at or contact.met_on):
        return ""
    met = "Met"
    if contact.met_at:
        met += f" at {contact.met_at}"
    if contact.met_on:
        when = when_words(contact.met_on, today)
        met += f", {long_date(contact.met_on, today)} ({when})" if with_date else f", {when}"
    return met


def contact_card(entry: Entry, c: Contact, today: dt.date) -> Text:
    """Who they are, how you met, what you share, and what is next (``c``: ``entry``'s whole contact).

    User text is never markup."""
    card = Text(c.name, style="bold")
    job = " at ".join(part for part in (c.role, c.company) if part)
    if job:
        card.append(f"\n{job}")
    card.append(f"\nStage: {c.stage.value.replace('_', ' ')}", style="dim")
    met = how_we_met(c, today)
    if met:
        card.append(f"\n\n{met}")
    if c.common_ground:
        card.append("\nIn common: ", style="bold")
        card.append("; ".join(c.common_ground))
    if c.they_can_help:
        card.append("\nThey could help with: ", style="bold")
        card.append(c.they_can_help)
    if c.i_can_offer:
        card.append("\nYou can offer: ", style="bold")
        card.append(c.i_can_offer)
    follow = entry.follow_up
    if follow is not None:
        card.append("\n\nNext: ", style="bold")
        card.append(f"{kind_words(follow.kind.value)}, {long_date(follow.due, today)}")
    last = c.last_interaction()
    if last is not None:
        card.append(f"\nLast: {last.kind.value} {when_words(last.date, today)}")
        if last.summary:
            card.append(f" ({last.summary})")
    return card
