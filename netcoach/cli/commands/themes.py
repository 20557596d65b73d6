"""``netcoach themes``: the themes there are, the one in use, and any theme file that failed."""

from __future__ import annotations

import argparse
import json
import os
from typing import Any

from netcoach.cli.context import Context, UsageError, report_problems
from netcoach.themes import (
    LoadedTheme,
    UnknownTheme,
    explain_theme_choice,
    load_themes,
    resolve_theme_name,
    terminal_colors,
    user_themes_dir,
)


def current_choice(ctx: Context, args: argparse.Namespace, themes: dict[str, LoadedTheme]) -> tuple[str, str]:
    """The theme the app would start with here and now, and why."""
    flag = getattr(args, "theme", None)
    if flag:
        try:
            return resolve_theme_name(flag, themes), "chosen with --theme"
        except UnknownTheme as error:
            raise UsageError(str(error)) from None
    env = os.environ
    return explain_theme_choice(env, terminal_colors(env), ctx.config.theme, available=themes)


def _where(theme: LoadedTheme) -> str:
    if theme.source == "bundled":
        return ""
    if theme.replaces is not None:
        return f"yours, in place of the bundled one: {theme.path}"
    return f"yours: {theme.path}"


def run(ctx: Context, args: argparse.Namespace) -> int:
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
        report_problems(problems + ctx.problems)
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
    report_problems(ctx.problems)
    return 0
