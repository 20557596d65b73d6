"""Pilot tests: the Log dialog writes only what the user chose. The focus starts on what happened,
nothing is chosen beforehand, a stray Enter saves nothing, the fields follow the kind."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select

from netcoach.model.kinds import InteractionKind
from netcoach.storage.store import Store
from netcoach.tui.app import NetcoachApp
from netcoach.tui.dialogs.log_form import SUMMARY_HINTS, LogForm
from tests.app.conftest import OpenApp
from tests.app.helpers import SIZE, demo_store, make_app, screen_text, settle


async def open_log(app: NetcoachApp, pilot: object) -> LogForm:
    await settle(pilot)  # type: ignore[arg-type]
    await pilot.press("l")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    form = app.screen
    assert isinstance(form, LogForm)
    return form


def files(store: Store) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in store.folder.contacts_dir.iterdir()}


def kind_select(form: LogForm) -> Select[str]:
    return form.query_one("#field-kind Select", Select)


async def test_the_focus_starts_on_what_happened_with_nothing_chosen(tmp_path: Path) -> None:
    app = make_app(demo_store(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        form = await open_log(app, pilot)
        assert form.focused is kind_select(form)
        assert kind_select(form).value is Select.NULL
        assert "I sent a message" not in screen_text(app)
        assert not form.query_one("#field-awaiting").display


async def test_enter_on_a_fresh_dialog_writes_nothing(tmp_path: Path) -> None:
    store = demo_store(tmp_path)
    before = files(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_log(app, pilot)
        await pilot.press("enter")  # opens the list of kinds, on "(choose)"
        await pilot.pause()
        await pilot.press("enter")  # "(choose)" again: still nothing chosen
        await pilot.pause()
        assert kind_select(form).value is Select.NULL
        await pilot.press("tab")  # to When; Enter there saves nothing either
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is form
        assert "choose what happened" in screen_text(app)
        assert form.focused is kind_select(form)  # back to the choice that is missing
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
    assert files(store) == before


async def test_enter_saves_once_the_kind_is_chosen(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        entry = app.screen.selected_entry()  # type: ignore[attr-defined]
        count = len(store.contacts.read(entry.id).contact.interactions)
        form = await open_log(app, pilot)
        await pilot.press("enter", "down", "down", "down", "enter")  # the list: (choose), sent, received, met
        await pilot.pause()
        assert kind_select(form).value == "met"
        form.query_one("#field-summary Input", Input).focus()
        await pilot.press(*"at the meetup", "enter")
        await settle(pilot)
        assert app.screen is not form
    saved = store.contacts.read(entry.id).contact.interactions
    assert len(saved) == count + 1
    assert (saved[-1].kind, saved[-1].summary) == (InteractionKind.MET, "at the meetup")


async def test_the_fields_follow_the_kind(tmp_path: Path) -> None:
    app = make_app(demo_store(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        form = await open_log(app, pilot)
        for kind in InteractionKind:
            kind_select(form).value = kind.value
            await pilot.pause()
            assert form.query_one("#field-awaiting").display is (kind is InteractionKind.SENT)
            assert form.query_one("#field-channel").display is (kind is not InteractionKind.NOTE)
            assert form.query_one("#field-summary Input", Input).placeholder == SUMMARY_HINTS[kind]
            shown = screen_text(app)
            assert ("Does it wait for a reply?" in shown) is (kind is InteractionKind.SENT)


def test_the_hints_use_no_pronouns() -> None:
    for hint in SUMMARY_HINTS.values():
        words = set(hint.lower().replace(",", " ").replace(":", " ").split())
        assert not words & {"her", "him", "his", "she", "he", "hers", "their", "them", "they"}, hint
