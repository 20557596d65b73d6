"""The placeholders a message template may use, and the markers left where a value is missing.

A placeholder is written ``{first_name}`` in a template (the list is :data:`PLACEHOLDERS`). A
placeholder whose value is missing becomes a visible marker such as ``[where we met?]``: never
a gap, a literal ``{met_at}`` or "None". :func:`find_markers` finds the markers still in a
message, as rendered or after the user's edits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PLACEHOLDERS: dict[str, str] = {
    "first_name": "[first name?]",
    "name": "[their name?]",
    "company": "[their company?]",
    "role": "[their role?]",
    "met_at": "[where we met?]",
    "met_when": "[when we met?]",
    "common_ground": "[what we have in common?]",
    "they_can_help": "[what they can help with?]",
    "i_can_offer": "[what I can offer?]",
    "last_when": "[when we last spoke?]",
    "reach_out_reason": "[why they asked you to wait?]",
    "my_name": "[your name?]",
    "signature": "[your signature?]",
    "your_words": "[your words here?]",
    "looking_for": "[what you are looking for?]",
    "name_company": "[their name and company?]",
    "other_name": "[the other person?]",
    "other_first_name": "[the other person's first name?]",
    "other_company": "[the other person's company?]",
    "other_role": "[the other person's role?]",
    "other_can_help": "[what the other person knows about?]",
    "other_name_company": "[the other person and company?]",
    "shared": "[what they have in common?]",
}
"""Every placeholder a template may use, and the marker shown when its value is missing."""

PLACEHOLDER_HELP: dict[str, str] = {
    "first_name": "their first name",
    "name": "their full name",
    "company": "where they work (the contact's company)",
    "role": "their job title (the contact's role)",
    "met_at": "where you met (the contact's met_at)",
    "met_when": "when you met, in words: 'yesterday', 'on Tuesday', 'last month' (met_on)",
    "common_ground": "one or two things you have in common (common_ground)",
    "they_can_help": "what you would like to learn from them (they_can_help)",
    "i_can_offer": "what you can offer them (i_can_offer; else [user] can_offer in config.toml)",
    "last_when": "when you were last in touch, in words (the latest interaction)",
    "reach_out_reason": "their words beside the date they gave: 'back from parental leave' (reach_out_reason)",
    "my_name": "your name ([user] name in config.toml)",
    "signature": "your e-mail signature ([user] signature in config.toml)",
    "your_words": "never filled in: marks where you write something only you can say",
    "looking_for": "what you want, in one sentence ([user] looking_for in config.toml)",
    "name_company": "their name, and their company in brackets when known: 'Gia Roy (Acme)'",
    "other_name": "introductions: the other person's full name (draft --about OTHER)",
    "other_first_name": "introductions: the other person's first name",
    "other_company": "introductions: the other person's company",
    "other_role": "introductions: the other person's role",
    "other_can_help": "introductions: what the other person could help with (their they_can_help)",
    "other_name_company": "introductions: the other person's name, and company in brackets when known",
    "shared": "introductions: what the two have in common (tags, common ground, company)",
}
"""What each placeholder stands for, in the user's words (for help and hints)."""

MARKER_FIELDS: dict[str, str] = {marker: name for name, marker in PLACEHOLDERS.items()}
"""The placeholder each marker stands for."""
MARKER_PATTERN = re.compile("|".join(re.escape(marker) for marker in PLACEHOLDERS.values()))
"""Any one marker."""


@dataclass(frozen=True, slots=True)
class Marker:
    """A visible gap in a message: where a value was missing, to fill in or delete.

    ``start``/``end`` are offsets into the text; ``start_location``/``end_location`` are the
    same as (row, column), 0-based, as a TextArea selection wants them.
    """

    field: str
    text: str
    start: int
    end: int
    start_location: tuple[int, int]
    end_location: tuple[int, int]


def location(text: str, offset: int) -> tuple[int, int]:
    """The (row, column), 0-based, of ``offset`` in ``text``."""
    row = text.count("\n", 0, offset)
    return row, offset - (text.rfind("\n", 0, offset) + 1)


def find_markers(text: str) -> tuple[Marker, ...]:
    """Every marker still in ``text`` (as rendered, or after the user's edits), in order."""
    found = []
    for match in MARKER_PATTERN.finditer(text):
        start, end = match.span()
        found.append(
            Marker(
                MARKER_FIELDS[match.group(0)], match.group(0), start, end, location(text, start), location(text, end)
            )
        )
    return tuple(found)
