"""The hand-written vCard 3.0 writer (``exchange/vcard_write.py``) writes the very bytes vobject wrote.

vobject stays here as the reference: :func:`vobject_card` is the exporter as it was (vobject 0.9.9
building and serializing the card). Generated contacts with awkward text (separators, backslashes,
line breaks, other scripts, long lines folded between multi-byte characters, empty fields) must
come out byte for byte the same, through the contact and through the index's JSON copy.
"""

from __future__ import annotations

import io
import json
import os
import sys
import uuid
from collections.abc import Sequence

import pytest
import vobject
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from vobject.base import backslashEscape, foldOneLine

from netcoach.exchange.export import copies_json, copies_vcard, export_json, export_vcard, vcard_of, vcard_text
from netcoach.exchange.vcard_write import card, card_uid, escape, folded, split_name
from netcoach.model.contact import Contact
from netcoach.storage.contacts import ContactRecord, as_dict
from netcoach.storage.listing import Listing
from netcoach.storage.store import Store
from tests.helpers import AWKWARD_PEOPLE, maya

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def vobject_card(
    name: str,
    company: str,
    role: str,
    emails: Sequence[str],
    phone: str,
    linkedin: str,
    tags: Sequence[str],
    notes: str,
    uid: str = "",
) -> str:
    """The card as the exporter made it with vobject (the reference), and the UID line added the vobject way."""
    made = vobject.vCard()
    if uid:
        made.add("uid").value = uid
    given, family = split_name(name)
    made.add("n").value = vobject.vcard.Name(family=family, given=given)
    made.add("fn").value = name
    if company:
        made.add("org").value = [company]
    if role:
        made.add("title").value = role
    for email in emails:
        line = made.add("email")
        line.value = email
        line.type_param = "INTERNET"
    if phone:
        made.add("tel").value = phone
    if linkedin:
        url = made.add("url")
        url.value = linkedin
        url.group = "item1"
        label = made.add("x-ablabel")
        label.value = "LinkedIn"
        label.group = "item1"
    if tags:
        made.add("categories").value = list(tags)
    if notes:
        made.add("note").value = notes
    text: str = made.serialize()
    return text


def vobject_of(contact: Contact, uid: str = "") -> str:
    c = contact
    return vobject_card(c.name, c.company, c.role, c.emails, c.phone, c.linkedin, c.tags, c.notes, uid)


# Text with the awkward parts over-represented: vCard's separators and escapes, line breaks, characters of
# one to four UTF-8 octets (so that a fold falls before, inside and after them), and runs long enough to fold.
PIECES = st.sampled_from(
    [*',;:\\"\r\n\t =.', "\r\n", "\\n", "\\,", "é", "ß", "中", "文", "😀", "𝄞", "a" * 30, "é" * 20, "中" * 13, " " * 5]
)
awkward = st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=30).map("".join)
no_surrogates = st.lists(
    st.one_of(PIECES, st.text(st.characters(blacklist_categories=["Cs"]), max_size=6)), max_size=30
).map("".join)


@SETTINGS
@given(text=no_surrogates)
def test_escaping_is_vobjects(text: str) -> None:
    assert escape(text) == backslashEscape(text)


@SETTINGS
@given(line=no_surrogates, prefix=st.sampled_from(["", "NOTE:", "EMAIL;TYPE=INTERNET:", "a" * 74, "é" * 37]))
def test_folding_is_vobjects(line: str, prefix: str) -> None:
    out = io.StringIO()
    foldOneLine(out, prefix + line)
    assert folded(prefix + line) == out.getvalue()


def test_folding_at_the_edges() -> None:
    for size in range(70, 160):
        for text in ("a" * size, "é" * size, "a" + "中" * size, "😀" * size):
            out = io.StringIO()
            foldOneLine(out, text)
            assert folded(text) == out.getvalue(), (size, text[:3])
    assert all(len(line.encode()) <= 75 for line in folded("NOTE:" + "é" * 200).split("\r\n"))


@SETTINGS
@given(
    name=no_surrogates,
    company=no_surrogates,
    role=no_surrogates,
    emails=st.lists(no_surrogates, max_size=3),
    phone=no_surrogates,
    linkedin=no_surrogates,
    tags=st.lists(no_surrogates, max_size=4),
    notes=no_surrogates,
    uid=st.one_of(st.just(""), no_surrogates),
)
def test_any_text_makes_vobjects_card(
    name: str,
    company: str,
    role: str,
    emails: list[str],
    phone: str,
    linkedin: str,
    tags: list[str],
    notes: str,
    uid: str,
) -> None:
    fields = (name, company, role, emails, phone, linkedin, tags, notes, uid)
    assert card(*fields) == vobject_card(*fields)


EMAIL_LOCAL = st.text(st.sampled_from("abcxyz019._+-éü中"), min_size=1, max_size=40)


@st.composite
def contacts(draw: st.DrawFn) -> Contact:
    """A valid contact (a field the model refuses is left out), with awkward text in every field it exports."""
    fields = {
        "company": draw(awkward),
        "role": draw(awkward),
        "emails": [f"{draw(EMAIL_LOCAL)}@{draw(st.sampled_from(['example.com', 'exämple.org', 'b.co']))}"][
            : draw(st.integers(0, 1))
        ],
        "phone": draw(awkward),
        "linkedin": "https://www.linkedin.com/in/" + draw(awkward).replace(" ", ""),
        "tags": draw(st.lists(awkward, max_size=4)),
        "notes": draw(awkward),
    }
    name = draw(awkward.filter(str.strip)) or "x"
    kept = {"name": name}
    for key, value in fields.items():
        try:
            Contact(**kept, **{key: value})
        except ValidationError:
            continue
        kept[key] = value
    try:
        return Contact(**kept)
    except ValidationError:  # a name the model refuses (nothing but control characters)
        return Contact(**{**kept, "name": "Name Fallback"})


@SETTINGS
@given(contact=contacts())
def test_a_contacts_card_is_vobjects_through_the_model_and_through_the_index_copy(contact: Contact) -> None:
    reference = vobject_of(contact)
    assert vcard_text(contact) == reference
    copy = json.loads(json.dumps(as_dict(contact), ensure_ascii=False))  # as the index keeps it
    assert vcard_of(copy) == reference
    assert vcard_of(copy, card_uid("maya-chen")) == vcard_text(contact, card_uid("maya-chen"))
    assert vcard_text(contact, card_uid("maya-chen")) == vobject_of(contact, card_uid("maya-chen"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    people=st.lists(contacts(), max_size=8), ids=st.lists(st.sampled_from(["a", "a-2", "b", "a-b", "z"]), max_size=8)
)
def test_the_exports_from_the_copies_are_the_exports_from_the_contacts(people: list[Contact], ids: list[str]) -> None:
    """Same order (name casefolded, then id; names repeated on purpose), same bytes, vCard and JSON."""
    people = people + [p.model_copy(update={"name": p.name.upper()}) for p in people[:2]]
    records = [ContactRecord(f"{ids[n] if n < len(ids) else 'p'}-{n}", c, "") for n, c in enumerate(people)]
    copies = [(r.id, json.dumps(as_dict(r.contact), ensure_ascii=False)) for r in reversed(records)]
    reference = "".join(vobject_of(r.contact, card_uid(r.id)) for r in _by_name(records))
    assert copies_vcard(copies) == export_vcard(records) == reference
    assert copies_json(copies) == export_json(records)


def _by_name(records: list[ContactRecord]) -> list[ContactRecord]:
    return sorted(records, key=lambda r: (r.contact.name.casefold(), r.id))


def test_the_index_copies_give_the_same_exports_and_no_model_is_built(
    awkward_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    awkward_store.contacts.add_many([maya(name="Maya Chen"), maya(name="maya chen")])  # the same name, twice
    for path in awkward_store.folder.contacts_dir.glob("*.toml"):
        os.utime(path, (1_700_000_000, 1_700_000_000))  # settled long ago: the index remembers them
    records = awkward_store.reader.load().records  # the index is built
    monkeypatch.setitem(sys.modules, "vobject", None)  # importing vobject now fails: the writer needs none

    def no_model(*_: object, **__: object) -> None:
        raise AssertionError("a model was built")

    monkeypatch.setattr(Contact, "model_validate_json", no_model)
    monkeypatch.setattr(Contact, "model_validate", no_model)
    copies = list(Listing(awkward_store.reader).copies())
    assert copies_vcard(copies) == export_vcard(records)
    assert copies_json(copies) == export_json(records)
    assert copies_json([]) == export_json([]) == "[]\n"


def test_the_progress_is_told_from_the_copies_too() -> None:
    people = [maya(name=f"Person {n}") for n in range(205)]
    copies = [(f"p{n}", json.dumps(as_dict(c), ensure_ascii=False)) for n, c in enumerate(people)]
    calls: list[tuple[int, int]] = []
    assert copies_vcard(copies, lambda done, total: calls.append((done, total))) == copies_vcard(copies)
    assert calls == [(200, 205), (205, 205)]


def test_every_card_has_a_stable_uid_of_its_own() -> None:
    for contact_id in ("maya-chen", "李小龙", "x" * 300, ""):
        assert card_uid(contact_id) == f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'netcoach:contact:' + contact_id)}"
    assert card_uid("maya-chen") != card_uid("maya-chen-2")
    records = [ContactRecord("maya-chen", maya(), ""), ContactRecord("maya-chen-2", maya(), "")]
    text = export_vcard(records)
    assert text.count("\r\nUID:urn:uuid:") == 2 and text.index("UID:") < text.index("FN:")
    assert f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{card_uid('maya-chen')}\r\n" in text


def test_the_awkward_people_are_vobjects() -> None:
    for person in AWKWARD_PEOPLE:
        assert vcard_text(person) == vobject_of(person)


@SETTINGS
@given(contact_id=st.text(st.characters(blacklist_categories=["Cs"])))
def test_the_uid_is_uuid5_of_the_id(contact_id: str) -> None:
    assert card_uid(contact_id) == f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'netcoach:contact:' + contact_id)}"
