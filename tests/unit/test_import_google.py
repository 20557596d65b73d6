"""Google Contacts CSV: current and legacy headers, matched by name; several values per cell; labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from netcoach.exchange.common import ImportFailed
from netcoach.exchange.google import labels_to_tags
from netcoach.exchange.plan import plan_import

FIXTURES = Path(__file__).parents[1] / "fixtures" / "import"


def plan(name: str):
    return plan_import("google", FIXTURES / name, [])


def people(name: str) -> dict:
    return {a.contact.name: a.contact for a in plan(name).added}


def test_current_headers() -> None:
    maya = people("google_current.csv")["Maya Chen"]
    assert (maya.company, maya.role) == ("Brightline Health", "Product Designer")
    assert maya.emails == ["maya.chen@brightline.example", "maya@home.example"]  # ' ::: ' in one cell
    assert maya.phone == "+1 555 0100"
    assert "Other phones: +1 555 0102, +1 555 0101" in maya.notes
    assert maya.linkedin == "https://www.linkedin.com/in/maya-chen-example"
    assert "Website: https://maya.example (Blog)" in maya.notes
    assert "Birthday: 15 April 1990" in maya.notes
    assert maya.notes.startswith("Met at the alumni happy hour, by the window.")
    assert maya.tags == ["Work"]  # "* myContacts ::: Work"
    assert maya.source == "google import"


def test_legacy_headers() -> None:
    found = people("google_legacy.csv")
    tom = found["Tom Becker"]
    assert (tom.company, tom.role) == ("Cascade Outfitters", "Marketing Lead")
    assert tom.emails == ["tom@cascade.example", "tom@home.example"]
    assert tom.phone == "+1 555 0200"
    assert tom.linkedin == "https://linkedin.com/in/tom-becker-example"
    assert tom.tags == ["Clients"]
    assert tom.notes == "Coffee in March"
    assert "Sam Ortiz" in found  # no Name cell: given + family


def test_columns_matched_by_name_not_position() -> None:
    data = b"E-mail 1 - Value,Organization Name,Last Name,First Name\nann@example.com,Acme,Lee,Ann\n"
    result = plan_import("google", Path("contacts.csv"), [], data=data)
    ann = result.added[0].contact
    assert (ann.name, ann.company, ann.emails) == ("Ann Lee", "Acme", ["ann@example.com"])


def test_outlook_style_headers() -> None:
    data = b"First Name,Last Name,E-mail Address,Mobile Phone,Company,Job Title\nAnn,Lee,ann@example.com,555,Acme,CTO\n"
    ann = plan_import("google", Path("contacts.csv"), [], data=data).added[0].contact
    assert (ann.emails, ann.phone, ann.company, ann.role) == (["ann@example.com"], "555", "Acme", "CTO")


def test_skipped_and_notes() -> None:
    result = plan("google_current.csv")
    assert [(s.line, s.message) for s in result.skipped] == [(4, "no name, only a company: “Acme Plumbing”")]
    assert [(n.line, n.message) for n in result.notes] == [
        (5, "left out the e-mail “bad email@”: not a valid e-mail address")
    ]
    zoe = people("google_current.csv")["Zoë Ålander"]
    assert zoe.emails == ["zoe@nordic.example"] and zoe.company == "Nordic Design, AB"


@pytest.mark.parametrize(
    ("labels", "tags"),
    [
        ("* myContacts ::: Work", ["Work"]),
        ("* starred ::: * myContacts", ["starred"]),
        ("Friends ::: Imported on 5/1/19", ["Friends"]),
        ("* My Contacts", []),
        ("", []),
    ],
)
def test_labels(labels: str, tags: list[str]) -> None:
    assert labels_to_tags(labels) == tags


def test_not_google_csv() -> None:
    with pytest.raises(ImportFailed) as caught:
        plan_import("google", Path("x.csv"), [], data=b"Foo,Bar\n1,2\n")
    assert "no Google Contacts header" in str(caught.value) and caught.value.line == 1


def test_semicolon_separated() -> None:
    data = b"First Name;Last Name;E-mail 1 - Value;Organization Name\nAnn;Lee;ann@example.com;Acme, Inc\n"
    ann = plan_import("google", Path("contacts.csv"), [], data=data).added[0].contact
    assert (ann.name, ann.emails, ann.company) == ("Ann Lee", ["ann@example.com"], "Acme, Inc")
