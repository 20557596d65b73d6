"""Shared fixtures: every test runs with its own folders and a fixed today.

Nothing here may touch the developer's real data, config or cache, nor read the real clock.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from netcoach.storage.store import Store
from netcoach.themes import user_themes_dir
from tests.helpers import AWKWARD_PEOPLE, FIXTURES, MakeStore, UserTheme

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
def make_store(tmp_path: Path) -> MakeStore:
    """Stores beside ``store``, each a new ``Store`` as another process would open it.

    ``make_store()`` opens the test's own data folder (``tmp_path/data``, the one ``NETCOACH_DATA`` names)
    with its cache (``tmp_path/cache``); ``make_store(cache="other-cache")`` opens that same folder with a
    cache of its own; ``make_store("other")`` is a second data folder ``tmp_path/other`` with its own cache
    ``tmp_path/other-cache``. ``use_index=False`` reads every file every time.
    """

    def make(name: str = "data", *, cache: str | None = None, use_index: bool = True) -> Store:
        if cache is None:
            cache = "cache" if name == "data" else f"{name}-cache"
        return Store(tmp_path / name, cache_dir=tmp_path / cache, use_index=use_index)

    return make


@pytest.fixture
def store(make_store: MakeStore) -> Store:
    """The test's data folder (``NETCOACH_DATA``), so the command line run by a test sees the same files."""
    return make_store()


@pytest.fixture
def awkward_store(store: Store) -> Store:
    """``store`` holding :data:`tests.helpers.AWKWARD_PEOPLE` (for exports)."""
    store.contacts.add_many(AWKWARD_PEOPLE)
    return store


@pytest.fixture
def user_theme() -> UserTheme:
    """Put a theme file in the (isolated) user themes folder: ``user_theme(name)`` copies
    ``tests/fixtures/themes/<name>``; ``user_theme(name, text)`` writes ``text``."""

    def put(name: str, text: str | None = None) -> Path:
        folder = user_themes_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        if text is None:
            shutil.copyfile(FIXTURES / "themes" / name, path)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return put
