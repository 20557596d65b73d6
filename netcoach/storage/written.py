"""An import's texts and index rows: the files of a batch rendered, and the index rows of the
contact files netcoach has just written itself, so that the next start reads none of them.

After an import of 30,000 LinkedIn connections, the first ``netcoach due`` would otherwise read
and validate every new file again (the index only remembers files it read once they have
settled, see :data:`netcoach.storage.index.SETTLED_NS`). Here the batch's own contacts (valid:
they were validated before being written, and the file is their exact serialization) give
their rows directly: the stat of the file as it is after the move into ``contacts/``, the
digest of the bytes written, the validated copy, the compact copy and the next due date under
the rules of ``config.toml``.

When there are many, :class:`PendingRows` forks a second process for them: it renders the files'
texts (:func:`~netcoach.storage.contacts.contact_text`) a chunk at a time while this process writes
them (busy in the kernel creating files), works out what a row holds besides the stat (the copies and
the due date depend on the contact alone), then takes each file's stat and writes its row as this
process moves the file into place, committing them all once every file is (the rows are written
beside the moves, not after them). Else, and whenever the worker fails, the same is done here: the
texts as the files are written, the rows once they are in place. Either way it happens holding the
folder's lock, the rows right after the batch's commit: no other netcoach writes meanwhile. A file
whose stat cannot be taken, or that is not a regular file, is left out (read again at the next
start). An import stopped half way leaves no row. Any failure only makes the next start slower: the
index stays derived and disposable.
"""

from __future__ import annotations

import contextlib
import signal
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from stat import S_ISREG
from typing import TYPE_CHECKING

from netcoach.model.view import ContactView, brief
from netcoach.storage.contacts import ContactRecord, contact_text, digest, payload_json
from netcoach.storage.dirs import Dir
from netcoach.storage.index import Index, Row, Stat, file_row, row_tail
from netcoach.storage.parallel import cores
from netcoach.timing.introductions import remembered
from netcoach.timing.rules import TimingRules

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from netcoach.model.contact import Contact

PIPE_BYTES = 1 << 20
"""The pipes to and from the worker hold this much (Linux's default most): the names of 30,000 files,
so moving them never waits for the worker to read; texts, so the worker renders ahead."""

TEXTS_CHUNK = 500
"""The worker sends the texts of this many contacts at a time."""

IN_BACKGROUND_FROM = 2000
"""Fewer contacts than this are rendered and get their rows here: forking a worker costs about 0.05 s."""

Rows = list[tuple[str, str, str, str]]
"""Per contact: its copy for the index (:func:`payload_json`), its compact copy (:func:`brief`),
its next due date ("" for never) and its pacing facts (:func:`remembered`)."""


def index_rows(contacts: Sequence[Contact], rules: TimingRules) -> Rows:
    """The index's copies and next due date of each of ``contacts`` (in order)."""
    rows: Rows = []
    for contact in contacts:
        compact = brief(contact)
        rows.append((payload_json(contact), compact, *remembered(ContactView.from_brief(compact), rules)))
    return rows


def _rows(folder: Dir, names: Sequence[str], tails: dict[str, Row]) -> list[Row]:
    """The index rows of those of ``names`` (in ``folder``, just written) that ``tails`` has (name ->
    :func:`row_tail`), with the stat of each as it is now: a file whose stat cannot be taken, or that
    is not a regular file, is left out. In the order of the table's key (SQLite then appends rather
    than inserts)."""
    found: list[Row] = []
    for name in sorted(names):
        tail = tails.get(name)
        if tail is None:
            continue
        try:
            st = folder.lstat(name)
        except OSError:
            continue
        if not S_ISREG(st.st_mode):
            continue
        found.append(file_row(name, Stat.of(st), tail))
    return found


def _tails(records: Sequence[ContactRecord], rules: TimingRules) -> dict[str, Row]:
    """File name -> :func:`row_tail` of each record: all of its row but the stat."""
    key = rules.key()
    return {
        f"{r.id}.toml": row_tail(r.digest, payload, None, compact, due, key, pace)
        for r, (payload, compact, due, pace) in zip(
            records, index_rows([r.contact for r in records], rules), strict=True
        )
    }


Ends = tuple["Connection", "Connection"]
"""The two ends of a pipe: (reading, writing)."""

_SHARED: tuple[Ends, Ends, Sequence[tuple[str, Contact]], TimingRules, Path, Path] | None = None
"""What a forked worker works on: set only while the worker is being forked."""


def _serve() -> None:
    """In the forked worker: send the parent the text of each contact of the batch (:data:`TEXTS_CHUNK`
    at a time, as the parent writes them), work out their rows, then, as the parent says which files
    are in place (lists of names; None: all are, commit), write theirs in one transaction, and send
    back how many (-1: the index could not be written). The parent gone (end of the pipe) or anything
    else rolls everything back: no row without its file in place."""
    assert _SHARED is not None
    (told, telling), (answering, answer), batch, rules, index_path, contacts_dir = _SHARED
    telling.close()  # the parent's ends, inherited: else the parent closing its own would not end the pipe
    answering.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it then drops this worker
    try:
        records: list[ContactRecord] = []
        for start in range(0, len(batch), TEXTS_CHUNK):
            texts = [contact_text(contact) for _, contact in batch[start : start + TEXTS_CHUNK]]
            answer.send(texts)
            records += [
                ContactRecord(contact_id, contact, digest(data))
                for (contact_id, contact), data in zip(batch[start : start + TEXTS_CHUNK], texts, strict=True)
            ]
    except (EOFError, OSError):
        return
    tails = _tails(records, rules)  # all but the stat, worked out before the first file is in place

    def moved(folder: Dir) -> Iterator[list[Row]]:
        while (names := told.recv()) is not None:  # EOFError when the parent is gone: rolled back
            yield _rows(folder, names, tails)

    try:
        with Dir.open(contacts_dir) as folder, Index(index_path) as index:
            count = index.insert_as_they_come(moved(folder))
        answer.send(count)
    except (EOFError, OSError):  # the parent dropped the batch, or is gone: nothing written, nothing to say
        return


class PendingRows:
    """The texts and index rows of a batch being written: the texts given as this process writes the
    files (:meth:`texts`), the rows begun meanwhile, written as the files are moved into place
    (:meth:`moved`) and committed once all are (:meth:`remember`), or dropped if it failed.

    With many contacts and a second core (and one thread in this process: see
    :func:`netcoach.storage.parallel._start_method`), a worker forked for them renders their texts
    (this process writes each chunk as it comes, busy in the kernel meanwhile), works out their rows,
    then writes each file's row as soon as this process has moved it into place, in a transaction
    committed when :meth:`remember` is called: an import stopped half way leaves no row. Else (or if
    anything goes wrong with the worker) the texts are rendered here, and :meth:`remember` works the
    rows out and writes them here. Either way the texts and the rows are the same."""

    def __init__(
        self, index_path: Path, contacts_dir: Path, batch: Sequence[tuple[str, Contact]], rules: TimingRules
    ) -> None:
        self.index_path = index_path
        self.contacts_dir = contacts_dir
        self.rules = rules
        self.batch = batch
        self._telling: Connection | None = None
        self._answer: Connection | None = None
        self._worker: BaseProcess | None = None
        if len(batch) >= IN_BACKGROUND_FROM and cores() >= 2:
            self._start(batch)

    def _start(self, batch: Sequence[tuple[str, Contact]]) -> None:
        import fcntl  # only where processes fork: never on Windows
        import multiprocessing
        import threading

        if threading.active_count() != 1 or "fork" not in multiprocessing.get_all_start_methods():
            return  # never fork a process with threads (the app): it can deadlock
        context = multiprocessing.get_context("fork")
        global _SHARED
        told, telling = context.Pipe(duplex=False)
        answering, answer = context.Pipe(duplex=False)
        with contextlib.suppress(AttributeError, OSError):
            fcntl.fcntl(telling.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)  # every name: moving never waits on it
            fcntl.fcntl(answer.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)  # texts: it renders ahead of the writes
        try:
            _SHARED = ((told, telling), (answering, answer), batch, self.rules, self.index_path, self.contacts_dir)
            worker = context.Process(target=_serve, name="netcoach-import-worker", daemon=True)
            worker.start()  # forked here, with the contacts in its memory
        except (OSError, RuntimeError):
            telling.close()
            answering.close()
            return
        finally:
            _SHARED = None
            told.close()
            answer.close()
        self._telling, self._answer, self._worker = telling, answering, worker

    def texts(self) -> Iterator[bytes]:
        """The text of each contact of the batch, in order (:func:`contact_text`): the worker's as they
        come, else (or from where it stopped) rendered here."""
        done = 0
        while self._answer is not None and done < len(self.batch):
            try:
                chunk: list[bytes] = self._answer.recv()
            except (OSError, EOFError):  # the worker is gone: the rest is rendered here
                self.drop()
                break
            yield from chunk
            done += len(chunk)
        for _, contact in self.batch[done:]:
            yield contact_text(contact)

    def moved(self, names: list[str]) -> None:
        """These files (``<id>.toml``) of the batch are now in place: the worker may write their rows."""
        if self._telling is None:
            return
        try:
            self._telling.send(names)
        except (OSError, ValueError):  # the worker is gone: the rows are written here instead
            self.drop()

    def remember(self, records: Sequence[ContactRecord]) -> int:
        """Write the rows of ``records`` (the records given, now in place); returns how many."""
        count = -1
        if self._telling is not None and self._answer is not None:
            try:
                self._telling.send(None)
                count = self._answer.recv()
            except (OSError, EOFError, ValueError):
                count = -1
            finally:
                self.drop()
        if count >= 0:
            return int(count)
        return remember_written(self.index_path, self.contacts_dir, records, self.rules)

    def drop(self) -> None:
        """Let go of the worker (and with it any row it wrote but did not commit)."""
        telling, answer, worker = self._telling, self._answer, self._worker
        self._telling = self._answer = self._worker = None
        for end in (telling, answer):
            if end is not None:
                end.close()  # the worker reads the end of the pipe: it rolls back and ends
        if worker is not None:
            worker.join(5)
            if worker.is_alive():
                worker.kill()
                worker.join()


def remember_written(
    index_path: Path | None, contacts_dir: Path, records: Sequence[ContactRecord], rules: TimingRules
) -> int:
    """Work out and write here the index rows of ``records`` (just written to ``contacts_dir``); returns how many."""
    if index_path is None or not records:
        return 0
    tails = _tails(records, rules)
    try:
        folder = Dir.open(contacts_dir)
    except OSError:
        return 0
    with folder:
        rows = _rows(folder, list(tails), tails)
    with contextlib.suppress(sqlite3.Error, OSError), Index(index_path) as index:
        index.insert_as_they_come([rows])
    return len(rows)
