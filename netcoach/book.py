"""The contact book the app shows: every contact with its follow-up, searchable and sortable.

Pure and Textual-free. Built once per load (or per change) and queried on every keystroke,
so the search keys and sort keys are computed up front: filtering 30,000 contacts is a
substring test over 30,000 short strings.

The book holds light views (:class:`~netcoach.model.view.ContactView`, about 1 KB a contact), not
full contacts (about 10 KB each): what the lists, the search and the timing engine read.
A whole contact (story, timeline summaries, for a form or a draft) is read when it is asked
for (:meth:`ContactBook.record`) and the last few hundred asked for are kept.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from netcoach.model.kinds import ANSWERS, InteractionKind, Stage
from netcoach.model.partial_date import PartialDate
from netcoach.model.text import fold
from netcoach.model.view import ContactView
from netcoach.storage.contacts import ContactRecord
from netcoach.storage.errors import StoreError
from netcoach.storage.reader import HeldRead
from netcoach.storage.store import Store
from netcoach.timing.dates import long_date
from netcoach.timing.engine import FollowUp, Status, follow_ups, pace, status_on
from netcoach.timing.introductions import close_the_loop
from netcoach.timing.rules import DEFAULT_RULES, TimingRules

_FAR = dt.date.max
KEEP_WHOLE = 256
"""How many whole contacts the book keeps once read (the most recently asked for)."""

RecordLoader = Callable[[Sequence[str]], list[ContactRecord]]
"""Reads whole contacts by id (e.g. :meth:`netcoach.storage.store.Store.records`); ids that cannot be read are left out."""


class SortOrder(StrEnum):
    NAME = "name"
    NEXT_DUE = "next due"
    LAST_CONTACT = "last contact"

    def next(self) -> SortOrder:
        members = list(SortOrder)
        return members[(members.index(self) + 1) % len(members)]


class StageFilter(StrEnum):
    """What the Contacts list shows: everyone, one stage, or people imported and never contacted."""

    ALL = "everyone"
    NEW = "new"
    IN_TOUCH = "in_touch"
    RESTING = "resting"
    NOT_NOW = "not_now"
    ARCHIVED = "archived"
    NEVER_CONTACTED = "never contacted"

    def next(self) -> StageFilter:
        members = list(StageFilter)
        return members[(members.index(self) + 1) % len(members)]

    def accepts(self, entry: Entry) -> bool:
        if self is StageFilter.ALL:
            return True
        if self is StageFilter.NEVER_CONTACTED:
            return entry.last is None and entry.view.stage is not Stage.ARCHIVED
        return entry.view.stage.value == self.value


@dataclass(frozen=True, slots=True)
class Entry:
    """One contact as the app lists it: its id, its light view, its follow-up for today.

    ``follow_up`` is the earliest of everything the contact asks of you (a message, a promise to
    keep, a promise to check on); ``others`` are the rest, by date.
    """

    id: str
    view: ContactView
    follow_up: FollowUp | None
    last: dt.date | None
    """The latest moment in touch: the last interaction, or a remembered ``last_contact`` if later (its first day)."""
    name_key: str
    others: tuple[FollowUp, ...] = ()
    remembered: PartialDate | None = None
    """``last_contact``, when it is the latest moment (a year or a month is shown as such, never as its first day)."""

    @property
    def name(self) -> str:
        return self.view.name

    @property
    def haystack(self) -> str:
        return self.view.search


def make_entry(
    contact_id: str, view: ContactView, today: dt.date, rules: TimingRules, introduced: Sequence[ContactView] = ()
) -> Entry:
    """The entry of one contact; ``introduced``: the people they introduced you to (loops to close)."""
    if untouched(view) and not introduced:  # most of 30,000 imported connections: the engine would say so
        return Entry(contact_id, view, None, None, fold(view.name))
    return engine_entry(contact_id, view, today, rules, introduced)


def untouched(view: ContactView) -> bool:
    """Nothing the timing rules start from: no interaction, no ``last_contact``, no promise, no date the
    user set. Such a contact is never due, and was never in touch (:func:`make_entry`)."""
    return (
        not view.interactions
        and not view.promises
        and view.last_contact is None
        and view.reach_out_after is None
        and view.snoozed_until is None
    )


def engine_entry(
    contact_id: str, view: ContactView, today: dt.date, rules: TimingRules, introduced: Sequence[ContactView] = ()
) -> Entry:
    """:func:`make_entry`, always through the timing engine."""
    last = view.last_interaction()
    last_day = last.date if last else None
    remembered = view.last_contact
    if remembered is not None and (last_day is None or remembered.start > last_day):  # as the timing rules read it
        last_day = remembered.start
    else:
        remembered = None
    found = follow_ups(view, today, rules)
    for other in introduced:
        loop = close_the_loop(other, view, today)
        if loop is not None:
            due, kind, reason = loop
            found.append(FollowUp(due, status_on(due, today), kind, reason))
    found.sort(key=lambda f: f.due)
    first = found[0] if found else None
    return Entry(contact_id, view, first, last_day, fold(view.name), tuple(found[1:]), remembered)


class ContactBook:
    """Every contact, keyed by id, with its follow-up for ``today``."""

    def __init__(
        self,
        views: Iterable[tuple[str, ContactView]],
        today: dt.date,
        rules: TimingRules = DEFAULT_RULES,
        load: RecordLoader | None = None,
    ) -> None:
        self.today = today
        self.rules = rules
        views = list(views)
        introduced: dict[str, list[ContactView]] = {}
        for _, view in views:
            if view.met_through:
                introduced.setdefault(view.met_through, []).append(view)
        self._entries: dict[str, Entry] = {
            cid: make_entry(cid, view, today, rules, introduced.get(cid, ())) for cid, view in views
        }
        self._pace()
        self._sorted: dict[SortOrder, list[Entry]] = {}
        self._last_search: tuple[str, StageFilter, SortOrder, list[Entry]] | None = None
        self._load = load
        self._whole: OrderedDict[str, ContactRecord] = OrderedDict()
        self._whole_lock = threading.Lock()  # the app's workers ask too

    @classmethod
    def of_records(
        cls, records: Iterable[ContactRecord], today: dt.date, rules: TimingRules = DEFAULT_RULES
    ) -> ContactBook:
        """A book of whole contacts already read (tests, small sets): they are its only source."""
        known = {record.id: record for record in records}
        views = ((record.id, ContactView.of(record.contact)) for record in known.values())
        return cls(views, today, rules, lambda ids: [known[i] for i in ids if i in known])

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, contact_id: str) -> Entry | None:
        return self._entries.get(contact_id)

    def record(self, contact_id: str) -> ContactRecord | None:
        """The whole contact (None if it is not in the book or can no longer be read).

        Read through the book's loader the first time (one row of the index, or the file),
        then kept among the last :data:`KEEP_WHOLE` asked for.
        """
        with self._whole_lock:
            found = self._whole.get(contact_id)
            if found is not None:
                self._whole.move_to_end(contact_id)
                return found
        if contact_id not in self._entries or self._load is None:
            return None
        loaded = self._load([contact_id])
        if not loaded:
            return None
        self._keep(loaded[0])
        return loaded[0]

    def _keep(self, record: ContactRecord) -> None:
        with self._whole_lock:
            self._whole[record.id] = record
            self._whole.move_to_end(record.id)
            while len(self._whole) > KEEP_WHOLE:
                self._whole.popitem(last=False)

    def put(self, record: ContactRecord) -> Entry:
        """Add or replace one contact (after a save), recomputing its follow-up (and its introducer's)."""
        old = self._entries.get(record.id)
        view = ContactView.of(record.contact)
        entry = make_entry(record.id, view, self.today, self.rules, self._introduced_by(record.id))
        self._entries[record.id] = entry
        self._renew({old.view.met_through if old else "", view.met_through} - {""})
        self._keep(record)
        self._pace()
        self._sorted.clear()
        self._last_search = None
        return self._entries[record.id]

    def _pace(self) -> None:
        """Spread the reconnects over the days to come (:func:`netcoach.timing.engine.pace`): a few a day."""
        rows = [(e, e.view, e.follow_up) for e in self._entries.values() if e.follow_up and e.follow_up.since]
        for entry, _, follow in pace(rows, self.today, self.rules):
            if follow is not entry.follow_up:
                self._entries[entry.id] = replace(entry, follow_up=follow)

    def remove(self, contact_id: str) -> None:
        """Take one contact out (after it was deleted or merged into another)."""
        old = self._entries.pop(contact_id, None)
        if old is None:
            return
        self._renew({old.view.met_through} - {""})
        self._pace()
        with self._whole_lock:
            self._whole.pop(contact_id, None)
        self._sorted.clear()
        self._last_search = None

    def _introduced_by(self, contact_id: str) -> list[ContactView]:
        return [e.view for e in self._entries.values() if e.view.met_through == contact_id]

    def _renew(self, contact_ids: Iterable[str]) -> None:
        """Recompute these introducers' entries: a loop to close may have come or gone."""
        for contact_id in contact_ids:
            entry = self._entries.get(contact_id)
            if entry is not None:
                introduced = self._introduced_by(contact_id)
                self._entries[contact_id] = make_entry(contact_id, entry.view, self.today, self.rules, introduced)

    def entries(self) -> Sequence[Entry]:
        return list(self._entries.values())

    def named_like(self, name: str) -> list[ContactRecord]:
        """The contacts called ``name``, case and accents aside (those whose file reads), by id."""
        key = fold(name)
        found = (self.record(e.id) for e in sorted(self._entries.values(), key=lambda e: e.id) if e.name_key == key)
        return [record for record in found if record is not None]

    def search(
        self, query: str = "", stage: StageFilter = StageFilter.ALL, order: SortOrder = SortOrder.NAME
    ) -> list[Entry]:
        """Contacts matching every word of ``query`` (case- and accent-insensitive), in ``order``."""
        key = fold(query)
        words = key.split()
        pool: list[Entry] = self._in_order(order)  # sorted once per change, not per keystroke
        last = self._last_search
        if last is not None and last[1:3] == (stage, order) and key.startswith(last[0]) and last[0]:
            pool = last[3]  # typing on narrows the last result: no need to look at everyone again
        elif stage is not StageFilter.ALL:
            pool = [e for e in pool if stage.accepts(e)]
        if len(words) == 1:
            word = words[0]
            found = [e for e in pool if word in e.haystack]
        elif words:
            found = [e for e in pool if all(w in e.haystack for w in words)]
        else:
            found = list(pool)
        self._last_search = (key, stage, order, found)
        return found

    def _in_order(self, order: SortOrder) -> list[Entry]:
        cached = self._sorted.get(order)
        if cached is None:
            entries = list(self._entries.values())
            if order is SortOrder.NAME:
                entries.sort(key=lambda e: e.name_key)
            elif order is SortOrder.NEXT_DUE:
                entries.sort(key=lambda e: (e.follow_up.due if e.follow_up else _FAR, e.name_key))
            else:
                entries.sort(key=lambda e: (-(e.last or dt.date.min).toordinal(), e.name_key))  # newest first
            cached = self._sorted[order] = entries
        return cached

    def due(self, days: int = 7) -> list[Entry]:
        """Follow-ups due by ``today + days``: overdue first, then by date and name."""
        horizon = self.today + dt.timedelta(days=days)
        found = [e for e in self._entries.values() if e.follow_up is not None and e.follow_up.due <= horizon]
        found.sort(key=lambda e: (e.follow_up.due if e.follow_up else _FAR, e.name_key))
        return found

    def grouped_due(self, days: int = 7) -> dict[Status, list[Entry]]:
        """Today's groups: overdue, today, coming up, and the reconnects due today (the later ones wait their turn)."""
        groups: dict[Status, list[Entry]] = {s: [] for s in Status}
        for entry in self.due(days):
            assert entry.follow_up is not None
            if entry.follow_up.status is not Status.RECONNECT or entry.follow_up.due <= self.today:
                groups[entry.follow_up.status].append(entry)
        return groups

    def next_due(self, besides: str | None = None) -> Entry | None:
        """The next person due now (overdue first, then today), other than ``besides``: who to write to next."""
        return next((e for e in self.due(0) if e.id != besides), None)

    def reconnect_suggestion(self) -> Entry | None:
        """Someone to reconnect with when nothing is due: the longest-quiet in-touch contact."""
        candidates = [
            e
            for e in self._entries.values()
            if e.last is not None and e.view.stage in (Stage.IN_TOUCH, Stage.NEW, Stage.RESTING)
        ]
        return min(candidates, key=lambda e: e.last or dt.date.max, default=None)

    def weekly_activity(self, weeks: int = 8) -> tuple[list[int], list[int]]:
        """Messages sent and replies received per week, oldest week first, ending this week."""
        start = self.today - dt.timedelta(days=self.today.weekday() + 7 * (weeks - 1))
        sent = [0] * weeks
        received = [0] * weeks
        for entry in self._entries.values():
            for item in entry.view.interactions:
                offset = (item.date - start).days
                if 0 <= offset < weeks * 7:
                    if item.kind is InteractionKind.SENT:
                        sent[offset // 7] += 1
                    elif item.kind in ANSWERS:
                        received[offset // 7] += 1
        return sent, received


TODAY_HORIZON_DAYS = 7
"""Today lists the follow-ups due within this many days."""


QUICK_READS = 200
"""Before the app starts, read at most this many changed files (about 0.2 s); more, and the app
starts first and reads them with its screen up (e.g. the first start after a big import)."""


def due_soon(
    store: Store,
    today: dt.date,
    rules: TimingRules,
    days: int = TODAY_HORIZON_DAYS,
    *,
    max_reads: int | None = None,
) -> list[tuple[str, ContactView]] | None:
    """Everyone due within ``days``, as light views, for a first Today before everyone is read (of the
    reconnects, those whose paced turn comes within ``days``: Today shows no other).

    From the index, as ``netcoach due`` reads it (no validation library needed when nothing
    changed). None when the data folder cannot be read that way (the full read reports why),
    or when more than ``max_reads`` files changed since the index saw them.
    """
    try:
        found, _ = store.reader.due_by(today + dt.timedelta(days=days), rules, today=today, max_reads=max_reads)
    except (StoreError, OSError):
        return None
    return found


def due_soon_first(
    store: Store,
    today: dt.date,
    rules: TimingRules,
    days: int = TODAY_HORIZON_DAYS,
    *,
    max_reads: int | None = None,
) -> tuple[list[tuple[str, ContactView]], HeldRead] | None:
    """:func:`due_soon`, and the read that gave them: the app reads everyone from it (as :meth:`HeldRead.everyone`
    gives them: the folder is not listed a second time)."""
    try:
        found, _, held = store.reader.due_first(
            today + dt.timedelta(days=days), rules, today=today, max_reads=max_reads
        )
    except (StoreError, OSError):
        return None
    return found, held


def same_name_words(records: Sequence[ContactRecord], today: dt.date) -> str:
    """Who is there already by that name, and how they were met, for the question "add another?".

    'Priya Raman (priya-raman), met at Data & Design meetup, 1 December'; several joined with '; '.
    """
    parts = []
    for record in records:
        c = record.contact
        met = " at ".join(["met", c.met_at]) if c.met_at else ("met" if c.met_on else "")
        if c.met_on:
            met += f", {long_date(c.met_on, today)}"
        if not met:
            met = f"added {long_date(c.connected_on, today)}" if c.connected_on else "no meeting noted"
        parts.append(f"{c.name} ({record.id}), {met}")
    return "; ".join(parts)
