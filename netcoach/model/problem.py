"""One problem model for every user file: where it is (``path:line:col``) and what is wrong."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from netcoach.model.text import terminal_safe


@dataclass(frozen=True)
class Problem:
    """A file that could not be used, and why.

    Shown as ``path:line:col: message``, with any control character of the path or the message
    (a file's name, a key quoted from the file, a parser's words) made visible: fit for a terminal.
    """

    path: Path
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{terminal_safe(str(self.path))}:{self.line}:{self.col}: {terminal_safe(self.message)}"


class FileProblem(Exception):
    """Raised when a file cannot be read or validated; carries the :class:`Problem`."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem
