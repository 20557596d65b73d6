"""``netcoach draft NAME``: the message for a contact, ready to pipe into a mail program.

``netcoach check`` also reports broken template and draft files through the checker here.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from netcoach.drafts import load_draft, load_drafts
from netcoach.models import MessageKind
from netcoach.templates import (
    DRAFT_CHANNELS,
    Tone,
    bundled_folder,
    find_markers,
    load_templates,
    message_text,
    pick,
    render,
    suggested_channel,
    suggested_kind,
)
from netcoach.tomlfile import Problem

if TYPE_CHECKING:
    from netcoach.cli import Context


def _choice(value: str | None, allowed: list[str], what: str) -> str | None:
    if value is None:
        return None
    cleaned = value.strip().lower().replace("-", "_")
    if cleaned not in allowed:
        from netcoach.cli import UsageError

        raise UsageError(f"unknown {what} {value!r}: choose from {', '.join(allowed)}")
    return cleaned


KINDS = [k.value for k in MessageKind]
TONES = [t.value for t in Tone]
CHANNELS = [c.value for c in DRAFT_CHANNELS]


def _list_templates(ctx: Context) -> int:
    from netcoach.cli import report_problems

    templates, problems = load_templates(ctx.store)
    width = max(len(t.id) for t in templates)
    for template in templates:
        whose = "bundled" if template.bundled else "yours"
        title = f"  {template.title}" if template.title else ""
        print(
            f"{template.id:<{width}}  {template.kind.value:<14} {template.tone.value:<7} {whose:<7}{title}",
            file=ctx.out,
        )
    print(f"\nBundled templates are in {bundled_folder()}; yours go in {ctx.store.templates_dir}.", file=ctx.out)
    report_problems(ctx, problems + ctx.problems)
    return 0


def cmd_draft(ctx: Context, args: argparse.Namespace) -> int:
    from netcoach.cli import UsageError, find, report_problems

    if args.templates:
        return _list_templates(ctx)
    if not args.name:
        raise UsageError("give a name: netcoach draft NAME (or netcoach draft --templates)")
    kind = _choice(args.kind, KINDS, "kind")
    tone = _choice(args.tone, TONES, "tone")
    channel = _choice(args.channel, CHANNELS, "channel")
    record = find(ctx, args.name)
    contact = record.contact

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
        used_channel = suggested_channel(contact) if channel is None else channel
        rendered = render(template, contact, ctx.config, ctx.today, used_channel)
        subject, body = rendered.subject, rendered.body

    print(message_text(subject, body, used_channel), file=ctx.out)
    markers = find_markers(subject) + find_markers(body)
    if markers:
        names = ", ".join(dict.fromkeys(m.text for m in markers))
        note = f"netcoach: fill in before sending: {names}"
        if any(m.field in ("my_name", "signature") for m in markers):
            note += ' (your name: [user] name = "..." in config.toml)'
        print(note, file=sys.stderr)
    report_problems(ctx, problems + ctx.problems)
    return 0


def check_drafting_files(ctx: Context) -> tuple[int, list[Problem]]:
    """``netcoach check``: the user's templates and saved drafts."""
    folder = ctx.store.templates_dir
    count = sum(1 for p in folder.glob("*.toml") if not p.name.startswith(".")) if folder.is_dir() else 0
    _, problems = load_templates(ctx.store)
    drafts, draft_problems = load_drafts(ctx.store)
    return count + len(drafts) + len(draft_problems), problems + draft_problems


def register(command: Callable[..., argparse.ArgumentParser]) -> None:
    from netcoach import cli

    draft = command(
        "draft",
        "print a message for a contact (subject line first for e-mail), ready to pipe into a mail program",
        cmd_draft,
    )
    draft.add_argument("name", metavar="NAME", nargs="?")
    draft.add_argument("--kind", metavar="KIND", help="one of: " + ", ".join(KINDS) + " (default: what is due)")
    draft.add_argument("--tone", metavar="TONE", help="casual (default) or formal")
    draft.add_argument(
        "--channel",
        metavar="CHANNEL",
        help="email (subject and body), linkedin or text (short, no subject); default: from their details",
    )
    draft.add_argument("--template", metavar="ID", help="use this template (netcoach draft --templates lists them)")
    draft.add_argument("--saved", action="store_true", help="print the draft saved in the app instead")
    draft.add_argument("--templates", action="store_true", help="list the templates (bundled and yours)")
    if check_drafting_files not in cli.CHECKERS:
        cli.CHECKERS.append(check_drafting_files)
