"""Colour themes: the bundled ones, the user's own, which one to use, and checking them without Textual.

- :mod:`netcoach.themes.files`: theme files (:class:`ThemeSpec`), loading the bundled and the
  user's themes, saving the user's choice in ``config.toml``;
- :mod:`netcoach.themes.choosing`: which theme to start with, for this terminal and this user;
- :mod:`netcoach.themes.colours` and :mod:`netcoach.themes.variables`: the colours and the CSS
  variables a theme may use, as Textual reads them (checked against Textual by the app's tests).

Nothing here imports Textual: ``netcoach themes`` and ``netcoach check`` read themes on the
command line. The app turns a :class:`ThemeSpec` into a Textual theme (``netcoach.tui.theming``).
"""

from netcoach.themes.choosing import (
    ANSI_THEME,
    DEFAULT_THEME,
    TEXTUAL_FALLBACK,
    THEME_ENV,
    UnknownTheme,
    colors_for_system,
    explain_theme_choice,
    no_color,
    pick_default_theme,
    resolve_theme_name,
    terminal_colors,
)
from netcoach.themes.colours import check_colour
from netcoach.themes.files import (
    LoadedTheme,
    ThemeSpec,
    bundled_themes_dir,
    load_theme_file,
    load_themes,
    save_theme_choice,
    theme_name,
    user_themes_dir,
)
from netcoach.themes.variables import APP_VARIABLES, VariableKind, check_variable, theme_variables

__all__ = [
    "ANSI_THEME",
    "APP_VARIABLES",
    "DEFAULT_THEME",
    "TEXTUAL_FALLBACK",
    "THEME_ENV",
    "LoadedTheme",
    "ThemeSpec",
    "UnknownTheme",
    "VariableKind",
    "bundled_themes_dir",
    "check_colour",
    "check_variable",
    "colors_for_system",
    "explain_theme_choice",
    "load_theme_file",
    "load_themes",
    "no_color",
    "pick_default_theme",
    "resolve_theme_name",
    "save_theme_choice",
    "terminal_colors",
    "theme_name",
    "theme_variables",
    "user_themes_dir",
]
