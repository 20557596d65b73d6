"""Fixtures for the app's Pilot tests: an app opened at 80x24 and settled, and what it told the user."""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Protocol

import pytest
from textual.message import Message
from textual.notifications import Notification, Notify
from textual.pilot import Pilot

from netcoach.storage.store import Store
from netcoach.tui.app import NetcoachApp
from tests.app.helpers import DEMO_TODAY, SIZE, demo_store, make_app, settle

_NOTICES: weakref.WeakKeyDictionary[NetcoachApp, list[Notification]] = weakref.WeakKeyDictionary()


def notices(app: NetcoachApp) -> list[Notification]:
    """Every notice the app showed while it ran under :func:`open_app`, oldest first."""
    return _NOTICES.get(app, [])


class OpenApp(Protocol):
    def __call__(
        self, store: Store | NetcoachApp | None = None, today: dt.date = DEMO_TODAY, *, size: tuple[int, int] = SIZE
    ) -> AbstractAsyncContextManager[tuple[NetcoachApp, Pilot[object]]]: ...


@pytest.fixture
def open_app(tmp_path: Path) -> OpenApp:
    """``async with open_app(store) as (app, pilot):`` runs the app on ``store`` (the demo when
    none is given; an app made by hand is run as it is) for ``today`` at 80x24, waits until everyone is read
    and every worker is done, and records its notices for :func:`notices`."""

    @asynccontextmanager
    async def opened(
        store: Store | NetcoachApp | None = None, today: dt.date = DEMO_TODAY, *, size: tuple[int, int] = SIZE
    ) -> AsyncIterator[tuple[NetcoachApp, Pilot[object]]]:
        if isinstance(store, NetcoachApp):
            app = store
        else:
            app = make_app(store if store is not None else demo_store(tmp_path, today), today)
        seen = _NOTICES.setdefault(app, [])

        def hook(message: Message) -> None:
            if isinstance(message, Notify):
                seen.append(message.notification)

        async with app.run_test(size=size, message_hook=hook) as pilot:
            await settle(pilot)
            yield app, pilot

    return opened


@pytest.fixture
async def pilot(open_app: OpenApp) -> AsyncIterator[Pilot[object]]:
    """A settled pilot on the demo data at 80x24 (``pilot.app`` is the app)."""
    async with open_app() as (_, running):
        yield running
