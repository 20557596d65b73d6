"""The Draft screen's lines of words: the head (to whom, kind, tone, channel), the coach's hints, the status."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from netcoach.coach.drafts import Draft
from netcoach.coach.hints import Hint, word_count
from netcoach.model.kinds import Channel
from netcoach.tui.formatting import kind_words


def draft_head(draft: Draft, name: str) -> Text:
    """``To Maya Chen · follow up (k) · casual (t) · e-mail (c)``: the keys that change each part."""
    channel = "e-mail" if draft.channel is Channel.EMAIL else f"short message ({draft.channel.value})"
    return Text.assemble(
        ("To ", "dim"),
        (name, "bold"),
        " · ",
        kind_words(draft.kind.value),
        (" (k)", "dim"),
        " · ",
        draft.tone.value,
        (" (t)", "dim"),
        " · ",
        channel,
        (" (c)", "dim"),
    )


def hint_lines(hints: Sequence[Hint], seen_failing: set[str]) -> Text:
    """Failing hints first (why, in one line), then the ones fixed since they fired."""
    out = Text()
    failing = [h for h in hints if not h.ok]
    fixed = [h for h in hints if h.ok and h.id in seen_failing]
    for hint in failing:
        out.append("• ", style="bold")
        out.append(hint.message + "\n")
    for hint in fixed:
        out.append("✓ ", style="bold")
        out.append(f"{hint.message}\n", style="dim")
    if not failing:
        out.append("Looks good. Send it when you are ready; it does not have to be perfect.", style="bold")
    return out


def status_line(draft: Draft, *, unsaved: bool, editing: bool) -> str:
    """``42 words · saved 14:05 · Enter: edit``."""
    saved = "unsaved changes" if unsaved else f"saved {draft.updated.astimezone():%H:%M}"
    keys = "Esc: done editing" if editing else "Enter: edit"
    return f"{word_count(draft.body)} words · {saved} · {keys}"
