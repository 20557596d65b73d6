"""Colour themes: the bundled ones in ``themes/``, the user's own, and which one to use.

A theme is a TOML file mirroring Textual's ``Theme`` (see :class:`ThemeSpec`). Bundled
themes ship inside the wheel as ``netcoach/_themes`` (an editable install reads the
repository's top-level ``themes/`` folder); the user's own live in
``<config>/netcoach/themes/*.toml`` and replace a bundled theme of the same name.

This module never imports Textual at import time: colours are checked with Textual's own
parser, imported only when a theme file is validated, so ``netcoach due`` stays fast.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import platformdirs
import tomlkit
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from netcoach.model.contact import Line
from netcoach.model.problem import FileProblem, Problem
from netcoach.storage.tomlfile import read_model, read_text_file

if TYPE_CHECKING:
    from netcoach.storage.store import Store

DEFAULT_THEME = "netcoach-dark"
"""The theme for a terminal with 256 colours or more, when the user has not chosen one."""
ANSI_THEME = "netcoach-ansi"
"""The theme built only from the terminal's own 16 colours (``NO_COLOR``, ``TERM=xterm``)."""
THEME_ENV = "NETCOACH_THEME"
"""An environment variable naming the theme; wins over ``config.toml``."""
TEXTUAL_FALLBACK = "textual-dark"
"""Always registered by Textual: used only if not even the bundled themes could be found."""

APP_VARIABLES: Mapping[str, str] = {}
"""CSS variables the netcoach app defines itself (name to default), so themes may set them too.

Textual's own variables (``border``, ``footer-key-foreground``, ...) are always allowed; a
name in neither is reported as unknown, like any other misspelt key.
"""

_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
_VARIABLE_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
_PERCENT = re.compile(r"^(?P<value>.*?)\s+(?P<percent>\d{1,3}(?:\.\d+)?)%$")
_COLOUR_HINT = "use #rrggbb, rgb(r,g,b), hsl(h,s%,l%), a name such as teal, or ansi_blue"


# -- checking values ------------------------------------------------------------------------


def check_colour(value: str) -> str:
    """``value`` if Textual's colour parser accepts it, else a :class:`ValueError` saying why."""
    from textual.color import Color, ColorParseError

    try:
        Color.parse(value)
    except ColorParseError as error:
        suggestion = error.suggested_color if value.isalnum() or "_" in value else None
        hint = f"; did you mean {suggestion!r}?" if suggestion else ""
        raise ValueError(f"{value!r} is not a colour{hint} ({_COLOUR_HINT})") from None
    return value


def _theme_name(value: str) -> str:
    if not _NAME.match(value):
        raise ValueError(
            f"{value!r} cannot be a theme name: use lower-case letters, digits and dashes, such as 'my-theme'"
        )
    return value


Colour = Annotated[str, AfterValidator(check_colour)]
ThemeName = Annotated[str, AfterValidator(_theme_name)]
VariableKind = Literal["colour", "plain-colour", "auto-colour", "initial-colour", "style"]
_SHADE = re.compile(
    r"^(primary|secondary|primary-background|secondary-background|background|foreground|panel|boost|surface"
    r"|warning|error|success|accent)(-(lighten|darken)-\d)?$"
)


@functools.cache
def theme_variables() -> dict[str, VariableKind]:
    """Every variable a theme may set, and what kind of value it takes.

    Read from Textual itself (the variables its colour system generates, in both its
    truecolour and ANSI modes), plus :data:`APP_VARIABLES`. The kind is taken from each
    variable's default value, so ``"auto 87%"`` is only accepted where Textual uses it. The
    base colours and their shades (``primary-darken-1``) are read back by Textual's colour
    parser, so they take a plain colour, without a ``40%`` after it.
    """
    from textual.css.constants import VALID_STYLE_FLAGS
    from textual.design import ColorSystem

    defaults: dict[str, str] = {}
    for ansi in (True, False):
        defaults.update(ColorSystem(primary="ansi_blue" if ansi else "#336699", ansi=ansi).generate())
    defaults.update(APP_VARIABLES)
    kinds: dict[str, VariableKind] = {}
    for name, default in defaults.items():
        words = default.split()
        if words and all(word in VALID_STYLE_FLAGS for word in words):
            kinds[name] = "style"
        elif default.startswith("auto"):
            kinds[name] = "auto-colour"
        elif default == "initial":
            kinds[name] = "initial-colour"
        elif _SHADE.match(name):
            kinds[name] = "plain-colour"
        else:
            kinds[name] = "colour"
    return kinds


def check_variable(name: str, value: str) -> str:
    """``value`` if it suits the variable ``name``; else a :class:`ValueError` saying what would."""
    from textual.css.constants import VALID_STYLE_FLAGS

    kind = theme_variables().get(name)
    if kind is None:
        close = difflib.get_close_matches(name, list(theme_variables()), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise ValueError(f"{name!r} is not a theme variable{hint}")
    value = value.strip()
    if kind == "style":
        words = value.split()
        if not words or any(word not in VALID_STYLE_FLAGS for word in words):
            flags = ", ".join(sorted(VALID_STYLE_FLAGS - {"b", "i", "o", "u", "uu"}))
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


# -- the model ----------------------------------------------------------------------------


class ThemeSpec(BaseModel):
    """One theme file. Mirrors Textual's ``Theme``; every colour is checked with Textual's parser."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    name: ThemeName = Field(description="How the theme is chosen: lower-case letters, digits and dashes.")
    description: Line = Field("", description="One short line shown by `netcoach themes`.")
    primary: Colour = Field(description="The main colour: the cursor, focused borders, highlights.")
    secondary: Colour | None = Field(None, description="A second colour for less important highlights.")
    accent: Colour | None = Field(None, description="Draws the eye: links, the keys in the footer.")
    foreground: Colour | None = Field(None, description="The text.")
    background: Colour | None = Field(None, description="The screen behind everything.")
    surface: Colour | None = Field(None, description="Behind widgets such as lists and inputs.")
    panel: Colour | None = Field(None, description="Behind panels and headers, set apart from the surface.")
    boost: Colour | None = Field(None, description="A translucent layer used to lift things a little.")
    warning: Colour | None = Field(None, description="Due today, gentle cautions.")
    error: Colour | None = Field(None, description="Overdue, problems.")
    success: Colour | None = Field(None, description="Done, sent, all well.")
    dark: bool = Field(True, description="true for a dark background, false for a light one.")
    ansi: bool = Field(
        False, description="true to send ansi_* colours to the terminal as they are (for 16-colour themes)."
    )
    luminosity_spread: float = Field(0.15, ge=0.0, le=1.0, description="How far shades spread from each colour.")
    text_alpha: float = Field(0.95, ge=0.0, le=1.0, description="How solid the text is against its background.")
    variables: dict[str, str] = Field(
        default_factory=dict,
        description='Fine-tuning of Textual\'s CSS variables, e.g. "footer-key-foreground" = "#88c0d0".',
    )

    @field_validator("variables")
    @classmethod
    def _check_variables(cls, variables: dict[str, str]) -> dict[str, str]:
        # One error per bad variable, located at its own key (so the user sees its line).
        errors: list[InitErrorDetails] = []
        for name, value in variables.items():
            try:
                if not _VARIABLE_NAME.match(name):
                    raise ValueError(f"{name!r} is not a theme variable (lower-case words joined by dashes)")
                check_variable(name, value)
            except ValueError as error:
                reason = PydanticCustomError("theme_variable", "{reason}", {"reason": str(error)})
                errors.append(InitErrorDetails(type=reason, loc=(name,), input=value))
        if errors:
            raise ValidationError.from_exception_data("variables", errors)
        return {name: value.strip() for name, value in variables.items()}


# -- finding and loading ------------------------------------------------------------------


def bundled_themes_dir() -> Path | None:
    """The folder of bundled themes: ``netcoach/_themes`` in a wheel, else the repository's ``themes/``."""
    import netcoach

    package = Path(netcoach.__file__).resolve().parent
    for folder in (package / "_themes", package.parent / "themes"):
        if folder.is_dir():
            return folder
    return None


def user_themes_dir() -> Path:
    """Where the user's own themes live: ``<platform config folder>/netcoach/themes``."""
    return platformdirs.user_config_path("netcoach") / "themes"


@dataclass(frozen=True)
class LoadedTheme:
    """A theme that loaded, where it came from, and the bundled file it replaces (if any)."""

    spec: ThemeSpec
    path: Path
    source: Literal["bundled", "user"]
    replaces: Path | None = None

    @property
    def name(self) -> str:
        return self.spec.name


def load_theme_file(path: Path) -> ThemeSpec:
    """Read and validate one theme file; any problem raises :class:`FileProblem`."""
    text = read_text_file(path)
    return read_model(path, text, ThemeSpec)


def _theme_files(folder: Path | None) -> list[Path]:
    if folder is None:
        return []
    try:
        return sorted(p for p in folder.iterdir() if p.suffix == ".toml" and not p.name.startswith("."))
    except (FileNotFoundError, NotADirectoryError):
        return []


def load_themes(
    bundled_dir: Path | None = None, user_dir: Path | None = None
) -> tuple[dict[str, LoadedTheme], list[Problem]]:
    """Every theme that loads, by name (bundled first, then the user's), and a problem per bad file.

    ``bundled_dir`` and ``user_dir`` default to :func:`bundled_themes_dir` and
    :func:`user_themes_dir`. A user theme with a bundled theme's name replaces it. Two user
    files with the same name: the first (by file name) is used and the second reported.
    """
    if bundled_dir is None:
        bundled_dir = bundled_themes_dir()
    if user_dir is None:
        user_dir = user_themes_dir()
    themes: dict[str, LoadedTheme] = {}
    problems: list[Problem] = []
    user_names: dict[str, Path] = {}
    for source, folder in (("bundled", bundled_dir), ("user", user_dir)):
        for path in _theme_files(folder):
            try:
                spec = load_theme_file(path)
            except FileProblem as problem:
                problems.append(problem.problem)
                continue
            if source == "user":
                if spec.name in user_names:
                    problems.append(
                        Problem(path, 1, 1, f"{user_names[spec.name].name} already defines the theme {spec.name!r}")
                    )
                    continue
                user_names[spec.name] = path
            earlier = themes.get(spec.name)
            replaces = earlier.path if earlier is not None and earlier.source == "bundled" else None
            themes[spec.name] = LoadedTheme(spec, path, source, replaces)  # type: ignore[arg-type]
    return themes, problems


# -- choosing -----------------------------------------------------------------------------


class UnknownTheme(ValueError):
    """A theme name that is not among the themes there are; the message lists them."""


def resolve_theme_name(name: str, themes: Iterable[str]) -> str:
    """The theme ``name`` names (exactly, else ignoring case); :class:`UnknownTheme` listing the rest."""
    names = list(themes)
    wanted = name.strip()
    if wanted in names:
        return wanted
    folded = [n for n in names if n.casefold() == wanted.casefold()]
    if len(folded) == 1:
        return folded[0]
    close = difflib.get_close_matches(wanted.casefold(), names, n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    listing = ", ".join(sorted(names)) if names else "none could be loaded"
    raise UnknownTheme(f"there is no theme called {wanted!r}.{hint} The themes are: {listing}")


def terminal_colors(env: Mapping[str, str]) -> int | None:
    """How many colours the terminal described by ``env`` shows, as Textual (through Rich) decides it.

    ``COLORTERM=truecolor`` or ``24bit``: 16,777,216; ``TERM=...-256color``: 256; any other
    ``TERM`` (``xterm``, ``linux``, ``screen``): 16. ``TEXTUAL_COLOR_SYSTEM`` overrides, as
    it does in Textual. No ``TERM`` at all: ``None`` (unknown).
    """
    forced = env.get("TEXTUAL_COLOR_SYSTEM", "").strip().lower()
    if forced and forced != "auto":
        return colors_for_system(forced)
    if env.get("COLORTERM", "").strip().lower() in ("truecolor", "24bit"):
        return 16_777_216
    term = env.get("TERM", "").strip().lower()
    if not term:
        return None
    suffix = term.rpartition("-")[2]
    if suffix in ("256color", "kitty") or term == "xterm-kitty":
        return 256
    return 16


def colors_for_system(color_system: str | None) -> int | None:
    """Colours for a Rich/Textual colour system name (``app.console.color_system``)."""
    return {"standard": 16, "windows": 16, "256": 256, "truecolor": 16_777_216}.get((color_system or "").lower())


def no_color(env: Mapping[str, str]) -> bool:
    """``NO_COLOR`` set to anything but an empty string (https://no-color.org)."""
    return env.get("NO_COLOR", "") != ""


def explain_theme_choice(
    env: Mapping[str, str],
    colors_count: int | None,
    config_theme: str | None,
    *,
    available: Iterable[str] | None = None,
) -> tuple[str, str]:
    """The theme to start with, and why, in a few words for ``netcoach themes``.

    The user's choice wins: ``NETCOACH_THEME``, then ``theme`` in ``config.toml``. Otherwise
    ``NO_COLOR`` or a terminal of 16 colours or fewer gets :data:`ANSI_THEME`, and every
    other terminal :data:`DEFAULT_THEME`. With ``available``, a choice that is not there
    is passed over (matched ignoring case), and so is a bundled theme that is missing.
    """
    names = None if available is None else list(available)

    def have(name: str) -> str | None:
        if names is None:
            return name
        try:
            return resolve_theme_name(name, names)
        except UnknownTheme:
            return None

    for chosen, why in ((env.get(THEME_ENV, ""), f"set by {THEME_ENV}"), (config_theme or "", "chosen in config.toml")):
        if chosen.strip() and (found := have(chosen)):
            return found, why
    if no_color(env):
        automatic, why = ANSI_THEME, "NO_COLOR is set"
    elif colors_count is not None and colors_count <= 16:
        automatic, why = ANSI_THEME, "this terminal shows 16 colours"
    else:
        automatic, why = DEFAULT_THEME, "the default"
    found = have(automatic) or have(DEFAULT_THEME)
    return (found, why) if found else (TEXTUAL_FALLBACK, "no netcoach theme could be loaded")


def pick_default_theme(
    env: Mapping[str, str],
    colors_count: int | None,
    config_theme: str | None,
    *,
    available: Iterable[str] | None = None,
) -> str:
    """The theme to start with when ``--theme`` was not given (see :func:`explain_theme_choice`)."""
    return explain_theme_choice(env, colors_count, config_theme, available=available)[0]


def save_theme_choice(store: Store, name: str) -> Path:
    """Write ``theme = "name"`` into ``<data>/config.toml``, keeping the user's comments and order.

    The file is read and written under the data folder's lock, atomically. A config file
    that does not load (bad TOML, an unknown key) raises :class:`FileProblem` and is left as
    it is. Returns the config file's path.
    """
    from netcoach.storage.config import Config

    name = _theme_name(name)
    with store.folder.locked():
        path = store.folder.config_path
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            text = ""
        except (OSError, UnicodeDecodeError) as error:
            raise FileProblem(Problem(path, 1, 1, f"cannot read: {error}")) from None
        current = read_model(path, text, Config)
        if current.theme == name:
            return path
        document = tomlkit.parse(text)
        document["theme"] = name
        new_text = tomlkit.dumps(document)
        read_model(path, new_text, Config)  # never write a file we could not read back
        return store.folder.save_file("config.toml", new_text, note=f"Chose the theme {name}")
