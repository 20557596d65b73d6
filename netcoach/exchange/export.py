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
from collections.abc import Callable, Iterable
from pathlib import Path

from netcoach.model.contact import Contact
from netcoach.storage.contacts import ContactRecord, as_dict
from netcoach.storage.dirs import what_it_is
from netcoach.storage.fsio import atomic_write


class ExportError(Exception):
    """An expected problem with the destination, worded for the user."""


def _sorted(records: Iterable[ContactRecord]) -> list[ContactRecord]:
    return sorted(records, key=lambda r: (r.contact.name.casefold(), r.id))


def _split_name(name: str) -> tuple[str, str]:
    """(given, family): the last word is the family name; a one-word name is all given."""
    words = name.split()
    if len(words) < 2:
        return name, ""
    return " ".join(words[:-1]), words[-1]


def vcard_text(contact: Contact) -> str:
    """One contact as a vCard 3.0 card (CRLF line ends, long lines folded, values escaped by vobject)."""
    import vobject  # only when exporting: keeps the command line quick to start

    card = vobject.vCard()
    given, family = _split_name(contact.name)
    card.add("n").value = vobject.vcard.Name(family=family, given=given)
    card.add("fn").value = contact.name
    if contact.company:
        card.add("org").value = [contact.company]
    if contact.role:
        card.add("title").value = contact.role
    for email in contact.emails:
        line = card.add("email")
        line.value = email
        line.type_param = "INTERNET"
    if contact.phone:
        card.add("tel").value = contact.phone
    if contact.linkedin:
        url = card.add("url")
        url.value = contact.linkedin
        url.group = "item1"
        label = card.add("x-ablabel")
        label.value = "LinkedIn"
        label.group = "item1"
    if contact.tags:
        card.add("categories").value = list(contact.tags)
    if contact.notes:
        card.add("note").value = contact.notes
    text: str = card.serialize()  # vobject has no types
    return text


Progress = Callable[[int, int], None]
"""``progress(done, total)``, called now and then as cards are made (and once at the end)."""

PROGRESS_EVERY = 200
"""Cards between two calls of ``progress``: often enough to move a bar, rarely enough to cost nothing."""


def export_vcard(records: Iterable[ContactRecord], progress: Progress | None = None) -> str:
    ordered = _sorted(records)
    if progress is None:
        return "".join(vcard_text(r.contact) for r in ordered)
    cards: list[str] = []
    for done, record in enumerate(ordered, 1):
        cards.append(vcard_text(record.contact))
        if done % PROGRESS_EVERY == 0 or done == len(ordered):
            progress(done, len(ordered))
    return "".join(cards)


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
