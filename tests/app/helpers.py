"""Helpers for the app's Pilot tests: a demo data folder, a fixed today, and settling the app."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from netcoach.demo import write_demo
from netcoach.storage.store import Store
from netcoach.tui.app import NetcoachApp

SIZE = (80, 24)
DEMO_TODAY = dt.date(2026, 11, 18)


def demo_store(tmp_path: Path, today: dt.date = DEMO_TODAY) -> Store:
    store = Store(tmp_path / "data", cache_dir=tmp_path / "cache")
    write_demo(store, today)
    return store


def make_app(store: Store, today: dt.date = DEMO_TODAY) -> NetcoachApp:
    config, problems = store.settings.load_config()
    return NetcoachApp(store, today, config, problems, watch=False)


async def settle(pilot: Pilot[object]) -> None:
    """Wait until everyone is read and every worker (loading, saving) is done and its messages handled.

    Waits on the app's own state, not on a count of pauses: on a busy machine the read of everyone
    (started once Today is on screen) can come several refreshes later. Bounded, so a test whose app
    never finishes reading fails on its own assertions instead of hanging.
    """
    app = pilot.app
    for _ in range(200):
        with contextlib.suppress(WorkerCancelled):  # an exclusive worker replaced by a newer one
            await app.workers.wait_for_complete()
        await pilot.pause()
        busy = any(not worker.is_finished for worker in app.workers)
        if not busy and getattr(app, "complete", True):
            return


def screen_text(app: NetcoachApp) -> str:
    """What the terminal shows now, as plain text, one line per row (the modal on top included)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text.rstrip() for strip in strips)


def burst(app: NetcoachApp, *keys: str) -> None:
    """Keys that reach the app together, as a slow or busy machine reads them from the terminal: all are queued
    before the app handles any (``pilot.press`` waits until each key is handled before sending the next, so a
    test with it never sees keys overtake one another). ``keys`` are key names (``ctrl+a``) or characters."""
    for key in keys:
        name = _character_to_key(key) if len(key) == 1 and not key.isalnum() else key
        app.post_message(events.Key(name, key if len(key) == 1 else None))
