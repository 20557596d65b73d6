"""Small typed modals: each dismisses with a value, and Esc always backs out unchanged (None)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from netcoach.model.contact import Stage
from netcoach.timing.dates import long_date, parse_date

CANCEL = Binding("escape", "cancel", "Cancel", id="netcoach.modal.cancel")


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


@dataclass(frozen=True)
class DateChoice:
    """The date picked, or ``day=None`` to clear it."""

    day: dt.date | None


class DateModal(ModalScreen[DateChoice | None]):
    """Pick a date: tomorrow, 3 days, a week, two weeks, or type one."""

    BINDINGS = [CANCEL]

    def __init__(self, title: str, today: dt.date, current: dt.date | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.today = today
        self.current = current

    def compose(self) -> ComposeResult:
        options = [
            Option("Tomorrow", id="1"),
            Option("In 3 days", id="3"),
            Option("In 1 week", id="7"),
            Option("In 2 weeks", id="14"),
        ]
        if self.current is not None:
            options.append(Option(f"Clear (now {long_date(self.current, self.today)})", id="clear"))
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield OptionList(*options, id="date-options")
            yield Input(placeholder="or type a date: 2027-01-15, +10d, 3w", id="date-input")
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
            day = parse_date(event.value, self.today)
        except ValueError as error:
            self.query_one("#date-error", Static).update(str(error))
            return
        self.dismiss(DateChoice(day))

    def action_cancel(self) -> None:
        self.dismiss(None)


STAGE_HELP = {
    Stage.NEW: "just met or just found; no conversation yet",
    Stage.IN_TOUCH: "you are talking",
    Stage.RESTING: "no reply after nudges; a light reconnect in a few months",
    Stage.NOT_NOW: "right person, wrong time: the door stays open",
    Stage.ARCHIVED: "no more suggestions",
}


class StageModal(ModalScreen[Stage | None]):
    """Change where a relationship stands (archive, not now, ...)."""

    BINDINGS = [CANCEL]

    def __init__(self, name: str, current: Stage) -> None:
        super().__init__()
        self.contact_name = name
        self.current = current

    def compose(self) -> ComposeResult:
        options = []
        for stage in Stage:
            label = Text.assemble((stage.value.replace("_", " "), "bold"), f"  {STAGE_HELP[stage]}")
            if stage is self.current:
                label.append("  (now)", style="dim")
            options.append(Option(label, id=stage.value))
        with Vertical(classes="dialog"):
            yield Static(Text.assemble("Stage for ", self.contact_name), classes="dialog-title")
            yield OptionList(*options)
            yield Static("Enter choose · Esc cancel", classes="dialog-keys", markup=False)

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        option_list.highlighted = list(Stage).index(self.current)
        self.set_focus(option_list)

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(Stage(event.option.id))

    def action_cancel(self) -> None:
        self.dismiss(None)


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
