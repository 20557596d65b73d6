"""``netcoach who`` through a real subprocess."""

from __future__ import annotations

import json

import pytest

from tests.cli.helpers import CommandLine, Ok


@pytest.fixture
def people(ok: Ok) -> None:
    ok("add", "Ana Souza", "--company", "Lumen", "--role", "Data Engineer", "--they-can-help", "dbt")
    ok("add", "José Díaz", "--notes", "His sister works at Google", "--tag", "dbt")
    ok("add", "Bea Lima", "--company", "Google")
    ok("log", "jose", "received")


def test_who_ranks_and_says_why(people: None, ok: Ok) -> None:
    out = ok("who", "help", "with", "DBT")
    assert out.splitlines() == [
        "José Díaz · in touch",
        "    tags: dbt",
        "Ana Souza (Lumen) · new",
        "    they could help with: dbt",
    ]
    rows = json.loads(ok("who", "at Google", "--json"))
    assert [(r["name"], r["company"], r["stage"], r["why"]) for r in rows] == [
        ("Bea Lima", "Google", "new", ["company: Google"]),
        ("José Díaz", "", "in_touch", ['notes: mention "google"']),
    ]
    assert all(isinstance(r["score"], int) for r in rows)
    assert json.loads(ok("who", "jose", "--json", "--limit", "1"))[0]["name"] == "José Díaz"


def test_nobody_matches(people: None, ok: Ok) -> None:
    assert "Nobody matches" in ok("who", "astrophysics")
    assert json.loads(ok("who", "astrophysics", "--json")) == []


@pytest.mark.parametrize(("args", "says"), [(["who", "the"], "say what you need help with"), (["who"], "TEXT")])
def test_bad_input_exits_2_in_one_line(netcoach: CommandLine, args: list[str], says: str) -> None:
    result = netcoach(*args)
    assert result.returncode == 2 and says in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
