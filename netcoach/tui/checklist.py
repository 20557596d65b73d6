"""The Checklist screen: the pre-send checklist, worries answered, the user's own evidence, a calm timer.

Also the check shown before **Mark as sent** on a draft (:class:`SendCheckModal`), which
returns what the user expects and how anxious they feel (:class:`SendDecision`).

Everything the user wrote (names, worries, hint messages, marker text) is shown as plain
Rich ``Text``, never as markup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widgets import ContentSwitcher, Input, Static

from netcoach.book import ContactBook
from netcoach.coach.checklist import (
    ChecklistItem,
    HintLike,
    ItemState,
    Mark,
    WorryAnswer,
    answer,
    answer_worry,
    auto_tick,
    checklist_summary,
    toggle,
)
from netcoach.coach.evidence import (
    OUTCOME_CHOICES,
    PendingOutcome,
    anxiety_chart,
    evidence,
    evidence_lines,
    pending_for_all,
    record_outcome,
)
from netcoach.model.contact import Contact, Interaction, MessageKind, Outcome
from netcoach.model.view import InteractionView
from netcoach.tui.base import footer, padded
from netcoach.tui.modals import CANCEL
from netcoach.tui.row_list import RowList

if TYPE_CHECKING:
    from netcoach.tui.app import NetcoachApp

# -- shared pieces --------------------------------------------------------------------------

BOXES = {Mark.TICKED: "[x]", Mark.OPEN: "[ ]", Mark.FLAGGED: "[!]"}
MARK_WORDS = {Mark.TICKED: "Ticked", Mark.OPEN: "Open", Mark.FLAGGED: "Another look"}

MESSAGE_WORDS = {
    MessageKind.THANK_YOU: "thank-you note",
    MessageKind.FOLLOW_UP: "follow-up",
    MessageKind.INFO_INTERVIEW: "request for a chat",
    MessageKind.NUDGE: "nudge",
    MessageKind.REPLY: "reply",
    MessageKind.RECONNECT: "hello",
    MessageKind.KEEP_IN_TOUCH: "catch-up note",
    MessageKind.NOT_NOW: "note",
}
"""A draft's kind in words, for "Before you send your follow-up to Maya Chen"."""

NO_DRAFT_HEADING = "No draft open: the checklist for whenever you write."
NO_DRAFT_NOTE = "Open a draft (3) and the coach ticks what it can check for you."


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


class WorryRows(RowList):
    """The worries: Enter shows the answer."""

    BINDINGS = [Binding("enter", "choose", "Answer", id="netcoach.open")]


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


def outcome_keys(chosen: Outcome | None = None, suggested: Outcome | None = None) -> Text:
    """``1 No reply  2 A polite no  3 A reply  4 Real help``, the chosen one highlighted."""
    out = Text()
    for number, (outcome, label) in enumerate(OUTCOME_CHOICES, start=1):
        if number > 1:
            out.append("  ")
        out.append(str(number), style="bold")
        out.append(" ")
        out.append(label, style="reverse bold" if outcome is chosen else "")
        if outcome is suggested:
            out.append(" (likely)", style="dim")
    return out


# -- the calm timer -------------------------------------------------------------------------

CALM_SECONDS = 60
PHASE_SECONDS = 4
TICKS_PER_SECOND = 4
PHASES = ("Breathe in", "Hold", "Breathe out", "Hold")
_SIDE = PHASE_SECONDS * TICKS_PER_SECOND  # steps along one side of the box
_BOX_W = 33
_BOX_H = 9


def _box_position(phase: int, step: int) -> tuple[int, int]:
    """Where the dot is (column, row) after ``step`` steps along side ``phase``: a corner when the phase ends."""
    right, bottom = _BOX_W - 1, _BOX_H - 1
    along_x = (step + 1) * right // _SIDE
    along_y = (step + 1) * bottom // _SIDE
    if phase == 0:  # breathe in: along the top, left to right
        return along_x, 0
    if phase == 1:  # hold: down the right side
        return right, along_y
    if phase == 2:  # breathe out: along the bottom, right to left
        return right - along_x, bottom
    return 0, bottom - along_y  # hold: up the left side


def _trail(phase: int, step: int) -> set[tuple[int, int]]:
    """The cells of side ``phase`` from its start to the dot."""
    x, y = _box_position(phase, step)
    right, bottom = _BOX_W - 1, _BOX_H - 1
    if phase == 0:
        return {(i, 0) for i in range(x + 1)}
    if phase == 1:
        return {(right, j) for j in range(y + 1)}
    if phase == 2:
        return {(i, bottom) for i in range(x, right + 1)}
    return {(0, j) for j in range(y, bottom + 1)}


def _frame_char(x: int, y: int) -> str:
    right, bottom = _BOX_W - 1, _BOX_H - 1
    corners = {(0, 0): "┌", (right, 0): "┐", (0, bottom): "└", (right, bottom): "┘"}
    if (x, y) in corners:
        return corners[(x, y)]
    if y in (0, bottom):
        return "─"
    if x in (0, right):
        return "│"
    return " "


def breathing_frame(tick: int) -> Text:
    """The box, with the dot travelling round it (one side per phase), and the phase and count inside."""
    phase = (tick // _SIDE) % 4
    step = tick % _SIDE
    count = PHASE_SECONDS - step // TICKS_PER_SECOND
    trail = _trail(phase, step)
    dot = _box_position(phase, step)
    middle = _BOX_H // 2
    words = {middle - 1: PHASES[phase], middle + 1: str(count)}
    out = Text()
    for y in range(_BOX_H):
        if y:
            out.append("\n")
        for x in range(_BOX_W):
            if (x, y) == dot:
                out.append("●", style="bold")
            elif (x, y) in trail:
                out.append("┃" if phase in (1, 3) else "━", style="bold")
            elif y in words and 0 < x < _BOX_W - 1:
                out.append(words[y].center(_BOX_W - 2)[x - 1], style="bold")
            else:
                out.append(_frame_char(x, y), style="dim")
    return out


class BreathingModal(ModalScreen[None]):
    """One minute of box breathing (in 4, hold 4, out 4, hold 4). Any key ends it; it ends by itself too."""

    TOTAL_TICKS = CALM_SECONDS * TICKS_PER_SECOND

    def __init__(self) -> None:
        super().__init__()
        self.tick = 0
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="calm-dialog"):
            yield Static("One minute of calm", classes="dialog-title", markup=False)
            yield Static("Follow the dot round the box.", id="calm-how", markup=False)
            yield Static(id="calm-box", markup=False)
            yield Static(id="calm-left", markup=False)
            yield Static("Any key to stop", classes="dialog-keys", markup=False)

    def on_mount(self) -> None:
        self._draw()
        self._timer = self.set_interval(1 / TICKS_PER_SECOND, self.advance)

    def advance(self, ticks: int = 1) -> None:
        """Move the breathing on (the timer calls this four times a second); close after a minute."""
        self.tick += ticks
        if self.tick >= self.TOTAL_TICKS:
            self.close()
            return
        self._draw()

    def _draw(self) -> None:
        self.query_one("#calm-box", Static).update(breathing_frame(self.tick))
        left = CALM_SECONDS - self.tick // TICKS_PER_SECOND
        self.query_one("#calm-left", Static).update(Text(f"{left} seconds left", style="dim"))

    def close(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.is_current:
            self.dismiss(None)

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self.close()


# -- the check before sending ---------------------------------------------------------------


@dataclass(frozen=True)
class SendDecision:
    """What the user said before sending: what they expect and how anxious they feel (0-10); either may be None."""

    expected: Outcome | None
    anxiety: int | None


EXPECT_GROUP = Binding.Group("Expect", compact=True)


class SendCheckModal(ModalScreen[SendDecision | None]):
    """The checklist before **Mark as sent**, and an optional prediction.

    Dismisses with a :class:`SendDecision` (Enter or ctrl+s: send), or ``None`` (Esc: not
    sent, nothing changed). Unticked items never block sending.
    """

    BINDINGS = [
        Binding("enter", "send", "Mark as sent", id="netcoach.send_check.send", priority=True),
        Binding("ctrl+s", "send", "Mark as sent", id="netcoach.send_check.send_save", priority=True, show=False),
        *(
            Binding(
                str(number),
                f"expect({number - 1})",
                f"I expect: {label.lower()}",
                id=f"netcoach.send_check.expect_{outcome.value}",
                group=EXPECT_GROUP,
            )
            for number, (outcome, label) in enumerate(OUTCOME_CHOICES, start=1)
        ),
        Binding("plus,equals_sign,right", "anxiety(1)", "More anxious", id="netcoach.send_check.more"),
        Binding("minus,left", "anxiety(-1)", "Less anxious", id="netcoach.send_check.less"),
        CANCEL,
    ]

    def __init__(
        self,
        contact_name: str,
        items: list[ChecklistItem],
        hints: Sequence[HintLike],
        choices: Mapping[str, bool] | None = None,
    ) -> None:
        super().__init__()
        self.contact_name = contact_name
        self.items = list(items)
        self.hints = list(hints)
        self.initial_choices = dict(choices or {})
        self.expected: Outcome | None = None
        self.anxiety: int | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="send-check"):
            yield Static(Text.assemble("Before you send to ", self.contact_name), classes="dialog-title")
            yield ChecklistPanel(self.items, self.hints, self.initial_choices, list_id="send-check-items")
            yield Static(id="send-expect", markup=False)
            with Horizontal(id="send-anxiety-row"):
                yield Static(id="send-anxiety", markup=False)
                yield Input(placeholder="0-10", restrict=r"[0-9]*", max_length=2, id="send-anxiety-input")
            yield Static(
                "Enter mark as sent · space tick · 1-4 expect · +/- anxiety · Esc back",
                classes="dialog-keys",
                markup=False,
            )

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#send-check-items", RowList))
        self._draw()

    @property
    def panel(self) -> ChecklistPanel:
        return self.query_one(ChecklistPanel)

    def _draw(self) -> None:
        expect = Text("What do you expect? ", style="bold")
        expect.append_text(outcome_keys(self.expected))
        self.query_one("#send-expect", Static).update(expect)
        anxious = Text("How anxious do you feel? ", style="bold")
        if self.anxiety is None:
            anxious.append("not noted (optional)", style="dim")
        else:
            anxious.append("█" * self.anxiety + "░" * (10 - self.anxiety))
            anxious.append(f" {self.anxiety} of 10")
        self.query_one("#send-anxiety", Static).update(anxious)

    def decision(self) -> SendDecision:
        return SendDecision(expected=self.expected, anxiety=self.anxiety)

    def action_expect(self, index: int) -> None:
        outcome = OUTCOME_CHOICES[index][0]
        self.expected = None if self.expected is outcome else outcome
        self._draw()

    def action_anxiety(self, step: int) -> None:
        start = 5 if self.anxiety is None else self.anxiety + step
        self._set_anxiety(min(10, max(0, start)))

    def _set_anxiety(self, value: int | None) -> None:
        self.anxiety = value
        box = self.query_one("#send-anxiety-input", Input)
        typed = "" if value is None else str(value)
        if box.value != typed:
            box.value = typed
        self._draw()

    @on(Input.Changed, "#send-anxiety-input")
    def _typed_anxiety(self, event: Input.Changed) -> None:
        text = event.value.strip()
        value = int(text) if text.isdigit() else None
        if value is not None and value > 10:
            event.input.value = "10"  # the scale ends at 10
            return
        if value != self.anxiety:
            self.anxiety = value
            self._draw()

    def action_send(self) -> None:
        self.dismiss(self.decision())

    def action_cancel(self) -> None:
        self.dismiss(None)


# -- the screen -----------------------------------------------------------------------------

PARTS = {"items": "Checklist", "worries": "Worries", "evidence": "Evidence"}
PART_KEYS = {"items": "c", "worries": "w", "evidence": "v"}
ANSWER_GROUP = Binding.Group("Answer", compact=True)

WORRY_PROMPT = "Pick a worry and press Enter, or type your own below. An answer and one next step appear here."
CHART_ROWS = 8


@dataclass(frozen=True)
class _Pending:
    contact_id: str
    name: str
    pending: PendingOutcome

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.contact_id, self.pending.index, self.pending.interaction.date.isoformat())


class ChecklistScreen(Screen[None]):
    """Key 4: the pre-send checklist (c), worries answered (w), your evidence (v), and a calm minute (b)."""

    AUTO_FOCUS = "#checklist-items"
    BINDINGS = [
        # The tab bar at the top names c, w, v and b: the key bar keeps room for the screens and help.
        Binding("c", "part('items')", "Checklist", id="netcoach.checklist.items", show=False),
        Binding("w", "part('worries')", "Worries", id="netcoach.checklist.worries", show=False),
        Binding("v", "part('evidence')", "Evidence", id="netcoach.checklist.evidence", show=False),
        Binding("b", "calm", "One-minute calm", id="netcoach.checklist.calm", show=False),
        Binding("escape", "leave_input", "Back to the worries", id="netcoach.checklist.leave_input"),
        *(
            Binding(
                str(number),
                f"outcome({number - 1})",
                f"It was: {label.lower()}",
                id=f"netcoach.checklist.outcome_{outcome.value}",
                group=ANSWER_GROUP,
            )
            for number, (outcome, label) in enumerate(OUTCOME_CHOICES, start=1)
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.part = "items"
        self._choices_for: tuple[str, str] | None = None
        self._pending: list[_Pending] = []
        self._answered: set[tuple[str, int, str]] = set()
        self._evidence_stale = True
        self.worry_answer: WorryAnswer | None = None

    @property
    def nc(self) -> NetcoachApp:
        return cast("NetcoachApp", self.app)

    @property
    def choices(self) -> dict[str, bool]:
        """What the user ticked by hand for the draft shown (item id -> ticked)."""
        return self.query_one("#checklist-panel", ChecklistPanel).choices

    def compose(self) -> ComposeResult:
        yield Static(id="checklist-tabs", markup=False)
        with ContentSwitcher(initial="part-items", id="checklist-parts"):
            with Vertical(id="part-items"):
                yield Static(id="checklist-heading", markup=False)
                yield ChecklistPanel(id="checklist-panel", list_id="checklist-items")
            with Vertical(id="part-worries"):
                yield Static("Worries answered: what is on your mind?", id="worries-heading", classes="part-heading")
                yield WorryRows(self._render_worry, empty_text="No worries listed.", id="worry-list")
                yield Input(placeholder="or type your own worry, then Enter", id="worry-input")
                with VerticalScroll(id="worry-answer-scroll"):
                    yield Static(WORRY_PROMPT, id="worry-answer", markup=False)
            with Vertical(id="part-evidence"):
                with VerticalScroll(id="evidence-scroll"):
                    yield Static(id="evidence-text", markup=False)
                yield Static(id="outcome-box", markup=False)
        yield footer()

    def on_mount(self) -> None:
        self.nc.book_changed.subscribe(self, self.show_book)
        self.show_book(self.nc.book)

    def on_screen_resume(self) -> None:
        self.show_checklist()
        self.show_worries()
        if self.part == "evidence":
            self.show_evidence()

    # -- drawing -----------------------------------------------------------------------

    def show_book(self, book: ContactBook) -> None:
        """The data changed (or was loaded): redraw what depends on it."""
        self._evidence_stale = True
        self._pending = self._find_pending(book)
        self.show_checklist()
        self.show_worries()
        self._draw_tabs()
        if self.part == "evidence":
            self.show_evidence()
        self.refresh_bindings()

    def _draw_tabs(self) -> None:
        tabs = Text(" ")
        for part, title in PARTS.items():
            label = f" {PART_KEYS[part]} {title} "
            if part == "evidence" and self._open_pending():
                count = len(self._open_pending())
                label = f" {PART_KEYS[part]} {title} ({count} to answer) "
            tabs.append(label, style="reverse bold" if part == self.part else "")
            tabs.append(" ")
        tabs.append("  b One-minute calm", style="dim")
        self.query_one("#checklist-tabs", Static).update(tabs)

    def show_checklist(self) -> None:
        draft = self.nc.current_draft
        heading = self.query_one("#checklist-heading", Static)
        if draft is None:
            key = None
            hints: list[HintLike] = []
            heading.update(Text.assemble((NO_DRAFT_HEADING, "bold"), "\n", (NO_DRAFT_NOTE, "dim")))
        else:
            key = (draft.contact_id, draft.kind.value)
            hints = list(self.nc.current_hints)
            entry = self.nc.book.get(draft.contact_id)
            name = entry.name if entry is not None else "them"
            words = MESSAGE_WORDS.get(draft.kind, "message")
            heading.update(
                Text.assemble(
                    ("Before you send your ", "bold"),
                    (words, "bold"),
                    (" to ", "bold"),
                    (name, "bold"),
                    "\n",
                    ("The coach ticked what it could check in your draft; the rest is yours.", "dim"),
                )
            )
        panel = self.query_one("#checklist-panel", ChecklistPanel)
        choices = panel.choices if key == self._choices_for else {}  # a new draft starts afresh
        self._choices_for = key
        panel.show(self.nc.checklist, hints, choices)

    def show_worries(self) -> None:
        rows = self.query_one("#worry-list", RowList)
        rows.set_rows([worry.id for worry in self.nc.worries.items])
        rows.refresh()

    def _render_worry(self, index: int, width: int) -> Text:
        worries = self.nc.worries.items
        if index >= len(worries):
            return Text("")
        return padded(Text.assemble("  ", worries[index].worry), width)

    def _show_answer(self, found: WorryAnswer) -> None:
        self.worry_answer = found
        out = Text()
        out.append(found.worry, style="bold")
        out.append("\n")
        out.append(found.reframe)
        out.append("\n\n")
        out.append("Next step: ", style="bold")
        out.append(found.next_step)
        self.query_one("#worry-answer", Static).update(out)
        self.query_one("#worry-answer-scroll", VerticalScroll).scroll_home(animate=False)

    def show_evidence(self) -> None:
        if self._evidence_stale:
            self._evidence_stale = False
            self.query_one("#evidence-text", Static).update(self._evidence_text())
        self._draw_outcome()

    def _evidence_text(self) -> RenderableType:
        title = Text()
        title.append("Your evidence", style="bold")
        title.append(": from your own messages, not from your worries.", style="dim")
        if not self.nc.loaded:
            return Group(title, Text("Loading…"))
        contacts = [entry.view for entry in self.nc.book.entries()]  # views carry every prediction
        figures = evidence(contacts, self.nc.today, self.nc.config.timing)
        bullets = Table.grid(padding=(0, 1))
        bullets.add_column(width=1)
        bullets.add_column(ratio=1)
        for line in evidence_lines(figures):
            bullets.add_row("•", Text(line))
        parts: list[RenderableType] = [title, bullets]
        chart = anxiety_chart(figures, width=20)
        if chart:
            shown = chart[-CHART_ROWS:]
            heading = Text(f"\nAnxiety before sending, by {figures.anxiety_period} (0-10)", style="bold")
            if len(chart) > len(shown):
                heading.append(f"  the last {len(shown)} of {len(chart)}", style="dim")
            parts.append(heading)
            parts += [Text(f"  {row}", no_wrap=True, overflow="ellipsis") for row in shown]
        return Group(*parts)

    # -- what happened? -----------------------------------------------------------------

    def _find_pending(self, book: ContactBook) -> list[_Pending]:
        entries = {entry.id: entry for entry in book.entries()}
        found = pending_for_all(
            ((entry.id, entry.view) for entry in entries.values()), self.nc.today, self.nc.config.timing
        )
        rows = [_Pending(key, entries[key].name, pending) for key, pending in found]
        still = {row.key for row in rows}
        self._answered &= still
        return rows

    def _open_pending(self) -> list[_Pending]:
        return [row for row in self._pending if row.key not in self._answered]

    def _draw_outcome(self) -> None:
        box = self.query_one("#outcome-box", Static)
        waiting = self._open_pending()
        if not waiting:
            box.display = False
            box.update("")
            return
        first = waiting[0]
        out = Text()
        out.append("What happened?", style="bold")
        if len(waiting) > 1:
            out.append(f"  (1 of {len(waiting)})", style="dim")
        out.append("\n")
        out.append(first.pending.question)
        out.append("\n")
        out.append_text(outcome_keys(suggested=first.pending.suggested))
        box.update(out)
        box.display = True

    def action_outcome(self, index: int) -> None:
        waiting = self._open_pending()
        if not waiting:
            return
        first = waiting[0]
        outcome, label = OUTCOME_CHOICES[index]
        self._answered.add(first.key)
        self.nc.update_contact(
            first.contact_id,
            outcome_change(first.pending.index, first.pending.interaction, outcome),
            f"Noted for {first.name}: {label.lower()}. Thank you: it all adds to your evidence.",
        )
        self._draw_outcome()
        self._draw_tabs()
        self.refresh_bindings()

    # -- parts and keys ------------------------------------------------------------------

    def claims_screen_keys(self) -> bool:
        """While "what happened?" is asked, 1-4 answer it instead of changing screens."""
        return self.part == "evidence" and bool(self._open_pending())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "outcome":
            return self.claims_screen_keys()
        if action == "leave_input":
            return self.focused is not None and self.focused.id == "worry-input"
        return True

    def action_part(self, part: str) -> None:
        if part not in PARTS:
            return
        self.part = part
        self.query_one(ContentSwitcher).current = f"part-{part}"
        if part == "items":
            self.set_focus(self.query_one("#checklist-items", RowList))
        elif part == "worries":
            self.set_focus(self.query_one("#worry-list", RowList))
        else:
            self.show_evidence()
            self.set_focus(self.query_one("#evidence-scroll", VerticalScroll))
        self._draw_tabs()
        self.refresh_bindings()

    def action_calm(self) -> None:
        self.app.push_screen(BreathingModal())

    def on_row_list_chosen(self, message: RowList.Chosen) -> None:
        if message.row_list.id != "worry-list":
            return
        worry = next((w for w in self.nc.worries.items if w.id == message.key), None)
        if worry is not None:
            self._show_answer(answer(worry))

    @on(Input.Submitted, "#worry-input")
    def _typed_worry(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            return
        self._show_answer(answer_worry(event.value, self.nc.worries))

    def action_leave_input(self) -> None:
        self.set_focus(self.query_one("#worry-list", RowList))

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "checklist: Before you send", "The pre-send checklist (c)", lambda: self.action_part("items")
        )
        yield SystemCommand(
            "checklist: Worries answered",
            "A kinder way to see it, and one next step (w)",
            lambda: self.action_part("worries"),
        )
        yield SystemCommand(
            "checklist: Your evidence",
            "What really happened to your messages (v)",
            lambda: self.action_part("evidence"),
        )
        yield SystemCommand(
            "checklist: One-minute calm", "Box breathing: in 4, hold 4, out 4, hold 4 (b)", self.action_calm
        )


def outcome_change(
    index: int, sent: Interaction | InteractionView, outcome: Outcome
) -> Callable[[Contact], Contact | None]:
    """The change for ``app.update_contact``: ``outcome`` on that ``sent``, found again on disk.

    The contact may have changed since the question was asked (another window logged
    something), so the message is looked for at its place first, then anywhere: the same
    day, the same prediction, and no outcome yet.
    """

    def same(item: Interaction) -> bool:
        return (
            item.kind is sent.kind
            and item.date == sent.date
            and item.expected == sent.expected
            and item.anxiety == sent.anxiety
            and item.outcome is None
        )

    def change(contact: Contact) -> Contact | None:
        interactions = contact.interactions
        if index < len(interactions) and same(interactions[index]):
            where: int | None = index
        else:
            where = next((i for i, item in enumerate(interactions) if same(item)), None)
        if where is None:
            return None  # it is gone, or already answered: nothing to record
        try:
            return record_outcome(contact, where, outcome)
        except ValueError:
            return None

    return change
