"""The default data and cache folders are found without importing platformdirs, and are platformdirs' own."""

from __future__ import annotations

import sys

import platformdirs
import pytest

from netcoach.storage.folder import CACHE_ENV, DATA_ENV, default_cache_dir, default_data_dir

pytestmark = pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the XDG folders are a Unix matter")


@pytest.mark.parametrize("home", ["/home/ada", "/home/ada/", "/", "/home/ada/../bob"])
@pytest.mark.parametrize("xdg", [None, "", "/srv/xdg", "/srv/xdg/", "relative/xdg", "~/xdg"])
def test_the_same_folders_as_platformdirs(monkeypatch: pytest.MonkeyPatch, home: str, xdg: str | None) -> None:
    monkeypatch.setenv("HOME", home)
    for variable in (DATA_ENV, CACHE_ENV, "ANDROID_DATA", "ANDROID_ROOT"):
        monkeypatch.delenv(variable, raising=False)
    for variable in ("XDG_DATA_HOME", "XDG_CACHE_HOME"):
        if xdg is None:
            monkeypatch.delenv(variable, raising=False)
        else:
            monkeypatch.setenv(variable, xdg)
    assert default_data_dir() == platformdirs.user_data_path("netcoach")
    assert default_cache_dir() == platformdirs.user_cache_path("netcoach")


def test_netcoach_own_variables_come_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DATA_ENV, "/srv/data")
    monkeypatch.setenv(CACHE_ENV, "/srv/cache")
    monkeypatch.setenv("XDG_DATA_HOME", "/elsewhere")
    assert str(default_data_dir()) == "/srv/data"
    assert str(default_cache_dir()) == "/srv/cache"


def test_a_relative_home_is_left_to_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", "relative")
    for variable in (DATA_ENV, CACHE_ENV, "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(variable, raising=False)
    assert default_cache_dir() == platformdirs.user_cache_path("netcoach")
