"""Taking people out: vCard 3.0, CSV and JSON, so nobody is ever trapped in netcoach.

Pure functions from contact records to text, and one writer that goes through
:func:`netcoach.storage.fsio.atomic_write` (a file appears whole or not at all, 0600). An
export writes a new regular file or replaces one; never a device, a pipe or a link, and never
anything inside the data folder.
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from netcoach.exchange.vcard_write import card, card_uid
from netcoach.model.contact import Contact
from netcoach.storage.contacts import ContactRecord, as_dict
from netcoach.storage.dirs import what_it_is
from netcoach.storage.fsio import atomic_write


class ExportError(Exception):
    """An expected problem with the destination, worded for the user."""


def _sorted(records: Iterable[ContactRecord]) -> list[ContactRecord]:
    return sorted(records, key=lambda r: (r.contact.name.casefold(), r.id))


def vcard_text(contact: Contact, uid: str = "") -> str:
    """One contact as a vCard 3.0 card (CRLF line ends, long lines folded, values escaped: the bytes
    vobject wrote, see :mod:`netcoach.exchange.vcard_write`); with a ``UID`` line if ``uid`` is given."""
    c = contact
    return card(c.name, c.company, c.role, c.emails, c.phone, c.linkedin, c.tags, c.notes, uid)


def vcard_of(data: Mapping[str, Any], uid: str = "") -> str:
    """The card of a contact given as plain data (``as_dict``'s, as the index keeps it): :func:`vcard_text`'s."""
    d = data
    return card(d["name"], d["company"], d["role"], d["emails"], d["phone"], d["linkedin"], d["tags"], d["notes"], uid)


Progress = Callable[[int, int], None]
"""``progress(done, total)``, called now and then as cards are made (and once at the end)."""

PROGRESS_EVERY = 200
"""Cards between two calls of ``progress``: often enough to move a bar, rarely enough to cost nothing."""

T = TypeVar("T")


def _made(items: Sequence[T], make: Callable[[T], str], progress: Progress | None) -> str:
    """Every item made into text, joined; ``progress`` told every :data:`PROGRESS_EVERY` items and at the end."""
    if progress is None:
        return "".join(map(make, items))
    parts: list[str] = []
    total = len(items)
    for start in range(0, total, PROGRESS_EVERY):
        parts += map(make, items[start : start + PROGRESS_EVERY])
        progress(len(parts), total)
    return "".join(parts)


def export_vcard(records: Iterable[ContactRecord], progress: Progress | None = None) -> str:
    """Every card, by name; each with a stable UID made from its id (:func:`~netcoach.exchange.vcard_write.card_uid`)."""
    return _made(_sorted(records), lambda r: vcard_text(r.contact, card_uid(r.id)), progress)


CSV_COLUMNS = (
    "id",
    "name",
    "company",
    "role",
    "emails",
    "phone",
    "linkedin",
    "tags",
    "stage",
    "met_at",
    "met_on",
    "connected_on",
    "last_contacted",
    "interactions",
    "reach_out_after",
    "reach_out_reason",
    "snoozed_until",
    "cadence_days",
    "story",
    "common_ground",
    "they_can_help",
    "i_can_offer",
    "source",
    "notes",
)
"""The CSV's columns; lists (e-mails, tags, common ground) are joined with '; '."""


def _safe_cell(value: str) -> str:
    """Keep a spreadsheet from running a cell as a formula ('=HYPERLINK(...)' in an imported name).

    A cell starting with '=', '@', a tab or a carriage return gets a leading apostrophe, and so
    does one starting with '+' or '-' unless it holds only digits, spaces and '+-().x' (a phone
    number such as '+1 555 0100', which can call no function).
    """
    if value[:1] in ("=", "@", "\t", "\r") or (
        value[:1] in ("+", "-") and not all(ch.isdigit() or ch in " +-().x" for ch in value)
    ):
        return "'" + value
    return value


def csv_row(record: ContactRecord) -> dict[str, str]:
    data = as_dict(record.contact)
    last = record.contact.last_interaction()
    row: dict[str, str] = {"id": record.id}
    for column in CSV_COLUMNS[1:]:
        if column == "last_contacted":
            value = last.date.isoformat() if last else ""
            remembered = record.contact.last_contact
            if remembered is not None and (last is None or remembered.start > last.date):
                value = remembered.text()  # as remembered: 2019, 2023-06
        elif column == "interactions":
            value = str(len(record.contact.interactions))
        else:
            raw = data[column]
            value = "; ".join(raw) if isinstance(raw, list) else ("" if raw is None else str(raw))
        row[column] = _safe_cell(value)
    return row


def export_csv(records: Iterable[ContactRecord]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for record in _sorted(records):
        writer.writerow(csv_row(record))
    return buffer.getvalue()


def export_json(records: Iterable[ContactRecord]) -> str:
    """A JSON list mirroring the contact files (as ``netcoach contacts --json``): id, then every field."""
    payload = [{"id": r.id, **as_dict(r.contact)} for r in _sorted(records)]
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


EXPORTERS: dict[str, tuple[str, Callable[[Iterable[ContactRecord]], str]]] = {
    "vcard": ("vCard 3.0", export_vcard),
    "csv": ("CSV", export_csv),
    "json": ("JSON", export_json),
}
"""kind -> (name shown to the user, function from records to the file's text)."""


def export_text(kind: str, records: Iterable[ContactRecord], progress: Progress | None = None) -> str:
    """The export's text; ``progress`` is told how far a vCard export is (the slow one: ~0.4 ms a card)."""
    if kind not in EXPORTERS:
        raise ValueError(f"unknown export kind {kind!r}: choose from {', '.join(EXPORTERS)}")
    if kind == "vcard":
        return export_vcard(records, progress)
    return EXPORTERS[kind][1](records)


Copy = tuple[str, str]
"""A contact as its id and its JSON copy (``json.dumps(as_dict(contact), ensure_ascii=False)``), as
the index keeps it: what the vCard and JSON exports are made from, without a model of anyone."""


def _from_copies(
    copies: Sequence[Copy], make: Callable[[str, dict[str, Any]], T], progress: Progress | None
) -> list[T]:
    """``make(id, data)`` of every copy, in the order of :func:`_sorted` (by name casefolded, then id);
    ``progress`` told every :data:`PROGRESS_EVERY` copies and at the end."""
    made: list[tuple[str, str, T]] = []
    loads = json.loads
    total = len(copies)
    for start in range(0, total, PROGRESS_EVERY):
        for contact_id, copy in copies[start : start + PROGRESS_EVERY]:
            data = loads(copy)
            made.append((data["name"].casefold(), contact_id, make(contact_id, data)))
        if progress is not None:
            progress(len(made), total)
    made.sort(key=lambda m: (m[0], m[1]))
    return [m[2] for m in made]


def copies_vcard(copies: Sequence[Copy], progress: Progress | None = None) -> str:
    """:func:`export_vcard`'s text, from the contacts' JSON copies."""
    return "".join(_from_copies(copies, lambda contact_id, data: vcard_of(data, card_uid(contact_id)), progress))


def copies_json(copies: Sequence[Copy], progress: Progress | None = None) -> str:
    """:func:`export_json`'s text, from the contacts' JSON copies: each item indented on its own (a JSON
    text holds no raw line break, so indenting its lines by two is what the list's ``indent=2`` does)."""

    def item(contact_id: str, data: dict[str, Any]) -> str:
        return json.dumps({"id": contact_id, **data}, ensure_ascii=False, indent=2).replace("\n", "\n  ")

    items = _from_copies(copies, item, progress)
    return "[\n  " + ",\n  ".join(items) + "\n]\n" if items else "[]\n"


FROM_COPIES: dict[str, Callable[[Sequence[Copy], Progress | None], str]] = {
    "vcard": copies_vcard,
    "json": copies_json,
}
"""The kinds made from the contacts' JSON copies (:data:`Copy`), without a model of anyone: the
command takes them from the index (:meth:`netcoach.storage.listing.Listing.copies`)."""


def copies_text(kind: str, copies: Sequence[Copy], progress: Progress | None = None) -> str:
    """The export's text from the JSON copies: byte for byte :func:`export_text`'s from the same contacts."""
    return FROM_COPIES[kind](copies, progress)


def check_destination(path: Path, data_dir: Path | None = None) -> Path:
    """The destination as given, or :class:`ExportError` if netcoach should not write there.

    An export writes a new regular file or replaces a regular file: a folder, a symbolic link,
    a named pipe or a device at ``path`` is refused (``-`` for standard output is the command's
    business). So is any path inside the data folder, however it is reached (through a link
    on the way, or the data folder's own link).
    """
    target = path.expanduser()
    try:
        mode: int | None = os.lstat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise ExportError(f"cannot write {target}: {error.strerror or error}") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise ExportError(f"{target} is a folder; give a file name, e.g. {target / 'contacts.vcf'}")
    if mode is not None and not stat.S_ISREG(mode):
        what = what_it_is(mode) or "not a regular file"
        what = "a symbolic link" if stat.S_ISLNK(mode) else what.removesuffix(", not a file")
        raise ExportError(f"{target} is {what}; netcoach exports to a new file or replaces a regular file")
    if not target.parent.is_dir():
        raise ExportError(f"there is no folder {target.parent}")
    if data_dir is not None and _inside(target, data_dir):
        raise ExportError("choose a file outside the data folder: netcoach would read it as its own")
    return target


def _inside(target: Path, data_dir: Path) -> bool:
    """Is ``target`` the data folder or inside it, as written or with every link resolved?"""
    written = Path(os.path.abspath(target))
    resolved = Path(os.path.realpath(target.parent)) / target.name
    for data in {Path(os.path.abspath(data_dir)), Path(os.path.realpath(data_dir))}:
        for candidate in (written, resolved):
            if candidate == data or data in candidate.parents:
                return True
    return False


def export_to_file(
    kind: str,
    records: Iterable[ContactRecord],
    path: Path,
    data_dir: Path | None = None,
    progress: Progress | None = None,
) -> int:
    """Write the export to ``path`` atomically (0600). Returns the number of contacts written.

    :class:`ExportError` for a destination refused (see :func:`check_destination`);
    :class:`~netcoach.storage.errors.WriteFailed` when the disk refuses the write.
    """
    target = check_destination(path, data_dir)
    records = list(records)
    text = export_text(kind, records, progress)
    atomic_write(target, text)  # it too replaces only a regular file; a disk's refusal is WriteFailed
    return len(records)


def copies_to_file(
    kind: str,
    copies: Iterable[Copy],
    path: Path,
    data_dir: Path | None = None,
    progress: Progress | None = None,
) -> int:
    """:func:`export_to_file` from the JSON copies (a kind in :data:`FROM_COPIES`). The destination is
    checked before ``copies`` is read (it may be a generator that reads the whole folder)."""
    target = check_destination(path, data_dir)
    found = list(copies)
    atomic_write(target, copies_text(kind, found, progress))
    return len(found)
