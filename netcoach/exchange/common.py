"""What every importer shares: reading the file, rows with line numbers, dates, and the row we build.

An importer turns a file into :class:`Incoming` rows (plain strings, not yet cleaned or
validated) plus the rows it had to skip. Cleaning and validation happen once, in
:mod:`netcoach.exchange.merge`, through the :class:`~netcoach.model.contact.Contact` model.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from netcoach.model.text import clean_line, terminal_safe
from netcoach.storage.dirs import read_regular
from netcoach.storage.errors import UnsafePath

MAX_FILE_BYTES = 200 * 1024 * 1024
HEADER_SCAN_ROWS = 60


class ImportFailed(Exception):
    """The file cannot be read at all: one clear message, with the line when there is one."""

    def __init__(self, path: Path, message: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line is not None else f"{path}"
        super().__init__(terminal_safe(f"{where}: {message}"))


@dataclass(frozen=True)
class RowNote:
    """Something about one row of the file: why it was skipped, or what was left out of it."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass
class Incoming:
    """One person as read from a file, before cleaning and validation."""

    line: int
    name: str
    company: str = ""
    role: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    linkedin: str = ""
    connected_on: dt.date | None = None
    tags: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Blocks of text for the contact's notes (their own note, other phones, websites, birthday)."""


@dataclass
class Parsed:
    """What an importer read from a file."""

    rows: list[Incoming] = field(default_factory=list)
    skipped: list[RowNote] = field(default_factory=list)
    notes: list[RowNote] = field(default_factory=list)
    file_notes: list[str] = field(default_factory=list)
    """About the whole file, e.g. 'read as Windows-1252 text'."""
    count: int = 0
    """Rows that held anything (blank rows are not counted)."""


def shown(value: str, limit: int = 60) -> str:
    """A value from the file, safe and short enough to quote in a message."""
    text = clean_line(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"“{text}”"


# -- reading the file -----------------------------------------------------------------------


def read_bytes(path: Path) -> bytes:
    """The import file's bytes: a regular file (a link to one is followed: the user named it) of
    at most 200 MB. A named pipe, a device (``/dev/zero``) or a folder is refused in one line,
    never read (nor opened in a way that waits); so is a bigger file, or one that grows past the limit."""
    try:
        return read_regular(path, limit=MAX_FILE_BYTES, follow=True)
    except IsADirectoryError:
        raise ImportFailed(path, "this is a folder; give the file inside it") from None
    except FileNotFoundError:
        raise ImportFailed(path, "no such file") from None
    except PermissionError:
        raise ImportFailed(path, "netcoach is not allowed to read this file") from None
    except UnsafePath as error:
        if error.reason.startswith("too big"):
            raise ImportFailed(path, f"this file is {error.reason}") from None
        if error.reason.startswith("a folder"):
            raise ImportFailed(path, "this is a folder; give the file inside it") from None
        raise ImportFailed(path, f"this is {error.reason}; give a file exported from your contacts") from None
    except OSError as error:
        raise ImportFailed(path, f"cannot read it: {error.strerror or error}") from None


_BINARY_STARTS = {
    b"PK\x03\x04": "a zip file or a spreadsheet (.xlsx)",
    b"\xd0\xcf\x11\xe0": "an old Excel or Word file",
    b"%PDF": "a PDF",
}


def decode(path: Path, data: bytes) -> tuple[str, list[str]]:
    """The file's text and notes about how it was read. UTF-8 (with or without BOM), UTF-16 with
    a BOM, else Windows-1252 (what Excel writes on Windows); anything else is :class:`ImportFailed`."""
    for start, what in _BINARY_STARTS.items():
        if data.startswith(start):
            raise ImportFailed(path, f"this is {what}, not a text file; save or export it as CSV (UTF-8)", 1)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as error:
            line = data[: error.start].decode("utf-16", "replace").count("\n") + 1
            raise ImportFailed(path, "this UTF-16 file has bytes that are not text", line) from None
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ImportFailed(path, "this looks like a binary file, not text", line)
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        first_bad = data[: error.start].count(b"\n") + 1
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise ImportFailed(
            path, "this is not UTF-8 text (nor Windows-1252); save it as UTF-8 and try again", first_bad
        ) from None
    return text, [f"read as Windows-1252 text, since it is not UTF-8 (from line {first_bad}); check accented names"]


def read_text(path: Path) -> tuple[str, list[str]]:
    return decode(path, read_bytes(path))


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """Lines as an editor numbers them (not ``str.splitlines``, which also splits on form feeds)."""
    return _LINE_BREAK.split(text)


def guess_delimiter(text: str, markers: Iterable[str]) -> str:
    """',' unless the header line (the first with one of ``markers``) is split by ';' or tabs,
    as Excel writes CSV in languages where the comma is the decimal mark."""
    keys = [m.casefold() for m in markers]
    for line in split_lines(text[:200_000])[:HEADER_SCAN_ROWS]:
        folded = line.casefold()
        if any(key in folded for key in keys):
            counts = {d: line.count(d) for d in (",", ";", "\t")}
            best = max(counts, key=lambda d: counts[d])
            return best if counts[best] > counts[","] else ","
    return ","


def csv_rows(path: Path, text: str, delimiter: str = ",") -> Iterator[tuple[int, list[str]]]:
    """Each CSV row with the line it starts on. A broken file raises :class:`ImportFailed`."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            message = str(error)
            if "field larger than field limit" in message:
                message = 'a cell is far too long: is a quote (") left open above this line?'
            raise ImportFailed(path, f"this is not readable CSV: {message}", start) from None
        yield start, row
        start = reader.line_num + 1


def header_key(cell: str) -> str:
    """A header cell, compared loosely: case, spacing and 'E-mail'/'Email' do not matter."""
    key = cell.replace("\ufeff", "").strip().casefold().replace("e-mail", "email")
    return " ".join(key.replace("_", " ").split())


def is_blank(row: Iterable[str]) -> bool:
    return all(not cell.strip() for cell in row)


def split_multi(value: str) -> list[str]:
    """Google's several values in one cell: 'a@x.com ::: b@y.com'."""
    return [part.strip() for part in value.split(":::") if part.strip()]


# -- dates --------------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_YMD_SLASH = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:[,\s].*)?$")
_DAY_MONTH_NAME = re.compile(r"^(\d{1,2})[\s\-]+([A-Za-z]{3,9})\.?[\s\-,]+(\d{4}|\d{2})(?:[,\s].*)?$")
_MONTH_NAME_DAY = re.compile(r"^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:[,\s].*)?$")
_NUMERIC = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})(?:[,\sT].*)?$")


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 69 else 1900  # as strptime's %y does
    return year


class DateReader:
    """Reads the dates of one file: '30 May 2024', '1/8/18, 6:14 PM', '23-Apr-23', ISO, and others.

    Numeric dates are month first (LinkedIn's American order) unless some date in the same
    file only makes sense day first ('30/5/2024'), as when the file was re-saved by Excel in
    a day-first language; dotted dates ('30.05.2024') are always day first.
    """

    def __init__(self, samples: Iterable[str] = ()) -> None:
        day_first = month_first = False
        for sample in samples:
            match = _NUMERIC.match(sample.strip())
            if match and match.group(2) == "/":
                first, second = int(match.group(1)), int(match.group(3))
                day_first |= first > 12 >= second
                month_first |= second > 12 >= first
        self.day_first = day_first and not month_first
        self._read: dict[str, dt.date | None] = {}

    def parse(self, text: str) -> dt.date | None:
        """The date, ``None`` for an empty cell; ``ValueError`` for text that is not a date."""
        try:  # an export of thousands of rows repeats its dates: each text is read once
            return self._read[text]
        except KeyError:
            pass
        day = self._parse(text)
        self._read[text] = day
        return day

    def _parse(self, text: str) -> dt.date | None:
        value = text.strip()
        if not value:
            return None
        match = _ISO.match(value) or _YMD_SLASH.match(value)
        if match:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        match = _DAY_MONTH_NAME.match(value)
        if match and match.group(2).casefold() in _MONTHS:
            return dt.date(_year(match.group(3)), _MONTHS[match.group(2).casefold()], int(match.group(1)))
        match = _MONTH_NAME_DAY.match(value)
        if match and match.group(1).casefold() in _MONTHS:
            return dt.date(int(match.group(3)), _MONTHS[match.group(1).casefold()], int(match.group(2)))
        match = _NUMERIC.match(value)
        if match:
            first, second, year = int(match.group(1)), int(match.group(3)), _year(match.group(4))
            if match.group(2) == "." or (match.group(2) != "-" and self.day_first):
                return dt.date(year, second, first)
            return dt.date(year, first, second)
        raise ValueError(f"not a date: {value!r}")


def birthday_note(text: str, reader: DateReader | None = None) -> str:
    """'Birthday: 15 April 1990', '15 April' without a year ('--0415', '--04-15'), else the text as given."""
    value = text.strip()
    if not value:
        return ""
    match = re.match(r"^--(\d{2})-?(\d{2})$", value)
    if match:
        try:
            day = dt.date(2000, int(match.group(1)), int(match.group(2)))
        except ValueError:
            return f"Birthday: {clean_line(value)}"
        return f"Birthday: {day.day} {day:%B}"
    compact = re.match(r"^(\d{4})(\d{2})(\d{2})$", value)
    if compact:
        value = f"{compact.group(1)}-{compact.group(2)}-{compact.group(3)}"
    try:
        born = (reader or DateReader()).parse(value)
    except ValueError:
        return f"Birthday: {clean_line(value)}"
    if born is None:
        return ""
    return f"Birthday: {born.day} {born:%B} {born.year}"
