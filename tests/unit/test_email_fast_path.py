"""The fast path for plain e-mail addresses accepts only what email-validator accepts, unchanged:
validation of what a user types or a file holds is exactly as strict as before."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic.networks import validate_email

from netcoach.model.contact import Contact
from netcoach.model.fields import _PLAIN_EMAIL, plain_email

LABEL = st.from_regex(r"[a-z0-9](?:[a-z0-9-]{0,20}[a-z0-9])?", fullmatch=True)
NEAR_MISSES = st.builds(
    lambda local, labels, tld: f"{local}@{'.'.join(labels)}.{tld}",
    st.from_regex(r"[A-Za-z0-9_+.\-]{1,70}", fullmatch=True),
    st.lists(LABEL, min_size=1, max_size=4),
    st.sampled_from(
        ["com", "io", "local", "test", "invalid", "onion", "arpa", "localhost", "Com", "x", "c0m", "xn--p1ai"]
    ),
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.from_regex(_PLAIN_EMAIL, fullmatch=True), NEAR_MISSES, st.text(max_size=40)))
def test_what_the_fast_path_accepts_email_validator_accepts_unchanged(value: str) -> None:
    if plain_email(value):
        assert validate_email(value)[1] == value


@pytest.mark.parametrize(
    "value",
    ["maya.chen@example.com", "a+tag@sub.example.org", "O_Brien-2@mail.co.uk", "x@" + "a" * 63 + ".com"],
)
def test_plain_addresses_take_the_fast_path(value: str) -> None:
    assert plain_email(value)
    assert validate_email(value)[1] == value


@pytest.mark.parametrize(
    "value",
    [
        "maya@EXAMPLE.com",  # normalised by email-validator: not plain
        "maya@host.local",
        "maya@printer.localhost",
        "a..b@example.com",
        ".a@example.com",
        "a@example",
        "a@exa--mple.com",
        "a@-example.com",
        "a@example.c0m",
        "Maya <maya@example.com>",
        " maya@example.com",
        "mäya@example.com",
        "a" * 65 + "@example.com",
    ],
)
def test_anything_else_goes_to_email_validator(value: str) -> None:
    assert not plain_email(value)


def test_contacts_accept_and_refuse_as_before() -> None:
    assert Contact(name="M", emails=["Maya@Example.COM"]).emails == ["Maya@example.com"]
    with pytest.raises(ValueError, match="email"):
        Contact(name="M", emails=["maya@host.local"])
    with pytest.raises(ValueError, match="email"):
        Contact(name="M", emails=["not an address"])
