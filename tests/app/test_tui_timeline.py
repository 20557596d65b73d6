"""Pilot tests: correcting the timeline from a contact's page. t lists everything logged, newest
first; Enter corrects one interaction (the Log form, filled in); x deletes one after a y/n; u undoes."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from netcoach.tui.app import NetcoachApp
from netcoach.tui.dialogs.confirm import ConfirmModal
from netcoach.tui.dialogs.log_form import LogForm
from netcoach.tui.dialogs.timeline import TimelineModal
from netcoach.tui.screens.contact import ContactScreen
from tests.app.conftest import OpenApp
from tests.app.helpers import SIZE, demo_store, make_app, screen_text, settle


async def open_timeline(app: NetcoachApp, pilot) -> TimelineModal:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, ContactScreen)
    assert "t to correct or delete one" in screen_text(app)
    await pilot.press("t")
    await pilot.pause()
    modal = app.screen
    assert isinstance(modal, TimelineModal)
    return modal


async def test_enter_corrects_one_interaction_and_u_undoes_it(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        entry = app.screen.selected_entry()  # type: ignore[attr-defined]
        path = store.contacts.path_of(entry.id)
        before = path.read_bytes()
        old = store.contacts.read(entry.id).contact.interactions
        modal = await open_timeline(app, pilot)
        newest = modal.items[0]
        assert newest.date == max(i.date for i in old)
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, LogForm) and form.original == newest
        summary = form.query_one("#field-summary Input", Input)
        assert summary.value == newest.summary  # filled in as it was
        summary.value = "Corrected by hand"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContactScreen)
        now = store.contacts.read(entry.id).contact.interactions
        assert len(now) == len(old)
        assert [i for i in now if i.summary == "Corrected by hand"] == [
            newest.model_copy(update={"summary": "Corrected by hand"})
        ]
        assert [i for i in now if i != newest and i.summary != "Corrected by hand"] == [i for i in old if i != newest]
        assert "Corrected by hand" in screen_text(app)
        await pilot.press("u")
        await settle(pilot)
        assert path.read_bytes() == before


async def test_x_deletes_after_a_yes_and_no_keeps_it(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        entry = app.screen.selected_entry()  # type: ignore[attr-defined]
        path = store.contacts.path_of(entry.id)
        before = path.read_bytes()
        count = len(store.contacts.read(entry.id).contact.interactions)
        modal = await open_timeline(app, pilot)
        await pilot.press("down")
        await pilot.pause()
        second = modal.items[1]
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")  # keep
        await settle(pilot)
        assert path.read_bytes() == before
        await pilot.press("t", "down", "x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await settle(pilot)
        now = store.contacts.read(entry.id).contact.interactions
        assert len(now) == count - 1 and second not in now
        await pilot.press("u")
        await settle(pilot)
        assert path.read_bytes() == before


async def test_esc_closes_the_timeline_and_changes_nothing(tmp_path: Path) -> None:
    store = demo_store(tmp_path)
    before = {p.name: p.read_bytes() for p in store.folder.contacts_dir.iterdir()}
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_timeline(app, pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ContactScreen)
        await pilot.press("t", "enter")  # the Log form, filled in: Esc backs out unchanged
        await pilot.pause()
        assert isinstance(app.screen, LogForm)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ContactScreen)
    assert {p.name: p.read_bytes() for p in store.folder.contacts_dir.iterdir()} == before
