"""The app's start over many changed files (``Reader.due_first``): the people due as soon as every
file is read, before the index remembers them; then everyone from the same read."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from netcoach.model.contact import Contact, Interaction
from netcoach.storage import index as index_module
from netcoach.storage import reader as reader_module
from netcoach.storage.index import Index
from netcoach.storage.store import Store
from netcoach.timing.rules import DEFAULT_RULES
from tests.helpers import maya, watch_views_made

TODAY = dt.date(2026, 11, 18)
HORIZON = TODAY + dt.timedelta(days=7)


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the index remember files written a moment ago (normally it waits until they are 2 s old)."""
    monkeypatch.setattr(index_module, "SETTLED_NS", 0)


@pytest.fixture
def people(store: Store) -> Store:
    """Two people due (met yesterday), one not (written to today), one quiet for ever, and a broken file."""
    store.contacts.add_many(
        [
            maya(),
            maya(name="Tom Okafor", notes="due too"),
            Contact(name="Ada Quiet"),
            maya(
                name="Sofia Late",
                interactions=[Interaction(date=TODAY, kind="sent", channel="email", awaiting_reply=False)],
            ),
        ]
    )
    (store.root / "contacts" / "broken.toml").write_text('name = "unclosed\n', encoding="utf-8")
    return store


def rows(store: Store) -> int:
    with Index(store.reader.index_path) as index:
        return index.count()


def described(views: list[tuple[str, object]]) -> list[tuple[str, str]]:
    return [(contact_id, getattr(view, "search", "")) for contact_id, view in views]


def test_the_people_due_come_before_the_index_remembers_anyone(people: Store, settled: None) -> None:
    soon, problems, later = people.reader.due_first(HORIZON, DEFAULT_RULES)
    assert sorted(contact_id for contact_id, _ in soon) == ["maya-chen", "tom-okafor"]
    assert [p.path.name for p in problems] == ["broken.toml"]
    assert rows(people) == 0  # nothing written yet: Today is not kept waiting for it
    later.write()
    assert rows(people) == 5
    later.write()  # once
    assert rows(people) == 5


def test_everyone_comes_from_the_same_read_as_views_gives_it(
    people: Store, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    listings: list[int] = []
    reads: list[str] = []
    original_listed, original_read = reader_module.listed, reader_module.Reader._index_entry

    def listed(*args: object, **kwargs: object) -> object:
        listings.append(1)
        return original_listed(*args, **kwargs)  # type: ignore[arg-type]

    def read(self: reader_module.Reader, name: str, *args: object, **kwargs: object) -> object:
        reads.append(name)
        return original_read(self, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(reader_module, "listed", listed)
    monkeypatch.setattr(reader_module.Reader, "_index_entry", read)
    _, _, later = people.reader.due_first(HORIZON, DEFAULT_RULES)
    everyone, problems = later.everyone()
    assert len(listings) == 1 and sorted(reads) == sorted(os.listdir(people.root / "contacts"))  # each file once
    assert rows(people) == 5  # and remembered
    monkeypatch.undo()
    again, again_problems = Store(people.root, cache_dir=people.reader.index_path.parent).reader.views(  # type: ignore[union-attr]
        DEFAULT_RULES
    )
    assert described(everyone) == described(again)
    assert [(p.path, p.line, p.col, p.message) for p in problems] == [
        (p.path, p.line, p.col, p.message) for p in again_problems
    ]


def test_a_file_changed_after_that_read_is_read_at_the_next_look(people: Store, settled: None) -> None:
    _, _, later = people.reader.due_first(HORIZON, DEFAULT_RULES)
    path = people.contacts.path_of("ada-quiet")
    path.write_text(path.read_text(encoding="utf-8").replace("Ada Quiet", "Ada Loud"), encoding="utf-8")
    everyone, _ = later.everyone()
    assert dict(described(everyone))["ada-quiet"].startswith("ada quiet")  # as it was read
    assert people.reader.seen != people.reader.fingerprint()  # the app's next look sees the change
    again, _ = people.reader.views(DEFAULT_RULES)
    assert dict(described(again))["ada-quiet"].startswith("ada loud")


def test_a_read_never_finished_leaves_the_index_as_it_was(people: Store, settled: None) -> None:
    people.reader.due_first(HORIZON, DEFAULT_RULES)  # the app quit before the rest
    assert rows(people) == 0
    soon, _ = people.reader.due_by(HORIZON, DEFAULT_RULES)  # the next start reads them
    assert sorted(contact_id for contact_id, _ in soon) == ["maya-chen", "tom-okafor"]
    assert rows(people) == 5


def test_a_cold_read_makes_views_only_of_the_people_due(
    people: Store, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = watch_views_made(monkeypatch)
    soon, _ = people.reader.due_by(HORIZON, DEFAULT_RULES)
    assert sorted(made) == sorted(view.name for _, view in soon) == ["Maya Chen", "Tom Okafor"]  # not Ada, never due
