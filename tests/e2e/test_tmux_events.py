"""End-to-end: three people met at one event, added one after another in the real app in tmux."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.terminal import StartTmux, have_tmux
from tests.helpers import MakeStore

pytestmark = pytest.mark.skipif(not have_tmux(), reason="tmux is not installed")

DESIGN = "design-week-open-studio-2026-11-17"  # the demo's event yesterday


def test_three_people_from_one_event(tmux: StartTmux, demo_data: Path, make_store: MakeStore) -> None:
    term = tmux("--data", str(demo_data))
    term.wait_for("Overdue (", "? Help")
    term.send("5")
    term.wait_for("Upcoming (2)", "nobody added yet (n)")
    term.send("Down", "Down")  # past the second upcoming event and the Past heading
    term.wait_for("Nobody added yet: n adds someone you met")
    term.send("n")
    term.wait_for("Someone you met at Design week open studio", "Met at Design week open studio (Studio 9)")
    for number, name in enumerate(("Ana Lima", "Bo Chen"), start=1):
        term.type(name)
        term.wait_for(name)
        term.send("C-n")  # save and add another
        term.wait_for(f"{number} added so far")
    term.type("Cy Diaz")
    term.wait_for("Cy Diaz")
    term.send("C-s")
    term.wait_for("3 met, 0 of 3 followed up")
    term.send("q")
    term.wait_until_dead()
    store = make_store()
    met = sorted(
        r.contact.name for r in store.reader.load().records if any(i.event == DESIGN for i in r.contact.interactions)
    )
    assert met == ["Ana Lima", "Bo Chen", "Cy Diaz"]
