"""End-to-end: the first start on an empty data folder asks your name, in a real terminal (tmux)."""

from __future__ import annotations

from pathlib import Path

import pytest

from netcoach.storage.store import Store
from netcoach.storage.welcome import first_start
from tests.e2e.terminal import StartTmux, have_tmux

pytestmark = pytest.mark.skipif(not have_tmux(), reason="tmux is not installed")

COMMENT = "# my own note, kept\n"


def test_the_first_start_asks_your_name_once(tmux: StartTmux, tmp_path: Path) -> None:
    data = tmp_path / "fresh"
    data.mkdir()
    (data / "config.toml").write_text(COMMENT, encoding="utf-8")  # settings with no name yet: still a first start
    terminal = tmux("--data", str(data))
    screen = terminal.wait_for("Who are you?", "ctrl+s save · Esc skip")
    assert "Your name" in screen
    terminal.type("Sam 1 Rivera")  # a digit in the field is text, not a screen change
    terminal.send("Enter")  # on to the signature: Enter never saves
    terminal.type("Sam, product designer")
    terminal.send("C-s")
    terminal.wait_for("Saved. Drafts are signed")  # the notice (its end may wrap)
    terminal.send("q")
    terminal.wait_until_dead()
    text = (data / "config.toml").read_text(encoding="utf-8")
    assert text.startswith(COMMENT)
    config, problems = Store(data, cache_dir=tmp_path / "cache").settings.load_config()
    assert problems == [] and (config.user.name, config.user.signature) == ("Sam 1 Rivera", "Sam, product designer")

    assert not first_start(Store(data, cache_dir=tmp_path / "cache"))  # asked once: never again (the app's tests)


def test_esc_skips_and_the_question_is_not_asked_again(tmux: StartTmux, tmp_path: Path) -> None:
    data = tmp_path / "fresh"
    terminal = tmux("--data", str(data))
    terminal.wait_for("Who are you?")
    terminal.send("Escape")
    terminal.wait_for("Enjoy the quiet", "? Help")
    terminal.send("2")  # were the question still on top, the 2 would be typed into it
    assert "Who are you?" not in terminal.wait_for("No contacts yet. Press n")
    terminal.send("q")
    terminal.wait_until_dead()
    assert not (data / "config.toml").exists()  # skipping writes nothing of yours

    assert not first_start(Store(data, cache_dir=tmp_path / "cache"))
