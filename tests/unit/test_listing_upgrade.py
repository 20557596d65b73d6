"""The index's copies made under another model (an upgrade) are listed as today's model gives
them, validated again from the copy (no file read), and kept for the next listing."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from netcoach.model.contact import Contact
from netcoach.storage import index as index_module
from netcoach.storage import reader as reader_module
from netcoach.storage.contacts import PAYLOAD_PREFIX, as_dict
from netcoach.storage.index import index_path
from netcoach.storage.listing import Listing
from netcoach.storage.store import Store
from tests.helpers import AWKWARD_PEOPLE, maya


def listed(store: Store) -> str:
    listing = Listing(store.reader)
    text = ",\n".join(listing.lines())
    assert listing.problems == []
    return text


def printed_before(store: Store) -> str:
    records = sorted(store.reader.load().records, key=lambda r: r.contact.name.casefold())
    return ",\n".join(json.dumps({"id": r.id, **as_dict(r.contact)}, ensure_ascii=False) for r in records)


@pytest.mark.parametrize("old", ["legacy", "other model"])
def test_copies_from_another_model_are_upgraded_from_the_copy(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str
) -> None:
    store.contacts.add_many([*AWKWARD_PEOPLE, maya(notes="ünï")])
    for path in (store.root / "contacts").glob("*.toml"):
        st = path.stat()
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - 3600 * 10**9))
    expected = printed_before(store)  # builds the index
    db = sqlite3.connect(index_path(tmp_path / "cache", store.root))
    with db:
        for name, digest, payload in db.execute("SELECT name, digest, payload FROM files").fetchall():
            contact = Contact.model_validate_json(payload.removeprefix(PAYLOAD_PREFIX))
            data = contact.model_dump_json() if old == "legacy" else "0123456789abcdef\n" + json.dumps(as_dict(contact))
            crc = index_module._crc(digest, data, None)
            db.execute("UPDATE files SET payload = ?, crc = ? WHERE name = ?", (data, crc, name))
    db.close()
    reads: list[Path] = []
    monkeypatch.setattr(reader_module, "parse_contact", lambda path, data: reads.append(path))
    assert listed(store) == expected
    assert reads == []
    db = sqlite3.connect(index_path(tmp_path / "cache", store.root))
    payloads = [payload for (payload,) in db.execute("SELECT payload FROM files").fetchall()]
    db.close()
    assert payloads and all(p.startswith(PAYLOAD_PREFIX) for p in payloads)  # kept for the next listing
    assert listed(store) == expected
