"""Logging a message, meeting, call or note. Dismisses with the Interaction, or None.

The user chooses what happened: nothing is chosen beforehand, the focus starts on that choice,
and one stray Enter never saves (Enter saves only once a kind is chosen; ctrl+s says what is
missing). The fields shown follow the kind: "waits for a reply" only for a message sent.
"""

from __future__ import annotations

import datetime as dt

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Footer, Input, Select, Static

from netcoach.model.contact import Interaction
from netcoach.model.kinds import Channel, InteractionKind
from netcoach.timing.dates import PAST, parse_date
from netcoach.tui.dialogs.form import FormScreen, error_text, said_dates
from netcoach.tui.widgets.form_field import Field
from netcoach.tui.widgets.keys_in_order import InOrderInput

KIND_CHOICES = [
    ("I sent a message", InteractionKind.SENT),
    ("They wrote to me", InteractionKind.RECEIVED),
    ("We met (first time)", InteractionKind.MET),
    ("We had a meeting", InteractionKind.MEETING),
    ("We had a call", InteractionKind.CALL),
    ("A note to myself", InteractionKind.NOTE),
]

SUMMARY_HINTS = {
    InteractionKind.SENT: "thanks for the intro to the design team",
    InteractionKind.RECEIVED: "a reply about coffee next week",
    InteractionKind.MET: "talked about data visualisation",
    InteractionKind.MEETING: "coffee: advice on the portfolio",
    InteractionKind.CALL: "15 minutes about the open role",
    InteractionKind.NOTE: "something to remember",
}
"""The summary's example, by kind: no "her" or "him", nobody's words but the user's."""

CHOOSE_KIND = "choose what happened (Enter opens the list)"


class LogForm(FormScreen):
    """Log a message, meeting, call or note. Dismisses with the Interaction, or None."""

    def __init__(
        self, name: str, today: dt.date, kind: InteractionKind | None = None, *, original: Interaction | None = None
    ) -> None:
        super().__init__()
        self.contact_name = name
        self.today = today
        self.original = original
        """An interaction being corrected (its other details, e.g. a prediction, are kept), or None: a new one."""
        self.kind = original.kind if original is not None else kind

    def compose(self) -> ComposeResult:
        with Vertical(id="form-dialog", classes="small"):
            title = "Correct what happened with" if self.original is not None else "Log with"
            yield Static(f"{title} {self.contact_name}", id="form-title", markup=False)
            was = self.original
            with VerticalScroll(id="form-body"):
                yield Field(
                    "What happened *",
                    Select(
                        [(label, kind.value) for label, kind in KIND_CHOICES],
                        value=self.kind.value if self.kind is not None else Select.NULL,
                        prompt="(choose)",
                        allow_blank=True,
                    ),
                    "kind",
                )
                yesterday = self.today - dt.timedelta(days=1)
                yield Field(
                    "When",
                    InOrderInput(
                        (was.date if was else self.today).isoformat(),
                        placeholder="today, " + said_dates(yesterday, "yesterday"),
                    ),
                    "date",
                )
                yield Field(
                    "How",
                    Select(
                        [(c.value.replace("_", " "), c.value) for c in Channel],
                        prompt="(optional)",
                        value=was.channel.value if was and was.channel else Select.NULL,
                    ),
                    "channel",
                )
                yield Field(
                    "Summary",
                    InOrderInput(was.summary if was else "", placeholder="what it was about, in a few words"),
                    "summary",
                )
                yield Field(
                    "Does it wait for a reply?",
                    Select(
                        [
                            ("netcoach decides (yes until they have answered once)", "auto"),
                            ("Yes, a question was asked", "yes"),
                            ("No, nothing to answer", "no"),
                        ],
                        value={None: "auto", True: "yes", False: "no"}[was.awaiting_reply if was else None],
                        allow_blank=False,
                    ),
                    "awaiting",
                )
            yield Static("ctrl+s save · Esc cancel", id="form-keys", markup=False)
        yield Footer()

    def on_mount(self) -> None:  # FormScreen.on_mount runs too (Textual calls every class's handler)
        self._follow_kind()

    def first_focus(self) -> Widget | None:
        """What happened: the one choice the user must make."""
        found = self.query("#field-kind Select")
        return found.first() if found else None

    def chosen_kind(self) -> InteractionKind | None:
        value = self.values().get("kind", "")
        return InteractionKind(value) if value else None

    def _follow_kind(self) -> None:
        """Show the fields that mean something for the kind chosen, with an example that fits it."""
        kind = self.chosen_kind()
        self.query_one("#field-awaiting").display = kind is InteractionKind.SENT
        self.query_one("#field-channel").display = kind is not InteractionKind.NOTE
        summary = self.query_one("#field-summary Input", Input)
        summary.placeholder = SUMMARY_HINTS[kind] if kind else "what it was about, in a few words"

    def build(self) -> tuple[Interaction | None, dict[str, str]]:
        v = self.values()
        try:
            day = parse_date(v["date"], self.today, PAST) if v["date"].strip() else self.today
        except ValueError as error:
            return None, {"date": str(error)}
        if not v["kind"]:
            return None, {"kind": CHOOSE_KIND}
        kind = InteractionKind(v["kind"])
        awaiting = {"auto": None, "yes": True, "no": False}[v["awaiting"] or "auto"]
        try:
            kept = self.original.model_dump() if self.original is not None else {}  # e.g. a prediction
            interaction = Interaction.model_validate(
                {
                    **kept,
                    "date": day,
                    "kind": kind,
                    "channel": (v["channel"] or None) if kind is not InteractionKind.NOTE else None,
                    "summary": v["summary"],
                    "awaiting_reply": awaiting if kind is InteractionKind.SENT else None,
                }
            )
        except ValidationError as error:
            return None, error_text(error)
        return interaction, {}

    @on(Input.Changed)
    @on(Select.Changed)
    def _validate(self) -> None:
        self._follow_kind()
        _, errors = self.build()
        errors.pop("kind", None)  # not chosen yet is no mistake; saving says so
        self.show_errors(errors)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a text field saves only once what happened is chosen (a stray Enter saves nothing).
        It saves what was typed before Enter, not the keys typed after it."""
        if self.chosen_kind() is None:
            self.show_errors({"kind": CHOOSE_KIND})
            self.set_focus(self.query_one("#field-kind Select"))
            return
        with self.as_at_enter(event):
            self.action_save()

    def action_save(self) -> None:
        interaction, errors = self.build()
        self.show_errors(errors)
        if interaction is not None:
            self.dismiss(interaction)
        elif "kind" in errors:
            self.set_focus(self.query_one("#field-kind Select"))
