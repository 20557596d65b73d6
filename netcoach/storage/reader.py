"""The read side of the data folder: every contact, fast, through the index.

A start only stats the contact files: a file the index knows as it is now gives its validated
copy (or its problem) without being read; anything else is read, validated and remembered.
``netcoach due`` and the app's first screen read light :class:`~netcoach.model.view.ContactView`
objects straight from the index's compact copies, and never load pydantic unless a file
changed since it was indexed.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from netcoach.model.kinds import Stage
from netcoach.model.problem import FileProblem, Problem
from netcoach.model.text import fold, word_key
from netcoach.model.view import BRIEF_VERSION, EVENT_MARK, ContactView, brief
from netcoach.storage.contacts import (
    ContactFiles,
    ContactRecord,
    digest,
    find_record,
    parse_contact,
    payload_json,
    trusted_contact,
)
from netcoach.storage.dirs import Dir
from netcoach.storage.errors import IndexBehind, NotFound, StoreError, UnsafePath, WriteFailed
from netcoach.storage.folder import CONTACTS, DataFolder
from netcoach.storage.index import CLEAN_SCAN, NO_STAT, FileEntry, Index, Stat, problem_json, settled_before
from netcoach.storage.parallel import WorkersFailed, read_in_parallel
from netcoach.storage.reads import LoadResult, Read, folder_state, listed, refused, scan_state, stored_problem
from netcoach.timing.engine import PaceFacts, reachable
from netcoach.timing.events import Acquaintance, acquaintance
from netcoach.timing.introductions import loop_date, remembered
from netcoach.timing.rules import DEFAULT_RULES

if TYPE_CHECKING:
    import datetime as dt

    from netcoach.timing.rules import TimingRules


WRITE_EVERY = 2000
"""A read of many files (a cold start) writes the index this many rows at a time, as they are read
(with workers: while they read on), not all at the end."""


class Reader:
    """Every contact of the folder, read through the index (a cache the files always win over)."""

    def __init__(self, folder: DataFolder, contacts: ContactFiles, index_path: Path | None) -> None:
        self.folder = folder
        self.contacts = contacts
        self.index_path = index_path
        self._last_scan: tuple[list[str], dict[str, Read]] | None = None
        self._last_state = ""
        self._seen = threading.local()  # the app reads in several threads: each its own latest scan
        """The latest scan's files and what was read of them (the index holds the rest): what
        :meth:`acquaintances` adds to the index's copies when a scan ran just before."""

    def _open_index(self) -> Index:
        return Index(self.index_path)

    def _scan(
        self,
        index: Index,
        known: Mapping[str, tuple[int, ...]] | None,
        *,
        keep_contacts: bool = True,
        max_reads: int | None = None,
        rules: TimingRules | None = None,
        ordered: bool = True,
    ) -> tuple[list[str], dict[str, Read], list[Problem]]:
        """Bring the index up to date with the contact files.

        Returns every contact file's name, sorted (unless not ``ordered``: 30,000 names sorted cost
        ``netcoach due`` 6 ms, and it only looks names up), what was read from each file the index did
        not know as it is now (``known`` maps names to the stat the index has; None: asked of the
        index only if needed, see below), and the problems of the folder itself (``contacts/`` a
        link, an import that cannot be finished). A file modified in the last two seconds is read
        but not remembered: a second edit in the same clock tick could leave its size, times and
        inode as they were. Without ``keep_contacts`` the contacts read are not kept (the index
        entries are): less memory for ``netcoach due``. With ``max_reads``, raises
        :class:`IndexBehind` (having read nothing) when more files than that would have to be read.

        With ``known`` None, the index remembers the :meth:`state` of the latest scan that found
        every file known to it as it is (:data:`~netcoach.storage.index.CLEAN_SCAN`): files giving
        that same state are known, each one, without reading the index's 30,000 stats.

        Nothing is deleted here (a command that only reads deletes nothing): a committed batch is
        moved into place; a killed writer's temp file is left for the next write to remove. A link,
        a named pipe or a device named ``*.toml``, or a file over 1 MB, is a problem, never opened.

        Within :meth:`due_first` the index write is held back (its :class:`HeldRead` makes it), and
        :meth:`HeldRead.everyone` has this scan given again rather than a second one made.
        """
        here = self._seen
        again: _Kept | None = getattr(here, "again", None)
        if again is not None:  # the rest of a read begun by `due_first`: its scan, not a second look
            here.again, here.state = None, again.state
            # As a scan now would find them (see acquaintances): the index holds the rest.
            self._last_scan = (again.names, {n: read for n, read in again.fresh.items() if n not in again.remembered})
            return again.names, dict(again.fresh), list(again.problems)
        problems = self.folder.settle()  # first: a committed batch moves files into contacts/
        with contextlib.suppress(WriteFailed, UnsafePath):
            self.folder.prepare()  # a folder that cannot be made (read-only) holds no one; a link: below
        try:
            contacts = self.folder.open(CONTACTS)
        except FileNotFoundError:
            return [], {}, problems
        except UnsafePath as error:
            return [], {}, [*problems, Problem(error.path, 1, 1, error.reason)]
        except OSError as error:
            reason = f"cannot read this folder: {error.strerror or error}"
            return [], {}, [*problems, Problem(self.folder.contacts_dir, 1, 1, reason)]
        with contacts:
            settled = settled_before()
            found, unsafe, stray = listed(contacts)
            held: list[_Kept] | None = getattr(here, "held", None)
            ordered = ordered or held is not None  # a held read's names are everyone's order later
            names = sorted(found) if ordered else list(found)
            regular = scan_state(found)
            self._seen.state = folder_state(found, unsafe, regular)
            state = "" if unsafe else regular
            lazy, clean = known is None, None
            if known is None:
                clean = index.remembered(CLEAN_SCAN, NO_STAT)
                same = state and clean == state and index.count() == len(found)  # a row lost: compare them
                known = found if same else index.stats()
            # By name: the index's rows are written in the order of its key (see Index.update).
            stale = [] if known is found else sorted((n, Stat(*s)) for n, s in found.items() if known.get(n) != s)
            if max_reads is not None and len(stale) > max_reads:
                raise IndexBehind(len(stale))
            fresh: dict[str, Read] = dict(unsafe)
            remember: dict[str, FileEntry] = {}
            gone: set[str] = set()
            key = None if rules is None else rules.key()
            with index.writing() if held is None and len(stale) > WRITE_EVERY else contextlib.nullcontext():
                for name, stat_now, read in self._read_stale(stale, contacts, keep_contacts, rules):
                    if read is None:
                        gone.add(name)
                        continue
                    fresh[name] = read if keep_contacts else Read(read.entry, None, read.problem)
                    if stat_now.mtime_ns < settled and read.entry.digest:
                        remember[name] = read.entry
                        if held is None and len(remember) >= WRITE_EVERY:  # while the workers read on
                            index.update(remember, [], key)
                            remember = {}
        if unsafe:
            names = sorted([*names, *unsafe]) if ordered else [*names, *unsafe]
        if gone:
            names = [name for name in names if name not in gone]
        if stray:
            self.folder.stray_temp_files = True  # the next write removes it (under the lock)
        write = (remember, list(gone if known is found else known.keys() - (found.keys() - gone)), key)
        if held is None:
            index.update(*write)
        else:  # `due_first`: the index remembers them once the people due are shown
            held.append(_Kept(names, fresh, list(problems), here.state, write, frozenset(remember)))
        # Kept only when no contact is (a light scan, as `netcoach due` makes): never 30,000 contacts.
        self._last_scan = None if keep_contacts else (names, fresh)
        self._last_state = "" if stale else state  # "": a file had to be read (or is refused)
        if lazy and self._last_state and clean != self._last_state:
            index.remember(CLEAN_SCAN, NO_STAT, self._last_state)  # every file known as it is now
        return names, fresh, problems

    def state(self) -> str:
        """A digest of every contact file's name and stat as the latest scan saw them ("" before
        one): equal digests, same files. ``netcoach due`` keys what it derives from everyone on it."""
        return self._last_state

    def _read_stale(
        self, stale: list[tuple[str, Stat]], contacts: Dir, keep_contacts: bool, rules: TimingRules | None
    ) -> Iterator[tuple[str, Stat, Read | None]]:
        """Read and validate these files: on every core when there are many (a cold start), as the
        workers give them; any the workers did not read (they could not start, or stopped) in this process."""
        found = read_in_parallel(self.folder.root, stale, rules)
        done = 0
        if found is not None:
            try:
                for (name, stat), (_, entry, problem) in zip(stale, found, strict=False):  # fewer: see below
                    done += 1
                    if entry is None:
                        yield name, stat, None
                    elif keep_contacts and entry.payload is not None:  # the model itself did not cross processes
                        yield name, stat, Read(entry, trusted_contact(entry.payload))
                    else:
                        yield name, stat, Read(entry, None, problem)
            except WorkersFailed:
                pass
        for name, stat in stale[done:]:
            yield name, stat, self._index_entry(name, stat, contacts, rules)

    def load(self) -> LoadResult:
        """Every contact that loads, and a problem for every file that does not."""
        result = LoadResult()
        with self._open_index() as index:
            known = index.entries()
            names, fresh, result.problems = self._scan(index, {name: e.stat for name, e in known.items()})
            repaired: dict[str, FileEntry] = {}
            for name in names:
                read = fresh.get(name)
                if read is None:  # unchanged since indexed: its copy was validated then
                    entry = known[name]
                    try:
                        if entry.payload is not None:
                            contact = trusted_contact(entry.payload)
                            read = Read(entry, contact)
                        else:
                            read = Read(entry, None, stored_problem(self.folder.contacts_dir / name, entry.problem))
                    except (ValueError, TypeError):  # the index's copy does not fit (any more): read the file
                        read = self._index_entry(name, Stat(*entry.stat))
                        if read is None:
                            continue
                        repaired[name] = read.entry
                if read.contact is not None:
                    result.records.append(ContactRecord(name.removesuffix(".toml"), read.contact, read.entry.digest))
                elif read.problem is not None:
                    result.problems.append(read.problem)
            index.update(repaired, [])
        return result

    def find(self, query: str) -> ContactRecord:
        """The one contact ``query`` names (see :func:`~netcoach.storage.contacts.find_record`)."""
        return find_record(query, self.load().records)

    @property
    def seen(self) -> str:
        """:meth:`fingerprint` of the files as this thread's latest scan listed them, before reading any
        ("" before one)."""
        return str(getattr(self._seen, "state", ""))

    def fingerprint(self) -> str:
        """A digest that changes when any contact file is added, removed or rewritten (even in place).

        Only stats the files (about 0.1 s for 30,000): the app compares it now and then to notice an
        editor's in-place change, without reading anything. Equal to :attr:`seen` after a scan of the
        same files (a read of everyone gives its fingerprint without a second look at the folder).
        """
        try:
            with self.folder.open(CONTACTS) as contacts:
                found, unsafe, _ = listed(contacts)
        except (OSError, StoreError):
            return ""  # the folder or a file changed under us: "different" is the safe answer
        return folder_state(found, unsafe)

    def named_like(self, name: str) -> list[ContactRecord]:
        """The contacts whose name is ``name``, case and accents aside, as they are on disk now."""
        key = fold(name)
        views, _ = self._views(None, DEFAULT_RULES)
        return self.records([contact_id for contact_id, view in views if fold(view.name) == key])

    def records(self, contact_ids: Sequence[str]) -> list[ContactRecord]:
        """These contacts as they are on disk now: from the index's validated copy when the file
        is unchanged since it was indexed (fast), else from the file.

        Ids whose file is gone or does not load are left out (a full :meth:`load` reports them).
        """

        with self._open_index() as index:
            copies = index.payloads([f"{contact_id}.toml" for contact_id in contact_ids])
        found: list[ContactRecord] = []
        for contact_id in contact_ids:
            copy = copies.get(f"{contact_id}.toml")
            try:
                if copy is not None and copy[0] == Stat.of(os.lstat(self.contacts.path_of(contact_id))):
                    _, copy_digest, payload = copy
                    found.append(ContactRecord(contact_id, trusted_contact(payload), copy_digest))
                    continue
            except (ValueError, TypeError, OSError):
                pass  # gone, changed since, or the copy does not fit (any more): read the file
            try:
                found.append(self.contacts.read(contact_id))
            except (NotFound, FileProblem, OSError):
                continue
        return found

    def due_by(
        self,
        horizon: dt.date,
        rules: TimingRules,
        *,
        today: dt.date | None = None,
        max_reads: int | None = None,
    ) -> tuple[list[tuple[str, ContactView]], list[Problem]]:
        """(id, view) of every contact whose next follow-up falls on or before ``horizon``, and the problems.

        For ``netcoach due`` and the app's first screen. A contact's next due date does not
        depend on today, so the index remembers it (per set of ``rules``) and only the contacts
        due by ``horizon`` are rebuilt, as light :class:`~netcoach.model.view.ContactView` objects.
        With ``today``, the reconnects (old moments) whose paced turn comes after ``horizon`` are
        left out too (:func:`~netcoach.timing.engine.reachable`): pacing the rest from ``today``
        gives every row due by ``horizon`` as pacing everyone would.
        Nothing here loads pydantic unless a file changed since it was indexed. With
        ``max_reads``, raises :class:`IndexBehind` rather than read more files than that.
        """
        return self._views(horizon, rules, max_reads, today)

    def due_first(
        self, horizon: dt.date, rules: TimingRules, *, today: dt.date | None = None, max_reads: int | None = None
    ) -> tuple[list[tuple[str, ContactView]], list[Problem], HeldRead]:
        """:meth:`due_by` (``horizon``, ``rules``, ``today``, ``max_reads``) for the app's start: the people due come
        as soon as every file is read (when many changed: a first start, an import), before the index
        remembers the files read, and before anyone else's view is made. The :class:`HeldRead` returned
        does the rest: it writes the index, and gives everyone (as :meth:`views`) from the same read.
        """
        try:
            folder_mtime: int | None = os.stat(self.folder.contacts_dir).st_mtime_ns
        except OSError:
            folder_mtime = None
        here = self._seen
        held: list[_Kept] = []
        here.held = held
        try:
            found, problems = self._views(horizon, rules, max_reads, today)
        finally:
            here.held = None
        return found, problems, HeldRead(self, held[-1] if held else None, rules, folder_mtime)

    def views(self, rules: TimingRules) -> tuple[list[tuple[str, ContactView]], list[Problem]]:
        """(id, view) of every contact that loads, by file name, and a problem for every file that does not.

        For the app's Contacts list: light views from the index's compact copies (about 1 KB
        each, against about 10 KB for a full contact), so 30,000 people fit in little memory.
        A whole contact is read when one is opened (:meth:`records`).
        """
        return self._views(None, rules)

    def _views(
        self,
        horizon: dt.date | None,
        rules: TimingRules,
        max_reads: int | None = None,
        today: dt.date | None = None,
    ) -> tuple[list[tuple[str, ContactView]], list[Problem]]:
        """Every contact's view (``horizon`` None), or only those due by ``horizon`` (and, with ``today``,
        that pacing reaches by then: see :meth:`due_by`); and the problems."""

        key = rules.key()
        wanted = horizon.isoformat() if horizon is not None else ""
        views: dict[str, ContactView] = {}
        remember: list[tuple[str, str, str]] = []
        with self._open_index() as index:
            names, fresh, problems = self._scan(
                index, None, keep_contacts=False, max_reads=max_reads, rules=rules, ordered=horizon is None
            )
            # After the scan: the rows of the files it read are new. An index that cannot be read now
            # knows no due date, nor any problem: every file's is found again (from the files if need be).
            dues, broken, paces = index.dues(key, wanted) or (dict.fromkeys(names), set(), {})
            present = set(names) if horizon is not None else set()
            if horizon is None:
                todo = names
            else:  # most contacts are known not to be due by the horizon: nothing to rebuild for them
                due_now = {n for n, read in fresh.items() if read.entry.due is None or "" < read.entry.due <= wanted}
                todo = sorted(name for name in (dues.keys() - fresh.keys()) | broken | due_now if name in present)
                if today is not None:
                    todo = _reached(todo, fresh, paces, today, horizon, rules)

            def build(todo: list[str]) -> None:
                unread = [name for name in todo if name not in fresh]
                everyone = horizon is None and len(unread) > len(todo) // 2  # else by name: a few
                briefs = index.briefs(None if everyone else unread)
                stored_problems = index.problems([name for name in unread if name in broken])
                again: list[str] = []  # the index's copy is damaged or of an older version
                for name in todo:
                    read = fresh.get(name)
                    try:
                        if read is not None:
                            failure = read.failure(self.folder.contacts_dir, name)
                            if failure is not None:
                                problems.append(failure)
                                continue
                            views[name] = ContactView.from_brief(read.entry.brief or "")
                        elif name in broken:
                            problems.append(stored_problem(self.folder.contacts_dir / name, stored_problems[name]))
                        else:
                            views[name] = ContactView.from_brief(briefs[name])
                    except (ValueError, TypeError, KeyError):
                        again.append(name)
                for name, rebuilt in self._views_again(index, again, problems):
                    views[name] = rebuilt
                    rebuilt_names.add(name)

            rebuilt_names: set[str] = set()
            build(todo)
            found: list[tuple[str, ContactView]] = []
            for name in todo:
                view = views.get(name)
                if view is None:
                    continue
                if horizon is None:  # everyone: the app computes each follow-up for its own today
                    found.append((name.removesuffix(".toml"), view))
                    continue
                read = fresh.get(name)
                due = None if name in rebuilt_names else read.entry.due if read is not None else dues.get(name)
                if due is None:  # the due date does not depend on today: computed once, remembered
                    due, pace = remembered(view, rules)
                    remember.append((name, due, pace))
                if due and due <= wanted:
                    found.append((name.removesuffix(".toml"), view))
            if horizon is not None:  # who introduced the people due may be owed a word (timing.introductions)
                introducers = {
                    f"{view.met_through}.toml"
                    for _, view in found
                    if view.met_through and (loop := loop_date(view)) is not None and loop <= horizon
                }
                listed = {f"{key}.toml" for key, _ in found}
                extra = sorted(n for n in introducers if n in present and n not in listed)
                build([n for n in extra if n not in views])
                found += [(name.removesuffix(".toml"), views[name]) for name in extra if name in views]
            index.remember_due(remember, key)
        return found, problems

    def acquaintances(self, needles: Sequence[str], text: str = "") -> list[tuple[str, Acquaintance]]:
        """(id, :class:`~netcoach.timing.events.Acquaintance`) of the contacts whose compact copy
        contains one of ``needles`` (``"@<event id>"``, ``"@`` for anyone met at an event, a folded
        tag) or whose company, in ASCII lower case, is in ``text``: a quick filter over the index
        (one pass in SQLite, no pydantic), for the caller to check. Files changed since they were
        indexed are read (and checked the same way).

        For the event follow-ups of ``netcoach due``: who was met at an event, who may be there.
        """
        found: dict[str, Acquaintance] = {}
        with self._open_index() as index:
            if self._last_scan is None:  # else `netcoach due` has just brought the index up to date
                self._scan(index, None, keep_contacts=False)
            assert self._last_scan is not None
            names, fresh = self._last_scan
            present = set(names)
            older = [name for name in index.other_versions(BRIEF_VERSION) if name in present and name not in fresh]
            for _ in self._views_again(index, older, []):  # once, after an upgrade: from the validated copies
                pass
            companies: dict[str, str] = {}
            tag_sets: dict[str, frozenset[str]] = {"[]": frozenset()}
            for name, read in fresh.items():
                copy = read.entry.brief
                if copy is None:
                    continue
                try:
                    view = ContactView.from_brief(copy)
                except (ValueError, TypeError, KeyError):
                    continue
                if any(n in copy for n in needles) or (view.company and _ascii_lower(view.company) in text):
                    found[name] = acquaintance(view, companies)
            for name, copy, who, company, stage, tag_list in index.briefs_mentioning(list(needles), text):
                if name not in present or name in fresh:
                    continue
                tags = tag_sets.get(tag_list)
                if tags is None:
                    try:
                        tags = tag_sets[tag_list] = frozenset(fold(str(t)) for t in json.loads(tag_list))
                    except (ValueError, TypeError):
                        continue
                key = companies.get(company)
                if key is None:
                    key = companies[company] = word_key(company)
                events = frozenset(_EVENT_IDS.findall(copy)) if EVENT_NEEDLE in copy else frozenset()
                found[name] = Acquaintance(who, key, tags, events, stage == Stage.ARCHIVED.value)
        return [(name.removesuffix(".toml"), found[name]) for name in sorted(found)]

    def _views_again(
        self, index: Index, names: list[str], problems: list[Problem]
    ) -> Iterator[tuple[str, ContactView]]:
        """Views for files whose compact copy in the index is damaged or of an older version.

        From the index's validated copy of the contact if it is sound (an upgrade costs a
        validation, not a file read), else from the file. The new copies are remembered.
        """
        if not names:
            return

        payloads = index.payloads(names)
        rebuilt: list[tuple[str, str]] = []
        for name in names:
            copy = payloads.get(name)
            text: str | None = None
            if copy is not None:
                try:
                    text = brief(trusted_contact(copy[2]))
                    rebuilt.append((name, text))
                except (ValueError, TypeError):
                    text = None
            if text is None:
                path = self.folder.contacts_dir / name
                try:
                    read = self._index_entry(name, Stat.of(os.lstat(path)))
                except FileNotFoundError:
                    continue
                if read is None:
                    continue
                if read.entry.digest:
                    index.update({name: read.entry}, [])
                failure = read.failure(self.folder.contacts_dir, name)
                if failure is not None:
                    problems.append(failure)
                    continue
                text = read.entry.brief or ""
            yield name, ContactView.from_brief(text)
        index.set_briefs(rebuilt)

    def _index_entry(
        self, name: str, stat: Stat, contacts: Dir | None = None, rules: TimingRules | None = None
    ) -> Read | None:
        """Read and validate one contact file (in ``contacts``, the open folder, if given): its
        index entry (with its due date under ``rules``, if given), and the contact or the problem.
        None if the file is gone."""
        path = self.folder.contacts_dir / name
        try:
            data = contacts.read(name) if contacts is not None else self.folder.read_bytes(f"{CONTACTS}/{name}")
        except FileNotFoundError:
            return None
        except UnsafePath as error:
            return refused(path, stat, None, error.reason)
        except (OSError, StoreError) as error:
            reason = f"cannot read: {error.strerror if isinstance(error, OSError) else error}"
            raw = problem_json(1, 1, reason)
            return Read(FileEntry(stat, "", None, raw), None, stored_problem(path, raw))
        file_digest = digest(data)
        try:
            contact = parse_contact(path, data)
        except FileProblem as problem:
            p = problem.problem
            return Read(FileEntry(stat, file_digest, None, problem_json(p.line, p.col, p.message)), None, p)

        due, pace = (None, None) if rules is None else remembered(contact, rules)
        return Read(FileEntry(stat, file_digest, payload_json(contact), None, brief(contact), due, pace), contact)


def _reached(
    names: list[str],
    fresh: Mapping[str, Read],
    paces: Mapping[str, str],
    today: dt.date,
    horizon: dt.date,
    rules: TimingRules,
) -> list[str]:
    """Of ``names`` (sorted: the order their rows are paced in), those pacing can reach by ``horizon``
    (:func:`~netcoach.timing.engine.reachable`) and those whose pacing facts are not known (kept: one
    left out of the walk only gives the others earlier turns, so none reached is missed)."""
    known: list[tuple[str, PaceFacts]] = []
    for name in names:
        read = fresh.get(name)
        text = read.entry.pace if read is not None else paces.get(name)
        if text:
            try:
                known.append((name, PaceFacts.parse(text)))
            except ValueError:
                continue
    keep = reachable(known, today, horizon, rules)
    facts = {name for name, _ in known}
    return [name for name in names if name in keep or name not in facts]


@dataclass(frozen=True)
class _Kept:
    """A scan :meth:`Reader.due_first` keeps: what :meth:`Reader._scan` gave, the folder's state as it
    listed it, the index write it held back (changed entries, removed names, the rules' key), and the
    names of the files that write remembers (a file changed in the last two seconds is not)."""

    names: list[str]
    fresh: dict[str, Read]
    problems: list[Problem]
    state: str
    write: tuple[dict[str, FileEntry], list[str], str | None]
    remembered: frozenset[str]
    written: bool = False


class HeldRead:
    """The rest of a read :meth:`Reader.due_first` began: the index write it held back, and everyone."""

    def __init__(self, reader: Reader, kept: _Kept | None, rules: TimingRules, folder_mtime: int | None) -> None:
        self._reader = reader
        self._kept = kept
        self._rules = rules
        self._lock = threading.Lock()
        self.folder_mtime = folder_mtime
        """The modification time of ``contacts/`` before the read began (None if it could not be had)."""

    def write(self) -> None:
        """The index remembers the files read (once; a read that did not finish leaves it as it was)."""
        with self._lock:
            kept = self._kept
            if kept is None or kept.written:
                return
            with self._reader._open_index() as index:
                index.update(*kept.write)
            self._kept = replace(kept, written=True)

    def everyone(self) -> tuple[list[tuple[str, ContactView]], list[Problem]]:
        """Every contact's view and the problems, as :meth:`Reader.views` gives them, from the files as
        they were read (the folder is not listed again; a change since shows at the app's next look)."""
        self.write()
        with self._lock:
            kept, self._kept = self._kept, None
        if kept is None:
            return self._reader.views(self._rules)
        # The validated copies are in the index now: the views need only the compact ones.
        light = {name: Read(replace(read.entry, payload=None), None, read.problem) for name, read in kept.fresh.items()}
        self._reader._seen.again = replace(kept, fresh=light, write=({}, [], None))
        del kept
        try:
            return self._reader.views(self._rules)
        finally:
            self._reader._seen.again = None


EVENT_NEEDLE = f'"{EVENT_MARK}'
"""In the index's compact copies: found in everyone met at any event (see EVENT_MARK)."""
_EVENT_IDS = re.compile('"' + re.escape(EVENT_MARK) + r'([a-z0-9-]+)"')
_ASCII_LOWER = {code: code + 32 for code in range(ord("A"), ord("Z") + 1)}


def _ascii_lower(text: str) -> str:
    """Lower case for ASCII letters only, as SQLite's ``lower()`` does it."""
    return text.translate(_ASCII_LOWER)


def ascii_lower(text: str) -> str:
    """``text`` as :meth:`Reader.acquaintances` compares a company with it (ASCII letters in lower case)."""
    return _ascii_lower(text)
