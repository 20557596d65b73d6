"""Who you are: your name and signature for the drafts. Dismisses with :class:`UserSettings`, or None.

Asked once on the first start (an empty data folder) and again from the palette ("settings: Your
name and signature"). ctrl+s saves; Esc skips, changing nothing (asking first if something was typed).
"""

from __future__ import annotations

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, Input, Static, TextArea

from netcoach.storage.config import UserSettings
from netcoach.tui.dialogs.form import FormScreen, error_text
from netcoach.tui.widgets.form_field import Field
from netcoach.tui.widgets.keys_in_order import InOrderInput, InOrderTextArea

FIRST_START = "Welcome to netcoach. Your name signs the messages it drafts for you; nothing leaves this computer."
AGAIN = "Your name signs the messages netcoach drafts for you."


class WelcomeForm(FormScreen):
    """Your name and signature (``[user]`` in config.toml). Dismisses with :class:`UserSettings`, or None."""

    BINDINGS = [
        # Not a priority key here: it waits for the keys typed before it (a fast typist's
        # name, Enter, signature, ctrl+s) to reach the fields, so all of it is saved.
        Binding("ctrl+s", "save", "Save", id="netcoach.form.save"),
        # A priority key: the focus moves as Enter arrives, so the keys typed next land in the signature.
        Binding("enter", "next_field", "Next field", id="netcoach.welcome.next", priority=True, show=False),
    ]

    def __init__(self, current: UserSettings, *, first_start: bool = False) -> None:
        super().__init__()
        self.current = current
        self.first_start = first_start

    def compose(self) -> ComposeResult:
        with Vertical(id="form-dialog", classes="fit"):
            yield Static(
                "Who are you?" if self.first_start else "Your name and signature", id="form-title", markup=False
            )
            with VerticalScroll(id="form-body"):
                yield Static(FIRST_START if self.first_start else AGAIN, markup=False)
                yield Field("Your name", InOrderInput(self.current.name, placeholder="Sam Rivera"), "name")
                yield Field(
                    "Signature, under formal e-mails (optional)",
                    InOrderTextArea(self.current.signature, soft_wrap=True, show_line_numbers=False),
                    "signature",
                )
                yield Static("Change it any time: the palette (ctrl+p), or [user] in config.toml.", markup=False)
            keys = "ctrl+s save · Esc " + ("skip" if self.first_start else "cancel")
            yield Static(keys, id="form-keys", markup=False)
        yield Footer()

    def build(self) -> tuple[UserSettings | None, dict[str, str]]:
        values = self.values()
        try:
            return UserSettings(name=values["name"].strip(), signature=values["signature"].strip()), {}
        except ValidationError as error:
            return None, error_text(error)

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _validate(self) -> None:
        self.show_errors(self.build()[1])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_field":
            return isinstance(self.focused, Input)  # in the signature, Enter is a new line
        return True

    def action_next_field(self) -> None:
        """Enter in the name goes on to the signature; only ctrl+s saves."""
        self.focus_next()

    def action_save(self) -> None:
        user, errors = self.build()
        self.show_errors(errors)
        if user is not None:
            self.dismiss(user)
