"""End-to-end: the real `netcoach --demo` in tmux (a real terminal, as over SSH), keys in, screen out."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.terminal import Terminal, have_tmux, netcoach_command

pytestmark = pytest.mark.skipif(not have_tmux(), reason="tmux is not installed")


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    env = {k: v for k, v in os.environ.items() if k.startswith(("NETCOACH_", "XDG_", "HOME"))}
    env.update(TERM="xterm-256color", NETCOACH_TODAY="2026-11-18", COLORTERM="")
    term = Terminal(tmp_path, netcoach_command("--demo"), env)
    yield term
    term.close()


def test_demo_in_a_real_terminal(terminal: Terminal) -> None:
    screen = terminal.wait_for("Overdue (", "q Quit")
    assert "Wednesday 18 November" in screen
    assert "1 Today" in screen and "2 Contacts" in screen  # the key bar fits in 80 columns

    terminal.send("2")
    screen = terminal.wait_for("of 20 · sort: name", "⏎ Open")  # the list has the focus
    assert "[bold]Mallory[/] T" in screen  # markup-like names shown as typed

    terminal.send("/")
    terminal.type("chloe")  # typed ahead, at once: nothing may be lost
    screen = terminal.wait_for("1 of 20")
    assert "Chloé Dubois" in screen

    terminal.send("Enter")  # leave the filter for the list
    terminal.wait_for("sort: name (o)")
    terminal.send("Enter")  # open the contact
    screen = terminal.wait_for("Timeline")
    assert "Atelier Lumière" in screen

    terminal.send("Escape")
    terminal.wait_for("1 of 20")
    terminal.send("1")
    terminal.wait_for("Overdue (")
    terminal.send("q")
    terminal.wait_until_dead()
