"""``netcoach due`` as a login message: the 5 most pressing, one line for the rest, a legend; reconnects calm.

Today is Wednesday 18 November 2026 (tests/conftest.py). The people are written through the
store (quicker than a subprocess each); ``due`` runs as a real subprocess.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from netcoach.model.contact import Contact, Interaction
from netcoach.storage.store import Store
from tests.cli.helpers import CommandLine, Ok

TODAY = dt.date(2026, 11, 18)


def _store() -> Store:
    return Store(Path(os.environ["NETCOACH_DATA"]), cache_dir=Path(os.environ["NETCOACH_CACHE"]))


def _add(store: Store, name: str, when: dt.date, kind: str = "received", **fields: object) -> None:
    store.contacts.add(Contact(name=name, interactions=[Interaction(date=when, kind=kind)], **fields))  # type: ignore[arg-type]


@pytest.fixture
def crowd() -> None:
    """3 overdue, 2 due today, 1 coming up, and 12 old friends (4 of them for today, with 4 a day)."""
    store = _store()
    for n, offset in enumerate((-6, -5, -4)):  # they wrote last week: the reply is overdue
        _add(store, f"Overdue {n}", TODAY + dt.timedelta(days=offset))
    _add(store, "Today A", TODAY - dt.timedelta(days=1))
    _add(store, "Today B", TODAY - dt.timedelta(days=1), company="Brightline")
    _add(store, "Soon", TODAY, kind="met")
    for n in range(12):
        _add(store, f"Old Friend {n:02}", dt.date(2019 + n % 5, 1 + n, 8))
    (Path(os.environ["NETCOACH_DATA"]) / "config.toml").write_text("[timing]\nreconnects_per_day = 4\n")


def test_due_names_the_five_most_pressing_then_one_line_and_a_legend(crowd: None, ok: Ok) -> None:
    lines = ok("due").splitlines()
    assert lines[0] == "netcoach: 5 to follow up with today, 1 coming up, 4 to reconnect."
    people = [line for line in lines[1:-2] if not line.startswith("     ")]
    assert [line.split(":")[0] for line in people] == [
        " ! Overdue 0",
        " ! Overdue 1",
        " ! Overdue 2",
        " * Today A",
        " * Today B (Brightline)",
    ]
    assert lines[-2] == " and 5 more: netcoach due --all"
    assert lines[-1] == " ! overdue, * due today."
    assert "reconnect" not in "\n".join(lines[1:])  # the calm ones are among the 5 more


def test_due_all_shows_everyone_and_the_calm_group_last(crowd: None, ok: Ok) -> None:
    lines = ok("due", "--all").splitlines()
    assert "more: netcoach due --all" not in "\n".join(lines)
    calm = lines.index(" Reconnect when you feel like it:")
    names = [line.split(":")[0].strip() for line in lines[calm + 1 :: 2] if line.startswith("   ")]
    assert names == ["Old Friend 00", "Old Friend 01", "Old Friend 05", "Old Friend 10"]  # the 4 oldest, by name
    assert lines[calm + 2] == "     Last in touch 7 years ago (they wrote to you). A warm hello, no apology needed."
    assert " Soon: follow up, Thu 19 Nov" in "\n".join(lines[:calm])
    assert lines[-1] == " ! overdue, * due today."


def test_due_json_is_unchanged_and_has_every_item(crowd: None, ok: Ok) -> None:
    rows = json.loads(ok("due", "--json"))
    assert [set(row) for row in rows] == [{"name", "due", "status", "kind", "reason"}] * len(rows)
    reconnects = [r for r in rows if r["status"] == "reconnect"]
    assert len(reconnects) == 12  # three business days of 4, all within the 7 days asked for
    assert {r["kind"] for r in reconnects} == {"reconnect"}
    assert [r["due"] for r in reconnects].count(TODAY.isoformat()) == 4
    assert "overdue" not in {r["status"] for r in reconnects}
    assert len(rows) == 18


def test_only_reconnects_and_no_marks_means_no_legend(ok: Ok) -> None:
    store = _store()
    _add(store, "Ana Lima", dt.date(2021, 6, 11))
    out = ok("due")
    assert out.splitlines() == [
        "netcoach: nothing due today, 1 to reconnect.",
        " Reconnect when you feel like it:",
        "   Ana Lima: reconnect, today",
        "     Last in touch 5 years ago (they wrote to you). A warm hello, no apology needed.",
    ]


# -- history logged later, and the words beside a date ---------------------------------------


def test_add_last_contact_keeps_its_precision_and_makes_a_calm_reconnect(ok: Ok) -> None:
    out = ok("add", "Jonas Weber", "--last-contact", "2019")
    assert out.startswith("Added Jonas Weber (jonas-weber). Next: reconnect 18 November.")
    ok("add", "Lena Park", "--last-contact", "2023-06")
    data = Path(os.environ["NETCOACH_DATA"]) / "contacts"
    assert 'last_contact = "2019"' in (data / "jonas-weber.toml").read_text()
    assert 'last_contact = "2023-06"' in (data / "lena-park.toml").read_text()
    rows = {r["name"]: r for r in json.loads(ok("due", "--json"))}
    assert rows["Jonas Weber"]["reason"] == "Last in touch in 2019. A warm hello, no apology needed."
    assert rows["Lena Park"]["reason"] == "Last in touch in June 2023. A warm hello, no apology needed."
    ok("set", "Lena", "--last-contact", "yesterday")
    assert 'last_contact = "2026-11-17"' in (data / "lena-park.toml").read_text()


def test_a_last_contact_that_is_not_a_date_names_the_forms(netcoach: CommandLine) -> None:
    result = netcoach("add", "Jonas Weber", "--last-contact", "long ago")
    assert result.returncode == 2
    assert "a year (2019), a month (2023-06) or a date" in result.stderr
    assert not (Path(os.environ["NETCOACH_DATA"]) / "contacts" / "jonas-weber.toml").exists()


def test_reach_out_after_with_their_words(ok: Ok) -> None:
    ok("add", "Grace Kim", "--met-on", "2026-11-02", "--met-at", "a meetup")
    out = ok("set", "Grace", "--reach-out-after", "2026-12-04", "--reach-out-reason", "back from parental leave")
    assert out == "Updated Grace Kim. Next: follow up 7 December.\n"  # after Friday 4th: Monday
    rows = json.loads(ok("due", "--json", "--days", "30"))
    assert rows[0]["reason"] == "They asked you to reach out after 4 December (back from parental leave)."
    ok("set", "Grace", "--clear", "reach_out_reason")
    assert (
        json.loads(ok("due", "--json", "--days", "30"))[0]["reason"] == "They asked you to reach out after 4 December."
    )
    undone = ok("undo")
    assert undone
    assert "(back from parental leave)" in json.loads(ok("due", "--json", "--days", "30"))[0]["reason"]


def test_the_next_step_after_a_change_is_the_reconnects_turn_that_due_shows(crowd: None, ok: Ok) -> None:
    """Old Friend 11 (December 2020) is the sixth oldest of the 12 reconnects, 4 a day: not today but
    tomorrow, in ``due`` and in what ``set`` says comes next."""
    rows = json.loads(ok("due", "--json"))
    turn = next(r["due"] for r in rows if r["name"] == "Old Friend 11")
    assert turn == (TODAY + dt.timedelta(days=1)).isoformat()
    out = ok("set", "Old Friend 11", "--company", "Acme")
    assert out.startswith("Updated Old Friend 11. Next: reconnect 19 November."), out
    first = ok("set", "Old Friend 00", "--company", "Acme")  # the oldest: today
    assert first.startswith("Updated Old Friend 00. Next: reconnect 18 November."), first
