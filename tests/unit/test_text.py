"""Text hygiene: cleaning untrusted text, search keys, and safe file names."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netcoach.model.contact import Contact
from netcoach.model.problem import FileProblem, Problem
from netcoach.model.text import clean_line, clean_text, fold, slugify, terminal_safe
from netcoach.storage.store import Store
from tests.helpers import RAW_CONTROL

SAFE_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


# -- clean_text / clean_line --------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("plain text", "plain text"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("windows\r\nline\rends", "windows\nline\nends"),
        ("\x1b[1;31mred\x1b[0m", "red"),  # CSI removed whole: no "[31m" left behind
        ("\x1b]0;set title\x07after", "after"),  # OSC ended by BEL
        ("\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\", "link"),  # OSC 8 hyperlink, ended by ST
        ("\x9b2Jcleared", "cleared"),  # 8-bit CSI
        ("\x1bPq#0;2;0;0;0\x1b\\sixel", "sixel"),  # DCS string (sixel graphics) removed whole
        ("\x1b(Bcharset", "charset"),  # ESC with an intermediate byte
        ("\x1bcreset", "reset"),  # two-character sequence
        ("bell\x07 null\x00 del\x7f", "bell null del"),
        ("abc\u202edcba", "abcdcba"),  # right-to-left override
        ("\u2066isolate\u2069", "isolate"),
        ("", ""),
        ("\x1b", ""),  # a lone ESC is a control character
        ("Zoë Ångström 王小明 🙂", "Zoë Ångström 王小明 🙂"),
    ],
)
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  Maya   Chen  ", "Maya Chen"),
        ("Maya\nChen", "Maya Chen"),
        ("Maya\t\r\nChen", "Maya Chen"),
        ("\x1b[31m  \x1b[0m", ""),
        ("\u00a0Maya\u2003Chen\u00a0", "Maya Chen"),  # unicode spaces collapse too
    ],
)
def test_clean_line(raw: str, clean: str) -> None:
    assert clean_line(raw) == clean


@given(st.text())
def test_cleaned_text_never_holds_control_characters(raw: str) -> None:
    for cleaned in (clean_text(raw), clean_line(raw)):
        assert not any((ord(ch) < 32 and ch not in "\n\t") or 0x7F <= ord(ch) <= 0x9F for ch in cleaned)
        assert "\x1b" not in cleaned
    assert "\n" not in clean_line(raw) and "\t" not in clean_line(raw)


@given(st.text())
def test_cleaning_is_idempotent(raw: str) -> None:
    assert clean_text(clean_text(raw)) == clean_text(raw)
    assert clean_line(clean_line(raw)) == clean_line(raw)


# -- terminal_safe --------------------------------------------------------------------------

_HOSTILE = st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from("\x1b[]\x07\x9b\x85\r\n\t\u202e\\u;0"))


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("bob.toml", "bob.toml"),
        ("\x1b]2;PWNED\x07bob", "\\u001b]2;PWNED\\u0007bob"),
        ("\x1b[2J", "\\u001b[2J"),
        ("a\x9b2Jb", "a\\u009b2Jb"),  # C1: 8-bit CSI
        ("del\x7f nul\x00", "del\\u007f nul\\u0000"),
        ("abc\u202edcba", "abc\\u202edcba"),  # right-to-left override
        ("two\nlines\tand\r\nend", "two\\u000alines\\u0009and\\u000d\\u000aend"),
        ("Zoë Ångström 王小明 🙂", "Zoë Ångström 王小明 🙂"),
    ],
)
def test_terminal_safe_shows_what_a_terminal_would_act_on(raw: str, shown: str) -> None:
    assert terminal_safe(raw) == shown


def test_terminal_safe_keeps_lines_only_when_asked() -> None:
    assert terminal_safe("a\nb\tc\r\nd\re\x1b", multiline=True) == "a\nb\tc\r\nd\\u000de\\u001b"


@given(_HOSTILE)
def test_terminal_safe_leaves_nothing_a_terminal_acts_on(raw: str) -> None:
    for multiline in (False, True):
        shown = terminal_safe(raw, multiline=multiline)
        assert RAW_CONTROL.search(shown) is None
        kept = "\r\n\t" if multiline else ""
        assert all(ch in kept or unicodedata.category(ch) != "Cc" for ch in shown)
    assert terminal_safe(clean_line(raw)) == clean_line(raw)  # cleaned text is shown as it is
    assert terminal_safe(clean_text(raw), multiline=True) == clean_text(raw)


@given(_HOSTILE)
def test_terminal_safe_json_stays_valid_and_means_the_same(raw: str) -> None:
    written = json.dumps({"name": raw}, ensure_ascii=False)
    assert json.loads(terminal_safe(written)) == {"name": raw}


def test_a_problem_shows_its_path_and_message_safely() -> None:
    problem = Problem(Path("/d/contacts/\x1b]2;PWNED\x07.toml"), 3, 1, '"\x1b[2J": unknown key')
    assert str(problem) == '/d/contacts/\\u001b]2;PWNED\\u0007.toml:3:1: "\\u001b[2J": unknown key'
    assert str(FileProblem(problem)) == str(problem)


# -- fold ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("José  Díaz", "jose diaz"),
        ("ÅNGSTRÖM", "angstrom"),
        ("Straße", "strasse"),
        ("  Maya\tChen ", "maya chen"),
        ("王小明", "王小明"),
        ("Ａｎｎ", "ann"),  # full-width letters
        ("", ""),
    ],
)
def test_fold(raw: str, key: str) -> None:
    assert fold(raw) == key


# -- slugify ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Maya Chen", "maya-chen"),
        ("Zoë Ångström", "zoe-angstrom"),
        ("Liam O'Brien", "liam-o-brien"),
        ("../../x", "x"),
        ("..\\..\\etc\\passwd", "etc-passwd"),
        ("/etc/passwd", "etc-passwd"),
        ("CON", "con-contact"),
        ("nul", "nul-contact"),
        ("Com1", "com1-contact"),
        ("LPT9", "lpt9-contact"),
        ("  --Maya--  ", "maya"),
        ("🙂 Ann", "ann"),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


@pytest.mark.parametrize("name", [".", "..", "...", "", "🙂", "🙂🎉", "王小明", "Ελένη", "Тимур", "محمد", "---", "   "])
def test_names_without_latin_letters_get_a_stable_hash_slug(name: str) -> None:
    slug = slugify(name)
    assert re.fullmatch(r"contact-[0-9a-f]{8}", slug)
    assert slugify(name) == slug  # stable


def test_different_non_latin_names_get_different_slugs() -> None:
    names = ["王小明", "李雷", "Ελένη", "Νίκος", "Тимур", "Ольга", "محمد", "🙂", "🎉", ".", ".."]
    slugs = [slugify(n) for n in names]
    assert len(set(slugs)) == len(names)


def test_long_names_are_cut_without_a_trailing_dash() -> None:
    slug = slugify("a" * 47 + " b" + "c" * 100)
    assert len(slug) <= 48
    assert slug == "a" * 47
    assert SAFE_SLUG.match(slugify("x" * 200))


@given(st.text())
def test_slugs_are_always_safe_file_names(name: str) -> None:
    slug = slugify(name)
    assert SAFE_SLUG.match(slug), slug
    assert len(slug) <= 48
    assert slug not in {"con", "prn", "aux", "nul"}


def test_two_people_with_the_same_name_get_distinct_ids(store: Store) -> None:
    first = store.contacts.add(Contact(name="Maya Chen", company="Brightline"))
    second = store.contacts.add(Contact(name="Maya Chen", company="Northwind"))
    third = store.contacts.add(Contact(name="maya  CHEN"))
    assert [first.id, second.id, third.id] == ["maya-chen", "maya-chen-2", "maya-chen-3"]
    assert store.contacts.read("maya-chen-2").contact.company == "Northwind"


def test_new_id_avoids_existing_contacts(store: Store) -> None:
    store.contacts.add(Contact(name="王小明"))
    taken = store.contacts.new_id("王小明")
    assert taken.endswith("-2") and taken.startswith("contact-")


def _reference_clean_text(value: str) -> str:
    """The plain, slow definition: clean_text's fast paths must give exactly this."""
    import unicodedata

    from netcoach.model.text import _BIDI, _ESCAPE_SEQUENCE

    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _ESCAPE_SEQUENCE.sub("", value).translate(_BIDI)
    return "".join(ch for ch in value if ch in "\n\t" or unicodedata.category(ch) != "Cc")


@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from("\x1b[]\x07\x9b\r\n\t\u202e;0123m")))
def test_clean_text_matches_its_plain_definition(raw: str) -> None:
    assert clean_text(raw) == _reference_clean_text(raw)
