"""Pick a date: tomorrow, in a few days or weeks, or type one (or clear the one set)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from netcoach.timing.dates import FUTURE, long_date, parse_date
from netcoach.tui.dialogs.keys import CANCEL
from netcoach.tui.formatting import short_date
from netcoach.tui.widgets.keys_in_order import InOrderInput

CHOICES = (("Tomorrow", 1), ("In 3 days", 3), ("In 1 week", 7), ("In 2 weeks", 14))
"""The dates offered, each shown with its day ("In 1 week: Wed 9 Dec")."""


@dataclass(frozen=True)
class DateChoice:
    """The date picked, or ``day=None`` to clear it."""

    day: dt.date | None


class DateModal(ModalScreen[DateChoice | None]):
    """Pick a date: tomorrow, 3 days, a week, two weeks, or type one (a date ahead: ``friday`` is next Friday)."""

    BINDINGS = [CANCEL]

    def __init__(self, title: str, today: dt.date, current: dt.date | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.today = today
        self.current = current

    def compose(self) -> ComposeResult:
        options = [
            Option(f"{label}: {short_date(self.today + dt.timedelta(days=days), self.today)}", id=str(days))
            for label, days in CHOICES
        ]
        if self.current is not None:
            options.append(Option(f"Clear (now {long_date(self.current, self.today)})", id="clear"))
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield OptionList(*options, id="date-options")
            yield InOrderInput(placeholder="or type a date: fri, dec 15, the 15th, in 2 weeks", id="date-input")
            yield Static("", id="date-error", markup=False)
            yield Static("Enter choose · Tab to type a date · Esc cancel", classes="dialog-keys", markup=False)

    def on_mount(self) -> None:
        self.set_focus(self.query_one(OptionList))

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if option_id == "clear":
            self.dismiss(DateChoice(None))
        else:
            self.dismiss(DateChoice(self.today + dt.timedelta(days=int(option_id))))

    @on(Input.Submitted)
    def _typed(self, event: Input.Submitted) -> None:
        try:
            day = parse_date(event.value, self.today, FUTURE)
        except ValueError as error:
            self.query_one("#date-error", Static).update(str(error))
            return
        self.dismiss(DateChoice(day))

    def action_cancel(self) -> None:
        self.dismiss(None)
