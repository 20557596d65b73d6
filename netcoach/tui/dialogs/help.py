"""Help: every key of the current screen and the global ones, as they are mapped now."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

LIST_KEYS = "↑↓ or j k move · PgUp PgDn page · Home End or g G first, last · Enter open"


def keys_in_force(app: App[Any], screen: Screen[Any]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """netcoach's keys on ``screen`` after the user's [keymap]: (this screen's, everywhere's)."""
    here: list[tuple[str, str]] = []
    everywhere: list[tuple[str, str]] = []
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        binding_id = binding.id or ""
        if not binding_id.startswith("netcoach.") or binding_id.startswith("netcoach.list.") or binding_id in seen:
            continue
        seen.add(binding_id)
        pair = (app.get_key_display(binding), binding.description)
        (everywhere if active.node is app else here).append(pair)
    return sorted(here, key=lambda p: p[1]), sorted(everywhere, key=lambda p: p[1])


def key_column(title: str, pairs: list[tuple[str, str]]) -> Text:
    out = Text(f"{title}\n", style="bold underline")
    for shown, description in pairs:
        out.append(f"{shown:>7}  ", style="bold")
        out.append(f"{description}\n")
    return out


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,question_mark,q", "close", "Close", id="netcoach.help.close"),
    ]

    def __init__(self, here: list[tuple[str, str]], everywhere: list[tuple[str, str]]) -> None:
        """``here`` and ``everywhere`` from :func:`keys_in_force`, taken before this screen is on top:
        with a dialog open the screen keys (1-5, u) are off, so asked later they would be missing."""
        super().__init__()
        self.here = here
        self.everywhere = everywhere

    def compose(self) -> ComposeResult:
        here, everywhere = self.here, self.everywhere
        with Vertical(classes="dialog wide"):
            yield Static("Keys", classes="dialog-title", markup=False)
            with VerticalScroll():
                with Horizontal(id="help-columns"):
                    yield Static(key_column("This screen", here), id="help-here")
                    yield Static(key_column("Everywhere", everywhere), id="help-everywhere")
                yield Static(
                    Text.assemble(
                        ("Lists  ", "bold"),
                        LIST_KEYS,
                        "\n",
                        ("ctrl+p opens the command palette: every action by name.\n", "dim"),
                        ('Remap keys in config.toml under [keymap], e.g. "netcoach.log" = "ctrl+l".', "dim"),
                    ),
                    id="help-more",
                )
            yield Static("Esc close", classes="dialog-keys", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
