"""Message templates: the files, loading netcoach's own and the user's, and choosing one.

A template file (bundled in ``netcoach/data/templates/``, or the user's own in
``<data>/templates/*.toml``, which add templates or replace a bundled one by id)::

    id = "follow_up-casual"
    kind = "follow_up"          # a MessageKind
    tone = "casual"             # casual or formal
    title = "Great to meet you" # optional: a few words shown when choosing
    subject = "Great to meet you(( at {met_at}))"
    body = '''
    Hi {first_name},
    ...
    '''
    short = '''
    A LinkedIn or text version: no subject, shorter.
    '''

The texts are written in the template language (:mod:`netcoach.coach.template_language`),
with the placeholders of :mod:`netcoach.coach.placeholders`; a template is written out for
one contact by :mod:`netcoach.coach.rendering`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from netcoach.coach.bundled import bundled_path, merge_by_id
from netcoach.coach.placeholders import location
from netcoach.coach.template_language import Part, TemplateSyntaxError, compile_text, placeholder_names
from netcoach.model.fields import DOTTED_ID, FreeText, NonEmptyLine, NonEmptyText, OneLine, matching
from netcoach.model.kinds import Channel, MessageKind
from netcoach.model.problem import FileProblem, Problem
from netcoach.storage.store import Store
from netcoach.storage.tomlfile import UserFile, locate, read_user_file


class Tone(StrEnum):
    """How formal a message is."""

    CASUAL = "casual"
    FORMAL = "formal"


DRAFT_CHANNELS: tuple[Channel, ...] = (Channel.EMAIL, Channel.LINKEDIN, Channel.TEXT)
"""The channels a draft is written for: e-mail (subject and body), or a short message."""


def is_short(channel: Channel | str) -> bool:
    """A short message (LinkedIn, text: no subject) rather than an e-mail?"""
    return Channel(channel) is not Channel.EMAIL


# -- the file -----------------------------------------------------------------------------------

TemplateId = Annotated[
    str,
    AfterValidator(
        matching(DOTTED_ID, "an id is lower-case letters, digits, '_', '.' or '-', such as 'follow_up-casual'")
    ),
]


class TemplateFile(BaseModel):
    """One template file, as written (bundled or the user's)."""

    model_config = ConfigDict(extra="forbid")

    id: TemplateId = Field(description="A unique id; a user template with a bundled id replaces the bundled one.")
    kind: MessageKind
    tone: Tone
    title: OneLine = Field("", description="A few words shown when choosing a template.")
    subject: NonEmptyLine = Field(description="The e-mail subject.")
    body: NonEmptyText = Field(description="The e-mail body.")
    short: FreeText = Field("", description="The short version (LinkedIn, text). Unset: the e-mail body.")


TEXTS = ("subject", "body", "short")
"""The texts of a template, each written in the template language."""


@dataclass(frozen=True)
class Template:
    """A loaded, checked template, ready to render."""

    id: str
    kind: MessageKind
    tone: Tone
    title: str
    subject: str
    body: str
    short: str
    path: Path | None = None
    bundled: bool = False
    compiled: dict[str, tuple[Part, ...]] = field(default_factory=dict, repr=False, compare=False)
    """Each of :data:`TEXTS`, parsed."""

    @property
    def placeholders(self) -> frozenset[str]:
        """Every placeholder the template uses."""
        return frozenset(name for parts in self.compiled.values() for name in placeholder_names(parts))


def make_template(spec: TemplateFile, path: Path | None = None, *, bundled: bool = False) -> Template:
    """A :class:`Template` from a validated file; raises :class:`TemplateSyntaxError` (with ``.key``)."""
    compiled: dict[str, tuple[Part, ...]] = {}
    for key in TEXTS:
        try:
            compiled[key] = compile_text(getattr(spec, key))
        except TemplateSyntaxError as error:
            error.key = key
            raise
    return Template(
        id=spec.id,
        kind=spec.kind,
        tone=spec.tone,
        title=spec.title,
        subject=spec.subject,
        body=spec.body,
        short=spec.short,
        path=path,
        bundled=bundled,
        compiled=compiled,
    )


# -- loading ------------------------------------------------------------------------------------


def _where_in_file(text: str, key: str, value: str, error: TemplateSyntaxError) -> tuple[int, int]:
    """The (line, col) in the file of the snippet the error names, else of the key."""
    line, col = locate(text, (key,))
    lines = text.splitlines(keepends=True)
    start = sum(len(item) for item in lines[: line - 1])
    nth = value.count(error.snippet, 0, error.offset)
    found = start - 1
    for _ in range(nth + 1):
        found = text.find(error.snippet, found + 1)
        if found < 0:
            return line, col
    row, column = location(text, found)
    return row + 1, column + 1


def _template(file: UserFile[TemplateFile], *, bundled: bool) -> Template:
    """The template a file holds; a mistake in its texts raises :class:`FileProblem` (``path:line:col: message``)."""
    try:
        return make_template(file.model, file.path, bundled=bundled)
    except TemplateSyntaxError as error:
        key = error.key or "body"
        line, col = _where_in_file(file.text, key, getattr(file.model, key), error)
        raise FileProblem(Problem(file.path, line, col, f"{key}: {error.message}")) from None


def _read_folder(folder: Path, *, bundled: bool) -> tuple[list[Template], list[Problem]]:
    templates: list[Template] = []
    problems: list[Problem] = []
    try:
        paths = sorted(p for p in folder.iterdir() if p.name.endswith(".toml") and not p.name.startswith("."))
    except FileNotFoundError:
        return [], []
    except OSError as error:
        return [], [Problem(folder, 1, 1, f"cannot read this folder: {error.strerror or error}")]
    first_of: dict[str, Path] = {}
    for path in paths:
        try:
            file = read_user_file(path, TemplateFile)
            template = _template(file, bundled=bundled)
        except FileProblem as problem:
            problems.append(problem.problem)
            continue
        if template.id in first_of:
            message = f"id: {template.id!r} is already used by {first_of[template.id].name}; this file is skipped"
            problems.append(file.problem_at(("id",), message))
            continue
        first_of[template.id] = path
        templates.append(template)
    return templates, problems


def bundled_folder() -> Path:
    """Where netcoach's own templates are (copy one to start your own)."""
    return bundled_path("templates")


@cache
def _bundled() -> tuple[tuple[Template, ...], tuple[Problem, ...]]:
    templates, problems = _read_folder(bundled_folder(), bundled=True)
    return tuple(templates), tuple(problems)


def bundled_templates() -> list[Template]:
    """netcoach's own templates."""
    return list(_bundled()[0])


_KIND_ORDER = {kind: index for index, kind in enumerate(MessageKind)}
_TONE_ORDER = {tone: index for index, tone in enumerate(Tone)}


def _order(template: Template) -> tuple[int, int, bool, str]:
    return _KIND_ORDER[template.kind], _TONE_ORDER[template.tone], template.bundled, template.id


def load_templates(source: Store | Path | None = None) -> tuple[list[Template], list[Problem]]:
    """The templates in use: bundled, plus the user's (a Store, or a folder of ``*.toml``).

    A user template with a bundled id replaces it. A file that fails to load is reported as
    a problem and skipped; the rest work. Sorted by kind, tone, the user's first, then id.
    """
    bundled, bundled_problems = _bundled()
    problems = list(bundled_problems)
    folder = source.folder.templates_dir if isinstance(source, Store) else source
    user: list[Template] = []
    if folder is not None:
        user, user_problems = _read_folder(Path(folder), bundled=False)
        problems += user_problems
    return sorted(merge_by_id(bundled, user), key=_order), problems


# -- choosing -----------------------------------------------------------------------------------


def alternatives(templates: Iterable[Template], kind: MessageKind | str, tone: Tone | str) -> list[Template]:
    """The templates for this kind and tone, the user's own first."""
    kind, tone = MessageKind(kind), Tone(tone)
    return sorted((t for t in templates if t.kind is kind and t.tone is tone), key=_order)


def pick(templates: Sequence[Template], kind: MessageKind | str, tone: Tone | str) -> Template:
    """The template to start from: this kind and tone (the user's first), else this kind in any tone."""
    kind = MessageKind(kind)
    for pool in (templates, bundled_templates()):
        exact = alternatives(pool, kind, tone)
        if exact:
            return exact[0]
        same_kind = sorted((t for t in pool if t.kind is kind), key=_order)
        if same_kind:
            return same_kind[0]
    raise LookupError(f"no template for {kind.value}")  # the bundled set has every kind (tested)
