"""The people met at one event: Enter opens one of them, Esc backs out."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from netcoach.model.view import ContactView
from netcoach.tui.dialogs.keys import CANCEL


class EventPeople(ModalScreen[str | None]):
    """Choose one of ``people`` (id, view) met at the event called ``title``: their id, or None (Esc)."""

    BINDINGS = [CANCEL]

    def __init__(self, title: str, people: list[tuple[str, ContactView]]) -> None:
        super().__init__()
        self.title_text = title
        self.people = people

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield OptionList(
                *[
                    Option(Text.assemble((view.name, "bold"), f" · {view.company}" if view.company else ""), id=key)
                    for key, view in self.people
                ],
                id="event-people-list",
            )
            yield Static("↑↓ move · Enter open · Esc back", classes="dialog-keys")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        self.set_focus(options)

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
