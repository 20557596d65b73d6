"""``who``: ranking on a hand-built table of people, with why each matched."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from netcoach.coach.who import People, question, who
from netcoach.model.contact import Contact, Interaction
from netcoach.model.kinds import Stage
from netcoach.model.view import ContactView

DAY = dt.date(2026, 11, 10)


def person(name: str, *, answered: bool = False, **fields: Any) -> tuple[str, ContactView]:
    interactions = [Interaction(date=DAY, kind="received")] if answered else []
    contact = Contact(name=name, interactions=interactions, **fields)
    return name.split()[0].lower(), ContactView.of(contact)


TABLE = [
    person("Ana Souza", company="Lumen", role="Data Engineer", they_can_help="dbt and analytics engineering"),
    person("Bea Lima", company="Google", role="Recruiter", answered=True),
    person("Cy Park", tags=["dbt", "SDSU"], answered=True),
    person("Dee Ortiz", notes="Her brother works at Google; ask about dbt.", stage=Stage.IN_TOUCH),
    person("Eli Brandão", common_ground=["both learning dbt"]),
    person("Fay Moss", company="Google Health", role="Nurse"),
    person("Gus Hall", they_can_help="dbt", stage=Stage.ARCHIVED),
    person("Hal Díaz", company="Acme", they_can_help="Engenharia de dados"),
]


def names(matches: list[Any]) -> list[str]:
    return [m.view.name for m in matches]


def test_more_of_the_words_first_then_in_touch_then_the_strength_of_the_match() -> None:
    found = who(TABLE, "dbt")
    # in touch before cold; among each, could-help-with (5) > tags (3) > in common (2) > notes (1); archived never
    assert names(found) == ["Cy Park", "Dee Ortiz", "Ana Souza", "Eli Brandão"]
    assert found[0].why == ["tags: dbt, SDSU"]
    assert found[1].why == ['notes: mention "dbt"']
    assert found[2].why == ["they could help with: dbt and analytics engineering"]
    assert found[3].why == ["in common: both learning dbt"]
    both = who(TABLE, "who can help with dbt analytics?")
    assert names(both)[0] == "Ana Souza"  # the only one matching both words


def test_word_prefixes_case_and_accents_do_not_matter() -> None:
    assert names(who(TABLE, "DATA ENG")) == ["Ana Souza", "Hal Díaz"]  # both words, then one ("engenharia")
    assert who(TABLE, "data eng")[0].why == [
        "they could help with: dbt and analytics engineering",
        "role: Data Engineer at Lumen",
    ]
    assert names(who(TABLE, "engenharia")) == ["Hal Díaz"]
    assert names(who(TABLE, "brandao")) == ["Eli Brandão"]
    assert names(who(TABLE, "diaz")) == ["Hal Díaz"]
    assert who(TABLE, "ngineer") == []  # a prefix, not any part of a word


def test_at_a_company_lists_everyone_there_then_the_notes_that_mention_it() -> None:
    found = who(TABLE, "at Google")
    assert names(found) == ["Bea Lima", "Fay Moss", "Dee Ortiz"]  # in touch first among those at Google
    assert found[0].why == ["company: Google"]
    assert found[2].why == ['notes: mention "google"']
    assert question("at Google").company and not question("Google").company


def test_small_words_alone_ask_nothing_and_json_has_the_promised_keys() -> None:
    assert who(TABLE, "who can help with the") == []
    assert question("help with the dbt").words == ("dbt",)
    [first, *_] = who(TABLE, "dbt")
    assert set(first.as_json()) == {"name", "company", "stage", "why", "score"}
    assert first.as_json()["stage"] == "new" and first.as_json()["score"] > 0


def test_asking_again_and_a_limit() -> None:
    people = People(TABLE)
    assert names(people.ask("dbt", limit=2)) == ["Cy Park", "Dee Ortiz"]
    assert names(people.ask("dbt")) == names(who(TABLE, "dbt"))


@pytest.mark.parametrize("text", ["", "   ", "?!"])
def test_nothing_asked_finds_nobody(text: str) -> None:
    assert who(TABLE, text) == []


def test_the_events_people_were_met_at_are_searched_by_their_names() -> None:
    from netcoach.model.changes import met

    day = dt.date(2026, 11, 9)
    ana = met(Contact(name="Ana Lima"), day, "PyData meetup", event="pydata-meetup-2026-11-09")
    bo = met(Contact(name="Bo Tan"), day, "", event="chamber-breakfast-2026-11-09")
    views = [("ana", ContactView.of(ana)), ("bo", ContactView.of(bo)), person("Cy Diaz", role="Data Engineer")]
    found = who(views, "pydata", events={"pydata-meetup-2026-11-09": "PyData meetup"})
    assert names(found) == ["Ana Lima"]
    assert "met at: PyData meetup" in found[0].why
    unnamed = who(views, "chamber breakfast")  # an event no longer there: named by its id's words
    assert names(unnamed) == ["Bo Tan"] and "met at: chamber breakfast" in unnamed[0].why
