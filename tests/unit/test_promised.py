"""Promises found in what you write: "I'll send it by Friday"."""

from __future__ import annotations

import datetime as dt

import pytest

from netcoach.coach.promised import promises_in

TODAY = dt.date(2026, 11, 18)  # Wednesday


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Thanks! I'll send it by Friday.", [("send it", dt.date(2026, 11, 20), True)]),
        ("I\u2019ll share my notes on 4 December.", [("share my notes", dt.date(2026, 12, 4), True)]),
        ("I will forward the deck tomorrow", [("forward the deck", dt.date(2026, 11, 19), True)]),
        ("Let me introduce you to Ana next week.", [("introduce you to Ana", dt.date(2026, 11, 23), True)]),
        ("I'll send it on Wednesday", [("send it", dt.date(2026, 11, 25), True)]),  # today is Wednesday: next one
        ("I'll share my notes on 3 January", [("share my notes", dt.date(2027, 1, 3), True)]),
        ("I'll send you the article.", [("send you the article", dt.date(2026, 11, 20), False)]),  # default date
        (
            "I will send the article tomorrow, and I can introduce you to Ana next week.",
            [("send the article", dt.date(2026, 11, 19), True), ("introduce you to Ana", dt.date(2026, 11, 23), True)],
        ),
        ("Let me know what you think.", []),
        ("I'll send.", []),
        ("Would you send it?", []),
    ],
)
def test_promises_in_a_draft(text: str, found: list[tuple[str, dt.date, bool]]) -> None:
    assert [(p.text, p.by, p.said_when) for p in promises_in(text, TODAY)] == found
