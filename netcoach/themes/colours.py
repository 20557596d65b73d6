"""The colours a theme may use, checked without Textual: the same grammar as ``textual.color.Color.parse``.

``netcoach themes`` and ``netcoach check`` read theme files on the command line, which never
loads Textual, so the grammar is written out here: ``#rgb``, ``#rgba``, ``#rrggbb``,
``#rrggbbaa``, ``rgb(r,g,b)``, ``rgba(r,g,b,a)``, ``hsl(h,s%,l%)``, ``hsla(h,s%,l%,a)``, a CSS
colour name such as ``teal``, ``transparent``, an ``ansi_*`` name or ``ansi_default``. The app's
tests (``tests/app/test_themes_agree_with_textual.py``) check that it accepts and refuses exactly what
Textual does, and that the names are Textual's.
"""

from __future__ import annotations

import difflib
import re

ANSI_COLOURS: tuple[str, ...] = (
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "white",
    "bright_black",
    "bright_red",
    "bright_green",
    "bright_yellow",
    "bright_blue",
    "bright_magenta",
    "bright_cyan",
    "bright_white",
)
"""The terminal's 16 colours, written ``ansi_red`` in a theme."""

ANSI_DEFAULT = "ansi_default"
"""The terminal's own default colour (its text, or its background)."""

CSS_COLOURS: tuple[str, ...] = (
    "transparent",
    "black",
    "silver",
    "gray",
    "white",
    "maroon",
    "red",
    "purple",
    "fuchsia",
    "green",
    "lime",
    "olive",
    "yellow",
    "navy",
    "blue",
    "teal",
    "aqua",
    "orange",
    "aliceblue",
    "antiquewhite",
    "aquamarine",
    "azure",
    "beige",
    "bisque",
    "blanchedalmond",
    "blueviolet",
    "brown",
    "burlywood",
    "cadetblue",
    "chartreuse",
    "chocolate",
    "coral",
    "cornflowerblue",
    "cornsilk",
    "crimson",
    "cyan",
    "darkblue",
    "darkcyan",
    "darkgoldenrod",
    "darkgray",
    "darkgreen",
    "darkgrey",
    "darkkhaki",
    "darkmagenta",
    "darkolivegreen",
    "darkorange",
    "darkorchid",
    "darkred",
    "darksalmon",
    "darkseagreen",
    "darkslateblue",
    "darkslategray",
    "darkslategrey",
    "darkturquoise",
    "darkviolet",
    "deeppink",
    "deepskyblue",
    "dimgray",
    "dimgrey",
    "dodgerblue",
    "firebrick",
    "floralwhite",
    "forestgreen",
    "gainsboro",
    "ghostwhite",
    "gold",
    "goldenrod",
    "greenyellow",
    "grey",
    "honeydew",
    "hotpink",
    "indianred",
    "indigo",
    "ivory",
    "khaki",
    "lavender",
    "lavenderblush",
    "lawngreen",
    "lemonchiffon",
    "lightblue",
    "lightcoral",
    "lightcyan",
    "lightgoldenrodyellow",
    "lightgray",
    "lightgreen",
    "lightgrey",
    "lightpink",
    "lightsalmon",
    "lightseagreen",
    "lightskyblue",
    "lightslategray",
    "lightslategrey",
    "lightsteelblue",
    "lightyellow",
    "limegreen",
    "linen",
    "magenta",
    "mediumaquamarine",
    "mediumblue",
    "mediumorchid",
    "mediumpurple",
    "mediumseagreen",
    "mediumslateblue",
    "mediumspringgreen",
    "mediumturquoise",
    "mediumvioletred",
    "midnightblue",
    "mintcream",
    "mistyrose",
    "moccasin",
    "navajowhite",
    "oldlace",
    "olivedrab",
    "orangered",
    "orchid",
    "palegoldenrod",
    "palegreen",
    "paleturquoise",
    "palevioletred",
    "papayawhip",
    "peachpuff",
    "peru",
    "pink",
    "plum",
    "powderblue",
    "rosybrown",
    "royalblue",
    "saddlebrown",
    "salmon",
    "sandybrown",
    "seagreen",
    "seashell",
    "sienna",
    "skyblue",
    "slateblue",
    "slategray",
    "slategrey",
    "snow",
    "springgreen",
    "steelblue",
    "tan",
    "thistle",
    "tomato",
    "turquoise",
    "violet",
    "wheat",
    "whitesmoke",
    "yellowgreen",
    "rebeccapurple",
)
"""The CSS colour names (and ``transparent``), as Textual knows them."""

NAMED_COLOURS: frozenset[str] = frozenset(CSS_COLOURS) | {f"ansi_{name}" for name in ANSI_COLOURS}
"""Every colour name but :data:`ANSI_DEFAULT`: the names a misspelt one is matched against."""

# The numbers as Textual's CSS tokenizer reads them (textual.css.tokenize: -?\d+\.?\d*), written so that
# they match the same text without backtracking through every split of a long run of digits.
_DECIMAL = r"-?\d+(?:\.\d*)?"
_PERCENT = r"-?\d+(?:\.\d*)?%"
_COMMA = r"\s*,\s*"
_OPEN = r"\(\s*"
_CLOSE = r"\s*\)"

_COLOUR = re.compile(
    rf"""^
\#([0-9a-fA-F]{{3}})$|
\#([0-9a-fA-F]{{4}})$|
\#([0-9a-fA-F]{{6}})$|
\#([0-9a-fA-F]{{8}})$|
rgb{_OPEN}({_DECIMAL}{_COMMA}{_DECIMAL}{_COMMA}{_DECIMAL}){_CLOSE}$|
rgba{_OPEN}({_DECIMAL}{_COMMA}{_DECIMAL}{_COMMA}{_DECIMAL}{_COMMA}{_DECIMAL}){_CLOSE}$|
hsl{_OPEN}({_DECIMAL}{_COMMA}{_PERCENT}{_COMMA}{_PERCENT}){_CLOSE}$|
hsla{_OPEN}({_DECIMAL}{_COMMA}{_PERCENT}{_COMMA}{_PERCENT}{_COMMA}{_DECIMAL}){_CLOSE}$
""",
    re.VERBOSE,
)
"""The written forms, as Textual matches them (``$`` and ``\\d`` included)."""

COLOUR_FORMS = "use #rrggbb, rgb(r,g,b), hsl(h,s%,l%), a name such as teal, or ansi_blue"
"""The forms a colour may take, in a few words for a message."""


def is_colour(text: str) -> bool:
    """Is ``text`` a colour Textual can parse?"""
    if text == ANSI_DEFAULT or text in NAMED_COLOURS:
        return True
    match = _COLOUR.match(text)
    return match is not None and _numbers_read(match)


def _numbers_read(match: re.Match[str]) -> bool:
    """Can Textual read the numbers the pattern let through, as it reads them?

    A few texts pass the pattern but then fail in Textual's parser with an error of another
    kind (``\\s`` takes separators such as U+001F that ``float()`` does not, and a red, green
    or blue of hundreds of digits is infinite): such a colour would end the app, so it is refused.
    """
    rgb = match.group(5) or match.group(6)
    hsl = match.group(7) or match.group(8)
    try:
        if rgb is not None:
            red, green, blue, *alpha = rgb.split(",")
            for value in (red, green, blue):
                int(float(value))
            for value in alpha:
                float(value)
        elif hsl is not None:
            hue, saturation, lightness, *alpha = hsl.split(",")
            float(hue)
            for value in (saturation, lightness):
                float(value.strip()[:-1])
            for value in alpha:
                float(value)
    except (ValueError, OverflowError):
        return False
    return True


def suggest_colour(text: str) -> str | None:
    """The colour name closest to a misspelt one (as Textual suggests it), or ``None``."""
    if text.startswith(("#", "rgb", "hsl")):
        return None
    close = difflib.get_close_matches(text, list(NAMED_COLOURS), n=1)
    return close[0] if close else None


def check_colour(value: str) -> str:
    """``value`` if it is a colour (see :func:`is_colour`), else a :class:`ValueError` saying why."""
    if is_colour(value):
        return value
    suggestion = suggest_colour(value) if value.isalnum() or "_" in value else None
    hint = f"; did you mean {suggestion!r}?" if suggestion else ""
    raise ValueError(f"{value!r} is not a colour{hint} ({COLOUR_FORMS})")
