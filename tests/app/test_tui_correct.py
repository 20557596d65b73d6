"""Pilot tests: correcting things in the app. ``u`` undoes (and says what), a contact can be deleted
(after a confirm) and two merged (pick the other, confirm), from a list and from the contact's page."""

from __future__ import annotations

from pathlib import Path

from netcoach.model.kinds import Stage
from netcoach.storage.store import Store
from netcoach.tui.app import NetcoachApp
from netcoach.tui.dialogs.confirm import ConfirmModal
from netcoach.tui.dialogs.pick_contact import PickContact
from netcoach.tui.dialogs.stage import StageModal
from netcoach.tui.screens.contact import ContactScreen
from netcoach.tui.screens.contacts import ContactsScreen
from netcoach.tui.screens.today import TodayScreen
from netcoach.tui.widgets.row_list import RowList
from tests.app.conftest import OpenApp, notices
from tests.app.helpers import demo_store, settle


def notes(app: NetcoachApp) -> list[str]:
    return [n.message for n in notices(app)]


def shown_ids(app: NetcoachApp) -> list[str | None]:
    return list(app.screen.query_one(RowList)._keys)


async def test_u_undoes_a_change_made_in_the_app_and_u_again_redoes_it(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        entry = app.screen.selected_entry()
        assert entry is not None
        path = store.contacts.path_of(entry.id)
        before = path.read_bytes()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, StageModal)
        await pilot.press("end", "enter")
        await settle(pilot)
        archived = path.read_bytes()
        assert archived != before
        assert entry.id not in shown_ids(app)
        await pilot.press("u")
        await settle(pilot)
        assert path.read_bytes() == before
        assert f"Undid: Archived {entry.name}." in notes(app)
        assert entry.id in shown_ids(app)  # Today shows them again at once
        await pilot.press("u")
        await settle(pilot)
        assert path.read_bytes() == archived
        assert f"Redid: Archived {entry.name}." in notes(app)
        assert store.contacts.read(entry.id).contact.stage is Stage.ARCHIVED


async def test_u_undoes_a_change_made_on_the_command_line_too(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    priya = store.reader.find("Priya Raman")
    before = store.contacts.path_of(priya.id).read_bytes()
    store.contacts.remove(priya)  # as `netcoach rm Priya --yes` does
    async with open_app(store) as (app, pilot):
        assert app.book.get(priya.id) is None
        await pilot.press("u")
        await settle(pilot)
        assert store.contacts.path_of(priya.id).read_bytes() == before
        assert "Undid: Removed Priya Raman." in notes(app)
        assert app.book.get(priya.id) is not None


async def test_u_typed_into_a_field_is_a_letter_and_undoes_nothing(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    priya = store.reader.find("Priya Raman")
    store.contacts.remove(priya)
    async with open_app(store) as (app, pilot):
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, ContactsScreen)
        await pilot.press("slash", *"ul")
        await settle(pilot)
        assert not store.contacts.path_of(priya.id).exists()
        assert not any(n.startswith("Undid") for n in notes(app))


async def test_nothing_to_undo_says_so(tmp_path: Path, open_app: OpenApp) -> None:
    store = Store(tmp_path / "data", cache_dir=tmp_path / "cache")
    async with open_app(store) as (app, pilot):
        await pilot.press("u")
        await settle(pilot)
        assert "Nothing to undo." in notes(app)


async def test_delete_from_a_list_asks_first_and_u_brings_them_back(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        entry = app.screen.selected_entry()
        assert entry is not None
        path = store.contacts.path_of(entry.id)
        before = path.read_bytes()
        await pilot.press("X")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        assert entry.name in app.screen.question
        await pilot.press("escape")  # Esc keeps them
        await settle(pilot)
        assert path.read_bytes() == before
        await pilot.press("X")
        await pilot.pause()
        await pilot.press("n")  # so does n
        await settle(pilot)
        assert path.exists()
        await pilot.press("X")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert not path.exists()
        assert app.book.get(entry.id) is None and entry.id not in shown_ids(app)
        assert f"Deleted {entry.name}. u brings them back." in notes(app)
        await pilot.press("u")
        await settle(pilot)
        assert path.read_bytes() == before
        assert entry.id in shown_ids(app)


async def test_delete_from_the_contacts_page_goes_back_to_the_list(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        entry = app.screen.selected_entry()
        assert entry is not None
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ContactScreen)
        await pilot.press("X")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert not store.contacts.path_of(entry.id).exists()


async def test_merge_picks_the_other_person_asks_and_is_one_change(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    maya = store.reader.find("Maya Chen")
    wei = store.reader.find("Wei Zhang")
    before = {p.name: p.read_bytes() for p in store.folder.contacts_dir.iterdir()}
    async with open_app(store) as (app, pilot):
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("slash", *"maya", "enter")
        await settle(pilot)
        assert app.screen.selected_entry().id == maya.id  # type: ignore[union-attr]
        await pilot.press("M")
        await pilot.pause()
        assert isinstance(app.screen, PickContact)
        assert maya.id not in [app.screen.query_one("#pick-list").get_option_at_index(i).id for i in range(3)]
        await pilot.press("escape")  # Esc backs out
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
        await pilot.press("M")
        await pilot.pause()
        await pilot.press(*"wei zh", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        assert "Merge Wei Zhang into Maya Chen?" in app.screen.question
        await pilot.press("y")
        await settle(pilot)
        merged = store.contacts.read(maya.id).contact
        assert not store.contacts.path_of(wei.id).exists()
        assert len(merged.interactions) == len(maya.contact.interactions) + len(wei.contact.interactions)
        assert app.book.get(wei.id) is None
        assert "Merged Wei Zhang into Maya Chen. u splits them again." in notes(app)
        assert store.journal.latest().note == "Merged Wei Zhang into Maya Chen"  # type: ignore[union-attr]
        await pilot.press("u")
        await settle(pilot)
    assert {p.name: p.read_bytes() for p in store.folder.contacts_dir.iterdir()} == before


async def test_the_palette_offers_undo_delete_and_merge(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "contact: Delete" in titles and "contact: Merge with…" in titles
        undo = [c for c in app.get_system_commands(app.screen) if c.title == "edit: Undo"]
        assert [c.help for c in undo] == ["Undo: Wrote the demo (u)"]
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"contact: delete")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
