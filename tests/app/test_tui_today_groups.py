"""Today's groups and header agree: each group once, its count in brackets once, the calm reconnects last."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from netcoach.model.contact import Contact, Interaction
from netcoach.timing.engine import Status
from netcoach.tui.screens.today import TodayScreen
from tests.app.conftest import OpenApp
from tests.app.helpers import DEMO_TODAY, demo_store, screen_text, settle


def _headings(screen: TodayScreen) -> dict[str, int]:
    """Each group heading's words and the count it shows, as drawn."""
    found = {}
    for index, (_, item) in enumerate(screen._rows):
        if isinstance(item, Status):
            text = screen._render_row(index, 80).plain.strip()
            match = re.fullmatch(r"([^()]+) \((\d+)\)", text)  # one pair of brackets: the count
            assert match, text
            found[match.group(1)] = int(match.group(2))
    return found


async def test_the_header_counts_are_the_groups_counts(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    for n in range(5):  # five old friends: the three oldest today (the pace), the rest wait their turn
        when = dt.date(2019, 2 + n, 4)
        store.contacts.add(Contact(name=f"Old Friend {n}", interactions=[Interaction(date=when, kind="call")]))
    async with open_app(store) as (app, _pilot):
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        groups = app.book.grouped_due(7)
        headings = _headings(screen)
        tasks = app.events.tasks(7)  # an event's prep or debrief counts in its group

        def count(status: Status) -> int:
            return len(groups[status]) + sum(1 for task in tasks if task.status is status)

        assert headings == {
            "Overdue": count(Status.OVERDUE),
            "Today": count(Status.TODAY),
            "Coming up in the next 7 days": count(Status.UPCOMING),
            "Reconnect when you feel like it": 3,  # the pace: the 3 oldest of the demo's 2 and the 5 old friends
        }
        assert list(headings)[-1] == "Reconnect when you feel like it"
        header = screen_text(app).splitlines()[0]
        expected = (
            f"{headings['Overdue']} overdue, {headings['Today']} today, "
            f"{headings['Coming up in the next 7 days']} coming up, 3 to reconnect"
        )
        assert f"Wednesday 18 November · {expected}" in header
        calm = groups[Status.RECONNECT]
        assert all(e.follow_up and e.follow_up.due == DEMO_TODAY for e in calm)
        assert {e.name for e in calm} == {"Old Friend 0", "Old Friend 1", "Old Friend 2"}
        waiting = app.book.get(store.reader.find("Old Friend 4").id)
        assert waiting is not None and waiting.follow_up is not None
        assert waiting.follow_up.due > DEMO_TODAY and waiting.follow_up.status is Status.RECONNECT


async def test_a_reconnect_is_never_marked_overdue(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    store.contacts.add(Contact(name="Ana Lima", interactions=[Interaction(date=dt.date(2021, 6, 11), kind="received")]))
    async with open_app(store) as (app, _pilot):
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        index = next(n for n, (key, _) in enumerate(screen._rows) if key == store.reader.find("Ana Lima").id)
        row = screen._render_row(index, 80).plain
        assert row.startswith("   Ana Lima") and "reconnect" in row and "today" in row
        entry = app.book.get(store.reader.find("Ana Lima").id)
        assert entry is not None and entry.follow_up is not None
        assert (
            entry.follow_up.reason == "Last in touch 5 years ago (they wrote to you). A warm hello, no apology needed."
        )
        from netcoach.tui.screens.contact import contact_story

        story = contact_story(entry, store.reader.find("Ana Lima").contact, DEMO_TODAY).plain
        assert "Reconnect, 18 November (when you feel like it)" in story and "overdue" not in story


async def test_the_new_form_takes_a_remembered_date_and_their_words(tmp_path: Path, open_app: OpenApp) -> None:
    from textual.widgets import Input, Static

    from netcoach.model.partial_date import PartialDate
    from netcoach.tui.dialogs.contact_form import ContactForm

    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactForm)
        await pilot.press(*"Jonas Weber")
        form.query_one("#field-last_contact Input", Input).value = "long ago"
        await pilot.pause()
        error = form.query_one("#field-last_contact .field-error", Static)
        assert error.has_class("-shown") and "a year (2019), a month (2023-06) or a date" in str(error.render())
        form.query_one("#field-last_contact Input", Input).value = "2023-06"
        form.query_one("#field-reach_out_reason Input", Input).value = "back from parental leave"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
    contact = store.reader.find("Jonas Weber").contact
    assert contact.last_contact == PartialDate(2023, 6)
    assert contact.reach_out_reason == "back from parental leave"
