"""The domain pieces of "records you can trust": one way to build a new contact, stage words,
the same-name words, correcting one interaction, what comes after sending, and who is next."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from netcoach.book import ContactBook, same_name_words
from netcoach.coach.drafts import after_sending
from netcoach.model.changes import new_contact, replace_interaction
from netcoach.model.contact import Contact, Interaction
from netcoach.model.kinds import InteractionKind, MessageKind, Stage
from netcoach.model.stages import parse_stage, stage_words
from netcoach.storage.contacts import ContactRecord
from netcoach.timing.engine import follow_up
from netcoach.timing.rules import DEFAULT_RULES

TODAY = dt.date(2026, 12, 2)
YESTERDAY = TODAY - dt.timedelta(days=1)


def test_where_and_when_log_a_meeting_on_that_day() -> None:
    contact = new_contact(
        "Ana Lima", {"company": "Northwind"}, met_at="Data & Design meetup", met_on=YESTERDAY, today=TODAY
    )
    assert (contact.company, contact.met_at, contact.met_on) == ("Northwind", "Data & Design meetup", YESTERDAY)
    assert [(i.kind, i.date, i.summary) for i in contact.interactions] == [
        (InteractionKind.MET, YESTERDAY, "Met at Data & Design meetup")
    ]
    assert follow_up(contact, TODAY, DEFAULT_RULES) is not None  # due at once


@pytest.mark.parametrize(("met_at", "met_on", "day"), [("the meetup", None, TODAY), ("", YESTERDAY, YESTERDAY)])
def test_only_the_place_means_today_and_only_the_date_is_enough(
    met_at: str, met_on: dt.date | None, day: dt.date
) -> None:
    contact = new_contact("Ana Lima", met_at=met_at, met_on=met_on, today=TODAY)
    assert contact.met_on == day and [i.date for i in contact.interactions] == [day]


def test_neither_logs_nothing_and_a_bad_value_is_refused() -> None:
    assert new_contact("Ana Lima", today=TODAY).interactions == []
    with pytest.raises(ValidationError):
        new_contact("   ", today=TODAY)
    with pytest.raises(ValidationError):
        new_contact("Ana", {"emails": ["not-an-email"]}, today=TODAY)


@pytest.mark.parametrize(
    ("typed", "stage"),
    [("not now", Stage.NOT_NOW), ("Not-Now", Stage.NOT_NOW), ("not_now", Stage.NOT_NOW), ("in  touch", Stage.IN_TOUCH)],
)
def test_stage_words_however_written(typed: str, stage: Stage) -> None:
    assert parse_stage(typed) is stage
    assert stage_words(stage) == stage.value.replace("_", " ")


def test_an_unknown_stage_names_the_words() -> None:
    with pytest.raises(ValueError, match="new, in touch, resting, not now, archived"):
        parse_stage("lost")


def test_same_name_words_say_who_and_how_they_were_met() -> None:
    met = ContactRecord(
        "priya-raman", new_contact("Priya Raman", met_at="the meetup", met_on=YESTERDAY, today=TODAY), ""
    )
    bare = ContactRecord("priya-raman-2", Contact(name="Priya Raman"), "")
    assert same_name_words([met, bare], TODAY) == (
        "Priya Raman (priya-raman), met at the meetup, 1 December; Priya Raman (priya-raman-2), no meeting noted"
    )


def test_one_interaction_is_replaced_in_place_or_removed() -> None:
    first, second = Interaction(date=YESTERDAY, kind="met"), Interaction(date=TODAY, kind="sent", summary="Hi")
    contact = Contact(name="Ana", interactions=[first, second])
    fixed = second.model_copy(update={"summary": "Hello"})
    changed = replace_interaction(contact, second, fixed)
    assert changed is not None and changed.interactions == [first, fixed]
    removed = replace_interaction(contact, first, None)
    assert removed is not None and removed.interactions == [second]
    assert replace_interaction(contact, fixed, None) is None  # not there (changed elsewhere): nothing to do


def test_after_sending_is_what_the_engine_says_and_next_due_skips_the_person() -> None:
    ana = new_contact("Ana Lima", met_at="the meetup", met_on=YESTERDAY, today=TODAY)
    tom = new_contact("Tom Okafor", met_at="the meetup", met_on=YESTERDAY, today=TODAY)
    sent = Interaction(date=TODAY, kind="sent", message_kind=MessageKind.THANK_YOU)
    after = after_sending(ana, sent, TODAY, DEFAULT_RULES)
    expected = follow_up(ana.model_copy(update={"interactions": [*ana.interactions, sent]}), TODAY, DEFAULT_RULES)
    assert after == expected and after is not None and after.kind is MessageKind.NUDGE
    book = ContactBook.of_records([ContactRecord("ana-lima", ana, ""), ContactRecord("tom-okafor", tom, "")], TODAY)
    assert book.next_due(besides="ana-lima").id == "tom-okafor"  # type: ignore[union-attr]
    assert book.next_due(besides="tom-okafor").id == "ana-lima"  # type: ignore[union-attr]
