"""vCard files: 3.0, 4.0 and 2.1 quoted-printable, from hand-written fixture files."""

from __future__ import annotations

from pathlib import Path

import pytest

from netcoach.exchange.common import ImportFailed
from netcoach.exchange.plan import plan_import

FIXTURES = Path(__file__).parents[1] / "fixtures" / "import"


def plan(name: str):
    return plan_import("vcard", FIXTURES / name, [])


def people(name: str) -> dict:
    return {a.contact.name: a.contact for a in plan(name).added}


def test_many_cards_each_with_its_line() -> None:
    result = plan("contacts_v3.vcf")
    assert [a.line for a in result.added] == [1, 20, 25, 36]
    assert result.rows == 6


def test_escaped_commas_semicolons_and_folded_lines() -> None:
    maya = people("contacts_v3.vcf")["Maya Chen"]
    assert maya.company == "Brightline Health, Inc"  # ORG:Brightline Health\, Inc;Design
    assert maya.role == "Product Designer; Research"
    assert "things that this line is folded in the middle of, with an escaped comma." in maya.notes


def test_several_emails_and_phones() -> None:
    maya = people("contacts_v3.vcf")["Maya Chen"]
    assert maya.emails == ["maya@home.example", "maya.chen@brightline.example"]  # the preferred one first
    assert maya.phone == "+1 555 0100"  # the model has one phone: the first...
    assert "Other phones: +1 555 0101" in maya.notes  # ...and the others go to the notes


def test_grouped_url_with_apple_label() -> None:
    maya = people("contacts_v3.vcf")["Maya Chen"]
    assert maya.linkedin == "https://www.linkedin.com/in/maya-chen-example"  # item1.URL + item1.X-ABLabel
    assert "Website: https://maya.example (HomePage)" in maya.notes


def test_birthday_without_a_year() -> None:
    maya = people("contacts_v3.vcf")["Maya Chen"]
    assert "Birthday: 15 April" in maya.notes and "1604" not in maya.notes  # X-APPLE-OMIT-YEAR
    assert "Birthday: 29 February 1988" in people("contacts_v3.vcf")["Priya Raman"].notes
    assert "Birthday: 15 April" in people("contacts_v4.vcf")["Tom Becker"].notes  # BDAY:--0415


def test_n_without_fn_and_fn_without_n() -> None:
    found = people("contacts_v3.vcf")
    assert found["Daniel Okafor"].emails == ["d.okafor@example.com"]  # N only
    assert "Priya Raman" in found  # FN only


def test_categories_become_tags_and_social_profile_linkedin() -> None:
    found = people("contacts_v3.vcf")
    assert found["Maya Chen"].tags == ["alumni", "design"]
    assert found["Zoë Ålander"].linkedin == "https://www.linkedin.com/in/zoe-alander"


def test_skipped_cards_with_reasons() -> None:
    result = plan("contacts_v3.vcf")
    assert [(s.line, s.message) for s in result.skipped] == [
        (32, "no name, only an e-mail: “nobody@example.com”"),
        (41, "this card has no END:VCARD (is the file cut short?)"),
    ]
    assert [(n.line, n.message) for n in result.notes] == [
        (25, "left out the e-mail “not an email”: not a valid e-mail address")
    ]


def test_vcard_4() -> None:
    found = people("contacts_v4.vcf")
    tom = found["Tom Becker"]
    assert tom.emails == ["tom@home.example", "tom@cascade.example"]  # PREF=1 first
    assert tom.phone == "+1-555-555-0199"  # tel: URI, PREF=1 first
    assert "+1-555-555-0100" in tom.notes
    assert (tom.company, tom.role) == ("Cascade Outfitters", "Marketing Lead")
    assert found["Li Wei"].linkedin == "https://www.linkedin.com/in/li-wei-example/"


def test_vcard_21_quoted_printable() -> None:
    found = people("contacts_v21_qp.vcf")
    jorg = found["Jörg Müller"]
    assert jorg.notes == "Grüße aus München, a note long enough to be broken softly twice."
    assert jorg.phone == "5550100" and jorg.emails == ["joerg@example.com"]
    assert found["Karin Svensson"].phone == "555-0123"


def test_unescaped_commas_are_kept() -> None:
    data = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nNOTE:one, two\\, three; four\\nfive\r\nEND:VCARD\r\n"
    result = plan_import("vcard", Path("a.vcf"), [], data=data)
    assert result.added[0].contact.notes == "one, two, three; four\nfive"


def test_a_line_vobject_cannot_read_is_left_out_and_the_card_kept() -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nthis line has no colon\r\nEMAIL:ann@example.com\r\nEND:VCARD\r\n"
    )
    result = plan_import("vcard", Path("a.vcf"), [], data=data)
    assert result.added[0].contact.emails == ["ann@example.com"]


def test_not_a_vcard() -> None:
    with pytest.raises(ImportFailed) as caught:
        plan("linkedin_old.csv")
    assert "no vCard found" in str(caught.value) and caught.value.line == 1


def test_empty_file() -> None:
    with pytest.raises(ImportFailed) as caught:
        plan_import("vcard", Path("empty.vcf"), [], data=b"\n\n")
    assert "empty" in str(caught.value)


def test_utf16_with_bom() -> None:
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ålander\r\nEND:VCARD\r\n"
    result = plan_import("vcard", Path("a.vcf"), [], data=text.encode("utf-16"))
    assert [a.contact.name for a in result.added] == ["Zoë Ålander"]
