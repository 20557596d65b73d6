"""The validated field types of every file a user writes: text cleaned on the way in, ids checked.

Each is an ``Annotated`` string (or list) for a pydantic model: :class:`OneLine` and
:class:`FreeText` clean control characters and escape sequences out of what the user typed or
imported, the ``NonEmpty`` ones also refuse a blank value, and :func:`matching` makes a
validator for an id or a name from a pattern and the words that explain it. The contact, the
templates, the checklist, the drafts, the settings and the themes all use these, so the same
field is checked the same way in every file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import cache
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator, ValidationInfo
from pydantic.networks import validate_email

from netcoach.model.days import out_of_range
from netcoach.model.text import clean_line, clean_line_already, clean_text

TRUSTED: dict[str, bool] = {"netcoach_trusted": True}
"""Validation context for data netcoach wrote itself after validating it (the index's copy of a
file): text is not cleaned again and e-mail addresses are not checked again; types, dates,
enums and unknown keys still are. Never use it for anything a user or another program wrote."""


def _trusted(info: ValidationInfo) -> bool:
    return info.context is TRUSTED


def _clean_line(value: object, info: ValidationInfo) -> object:
    if not isinstance(value, str) or clean_line_already(value):  # nearly every value: nothing to clean
        return value
    return value if _trusted(info) else clean_line(value)


def _clean_text(value: object, info: ValidationInfo) -> object:
    return clean_text(value).strip() if isinstance(value, str) and not _trusted(info) else value


def non_empty(value: str) -> str:
    """The value, unless it is empty or only spaces: then ``ValueError("must not be empty")``."""
    if not value.strip():
        raise ValueError("must not be empty")
    return value


OneLine = Annotated[str, BeforeValidator(_clean_line)]
"""One line of text: control characters and escape sequences removed, whitespace collapsed."""
FreeText = Annotated[str, BeforeValidator(_clean_text)]
"""Free text that may span lines: control characters and escape sequences removed, newlines kept."""
NonEmptyLine = Annotated[OneLine, AfterValidator(non_empty)]
"""A :data:`OneLine` that must say something (a name, a subject)."""
NonEmptyText = Annotated[FreeText, AfterValidator(non_empty)]
"""A :data:`FreeText` that must say something (a message body, an answer to a worry)."""


def _kept_date(value: dt.date) -> dt.date:
    if (why := out_of_range(value)) is not None:
        raise ValueError(why)
    return value


KeptDate = Annotated[dt.date, AfterValidator(_kept_date)]
"""A date from 1900 to 2199 (:mod:`netcoach.model.days`): a file with another is a problem, not a crash later."""


_PLAIN_EMAIL = re.compile(
    r"[A-Za-z0-9_+-]{1,64}(?:\.[A-Za-z0-9_+-]{1,64})*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}"
)
"""The plain addresses nearly everyone has (ASCII, a lower-case domain): email-validator accepts
each of them as it is (tests/unit/test_email_fast_path.py checks that over generated ones), in
about 1 µs here instead of about 140 µs. Anything else is checked by email-validator itself."""


def plain_email(value: str) -> bool:
    """Whether ``value`` is a plain address email-validator accepts unchanged (see :data:`_PLAIN_EMAIL`)."""
    if len(value) > 254 or "--" in value.rpartition("@")[2] or not _PLAIN_EMAIL.fullmatch(value):
        return False
    local, _, domain = value.rpartition("@")
    if len(local) > 64 or len(domain) > 253:
        return False
    names, endings = _special_use()
    return domain not in names and not domain.endswith(endings)


def special_use_domains() -> list[str]:
    """The domains email-validator refuses as not globally deliverable (``.local``, ``.invalid``, ...)."""
    import email_validator

    return list(email_validator.SPECIAL_USE_DOMAIN_NAMES)


@cache
def _special_use() -> tuple[frozenset[str], tuple[str, ...]]:
    """:func:`special_use_domains`, and their endings (``.local``), for one quick look each."""
    names = special_use_domains()
    return frozenset(names), tuple("." + name for name in names)


def _email(value: str, info: ValidationInfo) -> str:
    """Like pydantic's ``EmailStr``: checked (and normalised) with email-validator."""
    return value if _trusted(info) or plain_email(value) else validate_email(value)[1]


Email = Annotated[str, AfterValidator(_email)]
"""An e-mail address, checked and normalised with email-validator."""


_PLAIN_WEB_ADDRESS = re.compile(r"https?://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/[A-Za-z0-9_.~%/-]*)?")
"""The plain addresses nearly everyone has (``https://www.linkedin.com/in/jane-doe``): :func:`web_address`
accepts each as it is (tests/unit/test_cold_fast_paths.py checks that over generated ones), without
``urlsplit``; anything else is checked by :func:`web_address` itself."""


def _linkedin_url(value: str, info: ValidationInfo) -> str:
    if not value or _PLAIN_WEB_ADDRESS.fullmatch(value) or _trusted(info):
        return value
    return web_address(value)


def web_address(value: str) -> str:
    """``value`` as a web address (``https://`` added when it is left out); ``ValueError`` if it is not one."""
    if "://" not in value:
        value = "https://" + value
    parts = urlsplit(value)
    try:
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        parts = parts._replace(netloc="")
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or "." not in host.strip(".") or " " in value:
        raise ValueError("must be a web address such as https://www.linkedin.com/in/jane-doe")
    return value


LinkedInAddress = Annotated[OneLine, AfterValidator(_linkedin_url)]
"""A LinkedIn profile's web address (``https://`` is added when it is left out); empty for none."""


def distinct(values: list[str], info: ValidationInfo) -> list[str]:
    """The values without empty ones and without repeats (ignoring case), the first of each kept."""
    if _trusted(info) or not values:
        return values
    seen: set[str] = set()
    kept: list[str] = []
    for value in values:
        if value and value.casefold() not in seen:
            seen.add(value.casefold())
            kept.append(value)
    return kept


DistinctLines = Annotated[list[OneLine], AfterValidator(distinct)]
"""A list of :data:`OneLine` with blanks and repeats (ignoring case) dropped: tags, common ground."""
DistinctEmails = Annotated[list[Email], AfterValidator(distinct)]
"""A list of :data:`Email` with repeats (ignoring case) dropped."""


SHORT_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
"""1-40 lower-case letters, digits, '_' or '-', starting with a letter or digit: checklist and worry ids, theme names."""
DOTTED_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")
"""Like :data:`SHORT_ID`, but up to 64 characters and '.' allowed: template ids."""


def matching(pattern: re.Pattern[str], message: str) -> Callable[[str], str]:
    """A validator that passes a value matching ``pattern`` and raises ``ValueError(message)`` for any other.

    ``message`` may name the value as ``{value!r}``.
    """

    def check(value: str) -> str:
        if not pattern.match(value):
            raise ValueError(message.format(value=value))
        return value

    return check


EVENT_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
"""An event's id (its file's stem): 1-80 lower-case letters, digits or '-', starting with a letter or digit."""
EventId = Annotated[
    str, AfterValidator(matching(EVENT_ID, "{value!r} is not an event id (lower-case letters, digits and '-')"))
]
"""The id of an event (``netcoach events`` lists them), as a contact's ``met`` interaction names it."""
