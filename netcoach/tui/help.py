"""Help: every key of the current screen and the global ones, as they are mapped now."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

LIST_KEYS = "↑/↓ or j/k move · PgUp/PgDn page · Home/End or g/G first/last · Enter open"


def describe_keys(app: App[object], screen: Screen[object]) -> Text:
    """The keys in force on ``screen`` (after the user's [keymap]), grouped: this screen, then everywhere."""
    here: list[tuple[str, str]] = []
    everywhere: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description or (binding.id or "").startswith("netcoach.list."):
            continue
        shown = app.get_key_display(binding)
        pair = (shown, binding.description)
        if pair in seen:
            continue
        seen.add(pair)
        (everywhere if active.node is app else here).append(pair)
    out = Text()
    for title, pairs in (("This screen", here), ("Everywhere", everywhere)):
        out.append(f"{title}\n", style="bold underline")
        for shown, description in sorted(pairs, key=lambda p: p[1]):
            out.append(f"  {shown:>10}  ", style="bold")
            out.append(f"{description}\n")
        out.append("\n")
    out.append("Lists\n", style="bold underline")
    out.append(f"  {LIST_KEYS}\n\n")
    out.append("ctrl+p opens the command palette: every action by name.\n", style="dim")
    out.append('Remap any key in config.toml under [keymap], e.g. "netcoach.log" = "ctrl+l".', style="dim")
    return out


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,question_mark,q", "close", "Close", id="netcoach.help.close"),
    ]

    def __init__(self, screen: Screen[object]) -> None:
        super().__init__()
        self.for_screen = screen

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static("Keys", classes="dialog-title", markup=False)
            with VerticalScroll():
                yield Static(describe_keys(self.app, self.for_screen), id="help-keys")
            yield Static("Esc close", classes="dialog-keys", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
