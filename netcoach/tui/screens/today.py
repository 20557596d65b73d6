"""Today: who to contact now and why, grouped Overdue / Today / Coming up / Reconnect."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Sparkline, Static

from netcoach.book import ContactBook, Entry
from netcoach.model.kinds import TaskKind
from netcoach.timing.dates import long_date, say_date, when_words
from netcoach.timing.engine import Status
from netcoach.timing.events import EventTask
from netcoach.tui.formatting import kind_words, padded
from netcoach.tui.screens.base import footer
from netcoach.tui.screens.people import ListScreen
from netcoach.tui.widgets.row_list import RowList

EVENT_KEY = "event:"
"""Today's rows for an event's prep or debrief are keyed so (no contact id has a ':')."""
HEADINGS = {
    Status.OVERDUE: "Overdue",
    Status.TODAY: "Today",
    Status.UPCOMING: "Coming up in the next 7 days",
    Status.RECONNECT: "Reconnect when you feel like it",
}
MARKS = {Status.OVERDUE: "!", Status.TODAY: "•", Status.UPCOMING: " ", Status.RECONNECT: " "}
COUNTS = {
    Status.OVERDUE: "overdue",
    Status.TODAY: "today",
    Status.UPCOMING: "coming up",
    Status.RECONNECT: "to reconnect",
}


def counts_words(groups: dict[Status, list[Entry]], tasks: Sequence[EventTask] = ()) -> str:
    """The header's counts, one per group shown: '3 overdue, 3 today, 1 coming up' (an event's prep
    or debrief counts in its group)."""
    counts = {status: len(entries) + sum(1 for t in tasks if t.status is status) for status, entries in groups.items()}
    parts = [f"{count} {COUNTS[status]}" for status, count in counts.items() if count]
    return ", ".join(parts) if parts else "nothing due"



SHORT_KINDS = {"close_the_loop": "close loop"}
"""Kinds too long for the list's column."""


def encouragement(count: int) -> str:
    """A few calm words for the header line (it must fit 80 columns with the date and counts)."""
    if count == 0:
        return "Enjoy the quiet."
    if count == 1:
        return "One short note is enough."
    if count <= 3:
        return "One message at a time."
    return "Start with one; the rest can wait."


READING = (
    "Reading your contacts… The first start after new files arrive (an import, say) reads each "
    "one once, about a millisecond apiece; later starts take a moment."
)


class TodayScreen(ListScreen):
    """The start screen."""

    BINDINGS = [Binding("space", "kept", "Kept", id="netcoach.kept", show=False)]

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[tuple[str | None, Entry | Status | EventTask]] = []

    def compose(self) -> ComposeResult:
        today = self.nc.today  # the day, while everyone is read; the counts come with them
        yield Static(Text(f"{today:%A} {long_date(today, today)}", style="bold"), id="today-header", markup=False)
        with Horizontal(id="activity"):
            yield Static("Sent", classes="activity-label", markup=False)
            yield Sparkline([], id="sent-spark")
            yield Static("Replies", classes="activity-label", markup=False)
            yield Sparkline([], id="reply-spark")
            yield Static(id="activity-total", markup=False)
        with Horizontal(id="today-body"):
            with Vertical(id="today-main"):
                yield RowList(self._render_row, empty_text=READING, id="today-list")
                yield Static(id="today-reason", markup=False)
            yield Static(id="today-side", classes="side-panel", markup=False)
        yield footer()

    # -- drawing -----------------------------------------------------------------------

    def show_book(self, book: ContactBook) -> None:
        groups = book.grouped_due(7)
        tasks = self.nc.events.tasks(7)  # event prep and debrief: first in their group
        rows: list[tuple[str | None, Entry | Status | EventTask]] = []
        for status, entries in groups.items():
            here = [t for t in tasks if t.status is status]
            if entries or here:
                rows.append((None, status))
                rows += [(f"{EVENT_KEY}{t.event.id}", t) for t in here]
                rows += [(e.id, e) for e in entries]
        self._rows = rows
        now = len(groups[Status.OVERDUE]) + len(groups[Status.TODAY])
        now += sum(1 for t in tasks if t.status is not Status.UPCOMING)
        day = f"{book.today:%A} {long_date(book.today, book.today)}"
        counts = counts_words(groups, tasks)
        header = Text.assemble((day, "bold"), f" · {counts} · ", encouragement(now))
        if header.cell_len > self.size.width - 2:  # keep to one line at 80 columns
            header = Text.assemble((day, "bold"), f" · {counts}")
        self.query_one("#today-header", Static).update(header)
        sent, replies = book.weekly_activity(8)
        self.query_one("#sent-spark", Sparkline).data = sent
        self.query_one("#reply-spark", Sparkline).data = replies
        self.query_one("#activity-total", Static).update(f"{sum(sent)} sent, {sum(replies)} replies in 8 weeks")
        row_list = self.query_one(RowList)
        row_list.empty_text = self._empty_text(book)
        row_list.set_rows([key for key, _ in rows])
        self.show_selected()

    def _empty_text(self, book: ContactBook) -> str:
        if not self.nc.loaded:
            return READING
        if len(book) == 0:
            return "No contacts yet. Press n to add the last person you met."
        suggestion = book.reconnect_suggestion()
        text = "Nobody is waiting on you today. Enjoy the quiet."
        if suggestion is not None and suggestion.last is not None:
            text += f" If you feel like it: say hello to {suggestion.name} (last in touch {when_words(suggestion.last, book.today)})."
        return text

    def _render_row(self, index: int, width: int) -> Text:
        _, item = self._rows[index]
        if isinstance(item, Status):
            count = sum(
                1
                for _, other in self._rows
                if (isinstance(other, Entry) and other.follow_up and other.follow_up.status is item)
                or (isinstance(other, EventTask) and other.status is item)
            )
            return Text(f" {HEADINGS[item]} ({count})")
        if isinstance(item, EventTask):
            return self._render_task(item, width)
        follow = item.follow_up
        assert follow is not None
        today = self.nc.today
        when = "today" if follow.due == today else say_date(follow.due, today, short=True, weekday=True, narrow=True)
        name_w = max(12, min(28, width // 3))
        rest = max(0, width - name_w - 3 - 14 - 11)
        row = Text(f" {MARKS[follow.status]} ")
        row.append_text(padded(item.view.name, name_w))
        row.append_text(padded(item.view.company, rest))
        row.append_text(padded(SHORT_KINDS.get(follow.kind.value, kind_words(follow.kind.value)), 14))
        row.append_text(padded(when, 11))
        if follow.status is Status.OVERDUE:
            row.stylize("bold", 1, 2)
        return row

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "kept":  # only on a promise (yours or theirs) the cursor is on
            entry = self.selected_entry()
            follow = entry.follow_up if entry is not None else None
            return True if follow is not None and follow.about else None
        return super().check_action(action, parameters)

    def action_kept(self) -> None:
        from netcoach.tui.promising import keep

        entry = self.selected_entry()
        if entry is not None and entry.follow_up is not None and entry.follow_up.about:
            keep(self, entry.id, entry.name, entry.follow_up.about)

    def _render_task(self, task: EventTask, width: int) -> Text:
        """An event's prep or debrief: the event's name and place where a person's name and company go."""
        today = self.nc.today
        when = "today" if task.due == today else f"{task.due:%a} {task.due.day} {task.due:%b}"
        name_w = max(12, min(28, width // 3))
        rest = max(0, width - name_w - 3 - 14 - 11)
        row = Text(f" {MARKS[task.status]} ")
        row.append_text(padded(task.event.name, name_w))
        row.append_text(padded(task.event.place, rest))
        row.append_text(padded(kind_words(task.kind.value), 14))
        row.append_text(padded(when, 11))
        return row

    def selected_task(self) -> EventTask | None:
        """The event prep or debrief under the cursor, if that is what it is on."""
        key = self.query_one(RowList).current_key
        return next((item for k, item in self._rows if k == key and isinstance(item, EventTask)), None)

    def on_row_list_chosen(self, message: RowList.Chosen) -> None:
        """Enter on a debrief: add the people met there; on a prep: the Events screen. (On a person,
        ListScreen's own handler opens them: Textual calls it after this one.)"""
        task = self.selected_task()
        if task is None:
            return
        message.prevent_default()  # not a contact: ListScreen's handler is not called
        if task.kind is TaskKind.EVENT_DEBRIEF:
            self.nc.events.add_people(task.event)
        else:
            self.app.switch_mode("events")

    def draw_selected(self, entry: Entry | None) -> None:
        reason = self.query_one("#today-reason", Static)
        side = self.query_one("#today-side", Static)
        task = self.selected_task() if entry is None else None
        if task is not None:
            what = "Enter: who did you meet?" if task.kind is TaskKind.EVENT_DEBRIEF else "Enter: your prep"
            reason.update(
                Text.assemble((kind_words(task.kind.value).capitalize(), "bold"), ": ", task.reason, f" ({what})")
            )
            side.update("")
            return
        if entry is None or entry.follow_up is None:
            reason.update("")
            side.update("")
            return
        follow = entry.follow_up
        text = Text.assemble((kind_words(follow.kind.value).capitalize(), "bold"), ": ", follow.reason)
        for other in entry.others:  # a promise beside the message, say: one line each
            when = long_date(other.due, self.nc.today)
            text.append_text(Text.assemble("\n", (f"Also {kind_words(other.kind.value)}, {when}", "bold")))
        reason.update(text)
        self.show_card(side, entry)
