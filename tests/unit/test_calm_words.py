"""A calm first day, in words: a message sent today, someone who said "not now", the notices.

Today is Wednesday 18 November 2026.
"""

from __future__ import annotations

import datetime as dt

import pytest

from netcoach.coach.rendering import RECENT_DAYS, render, suggested_channel, suggested_kind
from netcoach.coach.templates import bundled_templates, pick
from netcoach.model.contact import Channel, Contact, Interaction, MessageKind, Stage
from netcoach.storage.config import Config
from netcoach.timing.engine import follow_up
from netcoach.timing.rules import TimingRules
from netcoach.tui.formatting import short_date, stage_note

TODAY = dt.date(2026, 11, 18)


def day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


def person(*events: tuple[dt.date, str], **fields: object) -> Contact:
    interactions = [Interaction(date=d, kind=k, summary=f"event {n}") for n, (d, k) in enumerate(events)]
    return Contact(name="Jonas Berg", interactions=interactions, **fields)  # type: ignore[arg-type]


# -- a message sent today ---------------------------------------------------------------------


def test_a_message_sent_today_says_when_the_nudge_would_be() -> None:
    result = follow_up(person((day(-1), "met"), (TODAY, "sent")), TODAY)
    assert result is not None and result.due == day(7)
    assert result.reason == "Sent today; if there is no reply, a nudge on 25 November."


def test_the_nudge_date_in_the_reason_is_the_engines_after_the_weekend() -> None:
    rules = TimingRules(nudge_days_met=3)  # Wednesday + 3 = Saturday: the engine moves it to Monday
    result = follow_up(person((day(-1), "met"), (TODAY, "sent")), TODAY, rules)
    assert result is not None and result.due == day(5)
    assert result.reason == "Sent today; if there is no reply, a nudge on 23 November."


def test_a_message_sent_yesterday_keeps_the_usual_nudge_words() -> None:
    result = follow_up(person((day(-2), "met"), (day(-1), "sent")), TODAY)
    assert result is not None
    assert result.reason.startswith("No reply yet to your message yesterday")


# -- someone who just said "not now" ----------------------------------------------------------


def not_now(*events: tuple[dt.date, str]) -> Contact:
    return person(*events, stage=Stage.NOT_NOW, met_at="Data & Design meetup", linkedin="linkedin.com/in/jonas")


def test_a_not_now_met_yesterday_gets_the_close_the_loop_message_not_a_reconnect() -> None:
    contact = not_now((day(-1), "met"))
    assert suggested_kind(contact, TODAY) is MessageKind.NOT_NOW
    template = pick(bundled_templates(), MessageKind.NOT_NOW, "casual")
    rendered = render(template, contact, Config(), TODAY, suggested_channel(contact))
    assert "It's been a while" not in rendered.body
    assert "thanks for letting me know" in rendered.body.casefold()


@pytest.mark.parametrize(
    ("days_ago", "kind"), [(RECENT_DAYS, MessageKind.NOT_NOW), (RECENT_DAYS + 1, MessageKind.RECONNECT)]
)
def test_the_close_the_loop_message_is_for_a_recent_not_now(days_ago: int, kind: MessageKind) -> None:
    assert suggested_kind(not_now((day(-days_ago), "received")), TODAY) is kind


def test_once_you_closed_the_loop_the_next_word_is_the_reconnect() -> None:
    contact = not_now((day(-3), "received"), (day(-2), "sent"))
    assert suggested_kind(contact, TODAY) is MessageKind.RECONNECT


def test_no_e_mail_means_a_short_message_without_a_subject() -> None:
    contact = not_now((day(-1), "met")).model_copy(update={"linkedin": None})
    assert suggested_channel(contact) is Channel.TEXT
    template = pick(bundled_templates(), MessageKind.FOLLOW_UP, "casual")
    assert render(template, contact, Config(), TODAY, suggested_channel(contact)).subject == ""


# -- notices and dates in the app -------------------------------------------------------------


@pytest.mark.parametrize("stage", list(Stage))
def test_a_stage_change_reads_as_a_sentence(stage: Stage) -> None:
    note = stage_note("Tom Becker", stage.value)
    assert "Tom Becker" in note and "is now" not in note and note.endswith(".")
    assert "not now" not in note.replace("Right person, wrong time", "")


def test_a_name_with_braces_is_shown_as_typed() -> None:
    assert stage_note("{stage} Bo", "in_touch") == "{stage} Bo is in touch."


@pytest.mark.parametrize(
    ("offset", "shown"),
    [(7, "Wed 25 Nov"), (180, "Mon 17 May"), (181, "Tue 18 May 2027"), (-181, "Thu 21 May 2026")],
)
def test_short_dates_carry_the_year_beyond_180_days(offset: int, shown: str) -> None:
    assert short_date(day(offset), TODAY) == shown


# -- the hint for [your name?] ----------------------------------------------------------------


def test_the_hint_for_your_name_says_where_to_set_it() -> None:
    from netcoach.coach.hints import CoachContext, coach
    from netcoach.coach.templates import Tone

    context = CoachContext(kind=MessageKind.FOLLOW_UP, tone=Tone.CASUAL, contact=person(), first_message=True)
    (hint,) = [
        h for h in coach("", "Hi Jonas,\nGreat to meet you.\n[your name?]", context) if h.id == "unfilled_markers"
    ]
    assert not hint.ok
    assert "'settings: Your name and signature'" in hint.message and "[user] name in config.toml" in hint.message
    (other,) = [h for h in coach("", "We met at [where we met?].", context) if h.id == "unfilled_markers"]
    assert "settings" not in other.message  # the contact's own blanks are filled in on the contact
