"""The domain checks themes without Textual; these tests prove it agrees with Textual.

``netcoach.themes`` carries its own colour grammar, colour names, theme variables and text
style flags as data, so that ``netcoach themes`` and ``netcoach check`` never import Textual.
Here each is compared with what the installed Textual says, so an upgrade that changes any of
them fails a test instead of letting a theme through that would break the app's stylesheet.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from textual._color_constants import ANSI_COLORS, COLOR_NAME_TO_RGB
from textual.color import Color, ColorParseError
from textual.css.constants import VALID_STYLE_FLAGS
from textual.design import ColorSystem

from netcoach.themes.colours import ANSI_COLOURS, ANSI_DEFAULT, NAMED_COLOURS, is_colour, suggest_colour
from netcoach.themes.variables import APP_VARIABLES, BASE_COLOURS, STYLE_FLAGS, TEXTUAL_VARIABLES, theme_variables

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def textual_parses(text: str) -> tuple[bool, str | None]:
    """Whether Textual's parser takes ``text``, and the name it suggests when it does not.

    A few texts pass Textual's pattern and then fail in its parser with another error (such a
    colour would end the app): those count as refused, and the domain must refuse them too.
    """
    try:
        Color.parse(text)
    except ColorParseError as error:
        return False, error.suggested_color
    except (ValueError, OverflowError):
        return False, None
    return True, None


def domain_parses(text: str) -> tuple[bool, str | None]:
    return (True, None) if is_colour(text) else (False, suggest_colour(text))


CORPUS = [
    # hexadecimal: 3, 4, 6 and 8 digits, either case; every other length refused
    *("#fff", "#FfF", "#ffff", "#123456", "#AbCdEf", "#12345678", "#00000000"),
    *("#", "#f", "#ff", "#fffff", "#1234567", "#123456789", "#ggg", "#12345g", "fff", "##fff", " #fff", "#fff "),
    # rgb / rgba: decimals, signs, spaces, the wrong number of values
    *("rgb(1,2,3)", "rgb( 1 , 2 , 3 )", "rgb(255,255,255)", "rgb(300,-5,1.5)", "rgb(1.,2.,3.)", "rgba(1,2,3,0.5)"),
    *("rgba(1,2,3,1)", "rgb(1,2)", "rgb(1,2,3,4)", "rgba(1,2,3)", "rgb(1 2 3)", "rgb(.5,1,1)", "RGB(1,2,3)"),
    *("rgb(1,2,3", "rgb 1,2,3", "rgb(a,b,c)", "rgb(1%,2,3)", "rgb(+1,2,3)", "rgba(1,2,3,50%)", "rgb()"),
    # hsl / hsla: percentages for saturation and lightness only
    *("hsl(120,50%,50%)", "hsl(-30, 100% , 0%)", "hsla(120,50%,50%,0.3)", "hsl(120.5,50.5%,50%)"),
    *("hsl(120,50,50)", "hsl(120%,50%,50%)", "hsla(120,50%,50%)", "hsla(120,50%,50%,30%)", "HSL(1,1%,1%)"),
    # names: CSS, transparent, the terminal's own, and near misses
    *("teal", "rebeccapurple", "transparent", "ansi_red", "ansi_bright_black", ANSI_DEFAULT, "ansi_purple"),
    *("Teal", "TEAL", "blu", "gren", "ansi_redd", "ansi_", "ansi", "ansi_Default", "default", "auto", "initial"),
    *("red; color: blue", "red ", " red", "", " ", "none", "inherit", "currentcolor", "#fff\n", "red\n"),
    # things a theme's author might write by mistake
    *("#336699 40%", "auto 87%", "0x336699", "#-12345", "rgb(1,2,3)x", "hsl(1,2%,3%);"),
]


@pytest.mark.parametrize("text", CORPUS)
def test_the_colour_grammar_agrees_with_textual_on_the_corpus(text: str) -> None:
    assert domain_parses(text) == textual_parses(text)


def test_the_corpus_has_both_colours_and_non_colours() -> None:
    accepted = [text for text in CORPUS if textual_parses(text)[0]]
    assert 20 < len(accepted) < len(CORPUS) - 20


_PIECES = st.sampled_from(
    [
        *("#", "rgb", "rgba", "hsl", "hsla", "(", ")", ",", " ", "\x1f", "%", ".", "-", "\n", "ansi_", "a", "f"),
        *("F", "0", "9", "12", "255", "1.5", "50%", "g", "red", "blue", "teal", "bright_", "default", "transparent"),
        *("١", "9" * 20),  # longer runs of digits: Textual's own pattern backtracks for ages on a near miss
    ]
)


@SETTINGS
@given(st.lists(_PIECES, max_size=12).map("".join))
@example("rgb(١,2,3)")  # \d takes any decimal digit, in Textual too
@example("rgb(1,2,\x1f3)")  # \s takes U+001F; float() does not
@example("hsl(1\x1f,2%,3%)")
@example("hsl(1, 2%\x1f,3%)")  # but a percentage is stripped first
@example("rgb(" + "9" * 400 + ",0,0)")  # infinite red
@example("hsl(" + "9" * 400 + ",50%,50%)")
@example("rgba(1,2,3," + "9" * 400 + ")")
def test_the_colour_grammar_agrees_with_textual_on_made_up_text(text: str) -> None:
    assert domain_parses(text) == textual_parses(text)


@SETTINGS
@given(
    st.one_of(
        st.from_regex(r"\A#[0-9a-fA-F]{3,8}\Z"),
        st.from_regex(r"\Arg(b|ba)\(\s*-?\d+\.?\d*(\s*,\s*-?\d+\.?\d*%?){2,3}\s*\)\Z"),
        st.from_regex(r"\Ahsla?\(\s*-?\d+\.?\d*(\s*,\s*-?\d+\.?\d*%?){2,3}\s*\)\Z"),
        st.sampled_from(sorted(NAMED_COLOURS)).map(lambda name: name[:-1] if len(name) > 3 else name + "x"),
    )
)
def test_the_colour_grammar_agrees_with_textual_near_the_edges(text: str) -> None:
    assert domain_parses(text) == textual_parses(text)


def test_the_colour_names_are_textuals() -> None:
    assert set(COLOR_NAME_TO_RGB) == NAMED_COLOURS
    assert tuple(ANSI_COLORS) == ANSI_COLOURS
    assert textual_parses(ANSI_DEFAULT) == (True, None)


def _generated() -> dict[str, str]:
    """Every variable Textual's colour system generates, with its default (truecolour wins over ANSI)."""
    defaults: dict[str, str] = {}
    for ansi in (True, False):
        defaults.update(ColorSystem(primary="ansi_blue" if ansi else "#336699", ansi=ansi).generate())
    return defaults


def test_the_theme_variables_are_what_textual_generates_plus_the_apps_own() -> None:
    assert set(TEXTUAL_VARIABLES) == set(_generated())
    assert set(theme_variables()) == set(_generated()) | set(APP_VARIABLES)


# The base colours and their shades, which Textual's colour parser reads back (so no "40%" after them).
_SHADE = re.compile(
    r"^(primary|secondary|primary-background|secondary-background|background|foreground|panel|boost|surface"
    r"|warning|error|success|accent)(-(lighten|darken)-\d)?$"
)


def test_each_variable_takes_the_kind_of_value_textual_gives_it() -> None:
    """The kind follows Textual's default: styles, ``auto``, ``initial``; plain colours for the base colours' shades."""
    for name, default in _generated().items():
        words = default.split()
        if words and all(word in VALID_STYLE_FLAGS for word in words):
            expected = "style"
        elif default.startswith("auto"):
            expected = "auto-colour"
        elif default == "initial":
            expected = "initial-colour"
        elif _SHADE.match(name):
            expected = "plain-colour"
        else:
            expected = "colour"
        assert TEXTUAL_VARIABLES[name] == expected, name


def test_the_base_colours_are_textuals() -> None:
    generated = _generated()
    for base in BASE_COLOURS:
        assert base in generated
        assert f"{base}-darken-3" in generated and f"{base}-lighten-3" in generated


def test_the_style_flags_are_textuals() -> None:
    assert STYLE_FLAGS == VALID_STYLE_FLAGS
