"""Exports: vCard 3.0, CSV and JSON; the vCard round trip. (``netcoach export``: tests/cli/test_export_cli.py.)"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from netcoach.exchange.export import CSV_COLUMNS, export_csv, export_json, export_vcard
from netcoach.exchange.plan import apply_import, plan_import
from netcoach.model.contact import Contact
from netcoach.storage.contacts import as_dict
from netcoach.storage.store import Store
from tests.helpers import AWKWARD_PEOPLE, MakeStore


def essentials(contact: Contact) -> tuple:
    return (contact.name, contact.emails, contact.phone, contact.company, contact.role)


def test_vcard_round_trip_into_an_empty_data_folder(awkward_store: Store, make_store: MakeStore) -> None:
    text = export_vcard(awkward_store.reader.load().records)
    assert text.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n")
    empty = make_store("other")
    plan = plan_import("vcard", Path("export.vcf"), [], data=text.encode("utf-8"))
    assert not plan.skipped and not plan.notes
    apply_import(empty, plan)
    back = sorted((essentials(r.contact) for r in empty.reader.load().records), key=lambda e: e[0])
    assert back == sorted((essentials(c) for c in AWKWARD_PEOPLE), key=lambda e: e[0])
    maya = next(r.contact for r in empty.reader.load().records if r.contact.name == "Maya Chen")
    assert maya.linkedin == AWKWARD_PEOPLE[0].linkedin
    assert maya.tags == AWKWARD_PEOPLE[0].tags
    assert maya.notes == AWKWARD_PEOPLE[0].notes


def test_vcard_escapes_and_folds(awkward_store: Store) -> None:
    text = export_vcard(awkward_store.reader.load().records)
    assert "ORG:Brightline Health\\, Inc\r\n" in text
    assert "TITLE:Product Designer\\; Research\r\n" in text
    assert "N:Chen;Maya;;;\r\n" in text and "FN:Maya Chen\r\n" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_csv_one_row_per_contact(awkward_store: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(export_csv(awkward_store.reader.load().records))))
    assert len(rows) == len(AWKWARD_PEOPLE)
    assert list(rows[0].keys()) == list(CSV_COLUMNS)
    maya = next(r for r in rows if r["name"] == "Maya Chen")
    assert maya["emails"] == "maya.chen@example.com; maya@home.example"
    assert maya["company"] == "Brightline Health, Inc"
    assert maya["notes"] == "Met by the window.\nLikes accessible forms."
    assert (maya["last_contacted"], maya["interactions"], maya["met_on"]) == ("2026-11-16", "1", "")
    assert maya["phone"] == "+1 555 0100"  # phone numbers are not mistaken for formulas


def test_csv_cells_never_run_as_formulas(awkward_store: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(export_csv(awkward_store.reader.load().records))))
    evil = next(r for r in rows if "HYPERLINK" in r["name"])
    assert evil["name"].startswith("'=") and evil["company"] == "'@SUM(A1)" and evil["role"] == "'-2+cmd|' /C calc'!A0"


def test_json_mirrors_the_model(awkward_store: Store) -> None:
    records = awkward_store.reader.load().records
    payload = json.loads(export_json(records))
    assert len(payload) == len(AWKWARD_PEOPLE)
    for item in payload:
        record = next(r for r in records if r.id == item["id"])
        assert {k: v for k, v in item.items() if k != "id"} == as_dict(record.contact)
        assert Contact.model_validate({k: v for k, v in item.items() if k != "id"}) == record.contact
