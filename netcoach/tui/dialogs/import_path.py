"""Import from the app, first step: which file ("import: LinkedIn / vCard / Google" in the palette)."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from netcoach.exchange.plan import KINDS
from netcoach.tui.widgets.keys_in_order import InOrderInput

HINTS = {
    "linkedin": "LinkedIn: Settings > Data privacy > Get a copy of your data > Connections. The file is Connections.csv.",
    "vcard": "A .vcf file from your phone or address book (one file may hold many cards).",
    "google": "Google Contacts: Export > Google CSV.",
}


class ImportPathModal(ModalScreen[Path | None]):
    """Which file to import. Esc backs out."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="netcoach.import.cancel")]

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(f"Import from {KINDS[self.kind][0]}", classes="dialog-title", markup=False)
            yield Static(HINTS[self.kind], markup=False)
            yield InOrderInput(placeholder="~/Downloads/Connections.csv", id="import-path")
            yield Static("", id="import-error", markup=False)
            yield Static(
                "Enter: look at the file (nothing is written yet) · Esc cancel", classes="dialog-keys", markup=False
            )

    def on_mount(self) -> None:
        self.set_focus(self.query_one(Input))

    @on(Input.Submitted)
    def _chosen(self, event: Input.Submitted) -> None:
        path = Path(event.value.strip()).expanduser()
        error = ""
        if not event.value.strip():
            error = "Type the path of the file."
        elif not path.exists():
            error = f"There is no file at {path}."
        elif not path.is_file():
            error = f"{path} is a folder; give the file inside it."
        if error:
            self.query_one("#import-error", Static).update(error)
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
