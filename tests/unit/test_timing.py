"""The follow-up timing engine: every rule, with its edges.

Today is Wednesday 18 November 2026. The week around it::

    Mon 16  Tue 17  Wed 18  Thu 19  Fri 20  Sat 21  Sun 22  Mon 23
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from typing import Any

import pytest

from netcoach.model.contact import Contact, Interaction, InteractionKind, MessageKind, Stage
from netcoach.storage.config import Config
from netcoach.timing.engine import FollowUp, Status, awaits_reply, due_within, follow_up, unanswered_run
from netcoach.timing.rules import DEFAULT_RULES, TimingRules
from tests.helpers import ENGINE_KINDS

TODAY = dt.date(2026, 11, 18)  # Wednesday
MON, TUE, WED, THU, FRI, SAT, SUN = (dt.date(2026, 11, d) for d in range(16, 23))
NEXT_MON = dt.date(2026, 11, 23)


def day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


def person(*events: tuple[Any, ...], **fields: Any) -> Contact:
    """A contact with ``events``: (date, kind) or (date, kind, awaiting_reply)."""
    interactions = [
        Interaction(date=e[0], kind=e[1], awaiting_reply=e[2] if len(e) > 2 else None, summary=f"event {n}")
        for n, e in enumerate(events)
    ]
    return Contact(name=fields.pop("name", "Maya Chen"), interactions=interactions, **fields)


def due(contact: Contact, today: dt.date = TODAY, rules: TimingRules = DEFAULT_RULES) -> FollowUp:
    result = follow_up(contact, today, rules)
    assert result is not None
    return result


# -- a. latest is `met` -------------------------------------------------------------------


def test_met_yesterday_follow_up_is_due_today() -> None:
    result = due(person((TUE, "met"), met_at="the SDSU alumni happy hour"))
    assert (result.due, result.kind, result.status) == (WED, MessageKind.FOLLOW_UP, Status.TODAY)
    assert (
        result.reason
        == "You met at the SDSU alumni happy hour yesterday; a short note while you are fresh in their mind."
    )


def test_met_today_follow_up_is_due_tomorrow() -> None:
    result = due(person((WED, "met")))
    assert (result.due, result.status) == (THU, Status.UPCOMING)
    assert result.reason.startswith("You met today;")


@pytest.mark.parametrize(("met", "expected"), [(FRI, NEXT_MON), (SAT, NEXT_MON), (SUN, NEXT_MON), (THU, FRI)])
def test_follow_up_after_meeting_skips_the_weekend(met: dt.date, expected: dt.date) -> None:
    assert due(person((met, "met"))).due == expected


def test_met_long_ago_is_overdue() -> None:
    result = due(person((day(-30), "met")))
    assert result.due == day(-29)
    assert result.status is Status.OVERDUE


def test_follow_up_business_days_can_be_changed() -> None:
    rules = TimingRules(follow_up_business_days=3)
    assert due(person((FRI, "met")), rules=rules).due == dt.date(2026, 11, 25)  # Mon, Tue, Wed


# -- b. a `sent` waiting for a reply ------------------------------------------------------


def test_nudge_seven_days_after_a_message_to_someone_you_met() -> None:
    result = due(person((day(-8), "met"), (day(-7), "sent")))
    assert (result.due, result.kind, result.status) == (TODAY, MessageKind.NUDGE, Status.TODAY)
    assert "(nudge 1 of 2)" in result.reason
    assert result.reason == "No reply yet to your message last week; a friendly nudge is normal (nudge 1 of 2)."


def test_nudge_fourteen_days_after_a_cold_message() -> None:
    result = due(person((day(-14), "sent")))
    assert (result.due, result.kind) == (TODAY, MessageKind.NUDGE)
    assert due(person((day(-7), "sent"))).due == day(7)


def test_met_on_counts_as_having_met_without_a_met_interaction() -> None:
    assert due(person((day(-7), "sent"), met_on=day(-10))).due == TODAY


def test_second_nudge_is_counted() -> None:
    result = due(person((day(-30), "met"), (day(-29), "sent"), (day(-10), "sent")))
    assert result.kind is MessageKind.NUDGE
    assert result.due == dt.date(2026, 11, 16)  # day(-3), a Monday
    assert "(nudge 2 of 2)" in result.reason


def test_after_two_nudges_the_contact_rests_and_a_reconnect_is_due_in_ninety_days() -> None:
    contact = person((day(-40), "met"), (day(-39), "sent"), (day(-31), "sent"), (day(-20), "sent"))
    assert unanswered_run(contact.contacted()) == 3
    result = due(contact)
    assert result.kind is MessageKind.RECONNECT
    assert result.due == day(-20 + 90)
    assert result.status is Status.UPCOMING
    assert result.reason.startswith("3 messages without a reply; let it rest.")


def test_a_cold_contact_also_rests_after_three_unanswered_messages() -> None:
    result = due(person((day(-60), "sent"), (day(-45), "sent"), (day(-30), "sent")))
    assert (result.kind, result.due) == (MessageKind.RECONNECT, skip(day(60)))


def test_max_nudges_from_the_rules() -> None:
    contact = person((day(-30), "met"), (day(-29), "sent"), (day(-20), "sent"))
    assert due(contact, rules=TimingRules(max_nudges=1)).kind is MessageKind.RECONNECT
    assert due(contact, rules=TimingRules(max_nudges=3)).kind is MessageKind.NUDGE
    assert "nudge 2 of 3" in due(contact, rules=TimingRules(max_nudges=3)).reason


def test_nudge_on_a_weekend_moves_to_monday() -> None:
    sent = dt.date(2026, 11, 14)  # Saturday, +7 = Saturday 21
    assert due(person((day(-10), "met"), (sent, "sent"))).due == NEXT_MON


def test_a_reply_resets_the_count() -> None:
    history = [(day(-60), "met"), (day(-59), "sent"), (day(-50), "sent"), (day(-40), "sent")]
    assert due(person(*history)).kind is MessageKind.RECONNECT
    answered = person(*history, (day(-5), "received"))
    assert due(answered).kind is MessageKind.REPLY
    # After they answered, an unmarked message waits for nothing: keep in touch, no nudge.
    after = person(*history, (day(-5), "received"), (day(-4), "sent"))
    assert unanswered_run(after.contacted()) == 0
    assert (due(after).kind, due(after).due) == (MessageKind.KEEP_IN_TOUCH, day(86))
    # A question after their answer is counted from one again.
    asked = person(*history, (day(-5), "received"), (day(-4), "sent", True))
    assert unanswered_run(asked.contacted()) == 1
    assert "(nudge 1 of 2)" in due(asked).reason


def test_a_meeting_or_call_also_counts_as_an_answer() -> None:
    for answer in ("meeting", "call"):
        contact = person((day(-30), "sent"), (day(-20), answer), (day(-10), "sent"))
        assert due(contact).kind is MessageKind.KEEP_IN_TOUCH


def test_awaiting_reply_explicit_true_after_an_answer_gives_a_nudge() -> None:
    contact = person((day(-30), "received"), (day(-7), "sent", True))
    assert awaits_reply(contact.contacted(), 1) is True
    assert (due(contact).kind, due(contact).due) == (MessageKind.NUDGE, day(7))  # never met: 14 days


def test_awaiting_reply_explicit_false_on_a_first_message_waits_for_nothing() -> None:
    contact = person((day(-7), "sent", False))
    assert awaits_reply(contact.contacted(), 0) is False
    result = due(contact)
    assert (result.kind, result.due) == (MessageKind.KEEP_IN_TOUCH, skip(day(83)))


def test_awaiting_reply_inferred_when_unmarked() -> None:
    never_answered = person((day(-40), "met"), (day(-7), "sent")).contacted()
    answered = person((day(-40), "received"), (day(-7), "sent")).contacted()
    assert awaits_reply(never_answered, 1) is True
    assert awaits_reply(answered, 1) is False


def test_explicit_false_breaks_a_run_of_waiting_messages() -> None:
    contact = person((day(-40), "sent"), (day(-30), "sent", False), (day(-20), "sent"), (day(-10), "sent"))
    assert unanswered_run(contact.contacted()) == 2
    assert due(contact).kind is MessageKind.NUDGE


# -- c. / d. received, meeting, call ------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "message", "words"),
    [
        ("received", MessageKind.REPLY, "They wrote to you yesterday; the ball is in your court."),
        ("meeting", MessageKind.THANK_YOU, "You had a meeting yesterday; a short thank-you while it is fresh."),
        ("call", MessageKind.THANK_YOU, "You had a call yesterday; a short thank-you while it is fresh."),
    ],
)
def test_the_next_business_day_after_they_wrote_or_you_met_up(kind: str, message: MessageKind, words: str) -> None:
    result = due(person((day(-30), "sent"), (TUE, kind)))
    assert (result.due, result.kind, result.status, result.reason) == (WED, message, Status.TODAY, words)
    assert due(person((FRI, kind))).due == NEXT_MON
    assert due(person((SAT, kind))).due == NEXT_MON


def test_reply_and_thank_you_business_days_can_be_changed() -> None:
    rules = TimingRules(reply_business_days=2, thank_you_business_days=0)
    assert due(person((THU, "received")), rules=rules).due == NEXT_MON
    assert due(person((WED, "call")), rules=rules).due == WED


# -- e. keep in touch ---------------------------------------------------------------------


def skip(d: dt.date) -> dt.date:
    return d + dt.timedelta(days=(7 - d.weekday()) % 7) if d.weekday() >= 5 else d


def test_keep_in_touch_after_ninety_days() -> None:
    contact = person((day(-100), "received"), (day(-80), "sent"))
    result = due(contact)
    assert (result.kind, result.due) == (MessageKind.KEEP_IN_TOUCH, skip(day(10)))
    assert result.reason == "Last in touch 3 months ago; share something useful or just say hello."


def test_cadence_days_overrides_keep_in_touch() -> None:
    contact = person((day(-100), "received"), (day(-20), "sent"), cadence_days=30)
    assert due(contact).due == skip(day(10))
    assert due(contact, rules=TimingRules(keep_in_touch_days=10)).due == skip(day(10))  # the contact's own wins
    plain = person((day(-100), "received"), (day(-20), "sent"))
    assert due(plain, rules=TimingRules(keep_in_touch_days=10)).due == skip(day(-10))


def test_any_contact_restarts_the_clock() -> None:
    contact = person((day(-200), "received"), (day(-150), "sent"), (day(-100), "meeting"), (day(-99), "sent"))
    assert due(contact).due == skip(day(-9))


# -- notes and ordering -------------------------------------------------------------------


def test_notes_are_ignored() -> None:
    base = person((TUE, "met"))
    with_note = person((TUE, "met"), (WED, "note"), (day(5), "note"))
    assert due(with_note) == due(base)


def test_only_notes_is_never_due() -> None:
    assert follow_up(person((day(-100), "note"), (TUE, "note")), TODAY) is None


def test_same_date_the_one_logged_last_wins() -> None:
    assert due(person((TUE, "sent"), (TUE, "received"))).kind is MessageKind.REPLY
    assert due(person((TUE, "received"), (TUE, "sent"))).kind is MessageKind.KEEP_IN_TOUCH


def test_latest_is_by_date_not_by_logged_order() -> None:
    contact = person((TUE, "received"), (day(-20), "sent"))  # logged late, but older
    assert due(contact).kind is MessageKind.REPLY


# -- dates in the past and the future -----------------------------------------------------


def test_an_interaction_dated_in_the_future() -> None:
    result = due(person((day(9), "met")))  # Friday 27 November
    assert result.due == dt.date(2026, 11, 30)
    assert result.status is Status.UPCOMING
    assert "27 November" in result.reason


def test_today_is_passed_in_not_read() -> None:
    contact = person((day(-8), "met"), (day(-7), "sent"))
    assert due(contact, today=day(-1)).status is Status.UPCOMING
    assert due(contact, today=TODAY).status is Status.TODAY
    assert due(contact, today=day(1)).status is Status.OVERDUE
    assert due(contact, today=day(-1)).due == due(contact, today=day(1)).due


# -- f. stages and contacts never contacted -----------------------------------------------


def test_not_now_reconnects_after_180_days() -> None:
    contact = person((day(-60), "met"), (day(-55), "received"), stage="not_now")
    result = due(contact)
    assert (result.kind, result.due) == (MessageKind.RECONNECT, skip(day(125)))
    assert result.reason.startswith("Right person, wrong time: last in touch")
    assert due(contact, rules=TimingRules(not_now_days=10)).due == skip(day(-45))


def test_resting_stage_reconnects_after_ninety_days() -> None:
    contact = person((day(-100), "met"), (day(-99), "sent"), stage="resting")
    result = due(contact)
    assert (result.kind, result.due) == (MessageKind.RECONNECT, skip(day(-9)))


def test_archived_is_never_due() -> None:
    contact = person((TUE, "met"), stage="archived", reach_out_after=day(3), snoozed_until=day(2))
    assert follow_up(contact, TODAY) is None


def test_no_interactions_is_never_due() -> None:
    assert follow_up(Contact(name="Noah Fischer", connected_on=day(-400), source="linkedin import"), TODAY) is None


def test_no_interactions_but_a_date_set_is_due_on_that_date() -> None:
    result = due(Contact(name="Grace Kim", reach_out_after=day(2)))
    assert (result.due, result.kind, result.status) == (day(2), MessageKind.FOLLOW_UP, Status.UPCOMING)
    assert result.reason == "They asked you to reach out after 20 November."
    imported = due(Contact(name="Noah", connected_on=day(-400), snoozed_until=day(-3)))
    assert (imported.kind, imported.status) == (MessageKind.RECONNECT, Status.OVERDUE)
    assert imported.reason == "Snoozed until 15 November."


# -- g. reach_out_after and snoozed_until -------------------------------------------------


def test_snooze_moves_later() -> None:
    result = due(person((TUE, "met"), snoozed_until=day(7)))
    assert (result.due, result.status) == (day(7), Status.UPCOMING)
    assert result.reason.startswith("Snoozed until 25 November. You met yesterday;")


def test_snooze_never_moves_earlier() -> None:
    plain = due(person((day(-8), "met"), (day(-2), "sent")))
    snoozed = due(person((day(-8), "met"), (day(-2), "sent"), snoozed_until=day(-1)))
    assert snoozed == plain


def test_reach_out_after_moves_later_but_never_earlier() -> None:
    later = due(person((TUE, "received"), reach_out_after=day(14)))
    assert later.due == day(14)
    assert later.reason.startswith("They asked you to reach out after 2 December.")
    earlier = due(person((TUE, "received"), reach_out_after=day(-30)))
    assert earlier.due == WED and "reach out" not in earlier.reason


def test_the_later_of_both_dates_wins() -> None:
    result = due(person((TUE, "met"), reach_out_after=day(5), snoozed_until=day(9)))
    assert result.due == day(9)
    assert "Snoozed until 27 November." in result.reason


@pytest.mark.parametrize("field", ["reach_out_after", "snoozed_until"])
def test_a_date_on_a_weekend_moves_to_monday(field: str) -> None:
    assert due(person((TUE, "met"), **{field: SAT})).due == NEXT_MON
    assert due(person((TUE, "met"), **{field: SUN})).due == NEXT_MON


def test_a_date_in_a_later_year_is_written_with_its_year() -> None:
    result = due(person((TUE, "met"), snoozed_until=dt.date(2027, 1, 4)))
    assert result.reason.startswith("Snoozed until 4 January 2027.")


# -- status -------------------------------------------------------------------------------


@pytest.mark.parametrize(("met", "status"), [(day(-7), Status.OVERDUE), (TUE, Status.TODAY), (WED, Status.UPCOMING)])
def test_status(met: dt.date, status: Status) -> None:
    assert due(person((met, "met"))).status is status


# -- the reasons are always whole sentences -----------------------------------------------


def _grid() -> list[Contact]:
    kinds = [k.value for k in InteractionKind]
    offsets = [-400, -95, -20, -8, -1, 0, 3, 40]
    contacts = []
    for stage, first, second, met_at in itertools.product(
        [s.value for s in Stage], kinds, kinds, ["", "the PyData meetup"]
    ):
        for offset in offsets:
            contacts.append(
                person((day(offset - 5), first), (day(offset), second), stage=stage, met_at=met_at, company="")
            )
    for stage in Stage:
        contacts.append(person((day(-99), "sent"), (day(-95), "sent"), (day(-91), "sent"), stage=stage))
        for reach, snooze in itertools.product([None, day(-3), day(2), day(400)], repeat=2):
            contacts.append(Contact(name="X", stage=stage, reach_out_after=reach, snoozed_until=snooze))
            contacts.append(
                person((day(-2), "sent"), name="Y", stage=stage, reach_out_after=reach, snoozed_until=snooze)
            )
    return contacts


def test_reasons_never_show_none_or_empty_gaps() -> None:
    seen_kinds = set()
    checked = 0
    for contact in _grid():
        result = follow_up(contact, TODAY)
        if result is None:
            continue
        checked += 1
        seen_kinds.add(result.kind)
        reason = result.reason
        assert reason, contact
        assert "None" not in reason and "none" not in reason.split()
        assert "  " not in reason and reason == reason.strip()
        assert not re.search(r" [.,;:)]|\( |\bat (;|\.)|\bat $", reason), reason
        assert (reason[0].isupper() or reason[0].isdigit()) and reason.endswith("."), reason
        assert result.due.weekday() < 5
    assert checked > 500
    assert seen_kinds == ENGINE_KINDS


# -- due_within ---------------------------------------------------------------------------


def test_due_within_sorts_by_date_then_name_and_respects_the_horizon() -> None:
    people = [
        ("b", person((TUE, "met"), name="bea")),
        ("a", person((TUE, "met"), name="Abe")),
        ("c", person((day(-10), "met"), name="Cy")),
        ("d", person((day(5), "met"), name="Di")),  # due Tue 24th: day(6)
        ("e", person((TUE, "met"), name="Ed", stage="archived")),
        ("f", Contact(name="Flo")),
    ]
    rows = due_within(people, TODAY, 0)
    assert [key for key, _, _ in rows] == ["c", "a", "b"]
    assert [key for key, _, _ in due_within(people, TODAY, 5)] == ["c", "a", "b"]
    assert [key for key, _, _ in due_within(people, TODAY, 6)] == ["c", "a", "b", "d"]


# -- config [timing] ----------------------------------------------------------------------


def test_config_timing_overrides_reach_the_engine() -> None:
    config = Config.model_validate({"timing": {"nudge_days_met": 3, "nudge_days_cold": 5, "keep_in_touch_days": 30}})
    met = person((day(-10), "met"), (day(-3), "sent"))
    cold = person((day(-5), "sent"))
    quiet = person((day(-40), "received"), (day(-30), "sent"))
    assert due(met, rules=config.timing).due == TODAY
    assert due(cold, rules=config.timing).due == TODAY
    assert due(quiet, rules=config.timing).due == TODAY
    assert due(met).due == skip(day(4))  # the defaults are untouched


def test_config_timing_rejects_typos_and_out_of_range_values() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        Config.model_validate({"timing": {"nudge_days": 3}})
    with pytest.raises(ValidationError):
        Config.model_validate({"timing": {"nudge_days_met": 0}})
    assert Config().timing == DEFAULT_RULES


# -- the light views `netcoach due` uses give the same answers ----------------------------


def test_views_from_the_index_give_exactly_the_same_follow_ups() -> None:
    from netcoach.model.view import ContactView, brief

    contacts = _grid()
    contacts.append(person((day(-10), "met"), (day(-9), "sent"), met_at="a dinner", cadence_days=12))
    contacts.append(person((day(-3), "sent"), met_on=day(-5), connected_on=day(-400)))
    for contact in contacts:
        view = ContactView.from_brief(brief(contact))
        assert (view.name, view.company, view.stage, view.met_on) == (
            contact.name,
            contact.company,
            contact.stage,
            contact.met_on,
        )
        for today in (TODAY, day(-30), day(200)):
            assert follow_up(view, today) == follow_up(contact, today)
        assert follow_up(view, TODAY, TimingRules(max_nudges=0, nudge_days_cold=3)) == follow_up(
            contact, TODAY, TimingRules(max_nudges=0, nudge_days_cold=3)
        )


def test_a_view_refuses_what_is_not_a_contact() -> None:
    from netcoach.model.view import ContactView, brief

    good = json.loads(brief(person((TUE, "met"), (WED, "note"))))
    items = good[12]  # then the tags (since version 3)
    assert len(items) == 2  # notes kept: a place in the view's interactions is a place in the contact's
    assert ContactView.from_brief(json.dumps(good)).last_interaction().kind.value == "met"  # type: ignore[union-attr]
    older = json.dumps([*good[1:-3], [item[:3] for item in items if item[1] != "note"]])  # version 1: no marker
    stage_lost = json.dumps([*good[:4], "lost", *good[5:]])
    for bad in ("[]", "{}", '{"name": "x"}', "not json", stage_lost, older):
        with pytest.raises((ValueError, KeyError, TypeError)):
            ContactView.from_brief(bad)


# -- TimingRules --------------------------------------------------------------------------


def test_timing_rules_refuse_numbers_out_of_range() -> None:
    with pytest.raises(ValueError, match="nudge_days_met"):
        TimingRules(nudge_days_met=0)
    with pytest.raises(ValueError, match="max_nudges"):
        TimingRules(max_nudges=11)
    with pytest.raises(ValueError):
        TimingRules(resting_days="90")  # type: ignore[arg-type]


def test_timing_rules_key_changes_with_any_number() -> None:
    keys = {TimingRules().key()}
    for name in ("nudge_days_met", "nudge_days_cold", "keep_in_touch_days", "not_now_days", "max_nudges"):
        keys.add(TimingRules(**{name: 5}).key())
    assert len(keys) == 6
    assert TimingRules().key() == DEFAULT_RULES.key()
