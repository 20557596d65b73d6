"""The fast TOML parser (toml-rs, held to TOML 1.0) accepts exactly what tomllib accepts, gives the
same values, and a file it refuses is worded by tomllib (``path:line:col``)."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from netcoach.model.problem import FileProblem
from netcoach.storage import tomlfile
from netcoach.storage.contacts import contact_toml
from tests.helpers import AWKWARD_PEOPLE, maya

REFUSED_BY_TOMLLIB = [
    "a = 1\na = 2",
    "a = [1,",
    "[a]\n[a]",
    'a = "\\x"',
    "a = 1__0",
    "a.b = 1\n[a]\nb=2",
    "a = {b=1,}",  # TOML 1.1: a trailing comma in an inline table
    "a = { b = 1\n }",  # TOML 1.1: a newline in an inline table
    "a=1979-05-27 07:32",  # TOML 1.1: a time without seconds
    "\ufeffa = 1",  # a byte order mark (toml-rs skips it)
    "x = 2026-02-30",
    'a = "\x01"',
    "a = 1\r",
    "a = 07",
    "a = 1.",
    "[[a]]\n[a]",
    "a = 24:00:00",
    'a = "\\u00"',
    "a = tru",
    "a = 2000-13-01",
    "a = 1 b = 2",
]


@pytest.mark.parametrize("text", REFUSED_BY_TOMLLIB)
def test_what_tomllib_refuses_is_refused_with_its_words(text: str) -> None:
    with pytest.raises(tomllib.TOMLDecodeError) as expected:
        tomllib.loads(text)
    with pytest.raises(FileProblem) as problem:
        tomlfile.parse_toml(Path("x.toml"), text)
    assert problem.value.problem.message.startswith("invalid TOML: ")
    assert problem.value.problem.message.removeprefix("invalid TOML: ") in str(expected.value)


def test_contact_files_give_what_tomllib_gives() -> None:
    assert tomlfile._fast_parser() is not None  # installed: a dependency
    for contact in [*AWKWARD_PEOPLE, maya(), maya(reach_out_after=dt.date(2027, 1, 4), notes='"""\n\\ tab\t')]:
        text = contact_toml(contact)
        assert tomlfile.parse_toml(Path("x.toml"), text) == tomllib.loads(text)


@pytest.mark.parametrize("text", ["a = 9223372036854775808", "a = 1e400"])
def test_what_tomllib_accepts_is_accepted(text: str) -> None:
    assert tomlfile.parse_toml(Path("x.toml"), text) == tomllib.loads(text)


def test_without_the_fast_parser_tomllib_reads_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tomlfile, "_fast_parser", lambda: None)
    text = contact_toml(maya())
    assert tomlfile.parse_toml(Path("x.toml"), text) == tomllib.loads(text)
    with pytest.raises(FileProblem):
        tomlfile.parse_toml(Path("x.toml"), "a = {b=1,}")
