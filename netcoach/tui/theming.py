"""Turning netcoach's theme files into Textual themes, and registering them on the app."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from textual.app import App
from textual.theme import Theme

from netcoach.model.problem import Problem
from netcoach.themes import LoadedTheme, ThemeSpec, load_themes


def to_textual_theme(spec: ThemeSpec) -> Theme:
    """The Textual ``Theme`` for a validated theme file (every field maps one to one)."""
    return Theme(
        name=spec.name,
        primary=spec.primary,
        secondary=spec.secondary,
        accent=spec.accent,
        foreground=spec.foreground,
        background=spec.background,
        surface=spec.surface,
        panel=spec.panel,
        boost=spec.boost,
        warning=spec.warning,
        error=spec.error,
        success=spec.success,
        dark=spec.dark,
        ansi=spec.ansi,
        luminosity_spread=spec.luminosity_spread,
        text_alpha=spec.text_alpha,
        variables=dict(spec.variables),
    )


def register_themes(app: App[Any], themes: Mapping[str, LoadedTheme] | Iterable[ThemeSpec]) -> list[str]:
    """Register every theme on ``app``; returns their names in order.

    ``themes`` is what :func:`netcoach.themes.load_themes` returned, or plain specs.
    """
    specs = [t.spec for t in themes.values()] if isinstance(themes, Mapping) else list(themes)
    for spec in specs:
        app.register_theme(to_textual_theme(spec))
    return [spec.name for spec in specs]


def load_and_register(app: App[Any]) -> tuple[dict[str, LoadedTheme], list[Problem]]:
    """Load the bundled and the user's themes and register them all on ``app``.

    Returns what :func:`netcoach.themes.load_themes` returned: the themes by name, and a
    problem per theme file that could not be used (show them in one notice).
    """
    themes, problems = load_themes()
    register_themes(app, themes)
    return themes, problems
