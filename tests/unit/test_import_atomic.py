"""An import is all or nothing on disk: killed or interrupted at any point, the data folder is
as it was or fully imported, never half-way."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from netcoach.exchange.plan import apply_import, plan_import
from netcoach.model.contact import Contact
from netcoach.storage.errors import ConflictError, StoreError
from netcoach.storage.folder import BATCH_COMMITTED, BATCH_DIR
from netcoach.storage.fsio import atomic_write
from netcoach.storage.store import Store

ROWS = 60


def connections(path: Path) -> Path:
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    lines += [f"Person,{i},,p{i}@example.com,Company {i},Role,30 May 2024" for i in range(ROWS)]
    atomic_write(path, "\n".join(lines) + "\n")
    return path


def state(store: Store) -> dict[str, str]:
    loaded = store.reader.load()
    assert loaded.problems == []
    assert not (store.root / BATCH_DIR).exists()
    return {r.contact.name: r.contact.company for r in loaded.records}


BEFORE = {"Person 0": ""}
AFTER = {f"Person {i}": f"Company {i}" for i in range(ROWS)}


@pytest.fixture
def prepared(store: Store, tmp_path: Path) -> tuple[Store, Path]:
    store.contacts.add(Contact(name="Person 0", emails=["p0@example.com"]))  # the import merges into her
    return store, connections(tmp_path / "Connections.csv")


KILLER = """
import os, signal, sys
from pathlib import Path
from netcoach.exchange.plan import apply_import, plan_import
from netcoach.storage.store import Store

stage, point, source, data = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])
store = Store(data)
plan = plan_import("linkedin", source, store.reader.load().records)
real_replace = os.replace
calls = 0

def replace(a, b, **kwargs):
    global calls
    if ".netcoach" in str(b):  # the undo journal's entry, written before the batch starts: not a batch step
        return real_replace(a, b, **kwargs)
    calls += 1
    if stage == "replace" and calls == point:
        os.kill(os.getpid(), signal.SIGKILL)
    return real_replace(a, b, **kwargs)

def progress(kind, done, total):
    if stage == "write" and kind == "writing" and done >= point:
        os.kill(os.getpid(), signal.SIGKILL)

os.replace = replace
apply_import(store, plan, progress=progress)
print("finished")
"""

# os.replace call 1 is the commit marker (atomic_write); calls 2 .. ROWS + 1 move the files in.
_rng = random.Random(2026)
KILL_POINTS = [
    ("write", 1, BEFORE),
    ("write", ROWS // 2, BEFORE),
    ("write", ROWS, BEFORE),  # every file staged, no commit marker yet
    ("replace", 1, BEFORE),  # killed while committing
    ("replace", 2, AFTER),  # committed, nothing moved yet: rolled forward
    ("replace", ROWS // 2, AFTER),
    ("replace", ROWS + 1, AFTER),  # the last move
    ("write", _rng.randint(1, ROWS), BEFORE),
    ("replace", _rng.randint(2, ROWS + 1), AFTER),
]


def import_and_die(stage: str, point: int, source: Path, store: Store) -> subprocess.CompletedProcess[str]:
    """Import ``source`` into ``store`` in a process that kills itself at ``point`` of ``stage`` (see KILLER)."""
    return subprocess.run(
        [sys.executable, "-c", KILLER, stage, str(point), str(source), str(store.root)],
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        timeout=120,
    )


@contextlib.contextmanager
def failing_replace(error: BaseException, *, after: int, once: bool = False) -> Iterator[None]:
    """Within the block, the first ``after`` calls of ``os.replace`` work, then it raises ``error``: at every
    call from then on, or, if ``once``, at the next call only."""
    real_replace = os.replace
    calls = 0

    def replace(a: object, b: object, **kwargs: object) -> None:
        nonlocal calls
        calls += 1
        if calls > after and not (once and calls > after + 1):
            raise error
        real_replace(a, b, **kwargs)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "replace", replace)
        yield


@pytest.mark.parametrize(("stage", "point", "expected"), KILL_POINTS)
def test_killed_import_is_all_or_nothing(
    prepared: tuple[Store, Path], stage: str, point: int, expected: dict[str, str]
) -> None:
    store, source = prepared
    done = import_and_die(stage, point, source, store)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert (store.root / BATCH_DIR).exists()  # killed half-way: the staging folder is left behind...
    assert state(store) == expected  # ...and the next load rolls it back or forward
    assert state(store) == expected  # stable


def test_the_import_can_be_run_again_after_a_kill(prepared: tuple[Store, Path]) -> None:
    store, source = prepared
    import_and_die("write", 10, source, store)
    apply_import(store, plan_import("linkedin", source, store.reader.load().records))
    assert state(store) == AFTER


def test_an_exception_while_staging_writes_nothing(prepared: tuple[Store, Path]) -> None:
    store, source = prepared
    plan = plan_import("linkedin", source, store.reader.load().records)

    def interrupt(stage: str, done: int, total: int) -> None:
        if stage == "writing" and done > 5:
            raise KeyboardInterrupt  # Ctrl-C half-way

    with pytest.raises(KeyboardInterrupt):
        apply_import(store, plan, progress=interrupt)
    assert not (store.root / BATCH_DIR).exists()  # cleaned up at once
    assert state(store) == BEFORE


def test_ctrl_c_between_moves_finishes_the_committed_batch(prepared: tuple[Store, Path]) -> None:
    store, source = prepared
    plan = plan_import("linkedin", source, store.reader.load().records)
    with failing_replace(KeyboardInterrupt(), after=9, once=True), pytest.raises(KeyboardInterrupt):
        apply_import(store, plan)
    assert state(store) == AFTER


def test_a_failure_between_moves_is_rolled_forward_at_the_next_load(prepared: tuple[Store, Path]) -> None:
    store, source = prepared
    plan = plan_import("linkedin", source, store.reader.load().records)
    with failing_replace(OSError(5, "Input/output error"), after=20), pytest.raises(StoreError) as caught:
        apply_import(store, plan)
    assert "it will be finished the next time netcoach starts" in str(caught.value)
    assert (store.root / BATCH_DIR / BATCH_COMMITTED).exists()
    assert state(store) == AFTER


def test_a_write_rolls_a_committed_batch_forward_first(store: Store) -> None:
    with failing_replace(OSError(5, "Input/output error"), after=2), pytest.raises(OSError):
        store.batches.apply([Contact(name="Ann Lee"), Contact(name="Bob Smith"), Contact(name="Cy Diaz")], {})
    record = store.contacts.add(Contact(name="Ann Lee"))  # must not take the id of a staged file
    assert record.id == "ann-lee-2"
    assert sorted(p.name for p in store.folder.contacts_dir.iterdir()) == [
        "ann-lee-2.toml",
        "ann-lee.toml",
        "bob-smith.toml",
        "cy-diaz.toml",
    ]


def test_apply_batch_refuses_when_a_file_changed(store: Store) -> None:
    record = store.contacts.add(Contact(name="Ann Lee"))
    store.contacts.update(record.id, lambda c: setattr(c, "company", "Acme"))
    with pytest.raises(ConflictError):
        store.batches.apply(
            [Contact(name="Bob Smith")], {record.id: Contact(name="Ann Lee")}, expected={record.id: record.digest}
        )
    assert [r.contact.company for r in store.reader.load().records] == ["Acme"]


def test_apply_batch_ids_are_distinct(store: Store) -> None:
    store.contacts.add(Contact(name="Ann Lee"))
    added, _ = store.batches.apply([Contact(name="Ann Lee"), Contact(name="ann  lee"), Contact(name="李")], {})
    assert [r.id for r in added][:2] == ["ann-lee-2", "ann-lee-3"]
    assert added[2].id.startswith("contact-")
    assert all(oct(p.stat().st_mode & 0o777) == "0o600" for p in store.folder.contacts_dir.iterdir())


def test_apply_batch_with_nothing_to_do_writes_nothing(store: Store) -> None:
    assert store.batches.apply([], {}) == ([], [])
    assert not (store.root / BATCH_DIR).exists()
    assert list(store.folder.contacts_dir.iterdir()) == []


def test_a_full_disk_is_a_clear_error_and_nothing_is_written(
    prepared: tuple[Store, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from netcoach.storage import fsio

    store, source = prepared
    plan = plan_import("linkedin", source, store.reader.load().records)
    real_write = os.write
    calls = {"n": 0}

    def write(fd: int, data: bytes) -> int:
        calls["n"] += 1
        if calls["n"] > 10:
            raise OSError(28, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(fsio.os, "write", write)
    with pytest.raises(StoreError) as caught:
        apply_import(store, plan)
    monkeypatch.setattr(fsio.os, "write", real_write)
    assert str(caught.value) == "could not write to the data folder (No space left on device); nothing was imported"
    assert state(store) == BEFORE
