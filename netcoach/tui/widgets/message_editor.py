"""The message body of a draft: a TextArea where markers such as ``[where we met?]`` stand out.

This is the one place that leans on TextArea's private highlighting hooks (``_set_theme``,
``_build_highlight_map``, ``_theme``, ``_highlights``): Textual has no public way to add
highlights to plain text. Check them against the installed Textual when it is upgraded.

Its keys are acted on in the order typed (see netcoach.tui.widgets.keys_in_order).
"""

from __future__ import annotations

import dataclasses
import re

from rich.style import Style

from netcoach.tui.widgets.keys_in_order import InOrderTextArea

MARKER = re.compile(r"\[[^\[\]\n]{1,40}\?\]")
"""A gap left to fill in: ``[where we met?]``."""
MARKER_STYLE = "netcoach.marker"


class MessageEditor(InOrderTextArea):
    """The message body. Markers such as ``[where we met?]`` stand out until they are filled in.

    ctrl+a, Backspace, the arrows act where typed, not after the next letters (:class:`InOrderTextArea`)."""

    def _set_theme(self, theme: str) -> None:
        super()._set_theme(theme)
        styles = {**self._theme.syntax_styles, MARKER_STYLE: Style(reverse=True, bold=True)}
        self._theme = dataclasses.replace(self._theme, syntax_styles=styles)

    def _build_highlight_map(self) -> None:
        super()._build_highlight_map()
        for row, line in enumerate(self.document.lines):
            for found in MARKER.finditer(line):
                start = len(line[: found.start()].encode("utf-8"))
                end = len(line[: found.end()].encode("utf-8"))
                self._highlights[row].append((start, end, MARKER_STYLE))
