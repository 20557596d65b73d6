"""Shared fixtures: every test runs with its own folders and a fixed today.

Nothing here may touch the developer's real data, config or cache, nor read the real clock.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from netcoach.storage.store import Store

TODAY = dt.date(2026, 11, 18)  # a Wednesday


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point every platform folder at tmp_path, and fix today."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local/share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("NETCOACH_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("NETCOACH_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("NETCOACH_TODAY", TODAY.isoformat())
    for name in ("NO_COLOR", "VISUAL", "EDITOR", "NETCOACH_THEME"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "data", cache_dir=tmp_path / "cache")
