"""``netcoach draft NAME``: the message for a contact, ready to pipe into a mail program."""

from __future__ import annotations

import argparse
import sys

from netcoach.cli.context import Context, UsageError, find, report_problems
from netcoach.coach.drafts import load_draft
from netcoach.coach.placeholders import find_markers
from netcoach.coach.promised import promises_in
from netcoach.coach.rendering import message_text, render, suggested_channel, suggested_kind
from netcoach.coach.templates import DRAFT_CHANNELS, Tone, bundled_folder, load_templates, pick
from netcoach.model.contact import Contact
from netcoach.model.kinds import Channel, MessageKind
from netcoach.model.problem import Problem
from netcoach.storage.contacts import ContactRecord
from netcoach.timing.introductions import latest_meeting


def _choice(value: str | None, allowed: list[str], what: str) -> str | None:
    if value is None:
        return None
    cleaned = value.strip().lower().replace("-", "_")
    if cleaned not in allowed:
        raise UsageError(f"unknown {what} {value!r}: choose from {', '.join(allowed)}")
    return cleaned


KINDS = [k.value for k in MessageKind]
TONES = [t.value for t in Tone]
CHANNELS = [c.value for c in DRAFT_CHANNELS]


def _list_templates(ctx: Context) -> int:
    templates, problems = load_templates(ctx.store)
    width = max(len(t.id) for t in templates)
    for template in templates:
        whose = "bundled" if template.bundled else "yours"
        title = f"  {template.title}" if template.title else ""
        print(
            f"{template.id:<{width}}  {template.kind.value:<14} {template.tone.value:<7} {whose:<7}{title}",
            file=ctx.out,
        )
    print(f"\nBundled templates are in {bundled_folder()}; yours go in {ctx.store.folder.templates_dir}.", file=ctx.out)
    report_problems(problems + ctx.problems)
    return 0


INTRO_KINDS = (MessageKind.INTRO.value, MessageKind.INTRO_ASK.value)


def _other(ctx: Context, record: ContactRecord, kind: str | None, about: str | None) -> Contact | None:
    """The second person: whom an introduction is about (needed), or whom the introducer introduced."""
    if kind in INTRO_KINDS and about is None:
        raise UsageError(f"--kind {kind} needs --about OTHER: the person to introduce {record.contact.name} to")
    if about is None:
        if kind == MessageKind.CLOSE_THE_LOOP.value:
            return introduced_by(ctx, record.id)
        return None
    if kind not in (*INTRO_KINDS, MessageKind.CLOSE_THE_LOOP.value):
        raise UsageError("--about is for --kind intro, intro_ask or close_the_loop")
    other = find(ctx, about)
    if other.id == record.id:
        raise UsageError(f"--about names {record.contact.name} again: give the other person")
    return other.contact


def introduced_by(ctx: Context, contact_id: str) -> Contact | None:
    """The person this contact introduced you to whom you met most recently (None: nobody)."""
    people = [r.contact for r in ctx.store.reader.load().records if r.contact.met_through == contact_id]
    met = [(meeting.date, c.name) for c in people if (meeting := latest_meeting(c)) is not None]
    if not met:
        return people[0] if people else None
    name = max(met)[1]
    return next(c for c in people if c.name == name)


def run(ctx: Context, args: argparse.Namespace) -> int:
    if args.templates:
        return _list_templates(ctx)
    if not args.name:
        raise UsageError("give a name: netcoach draft NAME (or netcoach draft --templates)")
    kind = _choice(args.kind, KINDS, "kind")
    tone = _choice(args.tone, TONES, "tone")
    channel = _choice(args.channel, CHANNELS, "channel")
    record = find(ctx, args.name)
    contact = record.contact
    other = _other(ctx, record, kind, args.about)

    if args.saved:
        draft = load_draft(ctx.store, record.id)
        if draft is None:
            raise UsageError(f"no saved draft for {contact.name}; leave out --saved to write one from a template")
        subject, body, used_channel = draft.subject, draft.body, draft.channel
        problems: list[Problem] = []
    else:
        templates, problems = load_templates(ctx.store)
        chosen_kind = MessageKind(kind) if kind else suggested_kind(contact, ctx.today, ctx.config.timing)
        chosen_tone = Tone(tone) if tone else Tone.CASUAL
        if args.template:
            matching = [t for t in templates if t.id == args.template]
            if not matching:
                raise UsageError(f"no template {args.template!r} (netcoach draft --templates lists them)")
            template = matching[0]
        else:
            template = pick(templates, chosen_kind, chosen_tone)
        used_channel = suggested_channel(contact) if channel is None else Channel(channel)
        rendered = render(template, contact, ctx.config, ctx.today, used_channel, other)
        subject, body = rendered.subject, rendered.body

    print(message_text(subject, body, used_channel), file=ctx.out)
    markers = find_markers(subject) + find_markers(body)
    if markers:
        names = ", ".join(dict.fromkeys(m.text for m in markers))
        note = f"netcoach: fill in before sending: {names}"
        if any(m.field in ("my_name", "signature") for m in markers):
            note += ' (your name: [user] name = "..." in config.toml)'
        print(note, file=sys.stderr)
    for found in promises_in(body, ctx.today):  # "I'll send it by Friday": worth remembering
        print(
            f'netcoach: you promise to "{found.text}": once sent, keep track with '
            f'netcoach promise {record.id} "{found.text}" --by {found.by.isoformat()}',
            file=sys.stderr,
        )
    report_problems(problems + ctx.problems)
    return 0
