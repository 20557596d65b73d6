"""One minute of calm: box breathing (in 4, hold 4, out 4, hold 4), a dot travelling round a box."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Static

CALM_SECONDS = 60
PHASE_SECONDS = 4
TICKS_PER_SECOND = 4
PHASES = ("Breathe in", "Hold", "Breathe out", "Hold")
_SIDE = PHASE_SECONDS * TICKS_PER_SECOND  # steps along one side of the box
_BOX_W = 33
_BOX_H = 9


def _box_position(phase: int, step: int) -> tuple[int, int]:
    """Where the dot is (column, row) after ``step`` steps along side ``phase``: a corner when the phase ends."""
    right, bottom = _BOX_W - 1, _BOX_H - 1
    along_x = (step + 1) * right // _SIDE
    along_y = (step + 1) * bottom // _SIDE
    if phase == 0:  # breathe in: along the top, left to right
        return along_x, 0
    if phase == 1:  # hold: down the right side
        return right, along_y
    if phase == 2:  # breathe out: along the bottom, right to left
        return right - along_x, bottom
    return 0, bottom - along_y  # hold: up the left side


def _trail(phase: int, step: int) -> set[tuple[int, int]]:
    """The cells of side ``phase`` from its start to the dot."""
    x, y = _box_position(phase, step)
    right, bottom = _BOX_W - 1, _BOX_H - 1
    if phase == 0:
        return {(i, 0) for i in range(x + 1)}
    if phase == 1:
        return {(right, j) for j in range(y + 1)}
    if phase == 2:
        return {(i, bottom) for i in range(x, right + 1)}
    return {(0, j) for j in range(y, bottom + 1)}


def _frame_char(x: int, y: int) -> str:
    right, bottom = _BOX_W - 1, _BOX_H - 1
    corners = {(0, 0): "┌", (right, 0): "┐", (0, bottom): "└", (right, bottom): "┘"}
    if (x, y) in corners:
        return corners[(x, y)]
    if y in (0, bottom):
        return "─"
    if x in (0, right):
        return "│"
    return " "


def breathing_frame(tick: int) -> Text:
    """The box, with the dot travelling round it (one side per phase), and the phase and count inside."""
    phase = (tick // _SIDE) % 4
    step = tick % _SIDE
    count = PHASE_SECONDS - step // TICKS_PER_SECOND
    trail = _trail(phase, step)
    dot = _box_position(phase, step)
    middle = _BOX_H // 2
    words = {middle - 1: PHASES[phase], middle + 1: str(count)}
    out = Text()
    for y in range(_BOX_H):
        if y:
            out.append("\n")
        for x in range(_BOX_W):
            if (x, y) == dot:
                out.append("●", style="bold")
            elif (x, y) in trail:
                out.append("┃" if phase in (1, 3) else "━", style="bold")
            elif y in words and 0 < x < _BOX_W - 1:
                out.append(words[y].center(_BOX_W - 2)[x - 1], style="bold")
            else:
                out.append(_frame_char(x, y), style="dim")
    return out


class BreathingModal(ModalScreen[None]):
    """One minute of box breathing (in 4, hold 4, out 4, hold 4). Any key ends it; it ends by itself too."""

    TOTAL_TICKS = CALM_SECONDS * TICKS_PER_SECOND

    def __init__(self) -> None:
        super().__init__()
        self.tick = 0
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="calm-dialog"):
            yield Static("One minute of calm", classes="dialog-title", markup=False)
            yield Static("Follow the dot round the box.", id="calm-how", markup=False)
            yield Static(id="calm-box", markup=False)
            yield Static(id="calm-left", markup=False)
            yield Static("Any key to stop", classes="dialog-keys", markup=False)

    def on_mount(self) -> None:
        self._draw()
        self._timer = self.set_interval(1 / TICKS_PER_SECOND, self.advance)

    def advance(self, ticks: int = 1) -> None:
        """Move the breathing on (the timer calls this four times a second); close after a minute."""
        self.tick += ticks
        if self.tick >= self.TOTAL_TICKS:
            self.close()
            return
        self._draw()

    def _draw(self) -> None:
        self.query_one("#calm-box", Static).update(breathing_frame(self.tick))
        left = CALM_SECONDS - self.tick // TICKS_PER_SECOND
        self.query_one("#calm-left", Static).update(Text(f"{left} seconds left", style="dim"))

    def close(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.is_current:
            self.dismiss(None)

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self.close()
