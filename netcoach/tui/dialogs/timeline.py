"""A contact's timeline, one row per interaction: Enter edits the one under the cursor, x deletes it.

Dismisses with a :class:`TimelineChoice` (what to do, and to which interaction), or None (Esc).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from netcoach.model.contact import Interaction, InteractionKind
from netcoach.timing.dates import long_date
from netcoach.tui.dialogs.keys import CANCEL

KIND_WORDS = {
    InteractionKind.MET: "met",
    InteractionKind.SENT: "you wrote",
    InteractionKind.RECEIVED: "they wrote",
    InteractionKind.MEETING: "meeting",
    InteractionKind.CALL: "call",
    InteractionKind.NOTE: "note",
}
"""The kinds as the contact's page shows them."""


@dataclass(frozen=True)
class TimelineChoice:
    """Edit or delete ``interaction`` (as it was when the timeline was shown)."""

    action: Literal["edit", "delete"]
    interaction: Interaction


def timeline_row(item: Interaction, today: dt.date) -> Text:
    """'Tue 17 November   you wrote email · Thanks for the intro', as on the contact's page (plain Text)."""
    row = Text(f"{item.date:%a} {long_date(item.date, today):<18} ", style="dim")
    row.append(f"{KIND_WORDS[item.kind]:<10}", style="bold")
    if item.channel:
        row.append(f" {item.channel.value.replace('_', ' ')}")
    if item.summary:
        row.append(" · ")
        row.append(item.summary.splitlines()[0])
    return row


class TimelineModal(ModalScreen[TimelineChoice | None]):
    """Everything logged with one person, newest first: Enter edits, x deletes (after a y/n), Esc closes."""

    BINDINGS = [
        Binding("x,delete", "delete", "Delete", id="netcoach.timeline.delete"),
        CANCEL,
    ]

    def __init__(self, name: str, interactions: list[Interaction], today: dt.date) -> None:
        super().__init__()
        self.contact_name = name
        self.today = today
        self.items = sorted(interactions, key=lambda i: i.date, reverse=True)  # stable: same day, newest logged last

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="timeline-dialog"):
            yield Static(Text.assemble("Timeline with ", (self.contact_name, "bold")), classes="dialog-title")
            yield OptionList(
                *(Option(timeline_row(item, self.today), id=str(n)) for n, item in enumerate(self.items)),
                id="timeline-list",
            )
            yield Static("Enter edit · x delete · Esc close", classes="dialog-keys", markup=False)

    def on_mount(self) -> None:
        options = self.query_one("#timeline-list", OptionList)
        if options.option_count:
            options.highlighted = 0
        self.set_focus(options)

    def _current(self) -> Interaction | None:
        index = self.query_one("#timeline-list", OptionList).highlighted
        return self.items[index] if index is not None and 0 <= index < len(self.items) else None

    @on(OptionList.OptionSelected, "#timeline-list")
    def _edit(self, event: OptionList.OptionSelected) -> None:
        item = self._current()
        if item is not None:
            self.dismiss(TimelineChoice("edit", item))

    def action_delete(self) -> None:
        item = self._current()
        if item is not None:
            self.dismiss(TimelineChoice("delete", item))

    def action_cancel(self) -> None:
        self.dismiss(None)
