"""The calm-down checklist: pre-send items, ticked from the draft's coaching hints, and worries answered.

Both lists are TOML: the bundled defaults in ``netcoach/data/`` and the user's own
``<data>/checklist.toml`` and ``<data>/worries.toml``, which change the defaults by id
(:func:`netcoach.coach.bundled.merge_by_id`):

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
from pathlib import Path
from typing import Annotated, Protocol, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool

from netcoach.coach.bundled import bundled_text, merge_by_id
from netcoach.model.fields import SHORT_ID, FreeText, NonEmptyLine, NonEmptyText, OneLine, matching
from netcoach.model.problem import FileProblem, Problem
from netcoach.model.text import clean_line, fold
from netcoach.storage.tomlfile import UserFile, read_model, read_user_file

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
        "vague_ask",
        "asked_twice",
    }
)
"""The ids of the coaching hints (netcoach.coach.hints) that a checklist item may be judged by."""


def _hint_id(value: str) -> str:
    if value not in HINT_IDS:
        raise ValueError(f"unknown hint {value!r}: choose from {', '.join(sorted(HINT_IDS))}")
    return value


EntryId = Annotated[
    str, AfterValidator(matching(SHORT_ID, "an id is 1-40 lower-case letters, digits, '_' or '-', such as 'small_ask'"))
]
HintId = Annotated[str, AfterValidator(_hint_id)]


# -- the files ------------------------------------------------------------------------------


class ChecklistItem(BaseModel):
    """One thing to check before sending."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: EntryId
    text: NonEmptyLine = Field(description="The check, in the first person: 'I said where we met.'")
    why: FreeText = Field("", description="One calm line on why it helps.")
    judged_by: list[HintId] = Field(
        default_factory=list, description="Coaching hints that can tick or flag this item on their own."
    )


class ChecklistFile(BaseModel):
    """``checklist.toml``: bundled or the user's."""

    model_config = ConfigDict(extra="forbid")

    replace_all: StrictBool = Field(False, description="true: use only the items in this file.")
    remove: list[EntryId] = Field(default_factory=list, description="Ids of bundled items to drop.")
    items: list[ChecklistItem] = Field(default_factory=list)
    prep: list[ChecklistItem] = Field(
        default_factory=list, description="Before an event (the Events screen): replaced by id, new ids added."
    )


class Worry(BaseModel):
    """A worry, a kinder way to see it, and one concrete thing to do next."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: EntryId
    worry: NonEmptyLine = Field(description="The worry as people say it: 'It's too soon.'")
    reframe: NonEmptyText
    next_step: NonEmptyText
    keywords: list[OneLine] = Field(
        default_factory=list, description="Words or phrases that point a typed worry at this one."
    )


class GeneralAnswer(BaseModel):
    """The answer for a worry that matches none of the known ones."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    reframe: NonEmptyText
    next_step: NonEmptyText


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


@cache
def _bundled_checklist_file() -> ChecklistFile:
    return read_model(Path("netcoach/data") / CHECKLIST_FILE, bundled_text(CHECKLIST_FILE), ChecklistFile)


@cache
def _bundled_worries_file() -> WorriesFile:
    return read_model(Path("netcoach/data") / WORRIES_FILE, bundled_text(WORRIES_FILE), WorriesFile)


def _read_user(path: Path, model: type[F], bundled_ids: set[str]) -> tuple[F | None, list[Problem]]:
    """The user's file, validated and checked for duplicate or unknown ids; ``None`` if absent or broken."""
    try:  # in the data folder: a link or a special file there is a problem, never followed or opened
        found = read_user_file(path, model, missing_ok=True, within=path.parent)
    except FileProblem as problem:
        return None, [problem.problem]
    if found is None:
        return None, []
    wrong = _id_problem(found, bundled_ids)
    return (None, [wrong]) if wrong else (found.model, [])


def _id_problem(found: UserFile[ChecklistFile] | UserFile[WorriesFile], bundled_ids: set[str]) -> Problem | None:
    """An id that appears twice in the file, or a ``remove`` of an id that is not bundled."""
    loaded = found.model
    if isinstance(loaded, ChecklistFile):
        key, ids = "items", [item.id for item in loaded.items]
    else:
        key, ids = "worries", [worry.id for worry in loaded.worries]
    seen: set[str] = set()
    for index, entry_id in enumerate(ids):
        if entry_id in seen:
            return found.problem_at((key, index, "id"), f"{key}.{index}.id: {entry_id!r} appears twice in this file")
        seen.add(entry_id)
    for index, removed in enumerate(loaded.remove):
        if removed not in bundled_ids:
            known = ", ".join(sorted(bundled_ids)) or "none"
            return found.problem_at(("remove", index), f"remove: no bundled entry {removed!r} (the ids are: {known})")
    return None


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
    return merge_by_id(bundled, user.items, replace_all=user.replace_all, remove=user.remove), problems


def load_prep(data_dir: Path) -> tuple[list[ChecklistItem], list[Problem]]:
    """The prep before an event: the bundled ``[[prep]]`` of checklist.toml, changed by id by the
    user's ``[[prep]]`` (``replace_all`` and ``remove`` are about the pre-send items only)."""
    bundled = list(_bundled_checklist_file().prep)
    user, problems = _read_user(data_dir / CHECKLIST_FILE, ChecklistFile, {item.id for item in bundled_checklist()})
    return (bundled if user is None else merge_by_id(bundled, user.prep)), problems


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
    items = merge_by_id(bundled.items, user.worries, replace_all=user.replace_all, remove=user.remove)
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
