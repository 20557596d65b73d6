"""``netcoach themes``: the themes there are, the one in use, and any theme file that failed."""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable
from typing import Any

from netcoach import cli
from netcoach.themes import (
    LoadedTheme,
    UnknownTheme,
    explain_theme_choice,
    load_themes,
    resolve_theme_name,
    terminal_colors,
    user_themes_dir,
)
from netcoach.tomlfile import Problem


def current_choice(ctx: cli.Context, args: argparse.Namespace, themes: dict[str, LoadedTheme]) -> tuple[str, str]:
    """The theme the app would start with here and now, and why."""
    flag = getattr(args, "theme", None)
    if flag:
        try:
            return resolve_theme_name(flag, themes), "chosen with --theme"
        except UnknownTheme as error:
            raise cli.UsageError(str(error)) from None
    env = os.environ
    return explain_theme_choice(env, terminal_colors(env), ctx.config.theme, available=themes)


def _where(theme: LoadedTheme) -> str:
    if theme.source == "bundled":
        return ""
    if theme.replaces is not None:
        return f"yours, in place of the bundled one: {theme.path}"
    return f"yours: {theme.path}"


def cmd_themes(ctx: cli.Context, args: argparse.Namespace) -> int:
    themes, problems = load_themes()
    current, why = current_choice(ctx, args, themes)
    if args.json:
        payload: list[dict[str, Any]] = [
            {
                "name": t.name,
                "description": t.spec.description,
                "source": t.source,
                "path": str(t.path),
                "dark": t.spec.dark,
                "current": t.name == current,
            }
            for t in themes.values()
        ]
        print(json.dumps(payload, ensure_ascii=False, indent=2), file=ctx.out)
        cli.report_problems(ctx, problems + ctx.problems)
        return 0
    out = ctx.out
    print(f"Themes (* is the one netcoach starts with here: {why})", file=out)
    width = max((len(name) for name in themes), default=0)
    for theme in themes.values():
        mark = "*" if theme.name == current else " "
        details = " · ".join(part for part in (theme.spec.description, _where(theme)) if part)
        print(f"{mark} {theme.name.ljust(width)}  {details}".rstrip(), file=out)
    if not themes:
        print("  (no theme could be loaded; the app uses Textual's own dark theme)", file=out)
    wanted = ctx.config.theme
    if (
        wanted
        and not getattr(args, "theme", None)
        and current != wanted
        and wanted.casefold() not in map(str.casefold, themes)
    ):
        print(f"\nconfig.toml asks for the theme {wanted!r}, which is not here, so {current} is used.", file=out)
    print(f"\nYour own themes go in {user_themes_dir()}/ (one .toml file each).", file=out)
    print("Choose one with: netcoach --theme NAME, or in the app: ctrl+p, then type theme.", file=out)
    if problems:
        noun = "file" if len(problems) == 1 else "files"
        print(f"\n{len(problems)} theme {noun} could not be used (and were skipped):", file=out)
        for problem in problems:
            print(f"  {problem}", file=out)
    cli.report_problems(ctx, ctx.problems)
    return 0


def check_themes(ctx: cli.Context) -> tuple[int, list[Problem]]:
    """For ``netcoach check``: (theme files checked, problems)."""
    themes, problems = load_themes()
    files = len(themes) + sum(1 for t in themes.values() if t.replaces is not None) + len(problems)
    return files, problems


def register(command: Callable[..., argparse.ArgumentParser]) -> None:
    themes = command("themes", "list the colour themes (bundled and your own) and any that failed", cmd_themes)
    themes.add_argument(
        "--json", action="store_true", help="a JSON list: name, description, source, path, dark, current"
    )
    if check_themes not in cli.CHECKERS:
        cli.CHECKERS.append(check_themes)
