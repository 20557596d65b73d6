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
from netcoach.model.problem import FileProblem, Problem
from netcoach.storage.errors import StoreError
from netcoach.storage.tomlfile import dotted, locate, read_text_file
from netcoach.themes import load_themes

Check = Callable[[Context], tuple[int, list[Problem]]]


def keymap_names(ctx: Context) -> tuple[int, list[Problem]]:
    """Every name in ``[keymap]`` of config.toml is a key name of the app (config.toml itself is counted above).

    The names are the app's binding ids, found in the app itself, so Textual is loaded here, only when there is a keymap.
    """
    keymap = ctx.config.keymap
    if not keymap:
        return 0, []
    from netcoach.tui.keymap import binding_ids, unknown_names

    path = ctx.store.folder.config_path
    try:
        text = read_text_file(path, within=ctx.store.root)  # never through a link
    except FileProblem as error:
        return 0, [error.problem]
    problems = []
    for name, close in unknown_names(keymap, binding_ids()):
        line, col = locate(text, ("keymap", name))
        hint = f" (did you mean {close}?)" if close else " (netcoach's help, ?, shows every key's name)"
        problems.append(Problem(path, line, col, f"{dotted(('keymap', name))}: unknown key name{hint}"))
    return 0, problems


def contact_files(ctx: Context) -> tuple[int, list[Problem]]:
    loaded = ctx.store.reader.load()
    return len(loaded.records) + len(loaded.problems), loaded.problems


def event_files(ctx: Context) -> tuple[int, list[Problem]]:
    records, problems = ctx.store.events.load()
    return len(records) + len(problems), problems


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
    keymap_names,
    contact_files,
    event_files,
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
