"""``netcoach edit NAME``: the contact's file in $VISUAL / $EDITOR, as ``crontab -e`` does it.

The editor gets a copy; once it exits, the copy is checked. A good edit is saved (undo takes it
back). A bad one is reported as ``path:line:col: message`` and, on a terminal, offered for another
edit; otherwise the contact file is left as it was and the text is kept where the message says.
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
from pathlib import Path

from netcoach.cli.context import Context, UsageError, ask, find
from netcoach.model.problem import FileProblem, Problem
from netcoach.storage.editing import ContactEditing, EditCopy
from netcoach.storage.errors import ConflictError


def run(ctx: Context, args: argparse.Namespace) -> int:
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        raise UsageError("set $VISUAL or $EDITOR to the editor you use (e.g. export EDITOR=nano)")
    record = find(ctx, args.name)
    editing = ContactEditing(ctx.store.contacts)
    copy = editing.open(record.id)
    name = record.contact.name
    if copy.earlier is not None:
        say(f"an earlier edit of {name} that never finished is kept in {copy.earlier}")
    terminal = sys.stdin.isatty()
    while True:
        failure = run_editor(editor, copy.path)
        if failure:
            return given_up(editing, copy, f"{failure}; nothing was saved")
        if not copy.changed():
            editing.discard(copy)
            ctx.print(f"No changes to {name}.")
            return 0
        try:
            saved = editing.save(copy, note=f"Edited {name}'s file")
        except FileProblem as error:
            if terminal:
                print(error.problem, file=sys.stderr)
                if ask("Edit it again? [Y/n]").lower() in ("", "y", "yes"):
                    continue
            kept = editing.reject(copy)
            found = error.problem
            print(Problem(kept, found.line, found.col, found.message), file=sys.stderr)
            say(f"{ctx.store.contacts.path_of(record.id)} was left as it was; your text is kept in {kept}")
            return 1
        except ConflictError:
            path = ctx.store.contacts.path_of(record.id)
            return given_up(editing, copy, f"{path} was changed elsewhere while you were editing; nothing was saved")
        ctx.print(f"Saved {saved.contact.name} ({saved.id}). netcoach undo takes the edit back.")
        return 0


def run_editor(editor: str, path: Path) -> str:
    """Run the user's editor on ``path``; what went wrong, in words ("" if nothing did)."""
    try:
        result = subprocess.run([*shlex.split(editor), str(path)], check=False)
    except (OSError, ValueError) as error:
        return f"could not start {editor}: {error}"
    if result.returncode != 0:
        return f"{editor} exited with status {result.returncode}"
    return ""


def given_up(editing: ContactEditing, copy: EditCopy, why: str) -> int:
    """Stop without saving: whatever was typed is kept aside (and the message says where)."""
    if copy.changed():
        why += f" (your text is kept in {editing.reject(copy)})"
    else:
        editing.discard(copy)
    say(why)
    return 1


def say(text: str) -> None:
    print(f"netcoach: {text}", file=sys.stderr)
