"""What ``netcoach check`` (and the app's Problems view) says of the data folder's layout.

Links (dangling or not) and special files (a named pipe, a device) where netcoach keeps its files:
the data folder's top level, its contacts, drafts and templates folders, and netcoach's own folder.
They are reported, never read, written, followed or deleted. Contact, draft and template files
(``*.toml``) are left to their readers, which report them as they meet them.
"""

from __future__ import annotations

import os
import stat

from netcoach.model.problem import Problem
from netcoach.storage.dirs import Dir, not_a_folder, what_it_is
from netcoach.storage.errors import StoreError, UnsafePath
from netcoach.storage.folder import BATCH_DIR, CONTACTS, NETCOACH_FOLDERS, OWN_DIR, READ_BY_OTHERS, DataFolder


def layout_problems(data: DataFolder) -> list[Problem]:
    """Links (dangling or not) and special files where netcoach keeps its files: the data
    folder's top level and its contacts, drafts and templates folders. Contact, draft and
    template files (``*.toml``) are left to their readers, which report them as they meet them."""
    problems: list[Problem] = []
    try:
        root = data.open()
    except (OSError, StoreError):
        return problems
    with root:
        for entry in sorted(root.scandir(), key=lambda e: e.name):
            if entry.is_dir(follow_symlinks=False) or entry.name in READ_BY_OTHERS:
                continue
            if entry.is_symlink() or not entry.is_file(follow_symlinks=False) or entry.name == OWN_DIR:
                problems.append(_entry_problem(root, entry.name, folder_wanted=entry.name == OWN_DIR))
    problems += _own_problems(data)
    for name in NETCOACH_FOLDERS:
        try:
            folder = data.open(name)
        except FileNotFoundError:
            continue
        except UnsafePath as error:
            problems.append(Problem(error.path, 1, 1, error.reason))
            continue
        except (OSError, StoreError):
            continue
        with folder:
            for entry in sorted(folder.scandir(), key=lambda e: e.name):
                if entry.name.endswith(".toml") and not entry.name.startswith("."):
                    continue  # its reader reports it
                if name == CONTACTS and entry.name == BATCH_DIR and entry.is_dir(follow_symlinks=False):
                    continue
                if entry.is_symlink() or not (
                    entry.is_file(follow_symlinks=False) or entry.is_dir(follow_symlinks=False)
                ):
                    problems.append(_entry_problem(folder, entry.name))
    return problems

def _own_problems(data: DataFolder) -> list[Problem]:
    """Links and special files inside netcoach's own folder (``.netcoach/``): its folders
    (journal, editing, rejected) and what is in them must be real folders and regular files.
    netcoach's own files there are never a problem."""
    problems: list[Problem] = []
    try:
        own = data.open(OWN_DIR)
    except (OSError, StoreError):
        return problems  # not there; a link or a file there is reported with the top level
    with own:
        for entry in sorted(own.scandir(), key=lambda e: e.name):
            if entry.is_symlink() or not (
                entry.is_file(follow_symlinks=False) or entry.is_dir(follow_symlinks=False)
            ):
                problems.append(_entry_problem(own, entry.name))
                continue
            if not entry.is_dir(follow_symlinks=False):
                continue
            try:
                inner = own.sub(entry.name)
            except (OSError, StoreError):
                continue
            with inner:
                for item in sorted(inner.scandir(), key=lambda e: e.name):
                    if item.is_symlink() or not (
                        item.is_file(follow_symlinks=False) or item.is_dir(follow_symlinks=False)
                    ):
                        problems.append(_entry_problem(inner, item.name))
    return problems

def _entry_problem(folder: Dir, name: str, *, folder_wanted: bool = False) -> Problem:
    path = folder.path / name
    try:
        mode = folder.lstat(name).st_mode
    except OSError:
        return Problem(path, 1, 1, "gone while being checked")
    reason = (not_a_folder(mode) if folder_wanted else what_it_is(mode)) or "not a regular file"
    if stat.S_ISLNK(mode):
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        dangling = not os.path.exists(path)
        reason = f"{'a dangling' if dangling else 'a'} symbolic link (to {target}): netcoach does not follow links in its data folder"
    return Problem(path, 1, 1, reason)
