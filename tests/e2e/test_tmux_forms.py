"""End-to-end: adding people through the New form in tmux (80x24, as over SSH) makes them due on Today
at once; ctrl+n keeps where and when for the next person from the same event."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.terminal import StartTmux, have_tmux
from tests.helpers import MakeStore

pytestmark = pytest.mark.skipif(not have_tmux(), reason="tmux is not installed")


def test_people_added_through_the_form_are_due_on_today(tmux: StartTmux, tmp_path: Path, make_store: MakeStore) -> None:
    term = tmux("--data", str(tmp_path / "data"))
    term.wait_for("Who are you?")  # the first start asks your name: skipped here
    term.send("Escape")
    term.wait_for("No contacts yet. Press n", "? Help")
    term.send("n")
    term.wait_for("New contact", "ctrl+n")
    screen = term.screen()
    assert "must not be empty" not in screen  # nothing typed yet: no problem shown
    term.type("Ana Lima")
    term.send("Tab", "Tab", "Tab")  # company, role, where you met
    term.type("Data & Design meetup")
    term.send("Tab")  # when you met
    term.type("yesterday")
    term.wait_for("yesterday")
    term.send("C-n")  # save, and the next person from the same event
    term.wait_for("Added Ana Lima")
    screen = term.wait_for("New contact", "Data & Design meetup")
    term.type("Tom Okafor")
    term.wait_for("Tom Okafor")
    term.send("C-s")
    screen = term.wait_for("Ana Lima", "Tom Okafor", "2 today")
    assert "Nobody is waiting on you" not in screen
    term.send("q")
    term.wait_until_dead()
    store = make_store()  # read back as a fresh process would
    for name in ("Ana Lima", "Tom Okafor"):
        contact = store.reader.find(name).contact
        assert contact.met_at == "Data & Design meetup"
        assert [i.kind.value for i in contact.interactions] == ["met"]
