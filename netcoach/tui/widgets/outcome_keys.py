"""The four answers to "what do you expect?" and "what happened?", one letter key each.

Letters, never digits: the digits 1-4 always change screen.
"""

from __future__ import annotations

from rich.text import Text

from netcoach.coach.evidence import OUTCOME_CHOICES
from netcoach.model.kinds import Outcome

OUTCOME_KEYS = ("n", "p", "r", "h")
"""The key of each of :data:`OUTCOME_CHOICES`, in order: no reply, polite no, reply, real help."""


def outcome_keys(chosen: Outcome | None = None, suggested: Outcome | None = None) -> Text:
    """``n No reply  p A polite no  r A reply  h Real help``, the chosen one highlighted."""
    out = Text()
    for number, ((outcome, label), key) in enumerate(zip(OUTCOME_CHOICES, OUTCOME_KEYS, strict=True)):
        if number:
            out.append("  ")
        out.append(key, style="bold")
        out.append(" ")
        out.append(label, style="reverse bold" if outcome is chosen else "")
        if outcome is suggested:
            out.append(" (likely)", style="dim")
    return out
