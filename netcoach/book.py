"""The contact book the app shows: every contact with its follow-up, searchable and sortable.

Pure and Textual-free. Built once per load (or per change) and queried on every keystroke,
so the search keys and sort keys are computed up front: filtering 30,000 contacts is a
substring test over 30,000 short strings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from netcoach.models import Contact, Stage
from netcoach.store import ContactRecord
from netcoach.text import fold
from netcoach.timing import DEFAULT_RULES, FollowUp, Status, TimingRules, follow_up

_FAR = dt.date.max


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
            return entry.last is None and entry.contact.stage is not Stage.ARCHIVED
        return entry.contact.stage.value == self.value


@dataclass(frozen=True)
class Entry:
    """One contact as the app lists it."""

    record: ContactRecord
    follow_up: FollowUp | None
    last: dt.date | None
    haystack: str
    name_key: str

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def contact(self) -> Contact:
        return self.record.contact


def _haystack(contact: Contact) -> str:
    parts = [contact.name, contact.company, contact.role, contact.notes, contact.met_at, contact.story]
    parts += contact.tags + contact.common_ground + contact.emails
    return fold(" ".join(p for p in parts if p))


def make_entry(record: ContactRecord, today: dt.date, rules: TimingRules) -> Entry:
    contact = record.contact
    last = contact.last_interaction()
    return Entry(
        record, follow_up(contact, today, rules), last.date if last else None, _haystack(contact), fold(contact.name)
    )


class ContactBook:
    """Every contact, keyed by id, with its follow-up for ``today``."""

    def __init__(self, records: Iterable[ContactRecord], today: dt.date, rules: TimingRules = DEFAULT_RULES) -> None:
        self.today = today
        self.rules = rules
        self._entries: dict[str, Entry] = {r.id: make_entry(r, today, rules) for r in records}
        self._sorted: dict[SortOrder, list[Entry]] = {}
        self._last_search: tuple[str, StageFilter, SortOrder, list[Entry]] | None = None

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, contact_id: str) -> Entry | None:
        return self._entries.get(contact_id)

    def put(self, record: ContactRecord) -> Entry:
        """Add or replace one contact (after a save), recomputing its follow-up."""
        entry = make_entry(record, self.today, self.rules)
        self._entries[record.id] = entry
        self._sorted.clear()
        self._last_search = None
        return entry

    def entries(self) -> Sequence[Entry]:
        return list(self._entries.values())

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
        groups: dict[Status, list[Entry]] = {s: [] for s in Status}
        for entry in self.due(days):
            assert entry.follow_up is not None
            groups[entry.follow_up.status].append(entry)
        return groups

    def reconnect_suggestion(self) -> Entry | None:
        """Someone to reconnect with when nothing is due: the longest-quiet in-touch contact."""
        candidates = [
            e
            for e in self._entries.values()
            if e.last is not None and e.contact.stage in (Stage.IN_TOUCH, Stage.NEW, Stage.RESTING)
        ]
        return min(candidates, key=lambda e: e.last or dt.date.max, default=None)

    def weekly_activity(self, weeks: int = 8) -> tuple[list[int], list[int]]:
        """Messages sent and replies received per week, oldest week first, ending this week."""
        start = self.today - dt.timedelta(days=self.today.weekday() + 7 * (weeks - 1))
        sent = [0] * weeks
        received = [0] * weeks
        for entry in self._entries.values():
            for item in entry.contact.interactions:
                offset = (item.date - start).days
                if 0 <= offset < weeks * 7:
                    if item.kind == "sent":
                        sent[offset // 7] += 1
                    elif item.kind in ("received", "meeting", "call"):
                        received[offset // 7] += 1
        return sent, received
