"""``netcoach themes`` and the theme option: listing, marking the one in use, bad theme files reported."""

from __future__ import annotations

import json
import os

from netcoach.storage.store import Store
from netcoach.themes import ANSI_THEME, DEFAULT_THEME
from tests.cli.helpers import CommandLine
from tests.helpers import UserTheme


def test_netcoach_themes_lists_and_marks_the_one_from_config(
    store: Store, user_theme: UserTheme, netcoach: CommandLine
) -> None:
    store.folder.save_file("config.toml", 'theme = "netcoach-light"\n')
    ocean = user_theme("ocean.toml")
    bad = user_theme("bad-colour.toml")
    result = netcoach("themes")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Themes (* is the one netcoach starts with here: chosen in config.toml)"
    marked = [line for line in lines if line.startswith("* ")]
    assert len(marked) == 1
    assert marked[0].startswith("* netcoach-light ")
    assert any(line.startswith("  netcoach-dark ") and "(the default)" in line for line in lines)
    assert any(line.startswith("  ocean ") and f"yours: {ocean}" in line for line in lines)
    assert f"  {bad}:3:1: secondary: 'blu' is not a colour" in result.stdout
    assert "1 theme file could not be used" in result.stdout
    assert "None" not in result.stdout


def test_netcoach_themes_marks_the_automatic_choice(netcoach: CommandLine) -> None:
    env = dict(os.environ, TERM="xterm", NO_COLOR="")
    env.pop("COLORTERM", None)
    env.pop("TEXTUAL_COLOR_SYSTEM", None)
    result = netcoach("themes", env=env)
    assert result.returncode == 0, result.stderr
    assert "this terminal shows 16 colours" in result.stdout.splitlines()[0]
    assert f"\n* {ANSI_THEME} " in result.stdout


def test_netcoach_themes_says_when_the_configured_theme_is_missing(store: Store, netcoach: CommandLine) -> None:
    store.folder.save_file("config.toml", 'theme = "vanished"\n')
    env = dict(os.environ, TERM="xterm-256color")
    env.pop("COLORTERM", None)
    result = netcoach("themes", env=env)
    assert result.returncode == 0, result.stderr
    assert f"config.toml asks for the theme 'vanished', which is not here, so {DEFAULT_THEME} is used." in result.stdout


def test_netcoach_themes_json(user_theme: UserTheme, netcoach: CommandLine) -> None:
    user_theme("ocean.toml")
    result = netcoach("--theme", "OCEAN", "themes", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["name"] for r in rows if r["current"]] == ["ocean"]
    assert {r["name"]: r["source"] for r in rows}["ocean"] == "user"
    assert set(rows[0]) == {"name", "description", "source", "path", "dark", "current"}


def test_an_unknown_theme_flag_exits_2_and_lists_the_themes(netcoach: CommandLine) -> None:
    result = netcoach("--theme", "neon", "themes")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("netcoach: there is no theme called 'neon'.")
    assert "netcoach-ansi, netcoach-contrast, netcoach-dark, netcoach-light" in result.stderr
    assert "Traceback" not in result.stderr


def test_netcoach_check_reports_bad_theme_files(user_theme: UserTheme, netcoach: CommandLine) -> None:
    bad = user_theme("unknown-key.toml")
    result = netcoach("check")
    assert result.returncode == 1
    assert f"{bad}:3:1: backgroud: unknown key (check the spelling)" in result.stdout
