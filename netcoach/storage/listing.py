"""Everyone as JSON lines, streamed: ``netcoach contacts --json`` over 30,000 people without
holding 30,000 models.

The index keeps, for every file it knows as it is now, the validated contact as the very JSON
``contacts --json`` prints (:func:`~netcoach.storage.contacts.payload_json`). So the listing is:
bring the index up to date (as every read does: a file changed since, or whose row is damaged,
is read and validated again), sort by the names in those copies, and copy each one out after
its id. No pydantic model is built for a file the index knows, except a copy made under
another model (after an upgrade): that one is validated again from the copy, once, and kept.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field

from netcoach.model.problem import Problem
from netcoach.storage.contacts import PAYLOAD_PREFIX, payload_json, trusted_contact
from netcoach.storage.reader import Reader
from netcoach.storage.reads import stored_problem

_NAME = '{"name": '
"""How every copy starts (``name`` is the contact's first field)."""

_DECODER = json.JSONDecoder()

CHUNK = 500
"""Lines written at a time."""


@dataclass
class Listing:
    """The JSON line of every contact that loads, by name (:meth:`lines`), and the problems."""

    reader: Reader
    problems: list[Problem] = field(default_factory=list)
    _upgrades: list[tuple[str, str, str]] = field(default_factory=list)

    def lines(self) -> Iterator[str]:
        """One JSON object per contact (``{"id": ..., ...}``), sorted by name as ``contacts`` lists them."""
        for contact_id, payload in self.copies():
            yield _line(contact_id, payload)

    def copies(self) -> Iterator[tuple[str, str]]:
        """(id, the contact's JSON copy: ``json.dumps(as_dict(contact))``) of every contact that loads,
        sorted by name as :meth:`lines` lists them. A file changed since it was indexed is read again."""
        reader = self.reader
        folder = reader.folder.contacts_dir
        with reader._open_index() as index:
            known = index.entries()  # the sound rows only: any other file is read again below
            names, fresh, self.problems = reader._scan(
                index, {name: entry.stat for name, entry in known.items()}, keep_contacts=False
            )
        order: list[tuple[str, int, str, str]] = []  # (folded name, position, file name, JSON)
        for position, name in enumerate(names):
            read = fresh.get(name)
            entry = read.entry if read is not None else known[name]
            if read is not None:
                failure = read.failure(folder, name)
                if failure is not None:
                    self.problems.append(failure)
                    continue
            elif entry.problem is not None:
                self.problems.append(stored_problem(folder / name, entry.problem))
                continue
            payload = entry.payload
            if payload is None:
                self.problems.append(Problem(folder / name, 1, 1, "could not be read"))
                continue
            if payload.startswith(PAYLOAD_PREFIX):
                payload = payload[len(PAYLOAD_PREFIX) :]
            else:  # made under another model (an upgrade): validated again from the copy, and kept
                payload = self._upgraded(name, entry.digest, payload)
                if payload is None:
                    continue
            order.append((_name(payload).casefold(), position, name, payload))
        del known, fresh
        if self._upgrades:
            with reader._open_index() as index:
                index.set_payloads(self._upgrades)
        order.sort()
        for _, _, name, payload in order:
            yield name.removesuffix(".toml"), payload

    def _upgraded(self, name: str, digest: str, payload: str) -> str | None:
        """The listing JSON of a copy made under another model, from the copy (else from the file)."""
        try:
            contact = trusted_contact(payload)
        except (ValueError, TypeError):  # it does not fit today's model: the file decides
            found = self.reader.records([name.removesuffix(".toml")])
            if not found:
                self.problems.append(Problem(self.reader.folder.contacts_dir / name, 1, 1, "could not be read"))
                return None
            contact = found[0].contact
        else:
            self._upgrades.append((name, digest, payload_json(contact)))
        return payload_json(contact)[len(PAYLOAD_PREFIX) :]


def _name(payload: str) -> str:
    """The contact's name in its copy (read without parsing the rest)."""
    if payload.startswith(_NAME):
        return str(_DECODER.raw_decode(payload, len(_NAME))[0])
    return str(json.loads(payload)["name"])


def _line(contact_id: str, payload: str) -> str:
    """``{"id": ..., <the contact's fields>}``: exactly ``json.dumps({"id": id, **as_dict(contact)})``, as
    ``payload`` is ``json.dumps(as_dict(contact))`` (a contact always has a name: never ``{}``)."""
    return f'{{"id": {json.dumps(contact_id, ensure_ascii=False)}, {payload[1:]}'
