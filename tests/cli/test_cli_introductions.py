"""Introductions on the command line: --met-through, closing the loop in ``due``, and the intro drafts.

Today is Wednesday 18 November 2026 (tests/conftest.py).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.cli.helpers import CommandLine, Ok


@pytest.fixture
def introduced(ok: Ok) -> None:
    ok("add", "Ana Souza", "--company", "Lumen", "--role", "Data Engineer", "--they-can-help", "dbt")
    ok("add", "Gia Roy", "--company", "Acme", "--met-through", "ana")


def settle() -> None:
    """Files written seconds ago are re-read until they settle: age them, so the index remembers them."""
    for path in (Path(os.environ["NETCOACH_DATA"]) / "contacts").iterdir():
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns - 10**12, stat.st_mtime_ns - 10**12))


def test_met_through_is_the_introducers_id_and_set_changes_or_clears_it(introduced: None, ok: Ok) -> None:
    people = {p["name"]: p for p in json.loads(ok("contacts", "--json"))}
    assert people["Gia Roy"]["met_through"] == "ana-souza"
    ok("add", "Bo Park")
    ok("set", "bo", "--met-through", "Gia Roy")
    assert {p["name"]: p.get("met_through") for p in json.loads(ok("contacts", "--json"))}["Bo Park"] == "gia-roy"
    ok("set", "bo", "--clear", "met_through")
    assert not {p["name"]: p.get("met_through") for p in json.loads(ok("contacts", "--json"))}["Bo Park"]


@pytest.mark.parametrize("warm", [False, True])
def test_a_meeting_with_gia_asks_you_to_close_the_loop_with_ana(introduced: None, ok: Ok, warm: bool) -> None:
    ok("log", "gia", "meeting", "--on", "2026-11-17")
    if warm:
        settle()
        ok("due")  # the index remembers everyone; the next run reads only the people due
    rows = json.loads(ok("due", "--json", "--days", "0"))
    assert [(r["name"], r["kind"]) for r in rows] == [("Ana Souza", "close_the_loop"), ("Gia Roy", "thank_you")]
    assert rows[0]["reason"].startswith("Ana introduced you to Gia Roy")
    ok("log", "ana", "sent")  # you wrote to Ana: the loop is closed
    if warm:
        settle()
        ok("due")
    assert [r["kind"] for r in json.loads(ok("due", "--json", "--days", "0"))] == ["thank_you"]


def test_no_loop_for_a_meeting_with_someone_nobody_introduced(ok: Ok) -> None:
    ok("add", "Ana Souza")
    ok("add", "Gia Roy")
    ok("log", "gia", "call", "--on", "2026-11-17")
    assert [r["kind"] for r in json.loads(ok("due", "--json"))] == ["thank_you"]


def test_draft_an_introduction_and_the_ask_before_it(introduced: None, ok: Ok) -> None:
    out = ok("draft", "gia", "--kind", "intro", "--about", "ana", "--channel", "email")
    assert out.startswith("Subject: Intro: Gia Roy (Acme) <> Ana Souza (Lumen)\n\nHi Gia and Ana,")
    ask = ok("draft", "gia", "--kind", "intro_ask", "--about", "Ana Souza", "--channel", "email")
    assert "Subject: Would you like an intro to Ana Souza?" in ask and "Data Engineer at Lumen" in ask
    ok("log", "gia", "meeting", "--on", "2026-11-17")
    loop = ok("draft", "ana", "--kind", "close_the_loop", "--channel", "email")
    assert "Gia Roy and I" in loop


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["add", "Bo", "--met-through", "nobody"], "nobody"),
        (["set", "gia", "--met-through", "gia"], "cannot have introduced you to themselves"),
        (["set", "gia", "--met-through", "zed"], "zed"),
        (["draft", "gia", "--kind", "intro"], "needs --about OTHER"),
        (["draft", "gia", "--kind", "intro", "--about", "gia"], "give the other person"),
        (["draft", "gia", "--kind", "nudge", "--about", "ana"], "--about is for"),
        (["draft", "gia", "--kind", "intro", "--about", "nobody"], "nobody"),
    ],
)
def test_bad_input_is_one_line_exit_2(introduced: None, netcoach: CommandLine, args: list[str], says: str) -> None:
    before = sorted((p.name, p.read_bytes()) for p in (Path(os.environ["NETCOACH_DATA"]) / "contacts").iterdir())
    result = netcoach(*args)
    assert result.returncode == 2 and says in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    after = sorted((p.name, p.read_bytes()) for p in (Path(os.environ["NETCOACH_DATA"]) / "contacts").iterdir())
    assert after == before
