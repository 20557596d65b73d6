"""Contact files: one TOML file per person, read and written one at a time.

Every write goes through :func:`netcoach.storage.fsio.atomic_write` (in :meth:`ContactFiles._write`)
while holding the data folder's lock, after checking that the file did not change since it was
read. A file that fails to load raises :class:`~netcoach.model.problem.FileProblem` and is never
rewritten; so does a link, a named pipe or a device where a contact file should be.
Every change is recorded in the undo journal first (:mod:`netcoach.storage.journal`), with
the caller's description of it (``note=``) or a plain default.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netcoach.model.digests import file_sha256, sha256_hex
from netcoach.model.problem import FileProblem, Problem
from netcoach.model.text import fold, slugify
from netcoach.storage.errors import Ambiguous, ConflictError, NotFound, SameName, UnsafePath
from netcoach.storage.folder import CONTACTS, DataFolder
from netcoach.storage.fsio import atomic_write
from netcoach.storage.tomlfile import compact, read_model
from netcoach.storage.tomlwrite import dumps as to_toml

if TYPE_CHECKING:
    from netcoach.model.contact import Contact

# netcoach.model.contact (and so pydantic) is imported inside the functions that need it, so
# that `netcoach due` over the index never loads it (see netcoach.storage.reader).


@dataclass(frozen=True)
class ContactRecord:
    """A contact as stored: its id (the file's stem), the contact, and the digest of the file read."""

    id: str
    contact: Contact
    digest: str


def digest(data: bytes) -> str:
    """The digest a record remembers of the file it was read from."""
    return file_sha256(data)


def contact_toml(contact: Contact) -> str:
    """The TOML text of a contact: fields in a fixed order, unset fields left out, dates as TOML dates."""
    data = contact.model_dump(mode="python")
    interactions = data.pop("interactions")
    promises = data.pop("promises")
    parts = [to_toml(compact(data, keep=("name", "stage")))]
    # Always [[interactions]] blocks (never one long inline array): easy to edit and to diff.
    parts += [f"\n[[interactions]]\n{to_toml(compact(i, keep=('date', 'kind')))}" for i in interactions]
    parts += [f"\n[[promises]]\n{to_toml(compact(p, keep=('text', 'by', 'whose')))}" for p in promises]
    return "".join(parts)


def contact_text(contact: Contact) -> bytes:
    """The bytes of a contact's file: :func:`contact_toml` in UTF-8."""
    return contact_toml(contact).encode("utf-8")


def parse_contact(path: Path, data: bytes) -> Contact:
    """Validate a contact file's bytes; a problem raises :class:`FileProblem` (``path:line:col``)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise FileProblem(Problem(path, line, col, "not UTF-8 text")) from None
    from netcoach.model.contact import Contact

    return read_model(path, text, Contact)


def trusted_contact(payload: str) -> Contact:
    """A contact from the JSON netcoach wrote itself after validating it (the index's copy):
    types are checked, text is not cleaned again (see :data:`netcoach.model.contact.TRUSTED`)."""
    from netcoach.model.contact import TRUSTED, Contact

    if not payload.startswith("{"):  # the model's fingerprint first (payload_json)
        payload = payload[payload.find("\n") + 1 :]
    return Contact.model_validate_json(payload, context=TRUSTED)


def as_dict(contact: Contact) -> dict[str, Any]:
    """The contact as plain JSON-ready data (dates as ISO strings), for ``--json`` and exports."""
    return contact.model_dump(mode="json")


def _model_format() -> str:
    """A fingerprint of the contact model's source (its fields, their checks, the kinds)."""
    model = Path(__file__).resolve().parent.parent / "model"
    sources = []
    for name in ("contact.py", "fields.py", "kinds.py"):
        with contextlib.suppress(OSError):
            sources.append((model / name).read_bytes())
    return sha256_hex(b"".join(sources))[:16]


PAYLOAD_PREFIX = f"{_model_format()}\n"
"""How the index's copy of a contact validated by this netcoach's model starts (see :func:`payload_json`)."""


def payload_json(contact: Contact) -> str:
    """The copy the index keeps of a validated contact: the model's fingerprint, a newline, then
    exactly the JSON ``netcoach contacts --json`` prints of it (after its id), so that listing
    30,000 people needs no model at all. A copy made under another model (an upgrade) is still
    valid input for :func:`trusted_contact`, which gives it the fields of today's model."""
    return PAYLOAD_PREFIX + _PAYLOAD_JSON.encode(as_dict(contact))


_PAYLOAD_JSON = json.JSONEncoder(ensure_ascii=False)
"""``json.dumps(..., ensure_ascii=False)``, made once (json.dumps makes one at each call)."""


def valid_copy(contact: Contact) -> Contact:
    """``contact`` validated again, however it was built: only valid data is stored."""
    from netcoach.model.contact import Contact

    return Contact.model_validate(contact.model_dump())


class ContactFiles:
    """Reading, adding and changing one contact file at a time.

    ``named_like(name)`` gives the contacts whose name is ``name`` (case and accents aside), as
    they are on disk now: :class:`~netcoach.storage.store.Store` wires it to the reader, so that
    :meth:`add` can tell who is there already while holding the lock.
    """

    def __init__(self, folder: DataFolder, named_like: Callable[[str], list[ContactRecord]] | None = None) -> None:
        self.folder = folder
        self.named_like = named_like

    def path_of(self, contact_id: str) -> Path:
        return self.folder.contacts_dir / f"{contact_id}.toml"

    def read(self, contact_id: str) -> ContactRecord:
        """Read one contact from its file. Raises :class:`NotFound` or :class:`FileProblem` (a link,
        a special file or a file over 1 MB is a problem, never read)."""
        path = self.path_of(contact_id)
        data = self.file_bytes(contact_id)
        if data is None:
            raise NotFound(f"no contact file {path}")
        return ContactRecord(contact_id, parse_contact(path, data), digest(data))

    def file_bytes(self, contact_id: str) -> bytes | None:
        """The contact file's bytes, None if it is not there; :class:`FileProblem` if it cannot be read."""
        path = self.path_of(contact_id)
        try:
            return self.folder.read_bytes(f"contacts/{contact_id}.toml")
        except FileNotFoundError:
            return None
        except UnsafePath as error:
            raise FileProblem(Problem(error.path, 1, 1, error.reason)) from None
        except OSError as error:
            raise FileProblem(Problem(path, 1, 1, f"cannot read: {error.strerror or error}")) from None

    def _write(self, contact_id: str, contact: Contact, note: str) -> ContactRecord:
        """Write a contact's file (atomically, never through a link): the one place a contact file is written."""
        contact = valid_copy(contact)
        data = contact_toml(contact).encode("utf-8")
        path = self.path_of(contact_id)
        with self.folder.journal.change(note) as change:
            change.before_writing([(path, data)])
            atomic_write(path, data, within=self.folder.root)
        return ContactRecord(contact_id, contact, digest(data))

    def new_id(self, name: str) -> str:
        """A file stem for a new contact, distinct from every file already there (a link's name included)."""
        base = slugify(name)
        candidate, number = base, 1
        while any(os.path.lexists(p) for p in (self.path_of(candidate), self.folder.drafts_dir / f"{candidate}.toml")):
            number += 1
            candidate = f"{base}-{number}"
        return candidate

    def add(self, contact: Contact, *, unless_named_like: bool = False, note: str | None = None) -> ContactRecord:
        """Add a new contact under a new id.

        With ``unless_named_like``, raises :class:`SameName` (carrying the people found) instead when
        someone of that name, case and accents aside, is there already: decided while holding the
        lock, so of two adds of one name at once the second always knows of the first.
        """
        with self.folder.locked():
            if unless_named_like and self.named_like is not None:
                existing = self.named_like(contact.name)
                if existing:
                    raise SameName(contact.name, existing)
            return self._write(self.new_id(contact.name), contact, note or f"Added {contact.name}")

    def add_many(self, contacts: Iterable[Contact], *, note: str | None = None) -> list[ContactRecord]:
        """Add several contacts as one change (one entry in the undo journal)."""
        contacts = list(contacts)
        words = note or f"Added {len(contacts)} {'person' if len(contacts) == 1 else 'people'}"
        with self.folder.locked(), self.folder.journal.change(words):
            return [self._write(self.new_id(c.name), c, words) for c in contacts]

    def update(
        self, contact_id: str, change: Callable[[Contact], Contact | None], *, note: str | None = None
    ) -> ContactRecord:
        """Read-modify-write under the lock: ``change`` gets the contact as it is on disk now.

        ``change`` may edit the contact in place (return ``None``) or return a new one. A file
        that fails to load raises :class:`FileProblem` and is left untouched.
        """
        with self.folder.locked():
            record = self.read(contact_id)
            working = record.contact.model_copy(deep=True)
            changed = change(working) or working
            if changed == record.contact:
                return record
            return self._write(contact_id, changed, note or f"Changed {changed.name}")

    def save(
        self, record: ContactRecord, contact: Contact, *, force: bool = False, note: str | None = None
    ) -> ContactRecord:
        """Save an edited contact; :class:`ConflictError` if the file changed since ``record`` was read.

        With ``force``, the user's version is written on top of whatever is there now (a regular
        file: a link or a special file there is :class:`FileProblem`, and left alone).
        """
        with self.folder.locked():
            data = self.file_bytes(record.id)
            current_digest = None if data is None else digest(data)
            if current_digest != record.digest and not force:
                try:
                    current: ContactRecord | None = self.read(record.id)
                except (NotFound, FileProblem):
                    current = None
                raise ConflictError(current)
            if contact == record.contact and current_digest == record.digest:
                return record
            return self._write(record.id, contact, note or f"Edited {contact.name}")

    def _check_unchanged(self, record: ContactRecord) -> None:
        """:class:`ConflictError` if the file is not the one ``record`` was read from."""
        data = self.file_bytes(record.id)  # a link or a special file there: FileProblem, never read
        current_digest = None if data is None else digest(data)
        if current_digest != record.digest:
            try:
                current: ContactRecord | None = self.read(record.id)
            except (NotFound, FileProblem):
                current = None
            raise ConflictError(current)

    def save_text(self, record: ContactRecord, data: bytes, *, note: str | None = None) -> ContactRecord:
        """Save a contact file's new bytes as they are (an edit in the user's editor), once they validate.

        :class:`FileProblem` (``path:line:col``, naming the contact file) if they do not;
        :class:`ConflictError` if the file changed since ``record`` was read. Either way nothing is written.
        """
        path = self.path_of(record.id)
        contact = parse_contact(path, data)
        with self.folder.locked():
            self._check_unchanged(record)
            with self.folder.journal.change(note or f"Edited {contact.name}'s file") as change:
                change.before_writing([(path, data)])
                atomic_write(path, data, within=self.folder.root)
        return ContactRecord(record.id, contact, digest(data))

    def remove(self, record: ContactRecord, *, note: str | None = None) -> None:
        """Remove a contact's file (undo brings it back); :class:`ConflictError` if it changed since read."""
        self.replace([(record, None)], note=note or f"Removed {record.contact.name}")

    def replace(self, changes: Sequence[tuple[ContactRecord, Contact | None]], *, note: str) -> list[ContactRecord]:
        """Change several contacts as one change: each record's file is rewritten (a contact) or
        removed (None). :class:`ConflictError`, with nothing written, if any changed since read.
        Returns the records written."""
        with self.folder.locked():
            for record, _ in changes:
                self._check_unchanged(record)
            writes: list[tuple[Path, bytes | None]] = []
            saved: list[ContactRecord] = []
            for record, contact in changes:
                if contact is None:
                    writes.append((self.path_of(record.id), None))
                    continue
                contact = valid_copy(contact)
                data = contact_toml(contact).encode("utf-8")
                writes.append((self.path_of(record.id), data))
                saved.append(ContactRecord(record.id, contact, digest(data)))
            with self.folder.journal.change(note) as change:
                change.before_writing(writes)
                for path, new in writes:
                    if new is None:
                        self.folder.delete_file(f"{CONTACTS}/{path.name}", note=note)  # a regular file only
                    else:
                        atomic_write(path, new, within=self.folder.root)
            return saved


def find_record(query: str, records: list[ContactRecord]) -> ContactRecord:
    """The one contact ``query`` names: its exact name, else its id, else a unique prefix of a
    name (names case- and accent-insensitive). An exact name shared by several people is
    ambiguous unless ``query`` is one of their ids."""
    key = fold(query)
    if not key:
        raise NotFound("give a name")
    exact = [r for r in records if fold(r.contact.name) == key]
    if len(exact) == 1:
        return exact[0]
    by_id = [r for r in records if r.id == query.strip()]
    if by_id:
        return by_id[0]
    matches = exact or [r for r in records if fold(r.contact.name).startswith(key)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NotFound(f"nobody called {query!r}")
    raise Ambiguous(f"{query!r} matches {len(matches)} contacts", sorted(matches, key=lambda r: r.contact.name))
