"""What the timing engine and the evidence read of a contact, whichever form it comes in.

A whole :class:`~netcoach.model.contact.Contact` (a form, a draft, ``netcoach log``) and the
light :class:`~netcoach.model.view.ContactView` the index gives (``netcoach due``, the app's
lists) both have this shape, so the engine and the evidence are written once, for either.
Plain protocols: no pydantic, so ``netcoach due`` stays light.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from netcoach.model.kinds import InteractionKind, Outcome, Stage
from netcoach.model.partial_date import PartialDate


class InteractionLike(Protocol):
    """One interaction as the timing engine and the evidence read it (its summary is not needed)."""

    @property
    def date(self) -> dt.date: ...
    @property
    def kind(self) -> InteractionKind: ...
    @property
    def awaiting_reply(self) -> bool | None: ...
    @property
    def expected(self) -> Outcome | None: ...
    @property
    def anxiety(self) -> int | None: ...
    @property
    def outcome(self) -> Outcome | None: ...


class PromiseLike(Protocol):
    """A promise as the timing engine reads it (:class:`netcoach.model.contact.Promise` or its view)."""

    @property
    def text(self) -> str: ...
    @property
    def by(self) -> dt.date: ...
    @property
    def whose(self) -> str: ...
    @property
    def made_on(self) -> dt.date: ...
    @property
    def kept_on(self) -> dt.date | None: ...
    @property
    def mine(self) -> bool: ...


class ContactLike(Protocol):
    """A contact as the timing engine and the evidence read it: who, where it stands, the dates, the history."""

    @property
    def name(self) -> str: ...
    @property
    def first_name(self) -> str: ...
    @property
    def stage(self) -> Stage: ...
    @property
    def met_at(self) -> str: ...
    @property
    def met_on(self) -> dt.date | None: ...
    @property
    def met_through(self) -> str:
        """Who introduced you: the other contact's id ("" for nobody)."""
        ...

    @property
    def reach_out_after(self) -> dt.date | None: ...
    @property
    def reach_out_reason(self) -> str: ...
    @property
    def snoozed_until(self) -> dt.date | None: ...
    @property
    def connected_on(self) -> dt.date | None: ...
    @property
    def cadence_days(self) -> int | None: ...
    @property
    def last_contact(self) -> PartialDate | None:
        """When they were last in touch, as remembered (history logged later): a year, a month or a day."""
        ...

    @property
    def interactions(self) -> Sequence[InteractionLike]:
        """Every interaction, notes included, in the order they were logged."""
        ...

    @property
    def promises(self) -> Sequence[PromiseLike]:
        """Every promise, kept ones included, in the order they were made."""
        ...

    def contacted(self) -> Sequence[InteractionLike]:
        """The interactions that are real contact (notes left out), oldest first, ties in logged order."""
        ...

    def last_interaction(self) -> InteractionLike | None:
        """The latest of :meth:`contacted`, or ``None``."""
        ...
