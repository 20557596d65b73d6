"""Property tests: whatever a file holds, an import either plans or fails with our clear error,
never an unexpected exception; and whatever it plans is clean and counts every row once."""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netcoach.exchange.common import ImportFailed
from netcoach.exchange.plan import ImportPlan, plan_import
from netcoach.model.contact import Contact

KINDS = ("linkedin", "vcard", "google")
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ROWS_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)

# Text with the awkward parts over-represented: quotes, separators, escapes, line breaks, controls.
awkward = st.lists(
    st.one_of(
        st.sampled_from([*',;:"\\=\r\n\t \x1b\x07\x00\u202e[]/@.-', "::: ", "\\n", "\\,", "=0D", "=\r\n", "\x1b[31m"]),
        st.text(max_size=5),
    ),
    max_size=10,
).map("".join)


def plan_or_fail(kind: str, data: bytes) -> ImportPlan | None:
    try:
        return plan_import(kind, Path("file"), [], data=data, tags=["t"])
    except ImportFailed as error:
        assert error.message and "Traceback" not in str(error)
        return None


def check_clean(plan: ImportPlan) -> None:
    for added in plan.added:
        contact = added.contact
        Contact.model_validate(contact.model_dump())  # valid as stored
        for value in (contact.name, contact.company, contact.role, contact.phone, *contact.emails, *contact.tags):
            assert "\n" not in value
            assert not any(unicodedata.category(ch) == "Cc" for ch in value)
            assert "\u202e" not in value
        assert "\x1b" not in contact.notes
        assert contact.name.strip()
    lines = [a.line for a in plan.added] + [m.line for m in plan.merged] + [u.line for u in plan.unchanged]
    lines += [s.line for s in plan.skipped]
    assert len(lines) == len(set(lines)) == plan.rows  # every row once


@pytest.mark.parametrize("kind", KINDS)
@SETTINGS
@given(data=st.binary(max_size=600))
def test_any_bytes(kind: str, data: bytes) -> None:
    plan = plan_or_fail(kind, data)
    if plan is not None:
        check_clean(plan)


@pytest.mark.parametrize("kind", KINDS)
@SETTINGS
@given(text=st.text(max_size=400))
def test_any_text(kind: str, text: str) -> None:
    plan = plan_or_fail(kind, text.encode("utf-8"))
    if plan is not None:
        check_clean(plan)


def as_csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8")


LINKEDIN_HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]


@ROWS_SETTINGS
@given(
    preamble=st.lists(st.lists(awkward, max_size=3), max_size=3),
    rows=st.lists(st.lists(awkward, min_size=0, max_size=9), max_size=6),
)
def test_linkedin_rows_of_anything(preamble: list[list[str]], rows: list[list[str]]) -> None:
    data = as_csv([*preamble, LINKEDIN_HEADER, *rows])
    plan = plan_or_fail("linkedin", data)
    if plan is not None:
        check_clean(plan)


GOOGLE_HEADER = [
    "First Name",
    "Last Name",
    "Organization Name",
    "Organization Title",
    "Birthday",
    "Notes",
    "Labels",
    "E-mail 1 - Value",
    "Phone 1 - Value",
    "Website 1 - Label",
    "Website 1 - Value",
]


@ROWS_SETTINGS
@given(rows=st.lists(st.lists(awkward, min_size=0, max_size=12), max_size=6))
def test_google_rows_of_anything(rows: list[list[str]]) -> None:
    rows = [[cell.replace("\x00", "") for cell in row] for row in rows]  # NUL: a binary file, rightly refused
    plan = plan_or_fail("google", as_csv([GOOGLE_HEADER, *rows]))
    assert plan is not None  # a good header: rows may be skipped, the file never fails
    check_clean(plan)


PROPERTIES = st.sampled_from(
    [
        "FN",
        "N",
        "ORG",
        "TITLE",
        "EMAIL",
        "EMAIL;TYPE=pref",
        "TEL",
        "TEL;VALUE=uri",
        "item1.URL",
        "item1.X-ABLabel",
        "X-SOCIALPROFILE;type=linkedin",
        "BDAY",
        "BDAY;X-APPLE-OMIT-YEAR=1604",
        "NOTE",
        "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8",
        "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=NOPE",
        "CATEGORIES",
        "NICKNAME",
        "VERSION",
        "BEGIN",
        "END",
    ]
)


@ROWS_SETTINGS
@given(cards=st.lists(st.lists(st.tuples(PROPERTIES, awkward), max_size=8), min_size=1, max_size=5))
def test_vcards_of_anything(cards: list[list[tuple[str, str]]]) -> None:
    text = "".join(
        "BEGIN:VCARD\r\nVERSION:3.0\r\n" + "".join(f"{name}:{value}\r\n" for name, value in card) + "END:VCARD\r\n"
        for card in cards
    )
    plan = plan_or_fail("vcard", text.encode("utf-8"))
    if plan is not None:
        check_clean(plan)


PREFIXES = {
    "linkedin": b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n",
    "google": b"First Name,Last Name,E-mail 1 - Value,Phone 1 - Value,Labels,Birthday\r\n",
    "vcard": b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:",
}


@pytest.mark.parametrize("kind", KINDS)
@SETTINGS
@given(data=st.binary(max_size=300))
def test_a_good_start_then_any_bytes(kind: str, data: bytes) -> None:
    plan = plan_or_fail(kind, PREFIXES[kind] + data)
    if plan is not None:
        check_clean(plan)
