"""Plain helpers shared by the test folders (fixtures live in the conftest.py files)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from netcoach.model.contact import Contact, Interaction
from netcoach.model.kinds import InteractionKind, MessageKind
from netcoach.storage.journal import Journal, Recorder
from netcoach.storage.store import Store

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
"""The sample files: ``import/`` (LinkedIn, vCard, Google exports) and ``themes/`` (theme files, good and bad)."""

MakeStore = Callable[..., Store]
"""The type of the ``make_store`` fixture."""
UserTheme = Callable[..., Path]
"""The type of the ``user_theme`` fixture."""

BUNDLED_THEMES = frozenset({"netcoach-dark", "netcoach-light", "netcoach-contrast", "netcoach-ansi"})
"""The themes netcoach ships with."""

ENGINE_KINDS = frozenset(
    {
        MessageKind.FOLLOW_UP,
        MessageKind.NUDGE,
        MessageKind.REPLY,
        MessageKind.THANK_YOU,
        MessageKind.KEEP_IN_TOUCH,
        MessageKind.RECONNECT,
    }
)
"""The kinds of message the timing engine itself suggests (the others are drafts the user picks)."""

STATS_JSON_KEYS = [
    "today",
    "messages_sent",
    "waited_for_nothing",
    "replies",
    "too_recent",
    "reply_rate",
    "median_days_to_reply",
    "enough_data",
    "predictions",
    "anxiety",
    "lines",
]
"""The documented keys of ``netcoach stats --json``, in order."""


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``, by relative path, with its bytes (nothing when there is no folder)."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def maya(**changes: object) -> Contact:
    """Maya Chen, met at the SDSU alumni happy hour on 17 November 2026 (the day before today), with ``changes``."""
    met_on = dt.date(2026, 11, 17)
    data: dict[str, object] = {
        "name": "Maya Chen",
        "company": "Brightline Health",
        "emails": ["maya.chen@example.com"],
        "met_at": "the SDSU alumni happy hour",
        "met_on": met_on,
        "interactions": [Interaction(date=met_on, kind="met", channel="in_person", summary="Swapped cards")],
    }
    data.update(changes)
    return Contact.model_validate(data)


AWKWARD_PEOPLE = [
    Contact(
        name="Maya Chen",
        company="Brightline Health, Inc",
        role="Product Designer; Research",
        emails=["maya.chen@example.com", "maya@home.example"],
        phone="+1 555 0100",
        linkedin="https://www.linkedin.com/in/maya-chen-example",
        tags=["design", "alumni"],
        notes="Met by the window.\nLikes accessible forms.",
        interactions=[Interaction(date=dt.date(2026, 11, 16), kind=InteractionKind.MET)],
    ),
    Contact(name="李小龙", company="北京科技", role="工程师", emails=["li@example.com"]),
    Contact(name="Zoë Ålander", role='The "Boss"', phone="555-0123"),
    Contact(name="Cher"),
    Contact(name='=HYPERLINK("http://evil.example")', company="@SUM(A1)", role="-2+cmd|' /C calc'!A0"),
]
"""People whose details are awkward to export: separators, line breaks, other scripts, one name only, formulas.
The ``awkward_store`` fixture holds them."""


def after_the_journal_entry(monkeypatch: pytest.MonkeyPatch, install: Callable[[], None]) -> None:
    """Call ``install`` once the undo journal has written the entry of the change under way (every
    change writes its entry first): from then on the change's own files meet what it installs."""
    real_save = Journal.save

    def save(journal: Journal, recorder: Recorder) -> None:
        real_save(journal, recorder)
        install()

    monkeypatch.setattr(Journal, "save", save)
