"""Small pieces of Rich Text the screens and widgets share: columns cut to a width, kinds in words."""

from __future__ import annotations

from rich.text import Text


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
