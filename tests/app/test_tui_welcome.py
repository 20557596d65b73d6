"""The first start asks who you are (once); the palette asks again; config.toml changes are picked up."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, TextArea

from netcoach.model.contact import Contact
from netcoach.storage.store import Store
from netcoach.storage.welcome import first_start, was_welcomed
from netcoach.tui.app import NetcoachApp
from netcoach.tui.dialogs.welcome import WelcomeForm
from tests.app.conftest import OpenApp, notices
from tests.app.helpers import DEMO_TODAY, demo_store, screen_text, settle

COMMENTED = """\
# my settings, with my own notes
theme = "netcoach-dark"  # the dark one

[user]
# how I sign
name = "Old Name"
"""


def empty_store(tmp_path: Path) -> Store:
    return Store(tmp_path / "data", cache_dir=tmp_path / "cache")


def first_app(store: Store) -> NetcoachApp:
    config, problems = store.settings.load_config()
    return NetcoachApp(store, DEMO_TODAY, config, problems, watch=False, welcome=first_start(store))


async def test_the_first_start_asks_your_name_and_ctrl_s_saves_it(tmp_path: Path, open_app: OpenApp) -> None:
    store = empty_store(tmp_path)
    assert first_start(store)
    async with open_app(first_app(store)) as (app, pilot):
        assert isinstance(app.screen, WelcomeForm)
        assert "Who are you?" in screen_text(app) and "Esc skip" in screen_text(app)
        await pilot.press(*"Sam 2 Rivera")  # a digit typed here is text, not a screen change
        await pilot.press("enter")  # Enter goes on to the signature, never saves
        assert isinstance(app.screen, WelcomeForm) and isinstance(app.focused, TextArea)
        await pilot.press(*"Sam, UX")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, WelcomeForm)
        assert app.config.user.name == "Sam 2 Rivera"
        assert app.config.user.signature == "Sam, UX"
        assert "Saved. Drafts are signed Sam 2 Rivera. u undoes it." in [n.message for n in notices(app)]
    config, problems = store.settings.load_config()
    assert problems == [] and (config.user.name, config.user.signature) == ("Sam 2 Rivera", "Sam, UX")
    assert was_welcomed(store) and not first_start(store)
    assert str(store.journal.undo()) == "Undid: Saved your name and signature"
    assert store.settings.load_config()[0].user.name == ""
    assert not first_start(store)  # asked once: undoing the answer does not bring the question back


async def test_esc_skips_changing_nothing_and_never_asks_again(tmp_path: Path, open_app: OpenApp) -> None:
    store = empty_store(tmp_path)
    async with open_app(first_app(store)) as (app, pilot):
        assert isinstance(app.screen, WelcomeForm)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, WelcomeForm)
    assert not store.folder.config_path.exists()
    assert was_welcomed(store) and not first_start(store)
    async with open_app(first_app(store)) as (app, pilot):
        assert not isinstance(app.screen, WelcomeForm)


def test_only_an_empty_folder_is_a_first_start(tmp_path: Path) -> None:
    assert not first_start(demo_store(tmp_path / "demo"))  # people already: not a first start
    named = empty_store(tmp_path / "named")
    named.root.mkdir(parents=True)
    named.folder.config_path.write_text('[user]\nname = "Sam"\n', encoding="utf-8")
    assert not first_start(named)
    broken = empty_store(tmp_path / "broken")
    broken.root.mkdir(parents=True)
    broken.folder.config_path.write_text("[user\n", encoding="utf-8")
    assert not first_start(broken)  # its problem is shown; nothing is written over it
    people = empty_store(tmp_path / "people")
    people.contacts.add(Contact(name="Ines Moreau"))
    assert not first_start(people)  # someone who has used netcoach without a name: never nagged
    assert first_start(empty_store(tmp_path / "new"))


async def test_the_palette_asks_again_and_keeps_the_comments(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    store.folder.config_path.write_text(COMMENTED, encoding="utf-8")
    async with open_app(store) as (app, pilot):
        assert not isinstance(app.screen, WelcomeForm)  # people already: no first-start question
        await pilot.press("ctrl+p")
        await pilot.press(*"name and signature")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, WelcomeForm)
        name = app.screen.query_one("#field-name Input", Input)
        assert name.value == "Old Name"
        await pilot.press("ctrl+u", *"Maya Chen", "ctrl+s")
        await settle(pilot)
        assert app.config.user.name == "Maya Chen"
    text = store.folder.config_path.read_text(encoding="utf-8")
    assert text == COMMENTED.replace("Old Name", "Maya Chen")


async def test_config_toml_edited_elsewhere_is_picked_up(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        assert app.config.user.name == "Sam Rivera"  # the demo's
        store.folder.config_path.write_text('[user]\nname = "Ada Lovelace"\n', encoding="utf-8")
        app.user_settings.check_for_changes()  # what the app's timer does every 2 seconds
        await settle(pilot)
        assert app.config.user.name == "Ada Lovelace"
        store.folder.config_path.write_text("[user\n", encoding="utf-8")
        app.user_settings.check_for_changes()
        await settle(pilot)
        assert app.config.user.name == ""  # the defaults, and the problem under P
        assert any(p.path == store.folder.config_path for p in app.problems)


async def test_a_keymap_and_a_theme_written_to_config_toml_apply_at_once(tmp_path: Path, open_app: OpenApp) -> None:
    from netcoach.tui.dialogs.log_form import LogForm

    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        other = next(name for name in ("netcoach-light", "netcoach-contrast") if name != app.theme)
        config = f'theme = "{other}"\n\n[keymap]\n"netcoach.log" = "ctrl+l"\n'
        store.folder.config_path.write_text(config, encoding="utf-8")
        app.user_settings.check_for_changes()  # what the app's timer does every 2 seconds
        await settle(pilot)
        assert app.theme == other  # `netcoach themes use` in another window shows here
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert isinstance(app.screen, LogForm)
        await pilot.press("escape")
        await settle(pilot)
        store.folder.config_path.write_text(f'theme = "{other}"\n', encoding="utf-8")  # the entry taken out
        app.user_settings.check_for_changes()
        await settle(pilot)
        await pilot.press("l")  # its own key again
        await settle(pilot)
        assert isinstance(app.screen, LogForm)
