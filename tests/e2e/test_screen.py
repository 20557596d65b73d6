"""End-to-end: the real `netcoach --demo` in GNU screen, keys typed into the terminal screen is attached to."""

from __future__ import annotations

import pytest

from tests.e2e.terminal import ScreenTerminal, StartScreen, have_screen

if not have_screen():
    pytest.skip("GNU screen is not installed", allow_module_level=True)


@pytest.fixture
def terminal(gnu_screen: StartScreen) -> ScreenTerminal:
    return gnu_screen("--demo")


def test_demo_in_gnu_screen(terminal: ScreenTerminal) -> None:
    # Everything asserted on is waited for: a hardcopy can catch screen half-way through a frame.
    screen = terminal.wait_for("Wednesday 18 November", "Overdue (", "Wei Zhang", "Maya Chen", "4 Checklist")
    lines = terminal.rows(screen)
    assert len(lines) == 24
    assert "Wednesday 18 November" in lines[0]
    assert "1 Today" in lines[-1] and "4 Checklist" in lines[-1]  # the key bar fits in 80 columns

    terminal.press("2")
    terminal.wait_for("sort: name", "⏎ Open", "[b]Mallory[/]")  # markup-like names shown as typed

    terminal.press("/")
    terminal.type("chloe")  # typed ahead, at once: nothing may be lost
    terminal.wait_for(" 1 of ", "Chloé Dubois")

    terminal.press("Enter")  # leave the filter for the list
    terminal.wait_for("sort: name (o)")
    terminal.press("Enter")  # open the contact
    terminal.wait_for("Timeline", "Atelier Lumière", "esc Back")

    terminal.press("Escape")  # typed, as a person does (the app runs without the mouse under screen)
    terminal.wait_for(" 1 of ", "sort: name (o)")
    terminal.press("?")
    terminal.wait_for("Keys", "Esc close")
    terminal.press("Escape")
    terminal.wait_for(" 1 of ", "⏎ Open")
    terminal.press("1")
    terminal.wait_for("Overdue (")
    terminal.press("q")
    assert terminal.wait_until_ended() == 0


def test_esc_typed_in_screen(terminal: ScreenTerminal) -> None:
    """Screen 4.x holds a typed Esc back while mouse reporting is on; the app leaves the mouse off there."""
    terminal.wait_for("Overdue (", "? Help")
    terminal.press("?")
    terminal.wait_for("Keys", "Esc close")
    terminal.press("Escape")
    # No key follows: an Esc held back "until the next key" would never arrive, so no tight time limit is needed.
    terminal.wait_for("Overdue (", "⏎ Open")


def test_sixteen_colours_as_plain_screen(gnu_screen: StartScreen) -> None:
    """`term screen` (16 colours) picks the ANSI theme; the layout is the same."""
    term = gnu_screen("--demo", term="screen")
    screen = term.wait_for("Overdue (", "1 Today", "? Help")
    assert "1 Today" in term.rows(screen)[-1]
    term.press("q")
    assert term.wait_until_ended() == 0
