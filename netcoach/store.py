"""The store: the only code that touches the data folder.

Layout of ``<data>/``::

    config.toml            settings (optional)
    contacts/<id>.toml     one file per contact; <id> is a safe slug of the name
    drafts/<id>.toml       drafts in progress
    templates/*.toml       the user's own message templates
    .netcoach.lock         the lock every write holds (never the data files themselves)

Every write goes through :func:`netcoach.fsio.atomic_write` while holding the lock, after
checking that the file did not change since it was read. Files that fail to load are
reported as :class:`~netcoach.tomlfile.Problem` and never rewritten.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netcoach.fsio import (
    TEMP_SUFFIX,
    atomic_write,
    ensure_private_dir,
    fsync_dir,
    move_files,
    remove_stray_temp_files,
    write_new_files,
)
from netcoach.index import Entry, Index, Stat, index_path, problem_json
from netcoach.text import fold, slugify
from netcoach.tomlfile import FileProblem, Problem, compact, read_model, to_toml

if TYPE_CHECKING:
    import datetime as dt

    import filelock

    from netcoach.config import Config
    from netcoach.models import Contact
    from netcoach.timing import TimingRules
    from netcoach.view import ContactView

# netcoach.models (and so pydantic) is imported inside the methods that need it, so that
# `netcoach due` over the index never loads it (see Store.due_by).

DATA_ENV = "NETCOACH_DATA"
CACHE_ENV = "NETCOACH_CACHE"
LOCK_TIMEOUT = 15.0
BATCH_DIR = ".batch"  # a batch being written (see Store.apply_batch)
BATCH_COMMITTED = "COMMITTED"


def default_data_dir() -> Path:
    """``NETCOACH_DATA``, else the platform's user data folder."""
    env = os.environ.get(DATA_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    import platformdirs

    return platformdirs.user_data_path("netcoach")


def default_cache_dir() -> Path:
    env = os.environ.get(CACHE_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    import platformdirs

    return platformdirs.user_cache_path("netcoach")


class StoreError(Exception):
    """An expected problem with the data folder, worded for the user."""


class NotFound(StoreError):
    pass


class Ambiguous(StoreError):
    def __init__(self, message: str, candidates: list[ContactRecord]) -> None:
        super().__init__(message)
        self.candidates = candidates


class ConflictError(StoreError):
    """The file changed on disk since it was read; ``current`` is what is there now."""

    def __init__(self, current: ContactRecord | None) -> None:
        super().__init__("this contact was changed elsewhere since you opened it")
        self.current = current


class Busy(StoreError):
    pass


class IndexBehind(StoreError):
    """More files changed since the index last saw them than the caller wanted to read now."""

    def __init__(self, count: int) -> None:
        super().__init__(f"{count} contact files to read")
        self.count = count


@dataclass(frozen=True)
class ContactRecord:
    """A contact as stored: its id (the file's stem), the contact, and the digest of the file read."""

    id: str
    contact: Contact
    digest: str


SETTLED_NS = 2_000_000_000
"""The index remembers only files unchanged for this long (nanoseconds)."""


@dataclass(frozen=True)
class Read:
    """What reading one contact file gave: its index entry, and the contact or the problem."""

    entry: Entry
    contact: Contact | None
    problem: Problem | None = None

    def failure(self, path: Path) -> Problem | None:
        """What to report when this read gave no contact to list (None when it did)."""
        if self.problem is None and self.entry.brief is not None:
            return None
        return self.problem or Problem(path, 1, 1, "could not be read")


@dataclass
class LoadResult:
    records: list[ContactRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def contact_toml(contact: Contact) -> str:
    """The TOML text of a contact: fields in a fixed order, unset fields left out, dates as TOML dates."""
    data = contact.model_dump(mode="python")
    interactions = data.pop("interactions")
    parts = [to_toml(compact(data, keep=("name", "stage")))]
    # Always [[interactions]] blocks (never one long inline array): easy to edit and to diff.
    parts += [f"\n[[interactions]]\n{to_toml(compact(i, keep=('date', 'kind')))}" for i in interactions]
    return "".join(parts)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Store:
    """A netcoach data folder."""

    def __init__(self, root: Path, cache_dir: Path | None = None, *, use_index: bool = True) -> None:
        self.root = root
        self.contacts_dir = root / "contacts"
        self.drafts_dir = root / "drafts"
        self.templates_dir = root / "templates"
        self.config_path = root / "config.toml"
        self._file_lock: filelock.FileLock | None = None
        self._cache_dir = cache_dir if cache_dir is not None else default_cache_dir()
        self._use_index = use_index

    # -- locking -----------------------------------------------------------------------

    @property
    def _lock(self) -> filelock.FileLock:
        """The data folder's lock file (filelock is imported on first use: `netcoach due` rarely needs it)."""
        if self._file_lock is None:
            import filelock

            self._file_lock = filelock.FileLock(self.root / ".netcoach.lock", mode=0o600)
        return self._file_lock

    def _prepare(self) -> None:
        ensure_private_dir(self.root)
        ensure_private_dir(self.contacts_dir)

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the data folder's write lock (waits up to 15 s for another netcoach)."""
        import filelock

        self._prepare()
        try:
            with self._lock.acquire(timeout=LOCK_TIMEOUT):
                self._finish_batch()
                yield
        except filelock.Timeout:
            raise Busy(f"another netcoach is holding {self._lock.lock_file}; try again in a moment") from None

    def clean_up(self) -> None:
        """Remove temp files left by a writer that was killed, if no one is writing now."""
        import filelock

        self._prepare()
        try:
            with self._lock.acquire(timeout=0):
                self._finish_batch()
                for folder in (self.root, self.contacts_dir, self.drafts_dir):
                    remove_stray_temp_files(folder)
        except filelock.Timeout:
            pass

    # -- reading -----------------------------------------------------------------------

    def path_of(self, contact_id: str) -> Path:
        return self.contacts_dir / f"{contact_id}.toml"

    def _parse(self, path: Path, data: bytes) -> Contact:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            before = data[: error.start]
            line = before.count(b"\n") + 1
            col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
            raise FileProblem(Problem(path, line, col, "not UTF-8 text")) from None
        from netcoach.models import Contact

        return read_model(path, text, Contact)

    def read(self, contact_id: str) -> ContactRecord:
        """Read one contact from its file. Raises :class:`NotFound` or :class:`FileProblem`."""
        path = self.path_of(contact_id)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise NotFound(f"no contact file {path}") from None
        return ContactRecord(contact_id, self._parse(path, data), _digest(data))

    def _open_index(self) -> Index:
        return Index(index_path(self._cache_dir, self.root) if self._use_index else None)

    def _scan(
        self,
        index: Index,
        known: Mapping[str, tuple[int, int, int, int]],
        *,
        keep_contacts: bool = True,
        max_reads: int | None = None,
    ) -> tuple[list[str], dict[str, Read]]:
        """Bring the index up to date with the contact files.

        Returns every contact file's name, sorted, and what was read from each file the index
        did not know as it is now (``known`` maps names to the stat the index has). A file
        modified in the last two seconds is read but not remembered: a second edit in the same
        clock tick could leave its size, times and inode as they were. Without ``keep_contacts``
        the contacts read are not kept (the index entries are): less memory for ``netcoach due``.
        With ``max_reads``, raises :class:`IndexBehind` (having read nothing) when more files
        than that would have to be read.
        """
        self._prepare()
        if (self.root / BATCH_DIR).is_dir() or _has_temp_files(self.root) or _has_temp_files(self.drafts_dir):
            self.clean_up()  # before the scan: a batch to finish moves files into contacts/
        with os.scandir(self.contacts_dir) as scan:
            listed = list(scan)
        settled_before = time.time_ns() - SETTLED_NS
        names: list[str] = []
        stale: list[tuple[str, Stat]] = []
        stray = False
        for entry in listed:  # a tight loop: it runs for every contact at every start
            name = entry.name
            if name.startswith("."):
                stray = stray or name.endswith(TEMP_SUFFIX)
                continue
            if not name.endswith(".toml"):
                continue
            try:
                st = entry.stat()
            except FileNotFoundError:
                continue
            stat = (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)
            if known.get(name) != stat:
                stale.append((name, Stat(*stat)))
            names.append(name)
        if max_reads is not None and len(stale) > max_reads:
            raise IndexBehind(len(stale))
        fresh: dict[str, Read] = {}
        remember: dict[str, Entry] = {}
        gone: set[str] = set()
        for name, stat in stale:
            read = self._index_entry(self.contacts_dir / name, stat)
            if read is None:
                gone.add(name)
                continue
            fresh[name] = read if keep_contacts else Read(read.entry, None, read.problem)
            if stat.mtime_ns < settled_before:
                remember[name] = read.entry
        if gone:
            names = [name for name in names if name not in gone]
        if stray:
            self.clean_up()  # temp files left by a killed writer (the scan skips them anyway)
        names.sort()
        seen = set(names)
        index.update(remember, [name for name in known if name not in seen])
        return names, fresh

    def load(self) -> LoadResult:
        """Every contact that loads, and a problem for every file that does not."""
        from netcoach.models import TRUSTED, Contact

        result = LoadResult()
        index = self._open_index()
        try:
            known = index.entries()
            names, fresh = self._scan(index, {name: e.stat for name, e in known.items()})
            repaired: dict[str, Entry] = {}
            for name in names:
                read = fresh.get(name)
                if read is None:  # unchanged since indexed: its copy was validated then
                    entry = known[name]
                    try:
                        if entry.payload is not None:
                            contact = Contact.model_validate_json(entry.payload, context=TRUSTED)
                            read = Read(entry, contact)
                        else:
                            read = Read(entry, None, _problem(self.contacts_dir / name, entry.problem))
                    except (ValueError, TypeError):  # the index's copy does not fit (any more): read the file
                        read = self._index_entry(self.contacts_dir / name, Stat(*entry.stat))
                        if read is None:
                            continue
                        repaired[name] = read.entry
                if read.contact is not None:
                    result.records.append(ContactRecord(name.removesuffix(".toml"), read.contact, read.entry.digest))
                elif read.problem is not None:
                    result.problems.append(read.problem)
            index.update(repaired, [])
        finally:
            index.close()
        return result

    def fingerprint(self) -> int:
        """A number that changes when any contact file is added, removed or rewritten (even in place).

        Only stats the files (about 0.1 s for 30,000): the app compares it now and then to notice an
        editor's in-place change, without reading anything.
        """
        stamps = []
        try:
            with os.scandir(self.contacts_dir) as scan:
                for entry in scan:
                    if entry.name.endswith(".toml"):
                        st = entry.stat(follow_symlinks=False)
                        stamps.append((entry.name, st.st_size, st.st_mtime_ns, st.st_ino))
        except OSError:
            return 0  # the folder or a file changed under us: "different" is the safe answer
        return hash(tuple(sorted(stamps)))

    def records(self, contact_ids: Sequence[str]) -> list[ContactRecord]:
        """These contacts as they are on disk now: from the index's validated copy when the file
        is unchanged since it was indexed (fast), else from the file.

        Ids whose file is gone or does not load are left out (a full :meth:`load` reports them).
        """
        from netcoach.models import TRUSTED, Contact

        index = self._open_index()
        try:
            copies = index.payloads([f"{contact_id}.toml" for contact_id in contact_ids])
        finally:
            index.close()
        found: list[ContactRecord] = []
        for contact_id in contact_ids:
            copy = copies.get(f"{contact_id}.toml")
            try:
                if copy is not None and copy[0] == Stat.of(self.path_of(contact_id).stat()):
                    _, digest, payload = copy
                    found.append(
                        ContactRecord(contact_id, Contact.model_validate_json(payload, context=TRUSTED), digest)
                    )
                    continue
            except (ValueError, TypeError, OSError):
                pass  # gone, changed since, or the copy does not fit (any more): read the file
            try:
                found.append(self.read(contact_id))
            except (NotFound, FileProblem, OSError):
                continue
        return found

    def due_by(
        self, horizon: dt.date, rules: TimingRules, *, max_reads: int | None = None
    ) -> tuple[list[tuple[str, ContactView]], list[Problem]]:
        """(id, view) of every contact whose next follow-up falls on or before ``horizon``, and the problems.

        For ``netcoach due`` and the app's first screen. A contact's next due date does not
        depend on today, so the index remembers it (per set of ``rules``) and only the contacts
        due by ``horizon`` are rebuilt, as light :class:`~netcoach.view.ContactView` objects.
        Nothing here loads pydantic unless a file changed since it was indexed. With
        ``max_reads``, raises :class:`IndexBehind` rather than read more files than that.
        """
        return self._views(horizon, rules, max_reads)

    def views(self, rules: TimingRules) -> tuple[list[tuple[str, ContactView]], list[Problem]]:
        """(id, view) of every contact that loads, by file name, and a problem for every file that does not.

        For the app's Contacts list: light views from the index's compact copies (about 1 KB
        each, against about 10 KB for a full contact), so 30,000 people fit in little memory.
        A whole contact is read when one is opened (:meth:`records`).
        """
        return self._views(None, rules)

    def _views(
        self, horizon: dt.date | None, rules: TimingRules, max_reads: int | None = None
    ) -> tuple[list[tuple[str, ContactView]], list[Problem]]:
        """Every contact's view (``horizon`` None), or only those due by ``horizon``; and the problems."""
        from netcoach.timing import follow_up
        from netcoach.view import ContactView

        key = rules.key()
        wanted = horizon.isoformat() if horizon is not None else ""
        views: dict[str, ContactView] = {}
        problems: list[Problem] = []
        remember: list[tuple[str, str]] = []
        index = self._open_index()
        try:
            rows = index.rows(key)
            known = {name: row.stat for name, row in rows.items()}
            names, fresh = self._scan(index, known, keep_contacts=False, max_reads=max_reads)
            if horizon is None:
                todo = names
            else:  # most contacts are known not to be due by the horizon: nothing to rebuild for them
                todo = [
                    name
                    for name in names
                    if name in fresh
                    or (row := rows[name]).has_problem
                    or row.due is None
                    or (row.due and row.due <= wanted)
                ]
            unread = [name for name in todo if name not in fresh]
            briefs = index.briefs(None if horizon is None else unread)
            stored_problems = index.problems([name for name in unread if rows[name].has_problem])
            again: list[str] = []  # the index's copy is damaged or of an older version
            for name in todo:
                read = fresh.get(name)
                try:
                    if read is not None:
                        failure = read.failure(self.contacts_dir / name)
                        if failure is not None:
                            problems.append(failure)
                            continue
                        views[name] = ContactView.from_brief(read.entry.brief or "")
                    elif rows[name].has_problem:
                        problems.append(_problem(self.contacts_dir / name, stored_problems[name]))
                    else:
                        views[name] = ContactView.from_brief(briefs[name])
                except (ValueError, TypeError, KeyError):
                    again.append(name)
            for name, view in self._views_again(index, again, problems):
                views[name] = view
            found: list[tuple[str, ContactView]] = []
            for name in todo:
                view = views.get(name)
                if view is None:
                    continue
                if horizon is None:  # everyone: the app computes each follow-up for its own today
                    found.append((name.removesuffix(".toml"), view))
                    continue
                due = None if name in fresh or name in again else rows[name].due
                if due is None:  # the due date does not depend on today: computed once, remembered
                    result = follow_up(view, horizon, rules)
                    due = result.due.isoformat() if result is not None else ""
                    remember.append((name, due))
                if due and due <= wanted:
                    found.append((name.removesuffix(".toml"), view))
            index.remember_due(remember, key)
        finally:
            index.close()
        return found, problems

    def _views_again(
        self, index: Index, names: list[str], problems: list[Problem]
    ) -> Iterator[tuple[str, ContactView]]:
        """Views for files whose compact copy in the index is damaged or of an older version.

        From the index's validated copy of the contact if it is sound (an upgrade costs a
        validation, not a file read), else from the file. The new copies are remembered.
        """
        if not names:
            return
        from netcoach.models import TRUSTED, Contact
        from netcoach.view import ContactView, brief

        payloads = index.payloads(names)
        rebuilt: list[tuple[str, str]] = []
        for name in names:
            copy = payloads.get(name)
            text: str | None = None
            if copy is not None:
                try:
                    text = brief(Contact.model_validate_json(copy[2], context=TRUSTED))
                    rebuilt.append((name, text))
                except (ValueError, TypeError):
                    text = None
            if text is None:
                path = self.contacts_dir / name
                try:
                    read = self._index_entry(path, Stat.of(path.stat()))
                except FileNotFoundError:
                    continue
                if read is None:
                    continue
                index.update({name: read.entry}, [])
                failure = read.failure(path)
                if failure is not None:
                    problems.append(failure)
                    continue
                text = read.entry.brief or ""
            yield name, ContactView.from_brief(text)
        index.set_briefs(rebuilt)

    def _index_entry(self, path: Path, stat: Stat) -> Read | None:
        """Read and validate one contact file: its index entry, and the contact or the problem."""
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            raw = problem_json(1, 1, f"cannot read: {error.strerror}")
            return Read(Entry(stat, "", None, raw), None, _problem(path, raw))
        digest = _digest(data)
        try:
            contact = self._parse(path, data)
        except FileProblem as problem:
            p = problem.problem
            return Read(Entry(stat, digest, None, problem_json(p.line, p.col, p.message)), None, p)
        from netcoach.view import brief

        return Read(Entry(stat, digest, contact.model_dump_json(), None, brief(contact)), contact)

    # -- writing -----------------------------------------------------------------------

    def _write(self, contact_id: str, contact: Contact) -> ContactRecord:
        from netcoach.models import Contact

        contact = Contact.model_validate(contact.model_dump())  # whatever built it, store only valid data
        data = contact_toml(contact).encode("utf-8")
        atomic_write(self.path_of(contact_id), data)
        return ContactRecord(contact_id, contact, _digest(data))

    def new_id(self, name: str) -> str:
        """A file stem for a new contact, distinct from every file already there."""
        base = slugify(name)
        candidate, number = base, 1
        while any(p.exists() for p in (self.path_of(candidate), self.drafts_dir / f"{candidate}.toml")):
            number += 1
            candidate = f"{base}-{number}"
        return candidate

    def add(self, contact: Contact) -> ContactRecord:
        with self.locked():
            return self._write(self.new_id(contact.name), contact)

    def add_many(self, contacts: Iterable[Contact]) -> list[ContactRecord]:
        with self.locked():
            return [self._write(self.new_id(c.name), c) for c in contacts]

    def update(self, contact_id: str, change: Callable[[Contact], Contact | None]) -> ContactRecord:
        """Read-modify-write under the lock: ``change`` gets the contact as it is on disk now.

        ``change`` may edit the contact in place (return ``None``) or return a new one. A file
        that fails to load raises :class:`FileProblem` and is left untouched.
        """
        with self.locked():
            record = self.read(contact_id)
            working = record.contact.model_copy(deep=True)
            changed = change(working) or working
            if changed == record.contact:
                return record
            return self._write(contact_id, changed)

    def save(self, record: ContactRecord, contact: Contact, *, force: bool = False) -> ContactRecord:
        """Save an edited contact; :class:`ConflictError` if the file changed since ``record`` was read.

        With ``force``, the user's version is written on top of whatever is there now.
        """
        with self.locked():
            path = self.path_of(record.id)
            try:
                current_digest = _digest(path.read_bytes())
            except FileNotFoundError:
                current_digest = None
            if current_digest != record.digest and not force:
                try:
                    current = self.read(record.id)
                except (NotFound, FileProblem):
                    current = None
                raise ConflictError(current)
            if contact == record.contact and current_digest == record.digest:
                return record
            return self._write(record.id, contact)

    # -- batches (imports): all or nothing ------------------------------------------------

    def apply_batch(
        self,
        new: Sequence[Contact],
        updated: Mapping[str, Contact],
        *,
        expected: Mapping[str, str] | None = None,
        known: Collection[str] | None = None,
        trusted: bool = False,
        progress: Callable[[int, int], None] | None = None,
    ) -> tuple[list[ContactRecord], list[ContactRecord]]:
        """Add ``new`` contacts and replace ``updated`` ones (by id), all or nothing on disk.

        Every file is written to ``<data>/.batch/`` and synced; then a commit marker is written
        atomically; then the files are moved into ``contacts/``. A crash before the marker
        leaves the data as it was (the staging folder is removed at the next load); a crash
        after it is rolled forward at the next load or write. ``expected`` maps ids to the
        digests read: if any of those files changed since, :class:`ConflictError` and nothing
        is written; so too if ``known`` (the ids the caller saw) misses a contact file that is
        there now. ``trusted`` skips validating the contacts again: pass it only for contacts
        made by ``Contact.model_validate`` and not changed since (the importers' are).
        ``progress(done, total)`` is called as files are staged; an exception it raises aborts
        the batch with nothing written. Returns (added, updated) records.
        """
        from netcoach.models import Contact

        with self.locked():
            for contact_id, digest in (expected or {}).items():
                try:
                    current = _digest(self.path_of(contact_id).read_bytes())
                except FileNotFoundError:
                    current = None
                if current != digest:
                    raise ConflictError(None)
            present = _stems(self.contacts_dir)
            if known is not None and not present <= set(known):
                raise ConflictError(None)  # someone was added since the caller looked
            new_ids = self._batch_ids([c.name for c in new], present | _stems(self.drafts_dir))
            staged: list[tuple[str, bytes]] = []
            added: list[ContactRecord] = []
            changed: list[ContactRecord] = []
            for records, pairs in ((added, zip(new_ids, new, strict=True)), (changed, updated.items())):
                for contact_id, given in pairs:
                    contact = given if trusted else Contact.model_validate(given.model_dump())  # only valid data
                    data = contact_toml(contact).encode("utf-8")
                    staged.append((f"{contact_id}.toml", data))
                    records.append(ContactRecord(contact_id, contact, _digest(data)))
            if not staged:
                return added, changed
            staging = self.root / BATCH_DIR
            total = len(staged)
            try:
                write_new_files(staging, staged, None if progress is None else lambda done: progress(done, total))
                atomic_write(staging / BATCH_COMMITTED, b"")  # the commit point
            except BaseException:
                with contextlib.suppress(OSError):
                    self._discard_batch()
                raise
            try:
                self._finish_batch()
            except BaseException:
                with contextlib.suppress(OSError):
                    self._finish_batch()  # committed: finish even when interrupted half-way
                raise
            return added, changed

    def _batch_ids(self, names: Sequence[str], taken: set[str]) -> list[str]:
        """New ids for ``names``, like :meth:`new_id`: distinct from ``taken`` (the files there) and each other."""
        taken = set(taken)
        numbers: dict[str, int] = {}
        ids = []
        for name in names:
            base = slugify(name)
            number = numbers.get(base, 1)
            candidate = base if number == 1 else f"{base}-{number}"
            while candidate in taken:
                number += 1
                candidate = f"{base}-{number}"
            numbers[base] = number
            taken.add(candidate)
            ids.append(candidate)
        return ids

    def _finish_batch(self) -> None:
        """Roll a committed batch forward, or remove an uncommitted one. Call only holding the lock."""
        staging = self.root / BATCH_DIR
        if not staging.is_dir():
            return
        if (staging / BATCH_COMMITTED).exists():
            with os.scandir(staging) as scan:
                names = [e.name for e in scan if e.name.endswith(".toml") and not e.name.startswith(".")]
            move_files(staging, self.contacts_dir, names)
        self._discard_batch()

    def _discard_batch(self) -> None:
        """Remove the staging folder; the commit marker goes last, so a committed batch stays committed."""
        staging = self.root / BATCH_DIR
        if not staging.is_dir():
            return
        with os.scandir(staging) as scan:
            for entry in scan:
                if entry.name != BATCH_COMMITTED:
                    os.unlink(entry.path)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(staging / BATCH_COMMITTED)
        os.rmdir(staging)
        fsync_dir(self.root)

    # -- finding -----------------------------------------------------------------------

    def find(self, query: str, records: list[ContactRecord] | None = None) -> ContactRecord:
        """The one contact ``query`` names: its id, its exact name, else a unique prefix (case- and accent-insensitive)."""
        if records is None:
            records = self.load().records
        key = fold(query)
        if not key:
            raise NotFound("give a name")
        by_id = [r for r in records if r.id == query.strip()]
        if by_id:
            return by_id[0]
        exact = [r for r in records if fold(r.contact.name) == key]
        matches = exact or [r for r in records if fold(r.contact.name).startswith(key)]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise NotFound(f"nobody called {query!r}")
        raise Ambiguous(f"{query!r} matches {len(matches)} contacts", sorted(matches, key=lambda r: r.contact.name))

    # -- settings and other files -----------------------------------------------------

    def timing_rules(self) -> tuple[TimingRules, list[Problem]]:
        """The ``[timing]`` rules of config.toml and its problems, as :meth:`load_config` gives them.

        Remembered by the index while config.toml is unchanged, so that ``netcoach due`` need
        not load pydantic to validate it at every login.
        """
        import json
        from dataclasses import asdict

        from netcoach.timing import DEFAULT_RULES, TimingRules

        try:
            stat = Stat.of(self.config_path.stat())
        except FileNotFoundError:
            return DEFAULT_RULES, []
        index = self._open_index()
        try:
            raw = index.remembered("config.toml", stat)
            if raw is not None:
                try:
                    data = json.loads(raw)
                    problems = [Problem(self.config_path, int(a), int(b), str(c)) for a, b, c in data["problems"]]
                    return TimingRules(**data["timing"]), problems
                except (ValueError, TypeError, KeyError):
                    pass  # not what we wrote: validate the file again
            config, problems = self.load_config()
            if stat.mtime_ns < time.time_ns() - SETTLED_NS:
                found = [[p.line, p.col, p.message] for p in problems]
                index.remember("config.toml", stat, json.dumps({"timing": asdict(config.timing), "problems": found}))
            return config.timing, problems
        finally:
            index.close()

    def load_config(self) -> tuple[Config, list[Problem]]:
        """The user's config, or the defaults and the problem if it does not load."""
        from netcoach.config import Config

        try:
            text = self.config_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return Config(), []
        except (OSError, UnicodeDecodeError) as error:
            return Config(), [Problem(self.config_path, 1, 1, f"cannot read: {error}")]
        try:
            return read_model(self.config_path, text, Config), []
        except FileProblem as problem:
            return Config(), [problem.problem]

    def save_file(self, relative: str, text: str) -> Path:
        """Atomically write a file inside the data folder (drafts, config) under the lock."""
        path = (self.root / relative).resolve()
        if self.root.resolve() not in path.parents:
            raise StoreError(f"{relative!r} is outside the data folder")
        with self.locked():
            atomic_write(path, text)
        return path

    def delete_file(self, relative: str) -> bool:
        """Remove a file inside the data folder (a draft) under the lock; False if it was not there."""
        path = (self.root / relative).resolve()
        if self.root.resolve() not in path.parents:
            raise StoreError(f"{relative!r} is outside the data folder")
        with self.locked():
            try:
                path.unlink()
            except FileNotFoundError:
                return False
            fsync_dir(path.parent)
        return True


def _has_temp_files(folder: Path) -> bool:
    try:
        return any(name.startswith(".") and name.endswith(TEMP_SUFFIX) for name in os.listdir(folder))
    except FileNotFoundError:
        return False


def _problem(path: Path, raw: str | None) -> Problem:
    """The problem the index remembers for ``path`` (JSON ``[line, col, message]``)."""
    import json

    line, col, message = json.loads(raw or "")
    return Problem(path, int(line), int(col), str(message))


def _stems(folder: Path) -> set[str]:
    """The ids of the ``.toml`` files in ``folder`` (none if it does not exist)."""
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return set()
    return {n[:-5] for n in names if n.endswith(".toml") and not n.startswith(".")}


def as_dict(contact: Contact) -> dict[str, Any]:
    """The contact as plain JSON-ready data (dates as ISO strings), for ``--json`` and exports."""
    return contact.model_dump(mode="json")
