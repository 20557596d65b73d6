"""Old moments become reconnects, paced a few a day; "reach out after" means after.

Today is Thursday 19 November 2026 unless a test says otherwise::

    Mon 16  Tue 17  Wed 18  Thu 19  Fri 20  Sat 21  Sun 22  Mon 23  Tue 24
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netcoach.model.contact import Contact, Interaction, MessageKind
from netcoach.model.view import ContactView, brief
from netcoach.storage.config import Config
from netcoach.timing.engine import FollowUp, Status, due_within, follow_up, pace, scheduled
from netcoach.timing.rules import DEFAULT_RULES, TimingRules

TODAY = dt.date(2026, 11, 19)  # Thursday
FRI, SAT, SUN, MON, TUE = (dt.date(2026, 11, d) for d in (20, 21, 22, 23, 24))


def day(offset: int, today: dt.date = TODAY) -> dt.date:
    return today + dt.timedelta(days=offset)


def person(*events: tuple[dt.date, str], **fields: Any) -> Contact:
    interactions = [Interaction(date=when, kind=kind) for when, kind in events]  # type: ignore[arg-type]
    return Contact(name=fields.pop("name", "Maya Chen"), interactions=interactions, **fields)


def due(contact: Contact, today: dt.date = TODAY, rules: TimingRules = DEFAULT_RULES) -> FollowUp:
    result = follow_up(contact, today, rules)
    assert result is not None
    return result


# -- the edge: more than stale_after_days ------------------------------------------------


def test_exactly_thirty_days_late_is_still_overdue() -> None:
    wrote = dt.date(2026, 10, 19)  # a Monday: the reply was due Tuesday 20 October, 30 days ago
    result = due(person((wrote, "received")))
    assert (result.due, result.status, result.kind) == (day(-30), Status.OVERDUE, MessageKind.REPLY)
    assert result.since is None


def test_thirty_one_days_late_is_a_reconnect_due_today() -> None:
    wrote = dt.date(2026, 10, 16)  # a Friday: the reply was due Monday 19 October, 31 days ago
    result = due(person((wrote, "received")))
    assert (result.due, result.status, result.kind) == (TODAY, Status.RECONNECT, MessageKind.RECONNECT)
    assert result.since == day(-31)
    assert result.reason == "Last in touch 4 weeks ago (they wrote to you). A warm hello, no apology needed."


def test_the_reason_names_how_long_and_what_happened_last() -> None:
    years = due(person((dt.date(2021, 6, 11), "received")))
    assert years.reason == "Last in touch 5 years ago (they wrote to you). A warm hello, no apology needed."
    call = due(person((dt.date(2019, 3, 1), "call")))
    assert call.reason.startswith("Last in touch 7 years ago (you had a call).")
    met = due(person((dt.date(2025, 1, 10), "met"), met_at="PyCon"))
    assert met.reason.startswith("Last in touch last year (you met at PyCon).")
    sent = due(person((dt.date(2026, 5, 4), "sent")))
    assert sent.kind is MessageKind.RECONNECT and "(you wrote to them)" in sent.reason


def test_never_overdue_whatever_the_old_rule() -> None:
    old = dt.date(2020, 1, 6)
    for kind in ("met", "sent", "received", "meeting", "call"):
        result = due(person((old, kind)))
        assert result.status is Status.RECONNECT and result.kind is MessageKind.RECONNECT


def test_stale_after_days_and_reconnects_per_day_come_from_config() -> None:
    config = Config.model_validate({"timing": {"stale_after_days": 60, "reconnects_per_day": 1}})
    contact = person((dt.date(2026, 9, 21), "received"))  # reply due 22 September: 58 days ago
    assert due(contact).status is Status.RECONNECT
    assert due(contact, rules=config.timing).status is Status.OVERDUE
    assert config.timing.reconnects_per_day == 1
    with pytest.raises(ValueError, match="reconnects_per_day"):
        TimingRules(reconnects_per_day=0)


def test_a_weekend_today_makes_it_due_on_monday() -> None:
    result = due(person((dt.date(2024, 2, 2), "received")), today=SAT)
    assert (result.due, result.status) == (MON, Status.RECONNECT)


# -- the user's dates still push later ---------------------------------------------------


def test_snooze_pushes_a_reconnect_later() -> None:
    result = due(person((dt.date(2024, 2, 2), "received"), snoozed_until=TUE))
    assert (result.due, result.status) == (TUE, Status.RECONNECT)
    assert result.reason.startswith("Snoozed until 24 November. Last in touch 2 years ago")


def test_a_reach_out_after_date_moves_it_and_the_reason_speaks_of_the_date_alone() -> None:
    contact = person((dt.date(2024, 2, 2), "met"), reach_out_after=FRI, reach_out_reason="back from parental leave")
    result = due(contact)
    assert (result.due, result.status) == (MON, Status.RECONNECT)  # after Friday: Saturday, then Monday
    assert result.reason == "They asked you to reach out after 20 November (back from parental leave)."


def test_a_recent_date_they_gave_is_the_reason_even_for_an_old_moment() -> None:
    """'Ping me after my leave' two months ago, and the leave ended yesterday: the reason is their date."""
    contact = person((day(-66), "received"), reach_out_after=day(-1), reach_out_reason="back from leave")
    result = due(contact)
    assert (result.due, result.status) == (TODAY, Status.RECONNECT)
    assert result.reason == "They asked you to reach out after 18 November (back from leave)."
    long_ago = due(person((day(-400), "received"), reach_out_after=day(-200)))
    assert long_ago.reason.startswith("Last in touch last year (they wrote to you).")


# -- reach out after means after ---------------------------------------------------------


def test_reach_out_after_a_friday_is_due_the_monday_after() -> None:
    result = due(person((day(-1), "met"), reach_out_after=FRI))
    assert (result.due, result.status) == (MON, Status.UPCOMING)
    assert result.reason == "They asked you to reach out after 20 November."


def test_reach_out_after_a_thursday_is_due_friday_and_snooze_until_is_due_on_the_day() -> None:
    assert due(person((day(-1), "met"), reach_out_after=TODAY)).due == FRI
    assert due(person((day(-1), "met"), snoozed_until=FRI)).due == FRI


def test_when_the_date_moved_it_the_fresh_words_are_gone() -> None:
    result = due(person((day(-1), "met"), reach_out_after=day(25), reach_out_reason="back from leave"))
    assert result.reason == "They asked you to reach out after 14 December (back from leave)."
    assert "fresh" not in result.reason
    untouched = due(person((day(-1), "met"), reach_out_after=day(-5), reach_out_reason="back from leave"))
    assert "reach out" not in untouched.reason and "fresh in their mind" in untouched.reason


def test_reach_out_reason_round_trips_through_the_view() -> None:
    contact = person((day(-1), "met"), reach_out_after=day(3), reach_out_reason="after the move")
    view = ContactView.from_brief(brief(contact))
    assert view.reach_out_reason == "after the move"
    assert follow_up(view, TODAY) == follow_up(contact, TODAY)


# -- pacing ------------------------------------------------------------------------------


def _old(count: int, **fields: Any) -> list[tuple[str, Contact]]:
    """``count`` people last heard from long ago, the oldest first (a month apart)."""
    return [
        (
            f"p{n}",
            person((dt.date(2020, 1 + n % 12, 6) + dt.timedelta(days=400 * (n // 12)), "received"), name=f"P{n:02}"),
        )
        for n in range(count)
    ]


def _dues(rows: list[tuple[str, Any, FollowUp]]) -> dict[str, dt.date]:
    return {key: follow.due for key, _, follow in rows}


def test_pacing_three_a_business_day_across_the_weekend() -> None:
    rows = due_within(_old(8), TODAY, 30)
    dues = _dues(rows)
    assert [dues[f"p{n}"] for n in range(8)] == [TODAY] * 3 + [FRI] * 3 + [MON] * 2
    assert all(follow.status is Status.RECONNECT for _, _, follow in rows)


def test_pacing_starts_on_monday_when_today_is_a_weekend() -> None:
    dues = _dues(due_within(_old(4), SUN, 30))
    assert [dues[f"p{n}"] for n in range(4)] == [MON] * 3 + [TUE]


def test_pacing_orders_by_the_old_date_then_by_name() -> None:
    same_day = dt.date(2022, 3, 7)
    people = [(name, person((same_day, "received"), name=name)) for name in ("dora", "Bob", "alice", "Carl")]
    people.append(("older", person((dt.date(2021, 1, 4), "received"), name="Zed")))
    dues = _dues(due_within(people, TODAY, 30, TimingRules(reconnects_per_day=2)))
    assert dues == {"older": TODAY, "alice": TODAY, "Bob": FRI, "Carl": FRI, "dora": MON}


def test_a_reconnect_held_by_its_own_date_leaves_its_turn_to_the_next() -> None:
    people = _old(4)
    people[0] = ("p0", person((dt.date(2019, 1, 7), "received"), name="P00", snoozed_until=TUE))
    dues = _dues(due_within(people, TODAY, 30, TimingRules(reconnects_per_day=1)))
    assert dues == {"p0": TUE, "p1": TODAY, "p2": FRI, "p3": MON}
    late = _old(4)
    late[3] = ("p3", person((dt.date(2020, 4, 6), "received"), name="P03", snoozed_until=FRI))
    dues = _dues(due_within(late, TODAY, 30, TimingRules(reconnects_per_day=1)))
    assert dues["p3"] == TUE  # its turn (Tuesday) is later than its own date: the turn wins


def test_pacing_leaves_the_others_alone_and_respects_the_horizon() -> None:
    fresh = ("fresh", person((day(-1), "met"), name="Fresh"))
    rows = due_within([*_old(7), fresh], TODAY, 1)
    assert _dues(rows) == {"p0": TODAY, "p1": TODAY, "p2": TODAY, "fresh": TODAY, "p3": FRI, "p4": FRI, "p5": FRI}
    assert pace([], TODAY) == []


def test_the_remembered_date_is_never_later_than_the_real_one() -> None:
    """The index keeps ``scheduled`` per contact (independent of today); the real date is never earlier."""
    contacts = [c for _, c in _old(10)]
    contacts += [
        person((day(-1), "met"), reach_out_after=FRI),
        person((dt.date(2024, 2, 2), "met"), reach_out_after=FRI),
        person((dt.date(2024, 2, 2), "met"), snoozed_until=SAT),
        Contact(name="Nobody yet", reach_out_after=TUE),
    ]
    for today in (TODAY, SAT, day(40)):
        paced = due_within([(str(n), c) for n, c in enumerate(contacts)], today, 400)
        for key, contact, follow in paced:
            remembered = scheduled(contact)
            assert remembered is not None and remembered <= follow.due, key


@settings(max_examples=200, deadline=None)
@given(
    moments=st.lists(
        st.tuples(st.integers(0, 60), st.sampled_from(["ann", "Bo", "bo", "Cy"]), st.none() | st.integers(-3, 20)),
        max_size=25,
    ),
    today_offset=st.integers(0, 6),
    horizon=st.integers(0, 12),
    per_day=st.integers(1, 4),
)
def test_pacing_up_to_a_day_keeps_every_row_due_by_then_as_it_was(
    moments: list[tuple[int, str, int | None]], today_offset: int, horizon: int, per_day: int
) -> None:
    """``pace(..., until)`` stops early (``netcoach due`` paces thousands to show a few): what is due by
    ``until`` is the very same, in the same order, as pacing everyone and keeping those."""
    today = day(today_offset)
    until = today + dt.timedelta(days=horizon)
    rules = TimingRules(reconnects_per_day=per_day)
    rows: list[tuple[str, Any, FollowUp]] = []
    for n, (age, name, own) in enumerate(moments):
        since = dt.date(2025, 1, 6) + dt.timedelta(days=age)
        due = today if own is None else today + dt.timedelta(days=own)  # a later own date is kept
        view = ContactView()
        view.name = name
        rows.append((f"r{n}", view, FollowUp(due, Status.RECONNECT, MessageKind.RECONNECT, "", since=since)))
    rows.append(("other", ContactView(), FollowUp(today, Status.TODAY, MessageKind.REPLY, "")))
    everyone = [(key, follow) for key, _, follow in pace(rows, today, rules) if follow.due <= until]
    early = [(key, follow) for key, _, follow in pace(rows, today, rules, until) if follow.due <= until]
    assert early == everyone
    assert ("other", rows[-1][2]) in early
