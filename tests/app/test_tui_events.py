"""Pilot tests of the Events screen (5) at 80x24: the lists, adding people met there, met nobody, Today's debrief."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from netcoach.storage.store import Store
from netcoach.tui.app import NetcoachApp
from netcoach.tui.dialogs.event_people import EventPeople
from netcoach.tui.dialogs.met_at_event import MetAtEventForm
from netcoach.tui.screens.contact import ContactScreen
from netcoach.tui.screens.events import EventsScreen
from netcoach.tui.screens.today import TodayScreen
from netcoach.tui.widgets.row_list import RowList
from tests.app.conftest import OpenApp
from tests.app.helpers import demo_store, screen_text, settle

DESIGN = "design-week-open-studio-2026-11-17"  # the demo's event yesterday: nobody added yet


def met_at(store: Store, event_id: str) -> list[str]:
    return sorted(
        r.contact.name for r in store.reader.load().records if any(i.event == event_id for i in r.contact.interactions)
    )


async def go_to(pilot, key: str) -> None:  # type: ignore[no-untyped-def]
    """Move the Events list's cursor to the event ``key``."""
    row_list = pilot.app.screen.query_one(RowList)
    while row_list.current_key != key:
        await pilot.press("down")
    await settle(pilot)


async def test_events_lists_upcoming_then_past(tmp_path: Path, pilot: Pilot[NetcoachApp]) -> None:
    app = pilot.app
    await pilot.press("5")
    await settle(pilot)
    assert isinstance(app.screen, EventsScreen)
    text = screen_text(app)
    assert text.index("Upcoming (2)") < text.index("Past (3)")
    assert "goal: meet two people who work in d" in text
    assert "1 met, 1 of 1 followed up" in text and "nobody added yet (n)" in text
    assert "Your goal: meet two people who work in data engineering" in text  # the prep of the first
    assert "You may know: Daniel Okafor" in text


async def test_n_adds_people_met_there_and_save_and_add_another(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        await pilot.press("5")
        await settle(pilot)
        await go_to(pilot, DESIGN)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, MetAtEventForm)
        assert "Met at Design week open studio (Studio 9), 17 November" in screen_text(app)
        await pilot.press(*"Ana Lima", "tab", *"Lumen")
        await pilot.press("ctrl+n")  # save and add another
        await settle(pilot)
        assert isinstance(app.screen, MetAtEventForm) and "1 added so far" in screen_text(app)
        await pilot.press(*"Bo Chen", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EventsScreen)
        assert met_at(store, DESIGN) == ["Ana Lima", "Bo Chen"]
        assert "2 met, 0 of 2 followed up" in screen_text(app)
        ana = next(r.contact for r in store.reader.load().records if r.contact.name == "Ana Lima")
        assert (ana.company, ana.met_at, str(ana.met_on)) == (
            "Lumen",
            "Design week open studio (Studio 9)",
            "2026-11-17",
        )


async def test_esc_backs_out_of_the_form_and_nothing_is_written(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        await pilot.press("5")
        await settle(pilot)
        await go_to(pilot, DESIGN)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, EventsScreen)
        assert met_at(store, DESIGN) == []


async def test_b_met_nobody_and_u_undoes_it(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        await pilot.press("5")
        await settle(pilot)
        await go_to(pilot, DESIGN)
        await pilot.press("b")
        await settle(pilot)
        assert store.events.read(DESIGN).event.nobody
        assert "met nobody" in screen_text(app)
        await pilot.press("u")
        await settle(pilot)
        assert not store.events.read(DESIGN).event.nobody


async def test_todays_debrief_opens_the_same_flow(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        assert isinstance(app.screen, TodayScreen)
        assert "Design week open studio   Studio 9                event debrief today" in screen_text(app)
        row_list = app.screen.query_one(RowList)
        while row_list.current_key != f"event:{DESIGN}":
            await pilot.press("down")
        await settle(pilot)
        assert "who did you meet?" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MetAtEventForm)
        await pilot.press(*"Cy Diaz", "ctrl+s")
        await settle(pilot)
        assert met_at(store, DESIGN) == ["Cy Diaz"]
        assert "event debrief" not in screen_text(app)


async def test_enter_lists_the_people_and_opens_one(tmp_path: Path, pilot: Pilot[NetcoachApp]) -> None:
    app = pilot.app
    await pilot.press("5")
    await settle(pilot)
    await go_to(pilot, "pydata-meetup-2026-11-09")
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, EventPeople) and "Daniel Okafor" in screen_text(app)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, ContactScreen) and "Daniel Okafor" in screen_text(app)


async def test_5_typed_in_a_field_stays_there(tmp_path: Path, pilot: Pilot[NetcoachApp]) -> None:
    app = pilot.app
    await pilot.press("5")
    await settle(pilot)
    await go_to(pilot, DESIGN)
    await pilot.press("n")
    await settle(pilot)
    await pilot.press("5", "1")
    await settle(pilot)
    assert isinstance(app.screen, MetAtEventForm)
    assert "51" in screen_text(app)


async def test_help_and_the_palette_name_the_events_screen(tmp_path: Path, pilot: Pilot[NetcoachApp]) -> None:
    app = pilot.app
    commands = [c.title for c in app.get_system_commands(app.screen)]
    assert "go: Events" in commands
    await pilot.press("5")
    await settle(pilot)
    await go_to(pilot, DESIGN)
    commands = [c.title for c in app.get_system_commands(app.screen)]
    assert {"events: Add someone you met", "events: Met nobody"} <= set(commands)
    await pilot.press("question_mark")
    await settle(pilot)
    text = screen_text(app)
    assert "Add who you met" in text and "Met nobody" in text


async def test_the_contact_page_shows_the_event_and_enter_goes_to_it(tmp_path: Path, pilot: Pilot[NetcoachApp]) -> None:
    app = pilot.app
    await pilot.press("5")
    await settle(pilot)
    await go_to(pilot, "pydata-meetup-2026-11-09")
    await pilot.press("enter", "enter")  # the people met there, then Daniel's page
    await settle(pilot)
    assert isinstance(app.screen, ContactScreen)
    assert "At the event: PyData meetup" in screen_text(app)
    await pilot.press("enter")  # back to the event
    await settle(pilot)
    assert isinstance(app.screen, EventsScreen)
    assert app.screen.query_one(RowList).current_key == "pydata-meetup-2026-11-09"


async def test_the_evidence_view_says_what_the_invitations_led_to_once_there_is_enough(tmp_path: Path, open_app: OpenApp) -> None:
    import datetime as dt

    from netcoach.model.changes import met
    from netcoach.model.contact import Contact
    from netcoach.model.event import Event

    store = demo_store(tmp_path)
    fair = store.events.add(Event(name="Career fair", date=dt.date(2026, 11, 2)))
    store.contacts.add(met(Contact(name="Zoe Park"), fair.event.date, fair.event.where, event=fair.id))
    async with open_app(store) as (app, pilot):
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        text = " ".join(screen_text(app).split())
        assert "You went to 3 events and met 3 people; the invitations you accepted led to" in text
