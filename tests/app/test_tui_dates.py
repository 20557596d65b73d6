"""Dates typed in the app go the way of their field: a logged date back, a date they gave ahead."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from netcoach.model.contact import Contact
from netcoach.storage.store import Store
from netcoach.tui.dialogs.date import DateModal
from netcoach.tui.dialogs.log_form import LogForm
from tests.app.conftest import OpenApp
from tests.app.helpers import DEMO_TODAY, demo_store, screen_text, settle

assert DEMO_TODAY.isoformat() == "2026-11-18"  # a Wednesday: the dates below are read from it


async def test_a_logged_fri_is_the_friday_before(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        entry = app.screen.selected_entry()
        assert entry is not None
        await pilot.press("l")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, LogForm)
        form.query_one("#field-kind Select").value = "meeting"  # type: ignore[attr-defined]
        form.query_one("#field-date Input").value = "Fri"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert store.contacts.read(entry.id).contact.interactions[-1].date == dt.date(2026, 11, 13)


@pytest.mark.parametrize(("typed", "day"), [("fri", dt.date(2026, 11, 20)), ("dec 15", dt.date(2026, 12, 15))])
async def test_a_date_they_gave_is_read_ahead(tmp_path: Path, typed: str, day: dt.date, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        entry = app.screen.selected_entry()
        assert entry is not None
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, DateModal)
        await pilot.press("tab", *typed, "enter")
        await settle(pilot)
    assert store.contacts.read(entry.id).contact.reach_out_after == day


async def test_a_date_that_cannot_be_read_names_the_forms_and_keeps_the_dialog(
    tmp_path: Path, open_app: OpenApp
) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        entry = app.screen.selected_entry()
        assert entry is not None
        before = store.contacts.path_of(entry.id).read_bytes()
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("tab", *"soonish", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DateModal)
        text = " ".join(screen_text(app).split())
        assert "'soonish' is not a date" in text and "dec 15" in text and "in 2 weeks" in text
        await pilot.press("escape")
        await settle(pilot)
    assert store.contacts.path_of(entry.id).read_bytes() == before


async def test_the_contacts_list_shows_a_remembered_last_contact_as_remembered(
    tmp_path: Path, open_app: OpenApp
) -> None:
    from netcoach.model.partial_date import PartialDate

    store = Store(tmp_path / "data", cache_dir=tmp_path / "cache")
    store.contacts.add(Contact(name="Jonas Weber", last_contact=PartialDate(2019)))
    store.contacts.add(Contact(name="Ines Costa", last_contact=PartialDate(2023, 6)))
    store.contacts.add(Contact(name="Noor Haddad"))
    async with open_app(store) as (app, pilot):
        await pilot.press("2")
        await settle(pilot)
        rows = {line.split()[0]: line for line in screen_text(app).splitlines() if line.strip()}
        assert "2019" in rows["Jonas"] and "never" not in rows["Jonas"]  # not "1 Jan 2019", not "never"
        assert "Jun 2023" in rows["Ines"]
        assert "never" in rows["Noor"]
