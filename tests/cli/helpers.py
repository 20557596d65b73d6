"""Running the command line as a person does: ``python -m netcoach ...`` in a real subprocess.

The fixtures ``netcoach`` and ``ok`` (tests/cli/conftest.py) hand these to the tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import IO


class CommandLine:
    """``python -m netcoach ARGS`` in the test's environment (its own folders, today fixed by tests/conftest.py)."""

    def __call__(
        self,
        *args: str,
        env: Mapping[str, str] | None = None,
        python: Sequence[str] = (),
        stderr: int | IO[str] = subprocess.PIPE,
        **changes: str,
    ) -> subprocess.CompletedProcess[str]:
        """Run it and return what happened, whatever the exit status.

        ``env`` replaces the environment (default: the test's), ``changes`` set variables on top of it;
        ``python`` are options for the interpreter (``-X importtime``); ``stderr`` may be a terminal.
        """
        return subprocess.run(
            [sys.executable, *python, "-m", "netcoach", *args],
            env={**(os.environ if env is None else env), **changes},
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            check=False,
            timeout=120,
        )

    def ok(self, *args: str, **changes: str) -> str:
        """Run it, insist it succeeded (exit 0, no traceback), and return what it printed."""
        result = self(*args, env={**os.environ, **changes})
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        return result.stdout


Ok = Callable[..., str]


def checked_count(output: str) -> int:
    """How many files ``netcoach check`` says it checked, when all were fine."""
    assert output.startswith("All "), output
    return int(output.split()[1])


def imported_modules(importtime: str) -> list[str]:
    """The modules a run under ``python -X importtime`` imported, from what it wrote to stderr."""
    return [line.rsplit("|", 1)[-1].strip() for line in importtime.splitlines() if line.startswith("import time:")]
