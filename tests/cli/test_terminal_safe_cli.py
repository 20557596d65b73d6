"""Nothing a file, a file's name or an argument holds reaches the terminal raw: every message path, walked
with names that would set the terminal's title or clear the screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from netcoach.themes import user_themes_dir
from tests.cli.helpers import CommandLine
from tests.helpers import ESCAPE, RAW_CONTROL, SHOWN, plant_escape_names


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """The test's data folder (NETCOACH_DATA), with ESC in every name netcoach may quote."""
    plant_escape_names(tmp_path / "data", user_themes_dir())
    return tmp_path / "data"


def _run(netcoach: CommandLine, *args: str) -> str:
    result = netcoach(*args)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.returncode in (0, 1, 2), output
    raw = RAW_CONTROL.search(output)
    assert raw is None, f"netcoach {' '.join(map(repr, args))} printed {raw.group()!r} raw:\n{output!r}"
    return output


def test_check_quotes_every_hostile_name_visibly(netcoach: CommandLine, hostile: Path) -> None:
    output = _run(netcoach, "check")
    lines = output.splitlines()
    # a contact file's name, a key in a contact file and in its interactions.0, a template's name, a theme's
    # [variables] key, an unknown [keymap] name: each reported, each with the ESC shown, not sent
    assert any(f"contacts/{SHOWN}.toml:" in line and "invalid TOML" in line for line in lines), output
    assert any(f'keyevil.toml:1:1: "{SHOWN}": unknown key' in line for line in lines), output
    assert any('interevil.toml:6:1: interactions.0."\\u001b[2Jx": unknown key' in line for line in lines), output
    assert any(f"templates/{SHOWN}.toml:5:" in line and "unknown placeholder" in line for line in lines), output
    assert any(f"{SHOWN}.toml:5:1: variables." in line for line in lines), output
    assert any(f'config.toml:2:1: keymap."netcoach.{SHOWN}": unknown key name' in line for line in lines), output


@pytest.mark.parametrize(
    "args",
    [
        ("contacts",),
        ("contacts", "--json"),
        ("due",),
        ("stats",),
        ("draft", "Kay"),
        ("draft", "--templates"),
        ("draft", "Bob", "--template", ESCAPE),
        ("log", ESCAPE, "sent"),
        ("set", "Bob", "--company", ESCAPE),
        ("themes",),
        ("themes", "--json"),
        ("themes", "--theme", ESCAPE),
        ("export", "vcard", "-"),
        ("export", "csv", "-"),
        ("export", "json", f"{ESCAPE}/out.json"),
        ("import", "linkedin", f"{ESCAPE}.csv"),
        ("add", ESCAPE, "--met-on", ESCAPE),
        ("--theme", ESCAPE),
        (f"--{ESCAPE}",),
        ("log", "Bob", ESCAPE),
        ("rm", "Bob", "--yes"),
        ("rm", "Kay", "--yes"),
        ("merge", "Bob", "Kay"),
        ("edit", "Bob"),
        ("undo", "--list"),
        ("undo",),
    ],
)
def test_no_command_prints_a_control_character_raw(netcoach: CommandLine, hostile: Path, args: tuple[str, ...]) -> None:
    _run(netcoach, *args)


def test_an_ambiguous_name_lists_the_file_named_with_escapes_visibly(netcoach: CommandLine, hostile: Path) -> None:
    for command in (("log", "Bob", "sent"), ("draft", "Bob")):
        output = _run(netcoach, *command)
        assert f"Bob Smith ({SHOWN}\\u001b[2Jbob)" in output, output
        assert "Bob Smith (bob-smith)" in output


def test_an_import_summary_names_the_file_visibly(netcoach: CommandLine, hostile: Path) -> None:
    vcf = str(hostile.parent / f"{ESCAPE}.vcf")
    for extra in (("--dry-run",), ()):
        output = _run(netcoach, "import", "vcard", vcf, *extra)
        assert f" {SHOWN}.vcf (vCard): 2 rows." in output, output
    assert "Vera Card" in _run(netcoach, "contacts")


def test_themes_lists_the_broken_theme_file_visibly(netcoach: CommandLine, hostile: Path) -> None:
    output = _run(netcoach, "themes")
    assert f"{SHOWN}.toml:5:1: variables." in output, output
