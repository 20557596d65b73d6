"""Drafts on disk: round trip, private files, broken files reported and never rewritten."""

from __future__ import annotations

import datetime as dt
import stat

import pytest

from netcoach.coach.drafts import (
    Draft,
    awaits_reply,
    delete_draft,
    draft_from,
    draft_relative,
    draft_toml,
    load_draft,
    load_drafts,
    save_draft,
    sent_interaction,
    summary_of,
)
from netcoach.coach.rendering import render
from netcoach.coach.templates import Tone, bundled_templates, pick
from netcoach.model.contact import Channel, InteractionKind, MessageKind
from netcoach.model.problem import FileProblem
from netcoach.storage.store import Store

NOW = dt.datetime(2026, 11, 18, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=-8)))


def a_draft(**changes: object) -> Draft:
    data: dict[str, object] = {
        "contact_id": "maya-chen",
        "kind": MessageKind.FOLLOW_UP,
        "tone": Tone.CASUAL,
        "channel": Channel.EMAIL,
        "subject": "Great to meet you",
        "body": "Hi Maya,\n\nIt was great to meet you.\n\n'''Quotes''' and \"more\" and a \\ backslash.\n\nSam",
        "template_id": "follow_up-casual",
        "edited": True,
    }
    data.update(changes)
    return Draft.model_validate(data)


def test_round_trip(store: Store) -> None:
    saved = save_draft(store, a_draft(), NOW)
    assert saved.updated == NOW
    loaded = load_draft(store, "maya-chen")
    assert loaded == saved
    assert loaded is not None and loaded.body.endswith("a \\ backslash.\n\nSam")


def test_draft_file_is_private_and_readable_toml(store: Store) -> None:
    save_draft(store, a_draft(), NOW)
    path = store.root / draft_relative("maya-chen")
    assert path == store.folder.drafts_dir / "maya-chen.toml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.folder.drafts_dir.stat().st_mode) == 0o700
    text = path.read_text(encoding="utf-8")
    assert text.startswith('contact_id = "maya-chen"\nkind = "follow_up"\n')
    assert "updated = 2026-11-18 09:30:00-08:00" in text
    assert not list(store.folder.drafts_dir.glob(".*.tmp"))  # no temp file left behind


def test_save_stamps_the_time_when_not_given(store: Store) -> None:
    before = dt.datetime.now().astimezone().replace(microsecond=0)
    saved = save_draft(store, a_draft(updated=NOW))
    assert saved.updated >= before


def test_no_draft(store: Store) -> None:
    assert load_draft(store, "nobody") is None
    assert delete_draft(store, "nobody") is False
    assert load_drafts(store) == ([], [])


def test_delete(store: Store) -> None:
    save_draft(store, a_draft(), NOW)
    assert delete_draft(store, "maya-chen") is True
    assert load_draft(store, "maya-chen") is None
    assert not (store.folder.drafts_dir / "maya-chen.toml").exists()


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ('contact_id = "maya-chen"\nkind = \n', 2, "invalid TOML"),
        ('contact_id = "maya-chen"\nkind = "follow_up"\nmood = "hopeful"\n', 3, "mood: unknown key"),
        ('contact_id = "maya-chen"\nkind = "job"\n', 2, "kind:"),
    ],
)
def test_broken_draft_is_reported_and_never_rewritten(store: Store, text: str, line: int, says: str) -> None:
    store.folder.drafts_dir.mkdir(parents=True)
    path = store.folder.drafts_dir / "maya-chen.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FileProblem) as caught:
        load_draft(store, "maya-chen")
    assert caught.value.problem.line == line and says in caught.value.problem.message
    with pytest.raises(FileProblem) as refused:
        save_draft(store, a_draft(), NOW)
    assert "fix or delete this draft" in refused.value.problem.message
    assert path.read_text(encoding="utf-8") == text
    drafts, problems = load_drafts(store)
    assert drafts == [] and [p.path for p in problems] == [path]
    assert delete_draft(store, "maya-chen")  # deleting is how the user starts over
    save_draft(store, a_draft(), NOW)
    assert load_draft(store, "maya-chen") is not None


def test_load_drafts_keeps_going_past_a_broken_one(store: Store) -> None:
    save_draft(store, a_draft(), NOW)
    save_draft(store, a_draft(contact_id="bo"), NOW)
    (store.folder.drafts_dir / "zed.toml").write_bytes(b"\xff\xfe")
    drafts, problems = load_drafts(store)
    assert sorted(d.contact_id for d in drafts) == ["bo", "maya-chen"]
    assert [(p.path.name, p.message) for p in problems] == [("zed.toml", "not UTF-8 text")]


def test_file_name_wins_over_the_id_inside(store: Store) -> None:
    store.folder.drafts_dir.mkdir(parents=True)
    (store.folder.drafts_dir / "copy.toml").write_text(draft_toml(a_draft()), encoding="utf-8")
    loaded = load_draft(store, "copy")
    assert loaded is not None and loaded.contact_id == "copy"


@pytest.mark.parametrize("bad", ["", "../x", "a/b", ".hidden"])
def test_contact_id_must_be_a_file_stem(bad: str) -> None:
    with pytest.raises(ValueError):
        a_draft(contact_id=bad)


def test_body_is_cleaned_of_escape_sequences() -> None:
    assert a_draft(body="Hi\x1b[31m there\x07").body == "Hi there"


def test_draft_from_rendered(today: dt.date) -> None:
    from netcoach.model.contact import Contact
    from netcoach.storage.config import Config

    template = pick(bundled_templates(), MessageKind.NUDGE, Tone.FORMAL)
    rendered = render(template, Contact(name="Bo"), Config(), today, Channel.LINKEDIN)
    draft = draft_from(rendered, "bo")
    assert (draft.kind, draft.tone, draft.channel, draft.template_id) == (
        MessageKind.NUDGE,
        Tone.FORMAL,
        Channel.LINKEDIN,
        "nudge-formal",
    )
    assert draft.body == rendered.body and draft.subject == "" and not draft.edited


@pytest.mark.parametrize(
    ("draft", "summary"),
    [
        (a_draft(), "Great to meet you"),
        (a_draft(channel=Channel.LINKEDIN), "It was great to meet you."),
        (a_draft(subject=""), "It was great to meet you."),
        (
            a_draft(channel=Channel.TEXT, body="Hi Bo, lovely to meet you at the meetup."),
            "Hi Bo, lovely to meet you at the meetup.",
        ),
        (a_draft(channel=Channel.TEXT, body="Hi Bo,"), "Hi Bo,"),
        (a_draft(subject="", body=""), "Follow up message"),
        (a_draft(subject="x" * 200), "x" * 79 + "…"),
        (a_draft(subject="", body="word " * 40), ("word " * 15).strip() + "…"),
    ],
)
def test_summary_of(draft: Draft, summary: str) -> None:
    assert summary_of(draft) == summary
    assert len(summary_of(draft)) <= 80


def test_awaits_reply() -> None:
    asking = {k for k in MessageKind if awaits_reply(k)}
    assert asking == {MessageKind.FOLLOW_UP, MessageKind.INFO_INTERVIEW, MessageKind.NUDGE, MessageKind.INTRO_ASK}
    assert awaits_reply("nudge") and not awaits_reply("thank_you")


def test_sent_interaction(today: dt.date) -> None:
    sent = sent_interaction(a_draft(kind=MessageKind.INFO_INTERVIEW), today)
    assert sent.kind is InteractionKind.SENT and sent.date == today
    assert (sent.channel, sent.summary, sent.awaiting_reply, sent.message_kind) == (
        Channel.EMAIL,
        "Great to meet you",
        True,
        MessageKind.INFO_INTERVIEW,
    )
    assert sent_interaction(a_draft(kind=MessageKind.THANK_YOU), today).awaiting_reply is False
