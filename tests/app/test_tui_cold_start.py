"""A cold start of the app over many files: the worker processes that read them start under Textual.

Textual stands in for ``sys.stderr`` with an object whose ``fileno()`` is -1; multiprocessing's
resource tracker, started with it, failed ('bad value(s) in fds_to_keep'), the loading worker
raised, and the app stopped with a traceback instead of showing everyone.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from multiprocessing import resource_tracker

import pytest
from textual.message import Message

from netcoach.storage import parallel
from netcoach.storage import reader as reader_module
from netcoach.storage.dirs import Dir
from netcoach.storage.index import Index
from netcoach.storage.reads import Read
from netcoach.storage.store import Store
from netcoach.tui.messages import BookLoaded
from tests.app.conftest import OpenApp
from tests.app.helpers import SIZE, make_app, settle
from tests.helpers import maya, watch_worker_reads

PEOPLE = 12


@pytest.fixture
def fresh_tracker(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A resource tracker not started yet, as in a fresh ``netcoach`` (this process may have one running)."""
    tracker = resource_tracker.ResourceTracker()
    for name in ("ensure_running", "register", "unregister", "getfd"):
        monkeypatch.setattr(resource_tracker, name, getattr(tracker, name))
    yield
    tracker._stop()


@pytest.fixture
def many_files(store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    """A folder nobody has indexed, big enough (for this test) to be read by worker processes."""
    store.contacts.add_many([maya(name=f"Person {n}", notes=f"n{n}") for n in range(PEOPLE)])
    for path in (store.root / "contacts").glob("*.toml"):  # settled files, as a user's are
        st = path.stat()
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - 3600 * 10**9))
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.0, 0.0, 0.0), raising=False)  # a quiet machine: workers
    return store


async def test_a_cold_start_reads_everyone_in_worker_processes(
    many_files: Store, fresh_tracker: None, open_app: OpenApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    used = watch_worker_reads(monkeypatch)
    async with open_app(many_files) as (app, _):
        assert app.complete
        assert len(app.book) == PEOPLE
        assert app.problems == []
    assert used[0] == PEOPLE  # the workers read them (spawned: the app reads in a thread), not this process


class NoFileno:
    """What Textual puts in ``sys.stderr`` while the app runs."""

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass

    def fileno(self) -> int:
        return -1


def test_workers_spawn_while_stderr_is_not_a_file(
    many_files: Store, fresh_tracker: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "_start_method", lambda: "spawn")
    monkeypatch.setattr("sys.stderr", NoFileno())
    contacts = many_files.root / "contacts"
    stale = sorted((p.name, parallel.Stat.of(p.stat())) for p in contacts.glob("*.toml"))
    found = parallel.read_in_parallel(many_files.root, stale)
    assert found is not None
    assert [(name, entry is not None, problem) for name, entry, problem in found] == [
        (name, True, None) for name, _ in stale
    ]


async def test_a_cold_start_shows_today_before_the_index_remembers_anyone_and_lists_the_folder_once(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.contacts.add_many([maya(name=f"Person {n}", notes=f"n{n}") for n in range(PEOPLE)])  # all due today
    for path in (store.root / "contacts").glob("*.toml"):  # settled files, as a user's are
        st = path.stat()
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - 3600 * 10**9))
    listings: list[int] = []
    original = reader_module.listed

    def listed(contacts: Dir) -> tuple[dict[str, tuple[int, int, int, int]], dict[str, Read], bool]:
        listings.append(1)
        return original(contacts)

    at_today: list[tuple[int, int]] = []

    def hook(message: Message) -> None:
        if isinstance(message, BookLoaded) and not message.complete:
            with Index(store.reader.index_path) as index:
                at_today.append((len(message.book.due(7)), index.count()))

    monkeypatch.setattr(reader_module, "listed", listed)
    monkeypatch.setattr(reader_module, "WRITE_EVERY", 2)  # a plain read would write as it reads: not this one
    app = make_app(store)  # no index yet, nobody read before the app: it reads them, screen up
    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        await settle(pilot)
        assert app.complete and len(app.book) == PEOPLE and len(app.book.due(7)) == PEOPLE
    assert at_today == [(PEOPLE, 0)]  # Today had everyone due while the index was still empty
    assert listings == [1]  # and everyone came from that same read
    with Index(store.reader.index_path) as index:
        assert index.count() == PEOPLE  # then remembered
