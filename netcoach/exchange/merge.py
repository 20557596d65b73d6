"""From incoming rows to contacts, and who is already there.

Every contact is built through :class:`~netcoach.model.contact.Contact` validation, so control
characters and escape sequences are removed whatever the file held. A value that does not
validate (an e-mail, a web address) is left out with a note; the row is kept.

Matching, in order: a shared e-mail; the same LinkedIn page; the same name (case, accents
and spacing ignored). A name match is refused when both have LinkedIn pages that differ,
and, between two rows of the same file, when their e-mails or companies differ (two
people with one name). A match fills empty fields and adds missing e-mails, tags and
notes; it never changes what is already there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import unquote

from pydantic import ValidationError

from netcoach.exchange.common import Incoming, RowNote, shown
from netcoach.model.contact import Contact
from netcoach.model.text import clean_text, fold
from netcoach.storage.contacts import ContactRecord

_FIELD_WORDS = {
    "emails": "e-mail",
    "company": "company",
    "role": "role",
    "phone": "phone",
    "linkedin": "LinkedIn page",
    "connected_on": "date connected",
    "tags": "tags",
    "source": "source",
}


@dataclass(frozen=True)
class Candidate:
    """One row, validated: the contact it would add, and its notes as separate blocks."""

    line: int
    contact: Contact
    note_blocks: tuple[str, ...] = ()
    other_phones: tuple[str, ...] = ()


def email_key(email: str) -> str:
    return email.strip().casefold()


_URL = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*://)?(?:[^@/?#]*@)?([^/:?#]*)(?::[0-9]*)?([^?#]*)")
_LINKEDIN_HOST = re.compile(r"^(?:www|[a-z]{2})\.(?=linkedin\.com$)")


@lru_cache(maxsize=65_536)
def linkedin_key(url: str) -> str:
    """'https://www.LinkedIn.com/in/Jane-Doe/?trk=x' and 'linkedin.com/in/jane-doe' -> 'linkedin.com/in/jane-doe'.

    An address with no path ('https://linkedin.com') names nobody: its key is empty.
    """
    match = _URL.match(url.strip())
    if not match:
        return ""
    host = _LINKEDIN_HOST.sub("", match.group(1).casefold())
    path = match.group(2)
    if "%" in path:
        path = unquote(path)
    path = path.casefold().rstrip("/")
    return f"{host}{path}" if host and path else ""


@lru_cache(maxsize=65_536)  # each name is looked up, then indexed: twice in a row
def name_key(name: str) -> str:
    return fold(name)


def _digits(phone: str) -> str:
    return "".join(ch for ch in phone if ch.isdigit())


def _same_text(a: str, b: str) -> bool:
    return fold(a) == fold(b)


def _contains(notes: str, block: str) -> bool:
    return " ".join(block.split()).casefold() in " ".join(notes.split()).casefold()


def _mentions_phone(notes: str, phone: str) -> bool:
    return _digits(phone) in _digits(notes) if _digits(phone) else _contains(notes, phone)


def build(row: Incoming, *, source: str, tags: Sequence[str] = ()) -> tuple[Candidate | None, list[RowNote]]:
    """The validated contact for one row (``None`` when it has no usable name), and notes on what was left out."""
    notes: list[RowNote] = []
    emails = [e.strip() for e in row.emails if e.strip()]
    phones = [p for p in (" ".join(clean_text(p).split()) for p in row.phones) if p]
    blocks = [b for b in (clean_text(b).strip() for b in row.notes) if b]
    other_phones = phones[1:]
    note_lines = [*blocks, *(["Other phones: " + ", ".join(other_phones)] if other_phones else [])]
    data: dict[str, Any] = {
        "name": row.name,
        "company": row.company,
        "role": row.role,
        "emails": emails,
        "phone": phones[0] if phones else "",
        "linkedin": row.linkedin.strip(),
        "tags": [*row.tags, *tags],
        "connected_on": row.connected_on,
        "source": source,
        "notes": "\n".join(note_lines),
    }
    for _attempt in range(len(data) + len(emails) + len(data["tags"])):
        try:
            contact = Contact.model_validate(data)
        except ValidationError as error:
            first = error.errors()[0]
            field = str(first["loc"][0]) if first["loc"] else "name"
            if field == "name":
                return None, [*notes, RowNote(row.line, "no name (nothing left once cleaned)")]
            bad = data[field]
            if field in ("emails", "tags") and len(first["loc"]) > 1 and isinstance(first["loc"][1], int):
                index = first["loc"][1]
                bad = data[field][index]
                data[field] = [v for i, v in enumerate(data[field]) if i != index]
            else:
                data[field] = Contact.model_fields[field].get_default(call_default_factory=True)
            message = str(first["msg"]).removeprefix("Value error, ")
            if field == "emails":
                message = "not a valid e-mail address"
            what = _FIELD_WORDS.get(field, field.replace("_", " "))
            shown_bad = f" {shown(bad)}" if isinstance(bad, str) and bad else ""
            notes.append(RowNote(row.line, f"left out the {what}{shown_bad}: {message}"))
            continue
        return Candidate(row.line, contact, tuple(blocks), tuple(other_phones)), notes
    return None, [*notes, RowNote(row.line, "could not make a contact of this row")]


def fill_in(existing: Contact, incoming: Candidate) -> tuple[Contact, list[str]]:
    """``existing`` with its empty fields filled and missing e-mails, tags and notes added.

    Returns the contact (``existing`` itself when nothing changes) and the words for what changed.
    """
    new = incoming.contact
    data = existing.model_dump()
    changes: list[str] = []
    for field in ("company", "role", "phone", "linkedin", "connected_on"):
        if not data[field] and getattr(new, field):
            data[field] = getattr(new, field)
            changes.append(_FIELD_WORDS[field])
    known = {email_key(e) for e in data["emails"]}
    extra = [e for e in new.emails if email_key(e) not in known]
    if extra:
        data["emails"] = [*data["emails"], *extra]
        changes.append("e-mail" if len(extra) == 1 else "e-mails")
    tags = {t.casefold() for t in data["tags"]}
    extra_tags = [t for t in new.tags if t.casefold() not in tags]
    if extra_tags:
        data["tags"] = [*data["tags"], *extra_tags]
        changes.append("tags")
    notes = data["notes"]
    added_note = False
    phones = [p for p in (new.phone, *incoming.other_phones) if p]
    others = [p for p in phones if _digits(p) != _digits(data["phone"]) and not _mentions_phone(notes, p)]
    for block in [*incoming.note_blocks, *(["Other phones: " + ", ".join(others)] if others else [])]:
        if not _contains(notes, block):
            notes = f"{notes}\n{block}" if notes else block
            added_note = True
    if added_note:
        data["notes"] = notes
        changes.append("notes")
    if not changes:
        return existing, []
    return Contact.model_validate(data), changes


# -- matching --------------------------------------------------------------------------------


@dataclass(eq=False)  # compared by identity: two targets may hold equal contacts
class Target:
    """A contact a row may merge into: one already stored (``id``), or one this import adds."""

    contact: Contact
    id: str | None = None
    digest: str | None = None
    line: int | None = None  # the row that added it, for a new one
    order: int = 0
    changed: bool = False


class Matcher:
    """Finds the contact a row belongs to among the stored ones and those this import adds."""

    def __init__(self, records: Iterable[ContactRecord]) -> None:
        self.targets: list[Target] = []
        self._by_email: dict[str, Target] = {}
        self._by_linkedin: dict[str, Target] = {}
        # name -> the targets of that name, as an ordered set (a dict): a common name may be thousands'
        self._by_name: dict[str, dict[Target, None]] = {}
        self._by_name_without_linkedin: dict[str, dict[Target, None]] = {}
        for record in sorted(records, key=lambda r: r.id):
            self.add(Target(record.contact, id=record.id, digest=record.digest))

    def add(self, target: Target) -> Target:
        target.order = len(self.targets)
        self.targets.append(target)
        self.index(target)
        return target

    def index(self, target: Target) -> None:
        contact = target.contact
        for email in contact.emails:
            self._by_email.setdefault(email_key(email), target)
        page = linkedin_key(contact.linkedin) if contact.linkedin else ""
        if page:
            self._by_linkedin.setdefault(page, target)
        key = name_key(contact.name)
        for lists, belongs in ((self._by_name, True), (self._by_name_without_linkedin, not contact.linkedin)):
            same_name = lists.setdefault(key, {})
            if not belongs:
                same_name.pop(target, None)  # it has a LinkedIn page now
            elif target not in same_name:
                same_name[target] = None

    def find(self, incoming: Contact) -> Target | None:
        for email in incoming.emails:
            found = self._by_email.get(email_key(email))
            if found is not None:
                return found
        page = linkedin_key(incoming.linkedin) if incoming.linkedin else ""
        if page:
            found = self._by_linkedin.get(page)
            if found is not None:
                return found
        best: tuple[tuple[int, int, int], Target] | None = None
        # Someone with a LinkedIn page can only be someone without one (a different page: two people).
        by_name = self._by_name_without_linkedin if incoming.linkedin else self._by_name
        for target in by_name.get(name_key(incoming.name), {}):
            other = target.contact
            emails_differ = bool(incoming.emails and other.emails)  # shared ones matched above
            both_companies = bool(incoming.company and other.company)
            companies_differ = both_companies and not _same_text(incoming.company, other.company)
            if target.id is None and (emails_differ or companies_differ):
                continue  # two rows of this file with one name but different details: two people
            company_rank = 0 if companies_differ else (-2 if both_companies else -1)
            rank = (company_rank, int(emails_differ), target.order)
            if best is None or rank < best[0]:
                best = (rank, target)
        return best[1] if best else None
