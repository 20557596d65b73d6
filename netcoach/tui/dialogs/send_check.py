"""The check shown before **Mark as sent** on a draft: the checklist, and an optional prediction.

It returns what the user expects and how anxious they feel (:class:`SendDecision`). The
contact's name and the hints are shown as plain Text, never markup.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from netcoach.coach.checklist import ChecklistItem, HintLike
from netcoach.coach.evidence import OUTCOME_CHOICES
from netcoach.model.kinds import Outcome
from netcoach.tui.dialogs.keys import CANCEL
from netcoach.tui.widgets.checklist_panel import ChecklistPanel
from netcoach.tui.widgets.keys_in_order import InOrderInput
from netcoach.tui.widgets.outcome_keys import OUTCOME_KEYS, outcome_keys
from netcoach.tui.widgets.row_list import RowList


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
                key,
                f"expect({number})",
                f"I expect: {label.lower()}",
                id=f"netcoach.send_check.expect_{outcome.value}",
                group=EXPECT_GROUP,
            )
            for number, ((outcome, label), key) in enumerate(zip(OUTCOME_CHOICES, OUTCOME_KEYS, strict=True))
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
                yield InOrderInput(placeholder="0-10", restrict=r"[0-9]*", max_length=2, id="send-anxiety-input")
            yield Static(
                "Enter mark as sent · space tick · n p r h expect · 0-10 anxious · Esc back",
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

    def on_key(self, event: events.Key) -> None:
        """A digit typed anywhere in the dialog is the anxiety number (0-10; 1 then 0 is 10): it goes to
        its box, and the focus stays where it was (n p r h, space and Enter keep working)."""
        box = self.query_one("#send-anxiety-input", Input)
        digit = event.character
        if digit is not None and digit in "0123456789" and len(digit) == 1 and self.focused is not box:
            event.stop()
            event.prevent_default()
            box.value = "10" if (box.value, digit) == ("1", "0") else digit

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
