"""What every top-level screen shares: the app it belongs to, and a redraw when the book changes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import SystemCommand
from textual.screen import Screen
from textual.widgets import Footer

from netcoach.book import ContactBook

if TYPE_CHECKING:
    from netcoach.tui.app import NetcoachApp


class NetcoachScreen(Screen[None]):
    """A top-level screen (Today, Contacts, a contact, Draft, Checklist).

    It reads the app's state (the book, today, the settings) and never writes it: it posts a
    message (netcoach.tui.messages) and the app's handlers change what they own.
    """

    DRAWS_BEFORE_LOADED: ClassVar[bool] = False
    """Draw from the book as the screen mounts even before anyone is read (else at the first book)."""

    @property
    def nc(self) -> NetcoachApp:
        """The app, with its state typed."""
        return cast("NetcoachApp", self.app)

    def on_mount(self) -> None:
        self.nc.book_changed.subscribe(self, self.show_book)
        if self.nc.loaded or self.DRAWS_BEFORE_LOADED:
            self.show_book(self.nc.book)

    def show_book(self, book: ContactBook) -> None:
        """Redraw from ``book`` without losing the user's place (the book was read or changed)."""

    def claims_screen_keys(self) -> bool:
        """Does the screen use the keys 1-4 for itself just now (instead of changing screens)?"""
        return False

    def palette_commands(self) -> Iterable[SystemCommand]:
        """This screen's own commands for the palette ("group: Action")."""
        return ()


def footer() -> Footer:
    """The key bar: compact, so the keys that matter fit in 80 columns."""
    return Footer(compact=True, show_command_palette=False)
