"""Merging two contacts (the same person entered twice): a pure function of the two."""

from __future__ import annotations

import datetime as dt

from netcoach.model.changes import merge_contacts
from netcoach.model.contact import Contact, Interaction
from netcoach.model.kinds import Stage

D = dt.date


def test_interactions_are_combined_in_date_order_and_one_logged_in_both_is_kept_once() -> None:
    met = Interaction(date=D(2026, 11, 1), kind="met", summary="Met at Data & Design meetup")
    keep = Contact(
        name="Priya Raman",
        interactions=[met, Interaction(date=D(2026, 11, 10), kind="sent", summary="mine")],
    )
    other = Contact(
        name="Priya R.",
        interactions=[
            Interaction(date=D(2026, 11, 10), kind="received", summary="theirs"),
            met,
            Interaction(date=D(2026, 11, 5), kind="note", summary="likes tea"),
        ],
    )
    merged, took = merge_contacts(keep, other)
    assert [(i.date.day, i.summary) for i in merged.interactions] == [
        (1, "Met at Data & Design meetup"),
        (5, "likes tea"),
        (10, "mine"),  # the same day: the kept contact's first
        (10, "theirs"),
    ]
    assert took[0] == "2 interactions"


def test_empty_fields_are_filled_and_the_kept_contacts_values_win() -> None:
    keep = Contact(name="Priya Raman", company="Acme", met_on=D(2026, 11, 1))
    other = Contact(
        name="Priya R.",
        company="Other Co",
        role="Designer",
        phone="+1 555 0100",
        met_on=D(2025, 1, 1),
        reach_out_after=D(2027, 1, 5),
        cadence_days=30,
    )
    merged, took = merge_contacts(keep, other)
    assert merged.name == "Priya Raman"
    assert merged.company == "Acme" and merged.met_on == D(2026, 11, 1)
    assert (merged.role, merged.phone, merged.reach_out_after, merged.cadence_days) == (
        "Designer",
        "+1 555 0100",
        D(2027, 1, 5),
        30,
    )
    assert took == ["role", "phone", "reach out after", "cadence days"]


def test_lists_are_united_without_repeats() -> None:
    keep = Contact(name="Priya Raman", emails=["priya@acme.com"], tags=["design", "meetup"])
    other = Contact(
        name="Priya R.",
        emails=["PRIYA@acme.com", "priya@home.net"],
        tags=["Design", "mentor"],
        common_ground=["both from Pune"],
    )
    merged, _ = merge_contacts(keep, other)
    assert merged.emails == ["priya@acme.com", "priya@home.net"]
    assert merged.tags == ["design", "meetup", "mentor"]
    assert merged.common_ground == ["both from Pune"]


def test_free_text_both_wrote_is_kept_whole() -> None:
    keep = Contact(name="Priya Raman", notes="Met by the coffee.", story="Talked about maps.")
    other = Contact(name="Priya R.", notes="Wants an intro to Sam.", story="Talked about maps.")
    merged, took = merge_contacts(keep, other)
    assert merged.notes == "Met by the coffee.\n\nWants an intro to Sam."
    assert merged.story == "Talked about maps."
    assert took == ["notes"]


def test_the_stage_of_a_new_contact_comes_from_the_other() -> None:
    new = Contact(name="Priya Raman")
    talking = Contact(name="Priya R.", stage=Stage.IN_TOUCH)
    assert merge_contacts(new, talking)[0].stage is Stage.IN_TOUCH
    archived = Contact(name="Priya Raman", stage=Stage.ARCHIVED)
    assert merge_contacts(archived, talking)[0].stage is Stage.ARCHIVED


def test_an_answer_only_the_other_logged_brings_them_in_touch_as_logging_it_would() -> None:
    resting = Contact(name="Priya Raman", stage=Stage.RESTING)
    answered = Contact(name="Priya R.", interactions=[Interaction(date=D(2026, 11, 2), kind="received")])
    merged, took = merge_contacts(resting, answered)
    assert merged.stage is Stage.IN_TOUCH and took == ["1 interaction", "stage"]
    wrote = Contact(name="Priya R.", interactions=[Interaction(date=D(2026, 11, 2), kind="sent")])
    assert merge_contacts(resting, wrote)[0].stage is Stage.RESTING


def test_merging_a_copy_changes_nothing_and_leaves_both_inputs_alone() -> None:
    keep = Contact(name="Priya Raman", tags=["a"], interactions=[Interaction(date=D(2026, 11, 1), kind="met")])
    copy = keep.model_copy(deep=True)
    merged, took = merge_contacts(keep, copy)
    assert merged == keep and took == []
    assert keep == copy
