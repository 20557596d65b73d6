"""Exports: vCard 3.0, CSV and JSON, written atomically and privately; the vCard round trip."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from netcoach.exchange.export import CSV_COLUMNS, export_csv, export_json, export_vcard
from netcoach.exchange.plan import apply_import, plan_import
from netcoach.model.contact import Contact, Interaction, InteractionKind
from netcoach.storage.contacts import as_dict
from netcoach.storage.fsio import atomic_write
from netcoach.storage.store import Store

PEOPLE = [
    Contact(
        name="Maya Chen",
        company="Brightline Health, Inc",
        role="Product Designer; Research",
        emails=["maya.chen@example.com", "maya@home.example"],
        phone="+1 555 0100",
        linkedin="https://www.linkedin.com/in/maya-chen-example",
        tags=["design", "alumni"],
        notes="Met by the window.\nLikes accessible forms.",
        interactions=[Interaction(date=dt.date(2026, 11, 16), kind=InteractionKind.MET)],
    ),
    Contact(name="李小龙", company="北京科技", role="工程师", emails=["li@example.com"]),
    Contact(name="Zoë Ålander", role='The "Boss"', phone="555-0123"),
    Contact(name="Cher"),
    Contact(name='=HYPERLINK("http://evil.example")', company="@SUM(A1)", role="-2+cmd|' /C calc'!A0"),
]


@pytest.fixture
def filled(store: Store) -> Store:
    store.contacts.add_many(PEOPLE)
    return store


def netcoach(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "netcoach.cli", *args],
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        timeout=120,
    )


def essentials(contact: Contact) -> tuple:
    return (contact.name, contact.emails, contact.phone, contact.company, contact.role)


def test_vcard_round_trip_into_an_empty_data_folder(filled: Store, tmp_path: Path) -> None:
    text = export_vcard(filled.reader.load().records)
    assert text.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n")
    empty = Store(tmp_path / "other", cache_dir=tmp_path / "other-cache")
    plan = plan_import("vcard", Path("export.vcf"), [], data=text.encode("utf-8"))
    assert not plan.skipped and not plan.notes
    apply_import(empty, plan)
    back = sorted((essentials(r.contact) for r in empty.reader.load().records), key=lambda e: e[0])
    assert back == sorted((essentials(c) for c in PEOPLE), key=lambda e: e[0])
    maya = next(r.contact for r in empty.reader.load().records if r.contact.name == "Maya Chen")
    assert maya.linkedin == PEOPLE[0].linkedin
    assert maya.tags == PEOPLE[0].tags
    assert maya.notes == PEOPLE[0].notes


def test_vcard_escapes_and_folds(filled: Store) -> None:
    text = export_vcard(filled.reader.load().records)
    assert "ORG:Brightline Health\\, Inc\r\n" in text
    assert "TITLE:Product Designer\\; Research\r\n" in text
    assert "N:Chen;Maya;;;\r\n" in text and "FN:Maya Chen\r\n" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_csv_one_row_per_contact(filled: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(export_csv(filled.reader.load().records))))
    assert len(rows) == len(PEOPLE)
    assert list(rows[0].keys()) == list(CSV_COLUMNS)
    maya = next(r for r in rows if r["name"] == "Maya Chen")
    assert maya["emails"] == "maya.chen@example.com; maya@home.example"
    assert maya["company"] == "Brightline Health, Inc"
    assert maya["notes"] == "Met by the window.\nLikes accessible forms."
    assert (maya["last_contacted"], maya["interactions"], maya["met_on"]) == ("2026-11-16", "1", "")
    assert maya["phone"] == "+1 555 0100"  # phone numbers are not mistaken for formulas


def test_csv_cells_never_run_as_formulas(filled: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(export_csv(filled.reader.load().records))))
    evil = next(r for r in rows if "HYPERLINK" in r["name"])
    assert evil["name"].startswith("'=") and evil["company"] == "'@SUM(A1)" and evil["role"] == "'-2+cmd|' /C calc'!A0"


def test_json_mirrors_the_model(filled: Store) -> None:
    records = filled.reader.load().records
    payload = json.loads(export_json(records))
    assert len(payload) == len(PEOPLE)
    for item in payload:
        record = next(r for r in records if r.id == item["id"])
        assert {k: v for k, v in item.items() if k != "id"} == as_dict(record.contact)
        assert Contact.model_validate({k: v for k, v in item.items() if k != "id"}) == record.contact


@pytest.mark.parametrize(("kind", "start"), [("vcard", "BEGIN:VCARD"), ("csv", "id,name,"), ("json", "[")])
def test_export_command_writes_a_private_file(filled: Store, tmp_path: Path, kind: str, start: str) -> None:
    target = tmp_path / f"out.{kind}"
    done = netcoach("export", kind, str(target))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Exported {len(PEOPLE)} people to {target}")
    assert target.read_text(encoding="utf-8").startswith(start)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_export_to_stdout(filled: Store) -> None:
    done = netcoach("export", "json", "-")
    assert done.returncode == 0
    names = [p["name"] for p in json.loads(done.stdout)]
    assert len(names) == len(PEOPLE) and names[0] == '=HYPERLINK("http://evil.example")'


def test_round_trip_through_the_command_line(filled: Store, tmp_path: Path) -> None:
    target = tmp_path / "everyone.vcf"
    assert netcoach("export", "vcard", str(target)).returncode == 0
    other = tmp_path / "other-data"
    done = netcoach("--data", str(other), "import", "vcard", str(target))
    assert done.returncode == 0, done.stderr
    assert f"{len(PEOPLE)} added, 0 merged, 0 unchanged, 0 skipped." in done.stdout
    mine = json.loads(netcoach("contacts", "--json").stdout)
    theirs = json.loads(netcoach("--data", str(other), "contacts", "--json").stdout)
    keys = ("name", "emails", "phone", "company", "role")
    assert [[c[k] for k in keys] for c in theirs] == [[c[k] for k in keys] for c in mine]


def test_export_refuses_bad_destinations(filled: Store, tmp_path: Path) -> None:
    inside = netcoach("export", "vcard", str(filled.folder.contacts_dir / "x.toml"))
    assert inside.returncode == 2 and "outside the data folder" in inside.stderr
    missing = netcoach("export", "csv", str(tmp_path / "no" / "such" / "folder.csv"))
    assert missing.returncode == 2 and "there is no folder" in missing.stderr
    folder = netcoach("export", "json", str(tmp_path))
    assert folder.returncode == 2 and "is a folder" in folder.stderr
    assert "Traceback" not in inside.stderr + missing.stderr + folder.stderr


def test_export_says_which_files_could_not_be_read(filled: Store, tmp_path: Path) -> None:
    atomic_write(filled.folder.contacts_dir / "broken.toml", "name = \n")  # a contact file the user broke
    done = netcoach("export", "json", str(tmp_path / "out.json"))
    assert done.returncode == 0
    assert "netcoach: 1 contact file could not be read, so it is not in the export" in done.stderr
    assert len(json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))) == len(PEOPLE)
