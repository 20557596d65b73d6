"""The fast contact-file writer (storage/tomlwrite.py) writes exactly the bytes tomli-w wrote:
the files are user-facing and hand-edited, so an import must not change what a user sees."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from netcoach.model.contact import Contact
from netcoach.storage import tomlwrite
from netcoach.storage.contacts import contact_toml, parse_contact
from netcoach.storage.tomlfile import compact
from tests.helpers import maya

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text with the awkward parts over-represented: quotes, backslashes, controls, line breaks, non-ASCII.
awkward = st.lists(
    st.one_of(
        st.sampled_from(['"', "'", "\\", "\\n", "\n", "\r\n", "\r", "\t", "\x00", "\x1b", "\x7f", "\u202e", '"""']),
        st.sampled_from(["é", "Зоя", "李", "🙂", "\u00a0", "=", "[", "]", "#", " ", "a"]),
        st.text(max_size=6),
    ),
    max_size=8,
).map("".join)
keys = st.one_of(st.from_regex(r"[A-Za-z0-9_-]{1,12}", fullmatch=True), awkward)
scalars = st.one_of(awkward, st.booleans(), st.integers(-(2**63), 2**63 - 1), st.dates())
values = st.one_of(scalars, st.lists(st.one_of(awkward, st.dates(), st.integers(0, 99)), max_size=4))
unusual = st.one_of(  # what the fast writer hands to tomli-w as a whole
    st.floats(allow_nan=False),
    st.datetimes(),
    st.dictionaries(st.from_regex(r"[a-z]{1,5}", fullmatch=True), st.text(max_size=5), max_size=2),
    st.lists(st.dictionaries(st.just("a"), st.integers(0, 9), min_size=1), min_size=1, max_size=2),
    st.lists(st.lists(st.integers(0, 9), max_size=2), min_size=1, max_size=2),
)
tables = st.dictionaries(keys, values, max_size=8)


def old_contact_toml(contact: Contact) -> str:
    """contact_toml as it was, all through tomli-w: the bytes users have in their files."""
    data = contact.model_dump(mode="python")
    interactions = data.pop("interactions")
    promises = data.pop("promises")

    def dumps(table: dict[str, Any]) -> str:
        return tomli_w.dumps(table, multiline_strings=True)

    parts = [dumps(compact(data, keep=("name", "stage")))]
    parts += [f"\n[[interactions]]\n{dumps(compact(i, keep=('date', 'kind')))}" for i in interactions]
    parts += [f"\n[[promises]]\n{dumps(compact(p, keep=('text', 'by', 'whose')))}" for p in promises]
    return "".join(parts)


@SETTINGS
@given(table=tables)
def test_flat_tables_as_tomli_w_writes_them(table: dict[str, Any]) -> None:
    text = tomlwrite.dumps(table)
    assert text == tomli_w.dumps(table, multiline_strings=True)
    strings = [v for value in table.values() for v in (value if isinstance(value, list) else [value])]
    if not any("\r\n" in v for v in strings if isinstance(v, str)):  # tomli-w writes CRLF as LF
        assert tomllib.loads(text) == table


@SETTINGS
@given(table=tables, key=keys, value=unusual)
def test_any_other_shape_goes_to_tomli_w(table: dict[str, Any], key: str, value: object) -> None:
    table = {**table, key: value}
    assert tomlwrite.dumps(table) == tomli_w.dumps(table, multiline_strings=True)


dates = st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))
interactions = st.fixed_dictionaries(
    {
        "date": dates,
        "kind": st.sampled_from(["met", "sent", "received", "meeting", "call", "note"]),
        "summary": awkward,
    },
    optional={"channel": st.sampled_from(["email", "in_person", "linkedin"]), "awaiting_reply": st.booleans()},
)
promises = st.fixed_dictionaries(
    {"text": awkward, "by": dates, "made_on": dates, "whose": st.sampled_from(["mine", "theirs"])},
    optional={"kept_on": dates},
)
contacts = st.fixed_dictionaries(
    {"name": awkward},
    optional={
        "company": awkward,
        "role": awkward,
        "emails": st.lists(st.sampled_from(["a@example.com", "zoë@example.org", "b.c@example.net"]), max_size=2),
        "tags": st.lists(awkward, max_size=3),
        "stage": st.sampled_from(["new", "in_touch", "resting", "not_now", "archived"]),
        "met_on": dates,
        "story": awkward,
        "notes": awkward,
        "common_ground": st.lists(awkward, max_size=2),
        "cadence_days": st.integers(1, 3650),
        "linkedin": st.sampled_from(["https://www.linkedin.com/in/maya-chen", ""]),
        "interactions": st.lists(interactions, max_size=3),
        "promises": st.lists(promises, max_size=2),
    },
)


@SETTINGS
@given(data=contacts)
def test_contact_files_keep_their_bytes(data: dict[str, Any]) -> None:
    try:
        contact = Contact.model_validate(data)
    except ValidationError:
        assume(False)
        raise
    text = contact_toml(contact)
    assert text == old_contact_toml(contact)
    assert parse_contact(Path("c.toml"), text.encode("utf-8")) == contact  # and it reads back as itself


def test_a_plain_contact_never_goes_through_tomli_w(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = old_contact_toml(maya(notes="two\nlines", tags=["a", "b"]))

    def refuse(*args: object, **kwargs: object) -> str:
        raise AssertionError("the slow path was taken")

    monkeypatch.setattr(tomli_w, "dumps", refuse)
    assert contact_toml(maya(notes="two\nlines", tags=["a", "b"])) == expected
