"""Keys that arrive together act in the order typed in every field of the dialogs and forms, not only the draft's.

``burst()`` queues the keys before the app handles any, as a busy machine or a slow SSH link reads a fast typist's
keys. A key a field acts on through a binding (ctrl+a, Home, Backspace, Enter) must act where it was typed: without
that, the letters typed after it were typed first, and what was saved was not what the user typed.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from netcoach.storage.store import Store
from netcoach.tui.app import NetcoachApp
from netcoach.tui.dialogs.new_contact import NewContactForm
from netcoach.tui.dialogs.promise_form import PromiseForm
from tests.app.conftest import OpenApp
from tests.app.helpers import burst, demo_store, settle


async def new_contact_form(app: NetcoachApp, pilot: Pilot[int]) -> NewContactForm:
    """The new-contact form, opened with n from an empty folder's Today."""
    await pilot.press("n")
    await pilot.pause()
    form = app.screen
    assert isinstance(form, NewContactForm)
    return form


async def test_keys_that_arrive_together_act_in_the_order_typed_in_the_contact_forms_name(
    store: Store, open_app: OpenApp
) -> None:
    async with open_app(store) as (app, pilot):
        form = await new_contact_form(app, pilot)
        name = form.query_one("#field-name Input", Input)
        assert form.focused is name
        await pilot.press(*"Chen")
        burst(app, "ctrl+a", *"Mya", "backspace", "backspace", *"aya ", "end", *" Li", *["backspace"] * 3, "home")
        await settle(pilot)
        assert name.value == "Maya Chen"
        assert name.cursor_position == 0
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, NewContactForm)
    assert [record.contact.name for record in store.reader.load().records] == ["Maya Chen"]


async def test_keys_that_arrive_together_act_in_the_order_typed_in_a_forms_text_area(
    store: Store, open_app: OpenApp
) -> None:
    async with open_app(store) as (app, pilot):
        form = await new_contact_form(app, pilot)
        await pilot.press(*"Maya Chen")
        story = form.query_one("#field-story TextArea", TextArea)
        form.set_focus(story)
        await pilot.press(*"talked about dbt")
        burst(app, "home", *"We", "backspace", "backspace", *"She ", "end", *" and Lisbon", "home")
        await settle(pilot)
        assert story.text == "She talked about dbt and Lisbon"
        assert story.cursor_location == (0, 0)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, NewContactForm)
    [record] = store.reader.load().records
    assert record.contact.story == "She talked about dbt and Lisbon"


async def test_enter_in_a_burst_saves_once_what_was_typed_before_it(tmp_path: Path, open_app: OpenApp) -> None:
    """Enter saves the promise form: with the whole text typed before it (ctrl+a included, so not as the keys
    happened to be handled), never the letters typed after it, and only once."""
    store = demo_store(tmp_path)
    async with open_app(store) as (app, pilot):
        entry = app.screen.selected_entry()
        assert entry is not None
        before = list(store.contacts.read(entry.id).contact.promises)
        await pilot.press("p")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PromiseForm)
        assert form.focused is form.query_one("#field-text Input", Input)
        burst(app, *"the dbt article", "ctrl+a", *"semd", "backspace", "backspace", *"nd ", "enter", *"zz")
        await settle(pilot)
        assert not isinstance(app.screen, PromiseForm)
        promises = store.contacts.read(entry.id).contact.promises
        assert [p.text for p in promises[len(before) :]] == ["send the dbt article"]


TYPING_WIDGETS = {"Input", "TextArea", "MaskedInput"}
"""Textual's fields for typing words: the app makes none directly, only its in-order ones."""


def test_no_field_for_typing_is_made_but_an_in_order_one() -> None:
    """Every Input and TextArea of the app acts on its keys in the order typed: none is made (or subclassed)
    in netcoach/tui but by netcoach/tui/widgets/keys_in_order.py, so a new form cannot forget it."""
    import ast

    import netcoach.tui

    root = Path(netcoach.tui.__file__).parent
    home = root / "widgets" / "keys_in_order.py"
    found: list[str] = []
    for path in sorted(root.rglob("*.py")):
        if path == home:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            named: list[ast.expr] = []
            if isinstance(node, ast.Call):
                named = [node.func]
                if isinstance(node.func, ast.Attribute):
                    named.append(node.func.value)  # TextArea.code_editor(...)
            elif isinstance(node, ast.ClassDef):
                named = list(node.bases)
            for expr in named:
                name = expr.id if isinstance(expr, ast.Name) else expr.attr if isinstance(expr, ast.Attribute) else ""
                if name in TYPING_WIDGETS:
                    found.append(f"{path.relative_to(root)}:{node.lineno} {name}")
    assert found == []
