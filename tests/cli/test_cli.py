"""The command line, through real subprocesses: exit codes, output, and nothing written on bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from netcoach.storage.dirs import TEMP_SUFFIX
from netcoach.storage.fsio import atomic_write
from netcoach.storage.store import Store
from tests.cli.helpers import CommandLine, Ok, imported_modules
from tests.helpers import maya, snapshot

TODAY = "2026-11-18"  # a Wednesday (conftest sets NETCOACH_TODAY to it)


def data_dir() -> Path:
    return Path(os.environ["NETCOACH_DATA"])


def contact_file(stem: str) -> dict:
    return tomllib.loads((data_dir() / "contacts" / f"{stem}.toml").read_text())


@pytest.fixture
def people(ok: Ok) -> None:
    """A few people, added through the command line."""
    ok(
        "add",
        "Maya Chen",
        "--company",
        "Brightline",
        "--met-at",
        "the SDSU alumni happy hour",
        "--met-on",
        "2026-11-17",
    )
    ok("add", "Maya Lin", "--email", "maya.lin@example.com")
    ok("add", "Priya Raman", "--company", "Northwind Bank")
    ok("log", "Priya", "sent", "--on", "2026-11-04", "--channel", "linkedin", "--summary", "Asked for 20 minutes")


# -- help ---------------------------------------------------------------------------------


def test_help_lists_every_command(ok: Ok) -> None:
    out = ok("--help")
    for command in ("add", "log", "set", "due", "contacts", "check"):
        assert command in out
    for command in ("add", "log", "set", "due", "contacts", "check"):
        assert "usage: netcoach " + command in ok(command, "--help")


def test_an_unknown_command_exits_2(netcoach: CommandLine) -> None:
    result = netcoach("frobnicate")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


# -- add / log / set ----------------------------------------------------------------------


def test_add_writes_a_contact_and_logs_the_meeting(ok: Ok) -> None:
    out = ok(
        "add",
        "Maya Chen",
        "--company",
        "Brightline Health",
        "--role",
        "Designer",
        "--email",
        "maya@example.com",
        "--email",
        "maya.chen@example.com",
        "--phone",
        "+1 619 555 0100",
        "--linkedin",
        "linkedin.com/in/maya",
        "--met-at",
        "the happy hour",
        "--story",
        "Talked about forms",
        "--common",
        "same major",
        "--tag",
        "design",
    )
    assert out.startswith("Added Maya Chen (maya-chen). Next: follow up 19 November.")
    data = contact_file("maya-chen")
    assert data["emails"] == ["maya@example.com", "maya.chen@example.com"]
    assert data["linkedin"] == "https://linkedin.com/in/maya"
    assert data["met_on"].isoformat() == TODAY  # --met-at alone: met today
    assert data["common_ground"] == ["same major"] and data["tags"] == ["design"]
    assert [(i["date"].isoformat(), i["kind"]) for i in data["interactions"]] == [(TODAY, "met")]


def test_log_records_every_option(people: None, ok: Ok) -> None:
    ok("log", "Maya Chen", "sent", "--on", "yesterday", "--channel", "email", "--summary", "Hi", "--awaiting-reply")
    ok("log", "maya chen", "sent", "--no-awaiting-reply")
    ok("log", "maya-chen", "received")
    interactions = contact_file("maya-chen")["interactions"]
    assert [(i["date"].isoformat(), i["kind"], i.get("awaiting_reply")) for i in interactions] == [
        ("2026-11-17", "met", None),
        ("2026-11-17", "sent", True),
        (TODAY, "sent", False),
        (TODAY, "received", None),
    ]
    assert interactions[1]["channel"] == "email" and interactions[1]["summary"] == "Hi"
    assert contact_file("maya-chen")["stage"] == "in_touch"  # an answer moves a new contact in touch


def test_log_says_what_comes_next(people: None, ok: Ok) -> None:
    out = ok("log", "Maya Chen", "sent")
    assert out == "Logged sent with Maya Chen on 18 November. Next: nudge 25 November.\n"


def test_set_changes_and_clears(people: None, ok: Ok) -> None:
    ok(
        "set",
        "Maya Chen",
        "--reach-out-after",
        "2026-12-01",
        "--snooze-until",
        "+3d",
        "--stage",
        "not_now",
        "--cadence-days",
        "30",
        "--role",
        "Lead",
        "--add-email",
        "m@example.com",
        "--add-tag",
        "alumni",
    )
    data = contact_file("maya-chen")
    assert data["reach_out_after"].isoformat() == "2026-12-01"
    assert data["snoozed_until"].isoformat() == "2026-11-21"
    assert (data["stage"], data["cadence_days"], data["role"]) == ("not_now", 30, "Lead")
    assert data["emails"] == ["m@example.com"] and data["tags"] == ["alumni"]
    out = ok("set", "Maya Chen", "--clear", "snoozed_until", "--clear", "role", "--name", "Maya C. Chen")
    assert out.startswith("Updated Maya C. Chen.")
    data = contact_file("maya-chen")
    assert "snoozed_until" not in data and "role" not in data
    assert data["name"] == "Maya C. Chen"


def test_a_typed_date_goes_the_way_of_its_field(people: None, ok: Ok) -> None:
    ok("log", "Priya", "call", "--on", "fri")  # today is Wednesday 18 November: the Friday before
    ok("set", "Maya Chen", "--snooze-until", "Fri", "--reach-out-after", "dec 15", "--met-on", "the 17th")
    maya = contact_file("maya-chen")
    assert [maya[key].isoformat() for key in ("snoozed_until", "reach_out_after", "met_on")] == [
        "2026-11-20",  # the Friday after
        "2026-12-15",
        "2026-11-17",
    ]
    assert contact_file("priya-raman")["interactions"][-1]["date"].isoformat() == "2026-11-13"


def test_due_shows_the_year_of_a_date_more_than_180_days_away(people: None, ok: Ok) -> None:
    ok("set", "Maya Chen", "--snooze-until", "2027-08-02")
    assert "Mon 2 Aug 2027" in ok("due", "--days", "300")


def test_set_with_nothing_to_set_exits_2(people: None, netcoach: CommandLine) -> None:
    before = snapshot(data_dir())
    result = netcoach("set", "Maya Chen")
    assert result.returncode == 2 and "nothing to set" in result.stderr
    assert snapshot(data_dir()) == before


# -- due ----------------------------------------------------------------------------------


def test_due_plain_output_is_short_and_calm(people: None, ok: Ok) -> None:
    out = ok("due")
    assert out.splitlines()[0] == "netcoach: 2 to follow up with today."
    assert " * Maya Chen (Brightline): follow up, today" in out
    assert " * Priya Raman (Northwind Bank): nudge, today" in out
    assert "None" not in out


def test_due_with_nothing_due_prints_one_friendly_line(ok: Ok) -> None:
    ok("add", "Noah Fischer")
    assert ok("due") == "netcoach: nobody is waiting on you in the next 7 days. Enjoy the quiet.\n"
    assert ok("due", "--days", "0") == "netcoach: nobody is waiting on you today. Enjoy the quiet.\n"


def test_due_json_has_exactly_the_agreed_keys(people: None, ok: Ok) -> None:
    ok("add", "Elif Demir", "--met-at", "a class", "--met-on", "2026-11-19")
    rows = json.loads(ok("due", "--json"))
    assert [set(row) for row in rows] == [{"name", "due", "status", "kind", "reason"}] * 3
    assert [(r["name"], r["due"], r["status"], r["kind"]) for r in rows] == [
        ("Maya Chen", TODAY, "today", "follow_up"),
        ("Priya Raman", TODAY, "today", "nudge"),
        ("Elif Demir", "2026-11-20", "upcoming", "follow_up"),
    ]
    assert all(r["reason"] and "None" not in r["reason"] for r in rows)


def test_due_days_and_today_options(people: None, ok: Ok) -> None:
    ok("add", "Elif Demir", "--met-at", "a class", "--met-on", "2026-11-27")  # due Monday 30th
    assert [r["name"] for r in json.loads(ok("due", "--json", "--days", "0"))] == ["Maya Chen", "Priya Raman"]
    assert len(json.loads(ok("due", "--json", "--days", "12"))) == 3
    later = json.loads(ok("due", "--json", "--today", "2026-11-30", "--days", "0"))
    assert [(r["name"], r["status"]) for r in later] == [
        ("Maya Chen", "overdue"),
        ("Priya Raman", "overdue"),
        ("Elif Demir", "today"),
    ]


def test_netcoach_today_is_honoured(people: None, ok: Ok) -> None:
    early = json.loads(ok("due", "--json", NETCOACH_TODAY="2026-11-10"))
    assert early == []  # before anything happened
    late = json.loads(ok("due", "--json", NETCOACH_TODAY="2026-11-25"))
    assert {r["status"] for r in late} == {"overdue"}
    ok("add", "Sofia Alvarez", "--met-at", "dinner", NETCOACH_TODAY="2026-11-25")
    assert contact_file("sofia-alvarez")["met_on"].isoformat() == "2026-11-25"


def test_a_malformed_netcoach_today_is_one_line_and_exit_2(netcoach: CommandLine) -> None:
    result = netcoach("due", NETCOACH_TODAY="next tuesday")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "netcoach: NETCOACH_TODAY='next tuesday' is not a date: use YYYY-MM-DD"
    ]


# -- contacts -----------------------------------------------------------------------------


def test_contacts_json_mirrors_the_model(people: None, ok: Ok) -> None:
    rows = json.loads(ok("contacts", "--json"))
    assert [r["name"] for r in rows] == ["Maya Chen", "Maya Lin", "Priya Raman"]
    maya = rows[0]
    assert {"id", "name", "company", "role", "emails", "stage", "interactions", "met_at", "met_on", "tags"} <= set(maya)
    assert (maya["id"], maya["company"], maya["stage"], maya["met_on"]) == (
        "maya-chen",
        "Brightline",
        "new",
        "2026-11-17",
    )
    assert maya["interactions"][0] | {} == maya["interactions"][0]
    first = maya["interactions"][0]
    assert (first["date"], first["kind"], first["channel"], first["summary"]) == (
        "2026-11-17",
        "met",
        "in_person",
        "Met at the SDSU alumni happy hour",
    )
    assert rows[1]["emails"] == ["maya.lin@example.com"]


def test_contacts_plain_lists_everyone(people: None, ok: Ok) -> None:
    lines = ok("contacts").splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("Maya Chen · Brightline · new · last 17 November · next: follow up 18 November")
    assert lines[1] == "Maya Lin · new · never contacted · next: nothing due"


def test_contacts_with_no_contacts_says_how_to_start(ok: Ok) -> None:
    assert "netcoach add" in ok("contacts")
    assert json.loads(ok("contacts", "--json")) == []


# -- names that match several people, or nobody -------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("log", "maya", "sent"),
        ("log", "MAYA", "note", "--summary", "x"),
        ("set", "maya", "--stage", "archived"),
    ],
)
def test_an_ambiguous_name_exits_2_lists_candidates_and_writes_nothing(
    people: None, args: tuple[str, ...], netcoach: CommandLine
) -> None:
    before = snapshot(data_dir())
    result = netcoach(*args)
    assert result.returncode == 2
    assert "matches 2 contacts" in result.stderr
    assert "Maya Chen (maya-chen)" in result.stderr and "Maya Lin (maya-lin)" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(data_dir()) == before


@pytest.mark.parametrize("args", [("log", "Nobody", "sent"), ("set", "Zed", "--stage", "archived")])
def test_an_unknown_name_exits_2_and_writes_nothing(people: None, args: tuple[str, ...], netcoach: CommandLine) -> None:
    before = snapshot(data_dir())
    result = netcoach(*args)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"netcoach: nobody called {args[1]!r}"]
    assert snapshot(data_dir()) == before


# -- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("log", "Maya Chen", "lunch"), ["'lunch'", "met", "sent", "received", "meeting", "call", "note"]),
        (("log", "Maya Chen", "sent", "--channel", "pigeon"), ["'pigeon'", "email", "linkedin"]),
        (("set", "Maya Chen", "--stage", "lost"), ["'lost'", "new", "in touch", "resting", "not now", "archived"]),
        (("log", "Maya Chen", "sent", "--on", "2026-02-30"), ["'2026-02-30'", "February has no 30th"]),
        (("set", "Maya Chen", "--snooze-until", "soonish"), ["'soonish'", "2026-11-30", "friday", "dec 15"]),
        (("add", "Tom", "--met-on", "last week"), ["'last week'", "3 days ago"]),
        (("log", "Maya Chen", "sent", "--on", "+3000000d"), ["'+3000000d'", "1900 to 2199"]),
        (("due", "--days", "3000000"), ["3000000", "2199"]),
        (("add", "Tom", "--email", "tom-at-example"), ["'tom-at-example'", "email"]),
        (("set", "Maya Chen", "--add-email", "nope"), ["'nope'", "email"]),
        (("add", "Tom", "--linkedin", "not a url"), ["'not a url'", "web address"]),
        (("add", "   "), ["name", "empty"]),
        (("add", "\x1b[31m"), ["name", "empty"]),
        (("set", "Maya Chen", "--name", " "), ["name", "empty"]),
        (("set", "Maya Chen", "--cadence-days", "0"), ["cadence_days", "(0)"]),
        (("set", "Maya Chen", "--cadence-days", "often"), ["'often'"]),
        (("set", "Maya Chen", "--clear", "name"), ["'name'", "snoozed_until"]),
        (("due", "--days", "-1"), ["-1"]),
        (("due", "--today", "someday"), ["'someday'"]),
        (("log", "Maya Chen", "sent", "--awaiting-reply", "--no-awaiting-reply"), ["--no-awaiting-reply"]),
    ],
)
def test_bad_input_is_one_clear_line_exit_2_and_nothing_written(
    people: None, args: tuple[str, ...], words: list[str], netcoach: CommandLine
) -> None:
    before = snapshot(data_dir())
    result = netcoach(*args)
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("netcoach")
    for word in words:
        assert word in lines[0], (word, lines[0])
    assert result.stdout == ""
    assert snapshot(data_dir()) == before


# -- data folders -------------------------------------------------------------------------


def test_data_option_wins_over_netcoach_data(tmp_path: Path, ok: Ok) -> None:
    other = tmp_path / "other"
    ok("--data", str(other), "add", "Maya Chen")
    ok("add", "Tom Becker", "--data", str(other))  # also after the command
    assert sorted(p.name for p in (other / "contacts").iterdir()) == ["maya-chen.toml", "tom-becker.toml"]
    assert not data_dir().exists()
    assert [r["name"] for r in json.loads(ok("contacts", "--json", "--data", str(other)))] == [
        "Maya Chen",
        "Tom Becker",
    ]


def test_netcoach_data_is_used_without_the_option(ok: Ok) -> None:
    ok("add", "Maya Chen")
    assert (data_dir() / "contacts" / "maya-chen.toml").is_file()


def test_demo_never_touches_the_users_data(tmp_path: Path, ok: Ok) -> None:
    ok("add", "Maya Chen")
    before = snapshot(data_dir())
    temp = tmp_path / "tmp"
    temp.mkdir()
    cache = Path(os.environ["NETCOACH_CACHE"])
    cache_before = snapshot(cache)
    rows = json.loads(ok("--demo", "due", "--json", TMPDIR=str(temp)))
    assert rows and "Maya Chen" in {r["name"] for r in rows}  # the demo's own Maya, met two days ago
    demo_people = json.loads(ok("contacts", "--json", "--demo", TMPDIR=str(temp)))
    assert 15 <= len(demo_people) <= 30
    ok("--demo", "log", "Tom Becker", "received", TMPDIR=str(temp))
    ok("--demo", "add", "Someone New", TMPDIR=str(temp))
    assert snapshot(data_dir()) == before
    assert snapshot(cache) == cache_before
    assert list(temp.iterdir()) == []  # the demo's temporary folder is gone when netcoach exits


# -- check --------------------------------------------------------------------------------


def test_check_is_0_when_every_file_is_fine(people: None, netcoach: CommandLine) -> None:
    result = netcoach("check")
    assert result.returncode == 0
    assert "are fine" in result.stdout


def test_check_lists_each_problem_with_path_line_and_column_and_exits_1(people: None, netcoach: CommandLine) -> None:
    contacts = data_dir() / "contacts"
    atomic_write(contacts / "typo.toml", 'name = "Ann"\ncompnay = "Acme"\n')
    atomic_write(contacts / "broken.toml", 'name = "Bob"\n\n[[interactions]]\ndate = 2026-11-31\nkind = "met"\n')
    atomic_write(data_dir() / "config.toml", "[timing]\nnudge_days_met = 0\n")
    before = snapshot(data_dir())
    result = netcoach("check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert f"{contacts / 'typo.toml'}:2:1: compnay: unknown key (check the spelling)" in lines
    assert any(line.startswith(f"{contacts / 'broken.toml'}:4:") and "invalid TOML" in line for line in lines)
    assert any(line.startswith(f"{data_dir() / 'config.toml'}:2:1: timing.nudge_days_met") for line in lines)
    assert "3 problems" in result.stderr
    assert snapshot(data_dir()) == before


def test_other_commands_still_work_and_say_a_file_could_not_be_read(people: None, netcoach: CommandLine) -> None:
    atomic_write(data_dir() / "contacts" / "typo.toml", 'name = "Ann"\ncompnay = "Acme"\n')
    before = snapshot(data_dir())
    result = netcoach("due")
    assert result.returncode == 0
    assert "Maya Chen" in result.stdout
    assert "1 file could not be read (netcoach check lists them)" in result.stderr
    result = netcoach("log", "Ann", "sent")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr == ("netcoach: nobody called 'Ann' (1 file could not be read: netcoach check lists them)\n")
    assert snapshot(data_dir()) == before


def test_config_timing_is_used_by_due(people: None, ok: Ok) -> None:
    ok("log", "Maya Lin", "sent", "--on", "2026-11-15")
    assert "Maya Lin" not in {r["name"] for r in json.loads(ok("due", "--json", "--days", "0"))}
    atomic_write(data_dir() / "config.toml", "[timing]\nnudge_days_cold = 3\n")
    rows = {r["name"]: r for r in json.loads(ok("due", "--json", "--days", "0"))}
    assert (rows["Maya Lin"]["kind"], rows["Maya Lin"]["due"]) == ("nudge", TODAY)


# -- start-up -----------------------------------------------------------------------------


def test_due_imports_no_textual_module(people: None, netcoach: CommandLine) -> None:
    result = netcoach("due", python=["-X", "importtime"])
    assert result.returncode == 0
    imported = imported_modules(result.stderr)
    assert "netcoach.storage.store" in imported
    assert not [name for name in imported if "textual" in name.lower()]


def test_due_over_a_settled_index_does_not_load_pydantic(people: None, netcoach: CommandLine) -> None:
    """Not a timing test: a guard that the login command stays on its light path (see Store.due_by)."""
    contacts = data_dir() / "contacts"
    atomic_write(data_dir() / "config.toml", "[timing]\nnudge_days_cold = 3\n")
    for path in [
        *contacts.iterdir(),
        data_dir() / "config.toml",
    ]:  # files written seconds ago are re-read until they settle
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns - 10**12, stat.st_mtime_ns - 10**12))
    netcoach.ok("due")  # builds the index
    result = netcoach("due", python=["-X", "importtime"])
    assert result.returncode == 0 and "Maya Chen" in result.stdout
    assert "Priya Raman (Northwind Bank): nudge" in result.stdout
    imported = imported_modules(result.stderr)
    assert "netcoach.model.view" in imported
    assert not [name for name in imported if name.split(".")[0] in {"pydantic", "pydantic_core", "email_validator"}]
    # Nor what a few milliseconds each would bring: OpenSSL for short digests, platformdirs (with tempfile,
    # shutil, bz2, lzma) for the folders, shutil for argparse's help width (see netcoach.model.digests,
    # netcoach.storage.folder.xdg_user_dir, netcoach.cli.parser).
    assert not {"_hashlib", "platformdirs", "tempfile", "shutil", "lzma", "bz2"} & set(imported)


def test_due_finds_the_platform_s_folders_without_platformdirs(people: None, netcoach: CommandLine) -> None:
    """Without NETCOACH_DATA and NETCOACH_CACHE: the XDG folders (the test's own home), as platformdirs
    would give them (tests/unit/test_xdg_dirs.py), and platformdirs is not imported to find them."""
    env = {k: v for k, v in os.environ.items() if k not in ("NETCOACH_DATA", "NETCOACH_CACHE")}
    result = netcoach("--data", str(data_dir()), "due", env=env, python=["-X", "importtime"])
    assert result.returncode == 0, result.stderr
    assert "platformdirs" not in imported_modules(result.stderr)
    assert list((Path(os.environ["XDG_CACHE_HOME"]) / "netcoach").glob("index-*.sqlite3"))


@pytest.mark.parametrize(("argv", "collecting"), [(["due"], False), (["contacts", "--json"], False), (["undo"], True)])
def test_the_commands_that_go_through_everyone_pause_the_cycle_collector_while_they_run(
    people: None, argv: list[str], collecting: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc
    import importlib

    from netcoach.cli.main import main

    command = importlib.import_module(f"netcoach.cli.commands.{argv[0]}")
    seen: list[bool] = []
    original = command.run

    def watching(ctx: object, args: object) -> int:
        seen.append(gc.isenabled())
        return int(original(ctx, args))

    monkeypatch.setattr(command, "run", watching)
    main(argv)
    assert seen == [collecting]
    assert gc.isenabled()  # on again afterwards (netcoach's functions may be called in a longer process)


def test_python_dash_m_netcoach_is_the_command() -> None:
    # Spelled out, not through the ``netcoach`` fixture: this guards the way that fixture runs the command.
    done = subprocess.run(
        [sys.executable, "-m", "netcoach", "--help"], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0 and "due" in done.stdout


# -- two at once --------------------------------------------------------------------------


def test_two_processes_logging_to_one_contact_both_keep_every_change(store: Store, netcoach: CommandLine) -> None:
    store.contacts.add(maya())

    def worker(name: str) -> list[int]:
        return [
            netcoach("log", "Maya Chen", "note", "--summary", f"{name}-{n}", NETCOACH_DATA=str(store.root)).returncode
            for n in range(50)
        ]

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(worker, ["one", "two"]))
    assert results == [[0] * 50, [0] * 50]
    contact = store.contacts.read("maya-chen").contact
    summaries = [i.summary for i in contact.interactions if i.kind == "note"]
    assert len(summaries) == 100
    assert set(summaries) == {f"{w}-{n}" for w in ("one", "two") for n in range(50)}
    assert [p for p in store.root.rglob("*") if p.name.endswith(TEMP_SUFFIX)] == []
