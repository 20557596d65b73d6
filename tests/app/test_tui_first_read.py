"""A start as ``netcoach`` makes it (``run_app``): the people due soon read before the app starts,
then everyone from that same read (the folder is listed once), and a change made meanwhile is
still seen at the app's next look."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from netcoach.book import QUICK_READS, due_soon_first
from netcoach.model.problem import Problem
from netcoach.model.view import ContactView
from netcoach.storage import reader as reader_module
from netcoach.storage.dirs import Dir
from netcoach.storage.reads import Read
from netcoach.storage.store import Store
from netcoach.timing.rules import TimingRules
from netcoach.tui.app import NetcoachApp
from netcoach.tui.loading import FULL_RESCAN_EVERY, collector_paused
from tests.app.conftest import OpenApp
from tests.app.helpers import DEMO_TODAY, demo_store


def started(store: Store) -> NetcoachApp:
    """The app as ``run_app`` starts it."""
    config, problems = store.settings.load_config()
    first = due_soon_first(store, DEMO_TODAY, config.timing, max_reads=QUICK_READS)
    assert first is not None
    soon, first_read = first
    return NetcoachApp(store, DEMO_TODAY, config, problems, watch=False, due_soon=soon, first_read=first_read)


@pytest.fixture
def listings(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One item per listing of ``contacts/`` by a read."""
    seen: list[int] = []
    original = reader_module.listed

    def listed(contacts: Dir) -> tuple[dict[str, tuple[int, int, int, int]], dict[str, Read], bool]:
        seen.append(1)
        return original(contacts)

    monkeypatch.setattr(reader_module, "listed", listed)
    return seen


async def test_everyone_comes_from_the_read_that_gave_today(
    tmp_path: Path, open_app: OpenApp, listings: list[int]
) -> None:
    store = demo_store(tmp_path)
    store.reader.views(store.settings.load_config()[0].timing)  # the index built: a warm start
    listings.clear()
    async with open_app(started(store)) as (app, _):
        assert app.complete
        everyone = sorted((e.id, e.name, e.follow_up) for e in app.book.entries())
    assert listings == [1]
    async with open_app(store) as (again, _):  # a start that reads everything afresh shows the same
        assert sorted((e.id, e.name, e.follow_up) for e in again.book.entries()) == everyone


async def test_a_file_changed_while_the_app_started_is_read_at_its_next_look(tmp_path: Path, open_app: OpenApp) -> None:
    store = demo_store(tmp_path)
    app = started(store)
    maya = store.reader.find("Maya Chen")
    path = store.contacts.path_of(maya.id)
    # an editor writing in place after the first read, before the app read everyone
    path.write_text(path.read_text(encoding="utf-8").replace("Maya Chen", "Maya Chen-Li"), encoding="utf-8")
    async with open_app(app) as (_, pilot):
        assert app.complete
        app.loader.tick = FULL_RESCAN_EVERY - 1
        app.loader.check_for_changes()
        for _ in range(50):
            await pilot.pause()
            await app.workers.wait_for_complete()
            entry = app.book.get(maya.id)
            if entry is not None and entry.name == "Maya Chen-Li":
                break
        assert app.book.get(maya.id).name == "Maya Chen-Li"  # type: ignore[union-attr]


def test_the_cycle_collector_is_paused_while_reads_overlap_and_on_again_after() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():  # a second read while the first is under way
            pass
        assert not gc.isenabled()  # the first is still reading
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # off before: left off
    finally:
        gc.enable()


async def test_the_app_reads_everyone_with_the_cycle_collector_paused(
    tmp_path: Path, open_app: OpenApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []
    original = reader_module.Reader.views

    def views(self: reader_module.Reader, rules: TimingRules) -> tuple[list[tuple[str, ContactView]], list[Problem]]:
        seen.append(gc.isenabled())
        return original(self, rules)

    monkeypatch.setattr(reader_module.Reader, "views", views)
    async with open_app(demo_store(tmp_path)) as (app, _):
        assert app.complete
    assert seen == [False] and gc.isenabled()
