"""The $EDITOR round trip: a draft's text in the user's own editor, the app handing over the terminal."""

from __future__ import annotations

import shlex
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from textual.app import App, SuspendNotSupported

from netcoach.model.problem import FileProblem
from netcoach.storage.errors import StoreError
from netcoach.storage.folder import DataFolder


def chosen_editor(environ: Mapping[str, str]) -> str | None:
    """The user's editor command ($VISUAL, else $EDITOR), or None when neither is set."""
    return environ.get("VISUAL") or environ.get("EDITOR") or None


@dataclass(frozen=True)
class Edited:
    """What came back from the editor."""

    text: str
    """The text as the editor left it (the text handed over, when it could not be read back)."""
    failure: str
    """What went wrong, in words ("" when nothing did)."""


def edit_outside(app: App[Any], folder: DataFolder, relative: str, text: str, editor: str) -> Edited:
    """Write ``text`` to ``relative`` in the data folder, run ``editor`` on it with the app suspended,
    read it back, and remove the file."""
    path = folder.save_file(relative, text)
    failure = ""
    try:
        with app.suspend():
            try:
                result = subprocess.run([*shlex.split(editor), str(path)], check=False)
                if result.returncode != 0:
                    failure = f"{editor} exited with status {result.returncode}"
            except (OSError, ValueError) as error:
                failure = f"could not start {editor}: {error}"
    except SuspendNotSupported:
        failure = "this terminal cannot hand over to an editor"
    try:
        back = folder.read_text(relative)  # a regular file, never through a link
    except (FileProblem, StoreError) as error:
        failure = failure or f"could not read the edited text back: {error}"
        back = text
    finally:
        folder.delete_file(relative)
    return Edited(back, failure)
