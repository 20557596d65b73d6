"""Key names and start-up imports: every binding id is found without a list to keep, and the app
starts without the Draft and Checklist screens or the dialogs (they are imported when first used)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from netcoach.tui.keymap import check_keymap

ROOT = Path(__file__).parents[2]
README = ROOT / "README.md"


def _in_a_fresh_python(code: str) -> object:
    """What ``code`` prints (JSON), run by a new Python on this checkout's netcoach."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(done.stdout)


def test_every_binding_id_is_found_in_a_fresh_process() -> None:
    ids = _in_a_fresh_python(
        "import json; from netcoach.tui.keymap import binding_ids; print(json.dumps(binding_ids()))"
    )
    assert isinstance(ids, list) and len(ids) == len(set(ids))
    names = README.read_text(encoding="utf-8").split("The names:", 1)[1].split("\n\n", 1)[0]
    documented = set(re.findall(r"`(netcoach\.[a-z_.]+)`", names))
    assert documented and documented <= set(ids)  # every name the README gives
    # and one from every part: the app, the people screens, the lists, Draft, Checklist, dialogs, widgets
    assert {
        "netcoach.today",
        "netcoach.log",
        "netcoach.filter",
        "netcoach.back",
        "netcoach.list.up",
        "netcoach.draft.copy",
        "netcoach.checklist.calm",
        "netcoach.checklist.tick",
        "netcoach.send_check.more",
        "netcoach.form.save",
        "netcoach.modal.cancel",
        "netcoach.confirm.yes",
        "netcoach.conflict.keep",
        "netcoach.import.go",
        "netcoach.plain.close",
        "netcoach.help.close",
        "netcoach.problems.close",
    } <= set(ids)


def test_the_app_starts_without_the_draft_and_checklist_screens_or_the_dialogs() -> None:
    loaded = _in_a_fresh_python(
        "import json, sys; import netcoach.tui.app; print(json.dumps([m for m in sys.modules if m.startswith('netcoach')]))"
    )
    assert isinstance(loaded, list) and "netcoach.tui.screens.today" in loaded
    assert "netcoach.tui.screens.draft" not in loaded and "netcoach.tui.screens.checklist" not in loaded
    assert not [name for name in loaded if name.startswith("netcoach.tui.dialogs.")]


def test_a_keymap_is_checked_against_the_names() -> None:
    known = ["netcoach.log", "netcoach.snooze"]
    keymap, unknown = check_keymap({"netcoach.log": "ctrl+l", "netcoach.lgo": "x", "nope": "y"}, known)
    assert keymap == {"netcoach.log": "ctrl+l"}
    assert unknown == ["netcoach.lgo (did you mean netcoach.log?)", "nope"]
