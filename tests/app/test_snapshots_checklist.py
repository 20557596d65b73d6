"""Snapshots of the Checklist screen (key 4) and the check before sending, at 80x24 (fixed today, demo data)."""

from __future__ import annotations

from pathlib import Path

from tests.app.helpers import SIZE, demo_store, make_app, settle
from tests.app.test_tui_checklist import NERVOUS_BODY, SendCheckApp, add_predicted, send_check, set_draft


def test_checklist_for_a_draft(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    async def writing(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await set_draft(pilot, NERVOUS_BODY)

    app = make_app(demo_store(tmp_path))
    assert snap_compare(app, terminal_size=SIZE, press=["4", "down", "space", "down"], run_before=writing)


def test_checklist_without_a_draft(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(demo_store(tmp_path)), terminal_size=SIZE, press=["4"], run_before=settle)


def test_worries_answered(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(demo_store(tmp_path))
    assert snap_compare(app, terminal_size=SIZE, press=["4", "w", "down", "down", "enter"], run_before=settle)


def test_evidence_and_what_happened(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = demo_store(tmp_path)
    add_predicted(store, "Ines Moreau", days_ago=20)
    add_predicted(store, "Jonas Berg", days_ago=12)
    assert snap_compare(make_app(store), terminal_size=SIZE, press=["4", "v"], run_before=settle)


def test_send_check(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(SendCheckApp(send_check()), terminal_size=SIZE, press=["p", "plus", "plus"])
