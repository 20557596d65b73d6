"""Promises, yours and theirs: their due dates, what keeps them quiet, and how they list in ``due``.

Today is Wednesday 18 November 2026 (the week: Mon 16 ... Fri 20, Sat 21, Sun 22, Mon 23).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from netcoach.model.changes import add_promise, keep_promise
from netcoach.model.contact import Contact, Interaction, Promise
from netcoach.model.kinds import MessageKind, Stage, TaskKind
from netcoach.model.view import ContactView
from netcoach.storage.contacts import contact_toml, parse_contact
from netcoach.timing.engine import Status, due_within, follow_ups, next_due
from netcoach.timing.promises import default_by, match_promise, promise_dues

TODAY = dt.date(2026, 11, 18)
FRI, SAT, MON = dt.date(2026, 11, 20), dt.date(2026, 11, 21), dt.date(2026, 11, 23)


def day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


def person(*promises: dict[str, Any], received: tuple[dt.date, ...] = (), **fields: Any) -> Contact:
    interactions = [Interaction(date=on, kind="received") for on in received]
    made = [Promise.model_validate({"made_on": TODAY, **p}) for p in promises]
    return Contact(name="Ana Souza", interactions=interactions, promises=made, **fields)


def test_default_dates_two_business_days_for_yours_a_week_for_theirs() -> None:
    assert default_by("mine", TODAY) == FRI
    assert default_by("mine", FRI) == dt.date(2026, 11, 24)  # Fri -> Tue, over the weekend
    assert default_by("theirs", TODAY) == day(7)


def test_yours_is_due_on_its_date_quoting_it() -> None:
    [(due, kind, reason, text)] = promise_dues(person({"text": "send the dbt article", "by": FRI}), TODAY)
    assert text == "send the dbt article"
    assert (due, kind) == (FRI, TaskKind.PROMISE)
    assert '"send the dbt article"' in reason and "Ana" in reason


def test_a_date_on_a_weekend_moves_to_monday() -> None:
    [(due, _, _, _)] = promise_dues(person({"text": "send it", "by": SAT}), TODAY)
    assert due == MON


def test_theirs_is_due_at_its_date_unless_something_came_from_them_since() -> None:
    theirs = {"text": "intro to her manager", "by": day(7), "whose": "theirs"}
    [(due, kind, reason, _)] = promise_dues(person(theirs), TODAY)
    assert (due, kind) == (MON + dt.timedelta(days=2), TaskKind.WAITING_ON)
    assert '"intro to her manager"' in reason
    assert promise_dues(person(theirs, received=(day(2),)), TODAY) == []
    # something received before (or on) the day it was said does not answer it
    assert len(promise_dues(person(theirs, received=(day(-3), TODAY)), TODAY)) == 1


def test_kept_and_archived_are_never_due() -> None:
    assert promise_dues(person({"text": "send it", "by": FRI, "kept_on": TODAY}), TODAY) == []
    assert promise_dues(person({"text": "send it", "by": FRI}, stage=Stage.ARCHIVED), TODAY) == []


def test_a_contact_lists_every_follow_up_earliest_first_in_due() -> None:
    ana = person(
        {"text": "send the dbt article", "by": FRI},
        {"text": "intro to her manager", "by": day(-1), "whose": "theirs"},
    )
    ana = ana.model_copy(update={"interactions": [Interaction(date=day(-1), kind="met")]})
    found = follow_ups(ana, TODAY)
    assert [(f.kind, f.due, f.status) for f in found] == [
        (TaskKind.WAITING_ON, day(-1), Status.OVERDUE),
        (MessageKind.FOLLOW_UP, TODAY, Status.TODAY),
        (TaskKind.PROMISE, FRI, Status.UPCOMING),
    ]
    assert next_due(ana) == day(-1)  # the earliest, whatever the day: the index remembers it
    rows = due_within([("ana", ana)], TODAY, 1)
    assert [f.kind for _, _, f in rows] == [TaskKind.WAITING_ON, MessageKind.FOLLOW_UP]
    view = ContactView.of(ana)
    assert follow_ups(view, TODAY) == found  # the index's light copy says the same


def test_promises_round_trip_through_the_file(tmp_path: Any) -> None:
    ana = person(
        {"text": "send the dbt article", "by": FRI},
        {"text": "intro", "by": day(7), "whose": "theirs", "kept_on": day(1)},
    )
    text = contact_toml(ana)
    assert "[[promises]]" in text
    assert parse_contact(tmp_path / "ana.toml", text.encode()) == ana


@pytest.mark.parametrize(
    "bad",
    [
        {"text": "", "by": FRI},
        {"text": "x", "by": FRI, "whose": "yours"},
        {"text": "x", "by": FRI, "colour": "red"},
        {"text": "x"},
    ],
)
def test_a_bad_promise_is_refused(bad: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        Promise.model_validate({"made_on": TODAY, **bad})


def test_matching_a_promise_by_a_word_or_a_prefix() -> None:
    ana = person(
        {"text": "send the dbt article", "by": FRI},
        {"text": "send the deck", "by": FRI},
        {"text": "intro to Gia", "by": FRI, "kept_on": TODAY},
    )
    assert match_promise(ana.promises, "dbt") == [0]
    assert match_promise(ana.promises, "DEC") == [1]
    assert match_promise(ana.promises, "send") == [0, 1]  # ambiguous: the caller asks which
    assert match_promise(ana.promises, "gia") == []  # kept already
    assert match_promise(ana.promises, "send the deck") == [1]
    assert match_promise(ana.promises, "  ") == []


def test_adding_and_keeping_change_a_copy() -> None:
    ana = person()
    added = add_promise(ana, Promise(text="send it", by=FRI, made_on=TODAY))
    kept = keep_promise(added, 0, FRI)
    assert ana.promises == [] and added.promises[0].kept_on is None and kept.promises[0].kept_on == FRI


def test_merging_two_entries_of_one_person_keeps_both_sets_of_promises() -> None:
    from netcoach.model.changes import merge_contacts

    keep = person({"text": "send the dbt article", "by": FRI})
    other = person({"text": "send the dbt article", "by": FRI}, {"text": "intro to Gia", "by": MON, "whose": "theirs"})
    merged, took = merge_contacts(keep, other)
    assert [p.text for p in merged.promises] == ["send the dbt article", "intro to Gia"]
    assert "1 promise" in took
