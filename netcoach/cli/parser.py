"""The whole command line's grammar, and which module runs each command.

Only the chosen command's module is imported (see :mod:`netcoach.cli.main`): building the
parser imports no command, so ``netcoach due`` loads nothing it does not use.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from netcoach import __version__
from netcoach.model.kinds import Channel, InteractionKind, MessageKind, Stage
from netcoach.model.stages import STAGE_WORDS, parse_stage

DUE_DAYS = 7
"""How far ahead ``netcoach due`` looks unless told (``--days``)."""

IMPORT_KINDS = ("linkedin", "vcard", "google")
EXPORT_KINDS = ("vcard", "csv", "json")
TONES = ("casual", "formal")
DRAFT_CHANNELS = ("email", "linkedin", "text")

COMMANDS = frozenset(
    [
        "add",
        "log",
        "set",
        "edit",
        "rm",
        "merge",
        "undo",
        "promise",
        "promises",
        "who",
        "due",
        "contacts",
        "check",
        "draft",
        "stats",
        "themes",
        "import",
        "export",
        "events",
        "event",
    ]
)
"""Every command's name (a test holds it to the whole parser's)."""


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, its width found as argparse finds it but without importing shutil (and with it
    bz2 and lzma): argparse makes a formatter for every argument added, ``netcoach due`` included."""

    def __init__(self, prog: str, **options: Any) -> None:
        options.setdefault("width", _columns() - 2)
        super().__init__(prog, **options)


def _columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size`` gives it: ``$COLUMNS``, else standard output's
    terminal, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Parser(argparse.ArgumentParser):
    """argparse, but a mistake is one line (not the whole usage), naming the bad value and what is accepted."""

    def __init__(self, *args: Any, **options: Any) -> None:
        options.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **options)

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


class _NotThisWay(Exception):
    """The command line does not parse with only the command it names: the whole parser says why."""


class _TrialParser(_Parser):
    """A parser of one command only (:func:`parse_args`): a mistake is reported by the whole parser."""

    def error(self, message: str) -> NoReturn:
        raise _NotThisWay(message)


def _global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default: Any = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--data", metavar="DIR", default=default, help="the data folder (else $NETCOACH_DATA, else the platform's)"
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="use a fresh copy of the bundled demo data; your own data is not touched",
    )


def _stage(text: str) -> Stage:
    """``--stage``: "not now", "not-now" and "not_now" alike (see netcoach.model.stages)."""
    try:
        return parse_stage(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _one_of(values: Any) -> str:
    return "one of: " + ", ".join(str(getattr(v, "value", v)) for v in values)


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """``argv`` parsed as :func:`build_parser`'s command line would parse it, building only the command named.

    Building all 26 commands costs about 9 ms (argparse looks up translations for each), a good part of a
    warm ``netcoach due``. So when ``argv`` plainly names a command (only ``--data``, ``--demo`` and
    ``--theme`` before it), only that command is built; with none (the app), none is. Anything that does not parse that way (a mistake,
    help for the whole command line) is parsed again by the whole parser, so every message is as it was.
    """
    name = _command_named(argv)
    if name is not None:
        try:
            return _build(name, _TrialParser).parse_args(argv)
        except _NotThisWay:
            pass
    return build_parser().parse_args(argv)


_VALUE_OPTIONS = frozenset({"--data", "--theme"})
"""The options before a command that take a value (the next argument, or after ``=``)."""

_FLAG_OPTIONS = frozenset({"--demo"})


def _command_named(argv: Sequence[str]) -> str | None:
    """The command ``argv`` names, if nothing but ``--data``, ``--demo`` and ``--theme`` comes before it;
    "" for none at all after them (``netcoach``: the app); None when ``argv`` is anything else."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in _VALUE_OPTIONS:
            i += 2
        elif arg in _FLAG_OPTIONS or (arg.split("=", 1)[0] in _VALUE_OPTIONS and "=" in arg):
            i += 1
        else:
            return arg if arg in COMMANDS else None
    return "" if i == len(argv) else None  # past the end: an option's value is missing


def build_parser() -> argparse.ArgumentParser:
    """The command line. Each command's ``runs`` default names the module whose ``run(ctx, args)`` runs it."""
    return _build(None, _Parser)


def _build(only: str | None, kind: type[_Parser]) -> argparse.ArgumentParser:
    """The command line, with every command or ``only`` the one named; its parsers of ``kind``."""

    def wanted(name: str) -> bool:
        return only is None or name == only

    parser = kind(
        prog="netcoach",
        description="A calm coach for following up with the people you meet. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"netcoach {__version__}")
    _global_options(parser, suppress=False)
    parser.add_argument("--theme", metavar="NAME", help="the app's colour theme (netcoach themes lists them)")
    common = _Parser(add_help=False)
    _global_options(common, suppress=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str, module: str | None = None) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text, parents=[common])
        p.set_defaults(runs=f"netcoach.cli.commands.{module or name}")
        return p

    if wanted("add"):
        add = command("add", "add a contact (and log that you met, with --met-at / --met-on)")
        add.add_argument("name", metavar="NAME")
        add.add_argument("--company")
        add.add_argument("--role")
        add.add_argument("--email", action="append", metavar="EMAIL", help="repeat for several")
        add.add_argument("--phone")
        add.add_argument("--linkedin", metavar="URL")
        add.add_argument("--met-at", metavar="PLACE", help="where you met (logs a 'met' today unless --met-on)")
        add.add_argument("--met-on", metavar="DATE", help="when you met: YYYY-MM-DD, yesterday, ...")
        add.add_argument("--story", metavar="TEXT", help="how you met, in your words")
        add.add_argument("--common", action="append", metavar="TEXT", help="something you have in common (repeatable)")
        add.add_argument("--tag", action="append", metavar="TAG", help="repeatable")
        add.add_argument("--they-can-help", metavar="TEXT", help="what they could help you with")
        add.add_argument("--offer", metavar="TEXT", help="what you can offer them")
        add.add_argument("--notes", metavar="TEXT")
        add.add_argument(
            "--last-contact", metavar="WHEN", help="last in touch long ago: a year (2019), a month (2023-06) or a date"
        )
        add.add_argument("--reach-out-after", metavar="DATE", help="a date they gave: 'reach out once I'm back'")
        add.add_argument("--reach-out-reason", metavar="TEXT", help="their words beside that date: 'back from leave'")
        add.add_argument("--again", action="store_true", help="add them even if someone of that name is there already")
        add.add_argument("--met-through", metavar="OTHER", help="the contact who introduced you")
        add.add_argument("--event", metavar="EVENT", help="you met at this event: logs 'met' on its date, at it")

    if wanted("log"):
        log = command("log", "log a message, meeting, call or note with a contact")
        log.add_argument("name", metavar="NAME")
        log.add_argument(
            "kind", metavar="KIND", choices=[k.value for k in InteractionKind], help=_one_of(InteractionKind)
        )
        log.add_argument("--on", metavar="DATE", help="default today")
        log.add_argument("--channel", choices=[c.value for c in Channel], metavar="CHANNEL", help=_one_of(Channel))
        log.add_argument("--summary", metavar="TEXT")
        wait = log.add_mutually_exclusive_group()
        wait.add_argument(
            "--awaiting-reply",
            dest="awaiting_reply",
            action="store_true",
            default=None,
            help="this message waits for an answer (default: it does while they have never answered)",
        )
        wait.add_argument(
            "--no-awaiting-reply",
            dest="awaiting_reply",
            action="store_false",
            help="this message waits for nothing (a thank-you, news)",
        )

    if wanted("set"):
        set_ = command("set", "change a contact: dates they gave, snooze, stage, details", "set_")
        set_.add_argument("name", metavar="NAME")
        set_.add_argument("--reach-out-after", metavar="DATE", help="a date they gave: 'reach out once I'm back'")
        set_.add_argument("--reach-out-reason", metavar="TEXT", help="their words beside that date: 'back from leave'")
        set_.add_argument("--snooze-until", metavar="DATE")
        set_.add_argument(
            "--last-contact", metavar="WHEN", help="last in touch long ago: a year (2019), a month (2023-06) or a date"
        )
        set_.add_argument("--stage", type=_stage, metavar="STAGE", help=f"one of: {STAGE_WORDS}")
        set_.add_argument("--cadence-days", type=int, metavar="N", help="keep in touch every N days")
        set_.add_argument("--name", dest="new_name", metavar="NAME", help="rename")
        for option in (
            "company",
            "role",
            "phone",
            "linkedin",
            "met-at",
            "met-on",
            "story",
            "notes",
            "offer",
            "they-can-help",
        ):
            set_.add_argument(f"--{option}", metavar="TEXT" if option != "met-on" else "DATE")
        set_.add_argument("--met-through", metavar="OTHER", help="the contact who introduced you")
        set_.add_argument("--add-email", action="append", metavar="EMAIL")
        set_.add_argument("--add-tag", action="append", metavar="TAG")
        set_.add_argument("--add-common", action="append", metavar="TEXT")
        set_.add_argument(
            "--clear", action="append", metavar="FIELD", help="remove a value, e.g. --clear snoozed_until"
        )

    if wanted("edit"):
        edit = command(
            "edit", "change a contact's file in your editor ($VISUAL or $EDITOR), checked before it is saved"
        )
        edit.add_argument("name", metavar="NAME")

    if wanted("rm"):
        rm = command("rm", "remove a contact (netcoach undo brings them back)")
        rm.add_argument("name", metavar="NAME")
        rm.add_argument("--yes", action="store_true", help="do not ask (needed when there is no terminal to ask on)")

    if wanted("merge"):
        merge = command("merge", "merge OTHER into KEEP (the same person, entered twice); OTHER is removed")
        merge.add_argument("keep", metavar="KEEP")
        merge.add_argument("other", metavar="OTHER")

    if wanted("undo"):
        undo = command("undo", "undo the latest change made through netcoach (again: redo it)")
        undo.add_argument("number", metavar="NUMBER", nargs="?", type=int, help="undo this change instead (see --list)")
        undo.add_argument("--list", action="store_true", help="the recent changes, newest first")

    if wanted("promise"):
        promise = command("promise", "record a promise, yours or (--theirs) theirs; --done marks one kept")
        promise.add_argument("name", metavar="NAME")
        promise.add_argument("text", metavar="TEXT", nargs="?", help='what was promised: "send the dbt article"')
        promise.add_argument("--by", metavar="DATE", help="default: 2 business days (yours), 7 days (theirs)")
        promise.add_argument("--theirs", action="store_true", help="they promised it; you wait for it")
        promise.add_argument(
            "--done", metavar="TEXT", help="mark the open promise matching TEXT (a word or prefix) kept"
        )
    if wanted("promises"):
        promises = command("promises", "the open promises, yours and theirs, by date")
        promises.add_argument("--json", action="store_true", help="a JSON list: name, text, whose, by, made_on, ...")

    if wanted("who"):
        who = command("who", "who could help with TEXT: ranked, with the field that matched ('at Google': a company)")
        who.add_argument("text", metavar="TEXT", nargs="+")
        who.add_argument("--limit", type=int, metavar="N", help="at most N people")
        who.add_argument("--json", action="store_true", help="a JSON list: name, company, stage, why, score")

    if wanted("due"):
        due = command("due", "who to follow up with now and soon (fit for a login message)")
        due.add_argument("--today", metavar="DATE", help="pretend today is DATE")
        due.add_argument(
            "--days",
            type=int,
            default=DUE_DAYS,
            metavar="N",
            help=f"also what is due within N days (default {DUE_DAYS})",
        )
        due.add_argument("--json", action="store_true", help="a JSON list: name, due, status, kind, reason")
        due.add_argument("--all", action="store_true", help="everyone due, not only the 5 most pressing")

    if wanted("contacts"):
        contacts = command("contacts", "list everyone")
        contacts.add_argument("--json", action="store_true", help="a JSON list mirroring the contact files")

    if wanted("check"):
        command("check", "check every file in the data folder; exit 1 if any has a problem")

    if wanted("draft"):
        draft = command(
            "draft", "print a message for a contact (subject line first for e-mail), ready to pipe into a mail program"
        )
        draft.add_argument("name", metavar="NAME", nargs="?")
        draft.add_argument("--kind", metavar="KIND", help=_one_of(MessageKind) + " (default: what is due)")
        draft.add_argument("--tone", metavar="TONE", help="casual (default) or formal")
        draft.add_argument(
            "--channel",
            metavar="CHANNEL",
            help="email (subject and body), linkedin or text (short, no subject); default: from their details",
        )
        draft.add_argument(
            "--about", metavar="OTHER", help="intro, intro_ask: the other person (close_the_loop: who met)"
        )
        draft.add_argument("--template", metavar="ID", help="use this template (netcoach draft --templates lists them)")
        draft.add_argument("--saved", action="store_true", help="print the draft saved in the app instead")
        draft.add_argument("--templates", action="store_true", help="list the templates (bundled and yours)")

    if wanted("stats"):
        stats = command("stats", "your own evidence: messages sent, replies, and how often your worries came true")
        stats.add_argument("--json", action="store_true", help="the figures as a JSON object (keys in the README)")

    if wanted("themes"):
        themes = command("themes", "list the colour themes (bundled and your own) and any that failed")
        themes.add_argument(
            "--json", action="store_true", help="a JSON list: name, description, source, path, dark, current"
        )

    if wanted("import"):
        imp = command(
            "import",
            "bring people in from LinkedIn (Connections.csv), a vCard file (.vcf) or Google Contacts (CSV)",
            "import_",
        )
        imp.add_argument("kind", metavar="KIND", choices=IMPORT_KINDS, help=_one_of(IMPORT_KINDS))
        imp.add_argument("file", metavar="FILE")
        imp.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
        imp.add_argument("--tag", action="append", metavar="TAG", help="tag everyone in the file (repeatable)")

    _event_commands(sub, common, wanted)

    if wanted("export"):
        exp = command("export", "take everyone out as vCard 3.0, CSV or JSON")
        exp.add_argument("kind", metavar="KIND", choices=EXPORT_KINDS, help=_one_of(EXPORT_KINDS))
        exp.add_argument("file", metavar="FILE", help="where to write; - for standard output")
    return parser


def _event_commands(sub: Any, common: argparse.ArgumentParser, wanted: Callable[[str], bool]) -> None:
    """``netcoach events`` and ``netcoach event add|show|edit|rm`` (modules ``events`` and ``event_*``)."""
    if wanted("events"):
        events = sub.add_parser("events", help="list your events: upcoming first, then past", parents=[common])
        events.set_defaults(runs="netcoach.cli.commands.events")
        events.add_argument(
            "--json", action="store_true", help="a JSON list: id, name, date, place, people, followed_up"
        )
    if not wanted("event"):
        return
    event = sub.add_parser("event", help="add, show, edit or remove an event (a room you go to)", parents=[common])
    verbs = event.add_subparsers(dest="event_command", metavar="ACTION", required=True)

    def verb(name: str, help_text: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = verbs.add_parser(name, help=help_text, description=help_text, parents=[common])
        p.set_defaults(runs=f"netcoach.cli.commands.event_{name}")
        return p

    add = verb("add", "add an event you will go to (or went to)")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--on", metavar="DATE", required=True, help="when: 2026-12-15, tomorrow, +3d, 2w")
    add.add_argument("--at", metavar="PLACE", help="where")
    add.add_argument("--time", metavar="HH:MM", help="when it starts")
    add.add_argument("--goal", metavar="TEXT", help="what you want from it: 'meet two people in data'")
    add.add_argument("--notes", metavar="TEXT")
    add.add_argument("--tag", action="append", metavar="TAG", help="repeatable")
    show = verb("show", "an event, and everyone you met there with their next step")
    show.add_argument("event", metavar="EVENT")
    show.add_argument("--json", action="store_true", help="a JSON object")
    show.add_argument("--nobody", action="store_true", help="you met nobody there: no debrief is asked for")
    edit = verb("edit", "change an event (with options, or its file in your editor)")
    edit.add_argument("event", metavar="EVENT")
    edit.add_argument("--name", dest="new_name", metavar="NAME", help="rename")
    edit.add_argument("--on", metavar="DATE")
    edit.add_argument("--at", metavar="PLACE")
    edit.add_argument("--time", metavar="HH:MM")
    edit.add_argument("--goal", metavar="TEXT")
    edit.add_argument("--notes", metavar="TEXT")
    edit.add_argument("--add-tag", action="append", metavar="TAG")
    edit.add_argument(
        "--clear", action="append", metavar="FIELD", help="remove a value: place, time, goal, notes, tags, nobody"
    )
    rm = verb("rm", "remove an event (netcoach undo brings it back; the people met there stay)")
    rm.add_argument("event", metavar="EVENT")
    rm.add_argument("--yes", action="store_true", help="do not ask (needed when there is no terminal to ask on)")
