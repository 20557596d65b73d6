"""The event commands through real subprocesses: add, show, edit, rm, events, add --event, due, undo, check.

Today is Wednesday 18 November 2026 (tests/conftest.py).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tomllib
from pathlib import Path

import pytest

from tests.cli.helpers import CommandLine, Ok, imported_modules
from tests.helpers import snapshot


def data_dir() -> Path:
    return Path(os.environ["NETCOACH_DATA"])


def events_dir() -> Path:
    return data_dir() / "events"


@pytest.fixture
def rooms(ok: Ok) -> None:
    """An upcoming meetup (tomorrow) and a dinner two days ago, with Ana met there; Bo shares a tag."""
    ok("event", "add", "PyData Meetup", "--on", "tomorrow", "--at", "Tech Hub", "--goal", "meet two data people",
       "--tag", "data", "--time", "18:30")  # fmt: skip
    ok("event", "add", "Chamber Dinner", "--on", "2026-11-16", "--at", "Hotel Del")
    ok("add", "Ana Ruiz", "--company", "Acme", "--event", "chamber")
    ok("add", "Bo Chen", "--tag", "Data")


def test_event_add_writes_one_checked_file(rooms: None, ok: Ok) -> None:
    files = sorted(p.name for p in events_dir().iterdir())
    assert files == ["chamber-dinner-2026-11-16.toml", "pydata-meetup-2026-11-19.toml"]
    data = tomllib.loads((events_dir() / files[1]).read_text())
    assert data == {
        "name": "PyData Meetup",
        "date": dt.date(2026, 11, 19),
        "time": dt.time(18, 30),
        "place": "Tech Hub",
        "goal": "meet two data people",
        "tags": ["data"],
    }
    assert oct(events_dir().stat().st_mode & 0o777) == "0o700"
    assert "All " in ok("check")


def test_add_event_logs_met_on_the_event_date_at_the_event(rooms: None, ok: Ok) -> None:
    ana = tomllib.loads((data_dir() / "contacts" / "ana-ruiz.toml").read_text())
    assert ana["met_at"] == "Chamber Dinner (Hotel Del)"
    assert ana["interactions"][-1]["event"] == "chamber-dinner-2026-11-16"
    assert str(ana["interactions"][-1]["date"]) == "2026-11-16"
    shown = json.loads(ok("event", "show", "Chamber Dinner", "--json"))
    assert [p["name"] for p in shown["people"]] == ["Ana Ruiz"]
    assert shown["people"][0]["next"] == "follow up 17 November" and shown["followed_up"] == 0
    text = ok("event", "show", "chamber")
    assert "Met there: 1, 0 of 1 followed up" in text and "Ana Ruiz (Acme) · next: follow up 17 November" in text


def test_events_lists_upcoming_then_past_with_people_and_follow_ups(rooms: None, ok: Ok) -> None:
    ok("log", "Ana", "sent", "--on", "2026-11-17")
    rows = json.loads(ok("events", "--json"))
    assert [(r["id"], r["people"], r["followed_up"]) for r in rows] == [
        ("pydata-meetup-2026-11-19", [], 0),
        ("chamber-dinner-2026-11-16", ["Ana Ruiz"], 1),
    ]
    assert {"id", "name", "date", "place", "people", "followed_up"} <= set(rows[0])
    text = ok("events")
    assert text.index("Upcoming:") < text.index("PyData") < text.index("Past:") < text.index("Chamber")
    assert "met 1 person, 1 of 1 followed up" in text


def test_due_has_the_prep_and_the_debrief_until_someone_is_added(ok: Ok) -> None:
    ok("event", "add", "PyData Meetup", "--on", "tomorrow", "--goal", "meet two data people", "--tag", "data")
    ok("event", "add", "Gala", "--on", "yesterday")
    ok("add", "Bo Chen", "--tag", "data")
    rows = {r["kind"]: r for r in json.loads(ok("due", "--json"))}
    assert rows["event_prep"]["name"] == "PyData Meetup" and rows["event_prep"]["status"] == "today"
    assert rows["event_prep"]["event"] == "pydata-meetup-2026-11-19"
    assert rows["event_prep"]["reason"] == (
        "Tomorrow: PyData Meetup. Your goal: meet two data people. One person you know may be there: Bo Chen."
    )
    assert rows["event_debrief"]["reason"].startswith("You went to Gala yesterday: who did you meet?")
    assert "Gala: event debrief, today" in ok("due")
    ok("add", "Cy Diaz", "--event", "Gala")
    kinds = [r["kind"] for r in json.loads(ok("due", "--json"))]
    assert "event_debrief" not in kinds and "follow_up" in kinds
    cy = next(r for r in json.loads(ok("due", "--json")) if r["name"] == "Cy Diaz")
    assert "Gala" in cy["reason"]


def test_nobody_ends_the_debrief_and_undo_brings_it_back(ok: Ok) -> None:
    ok("event", "add", "Gala", "--on", "yesterday")
    assert "event_debrief" in [r["kind"] for r in json.loads(ok("due", "--json"))]
    assert "Noted: nobody" in ok("event", "show", "gala", "--nobody")
    assert "event_debrief" not in [r["kind"] for r in json.loads(ok("due", "--json"))]
    ok("undo")
    assert "event_debrief" in [r["kind"] for r in json.loads(ok("due", "--json"))]
    assert json.loads(ok("event", "show", "gala", "--nobody", "--json"))["nobody"] is True  # still one JSON object


def test_edit_and_rm_and_undo(rooms: None, ok: Ok, netcoach: CommandLine) -> None:
    ok("event", "edit", "pydata", "--goal", "meet one person", "--clear", "place", "--on", "2026-11-20")
    shown = json.loads(ok("event", "show", "pydata", "--json"))
    assert (shown["goal"], shown["place"], shown["date"]) == ("meet one person", "", "2026-11-20")
    ok("undo")
    assert json.loads(ok("event", "show", "pydata", "--json"))["goal"] == "meet two data people"
    assert netcoach("event", "rm", "pydata").returncode == 2  # no terminal to ask on: nothing removed
    assert (events_dir() / "pydata-meetup-2026-11-19.toml").exists()
    ok("event", "rm", "pydata", "--yes")
    assert not (events_dir() / "pydata-meetup-2026-11-19.toml").exists()
    ok("undo")
    assert (events_dir() / "pydata-meetup-2026-11-19.toml").exists()


def test_edit_in_the_editor_is_checked_before_it_is_saved(rooms: None, netcoach: CommandLine, tmp_path: Path) -> None:
    script = tmp_path / "editor.sh"
    script.write_text('#!/bin/sh\nprintf \'name = "PyData"\\ndate = 2026-11-19\\nplcae = "x"\\n\' > "$1"\n')
    script.chmod(0o700)
    path = events_dir() / "pydata-meetup-2026-11-19.toml"
    before = path.read_bytes()
    result = netcoach("event", "edit", "pydata", EDITOR=str(script))
    assert result.returncode == 1 and ":3:1: plcae: unknown key" in result.stderr
    assert path.read_bytes() == before
    script.write_text('#!/bin/sh\nprintf \'name = "PyData"\\ndate = 2026-11-19\\n\' > "$1"\n')
    result = netcoach("event", "edit", "pydata", EDITOR=str(script))
    assert result.returncode == 0 and tomllib.loads(path.read_text()) == {
        "name": "PyData",
        "date": dt.date(2026, 11, 19),
    }


@pytest.mark.parametrize(
    "args",
    [
        ("add", "Di", "--event", "nope"),  # unknown event
        ("add", "Di", "--event", "2026"),  # no event's name or id starts so
        ("add", "Di", "--event", "chamber", "--met-on", "today"),
        ("event", "add", "Gala", "--on", "blursday"),  # bad date
        ("event", "add", "Gala"),  # no date
        ("event", "add", "  ", "--on", "today"),  # no name
        ("event", "add", "Gala", "--on", "today", "--time", "25:00"),
        ("event", "show", "nope"),
        ("event", "edit", "pydata", "--on", "someday"),
        ("event", "edit", "pydata", "--clear", "name"),
        ("event", "rm", "nope", "--yes"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(rooms: None, netcoach: CommandLine, args: tuple[str, ...]) -> None:
    before = snapshot(data_dir())
    result = netcoach(*args)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("netcoach") and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 3
    assert snapshot(data_dir()) == before


def test_an_ambiguous_event_lists_the_ids(ok: Ok, netcoach: CommandLine) -> None:
    ok("event", "add", "Monthly Meetup", "--on", "2026-10-01")
    ok("event", "add", "Monthly Meetup", "--on", "2026-11-05")
    before = snapshot(data_dir())
    result = netcoach("add", "Di", "--event", "monthly meetup")
    assert result.returncode == 2 and "matches 2 events" in result.stderr
    assert "(monthly-meetup-2026-10-01)" in result.stderr and "(monthly-meetup-2026-11-05)" in result.stderr
    assert snapshot(data_dir()) == before
    ok("add", "Di", "--event", "monthly-meetup-2026-11-05")


def test_a_broken_event_file_is_reported_by_check_and_due_and_left_alone(rooms: None, netcoach: CommandLine) -> None:
    bad = events_dir() / "broken.toml"
    bad.write_text('name = "Dinner"\ndate = "soon"\n')
    result = netcoach("check")
    assert result.returncode == 1 and f"{bad}:2:1: date" in result.stdout + result.stderr
    due = netcoach("due")
    assert due.returncode == 0 and "1 file could not be read" in due.stderr
    assert bad.read_text() == 'name = "Dinner"\ndate = "soon"\n'


def test_a_warm_due_with_events_does_not_load_pydantic(rooms: None, ok: Ok, netcoach: CommandLine) -> None:
    ok("event", "add", "Gala", "--on", "yesterday")
    for path in [*(data_dir() / "contacts").iterdir(), *events_dir().iterdir()]:  # settle them for the index
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns - 10**12, stat.st_mtime_ns - 10**12))
    ok("due")  # builds the index
    result = netcoach("due", python=["-X", "importtime"])
    assert result.returncode == 0
    assert "PyData Meetup: event prep, today" in result.stdout and "Gala: event debrief, today" in result.stdout
    assert "One person you know may be there: Bo Chen." in result.stdout
    imported = imported_modules(result.stderr)
    assert "netcoach.timing.events" in imported
    assert not [name for name in imported if name.split(".")[0] in {"pydantic", "pydantic_core", "email_validator"}]


def test_stats_counts_the_events(rooms: None, ok: Ok) -> None:
    ok("log", "Ana", "sent", "--on", "2026-11-17")
    data = json.loads(ok("stats", "--json"))
    assert data["events"] == {
        "went_to": 1,
        "people_met": 1,
        "followed_up": 1,
        "replied": 0,
        "enough_data": False,
        "lines": ["You went to 1 event and met 1 person there.", "You followed up with 1 of them; 0 replied."],
    }
    assert "You went to 1 event and met 1 person there." in ok("stats")
