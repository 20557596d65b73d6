"""Someone you met at an event: their name and a few words, where and when filled in from the event.

Dismisses with ``(contact, again)``: ``again`` when the user chose "save and add another" (ctrl+n),
so four business cards take a minute; ``None`` on Esc, nothing written.
"""

from __future__ import annotations

import datetime as dt

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Input, Static

from netcoach.model.changes import met
from netcoach.model.contact import Contact
from netcoach.model.event_view import EventView
from netcoach.timing.dates import long_date
from netcoach.tui.dialogs.form import FORM_BINDINGS, FormScreen, error_text
from netcoach.tui.widgets.form_field import Field
from netcoach.tui.widgets.keys_in_order import InOrderInput


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


class MetAtEventForm(FormScreen):
    """A person met at ``event``. Dismisses with ``(contact, again)``, or None."""

    BINDINGS = [
        *FORM_BINDINGS,
        Binding("ctrl+n", "save_and_add", "Save, add another", id="netcoach.form.save_and_add", priority=True),
    ]

    def __init__(self, event: EventView, today: dt.date, added: int = 0) -> None:
        super().__init__()
        self.event = event
        self.today = today
        self.added = added

    def compose(self) -> ComposeResult:
        when = long_date(self.event.date, self.today)
        with Vertical(id="form-dialog", classes="small"):
            yield Static(f"Someone you met at {self.event.name}", id="form-title", markup=False)
            yield Static(f"Met at {self.event.where}, {when}" + self._count(), id="met-at-event-where", markup=False)
            with VerticalScroll(id="form-body"):
                yield Field("Name *", InOrderInput(placeholder="Maya Chen"), "name")
                with Horizontal(classes="field-row"):
                    yield Field("Company", InOrderInput(), "company")
                    yield Field("Role", InOrderInput(), "role")
                yield Field("What you talked about", InOrderInput(placeholder="home labs, her move to Lisbon"), "story")
                yield Field("E-mails (separate with ,)", InOrderInput(), "emails")
            yield Static("ctrl+s save · ctrl+n save and add another · Esc cancel", id="form-keys", markup=False)
        yield Footer()

    def _count(self) -> str:
        return f" · {self.added} added so far" if self.added else ""

    def build(self) -> tuple[Contact | None, dict[str, str]]:
        v = self.values()
        try:
            contact = Contact(
                name=v["name"],
                company=v["company"],
                role=v["role"],
                story=v["story"],
                emails=_split(v["emails"]),
            )
            contact = Contact.model_validate(
                met(contact, self.event.date, self.event.where, event=self.event.id).model_dump()
            )
        except ValidationError as error:
            return None, error_text(error)
        return contact, {}

    @on(Input.Changed)
    def _validate(self) -> None:
        if self.dirty:
            self.show_errors(self.build()[1])

    def _save(self, again: bool) -> None:
        contact, errors = self.build()
        self.show_errors(errors)
        if contact is None:
            self.notify("Please fix the fields marked below.", severity="warning", markup=False, timeout=3)
            return
        self.dismiss((contact, again))

    def action_save(self) -> None:
        self._save(False)

    def action_save_and_add(self) -> None:
        self._save(True)
