"""A date as the user remembers it, typed: a year, a month, or any date netcoach reads."""

from __future__ import annotations

import datetime as dt

from netcoach.model.partial_date import FORMS, PartialDate
from netcoach.timing.dates import PAST, parse_date


def remembered_date(text: str, today: dt.date) -> PartialDate:
    """A year ('2019'), a month ('2023-06'), or any date :func:`parse_date` reads ('yesterday', ISO ...).

    ``ValueError`` names the forms that work.
    """
    try:
        return PartialDate.parse(text)
    except ValueError:
        pass
    try:
        return PartialDate.of(parse_date(text, today, PAST))
    except ValueError:
        raise ValueError(f"{text!r} is not {FORMS}, nor a date netcoach reads") from None
