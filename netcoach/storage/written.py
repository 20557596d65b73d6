"""Index rows for contact files netcoach has just written itself (an import), so that the next
start reads none of them.

After an import of 30,000 LinkedIn connections, the first ``netcoach due`` would otherwise read
and validate every new file again (the index only remembers files it read once they have
settled, see :data:`netcoach.storage.index.SETTLED_NS`). Here the batch's own contacts (valid:
they were validated before being written, and the file is their exact serialization) give
their rows directly: the stat of the file as it is after the move into ``contacts/``, the
digest of the bytes written, the validated copy, the compact copy and the next due date under
the rules of ``config.toml``.

What a row holds besides the stat (the copies and the due date) depends on the contact alone, so
:func:`rows_later` works it out while the batch is being written: in a second process forked for
it when there are many (this process is busy in the kernel writing files meanwhile), else here
once the files are in place. :func:`remember_written` is called holding the folder's lock, right
after the batch is moved into place: no other netcoach writes meanwhile. A file whose stat cannot be taken, or that is not a regular file, is left out
(read again at the next start). Any failure only makes the next start slower: the index stays
derived and disposable.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from stat import S_ISREG
from typing import TYPE_CHECKING

from netcoach.model.view import ContactView, brief
from netcoach.storage.contacts import ContactRecord, payload_json
from netcoach.storage.dirs import Dir
from netcoach.storage.index import FileEntry, Index, Stat
from netcoach.storage.parallel import cores
from netcoach.timing.introductions import remembered_due
from netcoach.timing.rules import TimingRules

if TYPE_CHECKING:
    from netcoach.model.contact import Contact

IN_BACKGROUND_FROM = 2000
"""Fewer contacts than this get their rows here, after the write: forking a worker costs about 0.05 s."""

Rows = list[tuple[str, str, str]]
"""Per contact: its copy for the index (:func:`payload_json`), its compact copy (:func:`brief`) and
its next due date ("" for never)."""


def index_rows(contacts: Sequence[Contact], rules: TimingRules) -> Rows:
    """The index's copies and next due date of each of ``contacts`` (in order)."""
    rows: Rows = []
    for contact in contacts:
        compact = brief(contact)
        rows.append((payload_json(contact), compact, remembered_due(ContactView.from_brief(compact), rules)))
    return rows


_SHARED: tuple[Sequence[Contact], TimingRules] | None = None
"""What a forked worker computes rows for: set only while the worker is being forked."""


def _shared_rows() -> Rows:
    """In the forked worker: the rows of the contacts it was forked with."""
    assert _SHARED is not None
    return index_rows(*_SHARED)


def rows_later(contacts: Sequence[Contact], rules: TimingRules) -> tuple[Callable[[], Rows], Callable[[], None]]:
    """(rows, drop): ``rows()`` gives :func:`index_rows` of ``contacts``, begun now in a worker
    forked for it when they are many and there is a second core (and this process has one thread:
    see :func:`netcoach.storage.parallel._start_method`), else worked out here when called.
    ``drop()`` lets go of the worker (the batch failed). Anything that goes wrong with the worker
    only means working them out here."""

    def here() -> Rows:
        return index_rows(contacts, rules)

    if len(contacts) < IN_BACKGROUND_FROM or cores() < 2:
        return here, lambda: None
    import multiprocessing
    import threading

    if threading.active_count() != 1 or "fork" not in multiprocessing.get_all_start_methods():
        return here, lambda: None  # never fork a process with threads (the app): it can deadlock
    from concurrent.futures import ProcessPoolExecutor

    global _SHARED
    try:
        _SHARED = (contacts, rules)
        pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
        future = pool.submit(_shared_rows)  # the worker is forked here, with the contacts in its memory
    except (OSError, RuntimeError):
        return here, lambda: None
    finally:
        _SHARED = None

    def rows() -> Rows:
        try:
            found = future.result()
        except Exception:  # a worker killed, out of memory: work them out here
            found = None
        finally:
            pool.shutdown(wait=True)
        if found is None or len(found) != len(contacts):
            return here()
        return found

    def drop() -> None:
        future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)

    return rows, drop


def remember_written(
    index_path: Path | None,
    contacts_dir: Path,
    records: Sequence[ContactRecord],
    rules: TimingRules,
    rows: Rows | None = None,
) -> int:
    """Write the index rows of ``records`` (just written to ``contacts_dir``); returns how many.
    ``rows``, when given, are their :func:`index_rows` (worked out while they were written)."""
    if index_path is None or not records:
        return 0
    if rows is None or len(rows) != len(records):
        rows = index_rows([r.contact for r in records], rules)
    found: list[tuple[str, FileEntry]] = []
    try:
        folder = Dir.open(contacts_dir)
    except OSError:
        return 0
    with folder:
        for record, (payload, compact, due) in zip(records, rows, strict=True):
            name = f"{record.id}.toml"
            try:
                st = folder.lstat(name)
            except OSError:
                continue
            if not S_ISREG(st.st_mode):
                continue
            found.append((name, FileEntry(Stat.of(st), record.digest, payload, None, compact, due)))
    found.sort(key=_first)  # rows in the order of the table's key: SQLite appends rather than inserts
    with contextlib.suppress(sqlite3.Error, OSError), Index(index_path) as index:
        index.update(dict(found), [], rules.key())  # each row once, its due date with it
    return len(found)


def _first(pair: tuple[str, FileEntry]) -> str:
    return pair[0]


class PendingRows:
    """The index rows of a batch being written: begun when its contacts are known (:func:`rows_later`),
    remembered once its files are in place, or dropped if it failed."""

    def __init__(self, index_path: Path, contacts_dir: Path, contacts: Sequence[Contact], rules: TimingRules) -> None:
        self.index_path = index_path
        self.contacts_dir = contacts_dir
        self.rules = rules
        self._rows, self._drop = rows_later(contacts, rules)

    def remember(self, records: Sequence[ContactRecord]) -> int:
        """Write the rows of ``records`` (the contacts given, in order, now in place); returns how many."""
        return remember_written(self.index_path, self.contacts_dir, records, self.rules, self._rows())

    def drop(self) -> None:
        self._drop()
