"""vCard files (.vcf) from phones and address books: 3.0 and 4.0, and old 2.1 where easy.

The file is cut into cards here (so each card has its line number, and one broken card is
skipped rather than failing the file). Each card's lines are read by vobject's line reader,
which joins folded lines and quoted-printable soft breaks, parses parameters and groups, and
decodes quoted-printable values in their charset; values are then unescaped here, keeping
unescaped commas as commas (real files are full of them).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from netcoach.exchange.common import (
    ImportFailed,
    Incoming,
    Parsed,
    RowNote,
    birthday_note,
    shown,
    split_lines,
)

SOURCE = "vcard import"

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


def _split(raw: str, separator: str | None) -> list[str]:
    """Split a vCard value on ``separator`` where it is not escaped, and unescape each part."""
    parts: list[str] = []
    current: list[str] = []
    escaped = False
    for ch in raw:
        if escaped:
            current.append("\n" if ch in "nN" else ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def _unescape(raw: str) -> str:
    """A text value: '\\,' and '\\;' are commas and semicolons, '\\n' a new line.

    A comma that is not escaped (common in real files) is kept as a comma, not taken as
    a list separator (vobject's own decoding keeps only the text before it).
    """
    return _split(raw, None)[0]


class _Line:
    """One property of a card: name, group, parameters and raw value (quoted-printable decoded)."""

    def __init__(self, content: Any) -> None:
        self.name: str = content.name.upper()
        self.group: str = (content.group or "").casefold()
        self.value: str = content.value if isinstance(content.value, str) else str(content.value)
        self.params: dict[str, list[str]] = content.params
        self.singletons = [str(s).casefold() for s in content.singletonparams]

    def param(self, name: str) -> list[str]:
        values = self.params.get(name, [])
        return [part.strip().casefold() for value in values for part in str(value).split(",")]

    @property
    def preferred(self) -> bool:
        return "pref" in self.param("TYPE") or "pref" in self.singletons or "1" in self.param("PREF")

    @property
    def text(self) -> str:
        return _unescape(self.value).strip()


def _read_lines(card_lines: list[str]) -> list[_Line]:
    """The card's properties, through vobject's line reader: folded lines joined, quoted-printable
    soft line breaks joined and decoded, parameters and groups parsed."""
    from vobject.base import getLogicalLines, textLineToContentLine

    found = []
    for logical, _number in getLogicalLines(io.StringIO("\n".join(card_lines)), True):
        try:
            found.append(_Line(textLineToContentLine(logical)))
        except Exception:  # a line vobject cannot read (or decode): leave that line out, keep the card
            continue
    return found


def _label(raw: str) -> str:
    match = _APPLE_LABEL.match(raw.strip())
    return (match.group(1) if match else raw).strip()


def _name(props: dict[str, list[_Line]]) -> str:
    for line in props.get("FN", []):
        name = " ".join(line.text.split())
        if name:
            return name
    for line in props.get("N", []):
        parts = [*_split(line.value, ";"), "", "", ""]
        family, given, additional = parts[0], parts[1], parts[2]
        name = " ".join(" ".join((given, additional, family)).split())
        if name:
            return name
    for line in props.get("NICKNAME", []):
        name = " ".join(line.text.split())
        if name:
            return name
    return ""


def _card_to_incoming(lines: list[_Line], line_number: int) -> Incoming | str:
    """The person on one card, or why it was skipped."""
    props: dict[str, list[_Line]] = {}
    for line in lines:
        props.setdefault(line.name, []).append(line)
    labels = {line.group: _label(line.text) for line in props.get("X-ABLABEL", []) if line.group}

    def texts(name: str) -> list[str]:
        ordered = sorted(props.get(name, []), key=lambda line: not line.preferred)
        return [t for t in (line.text for line in ordered) if t]

    emails = [e.removeprefix("mailto:").strip() for e in texts("EMAIL")]
    name = _name(props)
    if not name:
        return f"no name, only an e-mail: {shown(emails[0])}" if emails else "no name (no FN or N line)"
    phones = [p.removeprefix("tel:").strip() for p in texts("TEL")]
    company = ""
    for line in props.get("ORG", []):
        company = next((part.strip() for part in _split(line.value, ";") if part.strip()), "")
        if company:
            break
    role = next(iter(texts("TITLE")), "") or next(iter(texts("ROLE")), "")
    notes = texts("NOTE")
    linkedin = ""
    for line in props.get("URL", []) + props.get("X-SOCIALPROFILE", []):
        url = line.text
        if not url:
            continue
        label = labels.get(line.group, "") if line.group else ""
        kinds = {label.casefold(), *line.param("TYPE")}
        if not linkedin and ("linkedin.com/" in url.casefold() or "linkedin" in kinds):
            linkedin = url
        elif line.name == "URL":
            notes.append(f"Website: {url}" + (f" ({label})" if label else ""))
    for line in props.get("BDAY", []):
        value = line.text
        omit = next(iter(line.params.get("X-APPLE-OMIT-YEAR", [])), "")
        if omit and value.startswith(f"{omit}-"):
            value = "--" + value[len(omit) + 1 :]
        note = birthday_note(value)
        if note:
            notes.append(note)
            break
    tags = [tag.strip() for line in props.get("CATEGORIES", []) for tag in _split(line.value, ",") if tag.strip()]
    return Incoming(
        line=line_number,
        name=name,
        company=company,
        role=role,
        emails=[e for e in emails if e],
        phones=[p for p in phones if p],
        linkedin=linkedin,
        tags=tags,
        notes=notes,
    )


def parse(path: Path, text: str) -> Parsed:
    lines = split_lines(text)
    parsed = Parsed()
    for start, card_lines, complete in _cards(lines):
        parsed.count += 1
        if not complete:
            parsed.skipped.append(RowNote(start, "this card has no END:VCARD (is the file cut short?)"))
            continue
        found = _card_to_incoming(_read_lines(card_lines[1:-1]), start)
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
