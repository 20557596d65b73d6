"""Pilot tests: the New contact form. It builds the contact as ``netcoach add`` does (the meeting
logged, so the person is due at once), keeps where and when for the next person from the same event,
asks before a second person of a name already there, and shows no problem before anything is typed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Input

from netcoach.model.kinds import InteractionKind
from netcoach.storage.store import Store
from netcoach.tui.app import NetcoachApp
from netcoach.tui.dialogs.confirm import ConfirmModal
from netcoach.tui.dialogs.new_contact import NewContactForm
from netcoach.tui.screens.today import TodayScreen
from netcoach.tui.widgets.row_list import RowList
from tests.app.conftest import OpenApp
from tests.app.helpers import demo_store, screen_text, settle

DAY = dt.date(2026, 12, 2)  # a Wednesday, not the demo's usual today


def empty_store(tmp_path: Path) -> Store:
    return Store(tmp_path / "data", cache_dir=tmp_path / "cache")


def field(app: NetcoachApp, name: str) -> Input:
    return app.screen.query_one(f"#field-{name} Input", Input)


async def test_a_fresh_form_shows_no_problem_and_hints_with_the_real_today(tmp_path: Path, open_app: OpenApp) -> None:
    async with open_app(empty_store(tmp_path), DAY) as (app, pilot):
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NewContactForm)
        assert "must not be empty" not in screen_text(app)
        assert "↳" not in screen_text(app)
        assert field(app, "met_on").placeholder == "yesterday, tue, dec 1"
        await pilot.press("X", "backspace")  # typed, then emptied: now the name's problem shows
        await pilot.pause()
        assert "must not be empty" in screen_text(app)


async def test_where_and_when_make_the_person_due_on_today_at_once(tmp_path: Path, open_app: OpenApp) -> None:
    store = empty_store(tmp_path)
    async with open_app(store, DAY) as (app, pilot):
        assert "No contacts yet" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Ana Lima")
        field(app, "met_at").value = "Data & Design meetup"
        field(app, "met_on").value = "yesterday"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        record = store.reader.find("Ana Lima")
        assert record.id in list(app.screen.query_one(RowList)._keys)
        assert "Ana Lima" in screen_text(app) and "Nobody is waiting" not in screen_text(app)
    contact = record.contact
    assert (contact.met_at, contact.met_on) == ("Data & Design meetup", DAY - dt.timedelta(days=1))
    assert [(i.kind, i.date) for i in contact.interactions] == [(InteractionKind.MET, DAY - dt.timedelta(days=1))]


async def test_only_the_place_means_met_today(tmp_path: Path, open_app: OpenApp) -> None:
    store = empty_store(tmp_path)
    async with open_app(store, DAY) as (app, pilot):
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Ana Lima")
        field(app, "met_at").value = "the meetup"
        await pilot.press("ctrl+s")
        await settle(pilot)
    contact = store.reader.find("Ana Lima").contact
    assert contact.met_on == DAY
    assert [(i.kind, i.date) for i in contact.interactions] == [(InteractionKind.MET, DAY)]


async def test_ctrl_n_saves_and_opens_the_next_person_from_the_same_event(tmp_path: Path, open_app: OpenApp) -> None:
    store = empty_store(tmp_path)
    async with open_app(store, DAY) as (app, pilot):
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Ana Lima")
        field(app, "met_at").value = "Data & Design meetup"
        field(app, "met_on").value = "2026-12-01"
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, NewContactForm)  # a fresh form, where and when kept
        assert field(app, "name").value == ""
        assert field(app, "met_at").value == "Data & Design meetup"
        assert field(app, "met_on").value == "2026-12-01"
        assert app.screen.focused is field(app, "name")
        await pilot.press(*"Tom Okafor")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert len(list(app.screen.query_one(RowList)._keys)) >= 2
    for name in ("Ana Lima", "Tom Okafor"):
        contact = store.reader.find(name).contact
        assert contact.met_at == "Data & Design meetup" and contact.met_on == dt.date(2026, 12, 1)
        assert [i.kind for i in contact.interactions] == [InteractionKind.MET]


async def test_a_name_already_there_is_a_question_naming_them(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    priya = store.reader.find("Priya Raman")
    before = sorted(p.name for p in store.folder.contacts_dir.iterdir())
    async with open_app(store) as (app, pilot):
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"priya raman")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        text = " ".join(screen_text(app).split())
        assert f"You already have Priya Raman ({priya.id})" in text
        await pilot.press("escape")  # go back: the form, as typed, nothing written
        await settle(pilot)
        assert isinstance(app.screen, NewContactForm)
        assert field(app, "name").value == "priya raman"
        assert sorted(p.name for p in store.folder.contacts_dir.iterdir()) == before
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")  # yes, another person of that name
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
    after = sorted(p.name for p in store.folder.contacts_dir.iterdir())
    assert len(after) == len(before) + 1 and f"{priya.id}-2.toml" in after
