"""The contact changed on disk while the user was editing it: keep mine, or reload."""

from __future__ import annotations

from enum import Enum

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from netcoach.tui.dialogs.keys import CANCEL


class ConflictChoice(Enum):
    KEEP_MINE = "keep"
    RELOAD = "reload"


class ConflictModal(ModalScreen[ConflictChoice | None]):
    """The contact changed on disk while the user was editing it."""

    BINDINGS = [
        Binding("k", "choose('keep')", "Keep mine", id="netcoach.conflict.keep"),
        Binding("r", "choose('reload')", "Reload", id="netcoach.conflict.reload"),
        CANCEL,
    ]

    def __init__(self, name: str) -> None:
        super().__init__()
        self.contact_name = name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                Text.assemble(self.contact_name, " was changed elsewhere while you edited"), classes="dialog-title"
            )
            yield Static(
                "k  Keep mine: save the fields you changed on top of the new version (nothing else is lost)\n"
                "r  Reload: drop my edit and show the new version\n"
                "Esc  Decide later (your edit is not saved)",
                markup=False,
            )

    def action_choose(self, value: str) -> None:
        self.dismiss(ConflictChoice(value))

    def action_cancel(self) -> None:
        self.dismiss(None)
