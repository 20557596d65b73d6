"""Snapshots of the main screens at 80x24 (fixed today, demo data), and Today in every bundled theme."""

from __future__ import annotations

from pathlib import Path

import pytest

from netcoach.themes import load_themes
from tests.app.helpers import SIZE, demo_store, make_app, settle

BUNDLED = sorted(load_themes(user_dir=Path("/nonexistent"))[0])


def test_today(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(demo_store(tmp_path)), terminal_size=SIZE, run_before=settle)


def test_contacts(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(demo_store(tmp_path)), terminal_size=SIZE, press=["2"], run_before=settle)


def test_contact(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(demo_store(tmp_path)), terminal_size=SIZE, press=["enter"], run_before=settle)


def test_wide_today_has_a_side_panel(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(demo_store(tmp_path)), terminal_size=(120, 30), run_before=settle)


@pytest.mark.parametrize("theme", BUNDLED)
def test_today_in_every_theme(snap_compare, tmp_path: Path, theme: str) -> None:  # type: ignore[no-untyped-def]
    store = demo_store(tmp_path)
    app = make_app(store)
    app.theme = theme
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_events(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Events (5): upcoming with their goal, past with the people met; the prep of the first one below."""
    assert snap_compare(make_app(demo_store(tmp_path)), terminal_size=SIZE, press=["5"], run_before=settle)
