"""Events: the rooms you go to. Upcoming ones with your goal and a short prep; past ones with the
people you met there and how many of them you followed up with."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from netcoach.book import ContactBook, Entry
from netcoach.model.event_view import EventView
from netcoach.model.view import ContactView
from netcoach.timing.dates import long_date
from netcoach.timing.events import Attendance, acquaintances, attendance, may_be_there, related_events
from netcoach.tui.formatting import kind_words, padded
from netcoach.tui.screens.base import NetcoachScreen, footer
from netcoach.tui.widgets.row_list import RowList


class EventsScreen(NetcoachScreen):
    """Upcoming events first, then past ones (latest first); the one the cursor is on, in detail."""

    DRAWS_BEFORE_LOADED = True
    BINDINGS = [
        Binding("n", "add_person", "Add who you met", id="netcoach.events.add_person"),
        Binding("b", "met_nobody", "Met nobody", id="netcoach.events.met_nobody", show=False),  # in ? and the palette: the key bar is full
    ]

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[EventView | str] = []
        self._seen: dict[str, Attendance[str, ContactView]] = {}

    def compose(self) -> ComposeResult:
        yield Static(Text("Events", style="bold"), id="events-header", markup=False)
        with Vertical(id="events-body"):
            yield RowList(self._render_row, empty_text=EMPTY, id="events-list")
            yield Static(id="events-detail", markup=False)
        yield footer()

    def on_screen_resume(self) -> None:
        self.show_book(self.nc.book)

    # -- drawing -----------------------------------------------------------------------

    def _people(self, book: ContactBook) -> list[tuple[str, ContactView]]:
        return [(entry.id, entry.view) for entry in book.entries()]

    def show_book(self, book: ContactBook) -> None:
        views = self.nc.events.reload()
        today = self.nc.today
        upcoming = [v for v in views if v.date >= today]
        past = sorted((v for v in views if v.date < today), key=lambda v: v.date, reverse=True)
        rows: list[EventView | str] = []
        if upcoming:
            rows += [f"Upcoming ({len(upcoming)})", *upcoming]
        if past:
            rows += [f"Past ({len(past)})", *past]
        self._rows = rows
        everyone = self._people(book)
        self._seen = {v.id: attendance(v, everyone) for v in past}
        header = Text.assemble(("Events", "bold"), f" · {len(upcoming)} upcoming, {len(past)} past")
        self.query_one("#events-header", Static).update(header)
        keep, self.nc.events.show_next = self.nc.events.show_next, None
        self.query_one(RowList).set_rows([row.id if isinstance(row, EventView) else None for row in rows], keep=keep)
        self._draw_detail()

    def _render_row(self, index: int, width: int) -> Text:
        row = self._rows[index]
        if isinstance(row, str):
            return Text(f" {row}")
        when = f"{row.date:%a} {row.date.day} {row.date:%b}" + (
            f" {row.date.year}" if row.date.year != self.nc.today.year else ""
        )
        name_w = max(16, min(30, width // 3))
        line = Text(" ")
        line.append_text(padded(when, 16))
        line.append_text(padded(row.name, name_w))
        line.append_text(padded(self._summary(row), max(0, width - name_w - 17)))
        return line

    def _summary(self, event: EventView) -> str:
        if event.date >= self.nc.today:
            return f"goal: {event.goal}" if event.goal else "no goal yet"
        seen = self._seen.get(event.id)
        if seen is None or not seen.people:
            return "met nobody" if event.nobody else "nobody added yet (n)"
        return f"{len(seen.people)} met, {seen.followed_up} of {len(seen.people)} followed up"

    def selected(self) -> EventView | None:
        key = self.query_one(RowList).current_key
        return None if key is None else self.nc.events.get(key)

    def on_row_list_highlighted(self, message: RowList.Highlighted) -> None:
        self._draw_detail()

    def _draw_detail(self) -> None:
        detail = self.query_one("#events-detail", Static)
        event = self.selected()
        if event is None:
            detail.update("")
            return
        today = self.nc.today
        out = Text()
        out.append(event.name, style="bold")
        out.append(f" · {long_date(event.date, today)}" + (f", {event.time:%H:%M}" if event.time else ""))
        if event.place:
            out.append(f" · {event.place}")
        if event.date >= today:
            for line in self.nc.events.prep_for(event):
                out.append("\n  ☐ " + line)
            people = acquaintances(self._people(self.nc.book))
            known = may_be_there(event, people, related_events(event, self.nc.events.views))
            if known:
                out.append("\nYou may know: " + ", ".join(person.name for _, person in known[:6]))
            out.append("\nWorried? “I don't know anyone there”, “I'll have nothing to say”: 4 answers them.")
        else:
            seen = self._seen.get(event.id)
            if seen is None or not seen.people:
                out.append("\nNobody added yet: n adds someone you met, b if you met nobody.")
            for key, view in (seen.people if seen else [])[:6]:
                entry = self.nc.book.get(key)
                follow = entry.follow_up if isinstance(entry, Entry) else None
                nxt = f"{kind_words(follow.kind.value)} {long_date(follow.due, today)}" if follow else "nothing due"
                out.append(f"\n  {view.name}" + (f" ({view.company})" if view.company else "") + f" · next: {nxt}")
        detail.update(out)

    # -- actions -----------------------------------------------------------------------

    def on_row_list_chosen(self, message: RowList.Chosen) -> None:
        """Enter on an event: its people, and Enter on one opens their page."""
        event = self.nc.events.get(message.key)
        seen = self._seen.get(message.key)
        if event is None or seen is None or not seen.people:
            if event is not None and event.date <= self.nc.today:
                self.notify("Nobody added yet: n adds someone you met there.", markup=False, timeout=3)
            return
        from netcoach.tui.dialogs.event_people import EventPeople
        from netcoach.tui.screens.contact import ContactScreen

        def chosen(contact_id: str | None) -> None:
            if contact_id is not None and self.nc.book.get(contact_id) is not None:
                self.app.push_screen(ContactScreen(contact_id))

        self.app.push_screen(
            EventPeople(f"Met at {event.name}, {long_date(event.date, self.nc.today)}", seen.people), chosen
        )

    def action_add_person(self) -> None:
        event = self.selected()
        if event is None:
            self.notify("Add an event first: netcoach event add NAME --on DATE", markup=False, timeout=4)
            return
        self.nc.events.add_people(event)

    def action_met_nobody(self) -> None:
        event = self.selected()
        if event is None or event.date > self.nc.today:
            self.notify("That is for an event you went to.", markup=False, timeout=3)
            return
        self.nc.events.mark_nobody(event)

    def palette_commands(self) -> Iterable[SystemCommand]:
        event = self.selected()
        if event is None:
            return
        yield SystemCommand(
            "events: Add someone you met", f"Someone you met at {event.name} (n)", self.action_add_person
        )
        if event.date <= self.nc.today:
            yield SystemCommand(
                "events: Met nobody", f"Nobody to follow up from {event.name} (b)", self.action_met_nobody
            )


EMPTY = 'No events yet. Add one on the command line: netcoach event add "PyData Meetup" --on tomorrow'
