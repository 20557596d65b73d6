"""Pilot tests: after Mark as sent, the Draft screen says it was sent and when the next step would be
(the date from the timing engine), and offers the next person due, instead of a fresh draft."""

from __future__ import annotations

from pathlib import Path

from netcoach.timing.dates import long_date
from netcoach.timing.engine import follow_up
from netcoach.tui.dialogs.send_check import SendCheckModal
from netcoach.tui.screens.draft import DraftScreen
from netcoach.tui.screens.today import TodayScreen
from tests.app.conftest import OpenApp
from tests.app.helpers import DEMO_TODAY, demo_store, screen_text, settle
from tests.app.test_tui_draft import open_draft_for


def flat(text: str) -> str:
    return " ".join(text.split())


async def test_after_sending_the_screen_says_so_and_offers_the_next_person(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        screen = await open_draft_for(pilot, "Maya Chen")
        maya = screen.contact_id
        assert maya is not None
        due_now = [e for e in app.book.due(0) if e.id != maya]
        assert due_now  # the demo has others due today
        await pilot.press("escape", "m")
        await pilot.pause()
        assert isinstance(app.screen, SendCheckModal)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert screen.draft is None  # no fresh draft to Maya
        saved = store.contacts.read(maya).contact
        assert saved.interactions[-1].kind == "sent"
        nxt = follow_up(saved, DEMO_TODAY, app.config.timing)  # what the engine says now, as Today shows it
        assert nxt is not None and nxt.kind.value == "nudge"
        text = flat(screen_text(app))
        assert f"Sent to Maya, {long_date(DEMO_TODAY, DEMO_TODAY)}" in text
        assert f"if no reply, a nudge on {long_date(nxt.due, DEMO_TODAY)}" in text
        assert "[your name?]" not in text
        assert f"Next due: {due_now[0].name}" in text
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, DraftScreen)
        assert screen.contact_id == due_now[0].id and screen.draft is not None
        assert app.current_contact_id == due_now[0].id
        assert f"To {due_now[0].name}" in screen_text(app)


async def test_the_sent_note_stays_until_the_user_moves_on(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    store.folder.config_path.write_text("ask_before_send = false\n", encoding="utf-8")
    async with open_app(store) as (app, pilot):
        screen = await open_draft_for(pilot, "Maya Chen")
        await pilot.press("escape", "m")
        await settle(pilot)
        assert "Sent to Maya" in screen_text(app)
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        entry = app.screen.selected_entry()
        assert entry is not None and entry.name != "Maya Chen"  # Maya is no longer due today
        await pilot.press("3")
        await settle(pilot)
        assert app.screen is screen and screen.contact_id == entry.id and screen.draft is not None
        assert "Sent to Maya" not in screen_text(app)
