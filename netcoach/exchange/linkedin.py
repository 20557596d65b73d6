"""LinkedIn's ``Connections.csv`` (Settings, Data privacy, Get a copy of your data).

The current export starts with a ``Notes:`` paragraph before the header
``First Name,Last Name,URL,Email Address,Company,Position,Connected On``; older exports
have no preamble and no URL column; Excel changes the dates when the file is re-saved.
So the header is found by scanning, and columns are matched by name.
"""

from __future__ import annotations

from pathlib import Path

from netcoach.exchange.common import (
    HEADER_SCAN_ROWS,
    DateReader,
    ImportFailed,
    Incoming,
    Parsed,
    RowNote,
    csv_rows,
    guess_delimiter,
    header_key,
    is_blank,
    shown,
)

SOURCE = "linkedin import"

_COLUMNS = {
    "first name": "first",
    "last name": "last",
    "url": "url",
    "profile url": "url",
    "linkedin url": "url",
    "email address": "email",
    "email": "email",
    "company": "company",
    "position": "position",
    "connected on": "connected_on",
}

_FIELDS = ("first", "last", "url", "email", "company", "position", "connected_on")
"""The cells a row gives, in the order :func:`parse` takes them."""


def parse(path: Path, text: str) -> Parsed:
    rows = csv_rows(path, text, guess_delimiter(text, ["first name"]))
    columns: dict[str, int] | None = None
    header_length = 0
    for scanned, (_line, row) in enumerate(rows):
        keys = [header_key(cell) for cell in row]
        if "first name" in keys and "last name" in keys:
            columns = {}
            for index, key in enumerate(keys):
                if key in _COLUMNS:
                    columns.setdefault(_COLUMNS[key], index)
            header_length = len(row)
            break
        if scanned >= HEADER_SCAN_ROWS:
            break
    if columns is None:
        raise ImportFailed(
            path,
            "no LinkedIn header found (a line starting “First Name,Last Name”): "
            "is this the Connections.csv from LinkedIn's data export?",
            1,
        )

    def cell(row: list[str], name: str) -> str:
        index = columns.get(name)
        return row[index].strip() if index is not None and index < len(row) else ""

    picks = [columns.get(name) for name in _FIELDS]
    width = max((index + 1 for index in picks if index is not None), default=0)

    def cells(row: list[str]) -> list[str]:
        """The row's cells of :data:`_FIELDS`, as :func:`cell` gives each."""
        if len(row) >= width:
            return ["" if index is None else row[index].strip() for index in picks]
        return [cell(row, name) for name in _FIELDS]

    raw = [(line, row, cells(row)) for line, row in rows if not is_blank(row)]
    dates = DateReader(values[6] for _, _, values in raw)
    date_column = columns.get("connected_on")
    parsed = Parsed(count=len(raw))
    for line, row, (first, last, url, email, company, position, connected) in raw:
        name = " ".join(f"{first} {last}".split())
        if not name:
            others = [value for index, value in enumerate(row) if index != date_column]
            only_date = bool(connected) and is_blank(others)
            parsed.skipped.append(RowNote(line, "no name, only a date" if only_date else "no first or last name"))
            continue
        connected_on = None
        try:
            connected_on = dates.parse(connected)
        except ValueError:
            parsed.notes.append(RowNote(line, f"left out the date {shown(connected)}: not a date"))
        parsed.rows.append(
            Incoming(
                line=line,
                name=name,
                company=company,
                role=position,
                emails=[email] if email else [],
                linkedin=url,
                connected_on=connected_on,
            )
        )
        if len(row) > header_length and not is_blank(row[header_length:]):
            parsed.notes.append(RowNote(line, "this row has more cells than the header (a comma outside quotes?)"))
    return parsed
