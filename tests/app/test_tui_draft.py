"""Pilot tests of the Draft screen: kind and tone switches, live hints, saving, restoring, sending."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from netcoach.coach.drafts import Draft, load_draft, save_draft
from netcoach.coach.templates import Tone
from netcoach.model.contact import Contact, Interaction, MessageKind
from netcoach.storage.store import Store
from netcoach.tui.app import NetcoachApp
from netcoach.tui.dialogs.confirm import ConfirmModal
from netcoach.tui.messages import ContactSelected
from netcoach.tui.screens.draft import DraftScreen
from netcoach.tui.screens.today import TodayScreen
from netcoach.tui.widgets.message_editor import MARKER_STYLE, MessageEditor
from tests.app.conftest import OpenApp, notices
from tests.app.helpers import DEMO_TODAY, burst, demo_store, make_app, screen_text, settle


async def open_draft_for(pilot, name: str) -> DraftScreen:  # type: ignore[no-untyped-def]
    app = pilot.app
    app.post_message(ContactSelected(app.store.reader.find(name).id))  # as when the cursor is on them
    await pilot.press("3")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, DraftScreen)
    return screen


async def test_d_opens_a_rendered_draft_of_the_suggested_kind(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        entry = app.screen.selected_entry()
        assert entry is not None and entry.follow_up is not None
        await pilot.press("d")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DraftScreen)
        assert screen.draft is not None
        assert screen.draft.kind is entry.follow_up.kind
        text = screen_text(app)
        assert f"To {entry.name}" in text
        assert entry.view.first_name in screen.query_one(MessageEditor).text
        assert "words" in text


async def test_key_3_drafts_to_the_person_under_the_cursor(pilot: Pilot[NetcoachApp]) -> None:
    app = pilot.app
    await pilot.press("down", "down")
    await pilot.pause()
    entry = app.screen.selected_entry()
    assert entry is not None and app.current_contact_id == entry.id  # the list told the app
    await pilot.press("3")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, DraftScreen) and screen.contact_id == entry.id
    assert f"To {entry.name}" in screen_text(app)


async def test_key_3_without_a_contact_says_how_to_choose(tmp_path: Path, open_app: OpenApp) -> None:
    async with open_app(Store(tmp_path / "data", cache_dir=tmp_path / "cache")) as (app, pilot):
        await pilot.press("3")
        await settle(pilot)
        assert "press d" in screen_text(app)


async def test_tone_switch_rerenders_an_untouched_draft(pilot: Pilot[NetcoachApp]) -> None:
    app = pilot.app
    screen = await open_draft_for(pilot, "Maya Chen")
    before = screen.query_one(MessageEditor).text
    await pilot.press("escape", "t")
    await settle(pilot)
    assert screen.draft is not None and screen.draft.tone is Tone.FORMAL
    assert screen.query_one(MessageEditor).text != before
    assert "formal" in screen_text(app)


async def test_switching_an_edited_draft_asks_and_can_keep_the_words(pilot: Pilot[NetcoachApp]) -> None:
    app = pilot.app
    screen = await open_draft_for(pilot, "Maya Chen")
    screen.query_one(MessageEditor).text = "Hi Maya, my own words. Coffee next week?"
    await pilot.pause()
    await pilot.press("escape", "k")
    await pilot.pause()
    assert isinstance(app.screen, ConfirmModal)
    await pilot.press("n")  # keep my words
    await settle(pilot)
    assert screen.draft is not None
    assert screen.draft.kind is not MessageKind.FOLLOW_UP
    assert screen.query_one(MessageEditor).text == "Hi Maya, my own words. Coffee next week?"


async def test_a_hint_appears_and_resolves_while_typing(pilot: Pilot[NetcoachApp]) -> None:
    app = pilot.app
    screen = await open_draft_for(pilot, "Maya Chen")
    editor = screen.query_one(MessageEditor)
    editor.text = "Hi Maya!!! So great!!! Coffee?"
    await pilot.pause()
    assert "exclamation marks" in screen_text(app)
    editor.text = "Hi Maya. So great. Coffee next week?"
    await pilot.pause()
    text = screen_text(app)
    assert "exclamation marks" not in text
    assert "✓ Calm punctuation." in text


async def test_markers_are_highlighted_in_the_editor(tmp_path: Path, open_app: OpenApp) -> None:
    store = Store(tmp_path / "data", cache_dir=tmp_path / "cache")
    store.contacts.add(Contact(name="Solo Person", interactions=[Interaction(date=DEMO_TODAY, kind="met")]))
    async with open_app(store) as (_app, pilot):
        screen = await open_draft_for(pilot, "Solo Person")
        editor = screen.query_one(MessageEditor)
        assert "[where we met?]" in editor.text
        marked = [h for spans in editor._highlights.values() for h in spans if h[2] == MARKER_STYLE]
        assert marked


async def test_typing_saves_the_draft_and_reopening_restores_it(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (_app, pilot):
        screen = await open_draft_for(pilot, "Maya Chen")
        await pilot.press("ctrl+a", *"Hi Maya, coffee soon?")
        await pilot.pause()
        assert screen._autosave is not None  # saves itself a moment after typing stops
        await pilot.press("ctrl+s")
        await settle(pilot)
    contact_id = store.reader.find("Maya Chen").id
    saved = load_draft(store, contact_id)
    assert saved is not None and "coffee soon?" in saved.body and saved.edited
    async with open_app(store) as (again, pilot):
        screen = await open_draft_for(pilot, "Maya Chen")
        assert "coffee soon?" in screen.query_one(MessageEditor).text
        assert any("Restored your draft" in n.message for n in notices(again))


async def test_mark_as_sent_logs_it_and_today_updates(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    store.folder.config_path.write_text("ask_before_send = false\n", encoding="utf-8")
    async with open_app(store) as (app, pilot):
        screen = await open_draft_for(pilot, "Maya Chen")
        contact_id = screen.contact_id
        assert contact_id is not None
        await pilot.press("ctrl+s")
        await settle(pilot)
        before = len(store.contacts.read(contact_id).contact.interactions)
        await pilot.press("escape", "m")
        await settle(pilot)
        contact = store.contacts.read(contact_id).contact
        assert len(contact.interactions) == before + 1
        sent = contact.interactions[-1]
        assert sent.kind == "sent" and sent.date == DEMO_TODAY and sent.message_kind is MessageKind.FOLLOW_UP
        assert sent.awaiting_reply is True and sent.summary
        assert load_draft(store, contact_id) is None
        assert "Sent to Maya" in screen_text(app)
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        follow = app.book.get(contact_id).follow_up  # type: ignore[union-attr]
        assert follow is not None and follow.kind is MessageKind.NUDGE


async def test_copy_goes_through_the_terminal_with_a_notice(tmp_path: Path, monkeypatch, open_app: OpenApp) -> None:  # type: ignore[no-untyped-def]
    app = make_app(demo_store(tmp_path))
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with open_app(app) as (app, pilot):
        screen = await open_draft_for(pilot, "Maya Chen")
        await pilot.press("escape", "y")
        await pilot.pause()
        assert copied and copied[0].startswith("Subject: ")
        assert screen.draft is not None and screen.draft.body in copied[0]
        assert any("press v" in n.message.lower() for n in notices(app))
        await pilot.press("v")
        await pilot.pause()
        assert screen.draft.body.splitlines()[0] in screen_text(app)


async def test_no_editor_set_gives_a_clear_notice(pilot: Pilot[NetcoachApp]) -> None:
    app = pilot.app
    screen = await open_draft_for(pilot, "Maya Chen")
    await pilot.press("escape", "o")
    await pilot.pause()
    assert any("$EDITOR" in n.message for n in notices(app))
    assert screen.draft is not None


async def test_a_broken_draft_file_is_reported_and_left_alone(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    contact_id = store.reader.find("Maya Chen").id
    store.folder.save_file(f"drafts/{contact_id}.toml", 'contact_id = "x"\nkind = "hello"\n')
    before = (store.folder.drafts_dir / f"{contact_id}.toml").read_bytes()
    async with open_app(store) as (app, pilot):
        screen = await open_draft_for(pilot, "Maya Chen")
        assert screen.draft is not None  # a fresh draft to work with
        assert any("could not be read" in (n.title or "") for n in notices(app))
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert (store.folder.drafts_dir / f"{contact_id}.toml").read_bytes() == before


async def test_hang_up_saves_the_draft(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        screen = await open_draft_for(pilot, "Maya Chen")
        screen.query_one(MessageEditor).text = "Typed just before the connection dropped"
        await pilot.pause()
        app.hang_up()
    saved = load_draft(store, store.reader.find("Maya Chen").id)
    assert saved is not None and saved.body == "Typed just before the connection dropped"


def test_draft_model_round_trip(store: Store) -> None:
    store.contacts.add(Contact(name="Ann"))
    draft = Draft(contact_id="ann", kind=MessageKind.NUDGE, body="Hi")
    save_draft(store, draft)
    assert load_draft(store, "ann") is not None


async def test_mark_as_sent_asks_the_checklist_first_and_keeps_the_prediction(tmp_path: Path, open_app: OpenApp) -> None:
    from netcoach.model.contact import Outcome
    from netcoach.tui.dialogs.send_check import SendCheckModal

    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        screen = await open_draft_for(pilot, "Maya Chen")
        contact_id = screen.contact_id
        assert contact_id is not None
        before = len(store.contacts.read(contact_id).contact.interactions)
        await pilot.press("escape", "m")
        await pilot.pause()
        assert isinstance(app.screen, SendCheckModal)
        await pilot.press("escape")  # back out: nothing sent
        await settle(pilot)
        assert len(store.contacts.read(contact_id).contact.interactions) == before
        assert isinstance(app.screen, DraftScreen) and app.focused is None  # letters are commands again
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("p", "enter")  # expect a polite no, then send
        await settle(pilot)
    sent = store.contacts.read(contact_id).contact.interactions[-1]
    assert sent.kind == "sent" and sent.expected is Outcome.POLITE_NO


async def test_a_late_second_load_of_the_draft_keeps_what_was_typed(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (_app, pilot):
        screen = await open_draft_for(pilot, "Olivia Brown")
        contact_id = screen.contact_id
        assert contact_id is not None and screen.draft is not None
        await pilot.press("ctrl+a", *"Typed first ")
        editor = screen.query_one(MessageEditor)
        typed = editor.text
        assert typed.startswith("Typed first ")
        # Textual resumes a screen twice on its first showing: the second load can come in late
        # (a busy machine), carrying an older copy from disk. It must not replace the editor.
        older = screen.draft.model_copy(update={"body": "An older copy"})
        screen._start(contact_id, older)
        screen._start(contact_id, None)
        await pilot.press(*"and more")
        assert editor.text == typed.replace("Typed first ", "Typed first and more", 1)


# -- after the first key, nothing moves the cursor or replaces the text (issue 12, item 14) ----------


async def test_keys_typed_before_a_switch_key_are_never_replaced_unasked(pilot: Pilot[NetcoachApp]) -> None:
    """A fast typist's burst (words, Esc, t) can reach the tone key before the editor's change notice reaches
    the screen: the switch must see the words all the same, and ask before replacing them."""
    app = pilot.app
    screen = await open_draft_for(pilot, "Maya Chen")
    editor = screen.query_one(MessageEditor)
    editor.insert("Typed fast. ", (0, 0))  # in the editor at once; its Changed message not yet handled
    typed = editor.text
    screen.set_focus(None)
    screen.action_tone()
    await pilot.pause()
    assert isinstance(app.screen, ConfirmModal)  # asked, not replaced
    await pilot.press("n")  # keep my words
    await settle(pilot)
    assert editor.text == typed
    assert screen.draft is not None and screen.draft.body == typed and screen.draft.tone is Tone.FORMAL


async def test_no_key_lands_in_the_editor_before_the_draft_is_in_it(tmp_path: Path, monkeypatch, open_app: OpenApp) -> None:  # type: ignore[no-untyped-def]
    """The draft is read off the UI thread: until it is in the editor, there is no editor to type into (a key
    typed into an empty or stale editor would be replaced when the draft arrives)."""
    import threading

    import netcoach.tui.screens.draft as draft_screen

    arrived = threading.Event()
    read = draft_screen.load_draft

    def slow_load(store: Store, contact_id: str) -> Draft | None:
        arrived.wait(10)
        return read(store, contact_id)

    monkeypatch.setattr(draft_screen, "load_draft", slow_load)
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        app.post_message(ContactSelected(store.reader.find("Olivia Brown").id))
        await pilot.press("3")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DraftScreen) and screen.draft is None  # still being read
        editor = screen.query_one(MessageEditor)
        assert not editor.display
        await pilot.click(MessageEditor)
        await pilot.press(*"lost")
        assert not editor.has_focus and editor.text == ""
        arrived.set()
        await settle(pilot)
        assert screen.draft is not None and editor.display and editor.has_focus
        assert editor.text == screen.draft.body and "lost" not in editor.text
        assert editor.cursor_location == (0, 0)
        await pilot.press(*"Hello ")
        assert editor.text.startswith("Hello Hi Olivia"), repr(editor.text[:80])


async def test_after_the_first_key_nothing_moves_the_cursor(tmp_path: Path, open_app: OpenApp) -> None:
    """Whatever arrives late once typing began (Textual's second resume, a second load of the saved draft, an
    autosave's answer, the book read again) leaves the text and the cursor where the keys put them."""
    from textual import events

    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        screen = await open_draft_for(pilot, "Olivia Brown")
        contact_id = screen.contact_id
        assert contact_id is not None and screen.draft is not None
        editor = screen.query_one(MessageEditor)
        await pilot.press("ctrl+a", *"Hello Olivia, typed ju")
        await pilot.pause(0.7)  # long enough for the autosave: the saved copy holds half the words
        await settle(pilot)
        saved = load_draft(store, contact_id)
        assert saved is not None and saved.body.startswith("Hello Olivia, typed ju")
        screen.post_message(events.ScreenResume())
        screen._start(contact_id, saved)
        screen._start(contact_id, None)
        screen._saved(saved)
        app.loader.load()
        await settle(pilot)
        await pilot.press(*"st before the line dropped")
        assert editor.text.startswith("Hello Olivia, typed just before the line droppedHi Olivia,")
        assert editor.cursor_location == (0, len("Hello Olivia, typed just before the line dropped"))


async def test_keys_that_arrive_together_act_in_the_order_typed(tmp_path: Path, open_app: OpenApp) -> None:
    """On a slow or busy machine a fast typist's keys reach the app together. A key the editor acts on through a
    binding (ctrl+a to the line's start, backspace) must act where it was typed, not after the letters typed after
    it: they went to the editor at once, while the binding's key went round by the screen and the app first (in
    CI: 'just before the line droppedHello Wei, typedHi Wei', from 'Hello Wei, typed just before the line dropped')."""
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        screen = await open_draft_for(pilot, "Olivia Brown")
        editor = screen.query_one(MessageEditor)
        original = editor.text
        await pilot.press("end")  # away from the line's start: ctrl+a has somewhere to go
        burst(app, "ctrl+a", *"Hello Olivia, typo", "backspace", *"ed just before the line dropped")
        await settle(pilot)
        typed = "Hello Olivia, typed just before the line dropped"
        assert editor.text == typed + original
        assert editor.cursor_location == (0, len(typed))
        assert screen.draft is not None and screen.draft.body == typed + original


async def test_keys_that_arrive_together_act_in_the_order_typed_in_the_subject_line(
    tmp_path: Path, open_app: OpenApp
) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        screen = await open_draft_for(pilot, "Olivia Brown")
        subject = screen.query_one("#draft-subject", Input)
        assert subject.display  # an e-mail
        screen.set_focus(subject)
        await pilot.press("left")  # away from either end: ctrl+a and ctrl+e have somewhere to go
        original = subject.value
        burst(app, "ctrl+a", *"Ree", "backspace", *": ", "ctrl+e", *" soon")
        await settle(pilot)
        assert subject.value == f"Re: {original} soon"
        assert subject.cursor_position == len(subject.value)
        assert screen.draft is not None and screen.draft.subject == subject.value


async def test_a_letter_typed_right_after_esc_is_a_command_not_text(tmp_path: Path, open_app: OpenApp) -> None:
    """Esc then t, arriving together: Esc leaves the editor as it arrives, once the words typed before it are in,
    so t switches the tone (asking first: words were typed), and is not typed into the message."""
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        screen = await open_draft_for(pilot, "Olivia Brown")
        editor = screen.query_one(MessageEditor)
        assert editor.has_focus
        original = editor.text
        burst(app, "ctrl+a", *"Hi", "backspace", *"ello ", "escape", "t")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)  # t asks before replacing the words typed
        assert editor.text == "Hello " + original
        assert not editor.has_focus
        await pilot.press("n")  # keep my words
        await settle(pilot)
        assert editor.text == "Hello " + original
        assert screen.draft is not None and screen.draft.body == "Hello " + original


async def test_words_typed_right_after_enter_go_into_the_message(tmp_path: Path, open_app: OpenApp) -> None:
    """Esc, then Enter and words arriving together: Enter puts the cursor in the message as it arrives, so the
    words typed after it are text there (not lost, and their letters never commands: y would copy)."""
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        screen = await open_draft_for(pilot, "Olivia Brown")
        editor = screen.query_one(MessageEditor)
        await pilot.press("escape")
        await settle(pilot)
        assert not editor.has_focus
        original = editor.text
        row, col = editor.cursor_location
        burst(app, "enter", *"Hey you")
        await settle(pilot)
        assert editor.has_focus
        line = original.split("\n")[row]
        assert editor.text.split("\n")[row] == line[:col] + "Hey you" + line[col:]
        assert not isinstance(app.screen, ConfirmModal)
        assert "Copied" not in screen_text(app)


async def test_enter_in_the_message_is_still_a_new_line(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        screen = await open_draft_for(pilot, "Olivia Brown")
        editor = screen.query_one(MessageEditor)
        assert editor.has_focus
        original = editor.text
        burst(app, "ctrl+a", *"Hi", "enter", *"there")
        await settle(pilot)
        assert editor.text == "Hi\nthere" + original
        assert editor.has_focus
