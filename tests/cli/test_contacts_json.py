"""``netcoach contacts --json`` streams from the index's copies, and prints exactly what it always
printed: every contact's ``json.dumps({"id": id, **as_dict(contact)})``, sorted by name, one a line."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from netcoach.model.contact import Contact
from netcoach.storage.contacts import as_dict
from netcoach.storage.fsio import atomic_write
from netcoach.storage.index import index_path
from netcoach.storage.listing import CHUNK
from netcoach.storage.store import Store
from tests.cli.helpers import CommandLine
from tests.helpers import AWKWARD_PEOPLE, MakeStore, maya

FIRST = ["Zoë", "anna", "Anna", "Émile", "bob", "Ångström", "李", "O'Brien", "Anna"]


def printed_before(store: Store) -> str:
    """What ``contacts --json`` printed before it streamed: every model loaded, sorted, dumped."""
    records = sorted(store.reader.load().records, key=lambda r: r.contact.name.casefold())
    lines = ",\n".join(json.dumps({"id": r.id, **as_dict(r.contact)}, ensure_ascii=False) for r in records)
    return (f"[\n{lines}\n]" if records else "[]") + "\n"


def backdate(folder: Path) -> None:
    """Every contact file an hour older: settled, so the index remembers them."""
    for path in folder.glob("*.toml"):
        st = path.stat()
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - 3600 * 10**9))


def test_the_listing_is_byte_identical_cold_warm_and_with_damaged_rows(
    store: Store, make_store: MakeStore, netcoach: CommandLine, tmp_path: Path
) -> None:
    store.contacts.add_many(AWKWARD_PEOPLE)
    people = [
        maya(name=f"{FIRST[n % len(FIRST)]} {n // 7}", notes='ünïcödé "quoted" \\ back' if n % 5 == 0 else "")
        for n in range(CHUNK + 150)  # more than one chunk
    ]
    store.contacts.add_many(people)
    backdate(store.root / "contacts")
    plain = make_store(cache="plain-cache", use_index=False)
    expected = printed_before(plain)
    assert expected.count("\n") == len(AWKWARD_PEOPLE) + len(people) + 2

    cold = netcoach("contacts", "--json")
    assert cold.returncode == 0, cold.stderr
    assert cold.stdout == expected
    warm = netcoach("contacts", "--json")
    assert warm.stdout == expected

    # A damaged copy, a damaged compact copy, a file changed a moment ago, a file that no longer loads.
    ids = sorted(r.id for r in plain.reader.load().records)
    db = sqlite3.connect(index_path(tmp_path / "cache", store.root))
    with db:
        db.execute("UPDATE files SET payload = '{}' WHERE name = ?", (f"{ids[3]}.toml",))
        db.execute("UPDATE files SET brief = '[1]' WHERE name = ?", (f"{ids[4]}.toml",))
    db.close()
    store.contacts.update(ids[5], lambda c: setattr(c, "notes", "changed just now"))
    atomic_write(store.contacts.path_of(ids[6]), "name = [\n")
    expected = printed_before(plain)
    assert f'"id": "{ids[6]}"' not in expected and "changed just now" in expected
    damaged = netcoach("contacts", "--json")
    assert damaged.stdout == expected
    assert "1 file could not be read" in damaged.stderr


def test_an_empty_folder_lists_nothing(netcoach: CommandLine, store: Store) -> None:
    assert netcoach.ok("contacts", "--json") == "[]\n"
    store.contacts.add(Contact(name="Solo"))
    assert netcoach.ok("contacts", "--json") == printed_before(store)
