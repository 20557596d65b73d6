"""A derived index of the contact files, so start-up does not re-parse 30,000 TOML files.

SQLite in the platform cache folder, one row per file keyed by its path and stat
(size, mtime, inode, ctime). A row whose stat still matches gives the validated contact
(or the problem) without reading the file; anything else is read and validated again.
The TOML files are the only truth: a missing, stale or corrupt index is rebuilt, and
deleting it loses nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Stat:
    size: int
    mtime_ns: int
    ino: int
    ctime_ns: int

    @classmethod
    def of(cls, st: os.stat_result) -> Stat:
        return cls(st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)


@dataclass(frozen=True)
class Entry:
    """What the index remembers of one file: its digest and either the contact JSON or a problem."""

    stat: Stat
    digest: str
    payload: str | None
    problem: str | None  # JSON: [line, col, message]


def index_path(cache_dir: Path, data_dir: Path) -> Path:
    key = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    return cache_dir / f"index-{key}.sqlite3"


class Index:
    """The cache of parsed contact files. Every failure degrades to 'no cache', never to an error."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
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
                "CREATE TABLE files (name TEXT PRIMARY KEY, size INT, mtime_ns INT, ino INT,"
                " ctime_ns INT, digest TEXT, payload TEXT, problem TEXT)"
            )
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
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

    def entries(self) -> dict[str, Entry]:
        if self._db is None:
            return {}
        try:
            rows = self._db.execute(
                "SELECT name, size, mtime_ns, ino, ctime_ns, digest, payload, problem FROM files"
            ).fetchall()
        except sqlite3.Error:
            self._db = None
            return {}
        return {row[0]: Entry(Stat(*row[1:5]), row[5], row[6], row[7]) for row in rows}

    def update(self, changed: dict[str, Entry], removed: list[str]) -> None:
        if self._db is None or not (changed or removed):
            return
        try:
            with self._db:
                self._db.execute("BEGIN")
                self._db.executemany("DELETE FROM files WHERE name = ?", [(n,) for n in removed])
                self._db.executemany(
                    "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            name,
                            e.stat.size,
                            e.stat.mtime_ns,
                            e.stat.ino,
                            e.stat.ctime_ns,
                            e.digest,
                            e.payload,
                            e.problem,
                        )
                        for name, e in changed.items()
                    ],
                )
        except sqlite3.Error:
            pass  # a cache that cannot be written is only slower next time

    def close(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None


def problem_json(line: int, col: int, message: str) -> str:
    return json.dumps([line, col, message])
