"""An import writes the index rows of the files it wrote: the first ``netcoach due`` after it reads
no contact file (counted through the store, never timed), and the index stays disposable."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from netcoach.exchange.plan import apply_import, plan_import
from netcoach.model.contact import Contact
from netcoach.model.problem import FileProblem
from netcoach.storage import reader as reader_module
from netcoach.storage.contacts import ContactRecord, contact_toml
from netcoach.storage.fsio import atomic_write
from netcoach.storage.index import Index
from netcoach.storage.store import Store
from netcoach.timing.introductions import remembered, remembered_due
from netcoach.timing.rules import DEFAULT_RULES, TimingRules
from tests.helpers import MakeStore, maya

FIXTURES = Path(__file__).parent.parent / "fixtures" / "import"
HORIZON = dt.date(2026, 12, 31)


def count_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every contact file the reader parses from now on."""
    reads: list[Path] = []
    original = reader_module.parse_contact

    def counting(path: Path, data: bytes) -> Contact:
        reads.append(path)
        return original(path, data)

    monkeypatch.setattr(reader_module, "parse_contact", counting)
    return reads


def imported(store: Store, kind: str, fixture: str) -> list[ContactRecord]:
    plan = plan_import(kind, FIXTURES / fixture, store.reader.load().records)
    result = apply_import(store, plan)
    return result.added + result.updated


def due_names(store: Store, rules: TimingRules = DEFAULT_RULES) -> list[tuple[str, str]]:
    found, problems = store.reader.due_by(HORIZON, rules)
    assert problems == []
    return sorted((contact_id, view.name) for contact_id, view in found)


@pytest.mark.parametrize(
    ("kind", "fixture"),
    [("linkedin", "linkedin_current.csv"), ("vcard", "contacts_v4.vcf"), ("google", "google_current.csv")],
)
def test_the_first_due_after_an_import_reads_no_contact_file(
    store: Store, make_store: MakeStore, monkeypatch: pytest.MonkeyPatch, kind: str, fixture: str
) -> None:
    store.contacts.add(maya())  # met yesterday: due
    backdate(store.contacts.path_of("maya-chen"))
    store.reader.load()  # the index knows her (as at any start once her file has settled)
    written = imported(store, kind, fixture)
    plain = make_store(use_index=False)  # the answers reading every file gives
    expected_due, expected_all = due_names(plain), everyone(plain)
    assert ("maya-chen", "Maya Chen") in expected_due
    reads = count_reads(monkeypatch)
    assert due_names(store) == expected_due
    assert everyone(store) == expected_all
    assert {r.id for r in store.reader.load().records} == {"maya-chen"} | {r.id for r in written}
    assert reads == []


def backdate(path: Path) -> None:
    """Move a file's modification time an hour into the past (settled: the index may remember it)."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - 3600 * 10**9))


def everyone(store: Store) -> list[tuple[str, str, str | None]]:
    found, problems = store.reader.views(DEFAULT_RULES)
    assert problems == []
    return [(contact_id, view.name, view.company) for contact_id, view in found]


def test_an_import_into_a_folder_with_people_remembers_the_merged_files_too(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = imported(store, "linkedin", "linkedin_current.csv")
    again = imported(store, "linkedin", "linkedin_old.csv")
    reads = count_reads(monkeypatch)
    names = due_names(store)
    assert reads == []
    assert {r.id for r in first + again} >= {contact_id for contact_id, _ in names}


def test_other_rules_are_computed_from_the_index_without_reading_a_file(
    store: Store, make_store: MakeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    imported(store, "linkedin", "linkedin_current.csv")
    other = dataclasses.replace(DEFAULT_RULES, keep_in_touch_days=7, resting_days=3)
    expected = due_names(make_store(use_index=False), other)
    reads = count_reads(monkeypatch)
    assert due_names(store, other) == expected
    assert reads == []


def test_a_file_changed_by_hand_after_the_import_is_read_again(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    written = imported(store, "linkedin", "linkedin_current.csv")
    changed = written[0]
    path = store.contacts.path_of(changed.id)
    atomic_write(path, contact_toml(changed.contact.model_copy(update={"name": "Someone Else"})))
    reads = count_reads(monkeypatch)
    assert (changed.id, "Someone Else", changed.contact.company) in everyone(store)
    assert reads == [path]


def test_a_file_broken_by_hand_after_the_import_is_a_problem(store: Store) -> None:
    written = imported(store, "linkedin", "linkedin_current.csv")
    path = store.contacts.path_of(written[0].id)
    atomic_write(path, "name = \n")
    _, problems = store.reader.due_by(HORIZON, DEFAULT_RULES)
    assert [p.path for p in problems] == [path]
    with pytest.raises(FileProblem):
        store.contacts.read(written[0].id)


def test_deleting_the_index_after_an_import_loses_nothing(store: Store, tmp_path: Path) -> None:
    imported(store, "linkedin", "linkedin_current.csv")
    before = due_names(store)
    shutil.rmtree(tmp_path / "cache")
    assert due_names(store) == before


def test_without_an_index_an_import_writes_none(make_store: MakeStore, tmp_path: Path) -> None:
    plain = make_store(cache="unused-cache", use_index=False)
    imported(plain, "linkedin", "linkedin_current.csv")
    assert not (tmp_path / "unused-cache").exists()


def test_each_row_an_import_writes_holds_its_due_date(store: Store) -> None:
    store.contacts.add(maya())  # met yesterday: the import merges her LinkedIn row, and she is due
    written = imported(store, "linkedin", "linkedin_current.csv")
    assert "maya-chen" in {r.id for r in written}
    expected = {f"{r.id}.toml": remembered_due(r.contact, DEFAULT_RULES) for r in written}
    assert any(expected.values()) and not all(expected.values())  # some due, some never
    assert store.reader.index_path is not None
    with Index(store.reader.index_path) as index:
        found = index.dues(DEFAULT_RULES.key(), "9999-12-31")
    assert found is not None
    dues, broken, paces = found
    assert broken == set()
    # None would be a row without its date (worked out again at the next start); "" (never) is not listed
    assert dues == {name: due for name, due in expected.items() if due}
    facts = {f"{r.id}.toml": remembered(r.contact, DEFAULT_RULES)[1] for r in written}
    assert paces == {name: facts[name] for name in dues}  # and what pacing needs, with each date
