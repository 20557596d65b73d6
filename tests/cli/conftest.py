"""Fixtures for the command-line tests: run ``netcoach`` as a real subprocess."""

from __future__ import annotations

import pytest

from tests.cli.helpers import CommandLine, Ok


@pytest.fixture
def netcoach() -> CommandLine:
    """``netcoach(*args, **env_changes)``: the CompletedProcess; ``netcoach.ok(*args)``: its stdout, once
    it is sure the command succeeded."""
    return CommandLine()


@pytest.fixture
def ok(netcoach: CommandLine) -> Ok:
    """``ok(*args, **env_changes)``: run netcoach, insist on exit 0 and no traceback, return its stdout."""
    return netcoach.ok
