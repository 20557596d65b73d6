"""Who can help with this? The people whose details match some words, ranked, each with why.

Pure and light: it reads the index's compact copies (:class:`netcoach.model.view.ContactView`),
never whole contacts. :class:`People` folds everyone's fields once into a few long texts, so a
question is a few regular-expression sweeps in C, not a Python loop over 30,000 people
(``benchmarks/bench_who.py``: well under 50 ms per question at 30,000).

Matching is case- and accent-insensitive, by word prefix ("eng" finds "Engineer"). Every word
of the question that is not a small word ("with", "the", ...) counts; people matching more of
them come first, then people you are in touch with before cold ones, then the strength of the
match (what they could help with and their role weigh most; notes least). ``at Google`` asks
about a company: everyone whose company matches, then the people whose notes mention it.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from heapq import nsmallest
from typing import Any

from netcoach.model.kinds import ANSWERS, Stage
from netcoach.model.text import fold

_SMALL = "a an and or the of to in on for with about at by from into my me i who can could help helps someone "
STOP_WORDS = frozenset((_SMALL + "anyone people person know knows is are be do does").split())
"""Small words that never count on their own (``at`` starts a company question)."""

FIELDS = ("they could help with", "role", "company", "tags", "in common", "met at", "name")
WEIGHTS = {
    "they could help with": 5,
    "role": 4,
    "company": 4,
    "tags": 3,
    "in common": 2,
    "met at": 2,
    "name": 2,
    "notes": 1,
}
"""How much a match in each field counts (``notes``: only in the notes, the story, where you met)."""

WARM_BONUS = 3

_WORD = re.compile(r"\w+")
_NOT_WORD = re.compile(r"[^\w\n]+")
_MARKS = re.compile(r"[\u0300-\u036f]+")
_DATED = re.compile(r"-\d{4}-\d{2}-\d{2}$")
"""The date an event's id ends with (its file name: the name, then the date)."""


@dataclass(frozen=True)
class Question:
    """A question, as words to look for: ``company`` when it asked "at Google"."""

    words: tuple[str, ...]
    company: bool = False


def question(text: str) -> Question:
    """The words of ``text`` that count, folded; "at X" asks about a company."""
    folded = _WORD.findall(fold(text))
    company = len(folded) >= 2 and folded[0] == "at"
    words = tuple(dict.fromkeys(w for w in folded if w not in STOP_WORDS))
    return Question(words, company)


@dataclass
class Match:
    """A person who matches: why (``field: text`` each), how well, and whether you are in touch."""

    key: str
    view: Any  # a ContactView
    why: list[str] = field(default_factory=list)
    score: int = 0
    warm: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.view.name,
            "company": self.view.company,
            "stage": self.view.stage.value,
            "why": self.why,
            "score": self.score,
        }


def warm(view: Any) -> bool:
    """In touch: their stage says so, or they have answered you (a reply, a meeting, a call)."""
    if view.stage is Stage.IN_TOUCH:
        return True
    return view.stage is not Stage.ARCHIVED and any(i.kind in ANSWERS for i in view.interactions)


def _field_texts(view: Any, events: Mapping[str, str]) -> tuple[str, ...]:
    """The text of each of :data:`FIELDS` as shown in ``why``; ``events`` names the events by id."""
    role = view.role + (f" at {view.company}" if view.role and view.company else "")
    met_at = dict.fromkeys(event_name(i.event, events) for i in view.interactions if i.event)
    return (
        view.they_can_help,
        role,
        view.company,
        ", ".join(view.tags),
        "; ".join(view.common_ground),
        ", ".join(met_at),
        view.name,
    )


def event_name(event_id: str, events: Mapping[str, str]) -> str:
    """An event's name from its id: the name given, else the id's words ("pydata-meetup-2026-12-04": "pydata meetup")."""
    return events.get(event_id) or _DATED.sub("", event_id).replace("-", " ")


def _folded_lines(lines: Iterable[str]) -> list[str]:
    """Many one-line texts folded at once, in C (lower case, no accents, punctuation as spaces)."""
    text = "\n".join(line.replace("\n", " ") for line in lines)
    return _NOT_WORD.sub(" ", _MARKS.sub("", unicodedata.normalize("NFKD", text)).casefold()).split("\n")


class _Words:
    """Which people have which words (an inverted index), and the words in order for prefixes."""

    __slots__ = ("ordered", "people")

    def __init__(self, lines: Iterable[str]) -> None:
        people: dict[str, list[int]] = {}
        for n, line in enumerate(lines):
            for word in set(line.split()):
                found = people.get(word)
                if found is None:
                    people[word] = [n]
                else:
                    found.append(n)
        self.people = people
        self.ordered = sorted(people)

    def find(self, prefix: str) -> set[int]:
        """The people with a word starting with ``prefix``."""
        ordered, found = self.ordered, set()
        at = bisect_left(ordered, prefix)
        while at < len(ordered) and ordered[at].startswith(prefix):
            found.update(self.people[ordered[at]])
            at += 1
        return found


class People:
    """Everyone, folded once for questions; :meth:`ask` answers one."""

    def __init__(self, views: Iterable[tuple[str, Any]], events: Mapping[str, str] | None = None) -> None:
        self.people = [(key, view) for key, view in views if view.stage is not Stage.ARCHIVED]
        texts = [_field_texts(view, events or {}) for _, view in self.people]
        self._texts = texts
        self._fields = {name: _Words(_folded_lines(t[n] for t in texts)) for n, name in enumerate(FIELDS)}
        self._all = _Words(_NOT_WORD.sub(" ", view.search) for _, view in self.people)
        self._warm = {n for n, (_, view) in enumerate(self.people) if warm(view)}
        by_name = sorted(range(len(self.people)), key=lambda n: self.people[n][1].name.casefold())
        self._rank = [0] * len(by_name)
        for place, n in enumerate(by_name):
            self._rank[n] = place

    def ask(self, text: str, limit: int | None = None) -> list[Match]:
        """The people who could help with ``text``, best first (archived people left out)."""
        q = question(text)
        if not q.words:
            return []
        fields = ("company",) if q.company else FIELDS
        score: Counter[int] = Counter()  # Counter.update counts in C: no Python loop per person
        covered: Counter[int] = Counter()
        in_field: set[int] = set()
        for word in q.words:
            seen: set[int] = set()
            for name in fields:
                found = self._fields[name].find(word)
                for _ in range(WEIGHTS[name]):
                    score.update(found)
                seen |= found
            in_field |= seen
            if not q.company:  # only in the notes, the story, where you met
                extra = self._all.find(word) - seen
                score.update(extra)
                seen |= extra
            covered.update(seen)
        if q.company:  # "at Google": then the people whose notes mention the whole name
            mention = set.intersection(*(self._all.find(word) for word in q.words)) - in_field
            for _ in q.words:
                score.update(mention)
            covered.update({n: len(q.words) for n in mention})
        warm_here = self._warm.intersection(score)
        for _ in range(WARM_BONUS):
            score.update(warm_here)
        rank = self._rank
        if q.company:
            keys = [(int(n not in in_field), n not in warm_here, -s, rank[n], n) for n, s in score.items()]
        else:
            keys = [(-covered[n], n not in warm_here, -s, rank[n], n) for n, s in score.items()]
        best = nsmallest(limit, keys) if limit is not None else sorted(keys)
        return [self._match(key[-1], q, score[key[-1]], key[-1] in warm_here) for key in best]

    def _match(self, n: int, q: Question, score: int, is_warm: bool) -> Match:
        key, view = self.people[n]
        texts = self._texts[n]
        why = []
        left = set(q.words)
        for i, name in enumerate(FIELDS if not q.company else ("company",)):
            text = texts[FIELDS.index(name)] if q.company else texts[i]
            tokens = _WORD.findall(fold(text))
            hit = {w for w in q.words if any(t.startswith(w) for t in tokens)}
            if hit:
                why.append(f"{name}: {text}")
                left -= hit
        if any(w.startswith("role:") for w in why):  # "role: Data Engineer at Lumen" says both
            why = [w for w in why if not w.startswith("company:")] if not q.company else why
        if left:
            why.append("notes: mention " + ", ".join(f'"{w}"' for w in q.words if w in left))
        return Match(key, view, why, score, is_warm)


def who(
    views: Iterable[tuple[str, Any]], text: str, limit: int | None = None, events: Mapping[str, str] | None = None
) -> list[Match]:
    """:meth:`People.ask` once (fold everyone, then ask); keep a :class:`People` to ask again.
    ``events`` names the events by id (the events people were met at are searched too)."""
    return People(views, events).ask(text, limit)


def describe(matches: Sequence[Match]) -> str:
    """The plain text ``netcoach who`` prints."""
    lines = []
    for m in matches:
        company = f" ({m.view.company})" if m.view.company else ""
        touch = "in touch" if m.warm else m.view.stage.value.replace("_", " ")
        lines.append(f"{m.view.name}{company} · {touch}")
        lines += [f"    {why}" for why in m.why]
    return "\n".join(lines)
