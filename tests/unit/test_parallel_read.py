"""Many stale files are read and validated by worker processes; the parent alone writes the index,
and the result is the same as reading them in one process: contacts, problems, due dates."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from netcoach.model.contact import Contact
from netcoach.storage import parallel
from netcoach.storage import reader as reader_module
from netcoach.storage.fsio import atomic_write
from netcoach.storage.store import Store
from netcoach.timing.rules import DEFAULT_RULES, TimingRules
from tests.helpers import AWKWARD_PEOPLE, MakeStore, maya, watch_worker_reads

HORIZON = dt.date(2026, 12, 31)


def backdate(folder: Path) -> None:
    for path in folder.glob("*.toml"):
        st = path.stat()
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - 3600 * 10**9))


def everything(store: Store) -> tuple[list[tuple[str, str]], list[str]]:
    loaded = store.reader.load()
    return sorted((r.id, r.contact.model_dump_json()) for r in loaded.records), sorted(str(p) for p in loaded.problems)


@pytest.fixture(autouse=True)
def quiet_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test here sees a quiet machine (the one it runs on may be busy): workers are worth it."""
    monkeypatch.setattr(os, "getloadavg", lambda: (0.0, 0.0, 0.0))


@pytest.fixture
def folder(store: Store) -> Store:
    store.contacts.add_many([*AWKWARD_PEOPLE, *(maya(name=f"Person {n}", notes=f"n{n}") for n in range(30))])
    atomic_write(store.contacts.path_of("broken"), "name = [\n")
    atomic_write(store.contacts.path_of("nameless"), 'company = "Acme"\n')
    os.symlink(store.contacts.path_of("person-1"), store.contacts.path_of("a-link"))
    backdate(store.root / "contacts")
    return store


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_workers_read_what_one_process_reads(
    folder: Store, make_store: MakeStore, monkeypatch: pytest.MonkeyPatch, method: str
) -> None:
    monkeypatch.setattr(parallel, "_start_method", lambda: method)
    expected = everything(make_store(cache="plain", use_index=False))
    expected_due = sorted(
        i for i, _ in make_store(cache="plain2", use_index=False).reader.due_by(HORIZON, DEFAULT_RULES)[0]
    )
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)
    used = watch_worker_reads(monkeypatch)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    assert everything(folder) == expected
    assert used == [len(AWKWARD_PEOPLE) + 30 + 2]  # the link is refused, never read
    assert sorted(i for i, _ in folder.reader.due_by(HORIZON, DEFAULT_RULES)[0]) == expected_due
    assert used[1:] == [-1]  # nothing stale any more: the index knows every file
    # The parent wrote the index: a store opened afresh reads no file.
    reads: list[Path] = []
    monkeypatch.setattr(reader_module, "parse_contact", lambda path, data: reads.append(path))
    assert everything(make_store()) == expected
    assert reads == []


def test_one_core_or_few_files_read_in_this_process(folder: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "cores", lambda: 1)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)
    assert parallel.read_in_parallel(folder.root, [("x.toml", parallel.Stat(1, 1, 1, 1))] * 5) is None
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 10)
    assert parallel.read_in_parallel(folder.root, [("x.toml", parallel.Stat(1, 1, 1, 1))] * 5) is None


def test_workers_that_cannot_start_fall_back_to_this_process(
    folder: Store, make_store: MakeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = everything(make_store(cache="plain", use_index=False))
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)
    monkeypatch.setattr(parallel, "cores", lambda: 2)

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(24, "Too many open files")

    import concurrent.futures

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refuse)
    assert everything(folder) == expected


def test_a_contact_read_by_a_worker_is_the_validated_one(folder: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    records = {r.id: r.contact for r in folder.reader.load().records}
    assert isinstance(records["person-3"], Contact)
    assert records["person-3"] == maya(name="Person 3", notes="n3")


def test_no_idle_core_reads_in_this_process(folder: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    stale = [(p.name, parallel.Stat.of(p.lstat())) for p in sorted((folder.root / "contacts").glob("person-*.toml"))]
    for load, workers in ((1.5, False), (2.0, False), (0.9, True), (0.0, True)):
        monkeypatch.setattr(os, "getloadavg", lambda load=load: (load, 0.0, 0.0))
        found = parallel.read_in_parallel(folder.root, stale)
        assert (found is not None) == workers, load
        if found is not None:
            assert [name for name, _, _ in found] == [name for name, _ in stale]


@pytest.mark.parametrize("given", [0, 7])
def test_workers_that_stop_half_way_leave_the_rest_to_this_process(
    folder: Store, make_store: MakeStore, monkeypatch: pytest.MonkeyPatch, given: int
) -> None:
    """The workers give some files, then stop (killed, out of memory): this process reads the others,
    and the index remembers every file once."""
    expected = everything(make_store(cache="plain", use_index=False))
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    original = parallel.read_in_parallel
    sizes: list[int] = []

    def stopping(
        root: Path, stale: list[tuple[str, parallel.Stat]], rules: TimingRules | None = None
    ) -> Iterator[parallel.Result] | None:
        found = original(root, stale, rules)
        if found is None:  # nothing stale (the index knows every file)
            return None
        sizes.append(len(stale))

        def some() -> Iterator[parallel.Result]:
            for n, result in enumerate(found):
                if n == given:
                    raise parallel.WorkersFailed("a worker was killed")
                yield result

        return some()

    monkeypatch.setattr(reader_module, "read_in_parallel", stopping)
    assert everything(folder) == expected
    assert sizes == [len(AWKWARD_PEOPLE) + 30 + 2]
    reads: list[Path] = []
    monkeypatch.setattr(reader_module, "parse_contact", lambda path, data: reads.append(path))
    assert everything(make_store()) == expected  # all remembered: nothing read again
    assert reads == []


def test_a_cold_read_writes_the_index_as_it_reads(
    folder: Store, make_store: MakeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows are written a batch at a time while the workers read on, each batch in the order of the
    index's key; the index then knows every file, as one write at the end would have left it."""
    expected = everything(make_store(cache="plain", use_index=False))
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    monkeypatch.setattr(reader_module, "WRITE_EVERY", 5)
    batches: list[list[str]] = []
    original = reader_module.Index.update

    def watched(index: reader_module.Index, changed: dict[str, object], removed: list[str], key: object = None) -> None:
        batches.append(list(changed))
        original(index, changed, removed, key)  # type: ignore[arg-type]

    monkeypatch.setattr(reader_module.Index, "update", watched)
    assert everything(folder) == expected
    assert len(batches) > 3 and all(len(batch) <= 5 for batch in batches)
    written = [name for batch in batches for name in batch]
    assert written == sorted(written) and len(written) == len(set(written))
    reads: list[Path] = []
    monkeypatch.setattr(reader_module, "parse_contact", lambda path, data: reads.append(path))
    assert everything(make_store()) == expected
    assert reads == []
