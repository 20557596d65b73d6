"""A one-line progress bar on a terminal, for long imports and exports."""

from __future__ import annotations

from typing import TextIO

PROGRESS_FROM_ROWS = 500
"""Below this many rows, no bar: it would only flash."""


class ProgressBar:
    """A one-line progress bar on a terminal (stderr); silent when stderr is not a terminal."""

    WIDTH = 30

    def __init__(self, stream: TextIO, *, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled
        self.shown = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled or total < PROGRESS_FROM_ROWS:
            return
        filled = self.WIDTH * done // max(total, 1)
        word = "Checking" if stage == "reading" else "Writing "
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.stream.write(f"\r{word} [{bar}] {done:,}/{total:,}")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False
