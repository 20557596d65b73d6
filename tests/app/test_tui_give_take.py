"""Give and take in the app: p records a promise, space marks one kept, "introduce to..." drafts the ask."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from netcoach.model.contact import Contact
from netcoach.model.kinds import TaskKind
from netcoach.storage.store import Store
from netcoach.tui.app import NetcoachApp
from netcoach.tui.dialogs.contact_form import ContactForm
from netcoach.tui.dialogs.one_sentence import OneSentence
from netcoach.tui.dialogs.pick_contact import PickContact
from netcoach.tui.dialogs.plain_view import PlainView
from netcoach.tui.dialogs.promise_form import PromiseForm
from netcoach.tui.dialogs.who_can_help import WhoCanHelp
from netcoach.tui.messages import ContactSelected
from netcoach.tui.screens.contact import ContactScreen
from netcoach.tui.screens.draft import DraftScreen
from netcoach.tui.screens.today import TodayScreen
from netcoach.tui.widgets.form_field import Field
from netcoach.tui.widgets.message_editor import MessageEditor
from netcoach.tui.widgets.row_list import RowList
from tests.app.conftest import OpenApp
from tests.app.helpers import DEMO_TODAY, demo_store, screen_text, settle


async def test_p_records_a_promise_that_today_lists_and_space_marks_kept(tmp_path: Path, open_app: OpenApp) -> None:
    store = Store(tmp_path / "data", cache_dir=tmp_path / "cache")
    ana = store.contacts.add(Contact(name="Ana Souza", company="Lumen"))
    async with open_app(store) as (app, pilot):
        await pilot.press("2")  # Contacts: Ana is there (nothing due yet, so not on Today)
        await settle(pilot)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PromiseForm)
        await pilot.press(*"send the dbt article")  # typed into the focused What field
        app.screen.query_one("#field-by Input").value = "today"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        [promise] = store.contacts.read(ana.id).contact.promises
        assert (promise.text, promise.by, promise.whose, promise.kept_on) == (
            "send the dbt article",
            DEMO_TODAY,
            "mine",
            None,
        )
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        entry = app.screen.selected_entry()
        assert entry is not None and entry.id == ana.id
        assert entry.follow_up is not None and entry.follow_up.kind is TaskKind.PROMISE
        assert "promise" in screen_text(app) and 'You said today you would "send the dbt article"' in screen_text(app)
        await pilot.press("space")
        await settle(pilot)
        assert store.contacts.read(ana.id).contact.promises[0].kept_on == DEMO_TODAY
        assert app.book.get(ana.id).follow_up is None  # type: ignore[union-attr]
        await pilot.press("u")  # undo brings the promise back
        await settle(pilot)
        assert store.contacts.read(ana.id).contact.promises[0].kept_on is None


async def test_space_does_nothing_on_a_row_that_is_not_a_promise(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        entry = app.screen.selected_entry()
        assert entry is not None and entry.follow_up is not None and not entry.follow_up.about
        before = store.contacts.file_bytes(entry.id)
        await pilot.press("space")
        await settle(pilot)
        assert store.contacts.file_bytes(entry.id) == before


async def test_esc_backs_out_of_the_promise_form_unchanged(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        entry = app.screen.selected_entry()
        assert entry is not None
        before = store.contacts.file_bytes(entry.id)
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, PromiseForm)
        assert store.contacts.file_bytes(entry.id) == before


async def test_a_past_date_is_refused_in_the_form(tmp_path: Path, pilot: Pilot[NetcoachApp]) -> None:
    app = pilot.app
    await pilot.press("p")
    await pilot.pause()
    form = app.screen
    assert isinstance(form, PromiseForm)
    form.query_one("#field-text Input").value = "send it"  # type: ignore[attr-defined]
    form.query_one("#field-by Input").value = (DEMO_TODAY - dt.timedelta(days=2)).isoformat()  # type: ignore[attr-defined]
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(app.screen, PromiseForm) and "in the past" in screen_text(app)


async def test_introduce_to_picks_the_other_and_shows_the_private_ask(tmp_path: Path, open_app: OpenApp) -> None:
    store = Store(tmp_path / "data", cache_dir=tmp_path / "cache")
    gia = store.contacts.add(Contact(name="Gia Roy", company="Acme", emails=["gia@example.com"]))
    store.contacts.add(Contact(name="Ana Souza", company="Lumen", role="Data Engineer", they_can_help="dbt"))
    async with open_app(store) as (app, pilot):
        await pilot.press("2")
        await settle(pilot)
        app.screen.query_one(RowList).cursor = 1  # Gia Roy, after Ana Souza by name
        await pilot.pause()
        assert app.screen.selected_entry().id == gia.id  # type: ignore[attr-defined]
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, PickContact)
        await pilot.press(*"ana")
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, PlainView)
        text = screen_text(app)
        assert "Would you like an intro to Ana Souza?" in text and "Data Engineer at Lumen" in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PlainView)
        assert store.contacts.read(gia.id).contact.promises == []  # nothing written


async def test_introduce_to_backs_out_with_esc(tmp_path: Path, pilot: Pilot[NetcoachApp]) -> None:
    app = pilot.app
    await pilot.press("i")
    await pilot.pause()
    assert isinstance(app.screen, PickContact)
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(app.screen, TodayScreen)


async def test_who_can_help_lists_why_and_opens_the_person(tmp_path: Path, open_app: OpenApp) -> None:
    store = Store(tmp_path / "data", cache_dir=tmp_path / "cache")
    store.contacts.add(Contact(name="Rafa Costa", company="Open Data"))
    ana = store.contacts.add(Contact(name="Ana Souza", company="Lumen", role="Data Engineer", met_through="rafa-costa"))
    async with open_app(store) as (app, pilot):
        await pilot.press("2")
        await settle(pilot)
        app.screen.who_can_help()  # type: ignore[attr-defined]  # the palette's "who: Who can help with…"
        await pilot.pause()
        assert isinstance(app.screen, WhoCanHelp)
        await pilot.press(*"data eng")
        await pilot.pause()
        text = screen_text(app)
        assert "Ana Souza (Lumen)" in text and "role: Data Engineer at Lumen" in text
        assert "introduced by Rafa Costa" in text
        await pilot.press("enter")  # from the question to the list: nothing chosen yet
        await pilot.pause()
        assert isinstance(app.screen, WhoCanHelp)
        await pilot.press("enter")  # the person under the cursor
        await settle(pilot)
        assert isinstance(app.screen, ContactScreen) and app.screen.contact_id == ana.id


async def test_the_contact_form_names_who_introduced_you(tmp_path: Path, open_app: OpenApp) -> None:
    store = Store(tmp_path / "data", cache_dir=tmp_path / "cache")
    store.contacts.add(Contact(name="Ana Souza"))
    gia = store.contacts.add(Contact(name="Gia Roy"))
    async with open_app(store) as (app, pilot):
        await pilot.press("2")
        await settle(pilot)
        app.screen.query_one(RowList).cursor = 1  # Gia Roy
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactForm)
        field = form.query_one("#field-met_through Input", Input)
        field.value = "Nobody Known"
        await pilot.pause()
        assert form.build()[1]["met_through"] == "no contact called Nobody Known"
        field.value = "ana souza"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert store.contacts.read(gia.id).contact.met_through == "ana-souza"
        await pilot.press("enter")  # Gia's page says who introduced you
        await settle(pilot)
        assert "Introduced by Ana Souza" in screen_text(app)


async def test_the_what_to_ask_worry_offers_to_keep_the_sentence(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        await pilot.press("4", "w", "down")  # from the worry box (where typing goes) to the list
        await pilot.pause()
        worries = app.screen.query_one("#worry-list", RowList)
        worries.cursor = [w.id for w in app.worries.items].index("dont_know_what_to_ask")
        await pilot.press("enter")
        await pilot.pause()
        assert "s Say what you want" in screen_text(app)  # in the key bar: the answer may run below the fold
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, OneSentence)
        await pilot.press(*"learning about health tech", "enter")
        await settle(pilot)
        assert app.config.user.looking_for == "learning about health tech"
        saved = store.settings.load_config()[0]
        assert saved.user.looking_for == "learning about health tech"


async def test_s_does_nothing_for_another_worry(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    before = store.folder.config_path.read_bytes()  # the demo's settings
    async with open_app(store) as (app, pilot):
        await pilot.press("4", "w", "down", "enter")  # the first worry, from the list
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert not isinstance(app.screen, OneSentence)
        assert store.folder.config_path.read_bytes() == before


async def test_a_sent_draft_that_promises_something_offers_to_record_it(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    store.folder.config_path.write_text("ask_before_send = false\n", encoding="utf-8")
    async with open_app(store) as (app, pilot):
        maya = store.reader.find("Maya Chen").id
        app.post_message(ContactSelected(maya))
        await pilot.press("3")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DraftScreen)
        screen.query_one(MessageEditor).text = "Hi Maya, great to meet you! I'll send the checklist by Friday."
        await pilot.pause()
        await pilot.press("escape", "m")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, PromiseForm)  # an offer: filled in, nothing saved yet
        assert form.query_one("#field-text", Field).widget.value == "send the checklist"  # type: ignore[attr-defined]
        assert store.contacts.read(maya).contact.promises == []
        await pilot.press("ctrl+s")
        await settle(pilot)
        [promise] = store.contacts.read(maya).contact.promises
        assert (promise.text, promise.by, promise.whose) == ("send the checklist", dt.date(2026, 11, 20), "mine")
