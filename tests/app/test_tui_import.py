"""Importing from the app: the palette asks for a file, shows the same summary, then imports (or not)."""

from __future__ import annotations

from pathlib import Path

from netcoach.storage.store import Store
from netcoach.tui.dialogs.import_path import ImportPathModal
from netcoach.tui.dialogs.import_preview import ImportPreviewModal
from tests.app.conftest import OpenApp, notices
from tests.app.helpers import screen_text, settle

FIXTURES = Path(__file__).parents[1] / "fixtures" / "import"


async def _ask(pilot, kind: str, path: str) -> None:  # type: ignore[no-untyped-def]
    pilot.app.ask_import(kind)
    await pilot.pause()
    assert isinstance(pilot.app.screen, ImportPathModal)
    pilot.app.screen.query_one("#import-path").value = path
    await pilot.press("enter")
    await settle(pilot)


async def test_import_linkedin_from_the_palette(tmp_path: Path, open_app: OpenApp) -> None:
    store = Store(tmp_path / "data", cache_dir=tmp_path / "cache")
    async with open_app(store) as (app, pilot):
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"import: LinkedIn", "import: vCard", "import: Google Contacts"} <= set(titles)
        await _ask(pilot, "linkedin", str(FIXTURES / "linkedin_current.csv"))
        assert isinstance(app.screen, ImportPreviewModal)
        text = screen_text(app)
        assert "Would import linkedin_current.csv" in text and "added" in text
        assert not list(store.folder.contacts_dir.glob("*.toml"))  # nothing written before Enter
        await pilot.press("enter")
        await settle(pilot)
        assert len(app.book) > 0
    assert list(store.folder.contacts_dir.glob("*.toml"))
    assert all(not e.view.interactions for e in app.book.entries())  # imported people are never due


async def test_escape_at_the_summary_writes_nothing(tmp_path: Path, open_app: OpenApp) -> None:
    store = Store(tmp_path / "data", cache_dir=tmp_path / "cache")
    async with open_app(store) as (app, pilot):
        await _ask(pilot, "vcard", str(FIXTURES / "contacts_v3.vcf"))
        assert isinstance(app.screen, ImportPreviewModal)
        await pilot.press("escape")
        await settle(pilot)
    assert not store.folder.contacts_dir.exists() or not list(store.folder.contacts_dir.glob("*.toml"))


async def test_a_missing_file_is_said_in_words(tmp_path: Path, open_app: OpenApp) -> None:
    async with open_app(Store(tmp_path / "data", cache_dir=tmp_path / "cache")) as (app, pilot):
        app.ask_import("google")
        await pilot.pause()
        app.screen.query_one("#import-path").value = str(tmp_path / "nope.csv")  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ImportPathModal)
        assert "There is no file at" in screen_text(app)


async def test_an_unreadable_file_is_reported(tmp_path: Path, open_app: OpenApp) -> None:
    bad = tmp_path / "not-contacts.csv"
    bad.write_text("just,some\nrandom,text\n", encoding="utf-8")
    async with open_app(Store(tmp_path / "data", cache_dir=tmp_path / "cache")) as (app, pilot):
        await _ask(pilot, "linkedin", str(bad))
        assert not isinstance(app.screen, ImportPreviewModal)
        assert any(n.severity == "error" for n in notices(app))
