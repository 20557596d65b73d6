"""History logged long after: 'last in touch in 2019', kept with the precision it was given.

Today is Wednesday 18 November 2026.
"""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from netcoach.coach.rendering import placeholder_values, render
from netcoach.model.contact import Contact, Interaction, MessageKind
from netcoach.model.partial_date import PartialDate
from netcoach.model.view import ContactView, brief
from netcoach.storage.config import Config
from netcoach.storage.store import Store
from netcoach.timing.engine import Status, follow_up, scheduled

TODAY = dt.date(2026, 11, 18)


@pytest.mark.parametrize(
    ("text", "start", "words"),
    [
        ("2019", dt.date(2019, 1, 1), "in 2019"),
        ("2023-06", dt.date(2023, 6, 1), "in June 2023"),
        ("2023-06-14", dt.date(2023, 6, 14), "14 June 2023"),
        (" 2021 ", dt.date(2021, 1, 1), "in 2021"),
    ],
)
def test_a_year_a_month_or_a_day(text: str, start: dt.date, words: str) -> None:
    remembered = PartialDate.parse(text)
    assert (remembered.start, remembered.words(), remembered.text()) == (start, words, text.strip())
    assert PartialDate.parse(remembered.text()) == remembered


@pytest.mark.parametrize("text", ["", "19", "2019-13", "2019-02-30", "june", "2019/06", "1850", "2019-6"])
def test_what_is_not_a_remembered_date_names_the_forms(text: str) -> None:
    with pytest.raises(ValueError, match=r"a year \(2019\), a month \(2023-06\) or a date"):
        PartialDate.parse(text)


def test_the_contact_keeps_the_precision_and_refuses_the_rest() -> None:
    assert Contact(name="A", last_contact="2019").last_contact == PartialDate(2019)  # type: ignore[arg-type]
    assert Contact(name="A", last_contact=2019).last_contact == PartialDate(2019)  # type: ignore[arg-type]
    assert Contact(name="A", last_contact=dt.date(2023, 6, 14)).last_contact == PartialDate(2023, 6, 14)  # type: ignore[arg-type]
    assert Contact(name="A", last_contact="2023-06").model_dump()["last_contact"] == "2023-06"  # type: ignore[arg-type]
    for bad in ("last year", "2019-13", True, 3.5):
        with pytest.raises(ValidationError):
            Contact(name="A", last_contact=bad)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        Contact.model_validate({"name": "A", "last_contact_on": "2019"})  # extra="forbid"


def test_it_round_trips_through_the_contact_file(store: Store) -> None:
    record = store.contacts.add(Contact(name="Old Friend", last_contact=PartialDate(2023, 6)))
    text = store.folder.contacts_dir.joinpath(f"{record.id}.toml").read_text()
    assert 'last_contact = "2023-06"' in text
    assert store.contacts.read(record.id).contact.last_contact == PartialDate(2023, 6)
    view = ContactView.from_brief(brief(record.contact))
    assert view.last_contact == PartialDate(2023, 6)


def test_a_remembered_year_is_a_reconnect_in_its_words() -> None:
    contact = Contact(name="Old Friend", last_contact=PartialDate(2019))
    result = follow_up(contact, TODAY)
    assert result is not None
    assert (result.status, result.kind, result.due) == (Status.RECONNECT, MessageKind.RECONNECT, TODAY)
    assert result.reason == "Last in touch in 2019. A warm hello, no apology needed."
    view = ContactView.from_brief(brief(contact))
    assert follow_up(view, TODAY) == result
    assert scheduled(contact) == dt.date(2019, 4, 1)  # keep in touch 90 days after 1 January 2019


def test_a_remembered_month_this_year_is_an_ordinary_keep_in_touch() -> None:
    result = follow_up(Contact(name="A", last_contact=PartialDate(2026, 10)), TODAY)
    assert result is not None
    assert (result.kind, result.due) == (MessageKind.KEEP_IN_TOUCH, dt.date(2026, 12, 30))
    assert result.reason == "Last in touch in October 2026; share something useful or just say hello."


def test_the_later_of_the_history_and_the_remembered_date_counts() -> None:
    history = [Interaction(date=dt.date(2024, 3, 4), kind="received")]  # type: ignore[arg-type]
    older = follow_up(Contact(name="A", interactions=history, last_contact=PartialDate(2019)), TODAY)
    newer = follow_up(Contact(name="A", interactions=history, last_contact=PartialDate(2025, 2)), TODAY)
    assert older is not None and newer is not None
    assert older.reason.startswith("Last in touch 2 years ago (they wrote to you).")
    assert newer.reason.startswith("Last in touch in February 2025.")
    assert newer.since is not None and older.since is not None and newer.since > older.since


def test_reach_out_reason_fills_its_placeholder_only_beside_a_date() -> None:
    config = Config()
    asked = Contact(name="Grace Kim", reach_out_after=TODAY, reach_out_reason="Back from parental leave.")
    assert placeholder_values(asked, config, TODAY)["reach_out_reason"] == "Back from parental leave"  # no full stop
    alone = Contact(name="Grace Kim", reach_out_reason="back from parental leave")
    assert placeholder_values(alone, config, TODAY)["reach_out_reason"] == ""


@pytest.mark.parametrize("kind", [MessageKind.RECONNECT, MessageKind.FOLLOW_UP])
def test_the_bundled_drafts_use_it_as_an_optional_part(kind: MessageKind) -> None:
    from netcoach.coach.templates import Tone, bundled_templates, pick
    from netcoach.model.contact import Channel

    asked = Contact(name="Grace Kim", reach_out_after=TODAY, reach_out_reason="back from parental leave")
    casual = render(pick(bundled_templates(), kind, Tone.CASUAL), asked, Config(), TODAY, Channel.EMAIL)
    assert 'You\'d mentioned "back from parental leave", so I waited until now; I hope it all went well.' in casual.body
    formal = render(pick(bundled_templates(), kind, Tone.FORMAL), asked, Config(), TODAY, Channel.EMAIL)
    assert 'You had mentioned "back from parental leave", so I waited until now' in formal.body
    plain = render(pick(bundled_templates(), kind, Tone.CASUAL), Contact(name="Grace"), Config(), TODAY, Channel.EMAIL)
    assert "mentioned" not in plain.body and "[why they asked you to wait?]" not in plain.body
