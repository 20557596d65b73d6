"""``netcoach draft`` and ``netcoach check`` for templates and drafts, as real subprocesses."""

from __future__ import annotations

import datetime as dt

from netcoach.coach.drafts import Draft, save_draft
from netcoach.model.changes import met
from netcoach.model.contact import Contact
from netcoach.storage.store import Store
from tests.cli.helpers import CommandLine, checked_count


def add_maya(store: Store, today: dt.date, **fields: object) -> str:
    contact = Contact(
        name="Maya Chen",
        company="Brightline Health",
        emails=["maya.chen@example.com"],
        common_ground=["same major at SDSU"],
        they_can_help="How her team runs usability tests",
        i_can_offer="The form-audit checklist I made",
        **fields,  # type: ignore[arg-type]
    )
    return store.contacts.add(met(contact, today - dt.timedelta(days=2), "the SDSU alumni happy hour")).id


def set_name(store: Store) -> None:
    store.folder.save_file("config.toml", '[user]\nname = "Sam Lee"\n')


def test_draft_prints_an_email_with_the_subject_first(store: Store, today: dt.date, netcoach: CommandLine) -> None:
    add_maya(store, today)
    set_name(store)
    result = netcoach("draft", "maya")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Subject: Great to meet you at the SDSU alumni happy hour"
    assert lines[1] == ""
    assert lines[2] == "Hi Maya,"
    assert "meet you at the SDSU alumni happy hour on Monday." in result.stdout
    assert result.stdout.rstrip().endswith("Cheers,\nSam Lee")
    assert result.stderr == ""  # nothing to fill in, nothing broken


def test_kind_tone_and_channel(store: Store, today: dt.date, netcoach: CommandLine) -> None:
    add_maya(store, today)
    set_name(store)
    result = netcoach("draft", "Maya Chen", "--kind", "info-interview", "--tone", "FORMAL", "--channel", "linkedin")
    assert result.returncode == 0, result.stderr
    assert not result.stdout.startswith("Subject:")
    assert result.stdout.startswith("Dear Maya, we met at the SDSU alumni happy hour on Monday.")
    assert "20 minutes" in result.stdout
    assert result.stdout.rstrip().endswith("Kind regards,\nSam Lee")


def test_markers_stay_visible_and_are_named_on_stderr(store: Store, today: dt.date, netcoach: CommandLine) -> None:
    store.contacts.add(Contact(name="Bo Ito"))
    result = netcoach("draft", "bo", "--kind", "follow_up")
    assert result.returncode == 0, result.stderr
    assert "meet you at [where we met?]." in result.stdout
    assert "[your name?]" in result.stdout
    assert "fill in before sending: [where we met?], [your name?]" in result.stderr
    assert "[user] name" in result.stderr


def test_unknown_kind_tone_or_channel_exits_2_saying_what_is_accepted(
    store: Store, today: dt.date, netcoach: CommandLine
) -> None:
    add_maya(store, today)
    for option, value, accepted in (
        (
            "--kind",
            "job_hunt",
            "thank_you, follow_up, info_interview, nudge, reply, reconnect, keep_in_touch, not_now, close_the_loop, intro_ask, intro",
        ),
        ("--tone", "posh", "casual, formal"),
        ("--channel", "pigeon", "email, linkedin, text"),
    ):
        result = netcoach("draft", "maya", option, value)
        assert result.returncode == 2, (option, result.stderr)
        assert result.stdout == ""
        assert result.stderr.strip().splitlines() == [
            f"netcoach: unknown {option[2:]} {value!r}: choose from {accepted}"
        ]


def test_unknown_name_and_no_name(store: Store, today: dt.date, netcoach: CommandLine) -> None:
    add_maya(store, today)
    assert netcoach("draft", "nobody").returncode == 2
    result = netcoach("draft")
    assert result.returncode == 2 and "give a name" in result.stderr


def test_a_user_template_is_used_and_listed(store: Store, today: dt.date, netcoach: CommandLine) -> None:
    add_maya(store, today)
    store.folder.save_file(
        "templates/mine.toml",
        'id = "follow_up-casual"\nkind = "follow_up"\ntone = "casual"\ntitle = "Mine"\n'
        'subject = "Hello {first_name}"\nbody = "Hey {first_name}, coffee?"\n',
    )
    result = netcoach("draft", "maya")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Subject: Hello Maya\n\nHey Maya, coffee?\n"
    listing = netcoach("draft", "--templates")
    assert listing.returncode == 0
    mine = [line for line in listing.stdout.splitlines() if line.startswith("follow_up-casual ")]
    assert len(mine) == 1 and "yours" in mine[0] and "Mine" in mine[0]
    assert "nudge-formal " in listing.stdout


def test_pick_a_template_by_id(store: Store, today: dt.date, netcoach: CommandLine) -> None:
    add_maya(store, today)
    result = netcoach("draft", "maya", "--template", "not_now-formal", "--channel", "text")
    assert result.returncode == 0 and result.stdout.startswith("Dear Maya, thank you for letting me know")
    missing = netcoach("draft", "maya", "--template", "nope")
    assert missing.returncode == 2 and "no template 'nope'" in missing.stderr


def test_saved_draft(store: Store, today: dt.date, netcoach: CommandLine) -> None:
    contact_id = add_maya(store, today)
    assert netcoach("draft", "maya", "--saved").returncode == 2
    save_draft(store, Draft(contact_id=contact_id, kind="follow_up", subject="Edited", body="My own words."))
    result = netcoach("draft", "maya", "--saved")
    assert result.returncode == 0 and result.stdout == "Subject: Edited\n\nMy own words.\n"


def test_broken_template_is_reported_and_the_rest_work(store: Store, today: dt.date, netcoach: CommandLine) -> None:
    add_maya(store, today)
    set_name(store)
    store.folder.save_file(
        "templates/broken.toml",
        'id = "broken"\nkind = "nudge"\ntone = "casual"\nsubject = "x"\nbody = """\nHi {first_nam}\n"""\n',
    )
    store.folder.save_file("drafts/maya-chen.toml", 'contact_id = "maya-chen"\nkind = "hello"\n')
    result = netcoach("draft", "maya")
    assert result.returncode == 0
    assert result.stdout.startswith("Subject: Great to meet you")
    assert "1 file could not be read (netcoach check lists them)" in result.stderr
    check = netcoach("check")
    assert check.returncode == 1
    template_path = store.folder.templates_dir / "broken.toml"
    draft_path = store.folder.drafts_dir / "maya-chen.toml"
    assert f"{template_path}:6:4: body: unknown placeholder {{first_nam}}: did you mean {{first_name}}?" in check.stdout
    assert f"{draft_path}:2:1: kind:" in check.stdout
    assert "Traceback" not in check.stderr + result.stderr


def test_a_template_nested_too_deep_is_a_problem_not_a_crash(
    store: Store, today: dt.date, netcoach: CommandLine
) -> None:
    add_maya(store, today)
    nested = "((" * 1000 + "{company}" + "))" * 1000
    store.folder.save_file(
        "templates/nest.toml", f'id = "nest"\nkind = "nudge"\ntone = "casual"\nsubject = "x"\nbody = "Hi {nested}"\n'
    )
    check = netcoach("check")
    assert check.returncode == 1
    assert f"{store.folder.templates_dir / 'nest.toml'}:5:" in check.stdout
    assert "body: optional text nests more than 8 deep" in check.stdout
    draft = netcoach("draft", "maya", "--template", "nest")
    assert draft.returncode == 2 and "no template 'nest'" in draft.stderr  # skipped, as every broken template
    assert netcoach("draft", "maya").returncode == 0
    assert "Traceback" not in check.stderr + draft.stderr


def test_check_counts_templates_and_drafts_when_all_is_well(
    store: Store, today: dt.date, netcoach: CommandLine
) -> None:
    contact_id = add_maya(store, today)
    before = netcoach("check")
    assert before.returncode == 0, before.stdout + before.stderr
    store.folder.save_file(
        "templates/mine.toml", 'id = "mine"\nkind = "nudge"\ntone = "casual"\nsubject = "x"\nbody = "y"\n'
    )
    save_draft(store, Draft(contact_id=contact_id, kind="follow_up", body="Hi"))
    after = netcoach("check")
    assert after.returncode == 0, after.stdout + after.stderr
    assert checked_count(after.stdout) == checked_count(before.stdout) + 2  # the template and the draft
