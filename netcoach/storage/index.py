"""A derived index of the contact files, so start-up does not re-parse 30,000 TOML files.

SQLite in the platform cache folder, one row per file keyed by its path and stat
(size, mtime, inode, ctime). A row whose stat still matches gives the validated contact
(or the problem) without reading the file; anything else is read and validated again.
Each row carries a checksum, so a damaged row is read again from its file, never trusted.
For ``netcoach due`` a row also remembers the contact's next due date under a given set of
timing rules, and what pacing needs to know of it (neither depends on today).
The TOML files are the only truth: a missing, stale or corrupt index is rebuilt, and
deleting it loses nothing.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, NamedTuple

from netcoach.model.digests import sha256_hex
from netcoach.model.view import BRIEF_TAGS_AT

SCHEMA_VERSION = 6

SETTLED_NS = 2_000_000_000
"""The index remembers only files unchanged for this long (nanoseconds): a second edit in the
same clock tick could leave a file's size, times and inode as they were."""


def settled_before() -> int:
    """Files modified before this time (ns since the epoch) are settled: the index may remember them."""
    return time.time_ns() - SETTLED_NS


class Stat(NamedTuple):  # a tuple: made and compared 30,000 times per start, it has to be cheap
    size: int
    mtime_ns: int
    ino: int
    ctime_ns: int

    @classmethod
    def of(cls, st: os.stat_result) -> Stat:
        return cls(st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)


@dataclass(frozen=True)
class FileEntry:
    """What the index remembers of one file: its digest and either the contact JSON or a problem."""

    stat: Stat
    digest: str
    payload: str | None  # the validated contact (see netcoach.storage.contacts.payload_json)
    problem: str | None  # JSON: [line, col, message]
    brief: str | None = None  # the compact copy `netcoach due` reads (netcoach.model.view.brief)
    due: str | None = None  # the remembered due date (timing.introductions.remembered), if worked out
    pace: str | None = None  # with it, what pacing needs to know (timing.engine.PaceFacts, as text)


SCAN_COLUMNS = "due, due_crc, problem, name, size, mtime_ns, ino, ctime_ns, pace, pace_crc"
"""A covering index of what a start reads of every row (:meth:`Index.stats`, :meth:`Index.dues`): a
scan of it reads about 2 MB for 30,000 files, not every row of the table (each holds the contact's
copies); the due dates first, so that their distinct values are read in order."""

CLEAN_SCAN = "contacts-clean-scan"
"""Where the index remembers the state (see ``Reader.state``) of the latest scan that found every
contact file known to it as it is: a start whose files give the same state knows every row is
theirs without comparing 30,000 stats (see ``Reader._scan``)."""
NO_STAT = Stat(0, 0, 0, 0)
"""The stat :meth:`Index.remember` is given for a value derived from no one file."""


def index_path(cache_dir: Path, data_dir: Path) -> Path:
    key = sha256_hex(str(data_dir.resolve()).encode())[:16]
    return cache_dir / f"index-{key}.sqlite3"


class Index:
    """The cache of parsed contact files. Every failure degrades to 'no cache', never to an error."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        self._writing = False  # within writing()
        if path is not None:
            self._db = self._open(path)

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        db = sqlite3.connect(path, timeout=5, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            db.execute("DROP TABLE IF EXISTS files")
            db.execute(
                "CREATE TABLE files (name TEXT PRIMARY KEY, size INT, mtime_ns INT, ino INT, ctime_ns INT,"
                " digest TEXT, payload TEXT, problem TEXT, crc INT, brief TEXT, brief_crc INT, due TEXT, due_crc INT,"
                " pace TEXT, pace_crc INT)"
            )
            db.execute("DROP TABLE IF EXISTS other_files")
            db.execute(
                "CREATE TABLE other_files (name TEXT PRIMARY KEY, size INT, mtime_ns INT, ino INT, ctime_ns INT,"
                " value TEXT, crc INT)"
            )
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        if db.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'files_scan'").fetchone() is None:
            with contextlib.suppress(sqlite3.Error):  # without it a start is only slower: never a reason to rebuild
                db.execute(f"CREATE INDEX IF NOT EXISTS files_scan ON files({SCAN_COLUMNS})")  # an older index too
        with contextlib.suppress(OSError):
            os.chmod(path, 0o600)
        return db

    def _open(self, path: Path) -> sqlite3.Connection | None:
        try:
            return self._connect(path)
        except (sqlite3.Error, OSError):
            # Corrupt or unreadable: start again from the files.
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(OSError):
                    os.unlink(f"{path}{suffix}")
            try:
                return self._connect(path)
            except (sqlite3.Error, OSError):
                return None

    def entries(self) -> dict[str, FileEntry]:
        if self._db is None:
            return {}
        try:
            rows = self._db.execute(
                "SELECT name, size, mtime_ns, ino, ctime_ns, digest, payload, problem, crc FROM files"
            ).fetchall()
        except sqlite3.Error:
            self._db = None
            return {}
        return {  # a damaged row is left out: its file is read again
            name: FileEntry(Stat(size, mtime, ino, ctime), digest, payload, problem)
            for name, size, mtime, ino, ctime, digest, payload, problem, crc in rows
            if _crc(digest, payload, problem) == crc
        }

    def stats(self) -> dict[str, tuple[int, int, int, int]]:
        """Every file's stat (size, mtime, inode, ctime) as the index knows it. Fast: no contact is read."""
        if self._db is None:
            return {}
        try:
            return {
                row[0]: row[1:] for row in self._db.execute("SELECT name, size, mtime_ns, ino, ctime_ns FROM files")
            }
        except sqlite3.Error:
            self._db = None
            return {}

    def count(self) -> int:
        """How many files the index has a row for (-1 if it cannot tell)."""
        if self._db is None:
            return -1
        try:
            return int(self._db.execute("SELECT count(*) FROM files").fetchone()[0])
        except sqlite3.Error:
            return -1

    def dues(self, due_key: str, by: str) -> tuple[dict[str, str | None], set[str], dict[str, str]] | None:
        """The next due date of each file that may be due by ``by`` (an ISO date; "" for none) under the
        rules whose key is ``due_key`` (None: not known for those rules, to be computed again), the
        files remembered with a problem, and the pacing facts remembered with each due date by ``by``.

        Fast: only those rows are read (a few thousand of 30,000), through the covering index, once
        every due date in it is checked to be of these rules (else every row is, one by one); both
        in one snapshot of the index. None if the index cannot be read (then nothing is known of any file).
        """
        dues: dict[str, str | None] = {}
        broken: set[str] = set()
        paces: dict[str, str] = {}
        if self._db is None:
            return None
        expected: dict[str, int] = {}  # the checksum each due date must have under these rules
        try:
            self._db.execute("BEGIN")
            try:
                pairs = self._db.execute(
                    "SELECT DISTINCT due, due_crc FROM files WHERE due IS NOT NULL AND problem IS NULL"
                ).fetchall()
                for due, _ in pairs:
                    expected[due] = _crc(due, due_key)
                select = "SELECT name, due, due_crc, problem IS NOT NULL, pace, pace_crc FROM files"
                if any(expected[due] != crc for due, crc in pairs):  # other rules, or damaged: every row checked
                    rows = self._db.execute(select)
                else:
                    rows = self._db.execute(
                        f"{select} WHERE problem IS NOT NULL OR due IS NULL OR (due != '' AND due <= ?)", (by,)
                    )
                for name, due, due_crc, problem, pace, pace_crc in rows:
                    if problem:
                        broken.add(name)
                    elif due is None:
                        dues[name] = None
                    else:
                        crc = expected.get(due)
                        if crc is None:
                            crc = expected[due] = _crc(due, due_key)
                        if crc != due_crc:
                            dues[name] = None  # other rules, or damaged: computed again
                        elif due and due <= by:
                            dues[name] = due
                            if pace is not None and _crc(pace, due_key) == pace_crc:
                                paces[name] = pace
            finally:
                self._db.execute("COMMIT")
        except sqlite3.Error:
            self._db = None
            return None
        return dues, broken, paces

    def briefs(self, names: list[str] | None) -> dict[str, str]:
        """The compact copy (:func:`netcoach.model.view.brief`) of each of ``names`` (None: every file) that has one."""
        return {  # a damaged row is not used
            name: brief
            for name, brief, crc in self._select("name, brief, brief_crc", names)
            if brief is not None and _crc(brief) == crc
        }

    def set_briefs(self, briefs: list[tuple[str, str]]) -> None:
        """Replace the compact copies of these files (name, brief): e.g. after a format change."""
        self._update_rows(
            "UPDATE files SET brief = ?, brief_crc = ? WHERE name = ?",
            [(brief, _crc(brief), name) for name, brief in briefs],
        )

    def set_payloads(self, payloads: list[tuple[str, str, str]]) -> None:
        """Replace the validated copies of these files (name, digest, payload): e.g. under a new model."""
        self._update_rows(
            "UPDATE files SET payload = ?, crc = ? WHERE name = ? AND digest = ? AND problem IS NULL",
            [(payload, _crc(digest, payload, None), name, digest) for name, digest, payload in payloads],
        )

    def _update_rows(self, statement: str, rows: list[tuple[str | int, ...]]) -> None:
        """Run one UPDATE for many rows in a transaction; a failure only makes the next start slower."""
        if self._db is None or not rows:
            return
        try:
            with self._db:
                self._db.execute("BEGIN")
                self._db.executemany(statement, rows)
        except sqlite3.Error:
            pass

    def payloads(self, names: list[str]) -> dict[str, tuple[Stat, str, str]]:
        """name -> (stat, digest, validated contact JSON) for these files, where the index has a sound copy.

        The copy is of the file as it was with that stat: compare it with the file's own.
        """
        return {
            name: (stat, digest, payload)
            for name, stat, digest, payload, _ in self._sound_rows(names)
            if payload is not None
        }

    def problems(self, names: list[str]) -> dict[str, str]:
        """The problem (JSON ``[line, col, message]``) of each of ``names`` that has one."""
        return {name: problem for name, _, _, _, problem in self._sound_rows(names) if problem is not None}

    def _sound_rows(self, names: list[str]) -> list[tuple[str, Stat, str, str | None, str | None]]:
        """(name, stat, digest, payload, problem) of these files' rows; a damaged row is left out."""
        return [
            (name, Stat(size, mtime, ino, ctime), digest, payload, problem)
            for name, size, mtime, ino, ctime, digest, payload, problem, crc in self._select(
                "name, size, mtime_ns, ino, ctime_ns, digest, payload, problem, crc", names
            )
            if _crc(digest, payload, problem) == crc
        ]

    def _select(self, columns: str, names: list[str] | None) -> list[tuple[Any, ...]]:
        """These ``columns`` of the rows of ``names`` (None: every row), asked for 500 names at a time."""
        if self._db is None:
            return []
        if names is None:
            chunks: list[list[str]] = [[]]
        else:
            chunks = [names[start : start + 500] for start in range(0, len(names), 500)]
        found: list[tuple[Any, ...]] = []
        try:
            for chunk in chunks:
                where = f" WHERE name IN ({','.join('?' * len(chunk))})" if names is not None else ""
                found += self._db.execute(f"SELECT {columns} FROM files{where}", chunk).fetchall()
        except sqlite3.Error:
            self._db = None
            return []
        return found

    def remember_due(self, dues: list[tuple[str, str, str]], due_key: str) -> None:
        """Remember (name, due date or "" for never, pacing facts) under the rules whose key is ``due_key``."""
        self._update_rows(
            "UPDATE files SET due = ?, due_crc = ?, pace = ?, pace_crc = ? WHERE name = ?",
            [(due, _crc(due, due_key), pace, _crc(pace, due_key), name) for name, due, pace in dues],
        )

    def remembered(self, name: str, stat: Stat) -> str | None:
        """What :meth:`remember` stored for another file (e.g. config.toml), if it is unchanged since."""
        if self._db is None:
            return None
        try:
            row = self._db.execute(
                "SELECT size, mtime_ns, ino, ctime_ns, value, crc FROM other_files WHERE name = ?", (name,)
            ).fetchone()
        except sqlite3.Error:
            return None
        if row is None or Stat(*row[:4]) != stat or _crc(row[4]) != row[5]:
            return None
        return str(row[4])

    def remembered_under(self, prefix: str) -> dict[str, tuple[Stat, str]]:
        """name -> (stat, value) of every sound :meth:`remember` row whose name starts with ``prefix``
        (e.g. ``events/``): one query for all of them. The caller compares each stat with its file's."""
        if self._db is None:
            return {}
        try:
            rows = self._db.execute(
                "SELECT name, size, mtime_ns, ino, ctime_ns, value, crc FROM other_files WHERE substr(name, 1, ?) = ?",
                (len(prefix), prefix),
            ).fetchall()
        except sqlite3.Error:
            return {}
        return {row[0]: (Stat(*row[1:5]), str(row[5])) for row in rows if _crc(row[5]) == row[6]}

    def remember_many(self, rows: list[tuple[str, Stat, str]]) -> None:
        """:meth:`remember` for many files at once (name, stat, value), in one transaction."""
        self._update_rows(
            "INSERT OR REPLACE INTO other_files VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(name, *stat, value, _crc(value)) for name, stat, value in rows],
        )

    def other_versions(self, version: int) -> list[str]:
        """The files whose compact copy is of another version than ``version`` (to be rebuilt)."""
        try:
            rows = self._select_where("brief IS NOT NULL AND json_extract(brief, '$[0]') IS NOT ?", (version,))
        except sqlite3.Error:
            return []
        return [name for (name,) in rows]

    def _select_where(self, where: str, params: tuple[int | str, ...]) -> list[tuple[str]]:
        if self._db is None:
            return []
        return self._db.execute(f"SELECT name FROM files WHERE {where}", params).fetchall()

    def briefs_mentioning(self, needles: list[str], text: str = "") -> list[tuple[str, str, str, str, str, str]]:
        """(file name, brief, name, company, stage, tags as JSON) of the rows whose compact copy contains one of
        ``needles``, or whose company, in ASCII lower case, is in ``text``: a quick filter (one pass,
        in SQLite) for the callers to check. Damaged rows and copies of other versions are left out."""
        if self._db is None or not (needles or text):
            return []
        from netcoach.model.view import BRIEF_VERSION

        tests = ["instr(brief, ?) > 0"] * len(needles)
        params: list[str | int] = [BRIEF_VERSION, *needles]
        if text:
            tests.append("(json_extract(brief, '$[2]') != '' AND instr(?, lower(json_extract(brief, '$[2]'))) > 0)")
            params.append(text)
        try:
            rows = self._db.execute(
                "SELECT name, brief, brief_crc, json_extract(brief, '$[1]'), json_extract(brief, '$[2]'),"
                f" json_extract(brief, '$[4]'), json_extract(brief, '$[{BRIEF_TAGS_AT}]') FROM files"
                f" WHERE brief IS NOT NULL AND json_extract(brief, '$[0]') = ? AND ({' OR '.join(tests)})",
                params,
            ).fetchall()
        except sqlite3.Error:
            return []
        return [
            (name, brief, str(who), str(company), str(stage), str(tags or "[]"))
            for name, brief, crc, who, company, stage, tags in rows
            if _crc(brief) == crc
        ]

    def remember(self, name: str, stat: Stat, value: str) -> None:
        """Remember ``value`` derived from another file as it is now (``stat``)."""
        if self._db is None:
            return
        try:
            with self._db:
                self._db.execute(
                    "INSERT OR REPLACE INTO other_files VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (name, *stat, value, _crc(value)),
                )
        except sqlite3.Error:
            pass

    def update(self, changed: dict[str, FileEntry], removed: list[str], due_key: str | None = None) -> None:
        """Remember ``changed`` and forget ``removed``; an entry's due date (worked out when read, under the
        rules whose key is ``due_key``) goes in the same row: no second pass (:meth:`remember_due`)."""
        if self._db is None or not (changed or removed):
            return
        # In the order of the table's key: after a cold read of 30,000 files, a third less time.
        rows = sorted(_file_row(name, e, due_key) for name, e in changed.items())
        try:
            if self._writing:  # within writing(): its one transaction
                self._db.executemany("DELETE FROM files WHERE name = ?", [(n,) for n in removed])
                self._db.executemany(_INSERT_FILE, rows)
                return
            with self._db:
                self._db.execute("BEGIN")
                self._db.executemany("DELETE FROM files WHERE name = ?", [(n,) for n in removed])
                self._db.executemany(_INSERT_FILE, rows)
        except sqlite3.Error:
            pass  # a cache that cannot be written is only slower next time

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Every :meth:`update` made meanwhile in one transaction, committed at the end (rolled back if
        an exception goes through, or the commit fails): a cold read writes its rows as it reads them,
        with one commit (a commit each time would checkpoint, and sync, the write-ahead log each time)."""
        if self._db is None or self._writing:
            yield
            return
        try:
            self._db.execute("BEGIN")
        except sqlite3.Error:
            yield  # each update on its own then
            return
        self._writing = True
        try:
            yield
        except BaseException:
            self._writing = False
            with contextlib.suppress(sqlite3.Error):
                self._db.rollback()
            raise
        self._writing = False
        try:
            self._db.commit()
        except sqlite3.Error:
            with contextlib.suppress(sqlite3.Error):
                self._db.rollback()

    def insert_as_they_come(self, chunks: Iterable[list[Row]]) -> int:
        """Insert (or replace) rows (:func:`file_row`) given a chunk at a time, as they come (e.g. as an
        import's files are moved into place), in one transaction: committed once ``chunks`` ends,
        rolled back if it raises (the exception goes on) or the index cannot be written (then -1).
        Returns how many rows were written."""
        if self._db is None:
            return -1
        count = 0
        try:
            with self._db:
                self._db.execute("BEGIN")
                for chunk in chunks:
                    self._db.executemany(_INSERT_FILE, chunk)
                    count += len(chunk)
        except sqlite3.Error:
            return -1
        return count

    def __enter__(self) -> Index:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None


_INSERT_FILE = "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"


Row = tuple[str | int | None, ...]
"""A row of the files table, in its columns' order."""


def row_tail(
    digest: str,
    payload: str | None,
    problem: str | None,
    brief: str | None,
    due: str | None,
    due_key: str | None,
    pace: str | None = None,
) -> Row:
    """What a row of the files table holds after the file's name and stat: its digest, copies and
    problem, its due date and pacing facts (only with the key of their rules), each with its checksum."""
    return (
        digest,
        payload,
        problem,
        _crc(digest, payload, problem),
        brief,
        _crc(brief),
        *(_due_columns(due, pace, due_key) if due_key and due is not None else (None,) * 4),
    )


def _due_columns(due: str, pace: str | None, due_key: str) -> Row:
    """due, due_crc, pace, pace_crc of a due date (and its pacing facts) worked out under the rules keyed ``due_key``."""
    return due, _crc(due, due_key), pace, None if pace is None else _crc(pace, due_key)


def file_row(name: str, stat: Stat, tail: Row) -> Row:
    """The row of the files table for the file ``name`` as it is (``stat``), its :func:`row_tail` worked out."""
    return (name, *stat, *tail)


def _file_row(name: str, e: FileEntry, due_key: str | None) -> Row:
    """The row of the files table that remembers ``e``."""
    return file_row(name, e.stat, row_tail(e.digest, e.payload, e.problem, e.brief, e.due, due_key, e.pace))


def _crc(*parts: str | None) -> int:
    """A checksum of a row's values: SQLite has none of its own, and a damaged row must not be trusted."""
    return zlib.crc32("\x00".join("\x01" if part is None else part for part in parts).encode())


def problem_json(line: int, col: int, message: str) -> str:
    return json.dumps([line, col, message])
