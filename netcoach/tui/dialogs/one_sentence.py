"""Say what you want, in one sentence: Enter keeps it, Esc backs out. Dismisses with the sentence, or None."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from netcoach.tui.dialogs.keys import CANCEL
from netcoach.tui.widgets.keys_in_order import InOrderInput


class OneSentence(ModalScreen[str | None]):
    """What you want right now, in one sentence (saved as ``[user] looking_for``)."""

    BINDINGS = [CANCEL]

    def __init__(self, current: str = "") -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("What do you want right now, in one sentence?", classes="dialog-title", markup=False)
            yield InOrderInput(
                self.current, placeholder="learning about product roles in health tech", id="one-sentence"
            )
            yield Static("", id="one-sentence-error", markup=False)
            yield Static("Enter keep it (your drafts will use it) · Esc back", classes="dialog-keys", markup=False)

    def on_mount(self) -> None:
        self.set_focus(self.query_one(Input))

    @on(Input.Submitted)
    def _kept(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.query_one("#one-sentence-error", Static).update("Say one thing, even a rough one.")
            return
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
