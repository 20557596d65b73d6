"""Starting the app from the command line: options checked before the screen takes over."""

from __future__ import annotations

from tests.cli.helpers import CommandLine


def test_unknown_theme_exits_2_and_lists_the_themes(netcoach: CommandLine) -> None:
    done = netcoach("--demo", "--theme", "nope")
    assert done.returncode == 2
    assert "no theme called 'nope'" in done.stderr and "netcoach-dark" in done.stderr
    assert "Traceback" not in done.stderr
