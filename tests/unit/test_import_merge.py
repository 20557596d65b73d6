"""Merging imported people with those already there: match by e-mail, LinkedIn page, then name;
fill empty fields, never overwrite; importing twice changes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from netcoach.exchange.merge import linkedin_key
from netcoach.exchange.plan import apply_import, plan_import
from netcoach.model.contact import Contact, Interaction, InteractionKind
from netcoach.storage.store import Store
from netcoach.timing.engine import follow_up

FIXTURES = Path(__file__).parents[1] / "fixtures" / "import"
HEADER = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def linkedin_rows(*rows: str) -> bytes:
    return HEADER + "".join(row + "\n" for row in rows).encode("utf-8")


def run(store: Store, data: bytes, kind: str = "linkedin", **kwargs):
    plan = plan_import(kind, Path("file.csv"), store.reader.load().records, data=data, **kwargs)
    return apply_import(store, plan).plan


def contacts(store: Store) -> dict[str, Contact]:
    return {r.contact.name: r.contact for r in store.reader.load().records}


def disk(store: Store) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(store.folder.contacts_dir.iterdir())}


def test_match_by_email_fills_empty_fields_and_keeps_the_name(store: Store) -> None:
    store.contacts.add(Contact(name="Maya", emails=["maya@example.com"], role="Designer"))
    plan = run(
        store, linkedin_rows("Maya,Chen,https://linkedin.com/in/maya,MAYA@example.com,Brightline,Lead,30 May 2024")
    )
    assert [(m.line, m.changes) for m in plan.merged] == [(2, ("company", "LinkedIn page", "date connected"))]
    maya = contacts(store)["Maya"]  # the name the user typed stays
    assert (maya.company, maya.role) == ("Brightline", "Designer")  # role was not empty: kept
    assert maya.connected_on == dt.date(2024, 5, 30)
    assert maya.source == ""  # the user added her, not an import


def test_match_by_normalised_linkedin_page(store: Store) -> None:
    store.contacts.add(Contact(name="M. Chen", linkedin="linkedin.com/in/Maya-Chen/"))
    plan = run(store, linkedin_rows("Maya,Chen,https://www.linkedin.com/in/maya-chen?trk=x,,Brightline,,"))
    assert len(plan.merged) == 1 and not plan.added
    assert contacts(store)["M. Chen"].company == "Brightline"


def test_linkedin_key() -> None:
    assert linkedin_key("https://www.LinkedIn.com/in/Jane-Doe/") == linkedin_key("linkedin.com/in/jane-doe")
    assert linkedin_key("https://uk.linkedin.com/in/jane-doe") == "linkedin.com/in/jane-doe"
    assert linkedin_key("https://www.linkedin.com/in/%E6%9D%8E") == "linkedin.com/in/李"
    assert linkedin_key("https://www.linkedin.com/in/a") != linkedin_key("https://www.linkedin.com/in/b")
    assert linkedin_key("https://www.linkedin.com/") == linkedin_key("not a url at all") == ""


def test_a_bare_linkedin_address_matches_nobody(store: Store) -> None:
    store.contacts.add(Contact(name="Ann Lee", linkedin="https://www.linkedin.com/"))
    plan = run(store, linkedin_rows("Bob,Ray,https://linkedin.com,,,,"))
    assert len(plan.added) == 1 and not plan.merged


def test_match_by_name_ignores_case_accents_and_spacing(store: Store) -> None:
    store.contacts.add(Contact(name="José Díaz", company="Acme"))
    plan = run(store, linkedin_rows("jose ,  DIAZ,,jose@example.com,Acme,CTO,"))
    assert len(plan.merged) == 1
    jose = contacts(store)["José Díaz"]
    assert (jose.emails, jose.role) == (["jose@example.com"], "CTO")


def test_never_overwrites_what_the_user_entered(store: Store) -> None:
    original = Contact(
        name="Tom Becker",
        company="Cascade",
        role="Lead",
        phone="555 0100",
        emails=["tom@example.com"],
        notes="Loves trail running.",
        tags=["outdoors"],
    )
    store.contacts.add(original)
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Tom Becker\r\nORG:Other Co\r\nTITLE:Boss\r\n"
        "EMAIL:tom@example.com\r\nEMAIL:tom@work.example\r\nTEL:555 0199\r\nNOTE:Met at the breakfast.\r\n"
        "CATEGORIES:clients\r\nEND:VCARD\r\n"
    )
    plan = run(store, card.encode(), kind="vcard")
    assert plan.merged[0].changes == ("e-mail", "tags", "notes")
    tom = contacts(store)["Tom Becker"]
    assert (tom.company, tom.role, tom.phone) == ("Cascade", "Lead", "555 0100")
    assert tom.emails == ["tom@example.com", "tom@work.example"]
    assert tom.tags == ["outdoors", "clients"]
    assert tom.notes == "Loves trail running.\nMet at the breakfast.\nOther phones: 555 0199"


def test_name_match_refused_when_linkedin_pages_differ(store: Store) -> None:
    store.contacts.add(Contact(name="John Smith", linkedin="https://www.linkedin.com/in/john-smith-1"))
    plan = run(store, linkedin_rows("John,Smith,https://www.linkedin.com/in/john-smith-2,,Globex,,"))
    assert len(plan.added) == 1 and not plan.merged
    assert len(store.reader.load().records) == 2


def test_two_people_with_one_name_in_one_file_stay_two(store: Store) -> None:
    data = linkedin_rows("John,Smith,,,Acme,CTO,", "John,Smith,,,Globex,CFO,")
    first = run(store, data)
    assert len(first.added) == 2
    second = run(store, data)
    assert (len(second.added), len(second.merged), len(second.unchanged)) == (0, 0, 2)


def test_a_repeated_row_in_one_file_merges_into_the_first(store: Store) -> None:
    data = linkedin_rows("Ann,Lee,,,Acme,,", "Ann,Lee,,ann@example.com,Acme,CTO,")
    plan = run(store, data)
    assert (len(plan.added), len(plan.merged)) == (1, 1)
    assert plan.merged[0].contact_id is None  # merged into someone this import adds
    ann = contacts(store)["Ann Lee"]
    assert (ann.emails, ann.role) == (["ann@example.com"], "CTO")


def test_importing_the_same_file_twice_changes_nothing(store: Store) -> None:
    for kind, name in [
        ("linkedin", "linkedin_current.csv"),
        ("linkedin", "linkedin_old.csv"),
        ("vcard", "contacts_v3.vcf"),
        ("vcard", "contacts_v4.vcf"),
        ("vcard", "contacts_v21_qp.vcf"),
        ("google", "google_current.csv"),
        ("google", "google_legacy.csv"),
    ]:
        plan = plan_import(kind, FIXTURES / name, store.reader.load().records, tags=["imported"])
        apply_import(store, plan)
        before = disk(store)
        again = plan_import(kind, FIXTURES / name, store.reader.load().records, tags=["imported"])
        assert (again.added, again.merged) == ([], []), name
        assert len(again.unchanged) == plan.rows - len(plan.skipped)
        apply_import(store, again)
        assert disk(store) == before, name


def test_imported_people_are_never_due(store: Store, today: dt.date) -> None:
    run(store, (FIXTURES / "linkedin_current.csv").read_bytes())
    records = store.reader.load().records
    assert len(records) == 9
    assert all(follow_up(r.contact, today) is None for r in records)


def test_merging_keeps_interactions(store: Store, today: dt.date) -> None:
    met = Interaction(date=today, kind=InteractionKind.MET)
    store.contacts.add(Contact(name="Ann Lee", emails=["ann@example.com"], interactions=[met]))
    run(store, linkedin_rows("Ann,Lee,,ann@example.com,Acme,,"))
    ann = contacts(store)["Ann Lee"]
    assert ann.interactions == [met] and ann.company == "Acme"


def test_apply_plans_again_when_a_contact_changed_after_planning(store: Store) -> None:
    record = store.contacts.add(Contact(name="Ann Lee", emails=["ann@example.com"]))
    plan = plan_import(
        "linkedin", Path("c.csv"), store.reader.load().records, data=linkedin_rows("Ann,Lee,,ann@example.com,Acme,,")
    )
    assert plan.updates[record.id].company == "Acme"
    store.contacts.update(record.id, lambda c: setattr(c, "company", "Typed by the user meanwhile"))
    result = apply_import(store, plan)
    assert contacts(store)["Ann Lee"].company == "Typed by the user meanwhile"
    assert result.plan.unchanged and not result.plan.merged


def test_people_added_after_planning_are_matched(store: Store) -> None:
    plan = plan_import("linkedin", Path("c.csv"), [], data=linkedin_rows("Ann,Lee,,ann@example.com,Acme,,"))
    store.contacts.add(Contact(name="Ann", emails=["ann@example.com"]))
    apply_import(store, plan)
    assert [r.contact.name for r in store.reader.load().records] == ["Ann"]


def test_tags_are_added_to_people_already_there(store: Store) -> None:
    store.contacts.add(Contact(name="Ann Lee", tags=["friends"]))
    plan = run(store, linkedin_rows("Ann,Lee,,,,,"), tags=["conference"])
    assert plan.merged[0].changes == ("tags",)
    assert contacts(store)["Ann Lee"].tags == ["friends", "conference"]


def test_imported_never_contacted(store: Store, today: dt.date) -> None:
    from netcoach.exchange.plan import imported_never_contacted

    run(store, linkedin_rows("Ann,Lee,,,Acme,,", "Bob,Ray,,,Acme,,"))
    store.contacts.add(Contact(name="Cy Diaz"))
    bob = next(r for r in store.reader.load().records if r.contact.name == "Bob Ray")
    store.contacts.update(bob.id, lambda c: c.interactions.append(Interaction(date=today, kind=InteractionKind.SENT)))
    found = sorted(r.contact.name for r in store.reader.load().records if imported_never_contacted(r.contact))
    assert found == ["Ann Lee"]


def test_a_contact_file_that_does_not_load_is_left_alone(store: Store) -> None:
    from netcoach.storage.fsio import atomic_write

    atomic_write(store.folder.contacts_dir / "broken.toml", "name = \n")
    plan = run(store, linkedin_rows("Ann,Lee,,,Acme,,"))
    assert len(plan.added) == 1
    assert (store.folder.contacts_dir / "broken.toml").read_text(encoding="utf-8") == "name = \n"
    loaded = store.reader.load()
    assert [r.contact.name for r in loaded.records] == ["Ann Lee"] and len(loaded.problems) == 1
