"""Coaching hints: a table of texts for each hint, firing and not firing, and which hints apply when."""

from __future__ import annotations

import datetime as dt

import pytest

from netcoach.coach.checklist import HINT_IDS as CHECKLIST_HINT_IDS
from netcoach.coach.hints import HINT_IDS, CoachContext, Hint, coach, context_for, is_first_message, word_count
from netcoach.coach.templates import Tone
from netcoach.model.contact import Channel, Contact, Interaction, InteractionKind, MessageKind

MAYA = Contact(
    name="Maya Chen",
    met_at="the SDSU alumni happy hour",
    common_ground=["same major at SDSU"],
    i_can_offer="The form-audit checklist I made",
)
FIRST = CoachContext(kind=MessageKind.FOLLOW_UP, tone=Tone.CASUAL, contact=MAYA, first_message=True)
ASKED = CoachContext(  # two asks sent, nothing given since
    kind=MessageKind.NUDGE,
    tone=Tone.CASUAL,
    contact=MAYA.model_copy(
        update={
            "interactions": [
                Interaction(date=dt.date(2026, 11, 2), kind="sent", message_kind="info_interview"),
                Interaction(date=dt.date(2026, 11, 9), kind="sent", message_kind="nudge"),
            ]
        }
    ),
)
FORMAL = CoachContext(kind=MessageKind.FOLLOW_UP, tone=Tone.FORMAL, contact=MAYA, first_message=True)
SHORT = CoachContext(kind=MessageKind.FOLLOW_UP, channel=Channel.LINKEDIN, contact=MAYA)
LATER = CoachContext(kind=MessageKind.REPLY, contact=MAYA, first_message=False)

GOOD = (
    "Hi Maya,\n\nGreat to meet you at the happy hour. Would you be up for a 20-minute coffee? "
    "Happy to share my notes in return.\n\nCheers,\nSam"
)


def hint(hints: list[Hint], hint_id: str) -> Hint | None:
    return next((h for h in hints if h.id == hint_id), None)


def words(n: int) -> str:
    return " ".join(["word"] * n)


# (hint id, context, subject, body, should it fire?)
TABLE: list[tuple[str, CoachContext, str, str, bool]] = [
    # too_long
    ("too_long", FIRST, "", "Hi Maya, coffee? " + words(140), False),
    ("too_long", FIRST, "", "Hi Maya, coffee? " + words(150), True),
    ("too_long", SHORT, "", words(60), False),
    ("too_long", SHORT, "", words(61), True),
    ("too_long", LATER, "", words(190), False),  # a reply to someone who wrote can be longer
    ("too_long", LATER, "", words(201), True),
    # no_ask
    ("no_ask", FIRST, "", "Hi Maya, great to meet you. Talk soon.", True),
    ("no_ask", FIRST, "", "Hi Maya, would you be up for a coffee sometime.", False),
    ("no_ask", FIRST, "", "Hi Maya, how did the launch go?", False),
    ("no_ask", FIRST, "", "Could we find 15 minutes next week.", False),
    ("no_ask", FIRST, "", "Any tips for a first-time speaker would be gold.", False),
    # job_ask
    ("job_ask", FIRST, "", "Are you hiring? I'd love a referral.", True),
    ("job_ask", FIRST, "", "Could you refer me to your recruiter?", True),
    ("job_ask", FIRST, "", "I've attached my resume in case there are any open roles.", True),
    ("job_ask", FIRST, "", "I'm looking for a job in design.", True),
    ("job_ask", FIRST, "", "Would you put in a good word for me?", True),
    ("job_ask", FIRST, "Job opportunities", "Hi Maya", True),
    ("job_ask", FIRST, "", "Great job on the talk! Congrats on your new role.", False),
    ("job_ask", FIRST, "", "I'd love to hear how you moved into design. 20 minutes?", False),
    ("job_ask", FIRST, "", "I'm in a position to share my notes.", False),
    # over_apology
    ("over_apology", FIRST, "", "Sorry to bother you, but coffee?", True),
    ("over_apology", FIRST, "", "Just checking in on my note.", True),
    ("over_apology", FIRST, "", "I know you're busy, so no rush.", True),
    ("over_apology", FIRST, "", "I know you\u2019re so busy.", True),  # a typographic apostrophe
    ("over_apology", FIRST, "", "I don't want to bother you.", True),
    ("over_apology", FIRST, "", "Sorry if this is out of the blue.", True),
    ("over_apology", FIRST, "", "I hate to ask, but coffee?", True),
    ("over_apology", FIRST, "", "Great to meet you. Coffee next week?", False),
    ("over_apology", FIRST, "", "I'm sorry to hear about the layoffs; I hope you're OK.", False),
    # exclamations
    ("exclamations", FIRST, "", "Great to meet you! Coffee soon!", False),
    ("exclamations", FIRST, "", "Great to meet you! Coffee soon! Can't wait!", True),
    ("exclamations", FIRST, "Hi!", "Great! Really! Truly", True),  # the subject counts too
    # no_shared_context
    ("no_shared_context", FIRST, "", "Hi Maya, coffee sometime?", True),
    ("no_shared_context", FIRST, "", "Hi Maya, it was great to meet you at the SDSU alumni happy hour.", False),
    ("no_shared_context", FIRST, "", "Loved chatting at the happy hour.", False),  # half of the key words
    ("no_shared_context", FIRST, "", "Happy to help any time.", True),  # one stray word is not a mention
    ("no_shared_context", FIRST, "", "Funny that we both did the same major at SDSU.", False),
    ("no_shared_context", FIRST, "Great to meet you at the SDSU alumni happy hour", "Coffee?", False),
    ("no_shared_context", FIRST, "", "We met at [where we met?].", True),
    # tone_mismatch
    ("tone_mismatch", FORMAL, "", "Hey Maya,\n\nThank you for your time.", True),
    ("tone_mismatch", FORMAL, "", "Yo Maya, thanks.", True),
    ("tone_mismatch", FORMAL, "", "Dear Maya,\n\nThank you.\n\nCheers,\nSam", True),
    ("tone_mismatch", FORMAL, "", "Dear Maya,\n\nWanna grab coffee?\n\nKind regards,\nSam", True),
    ("tone_mismatch", FORMAL, "", "Dear Maya,\n\nThank you \U0001f600\n\nKind regards,\nSam", True),
    ("tone_mismatch", FORMAL, "", "Dear Maya,\n\nThank you.\n\nKind regards,\nSam", False),
    ("tone_mismatch", FORMAL, "", "Hi Maya,\n\nThank you.\n\nBest regards,\nSam", False),  # "Hi" suits both
    ("tone_mismatch", FIRST, "", "Dear Maya,\n\nGreat to meet you.", True),
    ("tone_mismatch", FIRST, "", "To whom it may concern,", True),
    ("tone_mismatch", FIRST, "", "Hi Maya,\n\nGreat to meet you.\n\nSincerely,\nSam", True),
    ("tone_mismatch", FIRST, "", "Hey Maya,\n\nGreat to meet you.\n\nCheers,\nSam", False),
    ("tone_mismatch", FIRST, "", "Maya! Great to meet you.", False),
    # unfilled_markers
    ("unfilled_markers", FIRST, "", "We met at [where we met?].", True),
    ("unfilled_markers", FIRST, "Great to meet you at [where we met?]", "Hi", True),
    ("unfilled_markers", FIRST, "", "Cheers,\n[your name?]", True),
    ("unfilled_markers", FIRST, "", "We met at [the park].", False),  # brackets of the user's own
    ("unfilled_markers", FIRST, "", "We met at the park.", False),
    # nothing_offered
    ("nothing_offered", FIRST, "", "Would you have 20 minutes for a call?", True),
    ("nothing_offered", FIRST, "", "Would you have 20 minutes? Happy to share my notes in return.", False),
    ("nothing_offered", FIRST, "", "A quick call? If I can ever help with anything, just say.", False),
    ("nothing_offered", FIRST, "", "Coffee next week? It's my treat.", False),
    ("nothing_offered", FIRST, "", "Coffee? Also attaching the form-audit checklist.", False),  # from i_can_offer
    ("nothing_offered", FIRST, "", "Great to meet you. How was the rest of the night?", False),  # no ask
    # vague_ask
    ("vague_ask", FIRST, "", "Could I pick your brain sometime?", True),
    ("vague_ask", FIRST, "", "Any advice would be great.", True),
    ("vague_ask", FIRST, "", "Could you tell me how your team runs usability tests?", False),
    ("vague_ask", FIRST, "", "Happy to help with anything.", False),
    # asked_twice
    ("asked_twice", ASKED, "", "Just floating this up: 20 minutes?", True),
    ("asked_twice", ASKED, "", "20 minutes? Happy to share my notes in return.", False),
    ("asked_twice", FIRST, "", "Would you have 20 minutes?", False),  # nothing asked before
]


@pytest.mark.parametrize(("hint_id", "context", "subject", "body", "fires"), TABLE)
def test_hint_table(hint_id: str, context: CoachContext, subject: str, body: str, fires: bool) -> None:
    found = hint(coach(subject, body, context), hint_id)
    assert found is not None, f"{hint_id} does not apply here"
    assert found.ok is (not fires), found.message
    assert found.message and "\n" not in found.message and "None" not in found.message


def test_every_hint_is_in_the_table_both_ways() -> None:
    seen = {(row[0], row[4]) for row in TABLE}
    assert seen == {(hint_id, fires) for hint_id in HINT_IDS for fires in (True, False)}


def test_ids_are_the_ones_the_checklist_knows() -> None:
    assert set(HINT_IDS) == CHECKLIST_HINT_IDS
    hints = coach("", GOOD, FIRST)
    assert [h.id for h in hints] == [i for i in HINT_IDS if i in {h.id for h in hints}]


def test_a_good_first_message_passes_everything() -> None:
    hints = coach("Great to meet you", GOOD, FIRST)
    assert {h.id for h in hints} == set(HINT_IDS)
    assert [h for h in hints if not h.ok] == []


def test_a_hint_resolves_once_fixed() -> None:
    before = hint(
        coach("", "Sorry to bother you, but would you have 20 minutes? Happy to help in return.", FIRST), "over_apology"
    )
    after = hint(coach("", "Would you have 20 minutes? Happy to help in return.", FIRST), "over_apology")
    assert before is not None and after is not None
    assert (before.ok, after.ok) == (False, True)
    assert '"Sorry to bother"' in before.message


def test_messages_say_why() -> None:
    hints = coach("", "Would you refer me? " + words(200), FIRST)
    by_id = {h.id: h for h in hints}
    assert by_id["too_long"].message.startswith("204 words: a first message reads best under 150")
    assert '"refer me"' in by_id["job_ask"].message
    assert "the SDSU alumni happy hour" in by_id["no_shared_context"].message
    assert "form-audit checklist" in by_id["nothing_offered"].message
    marker = hint(coach("", "We met at [where we met?], [your name?]", FIRST), "unfilled_markers")
    assert marker is not None
    assert marker.message == "Fill in or delete [where we met?] (where you met), and 1 more before sending."


def test_which_hints_apply_depends_on_the_context_only() -> None:
    later = {h.id for h in coach("", "anything", LATER)}
    assert "job_ask" not in later  # only a first message
    assert "no_ask" not in later  # a reply need not ask
    assert "no_shared_context" not in later
    assert {h.id for h in coach("", "anything", CoachContext(kind=MessageKind.THANK_YOU))} == {
        "unfilled_markers",
        "too_long",
        "job_ask",
        "over_apology",
        "exclamations",
        "tone_mismatch",
    }
    # no contact, or one with nothing shared on record: nothing to remind them of
    assert "no_shared_context" not in {h.id for h in coach("", "x", CoachContext(contact=Contact(name="Bo")))}
    for body in ("", "Would you have 20 minutes?", GOOD, words(300)):
        assert [h.id for h in coach("", body, FIRST)] == list(HINT_IDS)


def test_custom_marker_list() -> None:
    context = CoachContext(markers=("[[fill me]]",))
    found = hint(coach("", "Hi [[fill me]], [where we met?]", context), "unfilled_markers")
    assert found is not None and not found.ok and "[[fill me]]" in found.message


def test_context_for() -> None:
    context = context_for(MAYA, "nudge", "formal", "linkedin")
    assert (context.kind, context.tone, context.channel) == (MessageKind.NUDGE, Tone.FORMAL, Channel.LINKEDIN)
    assert context.first_message and is_first_message(MAYA) and is_first_message(None)
    sent = MAYA.model_copy(update={"interactions": [Interaction(date=dt.date(2026, 11, 1), kind=InteractionKind.SENT)]})
    assert not context_for(sent, "nudge", "casual").first_message


@pytest.mark.parametrize(
    ("text", "count"), [("", 0), ("Hi Maya,", 2), ("don't stop", 2), ("a 20-minute call", 3), ("[your name?]", 2)]
)
def test_word_count(text: str, count: int) -> None:
    assert word_count(text) == count
