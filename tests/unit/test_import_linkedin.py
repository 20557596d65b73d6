"""LinkedIn Connections.csv: every quirk of the real exports, from hand-written fixture files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from netcoach.exchange.common import DateReader, ImportFailed
from netcoach.exchange.plan import plan_import

FIXTURES = Path(__file__).parents[1] / "fixtures" / "import"


def plan(name: str, **kwargs):
    return plan_import("linkedin", FIXTURES / name, [], **kwargs)


def by_name(result) -> dict:
    return {a.contact.name: a.contact for a in result.added}


def test_current_export_with_notes_preamble_bom_and_crlf() -> None:
    result = plan("linkedin_current.csv")
    people = by_name(result)
    maya = people["Maya Chen"]
    assert maya.company == "Brightline Health"
    assert maya.role == "Product Designer"
    assert maya.linkedin == "https://www.linkedin.com/in/maya-chen-example"
    assert maya.connected_on == dt.date(2024, 5, 30)
    assert maya.emails == []  # most e-mail cells are empty
    assert maya.source == "linkedin import"
    assert maya.interactions == [] and maya.met_on is None  # connecting is not meeting: never due
    # The header is on line 4 (after the Notes: paragraph and an empty line); Maya on line 5.
    assert result.added[0].line == 5


def test_quoted_commas_doubled_quotes_and_trailing_spaces() -> None:
    people = by_name(plan("linkedin_current.csv"))
    assert people["Daniel Okafor"].company == "Harbor Freight Analytics, Inc"
    assert people["Daniel Okafor"].emails == ["d.okafor@example.com"]
    priya = people["Priya Raman"]  # "Priya ,Raman  " in the file
    assert priya.company == 'The "Best" Bank'
    assert priya.role == "Engineering Manager"


def test_row_with_only_a_date_is_skipped_with_its_line() -> None:
    result = plan("linkedin_current.csv")
    assert [(s.line, s.message) for s in result.skipped] == [(8, "no name, only a date")]


def test_names_in_any_script() -> None:
    people = by_name(plan("linkedin_current.csv"))
    assert {"李 小龙", "محمد علي", "Зоя Иванова"} <= people.keys()
    assert people["Зоя Иванова"].company == "Рога и копыта"


def test_escape_sequences_removed_and_markup_kept_as_plain_text() -> None:
    people = by_name(plan("linkedin_current.csv"))
    mallory = people["[bold]Mallory[/bold] Red"]
    assert mallory.company == "Evil Corp"
    for contact in people.values():
        for value in (contact.name, contact.company, contact.role):
            assert "\x1b" not in value and "\x07" not in value


def test_bad_email_and_bad_date_are_left_out_and_the_row_kept() -> None:
    result = plan("linkedin_current.csv")
    ana = by_name(result)["Ana Lima"]
    assert ana.emails == [] and ana.connected_on is None and ana.company == "Acme"
    messages = [(n.line, n.message) for n in result.notes]
    assert (13, "left out the e-mail “not-an-email”: not a valid e-mail address") in messages
    assert (13, "left out the date “sometime in May”: not a date") in messages


def test_every_row_is_counted_once() -> None:
    result = plan("linkedin_current.csv")
    assert result.rows == 10
    assert (len(result.added), len(result.skipped)) == (9, 1)


def test_older_export_without_preamble_or_url_column() -> None:
    result = plan("linkedin_old.csv")
    people = by_name(result)
    assert people["Maya Chen"].connected_on == dt.date(2023, 4, 23)  # 23-Apr-23
    assert people["Maya Chen"].linkedin == ""
    assert people["Maya Chen"].emails == ["maya.chen@example.com"]
    assert people["Sam Ortiz"].company == "Ortiz, Ortiz & Sons"
    assert people["Sam Ortiz"].connected_on == dt.date(2019, 12, 1)


def test_dates_rewritten_by_excel() -> None:
    people = by_name(plan("linkedin_excel.csv"))
    assert people["Ada Park"].connected_on == dt.date(2018, 1, 8)  # "1/8/18, 6:14 PM"
    assert people["Ben Cho"].connected_on == dt.date(2019, 12, 31)
    assert people["Cy Diaz"].connected_on == dt.date(2021, 7, 4)  # ISO
    assert people["Di Evans"].connected_on == dt.date(2021, 5, 6)  # "5/6/21 9:00", month first


def test_day_first_file_in_windows_1252() -> None:
    result = plan("linkedin_dayfirst_cp1252.csv")
    people = by_name(result)
    assert people["José Núñez"].connected_on == dt.date(2024, 5, 30)  # 30/05/2024: only day first fits
    assert people["Renée Faure"].connected_on == dt.date(2018, 8, 1)  # so 01/08/2018 is 1 August
    assert people["José Núñez"].company == "Café Olé"
    assert any("Windows-1252" in note for note in result.file_notes)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30 May 2024", dt.date(2024, 5, 30)),
        ("1/8/18, 6:14 PM", dt.date(2018, 1, 8)),
        ("23-Apr-23", dt.date(2023, 4, 23)),
        ("2024-05-30", dt.date(2024, 5, 30)),
        ("2024-05-30 18:14:00", dt.date(2024, 5, 30)),
        ("May 30, 2024", dt.date(2024, 5, 30)),
        ("30 September 2021", dt.date(2021, 9, 30)),
        ("30.05.2024", dt.date(2024, 5, 30)),
        ("  ", None),
    ],
)
def test_date_forms(text: str, expected: dt.date | None) -> None:
    assert DateReader().parse(text) == expected


@pytest.mark.parametrize("text", ["sometime", "31 Feb 2024", "13/13/2020", "30 Mayo 2024"])
def test_not_dates(text: str) -> None:
    with pytest.raises(ValueError):
        DateReader().parse(text)


def test_undecodable_file_fails_with_the_line() -> None:
    with pytest.raises(ImportFailed) as caught:
        plan("linkedin_undecodable.csv")
    assert caught.value.line == 3
    assert "not UTF-8" in str(caught.value)


def test_wrong_format_fails_clearly() -> None:
    with pytest.raises(ImportFailed) as caught:
        plan("contacts_v3.vcf")
    assert "no LinkedIn header found" in str(caught.value)


def test_spreadsheet_instead_of_csv(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed) as caught:
        plan_import("linkedin", tmp_path / "Connections.xlsx", [], data=b"PK\x03\x04rest of a zip")
    assert "spreadsheet" in str(caught.value)


def test_missing_file() -> None:
    with pytest.raises(ImportFailed) as caught:
        plan_import("linkedin", FIXTURES / "no-such-file.csv", [])
    assert str(caught.value).endswith("no such file")


def test_unclosed_quote_is_one_clear_error() -> None:
    data = b'First Name,Last Name\nAnn,"Lee\n' + b"x" * 200_000 + b"\n"
    with pytest.raises(ImportFailed) as caught:
        plan_import("linkedin", Path("Connections.csv"), [], data=data)
    assert caught.value.line == 2
    assert "quote" in caught.value.message


def test_extra_cells_are_noted() -> None:
    data = b"First Name,Last Name,Company\nAnn,Lee,Acme, Inc\n"
    result = plan_import("linkedin", Path("Connections.csv"), [], data=data)
    assert result.added[0].contact.company == "Acme"
    assert [n.line for n in result.notes] == [2]


def test_tags_given_on_import_are_added() -> None:
    result = plan("linkedin_old.csv", tags=["conference", "2024"])
    assert all(a.contact.tags == ["conference", "2024"] for a in result.added)


def test_excel_semicolon_separated() -> None:
    people = by_name(plan("linkedin_excel_semicolons.csv"))
    jurgen = people["Jürgen Weiß"]
    assert jurgen.company == "Müller; Söhne GmbH"
    assert jurgen.connected_on == dt.date(2024, 5, 30)
    anais = people["Anaïs Dupont"]
    assert (anais.role, anais.emails) == ("Analyste, Risques", ["anais@example.fr"])
    assert anais.connected_on == dt.date(2018, 8, 1)
