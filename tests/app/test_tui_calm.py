"""A calm first day in the app: dates on the snooze choices, notices in sentences, evidence that waits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import OptionList

from netcoach.model.contact import Contact, Interaction, Stage
from netcoach.storage.store import Store
from netcoach.tui.app import NetcoachApp
from netcoach.tui.dialogs.date import DateModal
from netcoach.tui.dialogs.stage import StageModal
from tests.app.conftest import OpenApp, notices
from tests.app.helpers import DEMO_TODAY, demo_store, screen_text, settle


def notes(app: NetcoachApp) -> list[str]:
    return [n.message for n in notices(app)]


def flat(app: NetcoachApp) -> str:
    return " ".join(screen_text(app).split())


async def test_snooze_choices_show_their_dates_and_the_notice_says_until_when(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        entry = app.screen.selected_entry()
        assert entry is not None
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, DateModal)
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert labels[:4] == [
            "Tomorrow: Thu 19 Nov",
            "In 3 days: Sat 21 Nov",
            "In 1 week: Wed 25 Nov",
            "In 2 weeks: Wed 2 Dec",
        ]
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert f"Snoozed {entry.name} until 25 November." in notes(app)


async def test_reach_out_after_reads_as_a_plan_not_a_hold(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        entry = app.screen.selected_entry()
        assert entry is not None
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("tab", *"2026-12-16", "enter")
        await settle(pilot)
        assert f"You will reach out to {entry.name} after 16 December." in notes(app)
        assert not any(note.startswith("Holding") for note in notes(app))


async def test_not_now_reads_as_a_sentence(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        entry = app.screen.selected_entry()
        assert entry is not None
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, StageModal)
        stages = list(Stage)
        current = stages.index(entry.view.stage)
        steps = stages.index(Stage.NOT_NOW) - current
        await pilot.press(*(["down"] * steps if steps > 0 else ["up"] * -steps), "enter")
        await settle(pilot)
        assert store.contacts.read(entry.id).contact.stage is Stage.NOT_NOW
        assert f"Right person, wrong time: the door stays open for {entry.name}." in notes(app)
        assert not any("is now not now" in note for note in notes(app))


async def test_evidence_waits_for_five_messages_and_draws_no_chart_it_cannot(tmp_path: Path, open_app: OpenApp) -> None:
    store = Store(tmp_path / "data", cache_dir=tmp_path / "cache")
    for name, days in (("Ines Moreau", 2), ("Jonas Berg", 1)):  # one week of notes: no chart yet
        sent = Interaction(date=DEMO_TODAY - dt.timedelta(days=days), kind="sent", anxiety=6)
        store.contacts.add(Contact(name=name, interactions=[sent]))
    async with open_app(store) as (app, pilot):
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        text = flat(app)
        assert "Too early for figures: 2 messages so far. Most replies come within a day or two." in text
        assert "reply rate" not in text
        assert "A chart over time appears once" in text
        assert "Anxiety before sending, by" not in text and "█" not in text
