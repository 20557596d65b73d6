"""The shortcuts of a cold read (30,000 files read and validated) give exactly what the long way
gives: the same search keys, the same cleaned text, the same accepted web addresses, the same
index copies byte for byte. Each is held to the long way it replaces, over generated values."""

from __future__ import annotations

import json
import unicodedata
from urllib.parse import urlsplit

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from netcoach.model import fields
from netcoach.model.contact import Contact
from netcoach.model.fields import _PLAIN_WEB_ADDRESS, plain_email, special_use_domains, web_address
from netcoach.model.text import clean_line, clean_line_already, clean_text, fold
from netcoach.model.view import BRIEF_VERSION, brief
from netcoach.storage.contacts import PAYLOAD_PREFIX, as_dict, payload_json

# Text with what the shortcuts must notice: spaces of every kind, controls, escapes, accents, other scripts.
AWKWARD = st.text(
    alphabet=st.one_of(
        st.sampled_from(list(" \t\n\r\x0b\x0c\x1b\x1c\x85\xa0\u2028\u3000\u200b\u202e  aZ-.é\u0301ßİ\u212a\ufb01ǅ")),
        st.characters(),
    ),
    max_size=30,
)


def long_fold(value: str) -> str:
    """fold as it was: NFKD, combining marks dropped, casefold, spacing collapsed."""
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


@settings(max_examples=600, deadline=None)
@given(st.one_of(AWKWARD, st.text(alphabet=st.characters(max_codepoint=127), max_size=40)))
@example("José  Díaz")
@example("STRASSE Straße ﬁ K")
@example("a\x1cb\x1fc")  # ASCII separators that str.split() splits on
def test_fold_is_the_long_fold(value: str) -> None:
    assert fold(value) == long_fold(value)


def long_clean_line(value: str) -> str:
    return " ".join(clean_text(value).split())


@settings(max_examples=600, deadline=None)
@given(AWKWARD)
@example(" lead")
@example("trail ")
@example("two  spaces")
@example("nbsp\xa0inside")
@example("")
def test_clean_line_is_the_long_clean_line(value: str) -> None:
    assert clean_line(value) == long_clean_line(value)
    if clean_line_already(value):
        assert long_clean_line(value) == value


def test_the_shortcut_is_taken_for_plain_lines() -> None:
    assert clean_line_already("Aisha Alvarez 10451")
    assert clean_line_already("")
    for value in (" x", "x ", "a  b", "a\tb", "a\xa0b", "a\x1bb", "a\u202eb"):
        assert not clean_line_already(value)


LABEL = st.from_regex(r"[A-Za-z0-9-]{1,12}", fullmatch=True)
NEAR_ADDRESSES = st.builds(
    lambda scheme, labels, path: f"{scheme}{'.'.join(labels)}{path}",
    st.sampled_from(["https://", "http://", "HTTPS://", "ftp://", "", "https:/", "https:///"]),
    st.lists(LABEL, min_size=1, max_size=4),
    st.one_of(st.just(""), st.from_regex(r"[/A-Za-z0-9_.~%?#:@ -]{0,30}", fullmatch=True)),
)


@settings(max_examples=600, deadline=None)
@given(st.one_of(st.from_regex(_PLAIN_WEB_ADDRESS, fullmatch=True), NEAR_ADDRESSES, st.text(max_size=40)))
@example("https://www.linkedin.com/in/aisha-alvarez-10451")
@example("https://a.b:80x/in/x")
def test_what_the_address_shortcut_accepts_the_long_check_accepts_unchanged(value: str) -> None:
    if _PLAIN_WEB_ADDRESS.fullmatch(value):
        assert web_address(value) == value
        parts = urlsplit(value)
        assert parts.scheme in ("http", "https") and parts.hostname


@pytest.mark.parametrize("value", ["linkedin.com/in/x", "https://x.com:99/in/y", "https://x.com/in/a b", "https://x"])
def test_other_addresses_take_the_long_check(value: str) -> None:
    assert not _PLAIN_WEB_ADDRESS.fullmatch(value)


def test_a_plain_address_skips_urlsplit(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(fields, "urlsplit", lambda value: calls.append(value) or urlsplit(value))
    assert Contact(name="A", linkedin="https://www.linkedin.com/in/a-b").linkedin == "https://www.linkedin.com/in/a-b"
    assert calls == []
    assert Contact(name="A", linkedin="www.linkedin.com/in/a-b").linkedin == "https://www.linkedin.com/in/a-b"
    assert calls == ["https://www.linkedin.com/in/a-b"]


@settings(max_examples=300, deadline=None)
@given(
    st.from_regex(
        r"[a-z0-9]{1,8}(\.[a-z0-9]{1,8}){0,2}\.(com|local|localhost|invalid|test|onion|arpa|io)", fullmatch=True
    )
)
def test_special_use_domains_are_refused_as_before(domain: str) -> None:
    before = not any(domain == name or domain.endswith("." + name) for name in special_use_domains())
    assert plain_email(f"maya@{domain}") == before


TEXT = st.text(max_size=12)
CONTACTS = st.builds(
    lambda name, company, tags, story, email: Contact(
        name=name or "x", company=company, tags=tags, story=story, emails=[email] if email else []
    ),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12).filter(clean_line),
    TEXT,
    st.lists(TEXT, max_size=3),
    st.text(max_size=40),
    st.sampled_from(["", "maya@example.com", "Maya@Example.COM"]),
)


@settings(max_examples=200, deadline=None)
@given(CONTACTS)
def test_the_index_copies_are_the_json_they_were(contact: Contact) -> None:
    assert payload_json(contact) == PAYLOAD_PREFIX + json.dumps(as_dict(contact), ensure_ascii=False)
    made = json.loads(brief(contact))
    assert made[0] == BRIEF_VERSION
    assert brief(contact) == json.dumps(made, ensure_ascii=False, separators=(",", ":"))
