"""The Draft screen's last step: **Mark as sent**, after the checklist, and what comes next.

Once sent, the screen says so and when the next step would be ("Sent to Priya, 2 December · if
no reply, a nudge on 9 December", the date from the timing engine), and offers the next person
due (n) instead of a fresh draft to the same person.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.binding import Binding
from textual.timer import Timer

from netcoach.coach.drafts import Draft, after_sending, delete_draft, log_sent, sent_interaction, summary_of
from netcoach.coach.hints import Hint
from netcoach.coach.outcomes import record_prediction
from netcoach.model.contact import Contact
from netcoach.storage.errors import StoreError
from netcoach.timing.dates import long_date
from netcoach.timing.engine import FollowUp
from netcoach.tui.formatting import kind_words
from netcoach.tui.messages import ChangeContact, ContactSelected, DraftChanged
from netcoach.tui.promising import offer_promises
from netcoach.tui.screens.base import NetcoachScreen

if TYPE_CHECKING:
    from netcoach.tui.dialogs.send_check import SendDecision


@dataclass(frozen=True)
class Sent:
    """A message just marked as sent: to whom, when, what the engine suggests next, and who is next due."""

    contact_id: str
    first_name: str
    on: dt.date
    after: FollowUp | None
    next_id: str | None
    next_name: str


def sent_words(sent: Sent, today: dt.date) -> str:
    """'Sent to Priya, 2 December · if no reply, a nudge on 9 December'."""
    text = f"Sent to {sent.first_name}, {long_date(sent.on, today)}"
    after = sent.after
    if after is None:
        return text + " · nothing more is due for now"
    when = long_date(after.due, today)
    if after.kind.value == "nudge":
        return text + f" · if no reply, a nudge on {when}"
    return text + f" · next, {kind_words(after.kind.value)} on {when}"


class SendingScreen(NetcoachScreen):
    """Mark as sent (m) and, once sent, the next person due (n). The Draft screen is one."""

    BINDINGS = [Binding("n", "next_person", "Next person", id="netcoach.draft.next")]

    contact_id: str | None
    draft: Draft | None
    hints: list[Hint]
    _autosave: Timer | None
    _unsaved: bool
    sent: Sent | None = None
    """The message just sent, while its note is shown (None once the user moves on)."""

    def contact(self) -> Contact | None:
        raise NotImplementedError

    def open_for(self, contact_id: str | None) -> None:
        raise NotImplementedError

    def _show_message(self, head: str | Text, message: str) -> None:
        raise NotImplementedError

    def action_mark_sent(self) -> None:
        if self.draft is None:
            return
        contact = self.contact()
        if contact is None:
            return
        if not self.nc.config.ask_before_send:
            self._send(None)
            return
        from netcoach.tui.dialogs.send_check import SendCheckModal

        self.app.push_screen(SendCheckModal(contact.name, self.nc.checklist, self.hints), self._send_if_decided)

    def _send_if_decided(self, decision: SendDecision | None) -> None:
        if decision is not None:
            self._send(decision)

    def _send(self, decision: SendDecision | None) -> None:
        draft = self.draft
        contact = self.contact()
        if draft is None or contact is None or self.contact_id is None:
            return
        today = self.nc.today
        interaction = sent_interaction(draft, today)
        if decision is not None:
            interaction = record_prediction(interaction, decision.expected, decision.anxiety)
        if self._autosave is not None:
            self._autosave.stop()
        self._unsaved = False
        contact_id = self.contact_id
        name = contact.name
        kind = draft.kind
        self.post_message(
            ChangeContact(
                contact_id,
                lambda c: log_sent(c, interaction, kind, today),
                f"Logged your message to {name} ({summary_of(draft)}). That was the hard part.",
            )
        )
        self._forget_draft(contact_id)
        nxt = self.nc.book.next_due(besides=contact_id)
        self.sent = Sent(
            contact_id,
            contact.first_name,
            interaction.date,
            after_sending(contact, interaction, today, self.nc.config.timing),
            nxt.id if nxt is not None else None,
            nxt.name if nxt is not None else "",
        )
        self.draft = None
        self.contact_id = None
        self.post_message(DraftChanged(None))
        offer_promises(self, contact_id, name, draft.body)  # "I'll send it by Friday": record it?
        self.show_sent()

    def show_sent(self) -> None:
        """The note about the message just sent, and who is next."""
        sent = self.sent
        if sent is None:
            return
        if sent.next_id is not None:
            then = f"Next due: {sent.next_name}. Press n to write to them, or take a break."
        else:
            then = "Nobody else is due today. Well done: take a break."
        self._show_message(Text(sent_words(sent, self.nc.today), style="bold"), f"That was the hard part.\n\n{then}")

    def action_next_person(self) -> None:
        """Write to the next person due (offered once a message is sent)."""
        sent = self.sent
        if sent is None or sent.next_id is None:
            return
        self.sent = None
        self.post_message(ContactSelected(sent.next_id))
        self.open_for(sent.next_id)

    @work(thread=True, group="draft-save")
    def _forget_draft(self, contact_id: str) -> None:
        try:
            delete_draft(self.nc.store, contact_id)
        except StoreError as error:
            self.app.call_from_thread(self.notify, str(error), severity="warning", markup=False)
