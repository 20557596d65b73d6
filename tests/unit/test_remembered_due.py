"""The due date the index remembers for a contact: one function (timing.introductions.remembered_due) for a
cold read (on the model, as the file is read), a view rebuilt from the index's copy, and an import's rows."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netcoach.model.contact import Contact, Interaction, Promise
from netcoach.model.kinds import InteractionKind, Stage
from netcoach.model.partial_date import PartialDate
from netcoach.model.view import ContactView
from netcoach.storage.store import Store
from netcoach.storage.written import index_rows
from netcoach.timing.introductions import remembered_due
from netcoach.timing.rules import DEFAULT_RULES, TimingRules

TODAY = dt.date(2026, 11, 18)
days = st.dates(dt.date(2015, 1, 1), dt.date(2027, 6, 30))


@st.composite
def contacts(draw: st.DrawFn) -> Contact:
    interactions = [
        Interaction(
            date=draw(days),
            kind=draw(st.sampled_from(list(InteractionKind))),
            awaiting_reply=draw(st.sampled_from([None, True, False])),
        )
        for _ in range(draw(st.integers(0, 5)))
    ]
    promises = [
        Promise(
            text="send the article",
            by=draw(days),
            whose=draw(st.sampled_from(["mine", "theirs"])),
            made_on=draw(days),
            kept_on=draw(st.one_of(st.none(), days)),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    return Contact(
        name="Ana Souza",
        stage=draw(st.sampled_from(list(Stage))),
        interactions=interactions,
        promises=promises,
        met_through=draw(st.sampled_from(["", "bo-lee"])),
        cadence_days=draw(st.one_of(st.none(), st.integers(7, 400))),
        reach_out_after=draw(st.one_of(st.none(), days)),
        snoozed_until=draw(st.one_of(st.none(), days)),
        last_contact=draw(st.one_of(st.none(), st.builds(PartialDate, st.integers(2010, 2026)))),
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contact=contacts(), nudge=st.integers(1, 30))
def test_the_model_and_its_view_give_the_same_remembered_date(contact: Contact, nudge: int) -> None:
    rules = TimingRules(nudge_days_cold=nudge)
    assert remembered_due(contact, rules) == remembered_due(ContactView.of(contact), rules)


def test_an_imports_rows_remember_a_promise_that_comes_due_first() -> None:
    """A promise due before any message (none here) is what the index must remember, or `due` misses it."""
    ana = Contact(
        name="Ana Souza",
        promises=[Promise(text="send the article", by=dt.date(2026, 11, 20), made_on=dt.date(2026, 11, 10))],
    )
    [(_, _, due)] = index_rows([ana], DEFAULT_RULES)
    assert due == "2026-11-20"


def test_a_cold_due_learns_every_date_as_it_reads_and_builds_only_the_views_it_shows(store: Store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from netcoach.storage.index import Index

    for n in range(30):  # long ago and soon: most are not due in the week
        when = TODAY - dt.timedelta(days=n * 11)
        store.contacts.add(Contact(name=f"Person {n:02}", interactions=[Interaction(date=when, kind="sent")]))
    expected = Store(store.root, use_index=False).reader.due_by(TODAY + dt.timedelta(days=7), DEFAULT_RULES)[0]
    built: list[str] = []
    original = ContactView.from_brief.__func__  # type: ignore[attr-defined]

    def counting(cls: type[ContactView], text: str) -> ContactView:
        view = original(cls, text)
        built.append(view.name)
        return view

    second_pass: list[int] = []
    monkeypatch.setattr(ContactView, "from_brief", classmethod(counting))
    monkeypatch.setattr(Index, "remember_due", lambda self, dues, key: second_pass.append(len(dues)))
    found, problems = store.reader.due_by(TODAY + dt.timedelta(days=7), DEFAULT_RULES)
    assert problems == []
    assert sorted(k for k, _ in found) == sorted(k for k, _ in expected)
    assert sorted(built) == sorted(v.name for _, v in found)  # no view for someone not due in the week
    assert second_pass in ([], [0])  # every date went in with its row
