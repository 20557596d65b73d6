"""A form's field: a label, the input, and the error in words beside it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Label, Static


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
