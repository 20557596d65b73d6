"""The Checklist screen (key 4): the pre-send checklist, worries answered, the user's own evidence, a calm minute.

Everything the user wrote (names, worries, hint messages, marker text) is shown as plain
Rich ``Text``, never as markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import ContentSwitcher, Input, Static

from netcoach.book import ContactBook
from netcoach.coach.checklist import HintLike, WorryAnswer, answer, answer_worry
from netcoach.coach.event_evidence import event_evidence, event_evidence_summary
from netcoach.coach.evidence import OUTCOME_CHOICES, anxiety_chart, evidence, evidence_lines
from netcoach.coach.outcomes import PendingOutcome, outcome_change, pending_for_all
from netcoach.model.kinds import MessageKind
from netcoach.tui.dialogs.breathing import BreathingModal
from netcoach.tui.formatting import padded
from netcoach.tui.messages import ChangeContact
from netcoach.tui.screens.base import NetcoachScreen, footer
from netcoach.tui.widgets.checklist_panel import ChecklistPanel
from netcoach.tui.widgets.outcome_keys import OUTCOME_KEYS, outcome_keys
from netcoach.tui.widgets.row_list import RowList
from netcoach.tui.widgets.worry_input import WorryInput

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


class WorryRows(RowList):
    """The worries: Enter shows the answer."""

    BINDINGS = [Binding("enter", "choose", "Answer", id="netcoach.open")]


PARTS = {"items": "Checklist", "worries": "Worries", "evidence": "Evidence"}
PART_KEYS = {"items": "c", "worries": "w", "evidence": "v"}
ANSWER_GROUP = Binding.Group("Answer", compact=True)

ASK_WORRY = "dont_know_what_to_ask"
"""The worry whose exercise ends in one sentence the app offers to keep as ``[user] looking_for``."""
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


class ChecklistScreen(NetcoachScreen):
    """Key 4: the pre-send checklist (c), worries answered (w), your evidence (v), and a calm minute (b)."""

    AUTO_FOCUS = "#checklist-items"
    DRAWS_BEFORE_LOADED = True  # the checklist and the worries need nobody read
    BINDINGS = [
        # The tab bar at the top names c, w, v and b: the key bar keeps room for the screens and help.
        Binding("c", "part('items')", "Checklist", id="netcoach.checklist.items", show=False),
        Binding("w", "part('worries')", "Worries", id="netcoach.checklist.worries", show=False),
        Binding("v", "part('evidence')", "Evidence", id="netcoach.checklist.evidence", show=False),
        Binding("b", "calm", "One-minute calm", id="netcoach.checklist.calm", show=False),
        Binding("escape", "leave_input", "To the list", id="netcoach.checklist.leave_input"),
        Binding("down", "leave_input", "To the list", id="netcoach.checklist.to_worry_list", show=False),
        Binding("escape", "close_question", "Not now", id="netcoach.checklist.close_question"),
        Binding("s", "say_what_you_want", "Say what you want", id="netcoach.checklist.looking_for"),
        *(
            Binding(
                key,
                f"outcome({number})",
                f"It was: {label.lower()}",
                id=f"netcoach.checklist.outcome_{outcome.value}",
                group=ANSWER_GROUP,
            )
            for number, ((outcome, label), key) in enumerate(zip(OUTCOME_CHOICES, OUTCOME_KEYS, strict=True))
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.part = "items"
        self._choices_for: tuple[str, str] | None = None
        self._pending: list[_Pending] = []
        self._answered: set[tuple[str, int, str]] = set()
        self._evidence_stale = True
        self._question_closed = False
        """Esc closed "what happened?" unanswered; it is asked again when the Evidence part is opened."""
        self.worry_answer: WorryAnswer | None = None

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
                yield WorryInput(placeholder="type your own worry, then Enter (↓ or Esc: the list)", id="worry-input")
                with VerticalScroll(id="worry-answer-scroll"):
                    yield Static(WORRY_PROMPT, id="worry-answer", markup=False)
            with Vertical(id="part-evidence"):
                with VerticalScroll(id="evidence-scroll"):
                    yield Static(id="evidence-text", markup=False)
                yield Static(id="outcome-box", markup=False)
        yield footer()

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
        self.refresh_bindings()  # "s Say what you want" shows after the what-to-ask worry only
        out = Text()
        out.append(found.worry, style="bold")
        out.append("\n")
        out.append(found.reframe)
        out.append("\n\n")
        out.append("Next step: ", style="bold")
        out.append(found.next_step)
        if found.worry_id == ASK_WORRY:
            out.append("\n\nPress s to say it now and keep it.", style="bold")
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
        events = self.nc.events.views or self.nc.events.reload()
        rooms = event_evidence(events, [(entry.id, entry.view) for entry in self.nc.book.entries()], self.nc.today)
        for line in evidence_lines(figures) + event_evidence_summary(rooms):
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
        if not waiting or self._question_closed:
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
        out.append("  Esc not now", style="dim")
        box.update(out)
        box.display = True

    def asking(self) -> bool:
        """Is "what happened?" on screen (the Evidence part, something to answer, not closed)?"""
        return self.part == "evidence" and not self._question_closed and bool(self._open_pending())

    def action_outcome(self, index: int) -> None:
        waiting = self._open_pending()
        if not waiting or not self.asking():
            return
        first = waiting[0]
        outcome, label = OUTCOME_CHOICES[index]
        self._answered.add(first.key)
        index, sent = first.pending.index, first.pending.interaction
        self.post_message(
            ChangeContact(
                first.contact_id,
                lambda contact: outcome_change(contact, index, sent, outcome),
                f"Noted for {first.name}: {label.lower()}. Thank you: it all adds to your evidence.",
            )
        )
        self._draw_outcome()
        self._draw_tabs()
        self.refresh_bindings()

    # -- parts and keys ------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        typing = self.focused is not None and self.focused.id == "worry-input"
        if action in ("outcome", "close_question"):
            return self.asking() and not typing  # n p r h answer; the digits still change screens
        if action == "leave_input":
            return typing
        if action == "say_what_you_want":  # after the what-to-ask worry's exercise, not while typing
            answered = self.worry_answer is not None and self.worry_answer.worry_id == ASK_WORRY
            return answered and self.part == "worries" and not isinstance(self.focused, Input)
        return True

    def action_close_question(self) -> None:
        """Esc: close "what happened?" unanswered (nothing is written)."""
        self._question_closed = True
        self._draw_outcome()
        self.refresh_bindings()

    def action_say_what_you_want(self) -> None:
        from netcoach.tui.wanting import ask_looking_for

        ask_looking_for(self)

    def action_part(self, part: str) -> None:
        if part not in PARTS:
            return
        self.part = part
        self.query_one(ContentSwitcher).current = f"part-{part}"
        if part == "items":
            self.set_focus(self.query_one("#checklist-items", RowList))
        elif part == "worries":  # type a worry at once; Esc or down: the list (and c, v, b)
            self.set_focus(self.query_one("#worry-input", Input))
        else:
            self._question_closed = False
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
