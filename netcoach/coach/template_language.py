"""The template language: text with placeholders and optional parts, parsed once and filled in.

Placeholders are written ``{first_name}`` (see :mod:`netcoach.coach.placeholders`). Text
between ``((`` and ``))`` is optional: it is kept only when every placeholder directly inside
it has a value, so sentences around missing values still read well. Optional parts may nest:
``((at {met_at}(( {met_when}))))`` keeps "at the meetup" when only the place is known;
:data:`MAX_NESTING` deep at most (deeper is a mistake in the template, never a crash).

:func:`compile_text` parses a text into :data:`Part` s (or raises
:class:`TemplateSyntaxError` saying where), :func:`fill` writes them out with values, and
:func:`tidy` / :func:`tidy_line` smooth the spacing that dropped optional parts leave.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from netcoach.coach.placeholders import PLACEHOLDERS
from netcoach.model.text import clean_line


@dataclass(frozen=True, slots=True)
class Placeholder:
    """A placeholder, by name."""

    name: str


@dataclass(frozen=True, slots=True)
class OptionalText:
    """Text kept only when every placeholder directly inside it has a value."""

    parts: tuple[Part, ...]
    names: frozenset[str]  # its own placeholders (not those of optional parts inside it)


Part = str | Placeholder | OptionalText
"""A piece of parsed template text: plain text, a placeholder, or an optional part."""

_TOKEN = re.compile(r"\(\(|\)\)|\{([^{}\n]*)\}|[{}]")

MAX_NESTING = 8
"""How deep optional parts may nest: ``((a((b))))`` is 2."""


class TemplateSyntaxError(ValueError):
    """A mistake in a template's text; ``offset`` and ``snippet`` say where."""

    def __init__(self, message: str, offset: int, snippet: str) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.snippet = snippet
        self.key = ""  # which text (subject, body, short), once known


def placeholder_names(parts: Iterable[Part]) -> Iterator[str]:
    """Every placeholder in ``parts``, optional parts included."""
    for part in parts:
        if isinstance(part, Placeholder):
            yield part.name
        elif isinstance(part, OptionalText):
            yield from placeholder_names(part.parts)


def compile_text(text: str) -> tuple[Part, ...]:
    """Parse template text into parts; raises :class:`TemplateSyntaxError` with the offending spot."""
    stack: list[list[Part]] = [[]]
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
            stack[-1].append(OptionalText(parts, frozenset(p.name for p in parts if isinstance(p, Placeholder))))
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
            stack[-1].append(Placeholder(name))
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


def fill(parts: Sequence[Part], values: Mapping[str, str]) -> str:
    """The parts written out: each placeholder's value, or its marker when the value is missing."""
    out: list[str] = []
    _fill(parts, values, out)
    return "".join(out)


def _fill(parts: Sequence[Part], values: Mapping[str, str], out: list[str]) -> None:
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        elif isinstance(part, Placeholder):
            out.append(values.get(part.name) or PLACEHOLDERS[part.name])
        elif all(values.get(name) for name in part.names):
            _fill(part.parts, values, out)


_RUNS_OF_SPACES = re.compile(r"(?<=\S)[ \t]{2,}")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"[ \t]+(?=[.,;:!?)])")
_EDGE_SPACES = re.compile(r"^[ \t]+|[ \t]+$", re.MULTILINE)
_DOUBLED = re.compile(r"(?<![.,])([.,])\1(?![.,])")
_BLANK_LINES = re.compile(r"\n{3,}")


def tidy(text: str) -> str:
    """Spacing left by dropped optional parts: no double spaces, no space before a full stop, no gaps."""
    text = _RUNS_OF_SPACES.sub(" ", text)
    text = _SPACE_BEFORE_PUNCTUATION.sub("", text)
    text = _EDGE_SPACES.sub("", text)
    text = _DOUBLED.sub(r"\1", text)
    return _BLANK_LINES.sub("\n\n", text).strip()


def tidy_line(text: str) -> str:
    """One line (a subject) made tidy: one space between words, none before punctuation."""
    return _SPACE_BEFORE_PUNCTUATION.sub("", clean_line(text))
