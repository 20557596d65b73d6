"""Which theme to start with: the user's choice, else one that suits the terminal.

Pure functions of the environment, the terminal's colours and ``config.toml``'s choice;
nothing here reads a file or imports Textual.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

DEFAULT_THEME = "netcoach-dark"
"""The theme for a terminal with 256 colours or more, when the user has not chosen one."""
ANSI_THEME = "netcoach-ansi"
"""The theme built only from the terminal's own 16 colours (``NO_COLOR``, ``TERM=xterm``)."""
THEME_ENV = "NETCOACH_THEME"
"""An environment variable naming the theme; wins over ``config.toml``."""
TEXTUAL_FALLBACK = "textual-dark"
"""Always registered by Textual: used only if not even the bundled themes could be found."""


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
