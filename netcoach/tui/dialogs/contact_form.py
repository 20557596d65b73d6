"""A contact: new, or an edit of one. Dismisses with the valid Contact, or None.

A new contact is built as ``netcoach add`` builds one (:func:`netcoach.model.changes.new_contact`):
where and when you met log the meeting, so the person is due at once. A field's problem shows
once the field was typed in (or on save), never on a form nobody has typed in yet.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Input, Select, Static, TextArea

from netcoach.book import ContactBook
from netcoach.model.changes import new_contact
from netcoach.model.contact import Contact
from netcoach.model.kinds import Stage
from netcoach.model.text import fold
from netcoach.timing.dates import FUTURE, PAST, parse_date
from netcoach.timing.remembered import remembered_date
from netcoach.tui.dialogs.form import FormScreen, error_text, said_dates
from netcoach.tui.widgets.form_field import Field
from netcoach.tui.widgets.keys_in_order import InOrderInput, InOrderTextArea


def _split(text: str, sep: str) -> list[str]:
    return [part.strip() for part in text.split(sep) if part.strip()]


class ContactForm(FormScreen):
    """New contact (``original`` None) or edit. Dismisses with the valid Contact, or None."""

    KEYS_HINT = "ctrl+s save · Esc cancel · Tab next field"

    def __init__(
        self,
        original: Contact | None,
        today: dt.date,
        book: ContactBook | None = None,
        *,
        met_at: str = "",
        met_on: dt.date | None = None,
    ) -> None:
        super().__init__()
        self.original = original
        self.today = today
        self.book = book  # to name who introduced you (met_through holds their id)
        self.met_at = met_at
        """For a new contact: where you met, kept from the person added just before (same event)."""
        self.met_on = met_on
        self._touched: set[str] = set()
        """The fields typed in: only their problems show while typing (all show on save)."""

    def compose(self) -> ComposeResult:
        new = self.original is None
        c = self.original or Contact(name="?", met_at=self.met_at, met_on=self.met_on)
        text = {
            "name": "" if new else c.name,
            "company": c.company,
            "role": c.role,
            "emails": ", ".join(c.emails),
            "phone": c.phone,
            "linkedin": c.linkedin,
            "tags": ", ".join(c.tags),
            "met_at": c.met_at,
            "met_on": c.met_on.isoformat() if c.met_on else "",
            "common_ground": "; ".join(c.common_ground),
            "they_can_help": c.they_can_help,
            "i_can_offer": c.i_can_offer,
            "reach_out_after": c.reach_out_after.isoformat() if c.reach_out_after else "",
            "snoozed_until": c.snoozed_until.isoformat() if c.snoozed_until else "",
            "cadence_days": str(c.cadence_days or ""),
            "reach_out_reason": c.reach_out_reason,
            "last_contact": c.last_contact.text() if c.last_contact else "",
            "met_through": self._name_of(c.met_through),
        }
        with Vertical(id="form-dialog"):
            yield Static("New contact" if new else f"Edit {c.name}", id="form-title", markup=False)
            with VerticalScroll(id="form-body"):
                yield Field("Name *", InOrderInput(text["name"], placeholder="Maya Chen"), "name")
                with Horizontal(classes="field-row"):
                    yield Field("Company", InOrderInput(text["company"]), "company")
                    yield Field("Role", InOrderInput(text["role"]), "role")
                yield Field(
                    "Where you met", InOrderInput(text["met_at"], placeholder="the SDSU alumni happy hour"), "met_at"
                )
                with Horizontal(classes="field-row"):
                    yield Field(
                        "When you met",
                        InOrderInput(
                            text["met_on"], placeholder=said_dates(self.today - dt.timedelta(days=1), "yesterday")
                        ),
                        "met_on",
                    )
                    yield Field(
                        "Stage",
                        Select(
                            [(s.value.replace("_", " "), s.value) for s in Stage],
                            value=c.stage.value,
                            allow_blank=False,
                        ),
                        "stage",
                    )
                yield Field("How you met (the story)", InOrderTextArea(c.story, soft_wrap=True), "story")
                yield Field(
                    "In common (separate with ;)",
                    InOrderInput(text["common_ground"], placeholder="same major at SDSU; both run"),
                    "common_ground",
                )
                yield Field(
                    "Introduced by (a contact's name)",
                    InOrderInput(text["met_through"], placeholder="Ana Souza"),
                    "met_through",
                )
                yield Field("They could help with", InOrderInput(text["they_can_help"]), "they_can_help")
                yield Field("You can offer", InOrderInput(text["i_can_offer"]), "i_can_offer")
                yield Field("E-mails (separate with ,)", InOrderInput(text["emails"]), "emails")
                with Horizontal(classes="field-row"):
                    yield Field("Phone", InOrderInput(text["phone"]), "phone")
                    yield Field("LinkedIn", InOrderInput(text["linkedin"]), "linkedin")
                yield Field("Tags (separate with ,)", InOrderInput(text["tags"]), "tags")
                with Horizontal(classes="field-row"):
                    yield Field(
                        "Reach out after (a date they gave)",
                        InOrderInput(text["reach_out_after"], placeholder="dec 15, in 2 weeks"),
                        "reach_out_after",
                    )
                    yield Field(
                        "Snoozed until",
                        InOrderInput(text["snoozed_until"], placeholder="fri, next week"),
                        "snoozed_until",
                    )
                with Horizontal(classes="field-row"):
                    yield Field(
                        "Their words beside that date",
                        InOrderInput(text["reach_out_reason"], placeholder="back from parental leave"),
                        "reach_out_reason",
                    )
                    yield Field(
                        "Last in touch (long ago)",
                        InOrderInput(text["last_contact"], placeholder="2019, 2023-06 or a date"),
                        "last_contact",
                    )
                yield Field(
                    "Keep in touch every N days", InOrderInput(text["cadence_days"], placeholder="90"), "cadence_days"
                )
                yield Field("Notes", InOrderTextArea(c.notes, soft_wrap=True), "notes")
            yield Static(self.KEYS_HINT, id="form-keys", markup=False)
        yield Footer()

    def build(self) -> tuple[Contact | None, dict[str, str]]:
        v = self.values()
        errors: dict[str, str] = {}
        data: dict[str, Any] = self.original.model_dump() if self.original else {}
        data.update(
            name=v["name"],
            company=v["company"],
            role=v["role"],
            phone=v["phone"],
            linkedin=v["linkedin"],
            met_at=v["met_at"],
            story=v["story"],
            they_can_help=v["they_can_help"],
            i_can_offer=v["i_can_offer"],
            notes=v["notes"],
            stage=v["stage"] or "new",
            emails=_split(v["emails"], ","),
            tags=_split(v["tags"], ","),
            common_ground=_split(v["common_ground"], ";"),
            reach_out_reason=v["reach_out_reason"],
        )
        raw_last = v["last_contact"].strip()
        try:
            data["last_contact"] = remembered_date(raw_last, self.today) if raw_last else None
        except ValueError as error:
            errors["last_contact"] = str(error)
        for name, direction in (("met_on", PAST), ("reach_out_after", FUTURE), ("snoozed_until", FUTURE)):
            raw = v[name].strip()
            try:
                data[name] = parse_date(raw, self.today, direction) if raw else None
            except ValueError as error:
                errors[name] = str(error)
        through, problem = self._id_of(v["met_through"])
        data["met_through"] = through
        if problem:
            errors["met_through"] = problem
        raw_cadence = v["cadence_days"].strip()
        if raw_cadence and not raw_cadence.isdigit():
            errors["cadence_days"] = f"{raw_cadence!r} is not a whole number of days"
        else:
            data["cadence_days"] = int(raw_cadence) if raw_cadence else None
        try:
            if self.original is None:  # new: as netcoach add makes one (the meeting logged)
                fields = {k: val for k, val in data.items() if k not in ("name", "met_at", "met_on")}
                contact = new_contact(
                    data["name"], fields, met_at=data["met_at"], met_on=data.get("met_on"), today=self.today
                )
            else:
                contact = Contact.model_validate(data)
        except ValidationError as error:
            errors = {**error_text(error), **errors}
            return None, errors
        return (contact if not errors else None), errors

    def _name_of(self, contact_id: str) -> str:
        entry = self.book.get(contact_id) if self.book is not None and contact_id else None
        return entry.name if entry is not None else contact_id

    def _id_of(self, text: str) -> tuple[str, str]:
        """The id of the contact ``text`` names (the exact name or id, case and accents aside), or a problem."""
        wanted = fold(text)
        if not wanted:
            return "", ""
        if self.book is None or (self.original is not None and wanted == fold(self.original.met_through)):
            return text.strip(), ""  # as it was (even if that contact is gone)
        found = [e.id for e in self.book.entries() if wanted in (e.name_key, fold(e.id))]
        if len(found) == 1:
            return found[0], ""
        if found:
            return "", f"{len(found)} contacts are called {text.strip()}: type the id instead"
        return "", f"no contact called {text.strip()}"

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _validate(self, event: Input.Changed | TextArea.Changed | Select.Changed) -> None:
        field = next((f for f in event.control.ancestors if isinstance(f, Field)), None)
        current = self.values()
        if field is not None and current.get(field.field_name) != self._initial.get(field.field_name):
            self._touched.add(field.field_name)
        _, errors = self.build()
        self.show_errors({name: text for name, text in errors.items() if name in self._touched})

    def checked(self) -> Contact | None:
        """The contact as filled in, or None with every problem shown and the first field focused."""
        contact, errors = self.build()
        self._touched.update(errors)
        self.show_errors(errors)
        if contact is None:
            self.notify("Please fix the fields marked below.", severity="warning", markup=False, timeout=3)
            first = next((f for f in self.query(Field) if f.field_name in errors), None)
            if first is not None:
                self.set_focus(first.widget)
        return contact

    def action_save(self) -> None:
        contact = self.checked()
        if contact is None:
            return
        if self.original is not None and contact == self.original:
            self.dismiss(None)
            return
        self.dismiss(contact)
