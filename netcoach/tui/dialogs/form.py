"""What the forms share: ctrl+s saves when valid; Esc backs out, asking first when something was typed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pydantic import ValidationError
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Select, TextArea

from netcoach.tui.widgets.form_field import Field

FORM_BINDINGS: list[BindingType] = [
    # Not priority: ctrl+s waits its turn behind the keys typed before it (a paste, a fast typist over
    # SSH), so what is saved is everything typed. (No field uses ctrl+s, so it reaches the form.)
    Binding("ctrl+s", "save", "Save", id="netcoach.form.save"),
    Binding("escape", "cancel", "Cancel", id="netcoach.form.cancel"),
    # Priority: the focus moves as Tab arrives, so the keys typed right after it (a fast typist, a
    # paste, a slow SSH link) land in the next field, not in the one being left.
    Binding("tab", "app.focus_next", "Next field", id="netcoach.form.next_field", priority=True, show=False),
    Binding(
        "shift+tab",
        "app.focus_previous",
        "Previous field",
        id="netcoach.form.previous_field",
        priority=True,
        show=False,
    ),
]


def error_text(error: ValidationError) -> dict[str, str]:
    """Pydantic errors by top-level field, in words."""
    found: dict[str, str] = {}
    for item in error.errors():
        field = str(item["loc"][0]) if item["loc"] else ""
        message = str(item["msg"]).removeprefix("Value error, ")
        if item["type"] == "missing":
            message = "required"
        found.setdefault(field, message)
    return found


def said_dates(day: dt.date, word: str) -> str:
    """A date field's hint: ``word`` and two other ways to say ``day`` ("yesterday, tue, nov 17")."""
    return f"{word}, {day:%a}, {day:%b} {day.day}".lower()


class FormScreen(ModalScreen[Any]):
    """Shared behaviour: ctrl+s saves when valid; Esc asks before discarding typed changes."""

    BINDINGS = FORM_BINDINGS

    def __init__(self) -> None:
        super().__init__()
        self._initial: dict[str, str] = {}
        self._entered: Input.Submitted | None = None

    def on_mount(self) -> None:
        self._initial = self.values()
        first = self.first_focus()
        if first is not None:  # none when the app is already closing (a key pressed right after q)
            self.set_focus(first)

    def first_focus(self) -> Widget | None:
        """Where the cursor starts: the first text field (a form may start elsewhere)."""
        inputs = self.query(Input)
        return inputs.first() if inputs else None

    def values(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for field in self.query(Field):
            widget = field.widget
            if isinstance(widget, Input):
                entered = self._entered
                found[field.field_name] = entered.value if entered and entered.input is widget else widget.value
            elif isinstance(widget, TextArea):
                found[field.field_name] = widget.text
            elif isinstance(widget, Select):
                found[field.field_name] = "" if widget.value is Select.NULL else str(widget.value)
        return found

    @contextmanager
    def as_at_enter(self, event: Input.Submitted) -> Iterator[None]:
        """Within it, the field Enter was pressed in reads as it was then (the value ``event`` carries).

        The field acts on Enter in the order typed, but the screen hears of it only after the keys typed
        next have reached the field: saving on Enter saves what was typed before it, not those.
        """
        self._entered = event
        try:
            yield
        finally:
            self._entered = None

    @property
    def dirty(self) -> bool:
        return self.values() != self._initial

    def show_errors(self, errors: dict[str, str]) -> None:
        for field in self.query(Field):
            field.show_error(errors.get(field.field_name, ""))

    def action_cancel(self) -> None:
        from netcoach.tui.dialogs.confirm import ConfirmModal

        if not self.dirty:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmModal("Discard what you typed?", yes="Discard", no="Keep editing"), answered)
