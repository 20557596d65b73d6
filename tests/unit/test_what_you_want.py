"""Saying what you want: [user] looking_for and can_offer in drafts, and the worry's exercise."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from netcoach.coach.checklist import bundled_worries
from netcoach.coach.hints import coach, context_for
from netcoach.coach.rendering import placeholder_values, render
from netcoach.coach.templates import Tone, bundled_templates, pick
from netcoach.model.contact import Channel, Contact
from netcoach.model.kinds import MessageKind
from netcoach.storage.config import Config, UserSettings
from netcoach.storage.store import Store

TODAY = dt.date(2026, 11, 18)
ME = UserSettings(
    name="Sam Lee", looking_for="Learning about product roles in health tech.", can_offer=["my dbt notes"]
)


def test_looking_for_goes_into_info_interviews_and_reconnects() -> None:
    maya = Contact(name="Maya Chen", they_can_help="how her team hires", company="Brightline")
    for kind in (MessageKind.INFO_INTERVIEW, MessageKind.RECONNECT):
        for tone in Tone:
            rendered = render(pick(bundled_templates(), kind, tone), maya, Config(user=ME), TODAY, Channel.EMAIL)
            assert "looking for" in rendered.body and "Learning about product roles in health tech" in rendered.body
            assert rendered.markers == ()
            hints = coach(rendered.subject, rendered.body, context_for(maya, kind, tone, Channel.EMAIL))
            assert [h.id for h in hints if not h.ok] == [], (kind, tone)
    bare = render(pick(bundled_templates(), MessageKind.INFO_INTERVIEW, Tone.CASUAL), maya, Config(), TODAY)
    assert "looking for" not in bare.body  # no sentence of yours: the part is left out, no marker


def test_your_own_offer_stands_in_when_the_contact_has_none() -> None:
    assert placeholder_values(Contact(name="Bo"), Config(user=ME), TODAY)["i_can_offer"] == "my dbt notes"
    theirs = Contact(name="Bo", i_can_offer="an intro to Ana")
    assert placeholder_values(theirs, Config(user=ME), TODAY)["i_can_offer"] == "an intro to Ana"
    assert placeholder_values(Contact(name="Bo"), Config(), TODAY)["i_can_offer"] == ""


def test_user_settings_are_checked() -> None:
    with pytest.raises(ValidationError):
        UserSettings.model_validate({"looking_for": "x", "wants": "y"})
    with pytest.raises(ValidationError):
        UserSettings.model_validate({"can_offer": "not a list"})
    assert UserSettings.model_validate({"looking_for": "a\nb"}).looking_for == "a b"


def test_the_worry_about_what_to_ask_ends_with_the_one_sentence_exercise() -> None:
    worry = next(w for w in bundled_worries().items if w.id == "dont_know_what_to_ask")
    assert "one sentence" in worry.next_step and worry.next_step.rstrip().endswith("puts it in your drafts.")
    assert "looking_for" in worry.next_step


def test_saving_looking_for_keeps_the_rest_of_config_and_can_be_undone(store: Store) -> None:
    from netcoach.storage.wants import save_looking_for

    store.folder.prepare()
    store.folder.config_path.write_text('# mine\n[user]\nname = "Sam Lee"  # me\n', encoding="utf-8")
    save_looking_for(store, "learning about health tech")
    text = store.folder.config_path.read_text(encoding="utf-8")
    assert "# mine" in text and "# me" in text
    config, problems = store.settings.load_config()
    assert problems == [] and config.user.name == "Sam Lee"
    assert config.user.looking_for == "learning about health tech"
    store.folder.journal.undo()
    assert "looking_for" not in store.folder.config_path.read_text(encoding="utf-8")
