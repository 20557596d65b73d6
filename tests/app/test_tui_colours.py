"""Every main screen draws, empty and full, with NO_COLOR, in 16 colours and in 256, as the real app starts.

NO_COLOR makes Textual pass every line through its monochrome filter, which reads each segment's
style: a segment drawn with no style at all ended the app (issue 12, item 13).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.screen import Screen

from netcoach.storage.store import Store
from netcoach.themes import ANSI_THEME, load_themes, pick_default_theme, terminal_colors
from netcoach.tui.app import NetcoachApp
from netcoach.tui.screens.checklist import ChecklistScreen
from netcoach.tui.screens.contact import ContactScreen
from netcoach.tui.screens.contacts import ContactsScreen
from netcoach.tui.screens.draft import DraftScreen
from netcoach.tui.screens.today import TodayScreen
from tests.app.helpers import DEMO_TODAY, SIZE, demo_store, screen_text, settle

TERMINALS = {
    "no-colour-16": {"NO_COLOR": "1", "TERM": "xterm"},
    "no-colour-256": {"NO_COLOR": "1", "TERM": "xterm-256color"},
    "no-colour-dark-theme": {"NO_COLOR": "1", "TERM": "xterm-256color", "NETCOACH_THEME": "netcoach-dark"},
    "16": {"TERM": "xterm"},
    "256": {"TERM": "xterm-256color"},
}


def _app_as_started_in(store: Store, terminal: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> NetcoachApp:
    """The app as run_app starts it in ``terminal``: the environment set first (Textual reads NO_COLOR as the
    app is made), the theme picked from it."""
    monkeypatch.delenv("COLORTERM", raising=False)
    monkeypatch.delenv("TEXTUAL_COLOR_SYSTEM", raising=False)
    for name, value in terminal.items():
        monkeypatch.setenv(name, value)
    config, problems = store.settings.load_config()
    themes = load_themes()
    theme = pick_default_theme(os.environ, terminal_colors(os.environ), config.theme, available=themes[0])
    return NetcoachApp(store, DEMO_TODAY, config, problems, theme=theme, themes=themes, watch=False)


@pytest.mark.parametrize("terminal", TERMINALS.values(), ids=TERMINALS.keys())
@pytest.mark.parametrize("full", [False, True], ids=["empty", "full"])
async def test_every_main_screen_draws(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, terminal: dict[str, str], full: bool
) -> None:
    store = demo_store(tmp_path) if full else Store(tmp_path / "data", cache_dir=tmp_path / "cache")
    app = _app_as_started_in(store, terminal, monkeypatch)
    assert app.no_color is ("NO_COLOR" in terminal)
    if terminal in (TERMINALS["no-colour-16"], TERMINALS["16"]):
        assert app.theme == ANSI_THEME
    visits: list[tuple[tuple[str, ...], type[Screen[None]], str]] = [
        (("1",), TodayScreen, "Overdue (" if full else "No contacts yet. Press n"),
        (("2",), ContactsScreen, "Maya Chen" if full else "No contacts yet. Press n"),
    ]
    if full:
        visits.append((("enter",), ContactScreen, "What's next"))
    visits += [
        (("3",), DraftScreen, "casual (t)" if full else "Who would you like to write to?"),
        (("escape", "4"), ChecklistScreen, "I said where we met."),  # Esc: out of the draft's editor
    ]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for keys, screen, shows in visits:
            await pilot.press(*keys)
            await settle(pilot)
            assert isinstance(app.screen, screen)
            app.export_screenshot()  # every line drawn through every filter (NO_COLOR's among them)
            assert shows in screen_text(app)
    assert app.return_code in (None, 0)
