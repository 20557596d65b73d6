"""Themes: the bundled files, the user's own, bad files, choosing a theme and saving the choice."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from netcoach.model.problem import FileProblem
from netcoach.storage.store import Store
from netcoach.themes import (
    ANSI_THEME,
    DEFAULT_THEME,
    THEME_ENV,
    ThemeSpec,
    UnknownTheme,
    bundled_themes_dir,
    explain_theme_choice,
    load_theme_file,
    load_themes,
    pick_default_theme,
    resolve_theme_name,
    save_theme_choice,
    terminal_colors,
    user_themes_dir,
)
from tests.helpers import BUNDLED_THEMES, REPO, MakeStore, UserTheme

BUNDLED_DIR = REPO / "netcoach" / "data" / "themes"

# -- the bundled themes -------------------------------------------------------------------


def test_every_bundled_theme_loads() -> None:
    themes, problems = load_themes()
    assert problems == []
    assert set(themes) >= BUNDLED_THEMES
    assert bundled_themes_dir() == BUNDLED_DIR  # inside the package, like the templates
    for theme in themes.values():
        assert theme.source == "bundled"
        assert theme.path == BUNDLED_DIR / f"{theme.name}.toml"
        assert theme.spec.description, f"{theme.name} needs a description for `netcoach themes`"


def test_the_top_level_themes_folder_is_the_bundled_one() -> None:
    """The repository's ``themes`` (where the README sends users to copy one) links to the bundled files."""
    top = REPO / "themes"
    assert top.is_symlink()
    assert top.resolve() == BUNDLED_DIR.resolve()
    assert sorted(p.name for p in top.iterdir()) == sorted(f"{name}.toml" for name in BUNDLED_THEMES)


def test_the_light_theme_is_light_and_the_others_dark() -> None:
    themes, _ = load_themes()
    assert themes["netcoach-light"].spec.dark is False
    assert themes["netcoach-dark"].spec.dark is True


def _luminance(colour: str) -> float:
    from textual.color import Color

    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    c = Color.parse(colour)
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(
    ("name", "minimum"), [("netcoach-dark", 4.5), ("netcoach-light", 4.5), ("netcoach-contrast", 7.0)]
)
def test_bundled_colours_are_readable(name: str, minimum: float) -> None:
    """Text and every signal colour stand out from the background and the panels (WCAG AA; AAA for contrast)."""
    spec = load_themes()[0][name].spec
    for field in ("foreground", "primary", "secondary", "accent", "warning", "error", "success"):
        colour = getattr(spec, field)
        assert colour is not None, f"{name} sets {field}"
        for behind in (spec.background, spec.surface, spec.panel):
            assert behind is not None
            assert contrast(colour, behind) >= minimum, f"{name}: {field} {colour} on {behind}"


def test_the_ansi_theme_uses_only_the_terminals_own_colours() -> None:
    spec = load_themes()[0][ANSI_THEME].spec
    assert spec.ansi is True
    colours = [v for k, v in spec.model_dump().items() if isinstance(v, str) and k not in ("name", "description")]
    colours += [v for k, v in spec.variables.items() if not k.endswith("style")]
    assert colours
    assert all(c.startswith("ansi_") for c in colours), colours


# -- bad files ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "line", "col", "reason"),
    [
        ("bad-toml.toml", 2, 19, "invalid TOML"),
        ("unknown-key.toml", 3, 1, "backgroud: unknown key"),
        ("bad-colour.toml", 3, 1, "secondary: 'blu' is not a colour; did you mean 'blue'?"),
        ("bad-variable.toml", 5, 1, "variables.border: 'red; color: blue' is not a colour"),
    ],
)
def test_a_bad_theme_file_is_reported_with_its_place_and_skipped(
    fixture: str, line: int, col: int, reason: str, user_theme: UserTheme
) -> None:
    path = user_theme(fixture)
    user_theme("ocean.toml")
    themes, problems = load_themes()
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.path, problem.line, problem.col) == (path, line, col)
    assert reason in problem.message
    assert str(problem).startswith(f"{path}:{line}:{col}: ")
    assert "ocean" in themes  # the rest still loads
    assert set(themes) >= BUNDLED_THEMES
    assert all(t.path != path for t in themes.values())


@pytest.mark.parametrize(
    ("text", "where", "reason"),
    [
        ('name = "x"\n', (1, 1), "primary: required, but missing"),
        ('primary = "#123456"\n', (1, 1), "name: required, but missing"),
        ('name = "My Theme"\nprimary = "#123456"\n', (1, 1), "cannot be a theme name"),
        ('name = "x"\nprimary = "#123456"\ndark = "yes"\n', (3, 1), "dark: Input should be a valid boolean"),
        ('name = "x"\nprimary = "#123456"\ntext_alpha = 2.0\n', (3, 1), "text_alpha: Input should be less than"),
        ('name = "x"\nprimary = "#12"\n', (2, 1), "primary: '#12' is not a colour"),
        ('name = "x"\nprimary = "#123456"\n[variables]\nbordr = "#ffffff"\n', (4, 1), "did you mean 'border'?"),
        (
            'name = "x"\nprimary = "#123456"\n[variables]\nlink-style = "#ffffff"\n',
            (4, 1),
            "'#ffffff' is not a text style for link-style",
        ),
        (
            'name = "x"\nprimary = "#123456"\n[variables]\nprimary-darken-1 = "#ffffff 50%"\n',
            (4, 1),
            "is not a colour",
        ),
        ('name = "x"\nprimary = "#123456"\nvariables = { border = "auto 50%" }\n', (3, 1), "'auto' is not a colour"),
    ],
)
def test_every_kind_of_mistake_is_explained(tmp_path: Path, text: str, where: tuple[int, int], reason: str) -> None:
    path = tmp_path / "theme.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FileProblem) as caught:
        load_theme_file(path)
    assert (caught.value.problem.line, caught.value.problem.col) == where
    assert reason in caught.value.problem.message


def test_a_file_that_is_not_utf8_is_reported(tmp_path: Path, user_theme: UserTheme) -> None:
    path = user_theme("latin1.toml", "")
    path.write_bytes(b'name = "caf\xe9"\nprimary = "#123456"\n')
    themes, problems = load_themes()
    assert [(p.path, p.line, p.message) for p in problems] == [(path, 1, "not UTF-8 text")]
    assert set(themes) == BUNDLED_THEMES


def test_variables_accept_the_forms_textual_uses() -> None:
    spec = ThemeSpec.model_validate(
        {
            "name": "forms",
            "primary": "ansi_blue",
            "variables": {
                "input-selection-background": " #81a1c1 35% ",
                "text-muted": "auto 60%",
                "link-background": "initial",
                "button-focus-text-style": "b reverse",
                "footer-key-foreground": "rgb(10, 20, 30)",
            },
        }
    )
    assert spec.variables["input-selection-background"] == "#81a1c1 35%"


def test_two_user_files_with_one_name_keep_the_first(user_theme: UserTheme) -> None:
    first = user_theme("a.toml", 'name = "twin"\nprimary = "#111111"\n')
    second = user_theme("b.toml", 'name = "twin"\nprimary = "#222222"\n')
    themes, problems = load_themes()
    assert themes["twin"].path == first
    assert [(p.path, p.message) for p in problems] == [(second, "a.toml already defines the theme 'twin'")]


def test_no_user_folder_is_fine() -> None:
    assert not user_themes_dir().exists()
    themes, problems = load_themes()
    assert set(themes) == BUNDLED_THEMES
    assert problems == []


# -- the user's own themes ----------------------------------------------------------------


def test_user_themes_come_from_the_config_folder(tmp_path: Path, user_theme: UserTheme) -> None:
    assert user_themes_dir() == Path(os.environ["XDG_CONFIG_HOME"]) / "netcoach" / "themes"
    path = user_theme("ocean.toml")
    themes, problems = load_themes()
    assert problems == []
    ocean = themes["ocean"]
    assert (ocean.source, ocean.path, ocean.replaces) == ("user", path, None)
    assert ocean.spec.primary == "#4fa3d1"
    assert list(themes)[-1] == "ocean"  # after the bundled ones


def test_a_user_theme_replaces_the_bundled_one_of_the_same_name(user_theme: UserTheme) -> None:
    path = user_theme("my-light.toml")
    themes, problems = load_themes()
    assert problems == []
    light = themes["netcoach-light"]
    assert (light.source, light.path) == ("user", path)
    assert light.replaces == BUNDLED_DIR / "netcoach-light.toml"
    assert light.spec.description == "My own light theme"
    assert sorted(themes) == sorted(BUNDLED_THEMES)


def test_theme_text_is_cleaned(tmp_path: Path) -> None:
    path = tmp_path / "t.toml"
    path.write_text('name = "t"\nprimary = "#123456"\ndescription = "Nice\\u001b[31m red"\n', encoding="utf-8")
    assert load_theme_file(path).description == "Nice red"


# -- choosing ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "colors", "config", "expected"),
    [
        ({}, 16_777_216, None, DEFAULT_THEME),
        ({}, 256, None, DEFAULT_THEME),
        ({}, None, None, DEFAULT_THEME),
        ({}, 16, None, ANSI_THEME),
        ({}, 8, None, ANSI_THEME),
        ({"NO_COLOR": "1"}, 16_777_216, None, ANSI_THEME),
        ({"NO_COLOR": ""}, 256, None, DEFAULT_THEME),  # no-color.org: an empty value does not count
        ({"NO_COLOR": "1"}, 16, "netcoach-light", "netcoach-light"),  # the user's choice wins
        ({}, 16, "netcoach-contrast", "netcoach-contrast"),
        ({THEME_ENV: "netcoach-contrast"}, 256, "netcoach-light", "netcoach-contrast"),
        ({THEME_ENV: " "}, 256, "netcoach-light", "netcoach-light"),
    ],
)
def test_pick_default_theme(env: dict[str, str], colors: int | None, config: str | None, expected: str) -> None:
    assert pick_default_theme(env, colors, config) == expected
    assert pick_default_theme(env, colors, config, available=BUNDLED_THEMES) == expected


def test_a_choice_that_is_not_there_is_passed_over() -> None:
    assert pick_default_theme({}, 256, "gone", available=BUNDLED_THEMES) == DEFAULT_THEME
    assert pick_default_theme({"NO_COLOR": "1"}, 256, "gone", available=BUNDLED_THEMES) == ANSI_THEME
    assert pick_default_theme({}, 256, "NetCoach-Light", available=BUNDLED_THEMES) == "netcoach-light"
    assert pick_default_theme({}, 16, None, available={DEFAULT_THEME}) == DEFAULT_THEME
    assert pick_default_theme({}, 256, None, available=[]) == "textual-dark"


def test_the_reason_for_the_choice_is_given() -> None:
    assert explain_theme_choice({"NO_COLOR": "1"}, 256, None) == (ANSI_THEME, "NO_COLOR is set")
    assert explain_theme_choice({}, 16, None) == (ANSI_THEME, "this terminal shows 16 colours")
    assert explain_theme_choice({}, 16, "netcoach-dark") == ("netcoach-dark", "chosen in config.toml")


@pytest.mark.parametrize(
    ("env", "colors"),
    [
        ({"TERM": "xterm"}, 16),
        ({"TERM": "linux"}, 16),
        ({"TERM": "xterm-256color"}, 256),
        ({"TERM": "screen-256color"}, 256),
        ({"TERM": "xterm-256color", "COLORTERM": "truecolor"}, 16_777_216),
        ({"TERM": "xterm", "COLORTERM": "24bit"}, 16_777_216),
        ({"TERM": "xterm-256color", "TEXTUAL_COLOR_SYSTEM": "standard"}, 16),
        ({}, None),
    ],
)
def test_terminal_colors(env: dict[str, str], colors: int | None) -> None:
    assert terminal_colors(env) == colors


def test_resolve_theme_name() -> None:
    assert resolve_theme_name("netcoach-light", BUNDLED_THEMES) == "netcoach-light"
    assert resolve_theme_name(" NETCOACH-LIGHT ", BUNDLED_THEMES) == "netcoach-light"
    with pytest.raises(UnknownTheme) as caught:
        resolve_theme_name("netcoach-lite", BUNDLED_THEMES)
    message = str(caught.value)
    assert "no theme called 'netcoach-lite'" in message
    assert "Did you mean 'netcoach-light'?" in message
    assert "netcoach-ansi, netcoach-contrast, netcoach-dark, netcoach-light" in message


# -- saving the choice --------------------------------------------------------------------

CONFIG = """\
# My netcoach settings. Hands off, robots.
ask_before_send = false  # I know what I am doing

[user]
name = "Sam"  # how I sign

[timing]
nudge_days_met = 5
"""


def test_save_theme_choice_keeps_comments_and_order(store: Store, make_store: MakeStore) -> None:
    store.folder.save_file("config.toml", CONFIG)
    path = save_theme_choice(store, "netcoach-light")
    text = path.read_text(encoding="utf-8")
    assert text.startswith(
        '# My netcoach settings. Hands off, robots.\nask_before_send = false  # I know what I am doing\ntheme = "netcoach-light"\n'
    )
    assert text.endswith('[user]\nname = "Sam"  # how I sign\n\n[timing]\nnudge_days_met = 5\n')
    fresh = make_store(cache="other-cache")
    config, problems = fresh.settings.load_config()
    assert problems == []
    assert (config.theme, config.ask_before_send, config.user.name, config.timing.nudge_days_met) == (
        "netcoach-light",
        False,
        "Sam",
        5,
    )


def test_save_theme_choice_changes_the_theme_in_place(store: Store) -> None:
    store.folder.save_file(
        "config.toml", '# top\ntheme = "netcoach-dark"  # picked on a sunny day\nask_before_send = true\n'
    )
    save_theme_choice(store, "netcoach-contrast")
    assert store.folder.config_path.read_text(encoding="utf-8") == (
        '# top\ntheme = "netcoach-contrast"  # picked on a sunny day\nask_before_send = true\n'
    )


def test_save_theme_choice_creates_the_config_file(store: Store) -> None:
    assert not store.folder.config_path.exists()
    save_theme_choice(store, "netcoach-ansi")
    assert store.folder.config_path.read_text(encoding="utf-8") == 'theme = "netcoach-ansi"\n'
    assert store.folder.config_path.stat().st_mode & 0o777 == 0o600
    assert store.settings.load_config()[0].theme == "netcoach-ansi"


def test_saving_the_same_choice_writes_nothing(store: Store) -> None:
    store.folder.save_file("config.toml", 'theme = "netcoach-dark"\n')
    before = store.folder.config_path.stat()
    save_theme_choice(store, "netcoach-dark")
    after = store.folder.config_path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


@pytest.mark.parametrize("text", ['theme = "x\n', 'colour_theme = "netcoach-dark"\n'])
def test_a_config_that_does_not_load_is_left_alone(store: Store, text: str) -> None:
    store.folder.save_file("config.toml", text)
    with pytest.raises(FileProblem) as caught:
        save_theme_choice(store, "netcoach-light")
    assert caught.value.problem.path == store.folder.config_path
    assert store.folder.config_path.read_text(encoding="utf-8") == text


def test_save_theme_choice_refuses_a_bad_name(store: Store) -> None:
    with pytest.raises(ValueError, match="cannot be a theme name"):
        save_theme_choice(store, 'x"\n[user]')
    assert not store.folder.config_path.exists()


# -- the domain ------------------------------------------------------------------------------


def test_the_domain_never_imports_textual() -> None:
    code = "import sys, netcoach.themes, netcoach.cli.commands.themes; print(sorted(m for m in sys.modules if m.startswith('textual')))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == "[]"


def test_checking_themes_never_imports_textual(user_theme: UserTheme) -> None:
    """Loading every theme and checking good and bad colours and variables (netcoach themes, netcoach check)."""
    user_theme("ocean.toml")
    user_theme("bad-colour.toml")
    user_theme("bad-variable.toml")
    code = (
        "import sys\n"
        "from netcoach.themes import load_themes\n"
        "themes, problems = load_themes()\n"
        "assert 'ocean' in themes and len(problems) == 2, problems\n"
        "print(sorted(m for m in sys.modules if m.startswith('textual')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
