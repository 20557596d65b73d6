"""vCard files (.vcf) from phones and address books: 3.0 and 4.0, and old 2.1 where easy.

The file is cut into cards here (so each card has its line number, and one broken card is
skipped rather than failing the file); each card is parsed by vobject, which unfolds lines,
unescapes commas and semicolons, and decodes quoted-printable values.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from netcoach.importers.common import (
    ImportFailed,
    Incoming,
    Parsed,
    RowNote,
    birthday_note,
    shown,
    split_lines,
)

SOURCE = "vcard import"

_QP = re.compile(r"^[^:]*quoted-printable[^:]*:", re.IGNORECASE)
_APPLE_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")


def _cards(lines: list[str]) -> Iterator[tuple[int, list[str], bool]]:
    """(first line number, the card's lines, whether it ended with END:VCARD) for each card."""
    depth = 0
    start = 0
    card: list[str] = []
    for number, line in enumerate(lines, start=1):
        folded = line[:1] in (" ", "\t")
        key = "" if folded else line.strip().upper()
        if key == "BEGIN:VCARD":
            if depth == 0:
                start, card = number, []
            depth += 1
        if depth:
            card.append(line)
            if key == "END:VCARD":
                depth -= 1
                if depth == 0:
                    yield start, card, True
    if depth:
        yield start, card, False


def _join_soft_breaks(lines: list[str]) -> list[str]:
    """Quoted-printable values (vCard 2.1) continue on the next line after a final '='."""
    joined: list[str] = []
    carry = False
    for line in lines:
        if carry:
            joined[-1] = joined[-1][:-1] + line
        else:
            joined.append(line)
        last = joined[-1]
        carry = bool(_QP.match(last)) and last.endswith("=")
    return joined


def _text(value: Any) -> str:
    """Any vobject value as one string: lists and name parts joined with spaces."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return " ".join(_text(v) for v in value if _text(v).strip())
    return str(value)


def _param_values(line: Any, name: str) -> list[str]:
    values = line.params.get(name, []) if hasattr(line, "params") else []
    return [part.strip().casefold() for value in values for part in str(value).split(",")]


def _is_preferred(line: Any) -> bool:
    return "pref" in _param_values(line, "TYPE") or "1" in _param_values(line, "PREF")


def _label(raw: str) -> str:
    match = _APPLE_LABEL.match(raw.strip())
    return (match.group(1) if match else raw).strip()


def _name(card: Any) -> str:
    for line in card.contents.get("fn", []):
        name = " ".join(_text(line.value).split())
        if name:
            return name
    for line in card.contents.get("n", []):
        value = line.value
        parts = [_text(getattr(value, attr, "")) for attr in ("given", "additional", "family")]
        if not any(p.strip() for p in parts) and isinstance(value, str):
            parts = [value]
        name = " ".join(" ".join(parts).split())
        if name:
            return name
    for line in card.contents.get("nickname", []):
        name = " ".join(_text(line.value).split())
        if name:
            return name
    return ""


def _card_to_incoming(card: Any, line_number: int) -> Incoming | str:
    """The person on one card, or why it was skipped."""
    name = _name(card)
    contents = card.contents
    children = list(card.getChildren())
    labels = {
        (child.group or "").casefold(): _label(_text(child.value))
        for child in children
        if child.name.upper() == "X-ABLABEL" and child.group
    }
    emails = [
        _text(line.value).strip().removeprefix("mailto:")
        for line in sorted(contents.get("email", []), key=lambda line: not _is_preferred(line))
    ]
    emails = [e for e in emails if e]
    if not name:
        return f"no name, only an e-mail: {shown(emails[0])}" if emails else "no name (no FN or N line)"
    phones = [
        _text(line.value).strip().removeprefix("tel:")
        for line in sorted(contents.get("tel", []), key=lambda line: not _is_preferred(line))
    ]
    company = ""
    for line in contents.get("org", []):
        parts = line.value if isinstance(line.value, list) else [line.value]
        company = next((_text(p).strip() for p in parts if _text(p).strip()), "")
        if company:
            break
    role = next((_text(line.value).strip() for line in contents.get("title", []) if _text(line.value).strip()), "")
    role = role or next((_text(line.value).strip() for line in contents.get("role", []) if _text(line.value)), "")
    notes = [_text(line.value).strip() for line in contents.get("note", []) if _text(line.value).strip()]
    linkedin = ""
    for line in contents.get("url", []) + contents.get("x-socialprofile", []):
        url = _text(line.value).strip()
        if not url:
            continue
        label = labels.get((line.group or "").casefold(), "")
        kinds = {label.casefold(), *_param_values(line, "TYPE")}
        if not linkedin and ("linkedin.com/" in url.casefold() or "linkedin" in kinds):
            linkedin = url
        elif line.name.upper() == "URL":
            notes.append(f"Website: {url}" + (f" ({label})" if label else ""))
    for line in contents.get("bday", []):
        value = _text(line.value).strip()
        omit = line.params.get("X-APPLE-OMIT-YEAR", [""])[0] if hasattr(line, "params") else ""
        if omit and value.startswith(f"{omit}-"):
            value = "--" + value[len(omit) + 1 :]
        note = birthday_note(value)
        if note:
            notes.append(note)
            break
    tags: list[str] = []
    for line in contents.get("categories", []):
        values = line.value if isinstance(line.value, list) else [line.value]
        tags += [_text(v).strip() for v in values if _text(v).strip()]
    return Incoming(
        line=line_number,
        name=name,
        company=company,
        role=role,
        emails=emails,
        phones=[p for p in phones if p],
        linkedin=linkedin,
        tags=tags,
        notes=notes,
    )


def parse(path: Path, text: str) -> Parsed:
    import vobject  # only when a vCard is imported: keeps the command line quick to start

    lines = split_lines(text)
    parsed = Parsed()
    for start, card_lines, complete in _cards(lines):
        parsed.count += 1
        if not complete:
            parsed.skipped.append(RowNote(start, "this card has no END:VCARD (is the file cut short?)"))
            continue
        try:
            card = vobject.readOne("\r\n".join(_join_soft_breaks(card_lines)) + "\r\n", ignoreUnreadable=True)
            found = _card_to_incoming(card, start)
        except Exception as error:  # vobject raises many kinds on malformed cards; skip this card only
            reason = " ".join(str(error).split()) or type(error).__name__
            parsed.skipped.append(RowNote(start, f"could not read this card: {shown(reason, 80)}"))
            continue
        if isinstance(found, str):
            parsed.skipped.append(RowNote(start, found))
        else:
            parsed.rows.append(found)
    if parsed.count == 0:
        if not text.strip():
            raise ImportFailed(path, "this file is empty", 1)
        first = next((n for n, line in enumerate(lines, start=1) if line.strip()), 1)
        raise ImportFailed(path, "no vCard found (a line BEGIN:VCARD): is this a .vcf file?", first)
    return parsed
