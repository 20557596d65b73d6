"""What ``netcoach check`` checks: every kind of file netcoach reads, one function each.

Each check takes the context and returns (files checked, problems). A new kind of user file
gets a function here and a place in :data:`CHECKS`.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from netcoach.cli.context import Context
from netcoach.coach.checklist import check_files
from netcoach.coach.drafts import load_drafts
from netcoach.coach.templates import load_templates
from netcoach.model.problem import Problem
from netcoach.storage.errors import StoreError
from netcoach.themes import load_themes

Check = Callable[[Context], tuple[int, list[Problem]]]


def contact_files(ctx: Context) -> tuple[int, list[Problem]]:
    loaded = ctx.store.reader.load()
    return len(loaded.records) + len(loaded.problems), loaded.problems


def data_folder(ctx: Context) -> tuple[int, list[Problem]]:
    """Links (dangling ones too) and special files where netcoach keeps its files: never followed or read."""
    return 0, ctx.store.folder.layout_problems()


def config_file(ctx: Context) -> tuple[int, list[Problem]]:
    return (1 if os.path.lexists(ctx.store.folder.config_path) else 0), list(ctx.problems)


def templates_and_drafts(ctx: Context) -> tuple[int, list[Problem]]:
    try:
        count = len(ctx.store.folder.names("templates"))
    except (StoreError, OSError):
        count = 0  # a link or an unreadable folder: load_templates reports it
    _, problems = load_templates(ctx.store)
    drafts, draft_problems = load_drafts(ctx.store)
    return count + len(drafts) + len(draft_problems), problems + draft_problems


def checklist_and_worries(ctx: Context) -> tuple[int, list[Problem]]:
    return check_files(ctx.store.root)


def theme_files(ctx: Context) -> tuple[int, list[Problem]]:
    themes, problems = load_themes()
    files = len(themes) + sum(1 for t in themes.values() if t.replaces is not None) + len(problems)
    return files, problems


CHECKS: tuple[Check, ...] = (
    data_folder,
    config_file,
    contact_files,
    templates_and_drafts,
    checklist_and_worries,
    theme_files,
)
"""Every check, in the order their problems are listed."""


def all_problems(ctx: Context) -> tuple[int, list[Problem]]:
    """Every file netcoach reads, checked: (files checked, problems)."""
    checked = 0
    problems: list[Problem] = []
    for check in CHECKS:
        count, found = check(ctx)
        checked += count
        problems += found
    return checked, problems
