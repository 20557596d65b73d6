"""Contacts: everyone, filtered as you type, sorted three ways, by stage."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import events
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static

from netcoach.book import ContactBook, Entry, SortOrder, StageFilter
from netcoach.timing.dates import say_date
from netcoach.tui.formatting import kind_words, padded
from netcoach.tui.screens.base import footer
from netcoach.tui.screens.people import ListScreen
from netcoach.tui.widgets.keys_in_order import InOrderInput
from netcoach.tui.widgets.row_list import RowList


class ContactsScreen(ListScreen):
    """Everyone, in a virtual list that draws only what is on screen."""

    AUTO_FOCUS = "#contacts-list"
    BINDINGS = [
        # Priority: the focus moves to the filter as "/" arrives, so every key typed after it goes straight
        # there (sent to the list, a key would go round by the screen and could come after the next ones).
        # In the filter, "/" is text: the Input takes the keys it types before any binding sees them.
        Binding("slash", "filter", "Filter", id="netcoach.filter", priority=True),
        Binding("o", "sort", "Sort", id="netcoach.sort", show=False),  # named on the status line
        Binding("f", "stage_filter", "Show stage", id="netcoach.stage_filter", show=False),
        Binding("s", "snooze", "Snooze", id="netcoach.snooze", show=False),  # room in the key bar for /
    ]

    def __init__(self) -> None:
        super().__init__()
        self.order = SortOrder.NAME
        self.stage_filter = StageFilter.ALL
        self._shown: list[Entry] = []
        self._total = 0

    def compose(self) -> ComposeResult:
        yield InOrderInput(
            placeholder="/ to filter: name, company, tags, notes, what you have in common", id="contacts-filter"
        )
        yield Static(id="contacts-status", markup=False)
        yield Static(id="contacts-heading", markup=False)
        with Horizontal(id="contacts-body"):
            with Vertical(id="contacts-main"):
                yield RowList(self._render_row, id="contacts-list")
            yield Static(id="contacts-side", classes="side-panel", markup=False)
        yield footer()

    # -- drawing -----------------------------------------------------------------------

    def show_book(self, book: ContactBook) -> None:
        query = self.query_one("#contacts-filter", Input).value
        # Until everyone is read, the book holds only the people due soon: show none rather than a few.
        self._shown = book.search(query, self.stage_filter, self.order) if self.nc.complete else []
        row_list = self.query_one(RowList)
        if not self.nc.complete:
            row_list.empty_text = "Reading everyone…"
        elif len(book) == 0:
            row_list.empty_text = "No contacts yet. Press n to add someone."
        else:
            row_list.empty_text = "Nobody matches. Esc clears the filter; f changes the stage shown."
        row_list.set_rows([e.id for e in self._shown])
        total = len(book)
        self._total = total
        self._update_status()
        self._draw_heading()
        self.show_selected()

    def _update_status(self) -> None:
        if self.query_one("#contacts-filter", Input).has_focus:
            status = f"{len(self._shown):,} of {self._total:,} · type to filter · Enter: to the list · Esc: clear"
        else:
            status = (
                f"{len(self._shown):,} of {self._total:,} · sort: {self.order.value} (o)"
                f" · showing: {self.stage_filter.value} (f)"
            )
        self.query_one("#contacts-status", Static).update(status)

    def on_descendant_focus(self) -> None:
        self._update_status()

    def on_descendant_blur(self) -> None:
        self._update_status()

    def _columns(self, width: int) -> tuple[int, int, int, int, int]:
        stage_w, last_w, next_w = 9, 9, 23  # room for "Jun 2021", "keep in touch Feb 2027"
        flexible = max(20, width - stage_w - last_w - next_w - 1)
        name_w = flexible * 50 // 100
        return name_w, flexible - name_w, stage_w, last_w, next_w

    def _draw_heading(self) -> None:
        width = self.query_one(RowList).scrollable_content_region.width or self.size.width
        name_w, company_w, stage_w, last_w, next_w = self._columns(width)
        heading = Text(" ")
        for label, w in (
            ("Name", name_w),
            ("Company", company_w),
            ("Stage", stage_w),
            ("Last", last_w),
            ("Next", next_w),
        ):
            heading.append_text(padded(label, w))
        self.query_one("#contacts-heading", Static).update(heading)

    def _render_row(self, index: int, width: int) -> Text:
        entry = self._shown[index]
        c = entry.view
        today = self.nc.today
        name_w, company_w, stage_w, last_w, next_w = self._columns(width)
        last = say_date(entry.last, today, short=True, narrow=True) if entry.last else "never"
        if entry.remembered is not None and not entry.remembered.exact:  # "2019", "Jun 2023": as remembered
            month = entry.remembered.start.strftime("%b ") if entry.remembered.month else ""
            last = f"{month}{entry.remembered.year}"
        follow = entry.follow_up
        due = say_date(follow.due, today, short=True, narrow=True) if follow else ""
        nxt = f"{kind_words(follow.kind.value)} {due}" if follow else "—"
        row = Text(" ")
        row.append_text(padded(c.name, name_w))
        row.append_text(padded(c.company, company_w))
        row.append_text(padded(c.stage.value.replace("_", " "), stage_w))
        row.append_text(padded(last, last_w))
        row.append_text(padded(nxt, next_w))
        if follow is not None and follow.due <= today:
            row.stylize("bold", 1 + name_w + company_w + stage_w + last_w)
        return row

    def draw_selected(self, entry: Entry | None) -> None:
        self.show_card(self.query_one("#contacts-side", Static), entry)

    # -- events ------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        self.show_book(self.nc.book)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.set_focus(self.query_one(RowList))

    def on_key(self, event: events.Key) -> None:
        filter_input = self.query_one("#contacts-filter", Input)
        if event.key == "escape" and (self.focused is filter_input or filter_input.value):
            filter_input.value = ""
            self.set_focus(self.query_one(RowList))
            event.stop()
        elif self.focused is filter_input and event.is_printable:
            # Typed ahead: these keys were queued to the list before the focus moved to the filter (by the
            # palette, say; "/" moves it before the next key is handed on). They belong in the filter (the
            # input itself consumes printable keys, so none bubble from it).
            event.stop()
            event.prevent_default()
            filter_input.post_message(events.Key(event.key, event.character))

    def on_resize(self) -> None:
        # The columns follow the width. (Textual then calls ListScreen.on_resize too, as it calls
        # the handlers of every class: the side panel.)
        self._draw_heading()

    # -- actions -----------------------------------------------------------------------

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield from super().palette_commands()
        yield SystemCommand("contacts: Filter", "Type to filter by name, company, tags, notes (/)", self.action_filter)
        yield SystemCommand("contacts: Sort", f"Now by {self.order.value}; next order (o)", self.action_sort)
        yield SystemCommand(
            "contacts: Show stage", f"Now {self.stage_filter.value}; next stage (f)", self.action_stage_filter
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "filter" and isinstance(self.focused, Input):
            return False  # "/" typed in the filter is text (Textual does not see that the Input takes "slash")
        return super().check_action(action, parameters)

    def action_filter(self) -> None:
        self.set_focus(self.query_one("#contacts-filter", Input))

    def action_sort(self) -> None:
        self.order = self.order.next()
        self.show_book(self.nc.book)
        self.notify(f"Sorted by {self.order.value}.", timeout=2, markup=False)

    def action_stage_filter(self) -> None:
        self.stage_filter = self.stage_filter.next()
        self.show_book(self.nc.book)
