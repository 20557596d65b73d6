"""Promises: what you said you would do, and what they said they would.

Pure functions of a contact and today (nothing here reads the clock or the disk):

- yours (``mine``): a follow-up of kind ``promise``, due on its date (by default
  :data:`MINE_BUSINESS_DAYS` business days after it was made), quoting it;
- theirs: if nothing was received from them after the day it was made, a gentle follow-up of
  kind ``waiting_on``, due on its date (by default :data:`THEIRS_DAYS` days after), quoting it.

A kept promise is never due, nor is any promise of an archived contact. Due dates on a weekend
move to the Monday after. The engine (:func:`netcoach.timing.engine.follow_ups`) lists these
beside the contact's message follow-up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from netcoach.model.kinds import InteractionKind, Stage, TaskKind
from netcoach.model.text import fold
from netcoach.timing.dates import add_business_days, long_date, skip_weekend, when_words

if TYPE_CHECKING:
    from netcoach.model.readable import ContactLike, PromiseLike

MINE_BUSINESS_DAYS = 2
"""Your promise with no date: due this many business days after you made it."""

THEIRS_DAYS = 7
"""Their promise with no date: check in this many days after they made it, if nothing came."""


def default_by(whose: str, today: dt.date) -> dt.date:
    """The date a promise made ``today`` is due when none was given."""
    if whose == "theirs":
        return today + dt.timedelta(days=THEIRS_DAYS)
    return add_business_days(today, MINE_BUSINESS_DAYS)


def open_promises(contact: ContactLike) -> list[PromiseLike]:
    """The promises not kept yet, by date (ties in the order they were made)."""
    return sorted((p for p in contact.promises if p.kept_on is None), key=lambda p: p.by)


def received_since(contact: ContactLike, promise: PromiseLike) -> bool:
    """Did something come from them after the day the promise was made?"""
    return any(i.kind is InteractionKind.RECEIVED and i.date > promise.made_on for i in contact.interactions)


def promise_dues(contact: ContactLike, today: dt.date) -> list[tuple[dt.date, TaskKind, str, str]]:
    """(due date, kind, reason, the promise's text) of every open promise that asks something of you, by date."""
    if contact.stage is Stage.ARCHIVED:
        return []
    found: list[tuple[dt.date, TaskKind, str, str]] = []
    for promise in open_promises(contact):
        said = when_words(promise.made_on, today)
        if promise.mine:
            reason = f'You said {said} you would "{promise.text}". Do it, or tell {contact.first_name} when you will.'
            found.append((skip_weekend(promise.by), TaskKind.PROMISE, reason, promise.text))
        elif not received_since(contact, promise):
            reason = (
                f'{contact.first_name} said {said} they would "{promise.text}"; nothing yet. '
                "A gentle check-in is normal: people forget, not refuse."
            )
            found.append((skip_weekend(promise.by), TaskKind.WAITING_ON, reason, promise.text))
    return found


def match_promise(promises: Sequence[PromiseLike], words: str) -> list[int]:
    """The places of the open promises whose text matches ``words``: the whole text, else a word or a
    prefix of a word or of the text (case- and accent-insensitive). More than one place: ambiguous."""
    wanted = fold(words).strip()
    if not wanted:
        return []
    open_ones = [(n, fold(p.text)) for n, p in enumerate(promises) if p.kept_on is None]
    exact = [n for n, text in open_ones if text == wanted]
    if exact:
        return exact
    return [n for n, text in open_ones if text.startswith(wanted) or any(w.startswith(wanted) for w in text.split())]


def describe_promise(promise: PromiseLike, today: dt.date) -> str:
    """One line: 'yours: "send the dbt article", by Friday 4 December' (kept: 'kept 3 December')."""
    whose = "yours" if promise.mine else "theirs"
    if promise.kept_on is not None:
        return f'{whose}: "{promise.text}", kept {long_date(promise.kept_on, today)}'
    return f'{whose}: "{promise.text}", by {long_date(promise.by, today)}'
