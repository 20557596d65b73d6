"""Google Contacts CSV (contacts.google.com, Export, Google CSV), current and legacy headers.

Columns are matched by name, never position: the current export says ``First Name``,
``Organization Name``, ``E-mail 1 - Value`` and ``Labels``; the legacy one ``Given Name``,
``Organization 1 - Name``, ``E-mail 1 - Value`` and ``Group Membership``; Outlook-style
files ``E-mail Address`` and ``Mobile Phone``. One cell may hold several values joined
with `` ::: ``.
"""

from __future__ import annotations

import re
from pathlib import Path

from netcoach.exchange.common import (
    DateReader,
    ImportFailed,
    Incoming,
    Parsed,
    RowNote,
    birthday_note,
    csv_rows,
    guess_delimiter,
    header_key,
    is_blank,
    shown,
    split_multi,
)

SOURCE = "google import"

_SINGLE = {
    "name": "name",
    "display name": "name",
    "first name": "given",
    "given name": "given",
    "middle name": "middle",
    "additional name": "middle",
    "last name": "family",
    "family name": "family",
    "nickname": "nickname",
    "file as": "file_as",
    "organization name": "company",
    "company": "company",
    "organization title": "role",
    "job title": "role",
    "notes": "notes",
    "birthday": "birthday",
    "labels": "labels",
    "group membership": "labels",
    "categories": "labels",
}
_MULTI = (
    (re.compile(r"^organization \d+ - name$"), "company"),
    (re.compile(r"^organization \d+ - title$"), "role"),
    (re.compile(r"^email \d+ - value$|^email address$|^email \d+ address$"), "emails"),
    (re.compile(r"^phone \d+ - value$|^(?:mobile|business|home|primary|other|company main) phone$"), "phones"),
    (re.compile(r"^website \d+ - value$|^web page$"), "websites"),
)
_WEBSITE_LABEL = re.compile(r"^website (\d+) - (?:label|type)$")
_WEBSITE_VALUE = re.compile(r"^website (\d+) - value$")
_NAME_FIELDS = {"name", "given", "family", "middle", "nickname", "file_as"}
# Labels Google adds by itself: not the user's own groups.
_SYSTEM_LABELS = {"mycontacts", "my contacts", "other contacts"}
_IMPORTED_LABEL = re.compile(r"^imported on \S+$", re.IGNORECASE)


def labels_to_tags(value: str) -> list[str]:
    """'* myContacts ::: Work ::: * starred' -> ['Work', 'starred']."""
    tags = []
    for label in split_multi(value):
        label = label.removeprefix("*").strip()
        if not label or label.casefold() in _SYSTEM_LABELS or _IMPORTED_LABEL.match(label):
            continue
        tags.append(label)
    return tags


def parse(path: Path, text: str) -> Parsed:
    rows = csv_rows(path, text, guess_delimiter(text, ["name"]))
    header: list[str] | None = None
    header_line = 1
    for line, row in rows:
        if not is_blank(row):
            header, header_line = row, line
            break
    if header is None:
        raise ImportFailed(path, "this file is empty", 1)
    single: dict[str, int] = {}
    multi: dict[str, list[int]] = {}
    website_labels: dict[str, int] = {}
    website_numbers: dict[int, str] = {}
    for index, heading in enumerate(header):
        key = header_key(heading)
        if key in _SINGLE:
            single.setdefault(_SINGLE[key], index)
        for pattern, target in _MULTI:
            if pattern.match(key):
                multi.setdefault(target, []).append(index)
        label_key = _WEBSITE_LABEL.match(key)
        if label_key:
            website_labels[label_key.group(1)] = index
        value_key = _WEBSITE_VALUE.match(key)
        if value_key:
            website_numbers[index] = value_key.group(1)
    if not _NAME_FIELDS & single.keys():
        raise ImportFailed(
            path,
            "no Google Contacts header found (a first line naming columns such as “First Name” "
            "and “E-mail 1 - Value”): is this a CSV exported from Google Contacts?",
            header_line,
        )

    def cell(row: list[str], name: str) -> str:
        index = single.get(name)
        return row[index].strip() if index is not None and index < len(row) else ""

    def cells(row: list[str], name: str) -> list[str]:
        return [part for i in multi.get(name, []) if i < len(row) for part in split_multi(row[i])]

    raw = [(line, row) for line, row in rows if not is_blank(row)]
    dates = DateReader(cell(row, "birthday") for _, row in raw)
    parsed = Parsed(count=len(raw))
    for line, row in raw:
        name = cell(row, "name") or " ".join(
            part for part in (cell(row, "given"), cell(row, "middle"), cell(row, "family")) if part
        )
        name = name or cell(row, "nickname") or cell(row, "file_as")
        if not " ".join(name.split()):
            company = next(iter(cells(row, "company")), "") or cell(row, "company")
            emails = cells(row, "emails")
            reason = "no name"
            if company:
                reason += f", only a company: {shown(company)}"
            elif emails:
                reason += f", only an e-mail: {shown(emails[0])}"
            parsed.skipped.append(RowNote(line, reason))
            continue
        company = next(iter(cells(row, "company")), "") or cell(row, "company")
        role = next(iter(cells(row, "role")), "") or cell(row, "role")
        linkedin = ""
        notes = [cell(row, "notes")] if cell(row, "notes") else []
        for index in multi.get("websites", []):
            if index >= len(row):
                continue
            number = website_numbers.get(index)
            label_index = website_labels.get(number) if number is not None else None
            label = row[label_index].strip() if label_index is not None and label_index < len(row) else ""
            for url in split_multi(row[index]):
                if not linkedin and ("linkedin.com/" in url.casefold() or label.casefold() == "linkedin"):
                    linkedin = url
                else:
                    notes.append(f"Website: {url}" + (f" ({label})" if label and label != "*" else ""))
        birthday = birthday_note(cell(row, "birthday"), dates)
        if birthday:
            notes.append(birthday)
        parsed.rows.append(
            Incoming(
                line=line,
                name=name,
                company=company,
                role=role,
                emails=cells(row, "emails"),
                phones=cells(row, "phones"),
                linkedin=linkedin,
                tags=labels_to_tags(cell(row, "labels")),
                notes=notes,
            )
        )
    return parsed
