"""The follow-ups an event brings: prep the business day before, debrief the day after, and who may be there."""

from __future__ import annotations

import datetime as dt

import pytest

from netcoach.model.changes import met
from netcoach.model.contact import Contact
from netcoach.model.event import Event
from netcoach.model.event_view import EventView
from netcoach.model.kinds import Stage, TaskKind
from netcoach.model.view import ContactView
from netcoach.storage import index as index_module
from netcoach.storage.event_followups import due_event_tasks
from netcoach.storage.store import Store
from netcoach.timing.engine import Status, follow_up
from netcoach.timing.events import acquaintances, event_tasks, may_be_there, prep_day, related_events
from tests.helpers import MakeStore

WED = dt.date(2026, 11, 18)
THU, FRI, MON = WED + dt.timedelta(days=1), WED + dt.timedelta(days=2), WED + dt.timedelta(days=5)


def view(name: str = "PyData Meetup", on: dt.date = THU, **rest: object) -> EventView:
    return EventView(f"{name.lower().replace(' ', '-')}-{on}", name, on, **rest)  # type: ignore[arg-type]


def tasks(event: EventView, today: dt.date, *, met_there: int = 0, known: tuple[str, ...] = ()) -> list:  # type: ignore[type-arg]
    return event_tasks([event], today, 7, met={event.id: met_there}, known={event.id: known})


def test_prep_is_due_the_business_day_before_with_the_goal_and_who_may_be_there() -> None:
    event = view(goal="meet two people in data engineering", place="Tech Hub")
    [task] = tasks(event, WED, known=("Ana Ruiz", "Bo Chen", "Cy Diaz"))
    assert (task.kind, task.due, task.status) == (TaskKind.EVENT_PREP, WED, Status.TODAY)
    assert task.reason == (
        "Tomorrow: PyData Meetup at Tech Hub. Your goal: meet two people in data engineering. "
        "Three people you know may be there: Ana Ruiz, Bo Chen and Cy Diaz."
    )
    [later] = tasks(event, WED - dt.timedelta(days=1))
    assert (later.due, later.status) == (WED, Status.UPCOMING)
    assert later.reason == "Thursday: PyData Meetup at Tech Hub. Your goal: meet two people in data engineering."
    [no_goal] = tasks(view(), WED)
    assert "may be there" not in no_goal.reason and "one good conversation" in no_goal.reason


def test_an_event_on_a_monday_is_prepared_on_the_friday_and_still_on_the_weekend() -> None:
    event = view(on=MON)
    assert prep_day(event) == FRI
    [on_friday] = tasks(event, FRI)
    assert (on_friday.due, on_friday.status) == (FRI, Status.TODAY)
    assert on_friday.reason.startswith("Monday: PyData Meetup.")
    [on_sunday] = tasks(event, MON - dt.timedelta(days=1))
    assert on_sunday.status is Status.TODAY and on_sunday.reason.startswith("Tomorrow:")
    assert tasks(event, MON - dt.timedelta(days=11)) == []  # its prep day is beyond the 7 days asked for


def test_an_event_today_is_prepared_today_and_debriefed_tomorrow() -> None:
    event = view(on=WED, time=dt.time(18, 30))
    [task] = tasks(event, WED)
    assert (task.kind, task.due, task.status) == (TaskKind.EVENT_PREP, WED, Status.TODAY)
    assert task.reason.startswith("Today: PyData Meetup, 18:30.")
    [debrief] = tasks(event, THU)
    assert (debrief.kind, debrief.due, debrief.status) == (TaskKind.EVENT_DEBRIEF, THU, Status.TODAY)
    assert debrief.reason.startswith("You went to PyData Meetup yesterday: who did you meet?")
    [late] = tasks(event, MON)
    assert late.status is Status.OVERDUE
    assert tasks(event, WED + dt.timedelta(days=15)) == []  # two weeks on: let it go


def test_the_debrief_goes_once_someone_is_added_or_the_user_met_nobody() -> None:
    event = view(on=WED)
    assert tasks(event, THU, met_there=1) == []
    assert tasks(view(on=WED, nobody=True), THU) == []


def test_people_met_there_get_the_usual_follow_up_naming_the_event() -> None:
    event = Event(name="PyData Meetup", date=WED, place="Tech Hub")
    ana = met(Contact(name="Ana"), WED, event.where, event="pydata-meetup-2026-11-18")
    result = follow_up(ana, THU)
    assert result is not None and result.due == THU and "PyData Meetup (Tech Hub)" in result.reason


def test_who_may_be_there_company_tags_or_an_earlier_event() -> None:
    last = view("PyData Meetup", dt.date(2026, 10, 15))
    other = view("Gala", dt.date(2026, 10, 1), tags=("data",))
    unrelated = view("Book club", dt.date(2026, 10, 2))
    event = EventView(last.id.replace("10-15", "11-19"), "PyData Meetup", THU, place="Stripe, Inc.", tags=("Data",))
    assert related_events(event, [last, other, unrelated, event]) == {last.id, other.id}
    people = {
        "ana": ContactView.of(Contact(name="Ana", company="Stripe")),
        "bo": ContactView.of(Contact(name="Bo", tags=["data"])),
        "cy": ContactView.of(met(Contact(name="Cy"), dt.date(2026, 10, 15), "x", event=last.id)),
        "di": ContactView.of(Contact(name="Di", company="Strip")),  # a word, not a part of one
        "ed": ContactView.of(Contact(name="Ed", company="Stripe", stage=Stage.ARCHIVED)),
        "fa": ContactView.of(met(Contact(name="Fa"), dt.date(2026, 10, 2), "x", event=unrelated.id)),
    }
    found = may_be_there(event, acquaintances(people.items()), related_events(event, [last, other, unrelated]))
    assert [name for name, _ in found] == ["ana", "bo", "cy"]


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_module, "SETTLED_NS", 0)


def test_the_store_finds_the_event_follow_ups(store: Store, make_store: MakeStore, settled: None) -> None:
    past = store.events.add(Event(name="PyData Meetup", date=dt.date(2026, 11, 17), tags=["data"]))
    soon = store.events.add(Event(name="Data Dinner", date=THU, place="Acme HQ", goal="say hello", tags=["Data"]))
    store.events.add(Event(name="Long ago", date=dt.date(2025, 1, 1)))
    store.contacts.add(Contact(name="Ana Ruiz", company="Acme"))
    store.contacts.add(Contact(name="Bo Chen", tags=["data"]))
    store.contacts.add(Contact(name="Zed", company="Other"))
    found, problems = due_event_tasks(make_store(), WED, 7)
    assert problems == []
    assert [(t.kind, t.event.id) for t in found] == [
        (TaskKind.EVENT_PREP, soon.id),
        (TaskKind.EVENT_DEBRIEF, past.id),
    ]  # the debrief was due yesterday: overdue, but listed after today's prep only by date
    assert found[0].reason.endswith("Two people you know may be there: Ana Ruiz and Bo Chen.")
    record = store.contacts.add(Contact(name="Cy Diaz"))
    store.contacts.update(record.id, lambda c: met(c, past.event.date, past.event.where, event=past.id))
    again, _ = due_event_tasks(make_store(), WED, 7)
    assert [t.kind for t in again] == [TaskKind.EVENT_PREP]
    assert "Three people" in again[0].reason  # Cy was met at an earlier event with a tag in common


def test_an_index_of_an_older_version_still_finds_who_may_be_there(
    store: Store, make_store: MakeStore, settled: None
) -> None:
    import json
    import sqlite3

    from netcoach.storage.index import index_path

    store.events.add(Event(name="Data Dinner", date=THU, tags=["data"]))
    store.contacts.add(Contact(name="Bo Chen", tags=["data"]))
    assert "Bo Chen" in due_event_tasks(make_store(), WED, 7)[0][0].reason
    db = sqlite3.connect(index_path(store.root.parent / "cache", store.root))
    with db:  # the briefs as netcoach before events wrote them: version 2, no tags
        old = [(json.dumps([2, *json.loads(b)[1:13]]), n) for n, b in db.execute("SELECT name, brief FROM files") if b]
        db.executemany("UPDATE files SET brief = ? WHERE name = ?", old)
    db.close()
    assert "One person you know may be there: Bo Chen." in due_event_tasks(make_store(), WED, 7)[0][0].reason


def test_what_due_found_is_remembered_only_while_nothing_changed(
    store: Store, make_store: MakeStore, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netcoach.storage.reader import Reader
    from netcoach.timing.rules import DEFAULT_RULES

    looked: list[int] = []
    original = Reader.acquaintances
    monkeypatch.setattr(Reader, "acquaintances", lambda self, *a: looked.append(1) or original(self, *a))

    def due_now() -> list[tuple[TaskKind, str]]:
        fresh = make_store()  # as `netcoach due` does: the scan first, then the events
        fresh.reader.due_by(THU, DEFAULT_RULES)
        return [(t.kind, t.reason) for t in due_event_tasks(fresh, WED, 7)[0]]

    gala = store.events.add(Event(name="Gala", date=dt.date(2026, 11, 17)))
    store.events.add(Event(name="Data Dinner", date=THU, tags=["data"]))
    store.contacts.add(Contact(name="Bo Chen", tags=["data"]))
    first = due_now()  # the files are new to the index: computed
    assert first == due_now() == due_now()  # computed once the index knows them all, then remembered
    assert len(looked) == 2
    assert [kind for kind, _ in first] == [TaskKind.EVENT_PREP, TaskKind.EVENT_DEBRIEF]
    record = store.contacts.add(Contact(name="Cy Diaz", tags=["data"]))
    store.contacts.update(record.id, lambda c: met(c, gala.event.date, gala.event.where, event=gala.id))
    for _ in range(3):  # read from the changed files, then from the index, then remembered
        [(kind, reason)] = due_now()
        assert kind is TaskKind.EVENT_PREP and "Two people you know may be there: Bo Chen and Cy Diaz." in reason
    assert len(looked) == 4
    store.events.update(gala.id, lambda e: e.model_copy(update={"date": WED}))  # an event changed: found again
    assert [kind for kind, _ in due_now()] == [TaskKind.EVENT_PREP, TaskKind.EVENT_PREP]
