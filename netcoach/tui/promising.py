"""Recording a promise and marking one kept, from any screen about people."""

from __future__ import annotations

import datetime as dt

from netcoach.coach.promised import promises_in
from netcoach.model.changes import add_promise, keep_promise
from netcoach.model.contact import Contact, Promise
from netcoach.timing.dates import long_date
from netcoach.timing.promises import match_promise
from netcoach.tui.messages import ChangeContact
from netcoach.tui.screens.base import NetcoachScreen


def offer_promises(screen: NetcoachScreen, contact_id: str, name: str, message: str) -> None:
    """A message just sent says "I'll send it by Friday": offer to record that (the form, filled in; Esc declines)."""
    found = promises_in(message, screen.nc.today)
    if found:
        ask_promise(screen, contact_id, name, found[0].text, found[0].by)


def ask_promise(screen: NetcoachScreen, contact_id: str, name: str, text: str = "", by: dt.date | None = None) -> None:
    """Ask what was promised (the promise form), then save it to ``contact_id``."""
    from netcoach.tui.dialogs.promise_form import PromiseForm

    today = screen.nc.today

    def done(promise: Promise | None) -> None:
        if promise is None:
            return
        who = "You promised" if promise.mine else f"{name} promised"
        note = f'{who} "{promise.text}", by {long_date(promise.by, today)}.'
        screen.post_message(ChangeContact(contact_id, lambda c: add_promise(c, promise), note))

    screen.app.push_screen(PromiseForm(name, today, text, by), done)


def keep(screen: NetcoachScreen, contact_id: str, name: str, text: str) -> None:
    """Mark the open promise whose text is ``text`` kept today (nothing if it is no longer open)."""
    today = screen.nc.today

    def change(contact: Contact) -> Contact:
        places = [n for n in match_promise(contact.promises, text) if contact.promises[n].text == text]
        return keep_promise(contact, places[0], today) if places else contact

    screen.post_message(ChangeContact(contact_id, change, f'Kept: "{text}" ({name}). u undoes it.'))
