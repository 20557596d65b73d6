"""Index rows for contact files netcoach has just written itself (an import), so that the next
start reads none of them.

After an import of 30,000 LinkedIn connections, the first ``netcoach due`` would otherwise read
and validate every new file again (the index only remembers files it read once they have
settled, see :data:`netcoach.storage.index.SETTLED_NS`). Here the batch's own contacts (valid:
they were validated before being written, and the file is their exact serialization) give
their rows directly: the stat of the file as it is after the move into ``contacts/``, the
digest of the bytes written, the validated copy, the compact copy and the next due date under
the rules of ``config.toml``.

Called holding the folder's lock, right after the batch is moved into place: no other netcoach
writes meanwhile. A file whose stat cannot be taken, or that is not a regular file, is left out
(read again at the next start). Any failure only makes the next start slower: the index stays
derived and disposable.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from stat import S_ISREG

from netcoach.model.view import ContactView, brief
from netcoach.storage.contacts import ContactRecord, payload_json
from netcoach.storage.index import FileEntry, Index, Stat
from netcoach.timing.engine import follow_up
from netcoach.timing.rules import TimingRules

ANY_DAY = dt.date(2000, 1, 1)
"""A contact's next due date does not depend on today (see ``Reader.due_by``): any day gives it."""


def remember_written(
    index_path: Path | None, contacts_dir: Path, records: Sequence[ContactRecord], rules: TimingRules
) -> int:
    """Write the index rows of ``records`` (just written to ``contacts_dir``); returns how many."""
    if index_path is None or not records:
        return 0
    entries: dict[str, FileEntry] = {}
    dues: list[tuple[str, str]] = []
    for record in records:
        name = f"{record.id}.toml"
        try:
            st = os.lstat(contacts_dir / name)
        except OSError:
            continue
        if not S_ISREG(st.st_mode):
            continue
        compact = brief(record.contact)
        entries[name] = FileEntry(Stat.of(st), record.digest, payload_json(record.contact), None, compact)
        result = follow_up(ContactView.from_brief(compact), ANY_DAY, rules)
        dues.append((name, result.due.isoformat() if result is not None else ""))
    with contextlib.suppress(sqlite3.Error, OSError), Index(index_path) as index:
        index.update(entries, [])
        index.remember_due(dues, rules.key())
    return len(entries)
