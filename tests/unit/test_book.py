"""The contact book behind the app's lists: search, sort, stage filter, due groups."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from netcoach.book import ContactBook, SortOrder, StageFilter, engine_entry, make_entry, untouched
from netcoach.model.contact import Contact, Interaction, Stage
from netcoach.model.view import ContactView
from netcoach.storage.contacts import ContactRecord
from netcoach.timing.engine import Status
from netcoach.timing.rules import DEFAULT_RULES

TODAY = dt.date(2026, 11, 18)


def book_of(*contacts: Contact) -> ContactBook:
    return ContactBook.of_records([ContactRecord(f"c{i}", c, "") for i, c in enumerate(contacts)], TODAY)


def names(entries) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.name for e in entries]


def test_search_is_case_and_accent_insensitive_over_many_fields() -> None:
    book = book_of(
        Contact(name="Chloé Dubois", company="Atelier"),
        Contact(name="Ana", common_ground=["Both learning Portuguese"]),
        Contact(name="Bo", tags=["Design"], notes="met at DEVOPS days"),
    )
    assert names(book.search("CHLOE")) == ["Chloé Dubois"]
    assert names(book.search("portuguese")) == ["Ana"]
    assert names(book.search("design devops")) == ["Bo"]
    assert names(book.search("atelier chloe")) == ["Chloé Dubois"]


def test_typing_on_narrows_and_deleting_widens_again() -> None:
    book = book_of(Contact(name="Maya Chen"), Contact(name="Mayer Lee"), Contact(name="Max Po"))
    assert names(book.search("ma")) == ["Max Po", "Maya Chen", "Mayer Lee"]
    assert names(book.search("may")) == ["Maya Chen", "Mayer Lee"]
    assert names(book.search("maya")) == ["Maya Chen"]
    assert names(book.search("ma")) == ["Max Po", "Maya Chen", "Mayer Lee"]
    assert names(book.search("may", StageFilter.ARCHIVED)) == []


def test_orders_and_stage_filters() -> None:
    early = Interaction(date=TODAY - dt.timedelta(days=30), kind="met")
    late = Interaction(date=TODAY - dt.timedelta(days=2), kind="met")
    book = book_of(
        Contact(name="Zed", interactions=[late]),
        Contact(name="Amy", interactions=[early]),
        Contact(name="Kim", stage=Stage.ARCHIVED, interactions=[late]),
        Contact(name="Noor"),
    )
    assert names(book.search()) == ["Amy", "Kim", "Noor", "Zed"]
    assert names(book.search(order=SortOrder.LAST_CONTACT))[:2] == ["Kim", "Zed"]
    assert names(book.search(order=SortOrder.NEXT_DUE))[0] == "Amy"
    assert names(book.search(stage=StageFilter.ARCHIVED)) == ["Kim"]
    assert names(book.search(stage=StageFilter.NEVER_CONTACTED)) == ["Noor"]
    assert SortOrder.NAME.next() is SortOrder.NEXT_DUE and StageFilter.NEVER_CONTACTED.next() is StageFilter.ALL


def test_due_groups_and_a_change_takes_effect() -> None:
    book = book_of(
        Contact(name="Old", interactions=[Interaction(date=TODAY - dt.timedelta(days=20), kind="met")]),
        Contact(name="Now", interactions=[Interaction(date=TODAY - dt.timedelta(days=1), kind="received")]),
    )
    groups = book.grouped_due()
    assert names(groups[Status.OVERDUE]) == ["Old"] and names(groups[Status.TODAY]) == ["Now"]
    book.search("o")
    book.put(ContactRecord("c0", Contact(name="Old", stage=Stage.ARCHIVED), ""))
    assert names(book.grouped_due()[Status.OVERDUE]) == []
    assert names(book.search("o")) == ["Now", "Old"]


def test_weekly_activity_counts_sent_and_replies() -> None:
    book = book_of(
        Contact(
            name="A",
            interactions=[
                Interaction(date=TODAY, kind="sent"),
                Interaction(date=TODAY - dt.timedelta(days=8), kind="received"),
                Interaction(date=TODAY - dt.timedelta(days=100), kind="sent"),
            ],
        )
    )
    sent, replies = book.weekly_activity(4)
    assert sent == [0, 0, 0, 1] and replies == [0, 0, 1, 0]


def test_whole_contacts_are_read_when_asked_for_and_the_last_ones_kept(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from netcoach import book as book_module
    from netcoach.model.view import ContactView

    monkeypatch.setattr(book_module, "KEEP_WHOLE", 2)
    people = {f"c{i}": Contact(name=f"Person {i}", story=f"Story {i}") for i in range(4)}
    asked: list[str] = []

    def load(ids):  # type: ignore[no-untyped-def]
        asked.extend(ids)
        return [ContactRecord(i, people[i], "") for i in ids if i in people and i != "c3"]

    book = ContactBook(((k, ContactView.of(c)) for k, c in people.items()), TODAY, load=load)
    assert asked == []  # building the book reads no whole contact
    assert book.record("c0").contact.story == "Story 0"  # type: ignore[union-attr]
    assert book.record("c0") is book.record("c0")
    assert asked == ["c0"]
    book.record("c1")
    book.record("c2")  # c0 is the oldest asked for: let go
    book.record("c0")
    assert asked == ["c0", "c1", "c2", "c0"]
    assert book.record("c3") is None  # its file can no longer be read
    assert book.record("nobody") is None and "nobody" not in asked
    saved = ContactRecord("c1", Contact(name="Person 1", story="New story"), "")
    book.put(saved)
    assert book.record("c1") is saved and book.get("c1").view.search.endswith("new story")  # type: ignore[union-attr]


def test_a_remembered_last_contact_counts_as_the_latest_moment_when_it_is() -> None:
    from netcoach.model.partial_date import PartialDate

    met = Interaction(date=dt.date(2018, 5, 2), kind="met")
    book = book_of(
        Contact(name="Jonas", last_contact=PartialDate(2019)),  # no interaction logged, but in touch in 2019
        Contact(name="Ines", interactions=[met], last_contact=PartialDate(2021, 6)),
        Contact(
            name="Olga",
            interactions=[Interaction(date=dt.date(2024, 1, 9), kind="met")],
            last_contact=PartialDate(2019),
        ),
        Contact(name="Noor"),
    )
    entries = {e.name: e for e in book.search()}
    assert entries["Jonas"].last == dt.date(2019, 1, 1) and entries["Jonas"].remembered == PartialDate(2019)
    assert entries["Ines"].last == dt.date(2021, 6, 1) and entries["Ines"].remembered == PartialDate(2021, 6)
    assert (
        entries["Olga"].last == dt.date(2024, 1, 9) and entries["Olga"].remembered is None
    )  # the interaction is later
    assert names(book.search(stage=StageFilter.NEVER_CONTACTED)) == ["Noor"]  # Jonas was in touch, in 2019
    assert names(book.search(order=SortOrder.LAST_CONTACT)) == ["Olga", "Ines", "Jonas", "Noor"]


@given(
    stage=st.sampled_from(list(Stage)),
    connected=st.none() | st.dates(dt.date(2015, 1, 1), dt.date(2027, 12, 31)),
    met_on=st.none() | st.dates(dt.date(2015, 1, 1), dt.date(2027, 12, 31)),
    touched=st.sampled_from(["", "interaction", "note", "last_contact", "promise", "reach_out_after", "snoozed"]),
    day=st.dates(dt.date(2020, 1, 1), dt.date(2028, 12, 31)),
    stale=st.integers(1, 400),
    introduces=st.booleans(),
)
@settings(max_examples=300, deadline=None)
def test_an_entry_without_the_engine_is_what_the_engine_gives(
    stage: Stage,
    connected: dt.date | None,
    met_on: dt.date | None,
    touched: str,
    day: dt.date,
    stale: int,
    introduces: bool,
) -> None:
    on = dt.date(2026, 11, 2)
    extra: dict[str, object] = {
        "interaction": {"interactions": [Interaction(date=on, kind="sent", channel="email")]},
        "note": {"interactions": [Interaction(date=on, kind="note", channel="other", summary="a thought")]},
        "last_contact": {"last_contact": "2019"},
        "promise": {"promises": [{"text": "send the deck", "by": on, "whose": "mine", "made_on": on}]},
        "reach_out_after": {"reach_out_after": on},
        "snoozed": {"snoozed_until": on},
    }.get(touched, {})  # type: ignore[assignment]
    contact = Contact.model_validate(
        {"name": "Ada Quiet", "stage": stage, "connected_on": connected, "met_on": met_on, **extra}
    )
    view = ContactView.of(contact)
    friend = ContactView.of(
        Contact(
            name="Bo Friend", met_through="c0", interactions=[Interaction(date=on, kind="meeting", channel="phone")]
        )
    )
    introduced = [friend] if introduces else []
    rules = replace(DEFAULT_RULES, stale_after_days=stale)
    assert make_entry("c0", view, day, rules, introduced) == engine_entry("c0", view, day, rules, introduced)
    assert untouched(view) == (touched == "")
