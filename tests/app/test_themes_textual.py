"""Themes in a real Textual app: every bundled theme converts, registers and renders without a CSS error."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.theme import Theme
from textual.widgets import (
    Button,
    Checkbox,
    Collapsible,
    DataTable,
    Footer,
    Header,
    Input,
    Label,
    Link,
    ListItem,
    ListView,
    Log,
    Markdown,
    OptionList,
    ProgressBar,
    RadioSet,
    Select,
    SelectionList,
    Static,
    Switch,
    TabbedContent,
    TabPane,
    TextArea,
    Tree,
)

from netcoach.themes import ANSI_THEME, DEFAULT_THEME, ThemeSpec, load_themes, theme_variables
from netcoach.tui.theming import load_and_register, register_themes, to_textual_theme

FIXTURES = Path(__file__).parents[1] / "fixtures" / "themes"


class Gallery(App[None]):
    """Most of Textual's widgets, so that most theme variables are used by some CSS."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input("Maya Chen", placeholder="name")
        yield Button("Mark as sent", variant="primary")
        yield Button("Snooze", variant="warning")
        yield Checkbox("Waiting for a reply", value=True)
        yield Switch(value=True)
        yield RadioSet("email", "LinkedIn")
        yield Select([("casual", 1), ("formal", 2)], value=1)
        yield SelectionList(("design", 1, True), ("alumni", 2))
        yield OptionList("one", "two")
        yield ListView(ListItem(Label("Maya")), ListItem(Label("Dev")))
        table: DataTable[str] = DataTable()
        table.add_columns("who", "when")
        table.add_row("Maya", "today")
        yield table
        yield Tree("people")
        yield Markdown("# Draft\n\n## Hello\n\n### Soon\n\nA [link](https://example.com) and `code`.")
        yield TextArea("Hi Maya,\n\nlovely to meet you.")
        yield Link("example", url="https://example.com")
        yield ProgressBar(total=10)
        yield Log()
        with Collapsible(title="More", collapsed=False):
            yield Static("inside")
        with TabbedContent():
            with TabPane("Today"):
                yield Label("today")
            with TabPane("Everyone"):
                yield Label("everyone")
        yield Footer()


async def show_each(themes: list[Theme]) -> list[str]:
    """Register ``themes`` on a gallery app, switch to each in turn, and return the theme in use after each."""
    app = Gallery()
    for theme in themes:
        app.register_theme(theme)
    shown = []
    async with app.run_test(size=(100, 60)) as pilot:
        for theme in themes:
            app.theme = theme.name
            await pilot.pause()
            await pilot.pause()  # the CSS is refreshed after the theme change message
            shown.append(app.current_theme.name)
    return shown


def test_every_bundled_theme_converts_to_a_textual_theme() -> None:
    themes, problems = load_themes()
    assert problems == []
    for loaded in themes.values():
        theme = to_textual_theme(loaded.spec)
        assert isinstance(theme, Theme)
        assert theme.name == loaded.name
        assert theme.primary == loaded.spec.primary
        assert theme.dark == loaded.spec.dark
        assert theme.variables == loaded.spec.variables
        theme.to_color_system().generate()  # Textual can derive every shade from it


async def test_every_bundled_theme_renders_in_a_real_app() -> None:
    themes, _ = load_themes()
    converted = [to_textual_theme(t.spec) for t in themes.values()]
    assert await show_each(converted) == [t.name for t in converted]


async def test_the_ansi_theme_sends_the_terminals_own_colours() -> None:
    themes, _ = load_themes()
    app = Gallery()
    register_themes(app, themes)
    async with app.run_test() as pilot:
        app.theme = ANSI_THEME
        await pilot.pause()
        assert app.native_ansi_color is True
        app.theme = DEFAULT_THEME
        await pilot.pause()
        assert app.native_ansi_color is False


def _sample(kind: str, percent: bool) -> str:
    return {
        "colour": "#336699 40%" if percent else "ansi_bright_blue",
        "plain-colour": "#336699" if percent else "rgb(10,20,30)",
        "auto-colour": "auto 80%" if percent else "#dddddd",
        "initial-colour": "initial" if percent else "#224466",
        "style": "bold underline" if percent else "none",
    }[kind]


@pytest.mark.parametrize("percent", [True, False], ids=["with-percent-auto-initial", "plain-colours"])
async def test_any_variable_value_the_model_accepts_renders(percent: bool) -> None:
    """The model accepts a value for a variable only in a form Textual's CSS takes there.

    A bad variable value would make Textual's stylesheet fail and end the app, so this sets
    every variable Textual knows to a value of each accepted form and shows the result.
    """
    variables = {name: _sample(kind, percent) for name, kind in theme_variables().items()}
    spec = ThemeSpec.model_validate({"name": "every-variable", "primary": "#336699", "variables": variables})
    assert await show_each([to_textual_theme(spec)]) == ["every-variable"]


async def test_load_and_register_adds_bundled_and_user_themes(tmp_path: Path) -> None:
    user_dir = Path.home() / ".config" / "netcoach" / "themes"
    user_dir.mkdir(parents=True)
    (user_dir / "ocean.toml").write_bytes((FIXTURES / "ocean.toml").read_bytes())
    (user_dir / "broken.toml").write_bytes((FIXTURES / "bad-colour.toml").read_bytes())
    app = Gallery()
    themes, problems = load_and_register(app)
    assert {DEFAULT_THEME, ANSI_THEME, "ocean"} <= set(app.available_themes)
    assert "ocean" in themes
    assert [p.path.name for p in problems] == ["broken.toml"]
    async with app.run_test() as pilot:
        app.theme = "ocean"
        await pilot.pause()
        assert app.current_theme.primary == "#4fa3d1"
