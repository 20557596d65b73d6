"""What every netcoach screen shares: access to the app's book, and a refresh when it changes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static

from netcoach.book import ContactBook, Entry
from netcoach.model.contact import Contact, Interaction, Stage
from netcoach.timing.dates import long_date
from netcoach.tui.row_list import RowList

if TYPE_CHECKING:
    from netcoach.tui.app import NetcoachApp


class ContactScreenMarker:
    """Marks the screen that already shows one contact (no "Open" command there)."""


class NetcoachScreen(Screen[None]):
    """A screen that shows the contact book, redraws when it changes, and acts on the selected contact."""

    BINDINGS = [
        Binding("n", "new_contact", "New", id="netcoach.new", show=False),
        Binding("e", "edit", "Edit", id="netcoach.edit"),
        Binding("l", "log", "Log", id="netcoach.log"),
        Binding("s", "snooze", "Snooze", id="netcoach.snooze"),
        Binding("r", "reach_out_after", "Reach out after", id="netcoach.reach_out_after", show=False),
        Binding("a", "stage", "Stage", id="netcoach.stage", show=False),
        Binding("d", "draft", "Draft", id="netcoach.draft", show=False),
    ]
    CONTACT_ACTIONS = frozenset({"edit", "log", "snooze", "reach_out_after", "stage", "draft"})

    @property
    def nc(self) -> NetcoachApp:
        return cast("NetcoachApp", self.app)

    def on_mount(self) -> None:
        self.nc.book_changed.subscribe(self, self.show_book)
        if self.nc.loaded:
            self.show_book(self.nc.book)

    def show_book(self, book: ContactBook) -> None:
        """Redraw from ``book`` without losing the user's place."""

    def selected_entry(self) -> Entry | None:
        """The contact the user is on, for the actions that need one: the list's cursor row."""
        lists = self.query(RowList)
        key = lists.first().current_key if lists else None
        return self.nc.book.get(key) if key else None

    def show_card(self, side: Static, entry: Entry | None) -> None:
        """The side panel's card about ``entry``. The panel shows from 120 columns; narrower, it
        stays empty, so moving the cursor never reads a whole contact for nothing."""
        from netcoach.tui.contact_card import contact_card

        record = self.nc.book.record(entry.id) if entry is not None and self.has_class("-wide") else None
        side.update(contact_card(entry, record.contact, self.nc.today) if entry is not None and record else "")

    def palette_commands(self) -> Iterable[SystemCommand]:
        """This screen's commands for the palette ("group: Action"); contact ones only with a contact."""
        yield SystemCommand("contact: New", "Add someone you met (n)", self.action_new_contact)
        entry = self.selected_entry()
        if entry is None:
            return
        name = entry.name
        if not isinstance(self, ContactScreenMarker):
            yield SystemCommand(
                "contact: Open", f"Everything about {name} (Enter)", lambda: self.open_contact(entry.id)
            )
        yield SystemCommand("contact: Draft a message", f"Write to {name}, with coaching (d)", self.action_draft)
        yield SystemCommand(
            "contact: Log an interaction", f"A message, meeting or call with {name} (l)", self.action_log
        )
        yield SystemCommand("contact: Edit", f"Change {name}'s details (e)", self.action_edit)
        yield SystemCommand("contact: Snooze", f"Hide {name} until a date (s)", self.action_snooze)
        yield SystemCommand(
            "contact: Reach out after", f"A date {name} gave you, e.g. back from leave (r)", self.action_reach_out_after
        )
        yield SystemCommand("contact: Change stage", "Archive, not now, resting... (a)", self.action_stage)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.app.return_code is not None:
            return False  # quitting: a key typed right after q must not open a form on the way out
        if action in self.CONTACT_ACTIONS and self.selected_entry() is None:
            return None  # shown dimmed: there is no contact to act on
        return True

    # -- actions on the selected contact -----------------------------------------------

    def remember_selection(self) -> None:
        """Tell the app who the user is on, so key 3 drafts to them."""
        entry = self.selected_entry()
        if entry is not None:
            self.nc.current_contact_id = entry.id

    def action_draft(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        self.nc.current_contact_id = entry.id
        self.app.switch_mode("draft")

    def action_new_contact(self) -> None:
        from netcoach.tui.forms import ContactForm

        def done(contact: Contact | None) -> None:
            if contact is not None:
                self.nc.add_contact(contact)

        self.app.push_screen(ContactForm(None, self.nc.today), done)

    def action_edit(self) -> None:
        from netcoach.tui.forms import ContactForm

        entry = self.selected_entry()
        if entry is None:
            return
        record = self.nc.book.record(entry.id)
        if record is None:
            self.notify(f"{entry.name}'s file could not be read.", severity="error", markup=False)
            return

        def done(contact: Contact | None) -> None:
            if contact is not None:
                self.nc.save_edit(record, contact)

        self.app.push_screen(ContactForm(record.contact, self.nc.today), done)

    def action_log(self) -> None:
        from netcoach.tui.forms import LogForm

        entry = self.selected_entry()
        if entry is None:
            return
        contact_id = entry.id

        def done(interaction: Interaction | None) -> None:
            if interaction is not None:
                self.nc.log_with(contact_id, interaction)

        self.app.push_screen(LogForm(entry.name, self.nc.today), done)

    def _ask_date(self, title: str, field: str, verb: str) -> None:
        from netcoach.tui.modals import DateChoice, DateModal

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

            note = f"{verb} {name} until {long_date(day, today)}." if day else f"Cleared for {name}."
            self.nc.update_contact(contact_id, change, note)

        self.app.push_screen(DateModal(title.format(name=name), today, current), done)

    def action_snooze(self) -> None:
        self._ask_date("Snooze {name} until…", "snoozed_until", "Snoozed")

    def action_reach_out_after(self) -> None:
        self._ask_date("They said: reach out to {name} after…", "reach_out_after", "Holding")

    def action_stage(self) -> None:
        from netcoach.tui.modals import StageModal

        entry = self.selected_entry()
        if entry is None:
            return
        contact_id, name = entry.id, entry.name

        def done(stage: Stage | None) -> None:
            if stage is None:
                return

            def change(contact: Contact) -> None:
                contact.stage = stage

            self.nc.update_contact(contact_id, change, f"{name} is now {stage.value.replace('_', ' ')}.")

        self.app.push_screen(StageModal(name, entry.view.stage), done)

    def open_contact(self, contact_id: str) -> None:
        from netcoach.tui.contact import ContactScreen

        if self.nc.book.get(contact_id) is not None:
            self.app.push_screen(ContactScreen(contact_id))


def kind_words(kind: str) -> str:
    return kind.replace("_", " ")


def padded(text: str | Text, width: int) -> Text:
    """A column of exactly ``width`` cells: the text, cut with an ellipsis if needed, then at least one space."""
    out = text.copy() if isinstance(text, Text) else Text(text)
    room = max(width - 1, 0)
    if out.cell_len > room:
        out.truncate(max(room - 1, 0))
        out.append("…")
    out.pad_right(width - out.cell_len)
    return out


def footer() -> Footer:
    """The key bar: compact, so the keys that matter fit in 80 columns."""
    return Footer(compact=True, show_command_palette=False)
