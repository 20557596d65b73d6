"""``netcoach promise`` / ``promises`` and how promises show in ``due``, through real subprocesses.

Today is Wednesday 18 November 2026 (tests/conftest.py).
"""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path

import pytest

from tests.cli.helpers import CommandLine, Ok, imported_modules


def contact_file() -> Path:
    return Path(os.environ["NETCOACH_DATA"]) / "contacts" / "ana-souza.toml"


@pytest.fixture
def ana(ok: Ok) -> None:
    ok("add", "Ana Souza", "--company", "Lumen")


def test_a_promise_of_yours_is_due_in_two_business_days_quoting_it(ana: None, ok: Ok) -> None:
    out = ok("promise", "ana", "send the dbt article")
    assert 'Promised Ana Souza: "send the dbt article", by 20 November' in out
    [promise] = tomllib.loads(contact_file().read_text())["promises"]
    assert promise == {
        "text": "send the dbt article",
        "by": tomllib.loads("d = 2026-11-20")["d"],
        "whose": "mine",
        "made_on": tomllib.loads("d = 2026-11-18")["d"],
    }
    [row] = json.loads(ok("due", "--json"))
    assert row["kind"] == "promise" and row["due"] == "2026-11-20" and row["status"] == "upcoming"
    assert '"send the dbt article"' in row["reason"]
    assert "Ana Souza (Lumen): promise, Fri 20 Nov" in ok("due")


def test_theirs_waits_a_week_and_something_received_ends_the_wait(ana: None, ok: Ok) -> None:
    ok("promise", "Ana Souza", "intro to her manager", "--theirs")
    assert json.loads(ok("due", "--json", "--days", "6")) == []  # a week away
    [row] = json.loads(ok("due", "--json", "--days", "14"))
    assert (row["kind"], row["due"]) == ("waiting_on", "2026-11-25")
    ok("log", "ana", "received", "--on", "2026-11-20")
    rows = json.loads(ok("due", "--json", "--days", "14"))
    assert [r["kind"] for r in rows] == ["reply"]  # answer her; nothing to wait for any more
    [listed] = json.loads(ok("promises", "--json"))
    assert listed["received_since"] is True and listed["whose"] == "theirs"


def test_a_person_with_a_message_and_a_promise_is_listed_twice(ok: Ok) -> None:
    ok("add", "Ana Souza", "--met-at", "a dbt meetup", "--met-on", "2026-11-17")
    ok("promise", "ana", "send the dbt article", "--by", "tomorrow")
    rows = json.loads(ok("due", "--json"))
    assert [(r["name"], r["kind"], r["due"]) for r in rows] == [
        ("Ana Souza", "follow_up", "2026-11-18"),
        ("Ana Souza", "promise", "2026-11-19"),
    ]
    assert set(rows[0]) == {"name", "due", "status", "kind", "reason"}


def test_done_marks_it_kept_and_undo_takes_it_back(ana: None, ok: Ok) -> None:
    ok("promise", "ana", "send the dbt article")
    ok("promise", "ana", "send the deck", "--by", "2026-11-30")
    assert 'Kept: "send the dbt article"' in ok("promise", "ana", "--done", "DBT")
    promises = tomllib.loads(contact_file().read_text())["promises"]
    assert [p.get("kept_on") for p in promises] == [tomllib.loads("d = 2026-11-18")["d"], None]
    assert [p["text"] for p in json.loads(ok("promises", "--json"))] == ["send the deck"]
    assert "Undid" in ok("undo")
    assert [p["text"] for p in json.loads(ok("promises", "--json"))] == ["send the dbt article", "send the deck"]
    out = ok("promises")
    assert 'Ana Souza: you, "send the dbt article", by 20 November' in out


def test_no_promises_says_how_to_make_one(ok: Ok) -> None:
    assert "No open promises" in ok("promises")
    assert json.loads(ok("promises", "--json")) == []


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["promise", "ana"], "say what was promised"),
        (["promise", "ana", ""], "must not be empty"),
        (["promise", "ana", "x", "--by", "yesterday"], "in the past"),
        (["promise", "ana", "x", "--by", "someday"], "someday"),
        (["promise", "nobody", "x"], "nobody"),
        (["promise", "ana", "--done", "zzz"], 'matches "zzz"'),
        (["promise", "ana", "--done", "send"], "matches 2 promises"),
        (["promise", "ana", "x", "--done", "send"], "--done"),
        (["promise", "ana", "--done", "send", "--theirs"], "--done"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_written(
    ana: None, ok: Ok, netcoach: CommandLine, args: list[str], says: str
) -> None:
    ok("promise", "ana", "send the dbt article")
    ok("promise", "ana", "send the deck")
    before = contact_file().read_bytes()
    result = netcoach(*args)
    assert result.returncode == 2, result
    assert says in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert contact_file().read_bytes() == before


def test_warm_due_reads_promises_without_pydantic(ana: None, ok: Ok, netcoach: CommandLine) -> None:
    """Not a timing test: promises come from the index's compact copy, so `due` stays light."""
    ok("promise", "ana", "send the dbt article", "--by", "today")
    for path in contact_file().parent.iterdir():  # files written seconds ago are re-read until they settle
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns - 10**12, stat.st_mtime_ns - 10**12))
    ok("due")  # builds the index
    result = netcoach("due", python=["-X", "importtime"])
    assert result.returncode == 0 and "Ana Souza (Lumen): promise, today" in result.stdout
    imported = imported_modules(result.stderr)
    assert not [name for name in imported if name.split(".")[0] in {"pydantic", "pydantic_core"}]
