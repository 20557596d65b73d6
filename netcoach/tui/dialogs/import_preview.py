"""Import from the app, second step: what the import would do; Enter carries it out, Esc changes nothing."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from netcoach.exchange.plan import ImportPlan, format_summary
from netcoach.model.text import terminal_safe


class ImportPreviewModal(ModalScreen[bool]):
    """What the import would do; Enter carries it out, Esc changes nothing."""

    BINDINGS = [
        Binding("enter,y", "go", "Import", id="netcoach.import.go"),
        Binding("escape,n", "cancel", "Cancel", id="netcoach.import.back"),
    ]

    def __init__(self, plan: ImportPlan) -> None:
        super().__init__()
        self.plan = plan

    def compose(self) -> ComposeResult:
        lines = format_summary(self.plan, dry_run=True)
        keys = "Enter: import them · Esc: cancel, nothing is written" if self.plan.writes_anything else "Esc: close"
        with Vertical(classes="dialog wide"):
            yield Static(f"Import {terminal_safe(self.plan.path.name)}?", classes="dialog-title", markup=False)
            with VerticalScroll():
                yield Static(Text("\n".join(lines)), id="import-summary")
            yield Static(keys, classes="dialog-keys", markup=False)

    def action_go(self) -> None:
        self.dismiss(self.plan.writes_anything)

    def action_cancel(self) -> None:
        self.dismiss(False)
