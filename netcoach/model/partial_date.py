"""A date as people remember it: a year ("2019"), a month ("2023-06") or a day ("2023-06-14").

For history logged long after it happened (``netcoach add NAME --last-contact 2019``): kept
with the precision it was given, written to the contact file as that text, shown as "in 2019"
or "in June 2023". Plain Python (``netcoach due`` reads it without pydantic); in a contact file
it is validated like a field (:meth:`PartialDate.__get_pydantic_core_schema__`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

_FORM = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
FORMS = "a year (2019), a month (2023-06) or a date (2023-06-14)"


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A year, a month or a day; ``month``/``day`` are None when not known."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if not 1900 <= self.year <= 2199:
            raise ValueError(f"the year {self.year} is out of range")
        self.start  # noqa: B018 - checks the month and the day exist

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """'2019', '2023-06' or '2023-06-14'; ``ValueError`` naming the forms that work."""
        match = _FORM.match(text.strip())
        if not match:
            raise ValueError(f"{text!r} is not {FORMS}")
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None
        try:
            return cls(year, month, day)
        except ValueError:
            raise ValueError(f"{text!r} is not {FORMS}") from None

    @classmethod
    def of(cls, day: dt.date) -> PartialDate:
        return cls(day.year, day.month, day.day)

    @property
    def start(self) -> dt.date:
        """The first day it may mean (the date the timing rules use)."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def exact(self) -> bool:
        return self.day is not None

    def text(self) -> str:
        """As stored: '2019', '2023-06' or '2023-06-14'."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return self.start.isoformat()

    def words(self) -> str:
        """As said: 'in 2019', 'in June 2023'; a whole date as '14 June 2023'."""
        if self.month is None:
            return f"in {self.year}"
        if self.day is None:
            return f"in {self.start:%B} {self.year}"
        return f"{self.day} {self.start:%B} {self.year}"

    def __str__(self) -> str:
        return self.text()

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        """In a contact file: the text '2019' / '2023-06' / '2023-06-14', or a TOML date; written back as text."""
        from pydantic_core import core_schema

        def read(value: Any) -> PartialDate:
            if isinstance(value, cls):
                return value
            if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                return cls.of(value)
            if isinstance(value, int) and not isinstance(value, bool):
                value = str(value)
            if isinstance(value, str):
                return cls.parse(value)
            raise ValueError(f"expected {FORMS}")

        return core_schema.no_info_plain_validator_function(
            read,
            serialization=core_schema.plain_serializer_function_ser_schema(lambda value: value.text()),
        )
