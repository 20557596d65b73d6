"""The calm-down checklist: pre-send items, ticked from the draft's coaching hints, and worries answered.

Both lists are TOML: the bundled defaults in ``netcoach/data/`` and the user's own
``<data>/checklist.toml`` and ``<data>/worries.toml``, which change the defaults like this:

- an entry with the id of a bundled one replaces it (in the same place);
- an entry with a new id is added at the end;
- ``remove = ["id", ...]`` drops bundled entries;
- ``replace_all = true`` starts from an empty list, so only the user's entries are used.

A user file that fails to load (bad TOML, an unknown key, a duplicate id, removing an id
that does not exist) is reported as a :class:`~netcoach.storage.tomlfile.Problem` and the bundled
list is used meanwhile. Nothing here reads the clock, prints, or writes a file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Protocol, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool

from netcoach.model.contact import Line, Text
from netcoach.model.problem import FileProblem, Problem
from netcoach.model.text import clean_line, fold
from netcoach.storage.tomlfile import locate, read_model, read_text_file

CHECKLIST_FILE = "checklist.toml"
WORRIES_FILE = "worries.toml"

HINT_IDS = frozenset(
    {
        "too_long",
        "no_ask",
        "job_ask",
        "over_apology",
        "exclamations",
        "no_shared_context",
        "tone_mismatch",
        "unfilled_markers",
        "nothing_offered",
    }
)
"""The ids of the coaching hints (netcoach.coach.hints) that a checklist item may be judged by."""

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


def _entry_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError("an id is 1-40 lower-case letters, digits, '_' or '-', such as 'small_ask'")
    return value


def _hint_id(value: str) -> str:
    if value not in HINT_IDS:
        raise ValueError(f"unknown hint {value!r}: choose from {', '.join(sorted(HINT_IDS))}")
    return value


def _non_empty(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


EntryId = Annotated[str, AfterValidator(_entry_id)]
HintId = Annotated[str, AfterValidator(_hint_id)]
Sentence = Annotated[Line, AfterValidator(_non_empty)]
Paragraph = Annotated[Text, AfterValidator(_non_empty)]


# -- the files ------------------------------------------------------------------------------


class ChecklistItem(BaseModel):
    """One thing to check before sending."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: EntryId
    text: Sentence = Field(description="The check, in the first person: 'I said where we met.'")
    why: Text = Field("", description="One calm line on why it helps.")
    judged_by: list[HintId] = Field(
        default_factory=list, description="Coaching hints that can tick or flag this item on their own."
    )


class ChecklistFile(BaseModel):
    """``checklist.toml``: bundled or the user's."""

    model_config = ConfigDict(extra="forbid")

    replace_all: StrictBool = Field(False, description="true: use only the items in this file.")
    remove: list[EntryId] = Field(default_factory=list, description="Ids of bundled items to drop.")
    items: list[ChecklistItem] = Field(default_factory=list)


class Worry(BaseModel):
    """A worry, a kinder way to see it, and one concrete thing to do next."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: EntryId
    worry: Sentence = Field(description="The worry as people say it: 'It's too soon.'")
    reframe: Paragraph
    next_step: Paragraph
    keywords: list[Line] = Field(
        default_factory=list, description="Words or phrases that point a typed worry at this one."
    )


class GeneralAnswer(BaseModel):
    """The answer for a worry that matches none of the known ones."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    reframe: Paragraph
    next_step: Paragraph


class WorriesFile(BaseModel):
    """``worries.toml``: bundled or the user's."""

    model_config = ConfigDict(extra="forbid")

    replace_all: StrictBool = Field(False, description="true: use only the worries in this file.")
    remove: list[EntryId] = Field(default_factory=list, description="Ids of bundled worries to drop.")
    general: GeneralAnswer | None = Field(None, description="The answer when a typed worry matches none.")
    worries: list[Worry] = Field(default_factory=list)


@dataclass(frozen=True)
class Worries:
    """The worries in use (bundled changed by the user's file) and the general answer."""

    items: list[Worry]
    general: GeneralAnswer


# -- loading --------------------------------------------------------------------------------

F = TypeVar("F", ChecklistFile, WorriesFile)


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


E = TypeVar("E", bound=_HasId)


def _bundled_text(name: str) -> str:
    return resources.files("netcoach").joinpath("data", name).read_text(encoding="utf-8")


@cache
def _bundled_checklist_file() -> ChecklistFile:
    return read_model(Path("netcoach/data") / CHECKLIST_FILE, _bundled_text(CHECKLIST_FILE), ChecklistFile)


@cache
def _bundled_worries_file() -> WorriesFile:
    return read_model(Path("netcoach/data") / WORRIES_FILE, _bundled_text(WORRIES_FILE), WorriesFile)


def _entries(file: ChecklistFile | WorriesFile) -> Sequence[_HasId]:
    return file.items if isinstance(file, ChecklistFile) else file.worries


def _read_user(path: Path, model: type[F], bundled_ids: set[str]) -> tuple[F | None, list[Problem]]:
    """The user's file, validated and checked for duplicate or unknown ids; ``None`` if absent or broken."""
    try:  # in the data folder: a link or a special file there is a problem, never followed or opened
        text = read_text_file(path, missing_ok=True, within=path.parent)
    except FileNotFoundError:
        return None, []
    except FileProblem as problem:
        return None, [problem.problem]
    try:
        loaded = read_model(path, text, model)
    except FileProblem as problem:
        return None, [problem.problem]
    key = "items" if model is ChecklistFile else "worries"
    seen: set[str] = set()
    for index, entry in enumerate(_entries(loaded)):
        if entry.id in seen:
            line, col = locate(text, (key, index, "id"))
            return None, [Problem(path, line, col, f"{key}.{index}.id: {entry.id!r} appears twice in this file")]
        seen.add(entry.id)
    for index, removed in enumerate(loaded.remove):
        if removed not in bundled_ids:
            line, col = locate(text, ("remove", index))
            known = ", ".join(sorted(bundled_ids)) or "none"
            return None, [Problem(path, line, col, f"remove: no bundled entry {removed!r} (the ids are: {known})")]
    return loaded, []


def _merge(bundled: Sequence[E], user: Sequence[E], *, replace_all: bool, remove: Iterable[str]) -> list[E]:
    dropped = set(remove)
    merged: list[E] = [] if replace_all else [entry for entry in bundled if entry.id not in dropped]
    where = {entry.id: index for index, entry in enumerate(merged)}
    for entry in user:
        if entry.id in where:
            merged[where[entry.id]] = entry
        else:
            where[entry.id] = len(merged)
            merged.append(entry)
    return merged


def bundled_checklist() -> list[ChecklistItem]:
    """netcoach's own checklist."""
    return list(_bundled_checklist_file().items)


def load_checklist(data_dir: Path) -> tuple[list[ChecklistItem], list[Problem]]:
    """The checklist in use: the bundled items changed by ``<data_dir>/checklist.toml``.

    A broken user file is reported and the bundled list returned.
    """
    bundled = bundled_checklist()
    user, problems = _read_user(data_dir / CHECKLIST_FILE, ChecklistFile, {item.id for item in bundled})
    if user is None:
        return bundled, problems
    return _merge(bundled, user.items, replace_all=user.replace_all, remove=user.remove), problems


def bundled_worries() -> Worries:
    """netcoach's own worries and answers."""
    file = _bundled_worries_file()
    assert file.general is not None, "the bundled worries.toml has a [general] answer"
    return Worries(items=list(file.worries), general=file.general)


def load_worries(data_dir: Path) -> tuple[Worries, list[Problem]]:
    """The worries in use: the bundled ones changed by ``<data_dir>/worries.toml``.

    A broken user file is reported and the bundled worries returned.
    """
    bundled = bundled_worries()
    user, problems = _read_user(data_dir / WORRIES_FILE, WorriesFile, {worry.id for worry in bundled.items})
    if user is None:
        return bundled, problems
    items = _merge(bundled.items, user.worries, replace_all=user.replace_all, remove=user.remove)
    return Worries(items=items, general=user.general or bundled.general), problems


def check_files(data_dir: Path) -> tuple[int, list[Problem]]:
    """For ``netcoach check``: (how many of checklist.toml / worries.toml exist, their problems)."""
    checked = sum(1 for name in (CHECKLIST_FILE, WORRIES_FILE) if (data_dir / name).is_file())
    _, checklist_problems = load_checklist(data_dir)
    _, worries_problems = load_worries(data_dir)
    return checked, checklist_problems + worries_problems


# -- ticking ---------------------------------------------------------------------------------


class HintLike(Protocol):
    """What :func:`auto_tick` needs from a coaching hint (netcoach.coach.hints.Hint fits)."""

    @property
    def id(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def ok(self) -> bool: ...


class Mark(StrEnum):
    OPEN = "open"  # for the user to tick
    TICKED = "ticked"
    FLAGGED = "flagged"  # the coach thinks the draft needs another look here


TICKED_BY_COACH = "The coach checked this in your draft."
TICKED_BY_YOU = "Ticked by you."
YOURS_TO_TICK = "Yours to tick."
FLAGGED_WITHOUT_WORDS = "The coach suggests another look at this."


@dataclass(frozen=True)
class ItemState:
    """A checklist item as it stands for this draft, and why."""

    item: ChecklistItem
    mark: Mark
    reason: str  # never empty
    by_coach: bool  # the mark comes from the coaching hints, not from the user

    @property
    def ticked(self) -> bool:
        return self.mark is Mark.TICKED


def auto_tick(
    items: Sequence[ChecklistItem],
    hints: Iterable[HintLike] = (),
    choices: Mapping[str, bool] | None = None,
) -> list[ItemState]:
    """Each item ticked, flagged or left open, with the reason.

    An item judged by hints is flagged when any of those hints is not ok (the reason is the
    hints' own words), ticked when all of them that are present are ok, and left open when
    none of them is present (the coach had nothing to say about it). ``choices`` (item id ->
    ticked) is what the user chose by hand; it wins over the coach.
    """
    by_id: dict[str, list[HintLike]] = {}
    for hint in hints:
        by_id.setdefault(str(hint.id), []).append(hint)
    chosen = choices or {}
    states: list[ItemState] = []
    for item in items:
        if item.id in chosen:
            ticked = bool(chosen[item.id])
            mark = Mark.TICKED if ticked else Mark.OPEN
            states.append(ItemState(item, mark, TICKED_BY_YOU if ticked else YOURS_TO_TICK, by_coach=False))
            continue
        judging = [hint for hint_id in item.judged_by for hint in by_id.get(hint_id, [])]
        failing = [hint for hint in judging if not hint.ok]
        if failing:
            words: list[str] = []
            for hint in failing:
                message = clean_line(str(hint.message or ""))
                if message and message not in words:
                    words.append(message)
            reason = " ".join(words) or FLAGGED_WITHOUT_WORDS
            states.append(ItemState(item, Mark.FLAGGED, reason, by_coach=True))
        elif judging:
            states.append(ItemState(item, Mark.TICKED, TICKED_BY_COACH, by_coach=True))
        else:
            states.append(ItemState(item, Mark.OPEN, YOURS_TO_TICK, by_coach=False))
    return states


def toggle(choices: Mapping[str, bool], state: ItemState) -> dict[str, bool]:
    """The user's choices after ticking or unticking ``state`` by hand (space on the item)."""
    return {**choices, state.item.id: not state.ticked}


def checklist_summary(states: Sequence[ItemState]) -> str:
    """One calm line about where the checklist stands."""
    total = len(states)
    if total == 0:
        return "Your checklist is empty. Send it when you are ready."
    ticked = sum(1 for state in states if state.ticked)
    if ticked == total:
        return f"All {total} ticked. Send it when you are ready."
    flagged = sum(1 for state in states if state.mark is Mark.FLAGGED)
    line = f"{ticked} of {total} ticked."
    if flagged:
        line += f" The coach suggests another look at {flagged}."
    return line + " Sending anyway is fine: this is a coach, not a gate."


# -- worries --------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorryAnswer:
    """What the Checklist screen shows for a worry."""

    worry: str  # the known worry's words, or the user's own
    reframe: str
    next_step: str
    worry_id: str | None  # None: no known worry matched; the general answer


_WORD = re.compile(r"[a-z0-9']+")
PREFIX_FROM = 5
"""A keyword this long or longer also matches words that start with it ('reject' -> 'rejected')."""


def _words(text: str) -> list[str]:
    return _WORD.findall(fold(text).replace("\u2019", "'").replace("`", "'"))


def _word_matches(keyword: str, word: str) -> bool:
    return word == keyword or (len(keyword) >= PREFIX_FROM and word.startswith(keyword))


def _has_phrase(words: Sequence[str], phrase: Sequence[str]) -> bool:
    if not phrase:
        return False
    span = len(phrase)
    return any(
        all(_word_matches(key, word) for key, word in zip(phrase, words[start : start + span], strict=True))
        for start in range(len(words) - span + 1)
    )


def match_worry(text: str, worries: Sequence[Worry]) -> Worry | None:
    """The known worry closest to ``text``: its own words, else the most keywords matched (first wins a tie)."""
    words = _words(text)
    if not words:
        return None
    for worry in worries:
        if _words(worry.worry) == words:
            return worry
    best: Worry | None = None
    best_score = 0
    for worry in worries:
        score = sum(1 for keyword in worry.keywords if _has_phrase(words, _words(keyword)))
        if score > best_score:
            best, best_score = worry, score
    return best


def answer(worry: Worry) -> WorryAnswer:
    """The answer to a worry picked from the list."""
    return WorryAnswer(worry=worry.worry, reframe=worry.reframe, next_step=worry.next_step, worry_id=worry.id)


def answer_worry(text: str, worries: Worries) -> WorryAnswer:
    """The answer to a worry typed in the user's own words: the closest known one, else the general answer."""
    found = match_worry(text, worries.items)
    if found is not None:
        return answer(found)
    own = clean_line(text) or "A worry of your own"
    return WorryAnswer(worry=own, reframe=worries.general.reframe, next_step=worries.general.next_step, worry_id=None)
