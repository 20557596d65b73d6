"""Problems: the files that could not be read, as path:line:col: message."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from netcoach.model.problem import Problem


def problems_text(problems: list[Problem]) -> Text:
    if not problems:
        return Text("Every file loaded. Nothing to fix.")
    out = Text(f"{len(problems)} file{'s' if len(problems) != 1 else ''} could not be read. ", style="bold")
    out.append("They are left exactly as they are; fix them in an editor and netcoach picks them up.\n\n")
    for problem in problems:
        out.append(f"{problem}\n")
    return out


class ProblemsScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,P", "close", "Close", id="netcoach.problems.close")]

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static("Problems", classes="dialog-title", markup=False)
            with VerticalScroll():
                yield Static(problems_text(self.problems), id="problems-list")
            yield Static("Esc close", classes="dialog-keys", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
