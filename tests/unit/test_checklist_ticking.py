"""Auto-ticking from hand-built coaching hints, ticking by hand, and worries answered."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from netcoach.coach.checklist import (
    TICKED_BY_COACH,
    TICKED_BY_YOU,
    YOURS_TO_TICK,
    ChecklistItem,
    Mark,
    Worries,
    answer,
    answer_worry,
    auto_tick,
    bundled_checklist,
    bundled_worries,
    checklist_summary,
    match_worry,
    toggle,
)


@dataclass(frozen=True)
class Hint:
    """Shaped like netcoach.coach.hints.Hint: what auto_tick duck-types on."""

    id: str
    message: str
    ok: bool


def ok(hint_id: str) -> Hint:
    return Hint(hint_id, f"{hint_id} is fine", True)


def bad(hint_id: str, message: str) -> Hint:
    return Hint(hint_id, message, False)


def by_id(states):
    return {state.item.id: state for state in states}


# A polished first message: every hint the coach gave is resolved.
GOOD_DRAFT = [
    ok("too_long"),
    ok("no_ask"),
    ok("job_ask"),
    ok("over_apology"),
    ok("exclamations"),
    ok("no_shared_context"),
    ok("tone_mismatch"),
    ok("unfilled_markers"),
    ok("nothing_offered"),
]

# A nervous first draft: too long, asks for a job, apologises, forgets where they met.
NERVOUS_DRAFT = [
    bad("too_long", "212 words: a first message reads best under 150."),
    ok("no_ask"),
    bad("job_ask", "Asking for a job in a first message is a big ask; try 20 minutes of their time."),
    bad("over_apology", "'Sorry to bother you': you are not a bother."),
    ok("exclamations"),
    bad("no_shared_context", "Say where you met, so they can place you."),
    ok("tone_mismatch"),
    ok("unfilled_markers"),
    bad("nothing_offered", "You ask for something; offer something back."),
]


def test_a_good_draft_ticks_every_judged_item_and_leaves_the_rest_to_the_user() -> None:
    items = bundled_checklist()
    states = auto_tick(items, GOOD_DRAFT)
    assert [s.item for s in states] == items
    for state in states:
        if state.item.judged_by:
            assert state.mark is Mark.TICKED and state.by_coach and state.reason == TICKED_BY_COACH
        else:
            assert state.mark is Mark.OPEN and not state.by_coach and state.reason == YOURS_TO_TICK
    assert by_id(states)["common_ground"].mark is Mark.OPEN
    assert by_id(states)["fine_without_reply"].mark is Mark.OPEN


def test_a_nervous_draft_flags_items_with_the_hints_own_words() -> None:
    states = by_id(auto_tick(bundled_checklist(), NERVOUS_DRAFT))
    assert states["short"].mark is Mark.FLAGGED
    assert states["short"].reason == "212 words: a first message reads best under 150."
    # no_ask is fine but job_ask fires: one failing hint is enough to flag.
    assert states["small_ask"].mark is Mark.FLAGGED
    assert "20 minutes" in states["small_ask"].reason
    assert states["where_we_met"].mark is Mark.FLAGGED
    assert states["offered_back"].mark is Mark.FLAGGED
    assert states["sounds_like_me"].mark is Mark.FLAGGED
    assert states["filled_in"].mark is Mark.TICKED
    assert all(s.by_coach for s in states.values() if s.mark is Mark.FLAGGED)


def test_several_failing_hints_join_their_messages_once_each() -> None:
    item = ChecklistItem(id="calm", text="It sounds calm.", judged_by=["over_apology", "exclamations"])
    hints = [
        bad("over_apology", "Drop the apology."),
        bad("exclamations", "Three '!'."),
        bad("exclamations", "Three '!'."),
    ]
    (state,) = auto_tick([item], hints)
    assert state.mark is Mark.FLAGGED and state.reason == "Drop the apology. Three '!'."


def test_a_failing_hint_without_words_still_gives_a_reason() -> None:
    item = ChecklistItem(id="short", text="Short.", judged_by=["too_long"])
    (state,) = auto_tick([item], [Hint("too_long", "", False)])
    assert state.mark is Mark.FLAGGED and state.reason.strip()


def test_hints_the_coach_did_not_give_leave_the_item_open() -> None:
    # The coach only says "nothing offered" when the message asks for something.
    states = by_id(auto_tick(bundled_checklist(), [ok("too_long")]))
    assert states["short"].mark is Mark.TICKED
    assert states["offered_back"].mark is Mark.OPEN
    assert states["where_we_met"].mark is Mark.OPEN


def test_no_hints_at_all_leaves_everything_open() -> None:
    states = auto_tick(bundled_checklist())
    assert {s.mark for s in states} == {Mark.OPEN}
    assert all(s.reason for s in states)


def test_the_users_choice_wins_over_the_coach_and_toggle_flips_it() -> None:
    items = bundled_checklist()
    states = by_id(auto_tick(items, NERVOUS_DRAFT))
    choices = toggle({}, states["short"])  # flagged -> ticked by hand
    choices = toggle(choices, states["filled_in"])  # ticked by the coach -> unticked by hand
    choices = toggle(choices, states["common_ground"])  # open -> ticked
    assert choices == {"short": True, "filled_in": False, "common_ground": True}
    states = by_id(auto_tick(items, NERVOUS_DRAFT, choices))
    assert states["short"].mark is Mark.TICKED and states["short"].reason == TICKED_BY_YOU
    assert not states["short"].by_coach
    assert states["filled_in"].mark is Mark.OPEN
    assert states["common_ground"].ticked
    assert states["where_we_met"].mark is Mark.FLAGGED  # untouched items still follow the coach
    choices = toggle(choices, states["common_ground"])
    assert by_id(auto_tick(items, NERVOUS_DRAFT, choices))["common_ground"].mark is Mark.OPEN


def test_the_summary_is_calm_and_never_a_gate() -> None:
    items = bundled_checklist()
    nervous = auto_tick(items, NERVOUS_DRAFT)
    line = checklist_summary(nervous)
    assert line.startswith(f"1 of {len(items)} ticked.")  # only "filled_in"
    assert "another look at 5" in line and "not a gate" in line
    everything = auto_tick(items, GOOD_DRAFT, {i.id: True for i in items if not i.judged_by})
    assert checklist_summary(everything) == f"All {len(items)} ticked. Send it when you are ready."
    assert checklist_summary([]).strip()


# -- worries -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("They'll think I only want a job", "only_want_job"),
        ("they will think I just want a referral", "only_want_job"),
        ("Is it too EARLY to write?", "too_soon"),
        ("we only met yesterday", "too_soon"),
        ("it's been months, I missed my chance", "too_long"),
        ("She probably forgot who I am", "wont_remember"),
        ("he won’t recognise my name", "wont_remember"),
        ("I'll look so desperate", "look_desperate"),
        ("I feel needy and annoying", "look_desperate"),
        ("what if they reject me", "theyll_say_no"),
        ("They won't reply at all", "theyll_say_no"),
        ("I don't know what to ask", "dont_know_what_to_ask"),
        ("I'm not sure what to write", "dont_know_what_to_ask"),
        ("It's too soon.", "too_soon"),
        ("Crème brûlée", None),
        ("my hair looks odd in my photo", None),
        ("", None),
    ],
)
def test_a_typed_worry_maps_to_the_closest_known_one(typed: str, expected: str | None) -> None:
    found = match_worry(typed, bundled_worries().items)
    assert (found.id if found else None) == expected


def test_a_short_keyword_does_not_match_inside_longer_words() -> None:
    # "late" is a keyword of too_long; "later" must not trigger it (prefixes only from 5 letters).
    assert match_worry("I'll write later", bundled_worries().items) is None


def test_an_unknown_worry_gets_the_general_answer_in_the_users_own_words() -> None:
    worries = bundled_worries()
    reply = answer_worry("  my  hair\x1b[31m looks odd ", worries)
    assert reply.worry_id is None
    assert reply.worry == "my hair looks odd"
    assert reply.reframe == worries.general.reframe and reply.next_step == worries.general.next_step
    assert answer_worry("   ", worries).worry == "A worry of your own"


def test_a_known_worry_answer_has_its_reframe_and_next_step() -> None:
    worries = bundled_worries()
    reply = answer_worry("it's too soon", worries)
    too_soon = next(w for w in worries.items if w.id == "too_soon")
    assert reply == answer(too_soon)
    assert reply.worry == "It's too soon." and reply.reframe and reply.next_step


def test_a_tie_goes_to_the_worry_listed_first() -> None:
    base = bundled_worries()
    first, second = base.items[0], base.items[1]
    a = first.model_copy(update={"keywords": ["tea"]})
    b = second.model_copy(update={"keywords": ["tea"]})
    assert match_worry("tea", Worries([a, b], base.general).items) == a
    assert match_worry("tea", Worries([b, a], base.general).items) == b
