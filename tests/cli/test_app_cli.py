"""Starting the app from the command line: options checked before the screen takes over."""

from __future__ import annotations

import os
import subprocess
import sys


def test_unknown_theme_exits_2_and_lists_the_themes() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "netcoach.cli", "--demo", "--theme", "nope"],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        check=False,
        timeout=60,
    )
    assert done.returncode == 2
    assert "no theme called 'nope'" in done.stderr and "netcoach-dark" in done.stderr
    assert "Traceback" not in done.stderr
