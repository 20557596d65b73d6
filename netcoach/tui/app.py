"""The netcoach app: Today, Contacts, a contact's story, and the forms to change them."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import signal
import threading
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import ModalScreen, Screen
from textual.signal import Signal
from textual.widgets import Input, TextArea

from netcoach.book import QUICK_READS, ContactBook, due_soon
from netcoach.model.problem import FileProblem, Problem
from netcoach.model.view import ContactView
from netcoach.storage.config import Config
from netcoach.storage.contacts import ContactRecord
from netcoach.storage.errors import ConflictError, StoreError
from netcoach.storage.store import Store
from netcoach.themes import (
    LoadedTheme,
    load_themes,
    pick_default_theme,
    save_theme_choice,
    terminal_colors,
)
from netcoach.timing.dates import long_date
from netcoach.tui.contacts import ContactsScreen
from netcoach.tui.messages import BookLoaded, ContactSaved, WriteFailed
from netcoach.tui.theming import register_themes
from netcoach.tui.today import TodayScreen

if TYPE_CHECKING:  # the Draft and Checklist parts are imported when first used: a quicker start
    from netcoach.coach.checklist import ChecklistItem, Worries
    from netcoach.coach.drafts import Draft
    from netcoach.coach.hints import Hint
    from netcoach.coach.templates import Template
    from netcoach.exchange.plan import ImportPlan
    from netcoach.model.contact import Contact, Interaction
    from netcoach.tui.draft import DraftScreen

RESCAN_SECONDS = 2.0
HANG_UP_GRACE_SECONDS = 3.0
FULL_RESCAN_EVERY = 10  # ticks: a full stat scan catches files edited in place


def _draft_screen() -> Screen:  # Draft and Checklist are imported when first opened: a quicker start
    from netcoach.tui.draft import DraftScreen

    return DraftScreen()


def _checklist_screen() -> Screen:
    from netcoach.tui.checklist import ChecklistScreen

    return ChecklistScreen()


class NetcoachApp(App[int]):
    """The full-screen app."""

    CSS_PATH = "netcoach.tcss"
    TITLE = "netcoach"
    ENABLE_COMMAND_PALETTE = True

    DEFAULT_MODE = "today"  # Today is built as the app starts, not switched to after (a quicker first screen)
    MODES = {"today": TodayScreen, "contacts": ContactsScreen, "draft": _draft_screen, "checklist": _checklist_screen}
    BINDINGS = [
        # Priority: handled as they arrive, so the keys typed right after reach the new screen
        # (see action_switch_mode); never while text is being typed (see check_action).
        Binding("1", "switch_mode('today')", "Today", id="netcoach.today", priority=True),
        Binding("2", "switch_mode('contacts')", "Contacts", id="netcoach.contacts", priority=True),
        Binding("3", "switch_mode('draft')", "Draft", id="netcoach.draft_screen", priority=True),
        Binding("4", "switch_mode('checklist')", "Checklist", id="netcoach.checklist", priority=True),
        Binding("question_mark", "help", "Help", id="netcoach.help"),
        Binding("q", "quit", "Quit", id="netcoach.quit", show=False),
        Binding("ctrl+q", "quit", "Quit", id="netcoach.force_quit", show=False, priority=True),
        Binding("P", "problems", "Problems", id="netcoach.problems", show=False),
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
        self.current_contact_id: str | None = None
        """The contact the user is on (Today, Contacts or a contact's screen): key 3 drafts to them."""
        self.current_draft: Draft | None = None
        """The draft open in the Draft screen, for the checklist."""
        self.draft_screen: DraftScreen | None = None
        """The Draft screen once it exists: a hang-up saves what is in its editor."""
        self.current_hints: list[Hint] = []
        """The coaching hints for that draft, for auto-ticking the checklist."""
        self.book_changed: Signal[ContactBook] = Signal(self, "book-changed")
        self._watch = watch
        self._catch_hangup = catch_hangup
        self._stall: threading.Timer | None = None
        self._tick = 0
        self._dir_mtime: int | None = None
        self._fingerprint: int | None = None
        if due_soon is not None:
            # Read before Textual started (run_app): Today is drawn with them on the first frame.
            self.book = ContactBook(due_soon, today, self.config.timing, store.reader.records)
            self.loaded = True

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
        self._apply_keymap()
        if self.loaded:  # the people due soon came with the app: everyone else now
            self.call_after_refresh(self.load_book, True, True)
        else:
            self.load_book(first=True)
        if self._watch:
            self.set_interval(RESCAN_SECONDS, self.check_for_changes)

    def _apply_keymap(self) -> None:
        keymap = self.config.keymap
        if not keymap:
            return
        known = set(binding_ids())
        unknown = sorted(set(keymap) - known)
        self.set_keymap({k: v for k, v in keymap.items() if k in known})
        if unknown:
            import difflib

            hints = []
            for name in unknown:
                close = difflib.get_close_matches(name, known, n=1)
                hints.append(f"{name} (did you mean {close[0]}?)" if close else name)
            self.notify(
                "Unknown key names in [keymap] of config.toml: " + ", ".join(hints),
                severity="warning",
                markup=False,
                timeout=10,
            )

    def hang_up(self) -> None:
        """The SSH connection dropped (SIGHUP) or we are asked to stop: keep the draft, then leave."""
        if self.draft_screen is not None:
            self.draft_screen.save_on_the_way_out()
        # The terminal is gone: closing down politely can block on it. Everything is on disk
        # (every write is atomic), so if the polite exit stalls, leave anyway.
        if self._catch_hangup:  # only the real app, never an app under test, may end the process
            self._stall = threading.Timer(HANG_UP_GRACE_SECONDS, os._exit, args=(129,))
            self._stall.daemon = True
            self._stall.start()
        self.exit()

    # -- loading and watching ----------------------------------------------------------

    @work(thread=True, exclusive=True, group="load")
    def load_book(self, first: bool = False, rest: bool = False) -> None:
        """Read the data folder; the first time, the people due soon come first (then ``rest``)."""
        if first and not rest:
            # Today first: the people due soon come from the index in a blink, while everyone
            # else (30,000 LinkedIn connections, say) is still being read for the Contacts list.
            soon = due_soon(self.store, self.today, self.config.timing)
            if soon is not None:
                book = ContactBook(soon, self.today, self.config.timing, self.store.reader.records)
                self.post_message(BookLoaded(book, [], False, None, None, None, complete=False))
                return  # the rest is read once Today is on screen (on_book_loaded), not competing with it
        from netcoach.coach.checklist import load_checklist, load_worries
        from netcoach.coach.templates import load_templates

        templates, template_problems = load_templates(self.store)
        checklist, checklist_problems = load_checklist(self.store.root)
        worries, worry_problems = load_worries(self.store.root)
        # Taken before reading: a change made while everyone is read shows at the next look.
        dir_mtime, fingerprint = self._contacts_mtime(), self.store.reader.fingerprint()
        views, view_problems = self.store.reader.views(self.config.timing)
        book = ContactBook(views, self.today, self.config.timing, self.store.reader.records)
        self._dir_mtime, self._fingerprint = dir_mtime, fingerprint
        problems = view_problems + template_problems + checklist_problems + worry_problems
        self.post_message(BookLoaded(book, problems, first, templates, checklist, worries))

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
            self.call_after_refresh(self.load_book, True, True)
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

    def _contacts_mtime(self) -> int | None:
        try:
            return os.stat(self.store.folder.contacts_dir).st_mtime_ns
        except OSError:
            return None

    def check_for_changes(self) -> None:
        """Another netcoach (or an editor) may have changed files: reload when the folder changed.

        Saves replace files, which changes the folder's time: checked every tick. An editor may
        write in place, which only the files' own stats show: checked every few ticks, in a worker.
        """
        if not self.complete or self._reading():
            return  # everyone is being read (30,000 at a first start can take a while): look after
        self._tick += 1
        if self._contacts_mtime() != self._dir_mtime:
            self.load_book()
        elif self._tick % FULL_RESCAN_EVERY == 0:
            self._look_for_edits_in_place()

    def _reading(self) -> bool:
        """Is the data folder being read now (a load under way)?"""
        return any(w.group == "load" and not w.is_finished for w in self.workers)

    @work(thread=True, exclusive=True, group="watch")
    def _look_for_edits_in_place(self) -> None:
        if self.store.reader.fingerprint() != self._fingerprint:
            self.call_from_thread(self.load_book)

    # -- writing -----------------------------------------------------------------------

    @work(thread=True, group="write")
    def update_contact(self, contact_id: str, change: Callable[[Contact], Contact | None], note: str) -> None:
        """Read-modify-write one contact off the UI thread."""
        try:
            record = self.store.contacts.update(contact_id, change)
        except (StoreError, FileProblem) as error:
            self.post_message(WriteFailed(str(error)))
        else:
            self.post_message(ContactSaved(record, note))

    def log_with(self, contact_id: str, interaction: Interaction) -> None:
        entry = self.book.get(contact_id)
        name = entry.name if entry else "them"
        note = f"Logged {interaction.kind.value} with {name}, {long_date(interaction.date, self.today)}."
        from netcoach.model.changes import log_interaction

        self.update_contact(contact_id, lambda c: log_interaction(c, interaction), note)

    @work(thread=True, group="write")
    def add_contact(self, contact: Contact) -> None:
        try:
            record = self.store.contacts.add(contact)
        except StoreError as error:
            self.post_message(WriteFailed(str(error)))
        else:
            self.post_message(ContactSaved(record, f"Added {record.contact.name}."))

    @work(thread=True, group="write")
    def save_edit(self, original: ContactRecord, edited: Contact, force: bool = False) -> None:
        """Save the edit form; if the file changed meanwhile, ask the user (see on_conflict)."""
        try:
            record = self.store.contacts.save(original, edited, force=force)
        except ConflictError as conflict:
            self.call_from_thread(self.on_conflict, original, edited, conflict.current)
        except StoreError as error:
            self.post_message(WriteFailed(str(error)))
        else:
            self.post_message(ContactSaved(record, f"Saved {record.contact.name}."))

    def on_conflict(self, original: ContactRecord, edited: Contact, current: ContactRecord | None) -> None:
        from netcoach.tui.modals import ConflictChoice, ConflictModal

        def decided(choice: ConflictChoice | None) -> None:
            if choice is ConflictChoice.KEEP_MINE:
                merged = merge_edit(original.contact, edited, current.contact if current else None)
                base = current or original
                self.save_edit(base, merged, force=True)
            elif choice is ConflictChoice.RELOAD:
                self.load_book()
                self.notify("Reloaded; your edit was not saved.", markup=False)

        self.push_screen(ConflictModal(edited.name), decided)

    # -- importing -----------------------------------------------------------------------

    def ask_import(self, kind: str) -> None:
        from netcoach.tui.importing import ImportPathModal

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.notify(f"Reading {path.name}…", markup=False, timeout=3)
                self.plan_import(kind, path)

        self.push_screen(ImportPathModal(kind), chosen)

    @work(thread=True, exclusive=True, group="import")
    def plan_import(self, kind: str, path: Path) -> None:
        from netcoach.exchange.common import ImportFailed
        from netcoach.exchange.plan import plan_import

        try:
            plan = plan_import(kind, path, self.store.reader.load().records)  # merging compares with everyone, whole
        except (ImportFailed, StoreError, OSError) as error:
            self.post_message(WriteFailed(str(error)))
            return
        self.call_from_thread(self._preview_import, plan)

    def _preview_import(self, plan: ImportPlan) -> None:
        from netcoach.tui.importing import ImportPreviewModal

        def decided(go: bool | None) -> None:
            if go:
                self.carry_out_import(plan)

        self.push_screen(ImportPreviewModal(plan), decided)

    @work(thread=True, exclusive=True, group="import")
    def carry_out_import(self, plan: ImportPlan) -> None:
        from netcoach.exchange.plan import apply_import

        try:
            result = apply_import(self.store, plan)
        except (StoreError, FileProblem) as error:
            self.post_message(WriteFailed(f"Nothing was imported: {error}"))
            return
        done = result.plan
        self.call_from_thread(
            self.notify,
            f"Imported {done.path.name}: {len(done.added):,} added, {len(done.merged):,} merged, "
            f"{len(done.unchanged):,} unchanged, {len(done.skipped):,} skipped. New people are not due until you "
            "log something; Contacts > f shows those never contacted.",
            title="Import done",
            markup=False,
            timeout=12,
        )
        self.call_from_thread(self.load_book)

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
        text = getattr(getattr(option, "hit", None), "text", "") or ""
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

    def on_contact_saved(self, message: ContactSaved) -> None:
        self.book.put(message.record)
        self.book_changed.publish(self.book)
        self.notify(message.note, markup=False, timeout=4)

    def on_write_failed(self, message: WriteFailed) -> None:
        self.notify(message.text, title="Not saved", severity="error", markup=False, timeout=10)

    # -- actions -----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action != "switch_mode":
            return True
        # A digit typed into a field, or with a form on top, is text, not a screen change; and a
        # screen may use the digits for itself for a while (claims_screen_keys).
        typing = isinstance(self.focused, (Input, TextArea)) or isinstance(self.screen, ModalScreen)
        claims = getattr(self.screen, "claims_screen_keys", None)
        return not (typing or (callable(claims) and claims()))

    async def action_switch_mode(self, mode: str) -> None:
        """Switch screens, and take the next keys only once the new screen is ready.

        Keys come in one by one; a fast typist's "2/chloe" arrives in one burst. Waiting here
        (the binding has priority, so it runs as the key arrives) keeps "/chloe" queued until
        the Contacts screen has its focus, instead of landing on the screen being left.
        """
        await self.switch_mode(mode)

    def action_help(self) -> None:
        from netcoach.tui.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    def action_problems(self) -> None:
        from netcoach.tui.problems import ProblemsScreen

        if not isinstance(self.screen, ProblemsScreen):
            self.push_screen(ProblemsScreen(self.problems))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand("go: Today", "Who to contact now, and why (1)", lambda: self.switch_mode("today"))
        yield SystemCommand("go: Contacts", "Everyone, searchable (2)", lambda: self.switch_mode("contacts"))
        yield SystemCommand("view: Problems", "Files that could not be read (P)", self.action_problems)
        yield SystemCommand("help: Keys", "Every key on this screen (?)", self.action_help)
        from netcoach.exchange.plan import KINDS as IMPORT_KINDS

        for kind, (title, _, _) in IMPORT_KINDS.items():
            yield SystemCommand(
                f"import: {title}", f"Bring people in from a {title} export", partial(self.ask_import, kind)
            )
        for name, loaded in self.themes.items():
            mark = " (now)" if name == self.theme else ""
            yield SystemCommand(
                f"theme: {name}", (loaded.spec.description or "A colour theme") + mark, partial(self.choose_theme, name)
            )
        yield from screen_commands(screen)
        yield SystemCommand("app: Quit", "Leave netcoach (q)", self.action_quit)


def screen_commands(screen: Screen) -> Iterable[SystemCommand]:
    """The current screen's own commands (it may define ``palette_commands()``)."""
    commands = getattr(screen, "palette_commands", None)
    if callable(commands):
        yield from commands()


def merge_edit(original: Contact, edited: Contact, current: Contact | None) -> Contact:
    """The user's edit applied on top of what is on disk now: only the fields they changed move."""
    from netcoach.model.contact import Contact

    if current is None:
        return edited
    changed = {
        name: getattr(edited, name) for name in Contact.model_fields if getattr(edited, name) != getattr(original, name)
    }
    return current.model_copy(update=changed)


def binding_ids() -> list[str]:
    """Every binding id the app and its screens define (for [keymap] and the help screen)."""
    from netcoach.tui import (
        base,
        checklist,
        contact,
        contacts,
        draft,
        forms,
        help,
        importing,
        modals,
        problems,
        row_list,
        today,
    )

    modules = (base, checklist, contact, contacts, draft, forms, help, importing, modals, problems, row_list, today)
    ids: list[str] = []
    owners: list[type] = [NetcoachApp]
    for module in modules:
        owners += [v for v in vars(module).values() if isinstance(v, type) and hasattr(v, "BINDINGS")]
    for owner in owners:
        for binding in owner.BINDINGS:
            if isinstance(binding, Binding) and binding.id and binding.id not in ids:
                ids.append(binding.id)
    return ids


def run_app(
    store: Store,
    today: dt.date,
    theme: str | None = None,
    themes: tuple[dict[str, LoadedTheme], list[Problem]] | None = None,
) -> int:
    """Run the full-screen app on ``store`` for ``today``; ``theme`` None picks one from config.toml and the terminal."""
    config, problems = store.settings.load_config()
    soon = due_soon(store, today, config.timing, max_reads=QUICK_READS)  # None: the app reads them, screen up
    themes = themes if themes is not None else load_themes()
    if theme is None:
        theme = pick_default_theme(os.environ, terminal_colors(os.environ), config.theme, available=themes[0])
    app = NetcoachApp(store, today, config, problems, theme=theme, themes=themes, catch_hangup=True, due_soon=soon)
    # GNU screen (it sets STY) holds back a typed Esc while mouse reporting is on, until the
    # next key, which then reads as alt+key: under screen the app runs keyboard-only.
    app.run(mouse="STY" not in os.environ)
    if app._stall is not None:
        app._stall.cancel()  # the polite exit after a hang-up did finish
    return app.return_code or 0
