"""Reading and validating many contact files on every core (a cold start over 30,000 files).

Each worker process opens the data folder itself (through the same safe reads: no link is
followed, only regular files of at most 1 MB are opened), reads and validates a chunk of the
files, and sends back their index entries (the contact as JSON, its compact copy, or its
problem); only the parent writes the index (SQLite, one writer). Workers are started fresh
(forked from a process with one thread, else started afresh: see :func:`_start_method`), so
this is worth it only for many files; anything that goes wrong with the workers falls back to
reading in this process.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from netcoach.model.problem import Problem
from netcoach.storage.index import FileEntry, Stat
from netcoach.timing.rules import TimingRules

PARALLEL_FROM = 3000
"""Fewer stale files than this are read in this process: starting workers costs about 0.3 s each."""

IDLE_CORES_WANTED = 1.0
"""Workers are started only while at least this many cores are idle (cores less the load average).

Workers cost CPU of their own (about a quarter more in all: forking, sending every file's entry
back). With the 2 cores of the benchmark machine busy (load average 2-4) they lengthened the cold
``netcoach due`` over 30,000 files in 7 of 8 paired runs (3.5-8.4 s with them, 3.1-6.1 s without);
only an idle core can shorten it. So they are started only when there is one."""

CHUNKS_PER_WORKER = 4
"""More chunks than workers, so that one slow chunk does not hold the others up."""

Result = tuple[str, FileEntry, Problem | None] | tuple[str, None, None]
"""(name, its index entry, its problem), or (name, None, None) for a file gone meanwhile."""


def cores() -> int:
    """How many cores this process may use."""
    with contextlib.suppress(AttributeError, OSError):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def idle_cores() -> float:
    """How many of this process's cores are idle: its cores less the load average of the last minute."""
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # no load average here (Windows): assume a quiet machine
        load = 0.0
    return cores() - load


class WorkersFailed(Exception):
    """The workers stopped before every file was read (see :func:`read_in_parallel`)."""


def read_in_parallel(
    root: Path, stale: list[tuple[str, Stat]], rules: TimingRules | None = None
) -> Iterator[Result] | None:
    """Read and validate ``stale`` (name, stat) files of ``root/contacts`` on every core.

    The results come in the order of ``stale``, a chunk at a time as the workers finish them, so
    this process can write the index meanwhile. None when it is not worth it (few files, one core,
    no idle core: see :data:`IDLE_CORES_WANTED`): read them in this process then. If the workers
    cannot start or stop half way, :class:`WorkersFailed` is raised when the results run out: the
    files not given yet are to be read in this process.
    """
    workers = min(cores(), 8)
    if workers < 2 or len(stale) < PARALLEL_FROM or idle_cores() < IDLE_CORES_WANTED:
        return None
    return _from_workers(root, stale, rules, workers)


def _from_workers(
    root: Path, stale: list[tuple[str, Stat]], rules: TimingRules | None, workers: int
) -> Iterator[Result]:
    import multiprocessing  # here: `netcoach due` on a warm index never needs them
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    size = -(-len(stale) // (workers * CHUNKS_PER_WORKER))
    chunks = [
        [(name, tuple(stat)) for name, stat in stale[start : start + size]] for start in range(0, len(stale), size)
    ]
    method = _start_method()
    if method == "fork":  # imported once here, not once in each worker
        import netcoach.model.contact  # noqa: F401
    else:
        _tracker_ready()
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method)) as pool:
            for part in pool.map(read_chunk, [str(root)] * len(chunks), chunks, [rules] * len(chunks)):
                yield from part
    except (BrokenProcessPool, OSError, RuntimeError, ValueError) as error:
        raise WorkersFailed(str(error)) from error


def _start_method() -> str:
    """``fork`` (nothing to import again: fast) from a process with one thread; else ``spawn``, as
    forking a process with other threads (the app reads in a worker thread) can deadlock the child."""
    import multiprocessing
    import threading

    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "spawn"


def _tracker_ready() -> None:
    """Start multiprocessing's resource tracker (every spawned worker needs it) with a real stderr.

    In the app, Textual stands in for ``sys.stderr`` with an object whose ``fileno()`` is -1;
    the tracker, started with that, fails ('bad value(s) in fds_to_keep') and so would every
    worker. Its messages (leaked semaphores) go nowhere then: the app owns the terminal.
    """
    import sys
    from multiprocessing import resource_tracker

    try:
        usable = sys.stderr.fileno() >= 0
    except (AttributeError, ValueError, OSError):
        usable = True  # no fileno at all: the tracker leaves it out itself
    if usable:
        return
    with open(os.devnull, "w") as null, contextlib.redirect_stderr(null):
        resource_tracker.ensure_running()


def read_chunk(root: str, chunk: list[tuple[str, tuple[int, ...]]], rules: TimingRules | None = None) -> list[Result]:
    """In a worker: read and validate these files (name, stat) of ``root/contacts`` (and work out each
    one's due date under ``rules``, if given)."""
    from netcoach.storage.contacts import ContactFiles
    from netcoach.storage.folder import CONTACTS, DataFolder
    from netcoach.storage.reader import Reader

    folder = DataFolder(Path(root))
    reader = Reader(folder, ContactFiles(folder), None)
    found: list[Result] = []
    with folder.open(CONTACTS) as contacts:
        for name, stat in chunk:
            read = reader._index_entry(name, Stat(*stat), contacts, rules)
            found.append((name, None, None) if read is None else (name, read.entry, read.problem))
    return found
