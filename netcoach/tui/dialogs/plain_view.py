"""The message as plain text, to select by hand where the terminal cannot copy."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class PlainView(ModalScreen[None]):
    """The message as plain text, to select by hand where the terminal cannot copy."""

    BINDINGS = [Binding("escape,q,v", "close", "Close", id="netcoach.plain.close")]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(
                "Select the text with your mouse (in tmux: hold Shift), then Esc", classes="dialog-keys", markup=False
            )
            with VerticalScroll():
                yield Static(self.text, markup=False, id="plain-text")

    def action_close(self) -> None:
        self.dismiss(None)
