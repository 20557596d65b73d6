"""Nothing a file or a file's name holds reaches the terminal raw in the app: the Problems view, the notices
(the start-up ones, the import's), the import summary, and whatever a widget is given."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from netcoach.storage.store import Store
from netcoach.themes import user_themes_dir
from netcoach.tui.dialogs.import_path import ImportPathModal
from netcoach.tui.dialogs.import_preview import ImportPreviewModal
from netcoach.tui.dialogs.problems import ProblemsScreen
from tests.app.conftest import OpenApp, notices
from tests.app.helpers import screen_text, settle
from tests.helpers import CLEAR, ESCAPE, RAW_CONTROL, SHOWN, plant_escape_names

WIDE = (220, 50)  # the long paths of the test's folders on one line each


def _shows_nothing_raw(text: str) -> None:
    raw = RAW_CONTROL.search(text)
    assert raw is None, f"{raw.group()!r} raw in:\n{text!r}"


async def test_problems_and_notices_show_escapes_visibly(tmp_path: Path, open_app: OpenApp) -> None:
    plant_escape_names(tmp_path / "data", user_themes_dir())
    store = Store(tmp_path / "data", cache_dir=tmp_path / "cache")
    async with open_app(store, size=WIDE) as (app, pilot):
        shown = [f"{n.title}\n{n.message}" for n in notices(app)]
        assert any(f"netcoach.{SHOWN}" in notice for notice in shown), shown  # the unknown [keymap] name
        assert any("could not be read" in notice for notice in shown), shown
        for notice in shown:
            _shows_nothing_raw(notice)

        await pilot.press("P")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        shown = str(app.screen.query_one("#problems-list", Static).render())
        _shows_nothing_raw(shown)
        for quoted in (f"contacts/{SHOWN}.toml:", f'"{SHOWN}": unknown key', f"themes/{SHOWN}.toml:5:1"):
            assert quoted in shown, shown
        text = screen_text(app)  # what reaches the terminal
        assert "\\u001b]2;PWNED" in text, text
        _shows_nothing_raw(text)


async def test_an_import_names_the_file_visibly(tmp_path: Path, open_app: OpenApp) -> None:
    plant_escape_names(tmp_path / "data", user_themes_dir())
    store = Store(tmp_path / "data", cache_dir=tmp_path / "cache")
    async with open_app(store, size=WIDE) as (app, pilot):
        app.ask_import("vcard")
        await pilot.pause()
        assert isinstance(app.screen, ImportPathModal)
        app.screen.query_one("#import-path").value = str(tmp_path / f"{ESCAPE}.vcf")  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ImportPreviewModal)
        text = screen_text(app)
        assert f"Import {SHOWN}.vcf?" in text and f"Would import {SHOWN}.vcf (vCard)" in text, text
        _shows_nothing_raw(text)
        await pilot.press("enter")
        await settle(pilot)
        shown = [f"{n.title}\n{n.message}" for n in notices(app)]
        assert any(f"Reading {SHOWN}.vcf" in notice for notice in shown), shown
        assert any(f"Imported {SHOWN}.vcf: 1 added" in notice for notice in shown), shown
        for notice in shown:
            _shows_nothing_raw(notice)


async def test_no_control_character_a_widget_holds_is_drawn(tmp_path: Path, open_app: OpenApp) -> None:
    async with open_app(Store(tmp_path / "data", cache_dir=tmp_path / "cache"), size=(40, 12)) as (app, pilot):
        # what a message that forgot to quote its value would hand a widget
        await app.screen.mount(Static(f"before{ESCAPE}{CLEAR}\x9b2Jafter", markup=False, id="raw"))
        await pilot.pause()
        widget = app.screen.query_one("#raw", Static)
        line = app.screen._compositor.render_strips()[widget.region.y]
        _shows_nothing_raw(line.text)
        assert line.text.startswith("before]2;PWNED[2J2Jafter")  # dropped, and the line keeps its width
        assert line.cell_length == 40
