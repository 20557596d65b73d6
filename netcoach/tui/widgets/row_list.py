"""A virtual list: renders only the rows on screen, so 30,000 contacts scroll and filter smoothly.

Rows are addressed by index; the owner supplies one key per row (``None`` for a heading
that the cursor skips) and a function that renders a row as Rich ``Text`` (never markup).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

RenderRow = Callable[[int, int], Text]
"""``render(index, width) -> Text`` for one row."""


class RowList(ScrollView, can_focus=True):
    """A keyboard-driven list of rows, only the visible ones ever rendered."""

    DEFAULT_CSS = """
    RowList { height: 1fr; background: $surface; overflow-x: hidden; }
    RowList > .row-list--cursor { background: $primary 30%; text-style: bold; }
    RowList:focus > .row-list--cursor { background: $accent 45%; }
    RowList > .row-list--heading { color: $text-accent; text-style: bold; }
    """
    COMPONENT_CLASSES = {"row-list--cursor", "row-list--heading"}
    BINDINGS = [
        Binding("up,k", "cursor_up", "Up", show=False, id="netcoach.list.up"),
        Binding("down,j", "cursor_down", "Down", show=False, id="netcoach.list.down"),
        Binding("pageup", "page_up", "Page up", show=False, id="netcoach.list.page_up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="netcoach.list.page_down"),
        Binding("home,g", "first", "First", show=False, id="netcoach.list.first"),
        Binding("end,G", "last", "Last", show=False, id="netcoach.list.last"),
        Binding("enter", "choose", "Open", id="netcoach.open"),
    ]

    cursor: reactive[int] = reactive(-1, always_update=True)

    class Highlighted(Message):
        """The cursor moved to a row with this key (None: no row)."""

        def __init__(self, row_list: RowList, key: str | None) -> None:
            super().__init__()
            self.row_list = row_list
            self.key = key

        @property
        def control(self) -> RowList:
            return self.row_list

    class Chosen(Message):
        """Enter on a row with this key."""

        def __init__(self, row_list: RowList, key: str) -> None:
            super().__init__()
            self.row_list = row_list
            self.key = key

        @property
        def control(self) -> RowList:
            return self.row_list

    def __init__(self, render_row: RenderRow, *, empty_text: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        self._render_row = render_row
        self._keys: Sequence[str | None] = ()
        self.empty_text = empty_text

    # -- content -----------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self._keys)

    @property
    def current_key(self) -> str | None:
        return self._keys[self.cursor] if 0 <= self.cursor < len(self._keys) else None

    def set_rows(self, keys: Sequence[str | None], keep: str | None = None) -> None:
        """Show these rows; keep the cursor on ``keep`` (or the current key) when it is still there."""
        keep = keep if keep is not None else self.current_key
        old_cursor = self.cursor
        self._keys = keys
        self.virtual_size = Size(0, len(keys))  # rows are cut to the width: never a sideways scroll
        target = -1
        if keep is not None:
            try:
                target = keys.index(keep)
            except ValueError:
                target = -1
        if target < 0:
            target = self._selectable_from(min(max(old_cursor, 0), max(len(keys) - 1, 0)), 1)
        self.cursor = target
        self.refresh()

    def _selectable_from(self, index: int, step: int) -> int:
        """The first row from ``index`` in direction ``step`` that is not a heading, else the other way."""
        for direction in (step, -step):
            i = index
            while 0 <= i < len(self._keys):
                if self._keys[i] is not None:
                    return i
                i += direction
        return -1

    # -- rendering ---------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if not self._keys:
            lines = textwrap.wrap(self.empty_text, max(10, width - 2)) if self.empty_text else []
            if y < len(lines):
                return self._strip(Text(" " + lines[y]), base).crop_extend(0, width, base)
            return Strip.blank(width, base)
        if index >= len(self._keys):
            return Strip.blank(width, base)
        text = self._render_row(index, width)
        text.no_wrap = True
        text.end = ""
        if self._keys[index] is None:
            text.stylize(self.get_component_rich_style("row-list--heading"))
        if index == self.cursor:
            text.stylize(self.get_component_rich_style("row-list--cursor"))
            text.pad_right(max(0, width - text.cell_len))
            text.stylize(self.get_component_rich_style("row-list--cursor"))
        return self._strip(text, base).crop_extend(scroll_x, scroll_x + width, base).simplify()

    def _strip(self, text: Text, base: Style) -> Strip:
        """``text`` drawn, with the theme's colours (``base``) under its own styles in every segment.

        Rich gives unstyled text segments with no style at all; every segment here has one, which
        Textual's filters need (NO_COLOR's monochrome filter reads each segment's colour).
        """
        return Strip(text.render(self.app.console), text.cell_len).apply_style(base)

    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.Highlighted(self, self.current_key))

    def _scroll_to_cursor(self) -> None:
        if self.cursor < 0:
            return
        top = self.scroll_offset.y
        height = max(1, self.scrollable_content_region.height)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(0, len(self._keys))
        self._scroll_to_cursor()

    # -- moving ------------------------------------------------------------------------

    def _move(self, step: int) -> None:
        if not self._keys:
            return
        start = self.cursor + step
        start = min(max(start, 0), len(self._keys) - 1)
        target = self._selectable_from(start, 1 if step > 0 else -1)
        if target >= 0:
            self.cursor = target

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_page_up(self) -> None:
        self._move(-max(1, self.scrollable_content_region.height - 1))

    def action_page_down(self) -> None:
        self._move(max(1, self.scrollable_content_region.height - 1))

    def action_first(self) -> None:
        self.cursor = self._selectable_from(0, 1)

    def action_last(self) -> None:
        self.cursor = self._selectable_from(len(self._keys) - 1, -1)

    def action_choose(self) -> None:
        key = self.current_key
        if key is not None:
            self.post_message(self.Chosen(self, key))

    def on_click(self, event: events.Click) -> None:
        index = event.y + self.scroll_offset.y
        if 0 <= index < len(self._keys) and self._keys[index] is not None:
            if index == self.cursor and event.chain >= 2:
                self.action_choose()
            self.cursor = index
