"""Someone you met: the New contact form, with "save and add another from this event".

Dismisses with a :class:`NewContact` (the contact, and whether to open the form again with
where and when kept), or None. A name already in the book (case and accents aside) is a
question first, as ``netcoach add`` asks for ``--again``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netcoach.book import ContactBook

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from textual.binding import Binding

from netcoach.model.contact import Contact
from netcoach.tui.dialogs.contact_form import ContactForm

SameNames = Callable[[str], str]
"""Who is in the book by that name, and how they were met, in words ("" for nobody)."""


@dataclass(frozen=True)
class NewContact:
    """What the New form gives: the contact, and whether the user asked for another from the same event."""

    contact: Contact
    another: bool = False


class NewContactForm(ContactForm):
    """A new contact. ctrl+s saves; ctrl+n saves and opens a fresh form keeping where and when you met."""

    BINDINGS = [
        # Not priority, as ctrl+s (see netcoach.tui.dialogs.form): everything typed before it is saved.
        Binding("ctrl+n", "save_another", "Save, add another", id="netcoach.form.save_another"),
    ]
    KEYS_HINT = "ctrl+s save · ctrl+n save, next from this event · Esc cancel"

    def __init__(
        self,
        today: dt.date,
        same_names: SameNames,
        book: ContactBook | None = None,
        *,
        met_at: str = "",
        met_on: dt.date | None = None,
    ) -> None:
        super().__init__(None, today, book, met_at=met_at, met_on=met_on)
        self.same_names = same_names

    def action_save(self) -> None:
        self._save(another=False)

    def action_save_another(self) -> None:
        self._save(another=True)

    def _save(self, *, another: bool) -> None:
        from netcoach.tui.dialogs.confirm import ConfirmModal

        contact = self.checked()
        if contact is None:
            return
        existing = self.same_names(contact.name)
        if not existing:
            self.dismiss(NewContact(contact, another))
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(NewContact(contact, another))

        question = f"You already have {existing}. Add another person called {contact.name}?"
        self.app.push_screen(ConfirmModal(question, yes="Add another", no="Go back"), answered)
