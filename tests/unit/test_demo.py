"""The bundled demo data: varied, realistic, and showing every stage and every kind of follow-up."""

from __future__ import annotations

import datetime as dt

import pytest

from netcoach.coach.evidence import FEARED, anxiety_chart, evidence, evidence_lines
from netcoach.coach.outcomes import pending_for_all
from netcoach.demo import PEOPLE, demo_contacts, write_demo
from netcoach.model.kinds import Outcome, Stage
from netcoach.storage.store import Store
from netcoach.timing.engine import follow_up
from tests.helpers import ENGINE_KINDS


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
    assert statuses == {"overdue", "today", "upcoming", "reconnect"}  # reconnect: an old moment
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
    loaded = store.reader.load()
    assert loaded.problems == []
    assert sorted(r.contact.name for r in loaded.records) == sorted(c.name for c in demo_contacts(today))
    by_name = {r.contact.name: r.contact for r in loaded.records}
    for contact in demo_contacts(today):
        assert by_name[contact.name] == contact


def test_its_evidence_has_predictions_a_falling_anxiety_chart_and_questions(today: dt.date) -> None:
    contacts = demo_contacts(today)
    ev = evidence(contacts, today)
    assert ev.enough_data
    # the user mostly feared silence or a polite no, and mostly it did not happen
    feared = [t for t in ev.predictions if t.expected in FEARED]
    assert {t.expected for t in feared} == set(FEARED)
    assert all(0 < t.happened < t.known for t in feared)  # honest: sometimes it did happen
    assert sum(t.predicted - t.known for t in ev.predictions) >= 1  # one is too recent to tell
    recorded = [i.outcome for c in contacts for i in c.interactions if i.outcome is not None]
    assert Outcome.NO_REPLY in recorded and Outcome.REAL_HELP in recorded
    # anxiety over months, drifting down
    assert ev.anxiety_period == "month" and len(ev.anxiety) >= 3
    averages = [point.average for point in ev.anxiety]
    assert averages == sorted(averages, reverse=True) and averages[-1] < averages[0]
    assert len(anxiety_chart(ev)) == len(ev.anxiety)
    assert not any("will appear here" in line for line in evidence_lines(ev))
    # "What happened?" has something to ask: a reply that came, and a silence
    pending = [p for _, p in pending_for_all(((c.name, c) for c in contacts), today)]
    assert {p.suggested for p in pending} == {Outcome.REPLY, Outcome.NO_REPLY}


def test_predictions_sit_only_on_sent_messages(today: dt.date) -> None:
    for contact in demo_contacts(today):
        for item in contact.interactions:
            if item.expected is not None or item.anxiety is not None or item.outcome is not None:
                assert item.kind == "sent", contact.name
                assert item.expected is not None and item.anxiety is not None, contact.name


def test_the_demo_signs_its_drafts(store: Store, today: dt.date) -> None:
    from netcoach.coach.rendering import render, suggested_channel, suggested_kind
    from netcoach.coach.templates import bundled_templates, pick

    write_demo(store, today)
    config, problems = store.settings.load_config()
    assert problems == [] and config.user.name == "Sam Rivera"
    for record in store.reader.load().records:
        contact = record.contact
        template = pick(bundled_templates(), suggested_kind(contact, today), "casual")
        body = render(template, contact, config, today, suggested_channel(contact)).body
        assert "[your name?]" not in body and "Sam" in body


def test_its_first_rows_are_ordinary_people(today: dt.date) -> None:
    """The odd names (for the tests) sit lower: a first look at the demo meets ordinary people."""
    from netcoach.timing.engine import due_within

    contacts = demo_contacts(today)
    by_name = sorted(contacts, key=lambda c: c.name.casefold())
    assert not any("[" in c.name for c in by_name[:5])
    due = due_within(((c.name, c) for c in contacts), today, 7)
    assert not any("[" in name for name, _, _ in due[:3])


def test_the_demo_is_one_change_in_the_undo_journal(store: Store, today: dt.date) -> None:
    write_demo(store, today)
    assert [entry.note for entry in store.journal.entries()] == ["Wrote the demo"]
    store.journal.undo()
    assert store.reader.load().records == [] and store.events.views()[0] == []
