"""Draft: a message for the moment, from a template, coached while you write; saved as you go."""

from __future__ import annotations

import contextlib
import os
from typing import TypeVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.timer import Timer
from textual.widgets import Input, Static, TextArea

from netcoach.coach.drafts import Draft, draft_from, load_draft, save_draft
from netcoach.coach.hints import Hint, coach, context_for, word_count
from netcoach.coach.rendering import message_text, render, suggested_channel, suggested_kind
from netcoach.coach.templates import DRAFT_CHANNELS, Tone, is_short, pick
from netcoach.model.contact import Contact
from netcoach.model.kinds import Channel, MessageKind
from netcoach.model.problem import FileProblem
from netcoach.storage.errors import StoreError
from netcoach.timing.dates import say_date
from netcoach.tui.formatting import kind_words
from netcoach.tui.messages import DraftChanged
from netcoach.tui.screens.base import footer
from netcoach.tui.screens.draft_sending import SendingScreen
from netcoach.tui.widgets.draft_lines import draft_head, hint_lines, status_line
from netcoach.tui.widgets.keys_in_order import InOrderInput, keys_handled
from netcoach.tui.widgets.message_editor import MessageEditor

AUTOSAVE_SECONDS = 0.6

T = TypeVar("T")


def _next(choices: list[T], current: T) -> T:
    """The choice after ``current``, round again after the last (the first if ``current`` is not one)."""
    return choices[(choices.index(current) + 1) % len(choices)] if current in choices else choices[0]


class DraftScreen(SendingScreen):
    """Write to the contact the user is on. Esc leaves the editor; then one key does each thing.

    After the first key, nothing moves the cursor or replaces the text: the editor is shown only
    once the saved draft (or a fresh one) is in it, a load that comes late is dropped, and every
    decision reads what is in the editor now (:meth:`_take_typed`), not the change notices still
    on their way, so a re-render of typed words always asks first.
    """

    BINDINGS = [
        Binding("ctrl+s", "save_now", "Save", id="netcoach.draft.save", priority=True),
        # Priority: the focus leaves the field as Esc arrives, so a letter typed right after it is a command (t:
        # the tone), not text in the message. Its action first waits for the keys typed before it to be in.
        Binding("escape", "leave_editor", "Done editing", id="netcoach.draft.done", show=False, priority=True),
        # The key bar has room for little at 80 columns: the head line names k, t and c; the status line Enter.
        # Priority too: the cursor is in the message as Enter arrives, so words typed right after it go there (not
        # lost, their letters never commands). While typing it is off (check_action): Enter is a new line.
        Binding("enter", "edit", "Edit", id="netcoach.draft.edit", show=False, priority=True),
        Binding("k", "kind", "Kind", id="netcoach.draft.kind", show=False),
        Binding("t", "tone", "Tone", id="netcoach.draft.tone", show=False),
        Binding("c", "channel", "Channel", id="netcoach.draft.channel", show=False),
        Binding("y", "copy", "Copy", id="netcoach.draft.copy"),
        Binding("v", "plain_view", "View", id="netcoach.draft.view", show=False),
        Binding("o", "open_editor", "Open in $EDITOR", id="netcoach.draft.editor", show=False),
        Binding("m", "mark_sent", "Mark sent", id="netcoach.draft.sent"),
    ]
    AUTO_FOCUS = ""  # none: after a dialog, letters are commands again, not text in the subject line
    EDITING_ONLY = frozenset({"leave_editor"})
    NEEDS_DRAFT = frozenset({"edit", "kind", "tone", "channel", "copy", "plain_view", "open_editor", "mark_sent"})

    def __init__(self) -> None:
        super().__init__()
        self.contact_id: str | None = None
        self.draft: Draft | None = None
        self.hints: list[Hint] = []
        self.seen_failing: set[str] = set()
        self._autosave: Timer | None = None
        self._unsaved = False
        self._loading = False
        self._opening = False  # a saved draft is being read for contact_id

    def compose(self) -> ComposeResult:
        yield Static(id="draft-head", markup=False)
        # No editor until a draft is in it (see _show_draft): a key never lands in text about to be replaced.
        yield InOrderInput(placeholder="Subject", id="draft-subject").set_styles("display: none;")
        yield MessageEditor(id="draft-body", soft_wrap=True, show_line_numbers=False, tab_behavior="focus").set_styles(
            "display: none;"
        )
        yield Static(id="draft-status", markup=False)
        with VerticalScroll(id="draft-hints-box"):
            yield Static(id="draft-hints", markup=False)
        yield footer()

    # -- which contact ------------------------------------------------------------------

    def on_screen_resume(self) -> None:
        wanted = self.nc.current_contact_id
        if self.sent is not None and wanted in (self.sent.contact_id, None):
            self.show_sent()  # just sent to them: say so, and offer the next person (not a fresh draft)
            return
        self.sent = None
        # Textual resumes a new screen twice: a draft already on its way is not read again.
        if wanted != self.contact_id or (self.draft is None and not self._opening):
            self.open_for(wanted)
        self.refresh_bindings()

    def contact(self) -> Contact | None:
        """The whole contact the draft is to (kept by the book once read)."""
        record = self.nc.book.record(self.contact_id) if self.contact_id else None
        return record.contact if record else None

    def open_for(self, contact_id: str | None) -> None:
        """Show this contact's saved draft, or write a fresh one."""
        self._flush()
        self.contact_id = contact_id
        self.draft = None
        self.seen_failing = set()
        contact = self.contact()
        if contact is None or contact_id is None:
            self._show_empty()
            return
        self._show_message(Text.assemble("To ", (contact.name, "bold")), "Opening your draft…")
        self._opening = True
        self._load_saved(contact_id)

    @work(thread=True, exclusive=True, group="draft-load")
    def _load_saved(self, contact_id: str) -> None:
        try:
            saved = load_draft(self.nc.store, contact_id)
        except FileProblem as problem:
            self.app.call_from_thread(self._broken_draft, contact_id, str(problem))
            return
        self.app.call_from_thread(self._start, contact_id, saved)

    def _broken_draft(self, contact_id: str, problem: str) -> None:
        self.notify(
            f"{problem}. A fresh draft is shown; it will not be saved until that file is fixed or deleted.",
            title="Your saved draft could not be read",
            severity="warning",
            markup=False,
            timeout=12,
        )
        self._start(contact_id, None)

    def _start(self, contact_id: str, saved: Draft | None) -> None:
        if contact_id != self.contact_id:
            return  # the user moved on meanwhile
        self._opening = False
        if self.draft is not None:
            # Already open for them: a late second load (Textual resumes a new screen twice; a busy
            # machine) must not replace what the user has typed since, nor move the cursor.
            return
        contact = self.contact()
        if contact is None:
            self._show_empty()
            return
        if saved is not None:
            self.draft = saved
            local = saved.updated.astimezone()
            when = f"{say_date(local.date(), self.nc.today, short=True, weekday=True)} {local:%H:%M}"
            self.notify(f"Restored your draft to {contact.name} from {when}.", markup=False, timeout=5)
        else:
            kind = suggested_kind(contact, self.nc.today, self.nc.config.timing)
            self.draft = self._fresh_draft(contact, kind, Tone.CASUAL, suggested_channel(contact))
        self._show_draft()
        self.set_focus(self.query_one(MessageEditor))

    def _fresh_draft(self, contact: Contact, kind: MessageKind, tone: Tone, channel: Channel) -> Draft:
        template = pick(self.nc.templates, kind, tone)
        rendered = render(template, contact, self.nc.config, self.nc.today, channel)
        assert self.contact_id is not None
        return draft_from(rendered, self.contact_id)

    # -- drawing -----------------------------------------------------------------------

    def _show_empty(self) -> None:
        self._show_message(
            "Draft",
            "Who would you like to write to? In Today (1) or Contacts (2), put the cursor on a person "
            "and press d. netcoach writes a first version with you, and coaches while you edit.",
        )
        self.post_message(DraftChanged(None))
        self.refresh_bindings()

    def _show_message(self, head: str | Text, message: str) -> None:
        """No draft on screen: a head line and a few calm words where the hints go."""
        self.query_one("#draft-head", Static).update(head)
        self.query_one("#draft-subject").display = False
        self.query_one(MessageEditor).display = False
        self.query_one("#draft-status", Static).update("")
        self.query_one("#draft-hints", Static).update(message)
        self.refresh_bindings()

    def _show_draft(self) -> None:
        """Show ``self.draft``. The editor's text is replaced only where the draft differs from it: callers
        take what was typed first (:meth:`_take_typed`), so only a replacement the user chose lands."""
        draft = self.draft
        contact = self.contact()
        assert draft is not None and contact is not None
        self._loading = True
        subject = self.query_one("#draft-subject", Input)
        subject.display = not is_short(draft.channel)
        if subject.value != draft.subject:
            subject.value = draft.subject
        editor = self.query_one(MessageEditor)
        editor.display = True
        if editor.text != draft.body:
            editor.load_text(draft.body)
        self._loading = False
        self._update_head()
        self._coach()
        self.refresh_bindings()

    def _update_head(self) -> None:
        contact = self.contact()
        if self.draft is not None and contact is not None:
            self.query_one("#draft-head", Static).update(draft_head(self.draft, contact.name))

    def _coach(self) -> None:
        draft = self.draft
        contact = self.contact()
        if draft is None or contact is None:
            return
        context = context_for(contact, draft.kind, draft.tone, draft.channel)
        self.hints = coach(draft.subject, draft.body, context)
        self.seen_failing |= {h.id for h in self.hints if not h.ok}
        self.query_one("#draft-hints", Static).update(hint_lines(self.hints, self.seen_failing))
        editing = isinstance(self.focused, (TextArea, Input))
        self.query_one("#draft-status", Static).update(status_line(draft, unsaved=self._unsaved, editing=editing))
        self.post_message(DraftChanged(draft, self.hints))

    # -- typing ------------------------------------------------------------------------

    def _take_typed(self) -> bool:
        """Take what is in the editor and the subject line now into the draft (their change notices may still
        be on their way); True if there was anything new."""
        if self.draft is None or self._loading:
            return False
        body = self.query_one(MessageEditor).text
        subject = self.query_one("#draft-subject", Input).value
        if (body, subject) == (self.draft.body, self.draft.subject):
            return False
        self.draft = self.draft.model_copy(update={"body": body, "subject": subject, "edited": True})
        self._unsaved = True
        return True

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self._loading or self.draft is None or event.text_area.text == self.draft.body:
            return
        self.draft = self.draft.model_copy(update={"body": event.text_area.text, "edited": True})
        self._changed()

    def on_input_changed(self, event: Input.Changed) -> None:
        if (
            self._loading
            or self.draft is None
            or event.input.id != "draft-subject"
            or event.value == self.draft.subject
        ):
            return
        self.draft = self.draft.model_copy(update={"subject": event.value, "edited": True})
        self._changed()

    def _changed(self) -> None:
        self._unsaved = True
        self._coach()
        if self._autosave is not None:
            self._autosave.stop()
        self._autosave = self.set_timer(AUTOSAVE_SECONDS, self._save_in_background)

    @on(events.DescendantFocus)
    @on(events.DescendantBlur)
    def _focus_moved(self) -> None:  # in or out of the editor: the status line and the keys follow
        self._coach()
        self.refresh_bindings()

    # -- saving ------------------------------------------------------------------------

    def _save_in_background(self) -> None:
        if self.draft is not None and self._unsaved:
            self._save_worker(self.draft)

    @work(thread=True, group="draft-save")
    def _save_worker(self, draft: Draft) -> None:
        try:
            saved = save_draft(self.nc.store, draft)
        except (FileProblem, StoreError) as error:
            self.app.call_from_thread(
                self.notify, str(error), title="Draft not saved", severity="error", markup=False, timeout=10
            )
            return
        self.app.call_from_thread(self._saved, saved)

    def _saved(self, saved: Draft) -> None:
        if self.draft is not None and saved.contact_id == self.draft.contact_id:
            if saved.body == self.draft.body and saved.subject == self.draft.subject:
                self._unsaved = False
            self.draft = self.draft.model_copy(update={"updated": saved.updated})
            self._coach()

    def save_now(self) -> None:
        """Save what is in the editor, on this thread, at once (a hang-up, leaving the app, switching person)."""
        self._take_typed()
        if self.draft is not None and self._unsaved:
            try:
                saved = save_draft(self.nc.store, self.draft)
            except (FileProblem, StoreError) as error:
                self.notify(str(error), title="Draft not saved", severity="error", markup=False, timeout=10)
            else:
                self.draft = self.draft.model_copy(update={"updated": saved.updated})  # the words as in the editor
                self._unsaved = False

    def save_on_the_way_out(self) -> None:
        """Save exactly what is in the editor now (its latest keys may not have been handled yet)."""
        if self.draft is None:
            return
        self._take_typed()
        if self._unsaved:
            # On the way out nothing more can be done about a failure: the last autosave is on disk.
            with contextlib.suppress(FileProblem, StoreError):
                save_draft(self.nc.store, self.draft)

    def _flush(self) -> None:
        if self._autosave is not None:
            self._autosave.stop()
            self._autosave = None
        self.save_now()

    def on_screen_suspend(self) -> None:
        self._flush()

    # -- actions -----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        typing = isinstance(self.focused, (TextArea, Input))
        if action == "next_person":
            return self.sent is not None and self.sent.next_id is not None and self.draft is None
        if action in self.EDITING_ONLY:
            return typing
        if action in self.NEEDS_DRAFT:
            if self.draft is None:
                return None
            if typing and action != "save_now":
                return False  # while typing, letters are text
        return True

    def action_save_now(self) -> None:
        self._flush()
        self._coach()

    async def action_leave_editor(self) -> None:
        field = self.focused
        if field is not None:
            await keys_handled(field)  # the words typed before Esc are in the field, not left behind
        self.set_focus(None)

    def action_edit(self) -> None:
        self.set_focus(self.query_one(MessageEditor))

    def _rerender(self, kind: MessageKind, tone: Tone, channel: Channel, what: str) -> None:
        """Switch kind, tone or channel: fresh text if untouched, else ask before replacing the user's words."""
        from netcoach.tui.dialogs.confirm import ConfirmModal

        contact = self.contact()
        if self.draft is None or contact is None:
            return
        self._take_typed()  # words typed a moment ago count as edited, their change notice handled or not
        if not self.draft.edited:
            self.draft = self._fresh_draft(contact, kind, tone, channel)
            self._unsaved = True
            self._show_draft()
            self._save_in_background()
            return
        current = self.draft

        def answered(replace: bool | None) -> None:
            if replace:
                self.draft = self._fresh_draft(contact, kind, tone, channel)
            else:
                self.draft = current.model_copy(update={"kind": kind, "tone": tone, "channel": channel})
            self._unsaved = True
            self._show_draft()
            self._save_in_background()

        self.app.push_screen(
            ConfirmModal(
                f"You have edited this text. Replace it with a fresh {what} version?",
                yes="Replace",
                no=f"Keep my words, switch to {what}",
            ),
            answered,
        )

    def action_kind(self) -> None:
        if self.draft is not None:
            kind = _next(list(MessageKind), self.draft.kind)
            self._rerender(kind, self.draft.tone, self.draft.channel, kind_words(kind.value))

    def action_tone(self) -> None:
        if self.draft is not None:
            tone = Tone.FORMAL if self.draft.tone is Tone.CASUAL else Tone.CASUAL
            self._rerender(self.draft.kind, tone, self.draft.channel, tone.value)

    def action_channel(self) -> None:
        if self.draft is not None:
            channel = _next(list(DRAFT_CHANNELS), self.draft.channel)
            name = "e-mail" if channel is Channel.EMAIL else channel.value
            self._rerender(self.draft.kind, self.draft.tone, channel, name)

    def message(self) -> str:
        assert self.draft is not None
        return message_text(self.draft.subject, self.draft.body, self.draft.channel)

    def action_copy(self) -> None:
        if self.draft is None:
            return
        self.app.copy_to_clipboard(self.message())
        self.notify(
            f"Copied the message ({word_count(self.draft.body)} words) through the terminal: paste it where you "
            "send it. Nothing to paste? Press v to select it by hand (in tmux: set -g set-clipboard on).",
            title="Copied",
            markup=False,
            timeout=8,
        )

    def action_plain_view(self) -> None:
        if self.draft is not None:
            from netcoach.tui.dialogs.plain_view import PlainView

            self.app.push_screen(PlainView(self.message()))

    def action_open_editor(self) -> None:
        from netcoach.tui.external_editor import chosen_editor, edit_outside

        if self.draft is None or self.contact_id is None:
            return
        editor = chosen_editor(os.environ)
        if not editor:
            self.notify(
                "Set $VISUAL or $EDITOR to write in your own editor, e.g. export EDITOR=nano",
                title="No editor set",
                severity="warning",
                markup=False,
                timeout=8,
            )
            return
        self._flush()
        relative = f"drafts/.{self.contact_id}.edit.txt"
        edited = edit_outside(self.app, self.nc.store.folder, relative, self.draft.body, editor)
        if edited.failure:
            self.notify(f"Your draft is unchanged: {edited.failure}.", title="Editor", severity="warning", markup=False)
        if edited.text.rstrip("\n") != self.draft.body.rstrip("\n"):
            self.draft = self.draft.model_copy(update={"body": edited.text.rstrip("\n"), "edited": True})
            self._unsaved = True
            self._show_draft()
            self._flush()

    def palette_commands(self) -> list[SystemCommand]:
        if self.draft is None:
            return []
        return [
            SystemCommand("draft: Copy", "Copy the message through the terminal (y)", self.action_copy),
            SystemCommand(
                "draft: Plain view", "The message as plain text to select by hand (v)", self.action_plain_view
            ),
            SystemCommand("draft: Open in $EDITOR", "Write in your own editor (o)", self.action_open_editor),
            SystemCommand("draft: Mark as sent", "Log it as sent, after the checklist (m)", self.action_mark_sent),
            SystemCommand("draft: Switch kind", "Thank-you, follow-up, nudge... (k)", self.action_kind),
            SystemCommand("draft: Switch tone", "Casual or formal (t)", self.action_tone),
            SystemCommand("draft: Switch channel", "E-mail or a short message (c)", self.action_channel),
        ]
