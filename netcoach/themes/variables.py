"""The CSS variables a theme may set, and the kind of value each takes: data, checked without Textual.

Textual's colour system generates these variables from a theme's colours (in its truecolour and
ANSI modes); a theme's ``[variables]`` table may set any of them, and :data:`APP_VARIABLES`.
The kind of value each takes follows Textual's own default for it: a text style for
``link-style``, ``auto 87%`` only where Textual uses ``auto``, and a plain colour (no ``40%``
after it) for the base colours and their shades, which Textual's colour parser reads back.
The app's tests (``tests/app/test_themes_agree_with_textual.py``) check these lists against Textual's.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from typing import Literal

from netcoach.themes.colours import check_colour

VariableKind = Literal["colour", "plain-colour", "auto-colour", "initial-colour", "style"]
"""What a variable takes: a colour (``#336699 40%`` allowed), a plain colour, a colour or ``auto 80%``,
a colour or ``initial``, or a text style (``bold underline``)."""

STYLE_FLAGS: frozenset[str] = frozenset(
    {
        "b",
        "blink",
        "bold",
        "dim",
        "i",
        "italic",
        "none",
        "not",
        "o",
        "overline",
        "reverse",
        "strike",
        "u",
        "underline",
        "uu",
    }
)
"""The words of a text style, as Textual's CSS takes them."""

BASE_COLOURS: tuple[str, ...] = (
    "primary",
    "secondary",
    "primary-background",
    "secondary-background",
    "background",
    "foreground",
    "panel",
    "boost",
    "surface",
    "warning",
    "error",
    "success",
    "accent",
)
"""The colours Textual derives shades from (``primary-darken-1`` ... ``primary-lighten-3``)."""

_SHADES = ("", *(f"-{way}-{step}" for way in ("lighten", "darken") for step in (1, 2, 3)))

_BY_KIND: dict[VariableKind, tuple[str, ...]] = {
    "plain-colour": tuple(base + shade for base in BASE_COLOURS for shade in _SHADES),
    "auto-colour": (
        "block-cursor-foreground",
        "button-color-foreground",
        "link-color",
        "link-color-hover",
        "text",
        "text-disabled",
        "text-muted",
    ),
    "initial-colour": ("link-background",),
    "style": (
        "block-cursor-blurred-text-style",
        "block-cursor-text-style",
        "button-focus-text-style",
        "input-cursor-text-style",
        "link-style",
        "link-style-hover",
        "markdown-h1-text-style",
        "markdown-h2-text-style",
        "markdown-h3-text-style",
        "markdown-h4-text-style",
        "markdown-h5-text-style",
        "markdown-h6-text-style",
    ),
    "colour": (
        "accent-muted",
        "ansi-background",
        "ansi-foreground",
        "background-muted",
        "block-cursor-background",
        "block-cursor-blurred-background",
        "block-cursor-blurred-foreground",
        "block-hover-background",
        "border",
        "border-blurred",
        "button-foreground",
        "error-muted",
        "footer-background",
        "footer-description-background",
        "footer-description-foreground",
        "footer-foreground",
        "footer-item-background",
        "footer-key-background",
        "footer-key-foreground",
        "foreground-disabled",
        "foreground-muted",
        "input-cursor-background",
        "input-cursor-foreground",
        "input-selection-background",
        "input-selection-foreground",
        "link-background-hover",
        "markdown-h1-background",
        "markdown-h1-color",
        "markdown-h2-background",
        "markdown-h2-color",
        "markdown-h3-background",
        "markdown-h3-color",
        "markdown-h4-background",
        "markdown-h4-color",
        "markdown-h5-background",
        "markdown-h5-color",
        "markdown-h6-background",
        "markdown-h6-color",
        "primary-muted",
        "screen-selection-background",
        "screen-selection-foreground",
        "scrollbar",
        "scrollbar-active",
        "scrollbar-background",
        "scrollbar-background-active",
        "scrollbar-background-hover",
        "scrollbar-corner-color",
        "scrollbar-hover",
        "secondary-muted",
        "success-muted",
        "surface-active",
        "surface-actrive",  # sic: Textual's own spelling, which it generates too
        "text-accent",
        "text-error",
        "text-primary",
        "text-secondary",
        "text-success",
        "text-warning",
        "warning-muted",
    ),
}

TEXTUAL_VARIABLES: Mapping[str, VariableKind] = {name: kind for kind, names in _BY_KIND.items() for name in names}
"""Every variable Textual's colour system generates, and the kind of value it takes."""

APP_VARIABLES: Mapping[str, VariableKind] = {}
"""CSS variables the netcoach app defines itself, so themes may set them too, and the kind of value each takes.

Textual's own variables (``border``, ``footer-key-foreground``, ...) are always allowed; a
name in neither is reported as unknown, like any other misspelt key.
"""

_PERCENT = re.compile(r"^(?P<value>.*?)\s+(?P<percent>\d{1,3}(?:\.\d+)?)%$")


def theme_variables() -> dict[str, VariableKind]:
    """Every variable a theme may set (Textual's and the app's), and what kind of value it takes."""
    return {**TEXTUAL_VARIABLES, **APP_VARIABLES}


def check_variable(name: str, value: str) -> str:
    """``value`` if it suits the variable ``name``; else a :class:`ValueError` saying what would."""
    variables = theme_variables()
    kind = variables.get(name)
    if kind is None:
        close = difflib.get_close_matches(name, list(variables), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise ValueError(f"{name!r} is not a theme variable{hint}")
    value = value.strip()
    if kind == "style":
        words = value.split()
        if not words or any(word not in STYLE_FLAGS for word in words):
            flags = ", ".join(sorted(STYLE_FLAGS - {"b", "i", "o", "u", "uu"}))
            raise ValueError(f"{value!r} is not a text style for {name}; use one or more of: {flags}")
        return value
    if kind == "initial-colour" and value == "initial":
        return value
    match = _PERCENT.match(value) if kind != "plain-colour" else None
    colour = match.group("value") if match else value
    if match and float(match.group("percent")) > 100:
        raise ValueError(f"{value!r}: a percentage goes from 0% to 100%")
    if kind == "auto-colour" and colour == "auto":
        return value
    try:
        check_colour(colour)
    except ValueError as error:
        extra = ', or "auto 87%"' if kind == "auto-colour" else ""
        raise ValueError(f"{error}{extra}") from None
    return value
