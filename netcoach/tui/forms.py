"""Forms: a contact (new or edit) and logging an interaction. Typed modals; Esc backs out unchanged."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Footer, Input, Label, Select, Static, TextArea

from netcoach.model.contact import Channel, Contact, Interaction, InteractionKind, Stage
from netcoach.timing.dates import parse_date

FORM_BINDINGS = [
    Binding("ctrl+s", "save", "Save", id="netcoach.form.save", priority=True),
    Binding("escape", "cancel", "Cancel", id="netcoach.form.cancel"),
]


def _error_text(error: ValidationError) -> dict[str, str]:
    """Pydantic errors by top-level field, in words."""
    found: dict[str, str] = {}
    for item in error.errors():
        field = str(item["loc"][0]) if item["loc"] else ""
        message = str(item["msg"]).removeprefix("Value error, ")
        if item["type"] == "missing":
            message = "required"
        found.setdefault(field, message)
    return found


class Field(Vertical):
    """A label, the input, and the error in words beside it."""

    DEFAULT_CSS = """
    Field { height: auto; margin-bottom: 0; }
    Field > Label { color: $text-muted; }
    Field > .field-error { color: $text-error; height: auto; display: none; }
    Field > .field-error.-shown { display: block; }
    """

    def __init__(self, label: str, widget: Widget, name: str) -> None:
        super().__init__(id=f"field-{name}")
        self.label = label
        self.widget = widget
        self.field_name = name

    def compose(self) -> ComposeResult:
        yield Label(self.label, markup=False)
        yield self.widget
        yield Static("", classes="field-error", markup=False)

    def show_error(self, message: str) -> None:
        error = self.query_one(".field-error", Static)
        error.update(f"↳ {message}" if message else "")
        error.set_class(bool(message), "-shown")


class FormScreen(ModalScreen[Any]):
    """Shared behaviour: ctrl+s saves when valid; Esc asks before discarding typed changes."""

    BINDINGS = FORM_BINDINGS

    def __init__(self) -> None:
        super().__init__()
        self._initial: dict[str, str] = {}

    def on_mount(self) -> None:
        self._initial = self.values()
        inputs = self.query(Input)
        if inputs:  # none when the app is already closing (a key pressed right after q)
            self.set_focus(inputs.first())

    def values(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for field in self.query(Field):
            widget = field.widget
            if isinstance(widget, Input):
                found[field.field_name] = widget.value
            elif isinstance(widget, TextArea):
                found[field.field_name] = widget.text
            elif isinstance(widget, Select):
                found[field.field_name] = "" if widget.value is Select.NULL else str(widget.value)
        return found

    @property
    def dirty(self) -> bool:
        return self.values() != self._initial

    def show_errors(self, errors: dict[str, str]) -> None:
        for field in self.query(Field):
            field.show_error(errors.get(field.field_name, ""))

    def action_cancel(self) -> None:
        from netcoach.tui.modals import ConfirmModal

        if not self.dirty:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmModal("Discard what you typed?", yes="Discard", no="Keep editing"), answered)


def _split(text: str, sep: str) -> list[str]:
    return [part.strip() for part in text.split(sep) if part.strip()]


class ContactForm(FormScreen):
    """New contact (``original`` None) or edit. Dismisses with the valid Contact, or None."""

    def __init__(self, original: Contact | None, today: dt.date) -> None:
        super().__init__()
        self.original = original
        self.today = today

    def compose(self) -> ComposeResult:
        c = self.original or Contact(name="?")
        new = self.original is None
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
        }
        with Vertical(id="form-dialog"):
            yield Static("New contact" if new else f"Edit {c.name}", id="form-title", markup=False)
            with VerticalScroll(id="form-body"):
                yield Field("Name *", Input(text["name"], placeholder="Maya Chen"), "name")
                with Horizontal(classes="field-row"):
                    yield Field("Company", Input(text["company"]), "company")
                    yield Field("Role", Input(text["role"]), "role")
                yield Field("Where you met", Input(text["met_at"], placeholder="the SDSU alumni happy hour"), "met_at")
                with Horizontal(classes="field-row"):
                    yield Field("When you met", Input(text["met_on"], placeholder="yesterday, 2026-11-17"), "met_on")
                    yield Field(
                        "Stage",
                        Select(
                            [(s.value.replace("_", " "), s.value) for s in Stage],
                            value=c.stage.value,
                            allow_blank=False,
                        ),
                        "stage",
                    )
                yield Field("How you met (the story)", TextArea(c.story, soft_wrap=True), "story")
                yield Field(
                    "In common (separate with ;)",
                    Input(text["common_ground"], placeholder="same major at SDSU; both run"),
                    "common_ground",
                )
                yield Field("They could help with", Input(text["they_can_help"]), "they_can_help")
                yield Field("You can offer", Input(text["i_can_offer"]), "i_can_offer")
                yield Field("E-mails (separate with ,)", Input(text["emails"]), "emails")
                with Horizontal(classes="field-row"):
                    yield Field("Phone", Input(text["phone"]), "phone")
                    yield Field("LinkedIn", Input(text["linkedin"]), "linkedin")
                yield Field("Tags (separate with ,)", Input(text["tags"]), "tags")
                with Horizontal(classes="field-row"):
                    yield Field("Reach out after (a date they gave)", Input(text["reach_out_after"]), "reach_out_after")
                    yield Field("Snoozed until", Input(text["snoozed_until"]), "snoozed_until")
                yield Field("Keep in touch every N days", Input(text["cadence_days"], placeholder="90"), "cadence_days")
                yield Field("Notes", TextArea(c.notes, soft_wrap=True), "notes")
            yield Static("ctrl+s save · Esc cancel · Tab next field", id="form-keys", markup=False)
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
        )
        for name in ("met_on", "reach_out_after", "snoozed_until"):
            raw = v[name].strip()
            try:
                data[name] = parse_date(raw, self.today) if raw else None
            except ValueError as error:
                errors[name] = str(error)
        raw_cadence = v["cadence_days"].strip()
        if raw_cadence and not raw_cadence.isdigit():
            errors["cadence_days"] = f"{raw_cadence!r} is not a whole number of days"
        else:
            data["cadence_days"] = int(raw_cadence) if raw_cadence else None
        try:
            contact = Contact.model_validate(data)
        except ValidationError as error:
            errors = {**_error_text(error), **errors}
            return None, errors
        return (contact if not errors else None), errors

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _validate(self) -> None:
        _, errors = self.build()
        self.show_errors(errors)

    def action_save(self) -> None:
        contact, errors = self.build()
        self.show_errors(errors)
        if contact is None:
            self.notify("Please fix the fields marked below.", severity="warning", markup=False, timeout=3)
            first = next((f for f in self.query(Field) if f.field_name in errors), None)
            if first is not None:
                self.set_focus(first.widget)
            return
        if self.original is not None and contact == self.original:
            self.dismiss(None)
            return
        self.dismiss(contact)


class LogForm(FormScreen):
    """Log a message, meeting, call or note. Dismisses with the Interaction, or None."""

    def __init__(self, name: str, today: dt.date, kind: InteractionKind = InteractionKind.SENT) -> None:
        super().__init__()
        self.contact_name = name
        self.today = today
        self.kind = kind

    def compose(self) -> ComposeResult:
        with Vertical(id="form-dialog", classes="small"):
            yield Static(f"Log with {self.contact_name}", id="form-title", markup=False)
            with VerticalScroll(id="form-body"):
                yield Field(
                    "What happened",
                    Select(
                        [
                            ("I sent a message", "sent"),
                            ("They wrote to me", "received"),
                            ("We met (first time)", "met"),
                            ("We had a meeting", "meeting"),
                            ("We had a call", "call"),
                            ("A note to myself", "note"),
                        ],
                        value=self.kind.value,
                        allow_blank=False,
                    ),
                    "kind",
                )
                yield Field("When", Input(self.today.isoformat(), placeholder="today, yesterday, 2026-11-17"), "date")
                yield Field(
                    "How",
                    Select([(c.value.replace("_", " "), c.value) for c in Channel], prompt="(optional)"),
                    "channel",
                )
                yield Field("Summary", Input(placeholder="Thanked her for the intro"), "summary")
                yield Field(
                    "Does it wait for a reply?",
                    Select(
                        [
                            ("netcoach decides (yes until they have answered once)", "auto"),
                            ("Yes, I asked something", "yes"),
                            ("No, nothing to answer", "no"),
                        ],
                        value="auto",
                        allow_blank=False,
                    ),
                    "awaiting",
                )
            yield Static("ctrl+s save · Esc cancel", id="form-keys", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.set_focus(self.query_one("#field-kind Select"))

    def build(self) -> tuple[Interaction | None, dict[str, str]]:
        v = self.values()
        errors: dict[str, str] = {}
        try:
            day = parse_date(v["date"], self.today) if v["date"].strip() else self.today
        except ValueError as error:
            return None, {"date": str(error)}
        awaiting = {"auto": None, "yes": True, "no": False}[v["awaiting"] or "auto"]
        try:
            interaction = Interaction(
                date=day,
                kind=v["kind"],
                channel=v["channel"] or None,
                summary=v["summary"],  # type: ignore[arg-type]
                awaiting_reply=awaiting if v["kind"] == "sent" else None,
            )
        except ValidationError as error:
            return None, _error_text(error)
        return interaction, errors

    @on(Input.Changed)
    @on(Select.Changed)
    def _validate(self) -> None:
        _, errors = self.build()
        self.show_errors(errors)

    def on_input_submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        interaction, errors = self.build()
        self.show_errors(errors)
        if interaction is not None:
            self.dismiss(interaction)
