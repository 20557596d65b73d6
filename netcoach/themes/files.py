"""Theme files: the bundled ones, the user's own, and saving the user's choice.

A theme is a TOML file mirroring Textual's ``Theme`` (see :class:`ThemeSpec`). The bundled
themes are in ``netcoach/data/themes/`` (the repository's top-level ``themes`` is a link to
it); the user's own live in ``<config>/netcoach/themes/*.toml`` and replace a bundled theme
of the same name. Colours and variables are checked without Textual
(:mod:`netcoach.themes.colours`, :mod:`netcoach.themes.variables`), so ``netcoach themes``
and ``netcoach check`` stay on the command line's light path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import platformdirs
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from netcoach.model.fields import SHORT_ID, OneLine, matching
from netcoach.model.problem import FileProblem, Problem
from netcoach.storage.tomlfile import read_model, read_user_file
from netcoach.themes.colours import check_colour
from netcoach.themes.variables import check_variable

if TYPE_CHECKING:
    from netcoach.storage.store import Store

_VARIABLE_NAME = re.compile(r"^[a-z][a-z0-9-]*$")

theme_name = matching(
    SHORT_ID, "{value!r} cannot be a theme name: use lower-case letters, digits and dashes, such as 'my-theme'"
)
"""``value`` if it can be a theme's name, else a :class:`ValueError` saying what can."""

Colour = Annotated[str, AfterValidator(check_colour)]
ThemeName = Annotated[str, AfterValidator(theme_name)]


# -- the model ----------------------------------------------------------------------------


class ThemeSpec(BaseModel):
    """One theme file. Mirrors Textual's ``Theme``; every colour is checked with Textual's colour grammar."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    name: ThemeName = Field(description="How the theme is chosen: lower-case letters, digits and dashes.")
    description: OneLine = Field("", description="One short line shown by `netcoach themes`.")
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


def bundled_themes_dir() -> Path:
    """The folder of bundled themes: ``netcoach/data/themes`` in the installed package."""
    return Path(str(resources.files("netcoach").joinpath("data", "themes")))


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
    return read_user_file(path, ThemeSpec).model


def _theme_files(folder: Path) -> list[Path]:
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
    folders: tuple[tuple[Literal["bundled", "user"], Path], ...] = (("bundled", bundled_dir), ("user", user_dir))
    for source, folder in folders:
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
            themes[spec.name] = LoadedTheme(spec, path, source, replaces)
    return themes, problems


def save_theme_choice(store: Store, name: str) -> Path:
    """Write ``theme = "name"`` into ``<data>/config.toml``, keeping the user's comments and order.

    The file is read and written under the data folder's lock, atomically. A config file
    that does not load (bad TOML, an unknown key) raises :class:`FileProblem` and is left as
    it is. Returns the config file's path.
    """
    import tomlkit  # only when saving: not at every start

    from netcoach.storage.config import Config

    name = theme_name(name)
    with store.folder.locked():
        path = store.folder.config_path
        found = store.settings.read_file()  # a link or a special file there: FileProblem, left alone
        text = "" if found is None else found.text
        if found is not None and found.model.theme == name:
            return path
        document = tomlkit.parse(text)
        document["theme"] = name
        new_text = tomlkit.dumps(document)
        read_model(path, new_text, Config)  # never write a file we could not read back
        return store.folder.save_file("config.toml", new_text, note=f"Chose the theme {name}")
