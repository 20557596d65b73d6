"""Plain helpers shared by the test folders (fixtures live in the conftest.py files)."""

from __future__ import annotations

import datetime as dt
import re
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
    "events",  # issue 15
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
    """Call ``install`` once the undo journal has written the entry of the change under way (a change
    writes its entry before its files; a batch, once its files are staged, before its commit): from then
    on the change's own files meet what it installs."""
    real_save = Journal.save

    def save(journal: Journal, recorder: Recorder) -> None:
        real_save(journal, recorder)
        install()

    monkeypatch.setattr(Journal, "save", save)


# -- names a terminal would act on ----------------------------------------------------------

ESCAPE = "\x1b]2;PWNED\x07"
"""Sets the terminal's (or tmux pane's) title to PWNED if printed raw."""
CLEAR = "\x1b[2J"
"""Clears the screen if printed raw."""
SHOWN = "\\u001b]2;PWNED\\u0007"
""":data:`ESCAPE` as netcoach shows it."""

RAW_CONTROL = re.compile(r"\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""A character a terminal would act on (newline, tab and a CRLF line end aside)."""


def plant_escape_names(root: Path, themes_dir: Path) -> None:
    """Put :data:`ESCAPE` in every user-controlled name netcoach may quote: a contact file's name (one more
    Bob Smith, so "Bob" is ambiguous), keys in a contact file, in ``interactions.0``, in a template, in a
    theme's ``[variables]`` and in ``[keymap]`` of config.toml, and a file to import named with it."""
    contacts = root / "contacts"
    contacts.mkdir(parents=True, exist_ok=True)
    bob = 'name = "Bob Smith"\n\n[[interactions]]\ndate = 2026-11-10\nkind = "sent"\nchannel = "email"\n'
    (contacts / "bob-smith.toml").write_text(bob, encoding="utf-8")
    (contacts / f"{ESCAPE}{CLEAR}bob.toml").write_text(bob, encoding="utf-8")
    (contacts / "keyevil.toml").write_text('"\\u001b]2;PWNED\\u0007" = 1\nname = "Kay"\n', encoding="utf-8")
    (contacts / f"{ESCAPE}.toml").write_text("name = [\n", encoding="utf-8")  # and a TOML syntax error
    (contacts / "interevil.toml").write_text(
        'name = "Ira"\n\n[[interactions]]\ndate = 2026-11-10\nkind = "sent"\n"\\u001b[2Jx" = 1\n', encoding="utf-8"
    )
    (root / "templates").mkdir(exist_ok=True)
    (root / "templates" / f"{ESCAPE}.toml").write_text(
        'id = "mine"\nkind = "follow_up"\ntone = "casual"\nsubject = "Hi"\nbody = "Hi {\\u001b]2;PWNED\\u0007}"\n',
        encoding="utf-8",
    )
    (root / "config.toml").write_text(
        '[keymap]\n"netcoach.\\u001b]2;PWNED\\u0007" = "ctrl+x"\n"netcoach.log" = "ctrl+l"\n', encoding="utf-8"
    )
    themes_dir.mkdir(parents=True, exist_ok=True)
    (themes_dir / f"{ESCAPE}.toml").write_text(
        'name = "evil"\nprimary = "#336699"\n\n[variables]\n"\\u001b]2;PWNED\\u0007" = "#ffffff"\n', encoding="utf-8"
    )
    (root.parent / f"{ESCAPE}.vcf").write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Vera Card\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )


def watch_worker_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many files each read gave to worker processes (-1: none, read in this process), filled in as reads
    happen (see netcoach.storage.parallel)."""
    from collections.abc import Iterator

    from netcoach.storage import parallel
    from netcoach.storage import reader as reader_module
    from netcoach.timing.rules import TimingRules

    used: list[int] = []
    original = parallel.read_in_parallel

    def watched(
        root: Path, stale: list[tuple[str, parallel.Stat]], rules: TimingRules | None = None
    ) -> Iterator[parallel.Result] | None:
        found = original(root, stale, rules)
        if found is None:
            used.append(-1)
            return None
        results = list(found)
        used.append(len(results))
        return iter(results)

    monkeypatch.setattr(reader_module, "read_in_parallel", watched)
    return used


def watch_views_made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the views made from compact copies (``ContactView.from_brief``), filled in as they are made."""
    from netcoach.model.view import ContactView

    made: list[str] = []
    original = ContactView.from_brief.__func__  # type: ignore[attr-defined]

    def from_brief(cls: type[ContactView], brief: str) -> ContactView:
        view = original(cls, brief)
        made.append(view.name)
        return view

    monkeypatch.setattr(ContactView, "from_brief", classmethod(from_brief))
    return made
