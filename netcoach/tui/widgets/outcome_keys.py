"""The four answers to "what do you expect?" and "what happened?", one key each."""

from __future__ import annotations

from rich.text import Text

from netcoach.coach.evidence import OUTCOME_CHOICES
from netcoach.model.kinds import Outcome


def outcome_keys(chosen: Outcome | None = None, suggested: Outcome | None = None) -> Text:
    """``1 No reply  2 A polite no  3 A reply  4 Real help``, the chosen one highlighted."""
    out = Text()
    for number, (outcome, label) in enumerate(OUTCOME_CHOICES, start=1):
        if number > 1:
            out.append("  ")
        out.append(str(number), style="bold")
        out.append(" ")
        out.append(label, style="reverse bold" if outcome is chosen else "")
        if outcome is suggested:
            out.append(" (likely)", style="dim")
    return out
