"""Fixtures for the end-to-end tests: the real netcoach in a real terminal (tmux, GNU screen)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from netcoach.demo import write_demo
from netcoach.storage.store import Store
from tests.e2e.terminal import ScreenTerminal, StartScreen, StartTmux, Terminal, netcoach_command


@pytest.fixture
def app_env(today: dt.date) -> dict[str, str]:
    """The environment the real app runs in: the test's own folders (``NETCOACH_*``, ``XDG_*``, ``HOME``), its
    today, and no claim of true colour; nothing else of the developer's environment. Each terminal adds its TERM."""
    env = {k: v for k, v in os.environ.items() if k.startswith(("NETCOACH_", "XDG_", "HOME"))}
    env.update(NETCOACH_TODAY=today.isoformat(), COLORTERM="")
    return env


@pytest.fixture
def demo_data(store: Store, today: dt.date) -> Path:
    """The test's data folder, holding the demo's people: a folder of one's own, as ``--demo`` is not."""
    write_demo(store, today)
    return store.root


@pytest.fixture
def tmux(tmp_path: Path, app_env: dict[str, str]) -> Iterator[StartTmux]:
    """``tmux(*args, **env)``: ``netcoach ARGS`` in tmux, 80x24, ``xterm-256color`` unless ``TERM`` is given, with
    the variables ``env`` set; closed when the test ends."""
    opened: list[Terminal] = []

    def start(*args: str, **env: str) -> Terminal:
        opened.append(Terminal(tmp_path, netcoach_command(*args), {**app_env, "TERM": "xterm-256color", **env}))
        return opened[-1]

    yield start
    for terminal in opened:
        terminal.close()


@pytest.fixture
def gnu_screen(tmp_path: Path, app_env: dict[str, str]) -> Iterator[StartScreen]:
    """``gnu_screen(*args, term=...)``: ``netcoach ARGS`` in GNU screen, 80x24, TERM being screen's own ``term``
    (``screen-256color`` unless told); closed when the test ends."""
    opened: list[ScreenTerminal] = []

    def start(*args: str, term: str = "screen-256color") -> ScreenTerminal:
        opened.append(ScreenTerminal(tmp_path, netcoach_command(*args), app_env, term=term))
        return opened[-1]

    yield start
    for terminal in opened:
        terminal.close()
