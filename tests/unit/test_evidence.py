"""The user's own evidence, predictions and outcomes, from hand-built histories."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from netcoach.coach.evidence import (
    OUTCOME_CHOICES,
    AnxietyPoint,
    PredictionTally,
    anxiety_chart,
    evidence,
    evidence_json,
    evidence_lines,
    sent_messages,
)
from netcoach.coach.outcomes import pending_for_all, pending_outcomes, record_outcome, record_prediction
from netcoach.model.contact import Contact, Interaction, InteractionKind, Outcome
from netcoach.timing.rules import TimingRules
from tests.helpers import STATS_JSON_KEYS

TODAY = dt.date(2026, 11, 18)  # a Wednesday


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def act(days_ago: int, kind: str, **fields) -> Interaction:
    return Interaction(date=ago(days_ago), kind=InteractionKind(kind), **fields)


def person(name: str, *interactions: Interaction, **fields) -> Contact:
    return Contact(name=name, interactions=list(interactions), **fields)


def history() -> list[Contact]:
    """Four people, eight messages; the figures below are worked out by hand."""
    maya = person(
        "Maya Chen",
        act(40, "met"),
        act(39, "sent", expected="no_reply", anxiety=8),  # replied after 3 days
        act(36, "received"),
        act(20, "sent", expected="no_reply", anxiety=6),  # met: 7-day window passed, no reply
        act(2, "sent", expected="polite_no", anxiety=3),  # too recent
    )
    tom = person(
        "Tom Becker",
        act(30, "sent", expected="no_reply", anxiety=9),  # a later sent came first: no reply
        act(25, "sent", expected="reply", anxiety=7),  # cold: answered by a call 5 days later
        act(20, "call"),
        act(19, "note", summary="Felt good"),
    )
    sofia = person(
        "Sofia Alvarez",
        act(12, "met"),
        act(11, "sent", expected="real_help", outcome="real_help", anxiety=5),  # met the next day
        act(10, "meeting"),
    )
    ines = person(
        "Inès Duval",
        act(60, "sent"),  # no prediction, cold, no reply
        act(5, "sent", anxiety=4),  # cold, 14-day window: too recent
    )
    return [maya, tom, sofia, ines]


# -- who replied ---------------------------------------------------------------------------


def test_a_reply_counts_only_before_the_next_sent() -> None:
    tom = history()[1]
    messages = sent_messages(tom)
    assert [m.replied for m in messages] == [False, True]
    assert messages[0].followed_by_sent and not messages[1].followed_by_sent
    assert messages[1].answer is not None and messages[1].answer.kind is InteractionKind.CALL
    assert messages[1].days_to_reply() == 5
    assert [m.index for m in messages] == [0, 1]


def test_same_day_order_and_indexes_follow_the_log() -> None:
    contact = person("Ana", act(3, "sent"), act(9, "met"), act(3, "received"))
    (message,) = sent_messages(contact)
    assert message.index == 0  # its place in contact.interactions, not in date order
    assert message.replied and message.days_to_reply() == 0


def test_the_nudge_window_depends_on_having_met() -> None:
    rules = TimingRules(nudge_days_met=3, nudge_days_cold=10)
    cold = person("Cold", act(5, "sent"))
    met = person("Met", act(5, "sent"), met_on=ago(6))
    assert sent_messages(cold, rules)[0].too_recent(TODAY)
    assert not sent_messages(met, rules)[0].too_recent(TODAY)


# -- the evidence --------------------------------------------------------------------------


def test_figures_from_a_hand_built_history() -> None:
    ev = evidence(history(), TODAY)
    assert ev.messages_sent == 8
    assert ev.replies == 3  # Maya's first, Tom's second, Sofia's
    assert ev.too_recent == 2  # Maya's last (2 days, met), Inès's last (5 days, cold)
    assert ev.reply_rate == pytest.approx(3 / 6)
    assert ev.median_days_to_reply == 3.0  # 3, 5 and 1 days
    assert ev.predictions == [
        # Maya 39 (replied: did not happen), Maya 20 (happened), Tom 30 (happened)
        PredictionTally(Outcome.NO_REPLY, predicted=3, known=3, happened=2),
        # Maya 2: too recent
        PredictionTally(Outcome.POLITE_NO, predicted=1, known=0, happened=0),
        # Tom 25: the call answers it
        PredictionTally(Outcome.REPLY, predicted=1, known=1, happened=1),
        # Sofia: recorded
        PredictionTally(Outcome.REAL_HELP, predicted=1, known=1, happened=1),
    ]
    assert ev.enough_data
    lines = evidence_lines(ev)
    assert lines[0] == "Of your 8 messages, 3 got a reply."
    assert "2 messages are still recent: too early to tell." in lines
    assert "That is a reply rate of 50% for the messages old enough to tell." in lines
    assert "Replies typically came after 3 days." in lines
    assert "You expected silence 3 times; it happened twice." in lines
    assert "You expected a polite no once; it is too early to tell how that turned out." in lines
    assert "You expected a reply once; it happened once." in lines
    assert not any("early days" in line for line in lines)


def test_anxiety_is_averaged_per_week_oldest_first() -> None:
    ev = evidence(history(), TODAY)
    assert ev.anxiety_period == "week"
    # Mondays: 5 Oct (8), 19 Oct (9, 7), 26 Oct (6), 2 Nov (5), 9 Nov (4), 16 Nov (3)
    assert [(p.start, p.average, p.messages) for p in ev.anxiety] == [
        (dt.date(2026, 10, 5), 8.0, 1),
        (dt.date(2026, 10, 19), 8.0, 2),
        (dt.date(2026, 10, 26), 6.0, 1),
        (dt.date(2026, 11, 2), 5.0, 1),
        (dt.date(2026, 11, 9), 4.0, 1),
        (dt.date(2026, 11, 16), 3.0, 1),
    ]
    assert ev.anxiety[0].label == "5 Oct"
    line = next(line for line in evidence_lines(ev) if line.startswith("Your anxiety"))
    assert line == "Your anxiety before sending: 8 of 10 in the week of 5 Oct, 3 in the week of 16 Nov."
    chart = anxiety_chart(ev, width=10)
    assert len(chart) == 6
    assert chart[0] == "5 Oct   ████████░░  8 (1 message)"
    assert chart[-1] == "16 Nov  ███░░░░░░░  3 (1 message)"


def test_anxiety_over_a_long_span_is_averaged_per_month() -> None:
    contact = person("Long", act(305, "sent", anxiety=9), act(295, "sent", anxiety=7), act(3, "sent", anxiety=2))
    ev = evidence([contact], TODAY)
    assert ev.anxiety_period == "month"
    assert [(p.label, p.average, p.messages) for p in ev.anxiety] == [("Jan 2026", 8.0, 2), ("Nov 2026", 2.0, 1)]
    assert evidence([contact], TODAY, period="week").anxiety_period == "week"


def test_an_empty_history_says_kindly_what_will_appear() -> None:
    ev = evidence([], TODAY)
    assert (ev.messages_sent, ev.replies, ev.reply_rate, ev.median_days_to_reply) == (0, 0, None, None)
    assert ev.predictions == [] and ev.anxiety == [] and not ev.enough_data
    lines = evidence_lines(ev)
    assert lines and all(line.strip() for line in lines)
    assert "how many got a reply" in " ".join(lines)
    assert anxiety_chart(ev) == []
    # People, but nobody written to yet: the same kind message.
    assert evidence_lines(evidence([person("A", act(1, "met"))], TODAY)) == lines


def test_one_fresh_message() -> None:
    ev = evidence([person("A", act(1, "sent", expected="no_reply", anxiety=7))], TODAY)
    assert (ev.messages_sent, ev.replies, ev.too_recent, ev.reply_rate) == (1, 0, 1, None)
    lines = evidence_lines(ev)
    assert lines[0] == "Too early for figures: 1 message so far. Most replies come within a day or two."
    assert not any("reply rate" in line or "still recent" in line for line in lines)
    assert "You expected silence once; it is too early to tell how that turned out." in lines
    assert any(line.startswith("Your anxiety before sending averaged 7 of 10 so far.") for line in lines)
    assert not any("early days" in line for line in lines)  # said once, at the top


def test_one_answered_message() -> None:
    ev = evidence([person("A", act(10, "sent"), act(8, "received"))], TODAY)
    assert (ev.messages_sent, ev.replies, ev.reply_rate, ev.median_days_to_reply) == (1, 1, 1.0, 2.0)
    lines = evidence_lines(ev)
    assert lines[0] == "Too early for figures: 1 message so far. Most replies come within a day or two."
    assert not any(line.startswith(("That is a reply rate", "Replies typically")) for line in lines)
    assert "When you note what you expect before sending, you will see here how often it came true." in lines
    assert all("None" not in line for line in lines)


def test_no_replies_yet_is_said_gently() -> None:
    ev = evidence([person(name, act(40, "sent"), act(30, "sent")) for name in "ABC"], TODAY)
    assert evidence_lines(ev)[0] == "Of your 6 messages, none has a reply logged yet."
    assert ev.reply_rate == 0.0


@pytest.mark.parametrize(("settled", "shown"), [(4, False), (5, True)])
def test_the_reply_rate_waits_for_five_messages_old_enough_to_tell(settled: int, shown: bool) -> None:
    old = [person(f"Old {n}", act(30, "sent"), act(28, "received")) for n in range(settled)]
    fresh = [person(f"Fresh {n}", act(1, "sent")) for n in range(3)]  # too recent: they do not count
    ev = evidence(old + fresh, TODAY)
    assert (ev.settled, ev.enough_data) == (settled, shown)
    lines = evidence_lines(ev)
    assert any(line.startswith("That is a reply rate of 100%") for line in lines) is shown
    assert (lines[0] == f"Of your {settled + 3} messages, {settled} got a reply.") is shown
    too_early = f"Too early for figures: {settled + 3} messages so far. Most replies come within a day or two."
    assert (lines[0] == too_early) is not shown


def test_no_chart_of_a_single_week() -> None:
    """The lines say a chart appears once there are notes from two weeks: until then there is none."""
    ev = evidence([person("A", act(3, "sent", anxiety=6))], TODAY)
    assert len(ev.anxiety) == 1
    assert any("A chart over time appears once" in line for line in evidence_lines(ev))
    assert anxiety_chart(ev) == []


def test_a_feared_outcome_that_never_happened() -> None:
    contact = person("A", act(20, "sent", expected="polite_no", outcome="reply"))
    lines = evidence_lines(evidence([contact], TODAY))
    assert "You expected a polite no once; it never happened." in lines


def test_a_reply_without_a_recorded_outcome_leaves_a_polite_no_unknown() -> None:
    contact = person("A", act(20, "sent", expected="polite_no"), act(18, "received"))
    (tally,) = evidence([contact], TODAY).predictions
    assert (tally.predicted, tally.known, tally.happened) == (1, 0, 0)


def test_interactions_after_today_are_left_out() -> None:
    contact = person("A", act(20, "sent"), act(-3, "received"), act(-5, "sent"))
    ev = evidence([contact], TODAY)
    assert (ev.messages_sent, ev.replies) == (1, 0)


def test_the_json_has_the_documented_keys() -> None:
    data = evidence_json(evidence(history(), TODAY))
    assert list(data) == [key for key in STATS_JSON_KEYS if key != "events"]  # `netcoach stats` adds the events
    assert data["reply_rate"] == 0.5
    assert data["predictions"][0] == {"expected": "no_reply", "predicted": 3, "known": 3, "happened": 2}
    assert list(data["anxiety"]) == ["period", "points"]
    assert data["anxiety"]["points"][1] == {"start": "2026-10-19", "label": "19 Oct", "average": 8.0, "messages": 2}
    assert isinstance(AnxietyPoint(TODAY, "x", 1.0, 1), AnxietyPoint)


# -- predictions and outcomes ----------------------------------------------------------------


def test_record_prediction_sets_what_was_expected_and_the_anxiety() -> None:
    sent = act(0, "sent", summary="Thanks for the chat")
    predicted = record_prediction(sent, Outcome.NO_REPLY, 7)
    assert (predicted.expected, predicted.anxiety, predicted.summary) == (Outcome.NO_REPLY, 7, "Thanks for the chat")
    assert sent.expected is None, "the original is unchanged"
    assert record_prediction(sent, None, None) == sent
    with pytest.raises(ValidationError):
        record_prediction(sent, Outcome.REPLY, 11)
    with pytest.raises(ValueError, match="message you sent"):
        record_prediction(act(0, "received"), Outcome.REPLY, 3)


def test_pending_outcomes_after_a_reply_or_a_quiet_window() -> None:
    maya, tom, sofia, ines = history()
    pending = pending_outcomes(maya, TODAY)
    assert [(p.index, p.suggested) for p in pending] == [(1, Outcome.REPLY), (3, Outcome.NO_REPLY)]
    assert pending[0].question == ("You wrote to Maya on 10 October, and got a reply on 13 October. How did it go?")
    assert pending[1].question == "You wrote to Maya on 29 October and no reply is logged. What happened?"
    tom_pending = pending_outcomes(tom, TODAY)
    assert [(p.index, p.suggested) for p in tom_pending] == [(0, Outcome.NO_REPLY), (1, Outcome.REPLY)]
    assert "you talked on 29 October" in tom_pending[1].question
    assert pending_outcomes(sofia, TODAY) == []  # outcome already recorded
    assert pending_outcomes(ines, TODAY) == []  # no prediction on the old one; the new one is too recent


def test_a_pending_outcome_appears_when_the_window_passes() -> None:
    contact = person("Ana Lopes", act(0, "sent", anxiety=6))  # cold: 14 days
    assert pending_outcomes(contact, TODAY + dt.timedelta(days=13)) == []
    (later,) = pending_outcomes(contact, TODAY + dt.timedelta(days=14))
    assert later.suggested is Outcome.NO_REPLY
    assert pending_outcomes(contact, TODAY + dt.timedelta(days=3), TimingRules(nudge_days_cold=3)) != []


def test_record_outcome_answers_the_pending_question() -> None:
    maya = history()[0]
    first = pending_outcomes(maya, TODAY)[0]
    answered = record_outcome(maya, first.index, Outcome.REAL_HELP)
    assert answered.interactions[first.index].outcome is Outcome.REAL_HELP
    assert maya.interactions[first.index].outcome is None, "the original is unchanged"
    assert [p.index for p in pending_outcomes(answered, TODAY)] == [3]
    with pytest.raises(ValueError, match="message you sent"):
        record_outcome(maya, 0, Outcome.REPLY)  # the "met"
    with pytest.raises(ValueError, match="no interaction number 99"):
        record_outcome(maya, 99, Outcome.REPLY)


def test_outcome_choices_cover_every_outcome_once() -> None:
    assert [o for o, _ in OUTCOME_CHOICES] == list(Outcome)
    assert all(label.strip() for _, label in OUTCOME_CHOICES)


def test_pending_for_all_keys_each_question_and_sorts_by_date() -> None:
    maya, tom, sofia, ines = history()
    rows = pending_for_all([("maya", maya), ("tom", tom), ("sofia", sofia), ("ines", ines)], TODAY)
    assert [(key, p.index) for key, p in rows] == [("maya", 1), ("tom", 0), ("tom", 1), ("maya", 3)]


def test_the_light_views_the_app_lists_give_the_same_evidence_and_questions() -> None:
    from netcoach.model.view import ContactView

    contacts = history()
    views = [ContactView.of(contact) for contact in contacts]
    assert evidence(views, TODAY) == evidence(contacts, TODAY)
    whole = pending_for_all(enumerate(contacts), TODAY)
    light = pending_for_all(enumerate(views), TODAY)
    assert [(k, p.index, p.suggested, p.question) for k, p in light] == [
        (k, p.index, p.suggested, p.question) for k, p in whole
    ]
    # a place in the view is a place in the contact (notes included), for record_outcome
    key, first = light[0]
    assert contacts[key].interactions[first.index].date == first.interaction.date


def test_a_message_that_waited_for_no_reply_is_not_a_silence() -> None:
    thanks = person(
        "Grace Kim",
        act(30, "meeting"),
        act(29, "sent", awaiting_reply=False, expected="no_reply", anxiety=4),  # a thank-you: no answer wanted
        act(20, "sent"),  # a question: answered
        act(18, "received"),
    )
    ev = evidence([thanks], TODAY)
    assert (ev.messages_sent, ev.replies, ev.reply_rate, ev.waited_for_nothing) == (1, 1, 1.0, 1)
    assert ev.predictions == [PredictionTally(Outcome.NO_REPLY, predicted=1, known=1, happened=1)]  # still yours
    assert "1 more waited for no reply (a thank-you, say): left out of these figures." in evidence_lines(ev)
    only = evidence([person("Ann", act(9, "sent", awaiting_reply=False))], TODAY)
    assert (
        evidence_lines(only)[0] == "Your 1 message so far waited for no reply (a thank-you, say): no reply figures yet."
    )
