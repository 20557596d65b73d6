"""Templates: the bundled set, rendering with and without values, user templates, broken files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from netcoach.coach.hints import coach, context_for
from netcoach.coach.placeholders import PLACEHOLDERS, find_markers
from netcoach.coach.rendering import placeholder_values, render, render_values, suggested_channel, suggested_kind
from netcoach.coach.template_language import MAX_NESTING, TemplateSyntaxError, compile_text
from netcoach.coach.templates import (
    TemplateFile,
    Tone,
    alternatives,
    bundled_templates,
    load_templates,
    make_template,
    pick,
)
from netcoach.model.changes import log_interaction, met
from netcoach.model.contact import Channel, Contact, Interaction, InteractionKind, MessageKind, Stage
from netcoach.storage.config import Config, UserSettings
from netcoach.storage.store import Store

TODAY = dt.date(2026, 11, 18)  # a Wednesday
CHANNELS = (Channel.EMAIL, Channel.LINKEDIN, Channel.TEXT)
ALWAYS_A_BLANK = {"[your words here?]"}  # where only the user knows what to say


def full_contact() -> Contact:
    contact = Contact(
        name="Maya Chen",
        company="Brightline Health",
        role="Product Designer",
        emails=["maya.chen@example.com"],
        common_ground=["same major at SDSU", "both moved from print design"],
        they_can_help="How her team runs usability tests.",
        i_can_offer="The form-audit checklist I made",
    )
    return met(contact, dt.date(2026, 11, 16), "the SDSU alumni happy hour")


def needs_other(template: Any) -> bool:
    """Introductions and closing the loop are about a second person."""
    return template.kind in (MessageKind.INTRO, MessageKind.INTRO_ASK, MessageKind.CLOSE_THE_LOOP)


def full_other() -> Contact:
    return Contact(
        name="Ana Souza",
        company="Lumen",
        role="Data Engineer",
        tags=["SDSU"],
        common_ground=["same major at SDSU"],
        they_can_help="analytics engineering",
    )


def other_for(template: Any) -> Contact | None:
    return full_other() if needs_other(template) else None


def full_config() -> Config:
    return Config(user=UserSettings(name="Sam Lee", signature="Sam Lee\nUX designer, sam@example.com"))


def assert_clean(text: str) -> None:
    assert "{" not in text and "}" not in text, text
    assert "((" not in text and "))" not in text, text
    assert "None" not in text, text
    assert "  " not in text, text
    assert " ." not in text and " ," not in text, text
    assert "\n\n\n" not in text, text
    assert text == text.strip(), text


# -- the bundled set -------------------------------------------------------------------------


def test_bundled_templates_load_without_problems() -> None:
    templates, problems = load_templates(None)
    assert problems == []
    assert len(templates) >= 16
    assert all(t.bundled for t in templates)


@pytest.mark.parametrize("kind", list(MessageKind))
@pytest.mark.parametrize("tone", list(Tone))
def test_every_kind_and_tone_has_a_bundled_template(kind: MessageKind, tone: Tone) -> None:
    found = alternatives(bundled_templates(), kind, tone)
    assert found, f"no bundled template for {kind.value} / {tone.value}"
    assert all(t.subject and t.body and t.short for t in found)


def bundled_ids() -> list[str]:
    return [t.id for t in bundled_templates()]


@pytest.mark.parametrize("template_id", bundled_ids())
@pytest.mark.parametrize("channel", CHANNELS)
def test_bundled_template_for_a_full_contact(template_id: str, channel: Channel) -> None:
    template = next(t for t in bundled_templates() if t.id == template_id)
    rendered = render(template, full_contact(), full_config(), TODAY, channel, other_for(template))
    assert_clean(rendered.body)
    assert_clean(rendered.subject)
    assert {m.text for m in rendered.all_markers} <= ALWAYS_A_BLANK
    assert "Maya" in rendered.body
    assert "Sam Lee" in rendered.body
    if channel is Channel.EMAIL:
        assert rendered.subject
        assert rendered.text().startswith(f"Subject: {rendered.subject}\n\n")
    else:
        assert rendered.subject == ""
        assert rendered.text() == rendered.body


@pytest.mark.parametrize("template_id", bundled_ids())
@pytest.mark.parametrize("channel", CHANNELS)
def test_bundled_template_for_a_contact_with_only_a_name(template_id: str, channel: Channel) -> None:
    template = next(t for t in bundled_templates() if t.id == template_id)
    rendered = render(
        template, Contact(name="Bo"), Config(), TODAY, channel, Contact(name="Cy") if needs_other(template) else None
    )
    assert_clean(rendered.body)
    assert_clean(rendered.subject)
    assert rendered.body.startswith(("Hi Bo", "Dear Bo"))
    # No name in config.toml: a visible marker where the name goes, with its exact span.
    texts = [m.text for m in rendered.markers]
    assert "[your name?]" in texts
    for marker in rendered.markers:
        assert rendered.body[marker.start : marker.end] == marker.text
        assert marker.text in PLACEHOLDERS.values()
    assert "[your signature?]" not in rendered.body  # the signature is optional everywhere


@pytest.mark.parametrize("template_id", bundled_ids())
def test_bundled_templates_pass_their_own_coaching(template_id: str) -> None:
    template = next(t for t in bundled_templates() if t.id == template_id)
    contact = full_contact()
    for channel in CHANNELS:
        rendered = render(template, contact, full_config(), TODAY, channel, other_for(template))
        hints = coach(rendered.subject, rendered.body, context_for(contact, template.kind, template.tone, channel))
        failing = [(h.id, h.message) for h in hints if not h.ok]
        if "{your_words}" in (template.short if channel is not Channel.EMAIL else template.body):
            assert [h for h, _ in failing] == ["unfilled_markers"]
        else:
            assert failing == [], f"{template_id} on {channel.value}: {failing}"


def test_a_follow_up_reads_well() -> None:
    template = pick(bundled_templates(), MessageKind.FOLLOW_UP, Tone.CASUAL)
    rendered = render(template, full_contact(), full_config(), TODAY, Channel.EMAIL)
    assert rendered.subject == "Great to meet you at the SDSU alumni happy hour"
    assert "meet you at the SDSU alumni happy hour on Monday." in rendered.body
    # a value's own full stop is dropped; 'How ...' / 'The ...' are lower-cased inside a sentence
    assert "more about how her team runs usability tests. Would" in rendered.body
    assert "send you the form-audit checklist I made." in rendered.body
    assert "same major at SDSU and both moved from print design" in rendered.body


def test_formal_signature_does_not_repeat_the_name() -> None:
    template = pick(bundled_templates(), MessageKind.FOLLOW_UP, Tone.FORMAL)
    body = render(template, full_contact(), full_config(), TODAY, Channel.EMAIL).body
    assert body.endswith("Best regards,\nSam Lee\nUX designer, sam@example.com")


def test_markers_where_values_are_missing() -> None:
    template = pick(bundled_templates(), MessageKind.FOLLOW_UP, Tone.CASUAL)
    rendered = render(template, Contact(name="Bo Ito"), Config(), TODAY, Channel.EMAIL)
    assert rendered.subject == "Great to meet you"  # the optional part dropped, no gap
    assert rendered.body.startswith("Hi Bo,\n\nIt was really good to meet you at [where we met?].")
    assert [m.field for m in rendered.markers] == ["met_at", "my_name"]
    where = rendered.markers[0]
    assert where.start_location == (2, len("It was really good to meet you at "))
    assert where.end_location == (2, where.start_location[1] + len("[where we met?]"))


# -- the template language -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "values", "expected"),
    [
        ("Hi {first_name}.", {"first_name": "Ana"}, "Hi Ana."),
        ("Hi {first_name}.", {}, "Hi [first name?]."),
        ("Met you(( at {met_at})).", {"met_at": "PyData"}, "Met you at PyData."),
        ("Met you(( at {met_at})).", {}, "Met you."),
        ("Met you(( at {met_at}(( {met_when})))).", {"met_at": "PyData"}, "Met you at PyData."),
        ("Met you(( at {met_at}(( {met_when})))).", {"met_at": "X", "met_when": "today"}, "Met you at X today."),
        ("A(( {company})) B", {}, "A B"),
        ("((No placeholders here. ))Kept.", {}, "No placeholders here. Kept."),
        ("Line one.\n\n((Gone {role}.))\n\nLine two.", {}, "Line one.\n\nLine two."),
        ("Ends {my_name}((\n{signature}))", {"my_name": "Sam"}, "Ends Sam"),
        ("{your_words}", {"your_words": ""}, "[your words here?]"),
    ],
)
def test_optional_parts_and_markers(text: str, values: dict[str, str], expected: str) -> None:
    spec = TemplateFile(id="t", kind="nudge", tone="casual", subject="s", body=text)
    assert render_values(make_template(spec), values).body == expected


@pytest.mark.parametrize(
    ("text", "snippet", "says"),
    [
        ("Hi {first_nam}", "{first_nam}", "did you mean {first_name}?"),
        ("Hi {nobody_knows}", "{nobody_knows}", "use one of {first_name}"),
        ("Hi {first_name", "{", "a lone '{'"),
        ("Hi first_name}", "}", "a lone '}'"),
        ("Hi ((there", "((", "never closed"),
        ("Hi there))", "))", "closes nothing"),
    ],
)
def test_template_mistakes(text: str, snippet: str, says: str) -> None:
    with pytest.raises(TemplateSyntaxError) as caught:
        compile_text(text)
    assert caught.value.snippet == snippet
    assert text[caught.value.offset :].startswith(snippet)
    assert says in caught.value.message


def test_optional_parts_nest_so_deep_and_no_deeper() -> None:
    from netcoach.coach.templates import TemplateFile, make_template

    deepest = "((a {company}" * MAX_NESTING + "))" * MAX_NESTING
    spec = TemplateFile(id="t", kind="nudge", tone="casual", subject="s", body=deepest)
    assert render_values(make_template(spec), {"company": "X"}).body == "a X" * MAX_NESTING
    for depth in (MAX_NESTING + 1, 1000, 100_000):  # far past Python's recursion limit: a mistake, not a crash
        text = "Hi " + "((" * depth + "{company}" + "))" * depth
        with pytest.raises(TemplateSyntaxError) as caught:
            compile_text(text)
        assert caught.value.offset == len("Hi ") + 2 * MAX_NESTING  # the first '((' too many
        assert f"more than {MAX_NESTING} deep" in caught.value.message


def test_find_markers_in_edited_text() -> None:
    text = "Hi Bo,\nWe met at [where we met?] and [where we met?].\n[your name?]"
    markers = find_markers(text)
    assert [m.field for m in markers] == ["met_at", "met_at", "my_name"]
    assert markers[0].start_location == (1, 10)
    assert markers[2].start_location == (2, 0)
    assert find_markers("All filled in.") == ()


def test_placeholder_values(today: dt.date) -> None:
    contact = full_contact()
    contact = log_interaction(contact, Interaction(date=dt.date(2026, 11, 10), kind=InteractionKind.CALL))
    values = placeholder_values(contact, full_config(), today)
    assert values["met_when"] == "on Monday"
    assert values["last_when"] == "on Monday"  # the met on the 16th is the latest
    assert values["first_name"] == "Maya"
    assert values["name"] == "Maya Chen"
    assert values["they_can_help"] == "how her team runs usability tests"
    assert values["signature"] == "UX designer, sam@example.com"
    assert values["your_words"] == ""
    bare = placeholder_values(Contact(name="Bo"), Config(), today)
    assert {k for k, v in bare.items() if v} == {"first_name", "name", "name_company"}
    assert values["name_company"] == "Maya Chen (Brightline Health)"


def test_values_cannot_inject_placeholders_or_markup() -> None:
    contact = Contact(name="Eve", met_at="{my_name} [b]x[/b]", company="A  \x1b[31mB")
    template = pick(bundled_templates(), MessageKind.FOLLOW_UP, Tone.FORMAL)
    rendered = render(template, contact, Config(user=UserSettings(name="Sam")), TODAY, Channel.EMAIL)
    assert "{my_name} [b]x[/b]" in rendered.body  # shown as typed, never re-rendered
    assert "\x1b" not in rendered.body


# -- user templates --------------------------------------------------------------------------

USER_TEMPLATE = """\
id = "follow_up-casual"
kind = "follow_up"
tone = "casual"
subject = "Hello from me"
body = '''
Hey {first_name}, lovely to meet you(( at {met_at})). Coffee?
'''
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_user_template_replaces_a_bundled_one_by_id(store: Store) -> None:
    write(store.folder.templates_dir, "mine.toml", USER_TEMPLATE)
    templates, problems = load_templates(store)
    assert problems == []
    same_id = [t for t in templates if t.id == "follow_up-casual"]
    assert len(same_id) == 1 and not same_id[0].bundled
    assert len(templates) == len(bundled_templates())
    chosen = pick(templates, "follow_up", "casual")
    rendered = render(chosen, full_contact(), Config(), TODAY, Channel.EMAIL)
    assert rendered.subject == "Hello from me"
    assert rendered.body == "Hey Maya, lovely to meet you at the SDSU alumni happy hour. Coffee?"
    # no short version: a short message uses the body
    assert render(chosen, full_contact(), Config(), TODAY, Channel.TEXT).body == rendered.body


def test_user_template_with_a_new_id_comes_first_for_its_kind(store: Store) -> None:
    write(store.folder.templates_dir, "extra.toml", USER_TEMPLATE.replace('"follow_up-casual"', '"my-follow-up"'))
    templates, _ = load_templates(store)
    assert len(templates) == len(bundled_templates()) + 1
    assert [t.id for t in alternatives(templates, "follow_up", "casual")] == ["my-follow-up", "follow_up-casual"]
    assert pick(templates, "follow_up", "casual").id == "my-follow-up"


BROKEN = {
    "syntax.toml": ('id = "a"\nkind = "nudge"\ntone = \n', (3, 8), "invalid TOML"),
    "unknown-key.toml": (
        'id = "b"\nkind = "nudge"\ntone = "casual"\nsubjekt = "x"\nsubject = "x"\nbody = "x"\n',
        (4, 1),
        "subjekt: unknown key",
    ),
    "bad-kind.toml": ('id = "c"\nkind = "job_hunt"\ntone = "casual"\nsubject = "x"\nbody = "x"\n', (2, 1), "kind:"),
    "placeholder.toml": (
        'id = "d"\nkind = "nudge"\ntone = "casual"\nsubject = "x"\nbody = """\nHi there,\nWe met at {where_we_met}.\n"""\n',
        (7, 11),
        "body: unknown placeholder {where_we_met}",
    ),
    "subject.toml": (
        'id = "e"\nkind = "nudge"\ntone = "casual"\nsubject = "Hi {first_name"\nbody = "x"\n',
        (4, 15),
        "subject:",
    ),
}


def test_broken_templates_are_reported_and_skipped(store: Store) -> None:
    for name, (text, _, _) in BROKEN.items():
        write(store.folder.templates_dir, name, text)
    write(store.folder.templates_dir, "good.toml", USER_TEMPLATE.replace('"follow_up-casual"', '"good-one"'))
    write(store.folder.templates_dir, "latin1.toml", "")
    (store.folder.templates_dir / "latin1.toml").write_bytes(b'id = "f"\n# caf\xe9\n')
    templates, problems = load_templates(store)
    assert "good-one" in {t.id for t in templates}
    assert len(templates) == len(bundled_templates()) + 1
    by_file = {p.path.name: p for p in problems}
    assert set(by_file) == {*BROKEN, "latin1.toml"}
    for name, (_, (line, col), says) in BROKEN.items():
        problem = by_file[name]
        assert (problem.line, problem.col) == (line, col), f"{name}: {problem}"
        assert says in problem.message, f"{name}: {problem}"
        assert str(problem).startswith(f"{store.folder.templates_dir / name}:{line}:{col}: ")
    assert by_file["latin1.toml"].line == 2
    # never rewritten
    assert (store.folder.templates_dir / "syntax.toml").read_text() == BROKEN["syntax.toml"][0]


def test_two_user_files_with_one_id(store: Store) -> None:
    write(store.folder.templates_dir, "a.toml", USER_TEMPLATE)
    write(store.folder.templates_dir, "b.toml", USER_TEMPLATE.replace("Hello from me", "Other"))
    templates, problems = load_templates(store)
    assert [(p.path.name, p.line) for p in problems] == [("b.toml", 1)]
    assert "already used by a.toml" in problems[0].message
    assert pick(templates, "follow_up", "casual").subject == "Hello from me"


def test_no_user_folder_is_fine(tmp_path: Path) -> None:
    templates, problems = load_templates(tmp_path / "nowhere")
    assert problems == [] and len(templates) == len(bundled_templates())


def test_pick_falls_back_when_a_user_template_takes_over_an_id(store: Store) -> None:
    # The user's file reuses the bundled nudge-formal id for a casual nudge: formal nudges still exist.
    write(
        store.folder.templates_dir,
        "n.toml",
        USER_TEMPLATE.replace('"follow_up-casual"', '"nudge-formal"').replace('"follow_up"', '"nudge"'),
    )
    templates, problems = load_templates(store)
    assert problems == []
    assert pick(templates, "nudge", "formal").kind is MessageKind.NUDGE


# -- suggestions -----------------------------------------------------------------------------


def test_suggested_kind_follows_the_timing_engine() -> None:
    contact = full_contact()
    assert suggested_kind(contact, TODAY) is MessageKind.FOLLOW_UP
    sent = log_interaction(contact, Interaction(date=dt.date(2026, 11, 17), kind=InteractionKind.SENT))
    assert suggested_kind(sent, TODAY) is MessageKind.NUDGE
    called = log_interaction(sent, Interaction(date=dt.date(2026, 11, 17), kind=InteractionKind.CALL))
    assert suggested_kind(called, TODAY) is MessageKind.THANK_YOU


def test_suggested_kind_fallbacks() -> None:
    assert suggested_kind(Contact(name="Bo"), TODAY) is MessageKind.FOLLOW_UP
    assert suggested_kind(Contact(name="Bo", they_can_help="fintech"), TODAY) is MessageKind.INFO_INTERVIEW
    archived = full_contact().model_copy(update={"stage": Stage.ARCHIVED})
    assert suggested_kind(archived, TODAY) is MessageKind.KEEP_IN_TOUCH


def test_suggested_channel() -> None:
    assert suggested_channel(Contact(name="A", emails=["a@example.com"], phone="1")) is Channel.EMAIL
    assert suggested_channel(Contact(name="A", linkedin="linkedin.com/in/a")) is Channel.LINKEDIN
    assert suggested_channel(Contact(name="A", phone="555")) is Channel.TEXT
    assert suggested_channel(Contact(name="A")) is Channel.TEXT  # no e-mail: a short message, never a Subject line
