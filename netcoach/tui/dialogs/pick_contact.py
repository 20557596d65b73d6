"""Pick one other person (to merge with): type to narrow the list, Enter picks, Esc backs out."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from netcoach.book import ContactBook, Entry
from netcoach.tui.dialogs.keys import CANCEL
from netcoach.tui.widgets.keys_in_order import InOrderInput

SHOWN = 50
"""At most this many names are listed; typing narrows them."""


def _label(entry: Entry) -> Text:
    """The name, the id (two people of one name differ by it), then the job (cut to one line by the stylesheet)."""
    view = entry.view
    job = " at ".join(p for p in (view.role, view.company) if p)
    return Text.assemble((entry.name, "bold"), (f" ({entry.id})", "dim"), f" · {job}" if job else "")


class PickContact(ModalScreen[str | None]):
    """Choose someone other than ``exclude`` from ``book``: their id, or None (Esc)."""

    BINDINGS = [
        CANCEL,
        Binding("down", "to_list", "To the list", id="netcoach.pick.down", show=False),
    ]

    def __init__(self, title: str, book: ContactBook, exclude: str) -> None:
        super().__init__()
        self.title_text = title
        self.book = book
        self.exclude = exclude

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield InOrderInput(placeholder="type a name", id="pick-filter")
            yield OptionList(id="pick-list")
            yield Static("Type to narrow · ↓ to the list · Enter choose · Esc cancel", classes="dialog-keys")

    def on_mount(self) -> None:
        self._show("")
        self.set_focus(self.query_one("#pick-filter", Input))

    def _show(self, query: str) -> None:
        found = [e for e in self.book.search(query) if e.id != self.exclude][:SHOWN]
        options = self.query_one("#pick-list", OptionList)
        options.clear_options()
        options.add_options([Option(_label(e), id=e.id) for e in found])
        if found:
            options.highlighted = 0

    @on(Input.Changed, "#pick-filter")
    def _narrow(self, event: Input.Changed) -> None:
        self._show(event.value)

    @on(Input.Submitted, "#pick-filter")
    def _first(self, event: Input.Submitted) -> None:
        options = self.query_one("#pick-list", OptionList)
        if options.option_count:
            option = options.get_option_at_index(options.highlighted or 0)
            self.dismiss(option.id)

    @on(OptionList.OptionSelected, "#pick-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_to_list(self) -> None:
        self.set_focus(self.query_one("#pick-list", OptionList))

    def action_cancel(self) -> None:
        self.dismiss(None)
