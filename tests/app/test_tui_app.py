"""Pilot tests of the app at 80x24: every screen and key, Esc backing out, and living with other sessions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.pilot import Pilot

from netcoach.book import due_soon
from netcoach.model.changes import log_interaction
from netcoach.model.contact import Contact, Interaction, Stage
from netcoach.storage.reader import Reader
from netcoach.storage.store import Store
from netcoach.timing.rules import DEFAULT_RULES
from netcoach.tui.app import NetcoachApp
from netcoach.tui.dialogs.confirm import ConfirmModal
from netcoach.tui.dialogs.conflict import ConflictModal
from netcoach.tui.dialogs.contact_form import ContactForm
from netcoach.tui.dialogs.date import DateModal
from netcoach.tui.dialogs.help import HelpScreen
from netcoach.tui.dialogs.log_form import LogForm
from netcoach.tui.dialogs.problems import ProblemsScreen
from netcoach.tui.dialogs.stage import StageModal
from netcoach.tui.screens.contact import ContactScreen
from netcoach.tui.screens.contacts import ContactsScreen
from netcoach.tui.screens.today import TodayScreen
from netcoach.tui.widgets.row_list import RowList
from tests.app.conftest import OpenApp, notices
from tests.app.helpers import DEMO_TODAY, SIZE, burst, demo_store, make_app, screen_text, settle


def find_id(store: Store, name: str) -> str:
    return store.reader.find(name).id


async def test_today_groups_and_reason(tmp_path: Path, pilot: Pilot[NetcoachApp]) -> None:
    app = pilot.app
    assert isinstance(app.screen, TodayScreen)
    text = screen_text(app)
    assert "Overdue (" in text
    assert "Coming up in the next 7 days (" in text
    assert "Wednesday 18 November" in text
    # the reason of the highlighted person is shown under the list
    entry = app.screen.selected_entry()
    assert entry is not None and entry.follow_up is not None
    assert entry.follow_up.reason[:30] in text.replace("\n", " ")


async def test_today_empty_state_suggests_someone(tmp_path: Path, open_app: OpenApp) -> None:
    store = Store(tmp_path / "data", cache_dir=tmp_path / "cache")
    store.contacts.add(
        Contact(
            name="Ana Lima",
            interactions=[Interaction(date=DEMO_TODAY - dt.timedelta(days=3), kind="sent", awaiting_reply=False)],
        )
    )
    async with open_app(store) as (app, _pilot):
        text = screen_text(app)
        assert "Nobody is waiting on you today" in text
        assert "Ana Lima" in text


async def test_no_contacts_says_how_to_start(tmp_path: Path, open_app: OpenApp) -> None:
    async with open_app(Store(tmp_path / "data", cache_dir=tmp_path / "cache")) as (app, _pilot):
        assert "Press n to add" in screen_text(app)


async def test_enter_opens_contact_and_escape_goes_back(tmp_path: Path, pilot: Pilot[NetcoachApp]) -> None:
    app = pilot.app
    chosen = app.screen.selected_entry()
    assert chosen is not None
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, ContactScreen)
    text = screen_text(app)
    assert chosen.name in text
    assert "Timeline" in text
    assert "What's next" in text
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(app.screen, TodayScreen)


async def test_modes_switch_with_number_keys(tmp_path: Path, pilot: Pilot[NetcoachApp]) -> None:
    app = pilot.app
    await pilot.press("2")
    await pilot.pause()
    assert isinstance(app.screen, ContactsScreen)
    await pilot.press("1")
    await pilot.pause()
    assert isinstance(app.screen, TodayScreen)


async def test_contacts_filter_is_accent_and_case_insensitive(tmp_path: Path, pilot: Pilot[NetcoachApp]) -> None:
    app = pilot.app
    await pilot.press("2")
    await pilot.pause()
    await pilot.press("slash", *"CHLOE")
    await pilot.pause()
    row_list = app.screen.query_one(RowList)
    assert row_list.row_count == 1
    assert "Chloé Dubois" in screen_text(app)
    # common ground is searched too
    await pilot.press("escape")
    await pilot.press("slash", *"portuguese")
    await pilot.pause()
    assert [app.book.get(k).name for k in row_list._keys] == ["Sofia Alvarez"]  # type: ignore[union-attr]
    await pilot.press("escape")
    await pilot.pause()
    assert row_list.row_count == len(app.book)
    assert row_list.has_focus


async def test_contacts_sort_and_stage_filter(tmp_path: Path, pilot: Pilot[NetcoachApp]) -> None:
    app = pilot.app
    await pilot.press("2")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ContactsScreen)
    names = [e.name for e in screen._shown]
    assert names == sorted(names, key=str.casefold) or names[0].startswith("[")
    await pilot.press("o")
    await pilot.pause()
    assert "sort: next due" in screen_text(app)
    dues = [e.follow_up.due for e in screen._shown if e.follow_up]
    assert dues == sorted(dues)
    await pilot.press("o")
    await pilot.pause()
    assert "sort: last contact" in screen_text(app)
    await pilot.press("f")
    await pilot.pause()
    assert {e.view.stage for e in screen._shown} == {Stage.NEW}
    for _ in range(5):
        await pilot.press("f")
    await pilot.pause()
    assert "never contacted" in screen_text(app)
    assert {e.name for e in screen._shown} == {"Noah Fischer", "Zainab Hassan"}


async def test_new_contact_form_saves_to_disk(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        await pilot.press(*"Jo Park")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
    assert store.reader.find("Jo Park").contact.name == "Jo Park"


async def test_form_shows_validation_error_in_words(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactForm)
        form.query_one("#field-emails Input").value = "not-an-email"  # type: ignore[attr-defined]
        form.query_one("#field-met_on Input").value = "someday"  # type: ignore[attr-defined]
        await pilot.pause()
        text = screen_text(app)
        assert "name" not in text.lower() or "required" in text or "must not be empty" in text
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)  # not saved
        _, errors = form.build()
        assert "emails" in errors and "@" in errors["emails"]
        assert "met_on" in errors and "someday" in errors["met_on"]
        assert "name" in errors


async def test_escape_backs_out_unchanged_and_asks_when_typed(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    before = sorted(p.name for p in store.folder.contacts_dir.iterdir())
    async with open_app(store) as (app, pilot):
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("escape")  # nothing typed: closes at once
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("n")
        await pilot.press(*"Half typed")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")  # discard
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
    assert sorted(p.name for p in store.folder.contacts_dir.iterdir()) == before


async def test_edit_changes_the_file(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        entry = app.screen.selected_entry()
        assert entry is not None
        before = store.contacts.read(entry.id).contact
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactForm)
        form.query_one("#field-role Input").value = "Head of Things"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
    saved = store.contacts.read(entry.id).contact
    assert saved.role == "Head of Things"
    assert saved.interactions == before.interactions


async def test_log_updates_today_at_once(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        entry = app.screen.selected_entry()
        assert entry is not None and entry.follow_up is not None
        count = len(entry.view.interactions)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LogForm)
        app.screen.query_one("#field-kind Select").value = "sent"  # type: ignore[attr-defined]
        app.screen.query_one("#field-summary Input").value = "Sent a short thank-you"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = store.contacts.read(entry.id).contact
        assert len(saved.interactions) == count + 1
        assert saved.interactions[-1].summary == "Sent a short thank-you"
        assert saved.interactions[-1].date == DEMO_TODAY
        new_follow = app.book.get(entry.id).follow_up  # type: ignore[union-attr]
        assert new_follow is None or new_follow.due > DEMO_TODAY


async def test_log_form_rejects_a_bad_date(tmp_path: Path, pilot: Pilot[NetcoachApp]) -> None:
    app = pilot.app
    await pilot.press("l")
    await pilot.pause()
    form = app.screen
    assert isinstance(form, LogForm)
    form.query_one("#field-date Input").value = "31/02"  # type: ignore[attr-defined]
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(app.screen, LogForm)
    assert "not a date" in screen_text(app)


async def test_snooze_a_week(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        entry = app.screen.selected_entry()
        assert entry is not None
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, DateModal)
        await pilot.press("down", "down", "enter")  # tomorrow, 3 days, [1 week]
        await settle(pilot)
    assert store.contacts.read(entry.id).contact.snoozed_until == DEMO_TODAY + dt.timedelta(days=7)


async def test_reach_out_after_a_typed_date_and_escape_changes_nothing(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        entry = app.screen.selected_entry()
        assert entry is not None
        before = store.contacts.path_of(entry.id).read_bytes()
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        assert store.contacts.path_of(entry.id).read_bytes() == before
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("tab", *"2027-01-15", "enter")
        await settle(pilot)
    assert store.contacts.read(entry.id).contact.reach_out_after == dt.date(2027, 1, 15)


async def test_archive_removes_from_today(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        entry = app.screen.selected_entry()
        assert entry is not None
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, StageModal)
        await pilot.press("end", "enter")
        await settle(pilot)
        assert store.contacts.read(entry.id).contact.stage is Stage.ARCHIVED
        assert entry.id not in app.screen.query_one(RowList)._keys


async def test_help_lists_keys_in_force_including_remapped(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    store.folder.config_path.write_text('[keymap]\n"netcoach.log" = "ctrl+l"\n', encoding="utf-8")
    async with open_app(store) as (app, pilot):
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "This screen" in text and "Everywhere" in text
        assert "^l" in text or "ctrl+l" in text
        everywhere = str(app.screen.query_one("#help-everywhere").render())
        for key, what in (("1", "Today"), ("2", "Contacts"), ("5", "Events"), ("u", "Undo")):
            assert f"{key}  {what}" in everywhere  # the screen keys are off while a dialog is up, not in general
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, LogForm)


async def test_unknown_keymap_name_is_reported(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    store.folder.config_path.write_text('[keymap]\n"netcoach.lgo" = "ctrl+l"\n', encoding="utf-8")
    async with open_app(store) as (app, _pilot):
        notes = [n.message for n in notices(app)]
        assert any("netcoach.lgo" in n and "netcoach.log" in n for n in notes)


@pytest.mark.parametrize("name", ["[bold red]Eve[/]", "[/", "[@click=app.quit]x"])
async def test_markup_like_names_are_plain_text(tmp_path: Path, name: str, open_app: OpenApp) -> None:
    store = Store(tmp_path / "data", cache_dir=tmp_path / "cache")
    store.contacts.add(Contact(name=name, company="[i]Co[/i]", interactions=[Interaction(date=DEMO_TODAY, kind="met")]))
    async with open_app(store) as (app, pilot):
        assert name in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert name in screen_text(app)
        assert "[i]Co[/i]" in screen_text(app)
        await pilot.press("escape", "2")
        await pilot.pause()
        assert name in screen_text(app)
        assert app.is_running


async def test_escape_sequences_never_reach_the_screen(tmp_path: Path, open_app: OpenApp) -> None:
    store = Store(tmp_path / "data", cache_dir=tmp_path / "cache")
    store.folder.contacts_dir.mkdir(parents=True, exist_ok=True)
    (store.folder.contacts_dir / "evil.toml").write_text(
        'name = "Ev\\u001b[31mil\\u0007"\n[[interactions]]\ndate = 2026-11-18\nkind = "met"\n', encoding="utf-8"
    )
    async with open_app(store) as (app, _pilot):
        text = screen_text(app)
        assert "Evil" in text
        assert "\x1b" not in text and "\x07" not in text


async def test_bad_files_are_reported_once_and_listed(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    (store.folder.contacts_dir / "broken.toml").write_text('name = "x\n', encoding="utf-8")
    (store.folder.contacts_dir / "typo.toml").write_text('name = "Y"\ncompnay = "Z"\n', encoding="utf-8")
    async with open_app(store) as (app, pilot):
        notes = [n.message for n in notices(app)]
        assert any("2 files could not be read" in n for n in notes)
        assert len(app.book) == 22  # everything else loaded
        await pilot.press("P")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        text = screen_text(app)
        assert "typo.toml:2:1: compnay: unknown key" in text.replace("\n", "")
        assert "broken.toml:1:" in text


async def test_changes_on_disk_refresh_without_losing_place(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("slash", *"a")
        await pilot.press("enter")  # back to the list, filter kept
        await pilot.press("down", "down")
        await pilot.pause()
        row_list = app.screen.query_one(RowList)
        place = row_list.current_key
        # another netcoach adds someone and logs with someone else
        other = Store(store.root, cache_dir=tmp_path / "other-cache")
        other.contacts.add(Contact(name="Aaron Abel"))
        maya = other.reader.find("Maya Chen")
        other.contacts.update(maya.id, lambda c: log_interaction(c, Interaction(date=DEMO_TODAY, kind="received")))
        app.loader.check_for_changes()
        await settle(pilot)
        assert app.book.get(other.reader.find("Aaron Abel").id) is not None
        assert row_list.current_key == place
        assert app.screen.query_one("#contacts-filter").value == "a"  # type: ignore[attr-defined]


async def test_edit_conflict_keep_mine_keeps_both_changes(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        entry = app.screen.selected_entry()
        assert entry is not None
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#field-role Input").value = "Mine"  # type: ignore[attr-defined]
        # meanwhile, the command line logs a call with the same person
        Store(store.root, cache_dir=tmp_path / "c2").contacts.update(
            entry.id, lambda c: log_interaction(c, Interaction(date=DEMO_TODAY, kind="call", summary="theirs"))
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConflictModal)
        await pilot.press("k")
        await settle(pilot)
    saved = store.contacts.read(entry.id).contact
    assert saved.role == "Mine"
    assert saved.interactions[-1].summary == "theirs"


async def test_edit_conflict_reload_drops_the_edit(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        entry = app.screen.selected_entry()
        assert entry is not None
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#field-role Input").value = "Mine"  # type: ignore[attr-defined]
        Store(store.root, cache_dir=tmp_path / "c2").contacts.update(entry.id, lambda c: setattr(c, "role", "Theirs"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert app.book.record(entry.id).contact.role == "Theirs"  # type: ignore[union-attr]
    assert store.contacts.read(entry.id).contact.role == "Theirs"


async def test_command_palette_offers_grouped_commands(tmp_path: Path, pilot: Pilot[NetcoachApp]) -> None:
    app = pilot.app
    titles = [c.title for c in app.get_system_commands(app.screen)]
    assert "go: Contacts" in titles and "contact: Log an interaction" in titles
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*"go: contacts")
    await pilot.pause()
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, ContactsScreen)


async def test_large_book_renders_only_visible_rows(tmp_path: Path, open_app: OpenApp) -> None:
    from netcoach.book import ContactBook
    from netcoach.storage.contacts import ContactRecord

    records = [ContactRecord(f"p{i}", Contact(name=f"Person {i:05d}", company="Acme"), "") for i in range(30_000)]
    async with open_app(Store(tmp_path / "data", cache_dir=tmp_path / "cache")) as (app, pilot):
        app.book = ContactBook.of_records(records, DEMO_TODAY)
        await pilot.press("2")
        await pilot.pause()
        row_list = app.screen.query_one(RowList)
        calls: list[int] = []
        original = row_list._render_row

        def counting(index: int, width: int):  # type: ignore[no-untyped-def]
            calls.append(index)
            return original(index, width)

        row_list._render_row = counting
        app.screen.show_book(app.book)  # type: ignore[attr-defined]
        await pilot.pause()
        assert row_list.row_count == 30_000
        assert 0 < len(set(calls)) <= 24
        await pilot.press("end")
        await pilot.pause()
        assert row_list.current_key == "p29999"
        assert "Person 29999" in screen_text(app)


async def test_theme_preview_in_palette_and_choice_persists(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    store.folder.config_path.write_text("# my settings\nask_before_send = true\n", encoding="utf-8")
    async with open_app(store) as (app, pilot):
        assert app.theme == "netcoach-dark"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"theme: netcoach-light")
        await pilot.pause()
        await pilot.press("down")  # onto the hit: the colours change as the cursor moves
        await pilot.pause()
        assert app.theme == "netcoach-light"
        await pilot.press("escape")  # backing out restores the theme
        await pilot.pause()
        assert app.theme == "netcoach-dark"
        app.choose_theme("netcoach-contrast")
        await settle(pilot)
    text = store.folder.config_path.read_text(encoding="utf-8")
    assert "# my settings" in text and 'theme = "netcoach-contrast"' in text
    again = make_app(store)  # a restart picks it up
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.theme == "netcoach-contrast"


async def test_today_comes_first_from_the_people_due_soon(tmp_path: Path) -> None:
    app = make_app(demo_store(tmp_path))
    seen: list[bool] = []
    async with app.run_test(
        size=SIZE, message_hook=lambda m: seen.append(m.complete) if hasattr(m, "complete") else None
    ) as pilot:
        await settle(pilot)
        assert seen[:1] == [False] and seen[-1] is True  # a quick Today, then everyone
        soon = {contact_id for contact_id, _ in due_soon(app.store, app.today, app.config.timing) or []}
        assert soon == {e.id for e in app.book.due(7)}
        assert app.complete


async def test_people_read_before_the_app_starts_are_on_its_first_frame(tmp_path: Path) -> None:
    store = demo_store(tmp_path)
    soon = due_soon(store, DEMO_TODAY, DEFAULT_RULES)
    assert soon
    config, problems = store.settings.load_config()
    app = NetcoachApp(store, DEMO_TODAY, config, problems, watch=False, due_soon=soon)
    assert app.loaded and not app.complete and len(app.book) == len(soon)
    async with app.run_test(size=SIZE) as pilot:
        first_frame = screen_text(app)  # before any worker ran
        assert "Overdue (" in first_frame and any(view.name in first_frame for _, view in soon)
        await settle(pilot)
        assert app.complete and len(app.book) > len(soon)  # then everyone


async def test_a_key_typed_right_after_quit_opens_nothing(tmp_path: Path, pilot: Pilot[NetcoachApp]) -> None:
    app = pilot.app
    screen = app.screen
    app.exit()
    assert screen.check_action("log", ()) is False
    assert screen.check_action("new_contact", ()) is False


async def test_an_edit_in_place_is_noticed_without_reloading_every_time(tmp_path: Path, open_app: OpenApp) -> None:
    from netcoach.tui.loading import FULL_RESCAN_EVERY

    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        book = app.book
        app.loader.check_for_changes()  # nothing changed: the same book
        await settle(pilot)
        assert app.book is book
        maya = store.reader.find("Maya Chen")
        path = store.contacts.path_of(maya.id)
        # an editor that writes in place: the folder's time does not change, the file's does
        path.write_text(path.read_text(encoding="utf-8").replace("Maya Chen", "Maya Chen-Li"), encoding="utf-8")
        app.loader.dir_mtime = app.loader.contacts_mtime()
        app.loader.tick = FULL_RESCAN_EVERY - 1
        app.loader.check_for_changes()
        await settle(pilot)
        assert app.book.get(maya.id).name == "Maya Chen-Li"  # type: ignore[union-attr]


async def test_the_lists_hold_light_views_and_read_a_whole_contact_only_when_opened(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        await pilot.press("2", "down", "down")
        await pilot.pause()
        assert app.complete and app.book._whole == {}  # Today and Contacts at 80 columns read no whole contact
        entry = app.screen.selected_entry()
        assert entry is not None
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ContactScreen)
        assert list(app.book._whole) == [entry.id]
        story = str(app.screen.query_one("#contact-story").render())
        summaries = [item.summary for item in store.contacts.read(entry.id).contact.interactions if item.summary]
        assert summaries and all(summary in story for summary in summaries)  # only the whole contact has them


async def test_the_side_panel_reads_the_contact_under_the_cursor_when_it_shows(tmp_path: Path, open_app: OpenApp) -> None:
    async with open_app(size=(130, 30)) as (app, _pilot):
        entry = app.screen.selected_entry()
        assert entry is not None and entry.id in app.book._whole
        side = str(app.screen.query_one("#today-side").render())
        assert entry.name in side


async def test_keys_typed_in_a_burst_after_a_screen_key_reach_the_new_screen(tmp_path: Path, pilot: Pilot[NetcoachApp]) -> None:
    from textual import events

    app = pilot.app
    for key in "2/chloe":  # as a terminal delivers a paste or a fast typist: all queued at once
        app.post_message(events.Key("slash" if key == "/" else key, key))
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, ContactsScreen)  # and no Log form opened by the "l" of chloe
    assert screen.query_one("#contacts-filter").value == "chloe"  # type: ignore[attr-defined]
    await pilot.press("1", "2")  # a digit typed into the filter is text, not a screen change
    assert app.screen is screen and screen.query_one("#contacts-filter").value == "chloe12"  # type: ignore[attr-defined]
    await pilot.press("enter", "1")  # from the list, it is
    assert isinstance(app.screen, TodayScreen)
    await pilot.press("question_mark", "2")  # not while a screen is on top
    assert isinstance(app.screen, HelpScreen)


async def test_the_keys_typed_after_slash_go_straight_to_the_filter(
    pilot: Pilot[NetcoachApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """"/" moves the focus as it reaches the app, before the next key is handed on: no key typed after it goes
    round by the list (list, screen, filter: a longer way than the app's straight to the filter, so a key sent
    round could come after the next ones: "chloe" filtered as "choel" in GNU screen on a busy machine)."""
    from textual import events

    app = pilot.app
    await pilot.press("2")
    screen = app.screen
    assert isinstance(screen, ContactsScreen) and isinstance(screen.focused, RowList)
    to_the_list: list[str] = []

    def seen(self: RowList, event: events.Key) -> None:
        to_the_list.append(event.key)

    monkeypatch.setattr(RowList, "on_key", seen, raising=False)
    burst(app, "/", *"chloe")
    await settle(pilot)
    assert to_the_list == []
    assert screen.query_one("#contacts-filter").value == "chloe"  # type: ignore[attr-defined]
    await pilot.press("slash")  # in the filter, / is text
    assert screen.query_one("#contacts-filter").value == "chloe/"  # type: ignore[attr-defined]


async def test_the_watcher_does_not_start_a_second_read_while_one_is_under_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    store = demo_store(tmp_path)
    app = make_app(store)
    release = threading.Event()
    reads: list[int] = []
    original = Reader.views

    def slow_views(self: Reader, rules: object) -> object:  # a first start over 30,000 new files, say
        reads.append(1)
        release.wait(10)
        return original(self, rules)  # type: ignore[arg-type]

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        monkeypatch.setattr(Reader, "views", slow_views)
        store.contacts.add(Contact(name="New Person"))  # the folder changes
        app.loader.check_for_changes()  # starts a read
        for _ in range(5):  # the watcher ticks while it runs
            await pilot.pause()
            app.loader.check_for_changes()
        release.set()
        await settle(pilot)
        assert len(reads) == 1
        assert store.reader.find("New Person").id in {e.id for e in app.book.entries()}
