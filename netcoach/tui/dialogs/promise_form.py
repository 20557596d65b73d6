"""A promise, yours or theirs: what, by when. Dismisses with the Promise, or None."""

from __future__ import annotations

import datetime as dt

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, Input, Select, Static

from netcoach.model.contact import Promise
from netcoach.timing.dates import FUTURE, long_date, parse_date
from netcoach.timing.promises import default_by
from netcoach.tui.dialogs.form import FormScreen, error_text
from netcoach.tui.widgets.form_field import Field
from netcoach.tui.widgets.keys_in_order import InOrderInput


class PromiseForm(FormScreen):
    """Record a promise to or from one person. Dismisses with the Promise, or None."""

    def __init__(self, name: str, today: dt.date, text: str = "", by: dt.date | None = None) -> None:
        super().__init__()
        self.contact_name = name
        self.today = today
        self.text = text
        self.by = by

    def compose(self) -> ComposeResult:
        mine, theirs = long_date(default_by("mine", self.today)), long_date(default_by("theirs", self.today))
        with Vertical(id="form-dialog", classes="small"):
            yield Static(f"A promise with {self.contact_name}", id="form-title", markup=False)
            with VerticalScroll(id="form-body"):
                yield Field(
                    "Who promised",
                    Select(
                        [("I did: something I will do", "mine"), ("They did: something I wait for", "theirs")],
                        value="mine",
                        allow_blank=False,
                    ),
                    "whose",
                )
                yield Field("What", InOrderInput(self.text, placeholder="send the dbt article"), "text")
                yield Field(
                    "By",
                    InOrderInput(
                        self.by.isoformat() if self.by else "",
                        placeholder=f"empty: {mine} (yours), {theirs} (theirs); or +3d, 2w",
                    ),
                    "by",
                )
            yield Static("ctrl+s save · Esc cancel", id="form-keys", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.set_focus(self.query_one("#field-text Input"))

    def build(self) -> tuple[Promise | None, dict[str, str]]:
        v = self.values()
        whose = v["whose"] or "mine"
        try:
            by = parse_date(v["by"], self.today, FUTURE) if v["by"].strip() else default_by(whose, self.today)
        except ValueError as error:
            return None, {"by": str(error)}
        if by < self.today:
            return None, {"by": f"{long_date(by, self.today)} is in the past"}
        try:
            promise = Promise.model_validate({"text": v["text"], "by": by, "whose": whose, "made_on": self.today})
        except ValidationError as error:
            return None, error_text(error)
        return promise, {}

    @on(Input.Changed)
    @on(Select.Changed)
    def _validate(self) -> None:
        if self.dirty:  # no error shown before anything was typed
            _, errors = self.build()
            self.show_errors(errors)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        with self.as_at_enter(event):  # what was typed before Enter, not the keys typed after it
            self.action_save()

    def action_save(self) -> None:
        promise, errors = self.build()
        self.show_errors(errors)
        if promise is not None:
            self.dismiss(promise)
