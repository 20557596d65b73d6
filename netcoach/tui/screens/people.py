"""Screens about people: the keys that act on the contact the user is on, and the lists of them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from textual.app import SystemCommand
from textual.binding import Binding
from textual.widgets import Static

from netcoach.book import Entry
from netcoach.model.kinds import Stage
from netcoach.timing.dates import long_date
from netcoach.tui.formatting import stage_note
from netcoach.tui.messages import (
    AddContact,
    ChangeContact,
    ContactSelected,
    DeleteContact,
    DraftRequested,
    MergeContacts,
    SaveEdit,
)
from netcoach.tui.screens.base import NetcoachScreen
from netcoach.tui.widgets.row_list import RowList

if TYPE_CHECKING:  # the validation library: not needed to show the lists (a quicker start)
    from netcoach.model.contact import Contact, Interaction


class PeopleScreen(NetcoachScreen):
    """A screen that acts on the contact the user is on: new, edit, log, snooze, stage, draft."""

    BINDINGS = [
        Binding("n", "new_contact", "New", id="netcoach.new", show=False),
        Binding("e", "edit", "Edit", id="netcoach.edit"),
        Binding("l", "log", "Log", id="netcoach.log"),
        Binding("s", "snooze", "Snooze", id="netcoach.snooze"),
        Binding("r", "reach_out_after", "Reach out after", id="netcoach.reach_out_after", show=False),
        Binding("a", "stage", "Stage", id="netcoach.stage", show=False),
        Binding("d", "draft", "Draft", id="netcoach.draft", show=False),
        Binding("p", "promise", "Promise", id="netcoach.promise", show=False),
        Binding("i", "introduce", "Introduce to…", id="netcoach.introduce", show=False),
        Binding("X", "delete_contact", "Delete contact", id="netcoach.delete_contact", show=False),
        Binding("M", "merge", "Merge with…", id="netcoach.merge", show=False),
    ]
    CONTACT_ACTIONS = frozenset(
        {
            "edit",
            "log",
            "snooze",
            "reach_out_after",
            "stage",
            "draft",
            "delete_contact",
            "merge",
            "timeline",
            "promise",
            "introduce",
        }
    )
    OPENS_CONTACTS: ClassVar[bool] = True
    """Offers "contact: Open" (not on the screen that already shows one contact)."""

    def selected_entry(self) -> Entry | None:
        """The contact the user is on, for the actions that need one."""
        return None

    def palette_commands(self) -> Iterable[SystemCommand]:
        """The contact commands ("contact: Log an interaction"); those about one contact only with one."""
        yield SystemCommand("contact: New", "Add someone you met (n)", self.action_new_contact)
        yield SystemCommand("who: Who can help with…", "The people who could help, and why", self.who_can_help)
        entry = self.selected_entry()
        if entry is None:
            return
        name = entry.name
        if self.OPENS_CONTACTS:
            yield SystemCommand(
                "contact: Open", f"Everything about {name} (Enter)", lambda: self.open_contact(entry.id)
            )
        yield SystemCommand("contact: Draft a message", f"Write to {name}, with coaching (d)", self.action_draft)
        yield SystemCommand(
            "contact: Log an interaction", f"A message, meeting or call with {name} (l)", self.action_log
        )
        yield SystemCommand(
            "contact: Add a promise", f"Something you or {name} said you would do (p)", self.action_promise
        )
        yield SystemCommand(
            "contact: Introduce to…",
            f"Ask {name} first: would they like an intro to someone? (i)",
            self.action_introduce,
        )
        yield SystemCommand("contact: Edit", f"Change {name}'s details (e)", self.action_edit)
        if not self.OPENS_CONTACTS:
            yield SystemCommand(
                "contact: Correct the timeline",
                f"Edit or delete something logged with {name} (t)",
                self.action_timeline,
            )
        yield SystemCommand("contact: Snooze", f"Hide {name} until a date (s)", self.action_snooze)
        yield SystemCommand(
            "contact: Reach out after", f"A date {name} gave you, e.g. back from leave (r)", self.action_reach_out_after
        )
        yield SystemCommand("contact: Change stage", "Archive, not now, resting... (a)", self.action_stage)
        yield SystemCommand(
            "contact: Merge with…", f"{name} entered twice? Bring the other into {name} (M)", self.action_merge
        )
        yield SystemCommand(
            "contact: Delete", f"Remove {name} (asks first; u brings them back) (X)", self.action_delete_contact
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.app.return_code is not None:
            return False  # quitting: a key typed right after q must not open a form on the way out
        if action in self.CONTACT_ACTIONS and self.selected_entry() is None:
            return None  # shown dimmed: there is no contact to act on
        return True

    # -- actions on the selected contact -----------------------------------------------

    def action_draft(self) -> None:
        entry = self.selected_entry()
        if entry is not None:
            self.post_message(DraftRequested(entry.id))

    def action_new_contact(self, met_at: str = "", met_on: dt.date | None = None) -> None:
        from netcoach.book import same_name_words
        from netcoach.tui.dialogs.new_contact import NewContact, NewContactForm

        today = self.nc.today

        def same_names(name: str) -> str:
            return same_name_words(self.nc.book.named_like(name), today)

        def done(new: NewContact | None) -> None:
            if new is None:
                return
            self.post_message(AddContact(new.contact))
            if new.another:  # the next business card from the same event: where and when kept
                self.action_new_contact(new.contact.met_at, new.contact.met_on)

        self.app.push_screen(NewContactForm(today, same_names, self.nc.book, met_at=met_at, met_on=met_on), done)

    def action_edit(self) -> None:
        from netcoach.tui.dialogs.contact_form import ContactForm

        entry = self.selected_entry()
        if entry is None:
            return
        record = self.nc.book.record(entry.id)
        if record is None:
            self.notify(f"{entry.name}'s file could not be read.", severity="error", markup=False)
            return

        def done(contact: Contact | None) -> None:
            if contact is not None:
                self.post_message(SaveEdit(record, contact))

        self.app.push_screen(ContactForm(record.contact, self.nc.today, self.nc.book), done)

    def action_log(self) -> None:
        from netcoach.model.changes import log_interaction
        from netcoach.tui.dialogs.log_form import LogForm

        entry = self.selected_entry()
        if entry is None:
            return
        contact_id = entry.id

        def done(interaction: Interaction | None) -> None:
            if interaction is None:
                return
            now = self.nc.book.get(contact_id)
            name = now.name if now else "them"
            note = f"Logged {interaction.kind.value} with {name}, {long_date(interaction.date, self.nc.today)}."
            self.post_message(ChangeContact(contact_id, lambda c: log_interaction(c, interaction), note))

        self.app.push_screen(LogForm(entry.name, self.nc.today), done)

    def action_timeline(self) -> None:
        """Everything logged with the contact: Enter corrects one interaction, x deletes it (after y/n)."""
        from netcoach.model.changes import replace_interaction
        from netcoach.tui.dialogs.confirm import ConfirmModal
        from netcoach.tui.dialogs.log_form import LogForm
        from netcoach.tui.dialogs.timeline import TimelineChoice, TimelineModal, timeline_row

        entry = self.selected_entry()
        record = self.nc.book.record(entry.id) if entry is not None else None
        if entry is None or record is None:
            return
        contact_id, name, today = entry.id, entry.name, self.nc.today
        if not record.contact.interactions:
            self.notify(f"Nothing is logged with {name} yet: l logs something.", markup=False, timeout=4)
            return

        def change_to(old: Interaction, new: Interaction | None, note: str) -> None:
            self.post_message(ChangeContact(contact_id, lambda c: replace_interaction(c, old, new), note))

        def corrected(old: Interaction, new: Interaction | None) -> None:
            if new is not None and new != old:
                change_to(old, new, f"Corrected {new.kind.value} with {name}, {long_date(new.date, today)}.")

        def deleting(old: Interaction, yes: bool | None) -> None:
            if yes:
                change_to(old, None, f"Deleted {old.kind.value} with {name}, {long_date(old.date, today)}.")

        def chosen(choice: TimelineChoice | None) -> None:
            if choice is None:
                return
            old = choice.interaction
            if choice.action == "edit":
                self.app.push_screen(LogForm(name, today, original=old), lambda new: corrected(old, new))
                return
            question = f"Delete this from {name}'s timeline? {timeline_row(old, today).plain} (u brings it back)"
            self.app.push_screen(ConfirmModal(question, yes="Delete", no="Keep"), lambda yes: deleting(old, yes))

        self.app.push_screen(TimelineModal(name, record.contact.interactions, today), chosen)

    def action_promise(self) -> None:
        from netcoach.tui.promising import ask_promise

        entry = self.selected_entry()
        if entry is not None:
            ask_promise(self, entry.id, entry.name)

    def who_can_help(self) -> None:
        from netcoach.tui.dialogs.who_can_help import WhoCanHelp

        def chosen(contact_id: str | None) -> None:
            if contact_id is not None:
                self.open_contact(contact_id)

        events = {event.id: event.name for event in self.nc.events.views or self.nc.events.reload()}
        self.app.push_screen(WhoCanHelp(self.nc.book, events), chosen)

    def action_introduce(self) -> None:
        from netcoach.tui.introducing import ask_introduction

        entry = self.selected_entry()
        if entry is not None:
            ask_introduction(self, entry.id, entry.name)

    def _ask_date(self, title: str, field: str, done_note: str) -> None:
        from netcoach.tui.dialogs.date import DateChoice, DateModal

        entry = self.selected_entry()
        if entry is None:
            return
        contact_id, name = entry.id, entry.name
        today = self.nc.today
        current = getattr(entry.view, field)

        def done(choice: DateChoice | None) -> None:
            if choice is None:
                return
            day = choice.day

            def change(contact: Contact) -> None:
                setattr(contact, field, day)

            note = done_note.format(name=name, day=long_date(day, today)) if day else f"Cleared for {name}."
            self.post_message(ChangeContact(contact_id, change, note))

        self.app.push_screen(DateModal(title.format(name=name), today, current), done)

    def action_snooze(self) -> None:
        self._ask_date("Snooze {name} until…", "snoozed_until", "Snoozed {name} until {day}.")

    def action_reach_out_after(self) -> None:
        self._ask_date(
            "They said: reach out to {name} after…", "reach_out_after", "You will reach out to {name} after {day}."
        )

    def action_stage(self) -> None:
        from netcoach.tui.dialogs.stage import StageModal

        entry = self.selected_entry()
        if entry is None:
            return
        contact_id, name, current = entry.id, entry.name, entry.view.stage

        def done(stage: Stage | None) -> None:
            if stage is None or stage is current:
                return  # Enter on the stage they already had: nothing chosen, nothing written or said

            def change(contact: Contact) -> None:
                contact.stage = stage

            self.post_message(ChangeContact(contact_id, change, stage_note(name, stage.value)))

        self.app.push_screen(StageModal(name, entry.view.stage), done)

    def action_delete_contact(self) -> None:
        from netcoach.tui.dialogs.confirm import ConfirmModal

        entry = self.selected_entry()
        if entry is None:
            return
        contact_id = entry.id

        def done(yes: bool | None) -> None:
            if yes:
                self.post_message(DeleteContact(contact_id))

        question = f"Delete {entry.name} and everything logged with them? (u brings them back)"
        self.app.push_screen(ConfirmModal(question, yes="Delete", no="Keep"), done)

    def action_merge(self) -> None:
        from netcoach.tui.dialogs.confirm import ConfirmModal
        from netcoach.tui.dialogs.pick_contact import PickContact

        entry = self.selected_entry()
        if entry is None:
            return
        keep_id, keep_name = entry.id, entry.name

        def confirmed(yes: bool | None, other_id: str) -> None:
            if yes:
                self.post_message(MergeContacts(keep_id, other_id))

        def picked(other_id: str | None) -> None:
            other = self.nc.book.get(other_id) if other_id else None
            if other is None:
                return
            question = (
                f"Merge {other.name} into {keep_name}? What {other.name} has moves to {keep_name} "
                f"(interactions, details, tags), and {other.name} is removed. (u splits them again)"
            )
            self.app.push_screen(ConfirmModal(question, yes="Merge", no="Cancel"), lambda yes: confirmed(yes, other.id))

        self.app.push_screen(PickContact(f"Merge whom into {keep_name}?", self.nc.book, keep_id), picked)

    def open_contact(self, contact_id: str) -> None:
        from netcoach.tui.screens.contact import ContactScreen

        if self.nc.book.get(contact_id) is not None:
            self.app.push_screen(ContactScreen(contact_id))


class ListScreen(PeopleScreen):
    """A list of people (Today, Contacts): the cursor's row is the contact the user is on.

    From 120 columns a side panel (class ``side-panel``) shows a card about them.
    """

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]

    def selected_entry(self) -> Entry | None:
        """The list's cursor row."""
        lists = self.query(RowList)
        key = lists.first().current_key if lists else None
        return self.nc.book.get(key) if key else None

    def show_selected(self) -> None:
        """Show the contact under the cursor, and tell the app the user is on them."""
        entry = self.selected_entry()
        if entry is not None:
            self.post_message(ContactSelected(entry.id))
        self.draw_selected(entry)

    def draw_selected(self, entry: Entry | None) -> None:
        """Draw what the screen shows about the contact under the cursor (``entry``)."""

    def show_card(self, side: Static, entry: Entry | None) -> None:
        """The side panel's card about ``entry``. The panel shows from 120 columns; narrower, it
        stays empty, so moving the cursor never reads a whole contact for nothing."""
        from netcoach.tui.widgets.contact_card import contact_card

        record = self.nc.book.record(entry.id) if entry is not None and self.has_class("-wide") else None
        side.update(contact_card(entry, record.contact, self.nc.today) if entry is not None and record else "")

    # -- events ------------------------------------------------------------------------

    def on_row_list_highlighted(self, message: RowList.Highlighted) -> None:
        self.show_selected()
        self.refresh_bindings()

    def on_row_list_chosen(self, message: RowList.Chosen) -> None:
        self.open_contact(message.key)

    def on_resize(self) -> None:
        self.show_selected()  # the side panel may have appeared
