"""Events: the model, their files (atomic, journaled, hardened, indexed) and finding one by name."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest
from pydantic import ValidationError

from netcoach.model.changes import met
from netcoach.model.contact import Contact, Interaction
from netcoach.model.event import Event
from netcoach.model.view import ContactView
from netcoach.storage import index as index_module
from netcoach.storage.errors import ConflictError, NotFound
from netcoach.storage.events import AmbiguousEvent, find_event
from netcoach.storage.store import Store
from tests.helpers import MakeStore

DAY = dt.date(2026, 12, 3)


def pydata(**changes: object) -> Event:
    fields: dict[str, object] = {
        "name": "PyData Meetup",
        "date": DAY,
        "place": "Tech Hub",
        "goal": "meet two people in data engineering",
        "tags": ["data"],
    }
    return Event.model_validate(fields | changes)


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files count as settled at once, so the index remembers them."""
    monkeypatch.setattr(index_module, "SETTLED_NS", 0)


def test_the_model_cleans_text_and_refuses_unknown_keys() -> None:
    event = pydata(name="  Py\x1b[31mData   Meetup ", notes="line one\nline\x07 two", tags=["data", "Data", ""])
    assert event.name == "PyData Meetup"
    assert "\x1b" not in event.name and "\x07" not in event.notes and "\n" in event.notes
    assert event.tags == ["data"]
    assert event.where == "PyData Meetup (Tech Hub)"
    with pytest.raises(ValidationError, match="extra"):
        Event.model_validate({"name": "x", "date": DAY, "colour": "red"})
    with pytest.raises(ValidationError):
        Event.model_validate({"name": "  ", "date": DAY})
    with pytest.raises(ValidationError):
        Event.model_validate({"name": "x"})


def test_a_met_interaction_names_an_event_by_its_id() -> None:
    contact = met(Contact(name="Ana"), DAY, "PyData Meetup", event="pydata-meetup-2026-12-03")
    assert contact.interactions[-1].event == "pydata-meetup-2026-12-03"
    assert ContactView.of(contact).interactions[-1].event == "pydata-meetup-2026-12-03"
    with pytest.raises(ValidationError, match="not an event id"):
        Interaction(date=DAY, kind="met", event="../../etc/passwd")  # type: ignore[arg-type]
    assert ContactView.of(Contact(name="Bo", tags=["Data"])).tags == ["Data"]


def test_an_event_file_is_private_written_and_read_back(store: Store) -> None:
    record = store.events.add(pydata(time=dt.time(18, 30)))
    assert record.id == "pydata-meetup-2026-12-03"
    path = store.events.path_of(record.id)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(store.events.dir).st_mode) == 0o700
    text = path.read_text()
    assert 'name = "PyData Meetup"' in text and "date = 2026-12-03" in text and "nobody" not in text
    assert store.events.read(record.id).event == record.event
    again = store.events.add(pydata())
    assert again.id == "pydata-meetup-2026-12-03-2"


def test_every_event_change_is_undone(store: Store) -> None:
    record = store.events.add(pydata())
    changed = store.events.update(record.id, lambda e: e.model_copy(update={"nobody": True}))
    assert changed.event.nobody
    store.journal.undo()
    assert not store.events.read(record.id).event.nobody
    store.events.remove(store.events.read(record.id))
    assert not store.events.path_of(record.id).exists()
    store.journal.undo()
    assert store.events.read(record.id).event.name == "PyData Meetup"


def test_undo_takes_an_added_event_away(store: Store) -> None:
    record = store.events.add(pydata())
    store.journal.undo()
    assert not store.events.path_of(record.id).exists()


def test_a_save_over_a_changed_file_is_refused(store: Store, make_store: MakeStore) -> None:
    record = store.events.add(pydata())
    make_store().events.update(record.id, lambda e: e.model_copy(update={"goal": "say hello"}))
    with pytest.raises(ConflictError):
        store.events.save(record, record.event.model_copy(update={"place": "Elsewhere"}))
    assert store.events.read(record.id).event.goal == "say hello"


def test_a_broken_event_file_is_a_problem_and_never_rewritten(store: Store) -> None:
    store.events.add(pydata())
    bad = store.events.dir / "broken.toml"
    bad.write_text('name = "Dinner"\ndate = 2026-12-01\nplcae = "x"\n')
    records, problems = store.events.load()
    assert [r.id for r in records] == ["pydata-meetup-2026-12-03"]
    assert [(p.path, p.line, p.col) for p in problems] == [(bad, 3, 1)]
    assert "unknown key" in problems[0].message
    views, view_problems = store.events.views()
    assert [v.id for v in views] == ["pydata-meetup-2026-12-03"] and view_problems == problems
    assert bad.read_text().endswith('plcae = "x"\n')


def test_links_and_special_files_are_never_read(store: Store, tmp_path: Path) -> None:
    store.events.add(pydata())
    secret = tmp_path / "secret.toml"
    secret.write_text('name = "Secret"\ndate = 2026-12-01\n')
    (store.events.dir / "link.toml").symlink_to(secret)
    os.mkfifo(store.events.dir / "pipe.toml")
    records, problems = store.events.load()
    assert [r.id for r in records] == ["pydata-meetup-2026-12-03"]
    assert sorted(p.path.name for p in problems) == ["link.toml", "pipe.toml"]
    views, view_problems = store.events.views()
    assert [v.name for v in views] == ["PyData Meetup"]
    assert sorted(p.path.name for p in view_problems) == ["link.toml", "pipe.toml"]


def test_views_come_from_the_index_once_it_knows_the_file(store: Store, make_store: MakeStore, settled: None) -> None:
    record = store.events.add(pydata())
    assert [v.goal for v in store.events.views()[0]] == ["meet two people in data engineering"]
    path = store.events.path_of(record.id)
    st = os.stat(path)
    text = path.read_text().replace("meet two", "meet six")  # same size: only the index tells them apart
    path.write_text(text)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    fresh = make_store()
    # the inode's ctime changed, so the file is read again: the file always wins over the index
    assert [v.goal for v in fresh.events.views()[0]] == ["meet six people in data engineering"]


def test_finding_an_event_like_a_contact(store: Store) -> None:
    store.events.add(pydata())
    store.events.add(Event(name="Péché Dinner", date=dt.date(2026, 11, 20)))
    store.events.add(Event(name="Monthly Meetup", date=dt.date(2026, 10, 1)))
    store.events.add(Event(name="Monthly Meetup", date=dt.date(2026, 11, 5)))
    records, _ = store.events.load()
    assert find_event("peche", records).event.name == "Péché Dinner"
    assert find_event("PYDATA", records).id == "pydata-meetup-2026-12-03"
    assert find_event("monthly-meetup-2026-11-05", records).event.date == dt.date(2026, 11, 5)
    with pytest.raises(AmbiguousEvent):
        find_event("Monthly Meetup", records)
    with pytest.raises(AmbiguousEvent):
        find_event("m", records)
    with pytest.raises(NotFound):
        find_event("gala", records)
