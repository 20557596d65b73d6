"""A yes / no question."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from netcoach.tui.dialogs.keys import CANCEL


class ConfirmModal(ModalScreen[bool]):
    """A yes / no question: y, n, or Esc (no)."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="netcoach.confirm.yes"),
        Binding("n", "answer(False)", "No", id="netcoach.confirm.no"),
        CANCEL,
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-title", markup=False)
            yield Static(f"y  {self.yes}    n  {self.no}    Esc  {self.no}", markup=False)

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(False)
