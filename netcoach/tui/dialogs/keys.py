"""Keys every dialog shares."""

from __future__ import annotations

from textual.binding import Binding

CANCEL = Binding("escape", "cancel", "Cancel", id="netcoach.modal.cancel")
"""Esc: back out, changing nothing (the dialog dismisses with None, or its "no")."""
