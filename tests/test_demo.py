"""The bundled demo data: varied, realistic, and showing every stage and every kind of follow-up."""

from __future__ import annotations

import datetime as dt

import pytest

from netcoach.demo import PEOPLE, demo_contacts, write_demo
from netcoach.kinds import MessageKind, Stage
from netcoach.store import Store
from netcoach.timing import follow_up

# The kinds of message the timing engine itself suggests (the others are drafts the user picks).
ENGINE_KINDS = {
    MessageKind.FOLLOW_UP,
    MessageKind.NUDGE,
    MessageKind.REPLY,
    MessageKind.THANK_YOU,
    MessageKind.KEEP_IN_TOUCH,
    MessageKind.RECONNECT,
}


def test_between_15_and_30_people_with_distinct_names(today: dt.date) -> None:
    contacts = demo_contacts(today)
    assert 15 <= len(contacts) <= 30
    assert len({c.name for c in contacts}) == len(contacts)
    assert len(PEOPLE) == len(contacts)


def test_every_stage_is_present(today: dt.date) -> None:
    assert {c.stage for c in demo_contacts(today)} == set(Stage)


@pytest.mark.parametrize("offset", [0, 1, 3, 4, 5])  # Wednesday, Thursday, Saturday, Sunday, Monday
def test_every_kind_the_engine_suggests_appears(today: dt.date, offset: int) -> None:
    day = today + dt.timedelta(days=offset)
    kinds = {result.kind for c in demo_contacts(day) if (result := follow_up(c, day)) is not None}
    assert kinds == ENGINE_KINDS


def test_something_is_due_today_and_something_later(today: dt.date) -> None:
    results = [r for c in demo_contacts(today) if (r := follow_up(c, today)) is not None]
    statuses = {r.status.value for r in results}
    assert statuses == {"overdue", "today", "upcoming"}
    assert not any("None" in r.reason or "  " in r.reason for r in results)


def test_it_is_varied(today: dt.date) -> None:
    contacts = demo_contacts(today)
    assert any(not c.interactions for c in contacts)  # imported, never contacted
    assert any(c.snoozed_until for c in contacts)
    assert any(c.reach_out_after for c in contacts)
    assert any(c.cadence_days for c in contacts)
    assert any(c.common_ground for c in contacts)
    assert any("[" in c.name for c in contacts)  # a name that looks like markup, shown as typed
    assert len({c.company for c in contacts}) >= 15


def test_written_to_a_store_it_loads_back_whole(store: Store, today: dt.date) -> None:
    write_demo(store, today)
    loaded = store.load()
    assert loaded.problems == []
    assert sorted(r.contact.name for r in loaded.records) == sorted(c.name for c in demo_contacts(today))
    by_name = {r.contact.name: r.contact for r in loaded.records}
    for contact in demo_contacts(today):
        assert by_name[contact.name] == contact
