"""Where a relationship stands: new, in touch, resting, not now, archived."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from netcoach.model.kinds import Stage
from netcoach.tui.dialogs.keys import CANCEL

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
        if event.option.id is not None:  # every option has its stage as id
            self.dismiss(Stage(event.option.id))

    def action_cancel(self) -> None:
        self.dismiss(None)
