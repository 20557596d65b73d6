"""End-to-end: the real `netcoach --demo` in tmux (a real terminal, as over SSH), keys in, screen out."""

from __future__ import annotations

from pathlib import Path

import pytest

from netcoach.coach.drafts import load_draft
from tests.e2e.terminal import StartTmux, Terminal, have_tmux
from tests.helpers import MakeStore

pytestmark = pytest.mark.skipif(not have_tmux(), reason="tmux is not installed")


@pytest.fixture
def terminal(tmux: StartTmux) -> Terminal:
    return tmux("--demo")


def test_demo_in_a_real_terminal(terminal: Terminal) -> None:
    screen = terminal.wait_for("Overdue (", "? Help")
    assert "Wednesday 18 November" in screen
    assert "1 Today" in screen and "4 Checklist" in screen  # the key bar fits in 80 columns

    terminal.send("2")
    screen = terminal.wait_for("of 22 · sort: name", "⏎ Open")  # the list has the focus
    assert "Max [b]Mallory[/]" in screen  # markup-like names shown as typed

    terminal.send("/")
    terminal.type("chloe")  # typed ahead, at once: nothing may be lost
    screen = terminal.wait_for("1 of 22")
    assert "Chloé Dubois" in screen

    terminal.send("Enter")  # leave the filter for the list
    terminal.wait_for("sort: name (o)")
    terminal.send("Enter")  # open the contact
    screen = terminal.wait_for("Timeline")
    assert "Atelier Lumière" in screen

    terminal.send("Escape")
    terminal.wait_for("1 of 22")
    terminal.send("1")
    terminal.wait_for("Overdue (")
    terminal.send("q")
    terminal.wait_until_dead()


def test_a_dropped_connection_keeps_the_draft(tmux: StartTmux, demo_data: Path, make_store: MakeStore) -> None:
    term = tmux("--data", str(demo_data))
    term.wait_for("Overdue (", "? Help")
    term.send("d")  # to the first person on Today
    term.wait_for("To Wei Zhang", "Esc: done editing")  # the draft is in the editor, and the editor has the keys
    term.send("C-a")  # acted on before the words typed after it, however fast they come (keys_in_order)
    term.type("Hello Wei, typed just before the line dropped")
    screen = term.wait_for("line dropped")
    assert "Hello Wei, typed just before the line dropped" in screen  # in the order typed
    term.hang_up()  # at once: no time for the autosave; SIGHUP must save it
    store = make_store()  # read back as a fresh process would
    draft = load_draft(store, store.reader.find("Wei Zhang").id)
    assert draft is not None
    assert draft.body.startswith("Hello Wei, typed just before the line droppedHi Wei,")


@pytest.mark.parametrize("term", ["xterm", "xterm-256color"])
def test_no_color_on_an_empty_folder(tmux: StartTmux, tmp_path: Path, term: str) -> None:
    """Every main screen, with NO_COLOR (Textual's monochrome filter reads every segment's style)."""
    terminal = tmux("--data", str(tmp_path / "empty"), NO_COLOR="1", TERM=term)
    terminal.wait_for("Who are you?", "ctrl+s save")  # the first start asks your name: drawn without colour too
    terminal.send("Escape")
    terminal.wait_for("No contacts yet. Press n", "? Help")
    for key, shows in (("2", "No contacts yet. Press n to add someone"), ("3", "Who would you like"), ("4", "I said")):
        terminal.send(key)
        terminal.wait_for(shows)
    terminal.send("1")
    terminal.wait_for("Enjoy the quiet")
    assert not terminal.dead()
    terminal.send("q")
    terminal.wait_until_dead()
    assert "Traceback" not in terminal.screen()


def test_copy_reaches_tmux_buffer(tmux: StartTmux, demo_data: Path) -> None:
    term = tmux("--data", str(demo_data))
    term.tmux("set-option", "-s", "set-clipboard", "on")
    term.wait_for("Overdue (", "? Help")
    term.send("d")  # to the first person on Today
    term.wait_for("To Wei Zhang", "words")
    term.send("Escape")
    term.wait_for("Enter: edit")
    term.send("y")
    term.wait_for("Copied")
    buffer = term.tmux("show-buffer")
    assert "Wei" in buffer and "thank" in buffer.lower()  # the thank-you drafted to him, whole
