"""The netcoach app: Today, Contacts, a contact's story, Draft, Checklist, and the forms to change them.

The app owns the shared state (the book, the contact the user is on, the draft being written) and
every write. Screens read it and post messages (netcoach.tui.messages); the handlers here change it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
import os
import signal
import threading
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import Command, CommandPalette
from textual.filter import LineFilter
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.signal import Signal
from textual.widgets import Input, TextArea

from netcoach.book import QUICK_READS, ContactBook, due_soon_first
from netcoach.model.problem import FileProblem, Problem
from netcoach.model.text import terminal_safe
from netcoach.model.view import ContactView
from netcoach.storage.config import Config
from netcoach.storage.errors import StoreError
from netcoach.storage.reader import HeldRead
from netcoach.storage.store import Store
from netcoach.themes import (
    LoadedTheme,
    load_themes,
    pick_default_theme,
    save_theme_choice,
    terminal_colors,
)
from netcoach.tui.event_flow import EventFlow
from netcoach.tui.importing import ImportFlow
from netcoach.tui.loading import BookLoader, collector_paused
from netcoach.tui.messages import (
    AddContact,
    BookLoaded,
    ChangeContact,
    ConfigRead,
    ContactSaved,
    ContactSelected,
    ContactsWritten,
    DeleteContact,
    DraftChanged,
    DraftRequested,
    MergeContacts,
    SaveEdit,
    WriteFailed,
)
from netcoach.tui.output import DropControls
from netcoach.tui.screens.base import NetcoachScreen
from netcoach.tui.screens.contacts import ContactsScreen
from netcoach.tui.screens.events import EventsScreen
from netcoach.tui.screens.today import TodayScreen
from netcoach.tui.theming import register_themes
from netcoach.tui.user_settings import UserSettingsFlow
from netcoach.tui.writing import ContactWrites

if TYPE_CHECKING:  # the Draft and Checklist parts are imported when first used: a quicker start
    from netcoach.coach.checklist import ChecklistItem, Worries
    from netcoach.coach.drafts import Draft
    from netcoach.coach.hints import Hint
    from netcoach.coach.templates import Template
    from netcoach.tui.screens.draft import DraftScreen

RESCAN_SECONDS = 2.0
HANG_UP_GRACE_SECONDS = 3.0


class NetcoachApp(App[int]):
    """The full-screen app."""

    CSS_PATH = "netcoach.tcss"
    TITLE = "netcoach"
    ENABLE_COMMAND_PALETTE = True

    DEFAULT_MODE = "today"  # Today is built as the app starts, not switched to after (a quicker first screen)
    MODES = {"today": TodayScreen, "contacts": ContactsScreen}  # and Draft and Checklist: see __init__
    BINDINGS = [
        # Priority: handled as they arrive, so the keys typed right after reach the new screen
        # (see action_switch_mode); never while text is being typed (see check_action).
        Binding("1", "switch_mode('today')", "Today", id="netcoach.today", priority=True),
        Binding("2", "switch_mode('contacts')", "Contacts", id="netcoach.contacts", priority=True),
        Binding("3", "switch_mode('draft')", "Draft", id="netcoach.draft_screen", priority=True),
        Binding("4", "switch_mode('checklist')", "Checklist", id="netcoach.checklist", priority=True),
        # Not in the key bar (it is full at 80 columns): ? and the palette ("go: Events") show it.
        Binding("5", "switch_mode('events')", "Events", id="netcoach.events", priority=True, show=False),
        Binding("question_mark", "help", "Help", id="netcoach.help"),
        Binding("q", "quit", "Quit", id="netcoach.quit", show=False),
        Binding("ctrl+q", "quit", "Quit", id="netcoach.force_quit", show=False, priority=True),
        Binding("P", "problems", "Problems", id="netcoach.problems", show=False),
        Binding("u", "undo", "Undo", id="netcoach.undo", show=False),
    ]

    def __init__(
        self,
        store: Store,
        today: dt.date,
        config: Config | None = None,
        config_problems: Iterable[Problem] = (),
        *,
        theme: str | None = None,
        themes: tuple[dict[str, LoadedTheme], list[Problem]] | None = None,
        watch: bool = True,
        catch_hangup: bool = False,
        due_soon: list[tuple[str, ContactView]] | None = None,
        first_read: HeldRead | None = None,
        welcome: bool = False,
    ) -> None:
        super().__init__()
        self.themes, theme_problems = themes if themes is not None else load_themes()
        register_themes(self, self.themes)
        self.theme = (
            theme
            if theme in self.themes
            else pick_default_theme({}, None, (config or Config()).theme, available=self.themes)
        )
        self._theme_before_preview: str | None = None
        self.store = store
        self.today = today
        self.config = config or Config()
        self.config_problems = list(config_problems) + theme_problems
        self.book = ContactBook([], today, self.config.timing, store.reader.records)
        self.problems: list[Problem] = list(self.config_problems)
        self.loaded = False
        """Today can be shown (the people due soon are read)."""
        self.complete = False
        """Everyone is read (the Contacts list is whole)."""
        self._templates: list[Template] | None = None
        self._checklist: list[ChecklistItem] | None = None
        self._worries: Worries | None = None
        self._current_contact_id: str | None = None
        self._current_draft: Draft | None = None
        self._current_hints: list[Hint] = []
        self._draft_screen: DraftScreen | None = None
        # Draft and Checklist are built when first opened (a quicker start), by the app: it keeps the Draft screen.
        self.add_mode("draft", self._new_draft_screen)
        self.add_mode("checklist", self._new_checklist_screen)
        self.add_mode("events", EventsScreen)
        self.events = EventFlow(self)
        self.book_changed: Signal[ContactBook] = Signal(self, "book-changed")
        """Published with the book whenever it was read again or changed: the screens redraw."""
        self.loader = BookLoader(self)
        self.imports = ImportFlow(self)
        self.writes = ContactWrites(self)
        self.user_settings = UserSettingsFlow(self)
        self._welcome = welcome  # the first start on an empty folder: ask who the user is
        self._watch = watch
        self._catch_hangup = catch_hangup
        self._drop_controls = DropControls()
        self._stall: threading.Timer | None = None
        if due_soon is not None:
            # Read before Textual started (run_app): Today is drawn with them on the first frame.
            self.book = ContactBook(due_soon, today, self.config.timing, store.reader.records)
            self.loaded = True
        if first_read is not None:  # the read that gave them: everyone comes from it
            self.loader.hold(first_read)

    # -- what the screens read -----------------------------------------------------------

    @property
    def current_contact_id(self) -> str | None:
        """The contact the user is on (Today, Contacts or a contact's screen): key 3 drafts to them."""
        return self._current_contact_id

    @property
    def current_draft(self) -> Draft | None:
        """The draft open in the Draft screen, for the checklist."""
        return self._current_draft

    @property
    def current_hints(self) -> list[Hint]:
        """The coaching hints for that draft, for ticking the checklist."""
        return self._current_hints

    def _new_draft_screen(self) -> DraftScreen:
        from netcoach.tui.screens.draft import DraftScreen

        self._draft_screen = DraftScreen()  # a hang-up saves what is in its editor
        return self._draft_screen

    def _new_checklist_screen(self) -> NetcoachScreen:
        from netcoach.tui.screens.checklist import ChecklistScreen

        return ChecklistScreen()

    # -- start-up ----------------------------------------------------------------------

    @property
    def templates(self) -> list[Template]:
        """The message templates: the user's (once read) over the bundled ones."""
        if self._templates is None:
            from netcoach.coach.templates import bundled_templates

            self._templates = bundled_templates()
        return self._templates

    @property
    def checklist(self) -> list[ChecklistItem]:
        """The pre-send checklist: the user's (once read), else the bundled one."""
        if self._checklist is None:
            from netcoach.coach.checklist import bundled_checklist

            self._checklist = bundled_checklist()
        return self._checklist

    @property
    def worries(self) -> Worries:
        """The worries and their answers: the user's (once read), else the bundled ones."""
        if self._worries is None:
            from netcoach.coach.checklist import bundled_worries

            self._worries = bundled_worries()
        return self._worries

    def on_mount(self) -> None:
        if self._catch_hangup:
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGHUP, signal.SIGTERM):
                loop.add_signal_handler(signum, self.hang_up)
        if self.config.keymap:
            self.apply_keymap()
        if self.loaded:  # the people due soon came with the app: everyone else now
            self.call_after_refresh(self.loader.load, True, True)
        else:
            self.loader.load(first=True)
        if self._watch:
            self.set_interval(RESCAN_SECONDS, self.loader.check_for_changes)
            self.set_interval(RESCAN_SECONDS, self.user_settings.check_for_changes)
        if self._welcome:
            self.call_after_refresh(self.user_settings.ask, True)

    def apply_keymap(self) -> None:
        """Use the [keymap] of config.toml as it is now (an entry taken out gives the key back its default)."""
        from netcoach.tui.keymap import binding_ids, check_keymap

        keymap, unknown = check_keymap(self.config.keymap, binding_ids())
        self.set_keymap(keymap)
        if unknown:
            self.notify(
                "Unknown key names in [keymap] of config.toml: " + ", ".join(unknown),
                severity="warning",
                markup=False,
                timeout=10,
            )

    # -- what reaches the terminal ---------------------------------------------------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notice of the app and its screens, with control characters shown visibly (a file's name, a key)."""
        super().notify(
            terminal_safe(message, multiline=True),
            title=terminal_safe(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, then :class:`DropControls`: no control character a widget holds reaches the terminal."""
        return [*super().get_line_filters(), self._drop_controls]

    def hang_up(self) -> None:
        """The SSH connection dropped (SIGHUP) or we are asked to stop: keep the draft, then leave."""
        if self._draft_screen is not None:
            self._draft_screen.save_on_the_way_out()
        # The terminal is gone: closing down politely can block on it. Everything is on disk
        # (every write is atomic), so if the polite exit stalls, leave anyway.
        if self._catch_hangup:  # only the real app, never an app under test, may end the process
            self._stall = threading.Timer(HANG_UP_GRACE_SECONDS, os._exit, args=(129,))
            self._stall.daemon = True
            self._stall.start()
        self.exit()

    # -- the book ---------------------------------------------------------------------

    def on_book_loaded(self, message: BookLoaded) -> None:
        self.book = message.book
        self.problems = self.config_problems + message.problems
        if message.templates is not None:
            self._templates = message.templates
        if message.checklist is not None:
            self._checklist = message.checklist
        if message.worries is not None:
            self._worries = message.worries
        self.loaded = True
        self.complete = message.complete
        if not message.complete:
            self.call_after_refresh(self.loader.load, True, True)
        if message.first and self.problems:
            count = len(self.problems)
            noun = "file" if count == 1 else "files"
            self.notify(
                f"{count} {noun} could not be read. Press P to see which; everything else is here.",
                title="Some files were skipped",
                severity="warning",
                timeout=8,
                markup=False,
            )
        self.book_changed.publish(self.book)

    # -- importing -----------------------------------------------------------------------

    def ask_import(self, kind: str) -> None:
        """Import from a file of ``kind`` (linkedin, vcard, google): ask which, show what would happen, do it."""
        self.imports.ask(kind)

    # -- themes ------------------------------------------------------------------------

    def choose_theme(self, name: str) -> None:
        """Use ``name`` from now on, and remember it in config.toml."""
        self._theme_before_preview = None
        self.theme = name
        self.save_theme(name)

    @work(thread=True, group="write")
    def save_theme(self, name: str) -> None:
        try:
            save_theme_choice(self.store, name)
        except (StoreError, FileProblem) as error:
            self.post_message(WriteFailed(f"Theme not saved: {error}"))

    def on_command_palette_option_highlighted(self, message: CommandPalette.OptionHighlighted) -> None:
        """Preview a theme while the cursor is on it in the palette."""
        option = message.highlighted_event.option
        text = (option.hit.text if isinstance(option, Command) else None) or ""
        name = text.removeprefix("theme: ")
        if text.startswith("theme: ") and name in self.themes:
            if self._theme_before_preview is None:
                self._theme_before_preview = self.theme
            self.theme = name
        elif self._theme_before_preview is not None:
            self.theme = self._theme_before_preview

    def on_command_palette_closed(self, message: CommandPalette.Closed) -> None:
        """Esc from the palette puts the theme back as it was."""
        if self._theme_before_preview is not None:
            if not message.option_selected:
                self.theme = self._theme_before_preview
            self._theme_before_preview = None

    # -- what the screens ask ---------------------------------------------------------------

    def on_contact_selected(self, message: ContactSelected) -> None:
        self._current_contact_id = message.contact_id

    async def on_draft_requested(self, message: DraftRequested) -> None:
        self._current_contact_id = message.contact_id
        await self.switch_mode("draft")

    def on_draft_changed(self, message: DraftChanged) -> None:
        self._current_draft = message.draft
        self._current_hints = message.hints

    def on_change_contact(self, message: ChangeContact) -> None:
        self.writes.update(message.contact_id, message.change, message.note)

    def on_add_contact(self, message: AddContact) -> None:
        self.writes.add(message.contact)

    def on_save_edit(self, message: SaveEdit) -> None:
        self.writes.save_edit(message.original, message.edited)

    def on_contact_saved(self, message: ContactSaved) -> None:
        self.book.put(message.record)
        self.book_changed.publish(self.book)
        self.notify(message.note, markup=False, timeout=4)

    def on_delete_contact(self, message: DeleteContact) -> None:
        self.writes.delete(message.contact_id)

    def on_merge_contacts(self, message: MergeContacts) -> None:
        self.writes.merge(message.keep_id, message.other_id)

    def on_contacts_written(self, message: ContactsWritten) -> None:
        from netcoach.tui.screens.contact import ContactScreen

        for record in message.saved:
            self.book.put(record)
        for contact_id in message.removed:
            self.book.remove(contact_id)
        screen = self.screen
        if isinstance(screen, ContactScreen) and screen.contact_id in message.removed:
            screen.dismiss()  # the page of someone who is gone: back to the list
        self.book_changed.publish(self.book)
        self.notify(message.note, markup=False, timeout=6)

    def on_config_read(self, message: ConfigRead) -> None:
        self.user_settings.config_read(message)

    def on_write_failed(self, message: WriteFailed) -> None:
        self.notify(message.text, title="Not saved", severity="error", markup=False, timeout=10)

    # -- actions -----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        typing = isinstance(self.focused, (Input, TextArea)) or isinstance(self.screen, ModalScreen)
        if action == "undo":
            return not typing  # a u typed into a field or a dialog is a u, never an undo
        if action != "switch_mode":
            return True
        # A digit typed into a field, or with a form on top, is text, not a screen change (except in an
        # empty field that lets the digits through, the worry box: nothing is being typed yet); and a
        # screen may use the digits for itself for a while (claims_screen_keys).
        screen = self.screen
        blank = isinstance(self.focused, Input) and not self.focused.value and not isinstance(screen, ModalScreen)
        return not ((typing and not blank) or (isinstance(screen, NetcoachScreen) and screen.claims_screen_keys()))

    async def action_switch_mode(self, mode: str) -> None:
        """Switch screens, and take the next keys only once the new screen is ready.

        Keys come in one by one; a fast typist's "2/chloe" arrives in one burst. Waiting here
        (the binding has priority, so it runs as the key arrives) keeps "/chloe" queued until
        the Contacts screen has its focus, instead of landing on the screen being left.
        A contact's page opened from that screen is closed: a digit always shows the screen's own list.
        """
        from netcoach.tui.screens.contact import ContactScreen

        await self.switch_mode(mode)
        while isinstance(self.screen, ContactScreen) and len(self.screen_stack) > 1:
            await self.pop_screen()

    async def action_filter_contacts(self) -> None:
        """``/`` on a contact's page: the Contacts list, its filter focused (the keys typed next go there)."""
        await self.action_switch_mode("contacts")
        if isinstance(self.screen, ContactsScreen):
            self.screen.action_filter()

    def action_help(self) -> None:
        from netcoach.tui.dialogs.help import HelpScreen, keys_in_force

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(*keys_in_force(self, self.screen)))

    def action_undo(self) -> None:
        """Undo the latest change (u again redoes it); a notice says what was undone."""
        self.writes.undo()

    def action_problems(self) -> None:
        from netcoach.tui.dialogs.problems import ProblemsScreen

        if not isinstance(self.screen, ProblemsScreen):
            self.push_screen(ProblemsScreen(self.problems))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        from netcoach.tui.palette import app_commands

        return app_commands(self, screen)


def run_app(
    store: Store,
    today: dt.date,
    theme: str | None = None,
    themes: tuple[dict[str, LoadedTheme], list[Problem]] | None = None,
) -> int:
    """Run the full-screen app on ``store`` for ``today``; ``theme`` None picks one from config.toml and the terminal."""
    config, problems = store.settings.load_config()
    with collector_paused():  # thousands of views, no cycles: see the freeze below
        # None: the app reads them, screen up. Else everyone comes later from the same read.
        soon, first_read = due_soon_first(store, today, config.timing, max_reads=QUICK_READS) or (None, None)
    themes = themes if themes is not None else load_themes()
    if theme is None:
        theme = pick_default_theme(os.environ, terminal_colors(os.environ), config.theme, available=themes[0])
    from netcoach.storage.welcome import first_start

    welcome = first_start(store)
    with collector_paused():
        app = NetcoachApp(
            store,
            today,
            config,
            problems,
            theme=theme,
            themes=themes,
            catch_hangup=True,
            due_soon=soon,
            first_read=first_read,
            welcome=welcome,
        )
    # All made so far (the modules, the first book) lives as long as the app or goes when its last
    # reference does: Python's cycle collector need not look at it again (half its time up to the
    # first frame at 30,000 contacts).
    gc.freeze()
    # GNU screen (it sets STY) holds back a typed Esc while mouse reporting is on, until the
    # next key, which then reads as alt+key: under screen the app runs keyboard-only.
    app.run(mouse="STY" not in os.environ)
    if app._stall is not None:
        app._stall.cancel()  # the polite exit after a hang-up did finish
    return app.return_code or 0
