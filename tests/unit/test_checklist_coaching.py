"""The checklist ticked by the real coach (netcoach.coach.hints) on sample drafts."""

from __future__ import annotations

import datetime as dt

import pytest

from netcoach.coach.checklist import HINT_IDS, Mark, auto_tick, bundled_checklist
from netcoach.model.contact import Contact, Interaction, MessageKind

coaching = pytest.importorskip("netcoach.coach.hints")


def maya() -> Contact:
    return Contact(
        name="Maya Chen",
        met_at="the SDSU alumni happy hour",
        common_ground=["same major at SDSU"],
        i_can_offer="The form-audit checklist I made",
        interactions=[Interaction(date=dt.date(2026, 11, 17), kind="met")],
    )


def states_for(body: str, subject: str = "Great to meet you") -> dict[str, Mark]:
    context = coaching.context_for(maya(), MessageKind.INFO_INTERVIEW, "casual")
    hints = coaching.coach(subject, body, context)
    return {state.item.id: state.mark for state in auto_tick(bundled_checklist(), hints)}


def test_the_checklist_knows_every_hint_the_coach_gives() -> None:
    assert set(coaching.HINT_IDS) == HINT_IDS


def test_a_good_first_message_is_ticked_by_the_coach() -> None:
    marks = states_for(
        "Hi Maya,\n\nIt was lovely to meet you at the SDSU alumni happy hour. I enjoyed our chat about "
        "accessible forms. Could I ask you a few questions about how your team runs usability tests? "
        "Twenty minutes would be plenty. I'd be glad to share the form-audit checklist I made.\n\nBest,\nSam"
    )
    assert marks["where_we_met"] is Mark.TICKED
    assert marks["small_ask"] is Mark.TICKED
    assert marks["offered_back"] is Mark.TICKED
    assert marks["short"] is Mark.TICKED
    assert marks["sounds_like_me"] is Mark.TICKED
    assert marks["common_ground"] is Mark.OPEN and marks["fine_without_reply"] is Mark.OPEN


def test_a_nervous_first_message_is_flagged() -> None:
    marks = states_for(
        "Hi Maya!!! Sorry to bother you, I know you're busy. Is your team hiring? "
        "Could you refer me for the designer job?"
    )
    assert marks["small_ask"] is Mark.FLAGGED  # a job ask
    assert marks["sounds_like_me"] is Mark.FLAGGED  # apologies and exclamation marks
    assert marks["where_we_met"] is Mark.FLAGGED
    assert marks["offered_back"] is Mark.FLAGGED
    assert marks["short"] is Mark.TICKED
