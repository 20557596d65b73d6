"""Pilot tests of the Checklist screen (key 4) and the check before sending, at 80x24."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Static

from netcoach.coach.checklist import Mark, bundled_checklist
from netcoach.coach.drafts import Draft
from netcoach.coach.evidence import OUTCOME_CHOICES
from netcoach.coach.hints import coach, context_for
from netcoach.model.contact import Contact, Interaction, MessageKind, Outcome
from netcoach.storage.store import Store
from netcoach.tui.app import NetcoachApp
from netcoach.tui.dialogs.breathing import TICKS_PER_SECOND, BreathingModal, breathing_frame
from netcoach.tui.dialogs.send_check import SendCheckModal, SendDecision
from netcoach.tui.messages import ContactSelected, DraftChanged
from netcoach.tui.screens.checklist import ChecklistScreen
from netcoach.tui.widgets.checklist_panel import ChecklistPanel
from netcoach.tui.widgets.row_list import RowList
from tests.app.conftest import OpenApp
from tests.app.helpers import DEMO_TODAY, SIZE, demo_store, make_app, screen_text, settle

GOOD_BODY = (
    "Hi Maya,\n\nIt was lovely to meet you at the SDSU alumni happy hour. I enjoyed our chat about "
    "accessible forms. Could I ask you a few questions about how your team runs usability tests? "
    "Twenty minutes would be plenty. I'd be glad to share the form-audit checklist I made.\n\nBest,\nSam"
)
NERVOUS_BODY = (
    "Hi Maya!!! Sorry to bother you, I know you're busy. Is your team hiring? "
    "Could you refer me for the designer job? We met at [where we met?]."
)


async def open_checklist(app: NetcoachApp, pilot) -> ChecklistScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("4")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ChecklistScreen)
    return screen


def flat(app: NetcoachApp) -> str:
    return " ".join(screen_text(app).split())


def draft_changed(app: NetcoachApp, body: str) -> DraftChanged:
    """What the Draft screen posts: the draft it shows, and the real coach's hints for it."""
    record = app.store.reader.find("Maya Chen")
    draft = Draft(contact_id=record.id, kind=MessageKind.FOLLOW_UP, subject="Great to meet you", body=body)
    context = context_for(record.contact, draft.kind, draft.tone, draft.channel)
    return DraftChanged(draft, coach(draft.subject, draft.body, context))


async def set_draft(pilot, body: str) -> None:  # type: ignore[no-untyped-def]
    """A draft to Maya Chen is being written (the app is told, as by the Draft screen)."""
    pilot.app.post_message(draft_changed(pilot.app, body))
    await pilot.pause()


# -- the checklist ---------------------------------------------------------------------------


async def test_key_4_shows_the_general_checklist(tmp_path: Path, pilot: Pilot[NetcoachApp]) -> None:
    app = pilot.app
    await open_checklist(app, pilot)
    text = screen_text(app)
    assert "No draft open: the checklist for whenever you write." in text
    assert "[ ] I said where we met." in text
    assert "[ ] I am fine if they do not reply this week." in text
    assert "0 of 8 ticked." in text
    assert "coach, not a gate" in flat(app)
    assert "None" not in text


async def test_space_ticks_and_unticks(tmp_path: Path, pilot: Pilot[NetcoachApp]) -> None:
    app = pilot.app
    screen = await open_checklist(app, pilot)
    await pilot.press("down", "space")
    await pilot.pause()
    text = screen_text(app)
    assert "[x] I named one thing we have in common." in text
    assert "1 of 8 ticked." in text
    assert "Ticked by you." in text
    assert screen.choices == {"common_ground": True}
    await pilot.press("space")
    await pilot.pause()
    assert "[ ] I named one thing we have in common." in screen_text(app)
    assert screen.choices == {"common_ground": False}


async def test_the_coach_ticks_and_flags_from_the_draft(tmp_path: Path, pilot: Pilot[NetcoachApp]) -> None:
    app = pilot.app
    await set_draft(pilot, GOOD_BODY)
    assert app.current_draft is not None and app.current_hints
    await pilot.press("4")
    await pilot.pause()
    text = screen_text(app)
    assert "Before you send your follow-up to Maya Chen" in text
    assert "[x] I said where we met." in text
    assert "[x] It is short enough to read on a phone." in text
    assert "[ ] I named one thing we have in common." in text  # the coach cannot judge it
    assert "The coach checked this in your draft." in text  # the first item's reason
    # the draft changes while the user is elsewhere: the checklist follows when shown again
    await pilot.press("1")
    await pilot.pause()
    await set_draft(pilot, NERVOUS_BODY)
    await pilot.press("4")
    await pilot.pause()
    text = screen_text(app)
    assert "[!] My ask is small and specific" in text
    assert "[!] Every [bracketed gap] is filled in." in text
    panel = app.screen.query_one("#checklist-panel", ChecklistPanel)
    flagged = {s.item.id for s in panel.states if s.mark is Mark.FLAGGED}
    assert {"small_ask", "sounds_like_me", "filled_in"} <= flagged
    # the highlighted flagged item shows the coach's own words as plain text
    await pilot.press("end")
    await pilot.press("up", "up", "up", "up")  # filled_in, sounds_like_me, short, offered_back
    await pilot.press("down", "down", "down")
    await pilot.pause()
    assert panel.current() is not None and panel.current().item.id == "filled_in"  # type: ignore[union-attr]
    assert "[where we met?]" in flat(app)


async def test_ticks_by_hand_win_over_the_coach_and_reset_for_a_new_draft(tmp_path: Path, open_app: OpenApp) -> None:
    async with open_app() as (app, pilot):
        await set_draft(pilot, NERVOUS_BODY)
        screen = await open_checklist(app, pilot)
        await pilot.press("down", "down", "space")  # small_ask: flagged -> ticked by hand
        await pilot.pause()
        assert "[x] My ask is small and specific" in screen_text(app)
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("4")  # the same draft: the tick stays
        await pilot.pause()
        assert "[x] My ask is small and specific" in screen_text(app)
        app.post_message(DraftChanged(None))  # no draft open any more
        await pilot.press("1", "4")
        await pilot.pause()
        assert screen.choices == {}
        assert "[ ] My ask is small and specific" in screen_text(app)


# -- switching parts, worries --------------------------------------------------------------


async def test_c_w_v_switch_parts(tmp_path: Path, pilot: Pilot[NetcoachApp]) -> None:
    app = pilot.app
    screen = await open_checklist(app, pilot)
    await pilot.press("w")
    await pilot.pause()
    assert screen.part == "worries"
    assert "They'll think I only want a job." in screen_text(app)
    await pilot.press("escape", "v")  # from the worry being typed to the list, where v means Evidence
    await pilot.pause()
    assert screen.part == "evidence"
    assert "Your evidence" in screen_text(app)
    await pilot.press("c")
    await pilot.pause()
    assert screen.part == "items"
    assert "[ ] I said where we met." in screen_text(app)
    titles = [command.title for command in screen.palette_commands()]
    assert "checklist: Worries answered" in titles
    assert "checklist: Your evidence" in titles
    assert "checklist: One-minute calm" in titles


async def test_a_worry_picked_shows_its_reframe_and_next_step(tmp_path: Path, pilot: Pilot[NetcoachApp]) -> None:
    app = pilot.app
    screen = await open_checklist(app, pilot)
    await pilot.press("w", "down", "down", "enter")  # to the list, then "It's too soon."
    await pilot.pause()
    assert screen.worry_answer is not None and screen.worry_answer.worry_id == "too_soon"
    text = flat(app)
    assert "A note within a day or two is what people expect" in text
    assert "Next step: Send a two-line thank-you" in text


async def test_a_worry_typed_is_matched_or_answered_kindly(tmp_path: Path, open_app: OpenApp) -> None:
    async with open_app() as (app, pilot):
        screen = await open_checklist(app, pilot)
        await pilot.press("w")  # no Tab first: the worry is typed at once
        await pilot.pause()
        assert screen.focused is screen.query_one("#worry-input")
        await pilot.press(*"what if she forgot me", "enter")  # c, w, v are typed, not switching
        await pilot.pause()
        assert screen.part == "worries"
        assert screen.worry_answer is not None and screen.worry_answer.worry_id == "wont_remember"
        assert "they will place the moment" in flat(app)
        screen.query_one("#worry-input").value = ""  # type: ignore[attr-defined]
        await pilot.press(*"[bold]the moon is falling[/]", "enter")
        await pilot.pause()
        assert screen.worry_answer is not None and screen.worry_answer.worry_id is None
        text = flat(app)
        assert "[bold]the moon is falling[/]" in text  # their words, not markup
        assert "Most of what we fear before sending never happens" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(screen.focused, RowList)


# -- evidence and "what happened?" ---------------------------------------------------------


def add_predicted(store: Store, name: str = "Ines Moreau", days_ago: int = 20) -> str:
    """Someone met a month ago, written to ``days_ago`` days ago expecting silence; no reply logged."""
    contact = Contact(
        name=name,
        met_at="the design meetup",
        met_on=DEMO_TODAY - dt.timedelta(days=30),
        interactions=[
            Interaction(
                date=DEMO_TODAY - dt.timedelta(days=days_ago),
                kind="sent",
                expected=Outcome.NO_REPLY,
                anxiety=7,
            )
        ],
    )
    return store.contacts.add(contact).id


async def test_evidence_lines_are_shown(tmp_path: Path, pilot: Pilot[NetcoachApp]) -> None:
    app = pilot.app
    await open_checklist(app, pilot)
    await pilot.press("v")
    await pilot.pause()
    text = flat(app)
    assert "Of your 19 messages, 9 got a reply." in text
    assert "7 more waited for no reply (a thank-you, say): left out of these figures." in text
    assert "Replies typically came after" in text
    assert "You expected silence 7 times; it happened twice. (1 not known yet.)" in text
    assert "Anxiety before sending, by month (0-10)" in text
    assert "What happened? (1 of 2)" in text  # the demo has questions of its own
    assert "You wrote to Priya on 3 November and no reply is logged." in text


async def test_evidence_with_no_messages_says_so_kindly(tmp_path: Path, open_app: OpenApp) -> None:
    async with open_app(Store(tmp_path / "data", cache_dir=tmp_path / "cache")) as (app, pilot):
        await open_checklist(app, pilot)
        await pilot.press("v")
        await pilot.pause()
        text = flat(app)
        assert "No messages logged yet" in text
        assert "That is a fine place to start." in text


async def test_what_happened_is_answered_in_one_key_and_saved(tmp_path: Path, open_app: OpenApp) -> None:
    store = Store(tmp_path / "data", cache_dir=tmp_path / "cache")  # not the demo: it has questions of its own
    first = add_predicted(store, "Ines Moreau", days_ago=20)
    second = add_predicted(store, "Jonas Berg", days_ago=12)
    async with open_app(store) as (app, pilot):
        await open_checklist(app, pilot)
        assert "(2 to answer)" in screen_text(app)
        await pilot.press("2")  # not on the evidence part: 2 still means Contacts
        await pilot.pause()
        assert not isinstance(app.screen, ChecklistScreen)
        await pilot.press("4", "v")
        await pilot.pause()
        text = flat(app)
        assert "What happened? (1 of 2)" in text
        assert "You wrote to Ines on 29 October and no reply is logged. What happened?" in text
        assert "n No reply (likely)" in text
        await pilot.press("p")  # a polite no
        await settle(pilot)
        assert isinstance(app.screen, ChecklistScreen)
        text = flat(app)
        assert "You wrote to Jonas on 6 November" in text  # the next question
        assert "Ines" not in text
        await pilot.press("n")
        await settle(pilot)
        assert "What happened?" not in flat(app)
        await pilot.press("1")  # nothing left to ask: back to its usual meaning
        await pilot.pause()
        assert not isinstance(app.screen, ChecklistScreen)
    assert store.contacts.read(first).contact.interactions[0].outcome is Outcome.POLITE_NO
    assert store.contacts.read(second).contact.interactions[0].outcome is Outcome.NO_REPLY
    assert 'outcome = "polite_no"' in store.contacts.path_of(first).read_text(encoding="utf-8")


async def test_anxiety_chart_appears_with_notes_from_two_weeks(tmp_path: Path, open_app: OpenApp) -> None:
    store = Store(tmp_path / "data", cache_dir=tmp_path / "cache")  # the demo's notes span months
    add_predicted(store, "Ines Moreau", days_ago=20)
    add_predicted(store, "Jonas Berg", days_ago=12)
    async with open_app(store) as (app, pilot):
        await open_checklist(app, pilot)
        await pilot.press("v")
        await pilot.pause()
        text = screen_text(app)
        assert "Anxiety before sending, by week (0-10)" in text
        assert "█" in text and "7 (1 message)" in text


# -- the calm timer --------------------------------------------------------------------------


async def test_calm_timer_opens_with_b_and_any_key_closes_it(tmp_path: Path, pilot: Pilot[NetcoachApp]) -> None:
    app = pilot.app
    screen = await open_checklist(app, pilot)
    await pilot.press("b")
    await pilot.pause()
    assert isinstance(app.screen, BreathingModal)
    assert "One minute of calm" in screen_text(app)
    assert "Breathe in" in screen_text(app)
    await pilot.press("x")
    await pilot.pause()
    assert app.screen is screen
    await pilot.press("b")
    await pilot.pause()
    await pilot.press("escape")
    await pilot.pause()
    assert app.screen is screen
    await pilot.press("b")
    await pilot.pause()
    await pilot.press("q")  # any key means stop, even q: it does not quit the app
    await pilot.pause()
    assert app.screen is screen and app.is_running


async def test_calm_timer_breathes_in_four_phases_and_ends_by_itself(tmp_path: Path, pilot: Pilot[NetcoachApp]) -> None:
    app = pilot.app
    screen = await open_checklist(app, pilot)
    await pilot.press("b")
    await pilot.pause()
    modal = app.screen
    assert isinstance(modal, BreathingModal)
    phase = 4 * TICKS_PER_SECOND
    modal.advance(phase - modal.tick)
    await pilot.pause()
    assert "Hold" in screen_text(app)
    modal.advance(phase)
    await pilot.pause()
    assert "Breathe out" in screen_text(app)
    modal.advance(BreathingModal.TOTAL_TICKS)
    await pilot.pause()
    assert app.screen is screen


def test_breathing_frame_moves_the_dot_and_counts_down() -> None:
    first, later = breathing_frame(0).plain, breathing_frame(TICKS_PER_SECOND * 2).plain
    assert first != later
    assert "4" in first.splitlines()[5] and "2" in later.splitlines()[5]
    assert first.splitlines()[0].index("●") < later.splitlines()[0].index("●")


# -- the check before sending ---------------------------------------------------------------


class SendCheckApp(App[None]):
    """Just the modal, as the Draft screen pushes it."""

    CSS_PATH = str(Path(__file__).parents[2] / "netcoach" / "tui" / "netcoach.tcss")

    def __init__(self, modal: SendCheckModal) -> None:
        super().__init__()
        self.modal = modal
        self.results: list[SendDecision | None] = []

    def compose(self) -> ComposeResult:
        yield Static("draft")

    def on_mount(self) -> None:
        self.push_screen(self.modal, self.results.append)


def send_check(body: str = NERVOUS_BODY) -> SendCheckModal:
    maya = Contact(
        name="Maya Chen",
        met_at="the SDSU alumni happy hour",
        interactions=[Interaction(date=DEMO_TODAY - dt.timedelta(days=1), kind="met")],
    )
    hints = coach("Hello", body, context_for(maya, MessageKind.FOLLOW_UP, "casual"))
    return SendCheckModal("Maya Chen", bundled_checklist(), hints)


async def test_send_check_escape_gives_none() -> None:
    app = SendCheckApp(send_check())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)  # type: ignore[arg-type]
        assert "Before you send to Maya Chen" in text
        assert "[!] My ask is small and specific" in text
        assert "coach, not a gate" in " ".join(text.split())
        assert "Enter mark as sent" in text and "Esc back" in text
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]


async def test_send_check_records_expectation_and_anxiety() -> None:
    app = SendCheckApp(send_check())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("p")  # a polite no
        await pilot.press("plus", "plus")  # from "not noted": 5, then 6
        await pilot.pause()
        assert "6 of 10" in screen_text(app)  # type: ignore[arg-type]
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [SendDecision(expected=Outcome.POLITE_NO, anxiety=6)]
    assert OUTCOME_CHOICES[1][0] is Outcome.POLITE_NO


async def test_send_check_anxiety_typed_and_unticked_items_do_not_block() -> None:
    app = SendCheckApp(send_check())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        modal = app.modal
        await pilot.press("space")  # tick the first item by hand
        await pilot.press("r", "r")  # a reply, then changed my mind: not said
        await pilot.press("tab", *"8")
        await pilot.pause()
        assert modal.anxiety == 8
        assert "8 of 10" in screen_text(app)  # type: ignore[arg-type]
        assert modal.panel.choices == {"where_we_met": True}
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [SendDecision(expected=None, anxiety=8)]


async def test_send_check_nothing_said_is_fine() -> None:
    app = SendCheckApp(SendCheckModal("Ana", [], []))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Your checklist is empty" in screen_text(app)  # type: ignore[arg-type]
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [SendDecision(expected=None, anxiety=None)]


async def test_send_check_fits_80x24_with_its_key_line() -> None:
    app = SendCheckApp(send_check())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()  # type: ignore[arg-type]
        assert len(lines) <= 24
        assert any("╰" in line for line in lines)  # the whole dialog is on screen
        assert any("Enter mark as sent" in line for line in lines)
        assert any("I am fine if they do not reply this week." in line for line in lines)
        assert any("How anxious do you feel?" in line for line in lines)


# -- with the real Draft screen --------------------------------------------------------------


async def open_real_draft(app: NetcoachApp, pilot, name: str):  # type: ignore[no-untyped-def]
    from netcoach.tui.screens.draft import DraftScreen

    await settle(pilot)
    app.post_message(ContactSelected(app.store.reader.find(name).id))  # as when the cursor is on them
    await pilot.press("3")
    await settle(pilot)
    assert isinstance(app.screen, DraftScreen)
    await pilot.press("escape")  # out of the editor
    await pilot.pause()
    return app.screen


async def test_the_checklist_follows_the_draft_being_written(tmp_path: Path) -> None:
    app = make_app(demo_store(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await open_real_draft(app, pilot, "Maya Chen")
        assert app.current_draft is not None and app.current_hints
        await pilot.press("4")
        await pilot.pause()
        text = screen_text(app)
        assert "Before you send your" in text and "to Maya Chen" in text
        assert "[x]" in text or "[!]" in text  # the coach judged some items


async def test_the_prediction_is_saved_with_the_message_sent(tmp_path: Path) -> None:
    store = demo_store(tmp_path)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_real_draft(app, pilot, "Maya Chen")
        contact_id = store.reader.find("Maya Chen").id
        before = len(store.contacts.read(contact_id).contact.interactions)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, SendCheckModal)
        await pilot.press("escape")  # not yet: nothing is written
        await settle(pilot)
        assert not isinstance(app.screen, SendCheckModal)
        assert len(store.contacts.read(contact_id).contact.interactions) == before
        await pilot.press("escape", "m")
        await pilot.pause()
        assert isinstance(app.screen, SendCheckModal)
        await pilot.press("p", "plus", "plus", "plus", "enter")  # a polite no; anxious 7
        await settle(pilot)
    sent = store.contacts.read(contact_id).contact.interactions[-1]
    assert len(store.contacts.read(contact_id).contact.interactions) == before + 1
    assert sent.kind == "sent" and sent.expected is Outcome.POLITE_NO and sent.anxiety == 7
    assert sent.outcome is None


def test_what_happened_is_recorded_on_the_message_asked_about_even_if_the_log_moved() -> None:
    from functools import partial

    from netcoach.coach.outcomes import outcome_change
    from netcoach.model.view import ContactView

    day = dt.date(2026, 11, 2)
    sent = Interaction(date=day, kind="sent", expected="no_reply", anxiety=7)
    contact = Contact(name="Ann", interactions=[Interaction(date=day, kind="met"), sent])
    asked = ContactView.of(contact).interactions[1]  # the app asks from the light view
    change = partial(outcome_change, index=1, sent=asked, outcome=Outcome.REPLY)  # what the app saves
    done = change(contact)
    assert done is not None and done.interactions[1].outcome is Outcome.REPLY
    assert change(done) is None  # answered already: nothing to overwrite
    moved = contact.model_copy(update={"interactions": [Interaction(date=day, kind="note"), *contact.interactions]})
    again = change(moved)  # another window logged a note first: the message is found by what it says
    assert again is not None and again.interactions[2].outcome is Outcome.REPLY
    other = contact.model_copy(update={"interactions": [Interaction(date=day, kind="met")]})
    assert change(other) is None  # it is gone
