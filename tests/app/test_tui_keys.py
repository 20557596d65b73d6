"""Pilot tests: no key acts on what the user was not looking at. The digits 1-4 always change
screen (the Evidence question answers with letters, Esc closes it unanswered); with a contact
open, 2 shows the list; "/" on a contact's page is the filter, and the letters typed next stay
there; the send check takes a typed anxiety number; a worry is typed without Tab first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from netcoach.model.contact import Contact, Interaction, Outcome
from netcoach.storage.store import Store
from netcoach.tui.app import NetcoachApp
from netcoach.tui.dialogs.contact_form import ContactForm
from netcoach.tui.dialogs.send_check import SendCheckModal
from netcoach.tui.screens.checklist import ChecklistScreen
from netcoach.tui.screens.contact import ContactScreen
from netcoach.tui.screens.contacts import ContactsScreen
from netcoach.tui.screens.today import TodayScreen
from tests.app.conftest import OpenApp, notices
from tests.app.helpers import DEMO_TODAY, SIZE, demo_store, make_app, screen_text, settle
from tests.app.test_tui_checklist import SendCheckApp, open_checklist, send_check


def flat(app: NetcoachApp) -> str:
    return " ".join(screen_text(app).split())


def one_question(tmp_path: Path) -> tuple[Store, str]:
    """A data folder with one message sent three weeks ago, no reply logged: "what happened?" is asked."""
    store = Store(tmp_path / "data", cache_dir=tmp_path / "cache")
    contact = Contact(
        name="Ines Moreau",
        met_at="the design meetup",
        met_on=DEMO_TODAY - dt.timedelta(days=30),
        interactions=[Interaction(date=DEMO_TODAY - dt.timedelta(days=20), kind="sent", expected=Outcome.NO_REPLY)],
    )
    return store, store.contacts.add(contact).id


async def open_evidence(app: NetcoachApp, pilot) -> ChecklistScreen:  # type: ignore[no-untyped-def]
    screen = await open_checklist(app, pilot)
    await pilot.press("v")
    await pilot.pause()
    assert "What happened?" in flat(app)
    return screen


async def test_digits_change_screen_while_the_evidence_question_is_asked(tmp_path: Path) -> None:
    store, ines = one_question(tmp_path)
    before = store.contacts.path_of(ines).read_bytes()
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        for digit, screen_type in (("1", TodayScreen), ("2", ContactsScreen), ("3", None), ("4", None)):
            await open_evidence(app, pilot)
            await pilot.press(digit)
            await settle(pilot)
            if screen_type is not None:
                assert isinstance(app.screen, screen_type)
            else:
                assert app.current_mode == ("draft" if digit == "3" else "checklist")
            if digit == "3":
                await pilot.press("escape")  # out of the draft's editor, where a digit is text
                await pilot.pause()
        assert store.contacts.path_of(ines).read_bytes() == before  # nothing was answered


async def test_esc_closes_the_question_unanswered_and_a_letter_answers_it(tmp_path: Path) -> None:
    store, ines = one_question(tmp_path)
    before = store.contacts.path_of(ines).read_bytes()
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_evidence(app, pilot)
        assert "n No reply" in flat(app) and "h Real help" in flat(app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and "What happened?" not in flat(app)
        await pilot.press("r")  # the question is closed: r answers nothing
        await settle(pilot)
        assert store.contacts.path_of(ines).read_bytes() == before
        await pilot.press("v")  # asked again when the Evidence part is opened
        await pilot.pause()
        assert "What happened?" in flat(app)
        await pilot.press("r")
        await settle(pilot)
    assert store.contacts.read(ines).contact.interactions[0].outcome is Outcome.REPLY


async def test_2_with_a_contact_open_shows_the_list(tmp_path: Path, pilot: Pilot[NetcoachApp]) -> None:
    app = pilot.app
    await pilot.press("2")
    await settle(pilot)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, ContactScreen)
    await pilot.press("2")
    await settle(pilot)
    assert isinstance(app.screen, ContactsScreen)
    await pilot.press("1", "enter")
    await settle(pilot)
    assert isinstance(app.screen, ContactScreen)
    await pilot.press("1")
    await settle(pilot)
    assert isinstance(app.screen, TodayScreen)


async def test_slash_on_a_contacts_page_is_the_filter_and_letters_stay_in_it(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    before = {p.name: p.read_bytes() for p in store.folder.contacts_dir.iterdir()}
    async with open_app(store) as (app, pilot):
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ContactScreen)
        await pilot.press("/", *"kettle")  # e, l, t: Edit, Log... were they not typed into the filter
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ContactsScreen)
        assert not isinstance(app.screen, ContactForm)
        box = screen.query_one("#contacts-filter", Input)
        assert box.value == "kettle" and screen.focused is box
    assert {p.name: p.read_bytes() for p in store.folder.contacts_dir.iterdir()} == before


async def test_the_anxiety_number_can_be_typed_in_the_send_check() -> None:
    app = SendCheckApp(send_check())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        modal = app.modal
        await pilot.press("7")
        await pilot.pause()
        assert modal.anxiety == 7 and "7 of 10" in screen_text(app)  # type: ignore[arg-type]
        await pilot.press("1", "0")
        await pilot.pause()
        assert modal.anxiety == 10
        await pilot.press("h", "space")  # the focus stayed on the list: letters and space still work
        await pilot.pause()
        assert modal.expected is Outcome.REAL_HELP and modal.panel.choices
        await pilot.press("enter")
        await pilot.pause()
    assert app.results[0] is not None and (app.results[0].anxiety, app.results[0].expected) == (10, Outcome.REAL_HELP)
    assert isinstance(modal, SendCheckModal)


async def test_a_worry_is_typed_without_tab_first(tmp_path: Path, pilot: Pilot[NetcoachApp]) -> None:
    app = pilot.app
    screen = await open_checklist(app, pilot)
    await pilot.press("w", *"what if she forgot me 2", "enter")  # a digit in a worry being typed is text
    await pilot.pause()
    assert app.screen is screen and screen.part == "worries"
    assert screen.worry_answer is not None and screen.worry_answer.worry_id == "wont_remember"
    box = screen.query_one("#worry-input", Input)
    assert box.value == "what if she forgot me 2"
    box.value = ""
    await pilot.press("1")  # nothing typed in the box: 1 still goes to Today
    await settle(pilot)
    assert isinstance(app.screen, TodayScreen)


async def test_enter_on_the_stage_already_there_writes_and_says_nothing(tmp_path: Path, open_app: OpenApp) -> None:
    from netcoach.tui.dialogs.stage import StageModal

    store = demo_store(tmp_path)
    before = {p.name: p.read_bytes() for p in store.folder.contacts_dir.iterdir()}
    async with open_app(store) as (app, pilot):
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, StageModal)
        await pilot.press("enter")  # the highlighted stage is the one they have
        await settle(pilot)
        assert not any(" is now " in n.message for n in notices(app))
    assert {p.name: p.read_bytes() for p in store.folder.contacts_dir.iterdir()} == before
