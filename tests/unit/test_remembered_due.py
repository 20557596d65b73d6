"""What the index remembers of a contact for `netcoach due`, its due date and its pacing facts: one function
(timing.introductions.remembered) for a cold read (on the model, as the file is read), a view rebuilt from
the index's copy, and an import's rows; and what the facts let a warm `due` leave out (timing.engine.reachable)."""

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
from netcoach.timing.engine import PaceFacts, due_within, reachable
from netcoach.timing.introductions import due_with_loops, loop_date, remembered, remembered_due
from netcoach.timing.rules import DEFAULT_RULES, TimingRules
from tests.helpers import watch_views_made

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
    assert remembered(contact, rules) == remembered(ContactView.of(contact), rules)
    assert remembered_due(contact, rules) == remembered(contact, rules)[0]


def test_an_imports_rows_remember_a_promise_that_comes_due_first() -> None:
    """A promise due before any message (none here) is what the index must remember, or `due` misses it."""
    ana = Contact(
        name="Ana Souza",
        promises=[Promise(text="send the article", by=dt.date(2026, 11, 20), made_on=dt.date(2026, 11, 10))],
    )
    [(_, _, due, pace)] = index_rows([ana], DEFAULT_RULES)
    assert due == "2026-11-20"
    assert PaceFacts.parse(pace) == PaceFacts("", "", "2026-11-20", "")  # never paced: a promise


def test_a_cold_due_learns_every_date_as_it_reads_and_builds_only_the_views_it_shows(store: Store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from netcoach.storage.index import Index

    for n in range(30):  # long ago and soon: most are not due in the week
        when = TODAY - dt.timedelta(days=n * 11)
        store.contacts.add(Contact(name=f"Person {n:02}", interactions=[Interaction(date=when, kind="sent")]))
    store.contacts.add(Contact(name="Never Due"))  # nothing to follow up: remembered as "" (never)
    store.contacts.add(
        Contact(name="Archived", stage=Stage.ARCHIVED, interactions=[Interaction(date=TODAY, kind="met")])
    )
    expected = Store(store.root, use_index=False).reader.due_by(TODAY + dt.timedelta(days=7), DEFAULT_RULES)[0]
    built = watch_views_made(monkeypatch)
    second_pass: list[int] = []
    monkeypatch.setattr(Index, "remember_due", lambda self, dues, key: second_pass.append(len(dues)))
    found, problems = store.reader.due_by(TODAY + dt.timedelta(days=7), DEFAULT_RULES)
    assert problems == []
    assert sorted(k for k, _ in found) == sorted(k for k, _ in expected)
    assert sorted(built) == sorted(v.name for _, v in found)  # no view for someone not due in the week
    assert second_pass in ([], [0])  # every date went in with its row


# -- which reconnects pacing reaches: what a warm `due` leaves out -----------------------------------------


def _reached(items: list[tuple[str, Contact]], today: dt.date, until: dt.date, rules: TimingRules) -> set[str]:
    """As the reader does it: the contacts whose remembered date is by ``until``, in file-name order."""
    known = []
    for key, contact in sorted(items, key=lambda item: item[0]):
        due, pace = remembered(contact, rules)
        if due and due <= until.isoformat():
            known.append((key, PaceFacts.parse(pace)))
    return reachable(known, today, until, rules)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    people=st.lists(st.tuples(contacts(), st.sampled_from(["Ana", "ana", "Bo Lee", "Cy", "Émile"])), max_size=14),
    today=st.dates(dt.date(2026, 1, 1), dt.date(2027, 3, 1)),
    horizon=st.integers(0, 20),
    per_day=st.integers(1, 3),
    stale=st.integers(1, 90),
)
def test_pacing_the_contacts_reached_gives_every_row_due_as_pacing_everyone(
    people: list[tuple[Contact, str]], today: dt.date, horizon: int, per_day: int, stale: int
) -> None:
    rules = TimingRules(reconnects_per_day=per_day, stale_after_days=stale)
    items = [(f"p{n:02}", contact.model_copy(update={"name": name})) for n, (contact, name) in enumerate(people)]
    if items:
        items.append(("bo-lee", items[0][1].model_copy(update={"name": "Bo Lee", "met_through": ""})))
    items.sort(key=lambda item: item[0])  # as the reader gives them: by file name (pacing breaks ties so)
    until = today + dt.timedelta(days=horizon)
    keep = _reached(items, today, until, rules)
    kept = [(key, contact) for key, contact in items if key in keep]
    assert due_within(kept, today, horizon, rules) == due_within(items, today, horizon, rules)
    # A loop to close is never paced: whoever it is of is kept (the reader adds the introducer).
    for key, contact in items:
        loop = loop_date(contact)
        if loop is not None and loop <= until:
            assert key in keep
    introducers = [(key, c) for key, c in items if key == "bo-lee" and key not in keep]
    assert due_with_loops(kept + introducers, today, horizon, rules) == [
        row for row in due_with_loops(items, today, horizon, rules) if row[0] in keep or row[0] == "bo-lee"
    ]


def test_of_many_old_moments_only_the_turns_within_the_days_asked_for_are_kept() -> None:
    rules = TimingRules(reconnects_per_day=2)  # stale after 30 days
    thursday, friday = dt.date(2026, 11, 19), dt.date(2026, 11, 20)

    def met(name: str, on: dt.date, **fields: object) -> Contact:
        return Contact(name=name, interactions=[Interaction(date=on, kind="met")], **fields)  # type: ignore[arg-type]

    old = [(f"old-{n:02}", met(f"Old {n:02}", dt.date(2020, 1, 1 + n))) for n in range(20)]
    items = [
        *old,
        # the oldest moment, and a promise due Friday (never paced): kept, and walked past without a turn
        (
            "promised",
            met("Promised", dt.date(2018, 5, 5), promises=[Promise(text="call", by=friday, made_on=thursday)]),
        ),
        ("asked", met("Asked", dt.date(2019, 5, 5), reach_out_after=dt.date(2026, 11, 18))),  # their date: Thursday
        ("later", met("Later", dt.date(2019, 6, 6), reach_out_after=thursday)),  # Friday: it waits for its own date
        ("edge", met("Edge", dt.date(2026, 10, 19))),  # its thank-you was due 30 days ago: overdue, not a reconnect
        ("fresh", met("Fresh", dt.date(2026, 11, 18))),
    ]
    items.sort(key=lambda item: item[0])
    # Pacing everyone: Thursday, Promised then Asked (its own date is its turn's); Friday, Later (on its own
    # date) and Old 00. The walk gives Promised's turn to the next: Old 01 and 02 are kept too, then paced
    # after Friday.
    keep = _reached(items, thursday, friday, rules)
    assert keep == {"promised", "asked", "later", "old-00", "old-01", "old-02", "edge", "fresh"}
    kept = [(key, contact) for key, contact in items if key in keep]
    assert due_within(kept, thursday, 1, rules) == due_within(items, thursday, 1, rules)
    assert [key for key, _, f in due_within(items, thursday, 1, rules) if f.status.value == "reconnect"] == [
        "asked",
        "promised",
        "later",
        "old-00",
    ]


def test_the_apps_first_today_from_the_contacts_reached_is_the_today_of_everyone(store: Store) -> None:
    """The app's first Today comes from the people due soon (reconnects: those whose turn comes in the
    week); once everyone is read, Today shows the very same groups. A reconnect waiting behind a promise
    takes no turn in the app's book: the others' turns come earlier there, and the first Today has them."""
    from netcoach.book import ContactBook, due_soon

    thursday = dt.date(2026, 11, 19)
    for n in range(12):
        store.contacts.add(
            Contact(name=f"Old {n:02}", interactions=[Interaction(date=dt.date(2020, 1, 1 + n), kind="met")])
        )
    store.contacts.add(
        Contact(
            name="Promised",
            interactions=[Interaction(date=dt.date(2018, 5, 5), kind="met")],
            promises=[Promise(text="call", by=dt.date(2026, 11, 16), made_on=dt.date(2026, 11, 2))],
        )
    )
    rules = TimingRules(reconnects_per_day=1)
    soon = due_soon(store, thursday, rules)
    assert soon is not None and len(soon) < 13
    everyone = ContactBook(store.reader.views(rules)[0], thursday, rules)
    first = ContactBook(soon, thursday, rules)
    for days in (0, 7):
        assert [(e.id, e.follow_up) for e in first.due(days)] == [(e.id, e.follow_up) for e in everyone.due(days)]
        assert {s: [e.id for e in found] for s, found in first.grouped_due(days).items()} == {
            s: [e.id for e in found] for s, found in everyone.grouped_due(days).items()
        }
