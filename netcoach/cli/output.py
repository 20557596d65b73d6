"""Everything the command line prints goes through here: nothing a file or an argument holds reaches the terminal raw.

:func:`terminal_output` puts a :class:`TerminalSafe` stream in place of standard output and
standard error while a command runs, so that every ``print`` (a message quoting a file's name,
a key, an id, a parser's error, argparse's own words) shows control characters visibly instead
of letting the terminal act on them. Newlines and tabs pass (output has many lines), and so do
CRLF line ends (vCard and CSV on standard output). Only the progress bar writes control
sequences of its own, through :attr:`TerminalSafe.raw`, and the full-screen app draws itself
(:mod:`netcoach.tui.output` keeps it safe) on the streams as they were (:func:`app_output`).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO, cast

from netcoach.model.text import terminal_safe


class TerminalSafe:
    """A text stream that writes through :func:`terminal_safe` (several lines), to ``raw``."""

    def __init__(self, raw: TextIO) -> None:
        self.raw = raw
        """The stream underneath, for control sequences netcoach itself writes (the progress bar)."""

    def write(self, text: str) -> int:
        self.raw.write(terminal_safe(text, multiline=True))
        return len(text)

    def writelines(self, lines: Iterator[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:  # flush, isatty, fileno, encoding, ...: as the stream underneath
        return getattr(self.raw, name)


def raw_stream(stream: TextIO) -> TextIO:
    """The terminal under ``stream``: for the progress bar's own ``\\r`` and erase-line."""
    return stream.raw if isinstance(stream, TerminalSafe) else stream


@contextmanager
def terminal_output() -> Iterator[None]:
    """While it lasts, standard output and standard error show control characters visibly."""
    saved = sys.stdout, sys.stderr
    sys.stdout = cast(TextIO, TerminalSafe(sys.stdout))
    sys.stderr = cast(TextIO, TerminalSafe(sys.stderr))
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


@contextmanager
def app_output() -> Iterator[None]:
    """While it lasts, standard output and standard error are the terminal's own again: for the full-screen app."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = raw_stream(sys.stdout), raw_stream(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
