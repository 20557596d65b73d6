"""``netcoach add``, through real subprocesses: the same name twice is a question, not a quiet copy;
``--again`` adds a second person; stages are typed and printed in the app's words."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from tests.cli.helpers import CommandLine, Ok


def contacts_dir() -> Path:
    return Path(os.environ["NETCOACH_DATA"]) / "contacts"


def files() -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(contacts_dir().iterdir())}


@pytest.mark.parametrize("again", ["Priya Raman", "priya raman", "PRIYA RÁMAN", "  Priya   Raman "])
def test_add_of_a_name_already_there_names_them_and_writes_nothing(netcoach: CommandLine, ok: Ok, again: str) -> None:
    ok("add", "Priya Raman", "--met-at", "Data & Design meetup", "--met-on", "2026-11-17")
    before = files()
    journal = ok("undo", "--list")
    result = netcoach("add", again, "--company", "Northwind")
    assert result.returncode == 2, result.stdout
    assert result.stdout == ""
    assert "Priya Raman (priya-raman), met at Data & Design meetup, 17 November" in result.stderr
    assert "--again" in result.stderr and "Traceback" not in result.stderr
    assert files() == before  # nothing written
    assert ok("undo", "--list") == journal  # nor journalled


def test_again_adds_a_second_person_of_that_name(ok: Ok) -> None:
    ok("add", "Priya Raman")
    out = ok("add", "Priya Raman", "--again", "--company", "Northwind")
    assert "Added Priya Raman (priya-raman-2)" in out and "Use the id 'priya-raman-2'" in out
    assert sorted(files()) == ["priya-raman-2.toml", "priya-raman.toml"]
    second = tomllib.loads((contacts_dir() / "priya-raman-2.toml").read_text())
    assert second["company"] == "Northwind"


def test_again_with_nobody_of_that_name_just_adds(ok: Ok) -> None:
    out = ok("add", "Priya Raman", "--again")
    assert "Added Priya Raman (priya-raman)" in out and "Use the id" not in out


def test_a_different_name_needs_no_again(ok: Ok) -> None:
    ok("add", "Priya Raman")
    ok("add", "Priya Ramanathan")
    assert sorted(files()) == ["priya-raman.toml", "priya-ramanathan.toml"]


def test_met_at_alone_logs_a_meeting_today_and_makes_them_due(ok: Ok) -> None:
    out = ok("add", "Tom Okafor", "--met-at", "the meetup")
    data = tomllib.loads((contacts_dir() / "tom-okafor.toml").read_text())
    today = os.environ["NETCOACH_TODAY"]
    assert data["met_at"] == "the meetup" and data["met_on"].isoformat() == today
    assert [(i["date"].isoformat(), i["kind"]) for i in data["interactions"]] == [(today, "met")]
    assert "nothing due" not in out
    assert "Tom Okafor" in ok("due")


@pytest.mark.parametrize(
    ("typed", "stored", "shown"),
    [
        ("not now", "not_now", "not now"),
        ("not-now", "not_now", "not now"),
        ("not_now", "not_now", "not now"),
        ("Not Now", "not_now", "not now"),
        ("in touch", "in_touch", "in touch"),
        ("in-touch", "in_touch", "in touch"),
        ("in_touch", "in_touch", "in touch"),
        ("resting", "resting", "resting"),
    ],
)
def test_stage_words_are_accepted_however_written_and_printed_as_the_app_says_them(
    ok: Ok, typed: str, stored: str, shown: str
) -> None:
    ok("add", "Maya Chen")
    ok("set", "Maya Chen", "--stage", typed)
    data = tomllib.loads((contacts_dir() / "maya-chen.toml").read_text())
    assert data["stage"] == stored
    line = ok("contacts").strip()
    assert f" · {shown} · " in line and stored not in line.replace(shown, "")


def test_an_unknown_stage_lists_the_words(netcoach: CommandLine, ok: Ok) -> None:
    ok("add", "Maya Chen")
    before = files()
    result = netcoach("set", "Maya Chen", "--stage", "nope")
    assert result.returncode == 2
    assert "new, in touch, resting, not now, archived" in result.stderr
    assert files() == before
