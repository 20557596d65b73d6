"""The command palette's commands that the app offers everywhere (ctrl+p), titled "group: Action";
each screen adds its own (:meth:`netcoach.tui.screens.base.NetcoachScreen.palette_commands`)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.screen import Screen

from netcoach.storage.errors import StoreError
from netcoach.tui.screens.base import NetcoachScreen

if TYPE_CHECKING:
    from netcoach.tui.app import NetcoachApp


def app_commands(app: NetcoachApp, screen: Screen[Any]) -> Iterator[SystemCommand]:
    """Where to go, what to view, settings, undo, imports, themes; then the screen's own; then quit."""
    yield SystemCommand("go: Today", "Who to contact now, and why (1)", lambda: app.switch_mode("today"))
    yield SystemCommand("go: Contacts", "Everyone, searchable (2)", lambda: app.switch_mode("contacts"))
    yield SystemCommand(
        "go: Events", "The rooms you go to: prepare, then who you met (5)", lambda: app.switch_mode("events")
    )
    yield SystemCommand("view: Problems", "Files that could not be read (P)", app.action_problems)
    yield SystemCommand("help: Keys", "Every key on this screen (?)", app.action_help)
    yield SystemCommand("settings: Your name and signature", "How your drafts are signed", app.user_settings.ask)
    try:
        latest = app.store.journal.latest()
    except (StoreError, OSError):
        latest = None
    if latest is not None:
        yield SystemCommand("edit: Undo", f"Undo: {latest.note} (u)", app.action_undo)
    from netcoach.exchange.plan import KINDS as IMPORT_KINDS

    for kind, (title, _, _) in IMPORT_KINDS.items():
        yield SystemCommand(
            f"import: {title}", f"Bring people in from a {title} export", partial(app.ask_import, kind)
        )
    for name, loaded in app.themes.items():
        mark = " (now)" if name == app.theme else ""
        yield SystemCommand(
            f"theme: {name}", (loaded.spec.description or "A colour theme") + mark, partial(app.choose_theme, name)
        )
    if isinstance(screen, NetcoachScreen):
        yield from screen.palette_commands()
    yield SystemCommand("app: Quit", "Leave netcoach (q)", app.action_quit)
