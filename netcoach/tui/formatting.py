"""Small pieces of Rich Text the screens and widgets share: columns cut to a width, kinds in words."""

from __future__ import annotations

import datetime as dt

from rich.text import Text

FAR_DAYS = 180
"""A date further than this from today is shown with its year."""


def kind_words(kind: str) -> str:
    """A kind (``follow_up``, ``in_touch``) in words: ``follow up``."""
    return kind.replace("_", " ")


def padded(text: str | Text, width: int) -> Text:
    """A column of exactly ``width`` cells: the text, cut with an ellipsis if needed, then at least one space."""
    out = text.copy() if isinstance(text, Text) else Text(text)
    room = max(width - 1, 0)
    if out.cell_len > room:
        out.truncate(max(room - 1, 0))
        out.append("…")
    out.pad_right(width - out.cell_len)
    return out


STAGE_NOTES = {
    "new": "{name} is back among the new people.",
    "in_touch": "{name} is in touch.",
    "resting": "Letting {name} rest; a light hello later.",
    "not_now": "Right person, wrong time: the door stays open for {name}.",
    "archived": "Archived {name}.",
}
"""What a notice says when the user moves someone to a stage (never "X is now not now")."""


def stage_note(name: str, stage: str) -> str:
    """The notice for moving ``name`` to ``stage``."""
    return STAGE_NOTES.get(stage, "{name}: " + kind_words(stage) + ".").format(name=name)


def short_date(day: dt.date, today: dt.date) -> str:
    """'Wed 9 Dec', with the year when the date is more than 180 days from ``today`` ('Mon 4 Jan 2027')."""
    text = f"{day:%a} {day.day} {day:%b}"
    return f"{text} {day.year}" if abs((day - today).days) > FAR_DAYS else text
