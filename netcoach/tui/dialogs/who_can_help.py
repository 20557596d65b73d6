"""Who can help with...? Type what you need; the people who could help, best first, each with why.
Enter on a person opens them; Esc backs out. Dismisses with the contact's id, or None."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from netcoach.book import ContactBook
from netcoach.coach.who import Match, People
from netcoach.tui.dialogs.keys import CANCEL
from netcoach.tui.widgets.keys_in_order import InOrderInput

SHOWN = 30
"""At most this many people are listed."""


def _label(match: Match, introducer: str) -> Text:
    view = match.view
    head = Text.assemble((view.name, "bold"), f" ({view.company})" if view.company else "")
    if match.warm:
        head.append(" · in touch", style="dim")
    for why in match.why[:2]:
        head.append(f"\n  {why}", style="dim")
    if introducer:
        head.append(f"\n  introduced by {introducer}: ask them for an intro", style="italic")
    return head


class WhoCanHelp(ModalScreen[str | None]):
    """Ask who could help with something; the chosen person's id, or None (Esc)."""

    BINDINGS = [
        CANCEL,
        Binding("down", "to_list", "To the list", id="netcoach.who.down", show=False),
    ]

    def __init__(self, book: ContactBook, events: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.book = book
        self.events = events or {}
        """The events' names by id: the events people were met at are searched too."""
        self._people: People | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static("Who can help with…", classes="dialog-title", markup=False)
            yield InOrderInput(placeholder="dbt, product roles in health tech, at Google", id="who-question")
            yield OptionList(id="who-list")
            yield Static("", id="who-count", markup=False)
            yield Static("Type what you need · ↓ or Enter to the list · Enter opens · Esc back", classes="dialog-keys")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#who-question", Input))

    @on(Input.Changed, "#who-question")
    def _ask(self, event: Input.Changed) -> None:
        if self._people is None:  # everyone folded once, on the first question
            self._people = People(((e.id, e.view) for e in self.book.entries()), self.events)
        matches = self._people.ask(event.value, SHOWN)
        options = self.query_one("#who-list", OptionList)
        options.clear_options()
        options.add_options([Option(_label(m, self._introducer(m)), id=m.key) for m in matches])
        count = "" if not event.value.strip() else (f"{len(matches)} shown" if matches else "Nobody matches yet.")
        self.query_one("#who-count", Static).update(count)

    def _introducer(self, match: Match) -> str:
        through = self.book.get(match.view.met_through) if match.view.met_through else None
        return through.name if through is not None else ""

    @on(Input.Submitted, "#who-question")
    def _to_list(self) -> None:
        self.action_to_list()

    @on(OptionList.OptionSelected, "#who-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_to_list(self) -> None:
        options = self.query_one("#who-list", OptionList)
        if options.option_count:
            if options.highlighted is None:
                options.highlighted = 0
            self.set_focus(options)

    def action_cancel(self) -> None:
        self.dismiss(None)
