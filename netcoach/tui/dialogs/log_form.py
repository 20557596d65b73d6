"""Logging a message, meeting, call or note. Dismisses with the Interaction, or None."""

from __future__ import annotations

import datetime as dt

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, Input, Select, Static

from netcoach.model.contact import Interaction
from netcoach.model.kinds import Channel, InteractionKind
from netcoach.timing.dates import PAST, parse_date
from netcoach.tui.dialogs.form import FormScreen, error_text
from netcoach.tui.widgets.form_field import Field


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
                yield Field("When", Input(self.today.isoformat(), placeholder="today, yesterday, fri, nov 17"), "date")
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
            day = parse_date(v["date"], self.today, PAST) if v["date"].strip() else self.today
        except ValueError as error:
            return None, {"date": str(error)}
        awaiting = {"auto": None, "yes": True, "no": False}[v["awaiting"] or "auto"]
        try:
            interaction = Interaction(
                date=day,
                kind=v["kind"],
                channel=v["channel"] or None,
                summary=v["summary"],
                awaiting_reply=awaiting if v["kind"] == "sent" else None,
            )
        except ValidationError as error:
            return None, error_text(error)
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
