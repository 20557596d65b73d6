"""What the app draws: nothing a file holds reaches the terminal raw.

Text that quotes what netcoach did not clean itself (a file's name, a key, a parser's error)
is made safe where it is written: :class:`netcoach.model.problem.Problem` shows itself with
:func:`netcoach.model.text.terminal_safe`, and so does every notice (``NetcoachApp.notify``).
:class:`DropControls` is the last guard, on every line the app draws: a control character
that still got into a widget is dropped there (it takes no cell, so the line keeps its width).
"""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from netcoach.model.text import TERMINAL_CONTROLS


class DropControls(LineFilter):
    """Drops every control character (C0, DEL, C1) and bidi override from the text of the segments."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if all(segment.control or segment.text.isprintable() for segment in segments):
            return segments
        return [
            segment
            if segment.control or segment.text.isprintable()
            else Segment(TERMINAL_CONTROLS.sub("", segment.text), segment.style, segment.control)
            for segment in segments
        ]
