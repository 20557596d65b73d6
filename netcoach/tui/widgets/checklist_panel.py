"""The checklist for one draft: its rows ([x] ticked, [ ] open, [!] another look), the highlighted
item's reason, and a summary. Space ticks. Item and hint text is plain Text, never markup."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from netcoach.coach.checklist import ChecklistItem, HintLike, ItemState, Mark, auto_tick, checklist_summary, toggle
from netcoach.tui.formatting import padded
from netcoach.tui.widgets.row_list import RowList

BOXES = {Mark.TICKED: "[x]", Mark.OPEN: "[ ]", Mark.FLAGGED: "[!]"}
MARK_WORDS = {Mark.TICKED: "Ticked", Mark.OPEN: "Open", Mark.FLAGGED: "Another look"}


def item_row(state: ItemState, width: int) -> Text:
    """One checklist row: ``[x] I said where we met.`` cut to the width."""
    row = Text(" ")
    box = BOXES[state.mark]
    row.append(box, style="bold" if state.mark is not Mark.OPEN else "")
    row.append(" ")
    row.append(state.item.text)
    return padded(row, width)


def item_detail(state: ItemState | None) -> Text:
    """The highlighted item's reason and why, in two short paragraphs."""
    if state is None:
        return Text("Nothing to check here. Send it when you are ready.")
    out = Text()
    out.append(f"{MARK_WORDS[state.mark]}: ", style="bold")
    out.append(state.reason)
    if state.mark is Mark.OPEN:
        out.append(" Press space to tick it.")
    if state.item.why:
        out.append("\n")
        out.append(state.item.why, style="italic")
    return out


class ItemRows(RowList):
    """The checklist's rows: Enter has nothing to open here (space ticks)."""

    BINDINGS = [Binding("enter", "choose", "", show=False)]


class ChecklistPanel(Vertical):
    """The checklist for one draft: rows, the highlighted item's reason, and a summary. Space ticks."""

    BINDINGS = [Binding("space", "tick", "Tick", id="netcoach.checklist.tick")]

    def __init__(
        self,
        items: Sequence[ChecklistItem] = (),
        hints: Iterable[HintLike] = (),
        choices: Mapping[str, bool] | None = None,
        *,
        id: str | None = None,
        list_id: str | None = None,
    ) -> None:
        super().__init__(id=id, classes="checklist-panel")
        self.items: list[ChecklistItem] = list(items)
        self.hints: list[HintLike] = list(hints)
        self.choices: dict[str, bool] = dict(choices or {})
        self.states: list[ItemState] = auto_tick(self.items, self.hints, self.choices)
        self._list_id = list_id

    def compose(self) -> ComposeResult:
        rows = ItemRows(self._render_row, empty_text="Your checklist is empty.", id=self._list_id)
        rows.add_class("checklist-rows")
        yield rows
        yield Static(classes="checklist-detail", markup=False)
        yield Static(classes="checklist-summary", markup=False)

    def on_mount(self) -> None:
        self._redraw()

    @property
    def rows(self) -> RowList:
        return self.query_one(RowList)

    def show(
        self,
        items: Sequence[ChecklistItem],
        hints: Iterable[HintLike],
        choices: Mapping[str, bool] | None = None,
    ) -> None:
        """Show the checklist for these hints; ``choices`` are the user's own ticks."""
        self.items = list(items)
        self.hints = list(hints)
        self.choices = dict(choices or {})
        self.states = auto_tick(self.items, self.hints, self.choices)
        if self.is_mounted:
            self._redraw()

    def _redraw(self) -> None:
        self.rows.set_rows([state.item.id for state in self.states])
        self.rows.refresh()
        self._show_current()

    def _render_row(self, index: int, width: int) -> Text:
        return item_row(self.states[index], width)

    def current(self) -> ItemState | None:
        key = self.rows.current_key
        return next((state for state in self.states if state.item.id == key), None)

    def _show_current(self) -> None:
        self.query_one(".checklist-detail", Static).update(item_detail(self.current()))
        self.query_one(".checklist-summary", Static).update(Text(checklist_summary(self.states)))

    def on_row_list_highlighted(self, message: RowList.Highlighted) -> None:
        message.stop()
        self._show_current()

    def on_row_list_chosen(self, message: RowList.Chosen) -> None:
        message.stop()  # Enter: nothing to open; the owner decides (see SendCheckModal)

    def action_tick(self) -> None:
        state = self.current()
        if state is None:
            return
        self.choices = toggle(self.choices, state)
        self.states = auto_tick(self.items, self.hints, self.choices)
        self.rows.refresh()
        self._show_current()
