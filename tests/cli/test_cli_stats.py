"""``netcoach stats`` and ``netcoach check`` for the checklist files, as real subprocesses."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from netcoach.model.contact import Contact, Interaction
from netcoach.storage.store import Store
from tests.cli.helpers import CommandLine, checked_count
from tests.helpers import STATS_JSON_KEYS


def days_ago(today: dt.date, days: int) -> dt.date:
    return today - dt.timedelta(days=days)


def fill(store: Store, today: dt.date) -> None:
    store.contacts.add(
        Contact(
            name="Maya Chen",
            interactions=[
                Interaction(date=days_ago(today, 40), kind="met"),
                Interaction(date=days_ago(today, 39), kind="sent", expected="no_reply", anxiety=8),
                Interaction(date=days_ago(today, 36), kind="received"),
                Interaction(date=days_ago(today, 20), kind="sent", expected="no_reply", anxiety=4),
            ],
        )
    )
    store.contacts.add(Contact(name="Tom Becker", interactions=[Interaction(date=days_ago(today, 3), kind="sent")]))


def test_stats_with_no_data_is_kind(store: Store, netcoach: CommandLine) -> None:
    result = netcoach("stats")
    assert result.returncode == 0, result.stderr
    assert "No messages logged yet" in result.stdout
    assert "Traceback" not in result.stderr


def test_stats_prints_the_figures_and_the_chart(store: Store, today: dt.date, netcoach: CommandLine) -> None:
    fill(store, today)
    result = netcoach("stats")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Too early for figures: 3 messages so far. Most replies come within a day or two."
    assert not any("reply rate" in line for line in lines)
    assert "You expected silence twice; it happened once." in lines
    assert "Anxiety before sending, per week (0-10):" in lines
    assert sum("█" in line for line in lines) == 2
    assert "None" not in result.stdout


def test_stats_json_has_exactly_the_documented_keys(store: Store, today: dt.date, netcoach: CommandLine) -> None:
    fill(store, today)
    result = netcoach("stats", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == STATS_JSON_KEYS
    assert data["today"] == today.isoformat()
    assert (data["messages_sent"], data["replies"], data["too_recent"]) == (3, 1, 1)
    assert data["reply_rate"] == 0.5
    assert data["median_days_to_reply"] == 3.0
    assert data["predictions"] == [{"expected": "no_reply", "predicted": 2, "known": 2, "happened": 1}]
    assert [p["average"] for p in data["anxiety"]["points"]] == [8.0, 4.0]
    assert data["reply_rate"] == 0.5  # in the JSON for whoever wants it; the words wait for more
    assert data["lines"][0] == "Too early for figures: 3 messages so far. Most replies come within a day or two."


def test_stats_gives_the_reply_rate_once_five_messages_are_old_enough(
    store: Store, today: dt.date, netcoach: CommandLine
) -> None:
    fill(store, today)  # 2 old enough to tell
    for name in ("Ines Moreau", "Jonas Berg", "Lea Roth"):
        sent, received = days_ago(today, 30), days_ago(today, 29)
        store.contacts.add(
            Contact(
                name=name,
                interactions=[Interaction(date=sent, kind="sent"), Interaction(date=received, kind="received")],
            )
        )
    lines = netcoach("stats").stdout.splitlines()
    assert lines[0] == "Of your 6 messages, 4 got a reply."
    assert "That is a reply rate of 80% for the messages old enough to tell." in lines
    assert not any(line.startswith("Too early") for line in lines)


def test_stats_json_on_an_empty_folder(store: Store, netcoach: CommandLine) -> None:
    data = json.loads(netcoach("stats", "--json").stdout)
    assert list(data) == STATS_JSON_KEYS
    assert data["messages_sent"] == 0 and data["reply_rate"] is None and data["median_days_to_reply"] is None
    assert data["anxiety"] == {"period": "week", "points": []}


def test_stats_still_counts_when_one_contact_file_is_broken(
    store: Store, today: dt.date, netcoach: CommandLine
) -> None:
    fill(store, today)
    (store.folder.contacts_dir / "broken.toml").write_text("name = \n", encoding="utf-8")
    result = netcoach("stats", "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["messages_sent"] == 3
    assert "could not be read" in result.stderr


def test_check_reports_broken_checklist_and_worries_files(store: Store, tmp_path: Path, netcoach: CommandLine) -> None:
    store.root.mkdir(parents=True, exist_ok=True)
    (store.root / "checklist.toml").write_text('[[items]]\nid = "x"\ntext = "Hi."\nhint = 1\n', encoding="utf-8")
    (store.root / "worries.toml").write_text('remove = ["too_sooon"]\n', encoding="utf-8")
    result = netcoach("check")
    assert result.returncode == 1
    assert f"{store.root / 'checklist.toml'}:4:1: items.0.hint: unknown key" in result.stdout
    assert f"{store.root / 'worries.toml'}:1:1: remove: no bundled entry 'too_sooon'" in result.stdout
    assert "Traceback" not in result.stderr


def test_check_counts_good_checklist_files(store: Store, netcoach: CommandLine) -> None:
    store.root.mkdir(parents=True, exist_ok=True)
    before = netcoach("check")
    assert before.returncode == 0, before.stdout
    (store.root / "checklist.toml").write_text('remove = ["short"]\n', encoding="utf-8")
    (store.root / "worries.toml").write_text("", encoding="utf-8")
    after = netcoach("check")
    assert after.returncode == 0, after.stdout
    assert checked_count(after.stdout) == checked_count(before.stdout) + 2
