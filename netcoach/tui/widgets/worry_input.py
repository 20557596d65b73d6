"""The box for typing your own worry: while it is empty, the digits 1-4 still change screens."""

from __future__ import annotations

from netcoach.tui.widgets.keys_in_order import InOrderInput

SCREEN_DIGITS = frozenset("1234")


class WorryInput(InOrderInput):
    """A one-line Input that lets 1-4 through to the app's screen keys until something is typed.

    The Checklist screen puts the cursor here when Worries opens (a worry is typed without Tab
    first), so a digit pressed to leave the screen must not become the worry's first character.
    Its other keys act in the order typed (:class:`InOrderInput`).
    """

    def check_consume_key(self, key: str, character: str | None) -> bool:
        if not self.value and character in SCREEN_DIGITS:
            return False  # nothing typed yet: the app's 1-4 take it
        return super().check_consume_key(key, character)
