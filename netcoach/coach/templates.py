"""Message templates: small TOML files with placeholders, rendered for one contact.

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

Placeholders are written ``{first_name}`` (the list is :data:`PLACEHOLDERS`). A placeholder
whose value is missing becomes a visible marker such as ``[where we met?]``: never a gap, a
literal ``{met_at}`` or "None". Text between ``((`` and ``))`` is optional: it is kept only
when every placeholder directly inside it has a value, so sentences around missing values
still read well. Optional parts may nest: ``((at {met_at}(( {met_when}))))`` keeps "at the
meetup" when only the place is known; :data:`MAX_NESTING` deep at most.

Rendering is a pure function of the template, the contact, the user's settings and today.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from netcoach.model.contact import Channel, Contact, InteractionKind, Line, MessageKind, Text
from netcoach.model.problem import FileProblem, Problem
from netcoach.model.text import clean_line, clean_text, fold
from netcoach.storage.config import Config
from netcoach.storage.store import Store
from netcoach.storage.tomlfile import locate, read_model, read_text_file
from netcoach.timing.dates import when_words
from netcoach.timing.engine import follow_up
from netcoach.timing.rules import DEFAULT_RULES, TimingRules


class Tone(StrEnum):
    """How formal a message is."""

    CASUAL = "casual"
    FORMAL = "formal"


DRAFT_CHANNELS: tuple[Channel, ...] = (Channel.EMAIL, Channel.LINKEDIN, Channel.TEXT)
"""The channels a draft is written for: e-mail (subject and body), or a short message."""


def is_short(channel: Channel | str) -> bool:
    """A short message (LinkedIn, text: no subject) rather than an e-mail?"""
    return Channel(channel) is not Channel.EMAIL


# -- placeholders -----------------------------------------------------------------------------

PLACEHOLDERS: dict[str, str] = {
    "first_name": "[first name?]",
    "name": "[their name?]",
    "company": "[their company?]",
    "role": "[their role?]",
    "met_at": "[where we met?]",
    "met_when": "[when we met?]",
    "common_ground": "[what we have in common?]",
    "they_can_help": "[what they can help with?]",
    "i_can_offer": "[what I can offer?]",
    "last_when": "[when we last spoke?]",
    "my_name": "[your name?]",
    "signature": "[your signature?]",
    "your_words": "[your words here?]",
}
"""Every placeholder a template may use, and the marker shown when its value is missing."""

PLACEHOLDER_HELP: dict[str, str] = {
    "first_name": "their first name",
    "name": "their full name",
    "company": "where they work (the contact's company)",
    "role": "their job title (the contact's role)",
    "met_at": "where you met (the contact's met_at)",
    "met_when": "when you met, in words: 'yesterday', 'on Tuesday', 'last month' (met_on)",
    "common_ground": "one or two things you have in common (common_ground)",
    "they_can_help": "what you would like to learn from them (they_can_help)",
    "i_can_offer": "what you can offer them (i_can_offer)",
    "last_when": "when you were last in touch, in words (the latest interaction)",
    "my_name": "your name ([user] name in config.toml)",
    "signature": "your e-mail signature ([user] signature in config.toml)",
    "your_words": "never filled in: marks where you write something only you can say",
}
"""What each placeholder stands for, in the user's words (for help and hints)."""

MARKER_FIELDS: dict[str, str] = {marker: name for name, marker in PLACEHOLDERS.items()}
MARKER_PATTERN = re.compile("|".join(re.escape(marker) for marker in PLACEHOLDERS.values()))


@dataclass(frozen=True, slots=True)
class Marker:
    """A visible gap in a message: where a value was missing, to fill in or delete.

    ``start``/``end`` are offsets into the text; ``start_location``/``end_location`` are the
    same as (row, column), 0-based, as a TextArea selection wants them.
    """

    field: str
    text: str
    start: int
    end: int
    start_location: tuple[int, int]
    end_location: tuple[int, int]


def _location(text: str, offset: int) -> tuple[int, int]:
    row = text.count("\n", 0, offset)
    return row, offset - (text.rfind("\n", 0, offset) + 1)


def find_markers(text: str) -> tuple[Marker, ...]:
    """Every marker still in ``text`` (as rendered, or after the user's edits), in order."""
    found = []
    for match in MARKER_PATTERN.finditer(text):
        start, end = match.span()
        found.append(
            Marker(
                MARKER_FIELDS[match.group(0)], match.group(0), start, end, _location(text, start), _location(text, end)
            )
        )
    return tuple(found)


# -- the template language -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Field:
    name: str


@dataclass(frozen=True, slots=True)
class _Optional:
    parts: tuple[_Part, ...]
    names: frozenset[str]  # its own placeholders (not those of optional parts inside it)


_Part = str | _Field | _Optional

_TOKEN = re.compile(r"\(\(|\)\)|\{([^{}\n]*)\}|[{}]")

MAX_NESTING = 8
"""How deep optional parts may nest: ``((a((b))))`` is 2. Deeper is a mistake in the template, never a crash."""


class TemplateSyntaxError(ValueError):
    """A mistake in a template's text; ``offset`` and ``snippet`` say where."""

    def __init__(self, message: str, offset: int, snippet: str) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.snippet = snippet
        self.key = ""  # which text (subject, body, short), once known


def _names(parts: Iterable[_Part]) -> Iterator[str]:
    for part in parts:
        if isinstance(part, _Field):
            yield part.name
        elif isinstance(part, _Optional):
            yield from _names(part.parts)


def compile_text(text: str) -> tuple[_Part, ...]:
    """Parse template text into parts; raises :class:`TemplateSyntaxError` with the offending spot."""
    stack: list[list[_Part]] = [[]]
    opened: list[int] = []
    position = 0
    for match in _TOKEN.finditer(text):
        if match.start() > position:
            stack[-1].append(text[position : match.start()])
        token = match.group(0)
        if token == "((":
            if len(opened) == MAX_NESTING:
                raise TemplateSyntaxError(
                    f"optional text nests more than {MAX_NESTING} deep: close some '((' with '))' first",
                    match.start(),
                    token,
                )
            stack.append([])
            opened.append(match.start())
        elif token == "))":
            if len(stack) == 1:
                raise TemplateSyntaxError(
                    "'))' closes nothing: optional text is written ((like this))", match.start(), token
                )
            parts = tuple(stack.pop())
            opened.pop()
            stack[-1].append(_Optional(parts, frozenset(p.name for p in parts if isinstance(p, _Field))))
        elif match.group(1) is not None:
            name = match.group(1).strip()
            if name not in PLACEHOLDERS:
                close = difflib.get_close_matches(name, PLACEHOLDERS, n=1)
                known = (
                    f"did you mean {{{close[0]}}}?"
                    if close
                    else "use one of " + ", ".join(f"{{{k}}}" for k in PLACEHOLDERS)
                )
                raise TemplateSyntaxError(f"unknown placeholder {token}: {known}", match.start(), token)
            stack[-1].append(_Field(name))
        else:
            raise TemplateSyntaxError(
                f"a lone {token!r}: placeholders are written like {{first_name}}", match.start(), token
            )
        position = match.end()
    if position < len(text):
        stack[-1].append(text[position:])
    if len(stack) > 1:
        raise TemplateSyntaxError("'((' is never closed with '))'", opened[-1], "((")
    return tuple(stack[0])


def _render_parts(parts: Sequence[_Part], values: dict[str, str], out: list[str]) -> None:
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        elif isinstance(part, _Field):
            out.append(values.get(part.name) or PLACEHOLDERS[part.name])
        elif all(values.get(name) for name in part.names):
            _render_parts(part.parts, values, out)


_RUNS_OF_SPACES = re.compile(r"(?<=\S)[ \t]{2,}")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"[ \t]+(?=[.,;:!?)])")
_EDGE_SPACES = re.compile(r"^[ \t]+|[ \t]+$", re.MULTILINE)
_DOUBLED = re.compile(r"(?<![.,])([.,])\1(?![.,])")
_BLANK_LINES = re.compile(r"\n{3,}")


def _tidy(text: str) -> str:
    """Spacing left by dropped optional parts: no double spaces, no space before a full stop, no gaps."""
    text = _RUNS_OF_SPACES.sub(" ", text)
    text = _SPACE_BEFORE_PUNCTUATION.sub("", text)
    text = _EDGE_SPACES.sub("", text)
    text = _DOUBLED.sub(r"\1", text)
    return _BLANK_LINES.sub("\n\n", text).strip()


# -- templates ---------------------------------------------------------------------------------

_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")


def _template_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError("an id is lower-case letters, digits, '_', '.' or '-', such as 'follow_up-casual'")
    return value


def _non_empty(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


class TemplateFile(BaseModel):
    """One template file, as written (bundled or the user's)."""

    model_config = ConfigDict(extra="forbid")

    id: Annotated[str, AfterValidator(_template_id)] = Field(
        description="A unique id; a user template with a bundled id replaces the bundled one."
    )
    kind: MessageKind
    tone: Tone
    title: Line = Field("", description="A few words shown when choosing a template.")
    subject: Annotated[Line, AfterValidator(_non_empty)] = Field(description="The e-mail subject.")
    body: Annotated[Text, AfterValidator(_non_empty)] = Field(description="The e-mail body.")
    short: Text = Field("", description="The short version (LinkedIn, text). Unset: the e-mail body.")


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
    _parts: dict[str, tuple[_Part, ...]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def placeholders(self) -> frozenset[str]:
        """Every placeholder the template uses."""
        return frozenset(name for parts in self._parts.values() for name in _names(parts))


def make_template(spec: TemplateFile, path: Path | None = None, *, bundled: bool = False) -> Template:
    """A :class:`Template` from a validated file; raises :class:`TemplateSyntaxError` (with ``.key``)."""
    parts: dict[str, tuple[_Part, ...]] = {}
    for key in ("subject", "body", "short"):
        try:
            parts[key] = compile_text(getattr(spec, key))
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
        _parts=parts,
    )


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
    return _location(text, found)[0] + 1, _location(text, found)[1] + 1


def parse_template(path: Path, text: str, *, bundled: bool = False) -> Template:
    """Read one template file's text; raises :class:`FileProblem` (``path:line:col: message``)."""
    spec = read_model(path, text, TemplateFile)
    try:
        return make_template(spec, path, bundled=bundled)
    except TemplateSyntaxError as error:
        key = error.key or "body"
        line, col = _where_in_file(text, key, getattr(spec, key), error)
        raise FileProblem(Problem(path, line, col, f"{key}: {error.message}")) from None


def _read_file(path: Path, *, bundled: bool = False) -> Template:
    text = read_text_file(path)
    return parse_template(path, text, bundled=bundled)


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
            template = _read_file(path, bundled=bundled)
        except FileProblem as problem:
            problems.append(problem.problem)
            continue
        if template.id in first_of:
            text = path.read_text(encoding="utf-8")
            line, col = locate(text, ("id",))
            message = f"id: {template.id!r} is already used by {first_of[template.id].name}; this file is skipped"
            problems.append(Problem(path, line, col, message))
            continue
        first_of[template.id] = path
        templates.append(template)
    return templates, problems


def bundled_folder() -> Path:
    """Where netcoach's own templates are (copy one to start your own)."""
    return Path(str(resources.files("netcoach").joinpath("data", "templates")))


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
    merged = {template.id: template for template in bundled}
    merged.update({template.id: template for template in user})
    return sorted(merged.values(), key=_order), problems


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


# -- values ------------------------------------------------------------------------------------

_LOWER_FIRST = frozenset(
    [
        "a",
        "an",
        "the",
        "my",
        "our",
        "your",
        "their",
        "his",
        "her",
        "its",
        "this",
        "that",
        "these",
        "those",
        "some",
        "any",
        "how",
        "what",
        "why",
        "where",
        "when",
        "which",
        "who",
        "whether",
        "help",
        "advice",
        "tips",
        "feedback",
        "notes",
        "ideas",
        "insight",
        "insights",
        "intro",
        "intros",
        "introductions",
        "pointers",
        "questions",
        "time",
        "coffee",
        "lunch",
    ]
)
_TRAILING_PUNCTUATION = ".,;:!"


def _phrase(value: str) -> str:
    """A user's value made to sit inside a sentence: one line, no final full stop, 'The x' -> 'the x'."""
    value = clean_line(value).rstrip(_TRAILING_PUNCTUATION).strip()
    first, _, rest = value.partition(" ")
    if first[:1].isupper() and first[1:].islower() and first.lower() in _LOWER_FIRST:
        value = first.lower() + (" " + rest if rest else "")
    return value


def _joined(items: Sequence[str]) -> str:
    phrases = [p for p in (_phrase(item) for item in items[:2]) if p]
    return " and ".join(phrases)


def _signature(text: str, name: str) -> str:
    """The signature, without a first line that only repeats the name (templates put the name above it)."""
    lines = [line.strip() for line in clean_text(text).splitlines()]
    while lines and not lines[0]:
        lines.pop(0)
    if lines and name and fold(lines[0]) == fold(name):
        lines.pop(0)
    return "\n".join(lines).strip()


def _met_on(contact: Contact) -> dt.date | None:
    if contact.met_on is not None:
        return contact.met_on
    met = [i.date for i in contact.interactions if i.kind is InteractionKind.MET]
    return min(met) if met else None


def placeholder_values(contact: Contact, config: Config, today: dt.date) -> dict[str, str]:
    """What each placeholder says for this contact ("" when unknown)."""
    met_on = _met_on(contact)
    last = contact.last_interaction()
    return {
        "first_name": contact.first_name,
        "name": contact.name,
        "company": contact.company,
        "role": contact.role,
        "met_at": _phrase(contact.met_at),
        "met_when": when_words(met_on, today) if met_on else "",
        "common_ground": _joined(contact.common_ground),
        "they_can_help": _phrase(contact.they_can_help),
        "i_can_offer": _phrase(contact.i_can_offer),
        "last_when": when_words(last.date, today) if last else "",
        "my_name": clean_line(config.user.name),
        "signature": _signature(config.user.signature, config.user.name),
        "your_words": "",
    }


@dataclass(frozen=True)
class Rendered:
    """A template rendered for one contact: what goes in the editor."""

    template_id: str
    kind: MessageKind
    tone: Tone
    channel: Channel
    subject: str  # "" for a short message
    body: str
    markers: tuple[Marker, ...]  # in the body
    subject_markers: tuple[Marker, ...] = ()

    @property
    def all_markers(self) -> tuple[Marker, ...]:
        return self.subject_markers + self.markers

    def text(self) -> str:
        """The message as one text: ``Subject: ...``, a blank line and the body for e-mail."""
        return message_text(self.subject, self.body, self.channel)


def message_text(subject: str, body: str, channel: Channel | str) -> str:
    """A message as printed or copied: the subject line first for e-mail."""
    if is_short(channel) or not subject:
        return body
    return f"Subject: {subject}\n\n{body}"


def render_values(template: Template, values: dict[str, str], channel: Channel | str = Channel.EMAIL) -> Rendered:
    """Render with ready values (see :func:`placeholder_values`)."""
    channel = Channel(channel)
    short = is_short(channel)
    out: list[str] = []
    body_key = "short" if short and template.short else "body"
    _render_parts(template._parts[body_key], values, out)
    body = _tidy("".join(out))
    subject = ""
    if not short:
        out = []
        _render_parts(template._parts["subject"], values, out)
        subject = _SPACE_BEFORE_PUNCTUATION.sub("", clean_line("".join(out)))
    return Rendered(
        template_id=template.id,
        kind=template.kind,
        tone=template.tone,
        channel=channel,
        subject=subject,
        body=body,
        markers=find_markers(body),
        subject_markers=find_markers(subject),
    )


def render(
    template: Template, contact: Contact, config: Config, today: dt.date, channel: Channel | str = Channel.EMAIL
) -> Rendered:
    """The template written out for this contact, on this channel. Missing values become markers."""
    return render_values(template, placeholder_values(contact, config, today), channel)


# -- suggestions -------------------------------------------------------------------------------


def suggested_kind(contact: Contact, today: dt.date, rules: TimingRules = DEFAULT_RULES) -> MessageKind:
    """The kind of message to start with: the timing engine's, else a sensible guess."""
    result = follow_up(contact, today, rules)
    if result is not None:
        return result.kind
    if contact.contacted():
        return MessageKind.KEEP_IN_TOUCH  # archived, or nothing due: a friendly hello
    if not contact.met_at and contact.met_on is None and contact.they_can_help:
        return MessageKind.INFO_INTERVIEW  # someone you have not met, who could teach you something
    return MessageKind.FOLLOW_UP


def suggested_channel(contact: Contact) -> Channel:
    """E-mail when there is an address, else LinkedIn, else a text; e-mail when nothing is known."""
    if contact.emails:
        return Channel.EMAIL
    if contact.linkedin:
        return Channel.LINKEDIN
    if contact.phone:
        return Channel.TEXT
    return Channel.EMAIL
