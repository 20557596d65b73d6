"""The data model: what is accepted, what is refused, and what is cleaned on the way in."""

from __future__ import annotations

import datetime as dt
import typing
from typing import Any

import pytest
from pydantic import ValidationError

from netcoach.model.contact import (
    Channel,
    Contact,
    Interaction,
    InteractionKind,
    MessageKind,
    Outcome,
    Stage,
)

DAY = dt.date(2026, 11, 17)

# Escape sequences and control characters a pasted or imported value might carry.
HOSTILE = "\x1b[31mAnn\x1b[0m\x07 \x1b]0;pwned\x07Lee\u202e\x00\x9b2J\x1bc"


def full_contact(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Maya Chen",
        "company": "Brightline Health",
        "role": "Product Designer",
        "emails": ["maya.chen@example.com"],
        "phone": "+1 619 555 0100",
        "linkedin": "https://www.linkedin.com/in/maya-chen",
        "tags": ["design", "alumni"],
        "stage": "in_touch",
        "met_at": "the SDSU alumni happy hour",
        "met_on": DAY,
        "story": "Talked about accessible forms.\nShe laughed at my badge typo.",
        "common_ground": ["same major at SDSU"],
        "they_can_help": "How her team runs usability tests",
        "i_can_offer": "The form-audit checklist I made",
        "reach_out_after": dt.date(2026, 12, 1),
        "snoozed_until": dt.date(2026, 11, 20),
        "cadence_days": 60,
        "connected_on": dt.date(2026, 1, 2),
        "source": "linkedin import",
        "notes": "Prefers e-mail.",
        "interactions": [
            {"date": DAY, "kind": "met", "channel": "in_person", "summary": "Swapped cards"},
            {
                "date": DAY,
                "kind": "sent",
                "channel": "email",
                "summary": "Nice to meet you",
                "awaiting_reply": False,
                "message_kind": "follow_up",
                "expected": "no_reply",
                "anxiety": 7,
                "outcome": "reply",
            },
        ],
    }
    data.update(changes)
    return data


def errors_of(data: dict[str, Any], model: type = Contact) -> list[tuple[tuple[Any, ...], str]]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return [(tuple(e["loc"]), e["type"]) for e in caught.value.errors()]


# -- valid --------------------------------------------------------------------------------


def test_a_full_contact_is_valid_and_typed() -> None:
    contact = Contact.model_validate(full_contact())
    assert contact.stage is Stage.IN_TOUCH
    assert contact.met_on == DAY
    assert contact.interactions[0].kind is InteractionKind.MET
    assert contact.interactions[0].channel is Channel.IN_PERSON
    sent = contact.interactions[1]
    assert sent.awaiting_reply is False
    assert sent.message_kind is MessageKind.FOLLOW_UP
    assert sent.expected is Outcome.NO_REPLY
    assert sent.outcome is Outcome.REPLY
    assert sent.anxiety == 7
    assert contact.story == "Talked about accessible forms.\nShe laughed at my badge typo."
    assert contact.first_name == "Maya"


def test_only_a_name_is_required() -> None:
    contact = Contact(name="Maya")
    assert contact.stage is Stage.NEW
    assert contact.interactions == []
    assert contact.emails == []
    assert contact.last_interaction() is None


def test_linkedin_without_scheme_gets_https() -> None:
    assert Contact(name="A", linkedin="www.linkedin.com/in/a").linkedin == "https://www.linkedin.com/in/a"


def test_duplicate_emails_and_tags_are_dropped_case_insensitively() -> None:
    contact = Contact(name="A", emails=["a@example.com", "A@example.com"], tags=["Design", "design", "data"])
    assert contact.emails == ["a@example.com"]
    assert contact.tags == ["Design", "data"]


def test_contacted_leaves_notes_out_and_keeps_logged_order_on_the_same_day() -> None:
    contact = Contact(
        name="A",
        interactions=[
            Interaction(date=DAY, kind="received", summary="first"),
            Interaction(date=DAY - dt.timedelta(days=3), kind="met"),
            Interaction(date=DAY, kind="sent", summary="second"),
            Interaction(date=DAY + dt.timedelta(days=1), kind="note"),
        ],
    )
    assert [i.summary for i in contact.contacted()] == ["", "first", "second"]
    last = contact.last_interaction()
    assert last is not None and last.summary == "second"


# -- invalid ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["", "   ", "\t\n", "\x1b[31m\x1b[0m", "\x07\x00"])
def test_a_name_empty_after_trimming_is_refused(name: str) -> None:
    assert errors_of({"name": name}) == [(("name",), "value_error")]


def test_a_missing_name_is_refused() -> None:
    assert errors_of({"company": "Acme"}) == [(("name",), "missing")]


@pytest.mark.parametrize("email", ["maya", "maya@", "@example.com", "maya chen@example.com", "maya@@example.com"])
def test_a_bad_email_is_refused(email: str) -> None:
    assert errors_of({"name": "Maya", "emails": ["ok@example.com", email]}) == [(("emails", 1), "value_error")]


@pytest.mark.parametrize(
    "url",
    [
        "not a url",
        "ftp://linkedin.com/in/a",
        "https://",
        "javascript:alert(1)",
        "https://linkedin.com:99999/in/a",
        "localhost/in/a",
    ],
)
def test_a_bad_linkedin_is_refused(url: str) -> None:
    assert errors_of({"name": "Maya", "linkedin": url}) == [(("linkedin",), "value_error")]


@pytest.mark.parametrize(
    ("data", "where"),
    [
        ({"stage": "lost"}, ("stage",)),
        ({"interactions": [{"date": DAY, "kind": "lunch"}]}, ("interactions", 0, "kind")),
        ({"interactions": [{"date": DAY, "kind": "sent", "channel": "pigeon"}]}, ("interactions", 0, "channel")),
        (
            {"interactions": [{"date": DAY, "kind": "sent", "message_kind": "hello"}]},
            ("interactions", 0, "message_kind"),
        ),
        ({"interactions": [{"date": DAY, "kind": "sent", "outcome": "maybe"}]}, ("interactions", 0, "outcome")),
    ],
)
def test_unknown_words_are_refused(data: dict[str, Any], where: tuple[Any, ...]) -> None:
    assert errors_of({"name": "Maya", **data}) == [(where, "enum")]


@pytest.mark.parametrize(("anxiety", "error"), [(-1, "greater_than_equal"), (11, "less_than_equal")])
def test_anxiety_out_of_range_is_refused(anxiety: int, error: str) -> None:
    data = {"date": DAY, "kind": "sent", "anxiety": anxiety}
    assert errors_of(data, Interaction) == [(("anxiety",), error)]


@pytest.mark.parametrize("anxiety", [0, 10])
def test_anxiety_at_the_edges_is_accepted(anxiety: int) -> None:
    assert Interaction(date=DAY, kind="sent", anxiety=anxiety).anxiety == anxiety


@pytest.mark.parametrize("days", [0, 3651])
def test_cadence_out_of_range_is_refused(days: int) -> None:
    assert errors_of({"name": "Maya", "cadence_days": days})[0][0] == ("cadence_days",)


def test_a_bad_date_is_refused() -> None:
    assert errors_of({"name": "Maya", "met_on": "2026-02-30"}) == [(("met_on",), "date_from_datetime_parsing")]


def test_assignment_is_validated_too() -> None:
    contact = Contact(name="Maya")
    with pytest.raises(ValidationError):
        contact.stage = "lost"  # type: ignore[assignment]
    with pytest.raises(ValidationError):
        contact.name = "  "
    assert contact.stage is Stage.NEW and contact.name == "Maya"


# -- typo'd keys --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "where"),
    [
        ({"name": "Maya", "compnay": "Acme"}, ("compnay",)),
        ({"name": "Maya", "snoozed": DAY}, ("snoozed",)),
        (
            {"name": "Maya", "interactions": [{"date": DAY, "kind": "met", "sumary": "x"}]},
            ("interactions", 0, "sumary"),
        ),
    ],
)
def test_typod_keys_are_errors_not_silently_dropped(data: dict[str, Any], where: tuple[Any, ...]) -> None:
    assert errors_of(data) == [(where, "extra_forbidden")]


# -- cleaning -----------------------------------------------------------------------------


def _text_fields(model: type) -> tuple[list[str], list[str]]:
    """The model's str fields and list-of-str fields (e-mails aside: they are validated, not free text)."""
    single, many = [], []
    for name, info in model.model_fields.items():
        if info.annotation is str:
            single.append(name)
        elif typing.get_origin(info.annotation) is list:
            (item,) = typing.get_args(info.annotation)
            if typing.get_origin(item) is typing.Annotated:
                item = typing.get_args(item)[0]
            if item is str and name != "emails":
                many.append(name)
    return single, many


def _assert_clean(value: str) -> None:
    assert "\x1b" not in value and "\x9b" not in value
    assert not any(ord(ch) < 32 and ch not in "\n\t" for ch in value)
    assert "\u202e" not in value
    assert "pwned" not in value and "[31m" not in value and "2J" not in value


def test_every_text_field_of_a_contact_is_cleaned() -> None:
    single, many = _text_fields(Contact)
    assert {"name", "company", "role", "story", "notes", "met_at"} <= set(single)
    assert {"tags", "common_ground"} <= set(many)
    single.remove("linkedin")  # a URL: checked separately below
    contact = Contact.model_validate({**{f: HOSTILE for f in single}, **{f: [HOSTILE] for f in many}})
    for name in single:
        value = getattr(contact, name)
        _assert_clean(value)
        assert "Ann" in value and "Lee" in value, name
    for name in many:
        _assert_clean(getattr(contact, name)[0])
    assert contact.name == "Ann Lee"


def test_every_text_field_of_an_interaction_is_cleaned() -> None:
    single, _ = _text_fields(Interaction)
    assert "summary" in single
    interaction = Interaction.model_validate({"date": DAY, "kind": "sent", **{f: HOSTILE for f in single}})
    for name in single:
        _assert_clean(getattr(interaction, name))


def test_a_linkedin_url_with_escapes_is_cleaned() -> None:
    contact = Contact(name="A", linkedin="https://linkedin.com/in/a\x1b[2J\x07")
    assert contact.linkedin == "https://linkedin.com/in/a"


def test_one_line_fields_collapse_newlines_and_free_text_keeps_them() -> None:
    contact = Contact(name="Maya\n  Chen\r\n", story="line one\r\nline two\rline three\n")
    assert contact.name == "Maya Chen"
    assert contact.story == "line one\nline two\nline three"


def test_assigned_text_is_cleaned_too() -> None:
    contact = Contact(name="Maya")
    contact.notes = "ok\x1b[31m red\x1b[0m"
    assert contact.notes == "ok red"


@pytest.mark.parametrize("name", ["[bold]Mallory[/] Test", "[@click=app.quit]Eve[/]", "<b>Bob</b> & Co", "50% [red]"])
def test_markup_like_names_are_kept_as_plain_text(name: str) -> None:
    contact = Contact(name=name, company=name, interactions=[Interaction(date=DAY, kind="met", summary=name)])
    assert contact.name == name
    assert contact.company == name
    assert contact.interactions[0].summary == name
