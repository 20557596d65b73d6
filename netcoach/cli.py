"""The command line: quick logging over SSH, scripts, and the login message.

This module never imports Textual (``netcoach due`` must start instantly); the full-screen
app is imported only when ``netcoach`` runs with no subcommand.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from netcoach import __version__
from netcoach.dates import long_date, parse_date, today_from_env
from netcoach.kinds import Channel, InteractionKind, Stage
from netcoach.store import Ambiguous, ContactRecord, NotFound, Store, StoreError, as_dict, default_data_dir
from netcoach.timing import FollowUp, TimingRules, due_within, follow_up
from netcoach.tomlfile import FileProblem, Problem

if TYPE_CHECKING:
    from netcoach.config import Config
    from netcoach.models import Contact
    from netcoach.view import ContactView

# pydantic (with netcoach.models and netcoach.config) is imported only by the commands that
# validate or show whole contacts, so `netcoach due`, run at every login, starts in a blink.


class UsageError(Exception):
    """Bad input from the user: one clear line, exit 2, nothing written."""


class Context:
    """What every command needs: the store, today, and the user's settings.

    ``config`` is read on first use; ``problems`` holds the config file's problem, if any.
    """

    def __init__(
        self,
        store: Store,
        today: dt.date,
        config: Config | None = None,
        problems: list[Problem] | None = None,
        out: Any = None,
    ) -> None:
        self.store = store
        self.today = today
        self._config = config
        self._problems = list(problems or [])
        self._problems_known = config is not None
        self.out = out if out is not None else sys.stdout

    @property
    def config(self) -> Config:
        if self._config is None:
            self._config, found = self.store.load_config()
            if not self._problems_known:
                self._problems.extend(found)
                self._problems_known = True
        return self._config

    @config.setter
    def config(self, value: Config) -> None:
        self._config = value

    @property
    def problems(self) -> list[Problem]:
        if not self._problems_known and self.store.config_path.exists():
            self.config  # noqa: B018 - reading the config finds its problem
        return self._problems

    @problems.setter
    def problems(self, value: list[Problem]) -> None:
        self._problems = value

    def timing_rules(self) -> TimingRules:
        """The ``[timing]`` rules, without loading pydantic when the index remembers them (Store.timing_rules)."""
        if self._config is not None:
            return self._config.timing
        rules, found = self.store.timing_rules()
        if not self._problems_known:
            self._problems.extend(found)
            self._problems_known = True
        return rules

    def date(self, text: str) -> dt.date:
        try:
            return parse_date(text, self.today)
        except ValueError as error:
            raise UsageError(str(error)) from None


def open_demo(today: dt.date) -> Path:
    """A fresh temporary folder holding the bundled demo data; removed when netcoach exits."""
    import atexit
    import shutil
    import tempfile

    from netcoach.demo import write_demo

    folder = Path(tempfile.mkdtemp(prefix="netcoach-demo-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    write_demo(Store(folder / "data", cache_dir=folder / "cache"), today)
    return folder


def open_store(args: argparse.Namespace, today: dt.date) -> Store:
    """The data folder the user asked for: the demo copy, --data, $NETCOACH_DATA, or the platform's."""
    if getattr(args, "demo", False):
        folder = open_demo(today)
        return Store(folder / "data", cache_dir=folder / "cache")
    data = getattr(args, "data", None)
    return Store(Path(data).expanduser() if data else default_data_dir())


def make_context(args: argparse.Namespace) -> Context:
    today = today_from_env()
    return Context(store=open_store(args, today), today=today)


# -- helpers shared by the commands -------------------------------------------------------


def find(ctx: Context, name: str) -> ContactRecord:
    loaded = ctx.store.load()
    try:
        return ctx.store.find(name, loaded.records)
    except Ambiguous as error:
        lines = "\n".join(f"  {r.contact.name} ({r.id})" for r in error.candidates[:20])
        raise UsageError(f"{error}; say which (the name in full, or the id in brackets):\n{lines}") from None
    except NotFound as error:
        count = len(loaded.problems)
        unread = (
            f" ({count} file{'s' if count > 1 else ''} could not be read: netcoach check lists them)" if count else ""
        )
        raise UsageError(f"{error}{unread}") from None


def validated(build: Callable[[], Contact]) -> Contact:
    """Run ``build``; a validation error becomes one clear line naming the field and the bad value."""
    from pydantic import ValidationError

    try:
        return build()
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "value"
        message = str(first["msg"]).removeprefix("Value error, ")
        bad = first.get("input")
        shown = f" ({bad!r})" if isinstance(bad, (str, int)) and where != "value" else ""
        raise UsageError(f"{where}{shown}: {message}") from None


def describe(result: FollowUp | None, today: dt.date) -> str:
    if result is None:
        return "nothing due"
    return f"{result.kind.value.replace('_', ' ')} {long_date(result.due, today)}"


def _print(ctx: Context, text: str = "") -> None:
    print(text, file=ctx.out)


# -- commands -----------------------------------------------------------------------------


def cmd_add(ctx: Context, args: argparse.Namespace) -> int:
    from netcoach.models import Contact

    met_on = ctx.date(args.met_on) if args.met_on else (ctx.today if args.met_at else None)

    def build() -> Contact:
        contact = Contact(
            name=args.name,
            company=args.company or "",
            role=args.role or "",
            emails=args.email or [],
            phone=args.phone or "",
            linkedin=args.linkedin or "",
            story=args.story or "",
            common_ground=args.common or [],
            tags=args.tag or [],
            they_can_help=args.they_can_help or "",
            i_can_offer=args.offer or "",
            notes=args.notes or "",
        )
        if met_on is not None:
            from netcoach.actions import met

            contact = Contact.model_validate(met(contact, met_on, args.met_at or "").model_dump())
        return contact

    contact = validated(build)
    existing = ctx.store.load().records
    twins = [r for r in existing if r.contact.name.casefold() == contact.name.casefold()]
    record = ctx.store.add(contact)
    _print(
        ctx,
        f"Added {contact.name} ({record.id}). Next: {describe(follow_up(contact, ctx.today, ctx.config.timing), ctx.today)}.",
    )
    if twins:
        _print(ctx, f"Note: you already had someone called {contact.name}; use the id {record.id!r} to name this one.")
    return 0


def cmd_log(ctx: Context, args: argparse.Namespace) -> int:
    from netcoach.actions import log_interaction
    from netcoach.models import Interaction

    record = find(ctx, args.name)
    on = ctx.date(args.on) if args.on else ctx.today
    interaction = validated(
        lambda: Interaction(  # type: ignore[arg-type,return-value]
            date=on,
            kind=args.kind,
            channel=args.channel,
            summary=args.summary or "",
            awaiting_reply=args.awaiting_reply,
        )
    )
    saved = ctx.store.update(record.id, lambda c: log_interaction(c, interaction))  # type: ignore[arg-type]
    nxt = follow_up(saved.contact, ctx.today, ctx.config.timing)
    _print(
        ctx,
        f"Logged {args.kind} with {saved.contact.name} on {long_date(on, ctx.today)}. Next: {describe(nxt, ctx.today)}.",
    )
    return 0


_SETTABLE_TEXT = {
    "new_name": "name",
    "company": "company",
    "role": "role",
    "phone": "phone",
    "linkedin": "linkedin",
    "met_at": "met_at",
    "story": "story",
    "notes": "notes",
    "offer": "i_can_offer",
    "they_can_help": "they_can_help",
}
_SETTABLE_DATES = {
    "reach_out_after": "reach_out_after",
    "snooze_until": "snoozed_until",
    "met_on": "met_on",
}
_CLEARABLE = {
    "company",
    "role",
    "phone",
    "linkedin",
    "met_at",
    "met_on",
    "story",
    "notes",
    "i_can_offer",
    "they_can_help",
    "reach_out_after",
    "snoozed_until",
    "cadence_days",
    "emails",
    "tags",
    "common_ground",
    "connected_on",
}


def cmd_set(ctx: Context, args: argparse.Namespace) -> int:
    from netcoach.models import Contact

    changes: dict[str, Any] = {}
    for option, field_name in _SETTABLE_TEXT.items():
        value = getattr(args, option)
        if value is not None:
            changes[field_name] = value
    for option, field_name in _SETTABLE_DATES.items():
        value = getattr(args, option)
        if value is not None:
            changes[field_name] = ctx.date(value)
    if args.stage is not None:
        changes["stage"] = args.stage
    if args.cadence_days is not None:
        changes["cadence_days"] = args.cadence_days
    clears = [c.replace("-", "_") for c in (args.clear or [])]
    for name in clears:
        if name == "snooze_until":
            name = "snoozed_until"
        if name not in _CLEARABLE:
            raise UsageError(f"cannot clear {name!r}: choose from {', '.join(sorted(_CLEARABLE))}")
    additions = {"emails": args.add_email or [], "tags": args.add_tag or [], "common_ground": args.add_common or []}
    if not changes and not clears and not any(additions.values()):
        raise UsageError("nothing to set: give at least one option (see netcoach set --help)")
    record = find(ctx, args.name)

    def change(contact: Contact) -> Contact:
        data = contact.model_dump()
        for name in clears:
            data[name] = Contact.model_fields[name].get_default(call_default_factory=True)
        data.update(changes)
        for name, values in additions.items():
            data[name] = [*data[name], *values]
        return validated(lambda: Contact.model_validate(data))

    validated(lambda: change(record.contact))  # report bad values before taking the lock
    saved = ctx.store.update(record.id, change)
    nxt = follow_up(saved.contact, ctx.today, ctx.config.timing)
    _print(ctx, f"Updated {saved.contact.name}. Next: {describe(nxt, ctx.today)}.")
    return 0


def report_problems(ctx: Context, problems: Sequence[Problem]) -> None:
    if problems:
        noun = "file" if len(problems) == 1 else "files"
        print(f"netcoach: {len(problems)} {noun} could not be read (netcoach check lists them)", file=sys.stderr)


def cmd_due(ctx: Context, args: argparse.Namespace) -> int:
    today = ctx.date(args.today) if args.today else ctx.today
    if args.days < 0:
        raise UsageError(f"--days must be 0 or more, not {args.days}")
    rules = ctx.timing_rules()
    # Straight from the index: only the contacts due by the horizon are rebuilt (see Store.due_by).
    views, problems = ctx.store.due_by(today + dt.timedelta(days=args.days), rules)
    rows = due_within(views, today, args.days, rules)
    if args.json:
        payload = [
            {
                "name": c.name,
                "due": f.due.isoformat(),
                "status": f.status.value,
                "kind": f.kind.value,
                "reason": f.reason,
            }
            for _, c, f in rows
        ]
        _print(ctx, json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        _print(ctx, format_due(rows, today, args.days))
    report_problems(ctx, problems + ctx.problems)
    return 0


def format_due(rows: Sequence[tuple[str, Contact | ContactView, FollowUp]], today: dt.date, days: int) -> str:
    """The calm, short text for a login message."""
    if not rows:
        horizon = "today" if days == 0 else f"in the next {days} days"
        return f"netcoach: nobody is waiting on you {horizon}. Enjoy the quiet."
    now = [r for r in rows if r[2].due <= today]
    later = len(rows) - len(now)
    head = f"netcoach: {len(now)} to follow up with today" if now else "netcoach: nothing due today"
    if later:
        head += f", {later} coming up"
    lines = [head + "."]
    for _, contact, result in rows:
        mark = {"overdue": "!", "today": "*", "upcoming": " "}[result.status.value]
        who = contact.name + (f" ({contact.company})" if contact.company else "")
        what = result.kind.value.replace("_", " ")
        when = "today" if result.due == today else f"{result.due:%a} {result.due.day} {result.due:%b}"
        lines.append(f" {mark} {who}: {what}, {when}")
        lines.append(f"     {result.reason}")
    return "\n".join(lines)


def cmd_contacts(ctx: Context, args: argparse.Namespace) -> int:
    loaded = ctx.store.load()
    records = sorted(loaded.records, key=lambda r: r.contact.name.casefold())
    if args.json:
        # One contact per line: readable, diffable, and fast (json's indented output is pure Python).
        lines = ",\n".join(json.dumps({"id": r.id, **as_dict(r.contact)}, ensure_ascii=False) for r in records)
        _print(ctx, f"[\n{lines}\n]" if records else "[]")
    else:
        if not records:
            _print(ctx, 'No contacts yet. Add one: netcoach add "Maya Chen" --met-at "SDSU alumni happy hour"')
        for record in records:
            c = record.contact
            last = c.last_interaction()
            last_text = f"last {long_date(last.date, ctx.today)}" if last else "never contacted"
            nxt = describe(follow_up(c, ctx.today, ctx.config.timing), ctx.today)
            company = f" · {c.company}" if c.company else ""
            _print(ctx, f"{c.name}{company} · {c.stage.value} · {last_text} · next: {nxt}")
    report_problems(ctx, loaded.problems + ctx.problems)
    return 0


def all_problems(ctx: Context) -> tuple[int, list[Problem]]:
    """Every file in the data folder checked: (files checked, problems)."""
    loaded = ctx.store.load()
    problems = list(ctx.problems) + loaded.problems
    checked = len(loaded.records) + len(loaded.problems) + (1 if ctx.store.config_path.exists() else 0)
    for extra in CHECKERS:
        count, found = extra(ctx)
        checked += count
        problems += found
    return checked, problems


CHECKERS: list[Callable[[Context], tuple[int, list[Problem]]]] = []
"""Other file kinds (templates, checklist, themes) register a checker here."""


def cmd_check(ctx: Context, args: argparse.Namespace) -> int:
    checked, problems = all_problems(ctx)
    for problem in problems:
        _print(ctx, str(problem))
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        print(f"{len(problems)} {noun} in {ctx.store.root}", file=sys.stderr)
        return 1
    _print(ctx, f"All {checked} files in {ctx.store.root} are fine.")
    return 0


# -- the parser ---------------------------------------------------------------------------


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


class _Parser(argparse.ArgumentParser):
    """argparse, but a mistake is one line (not the whole usage), naming the bad value and what is accepted."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


CORE_COMMANDS = ("add", "log", "set", "due", "contacts")
"""Commands that need none of COMMAND_MODULES (``check`` runs their checkers, so it loads them)."""


def build_parser(*, extensions: bool = True) -> argparse.ArgumentParser:
    """The whole command line; ``extensions=False`` leaves out the commands of COMMAND_MODULES."""
    parser = _Parser(
        prog="netcoach",
        description="A calm coach for following up with the people you meet. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"netcoach {__version__}")
    _global_options(parser, suppress=False)
    parser.add_argument("--theme", metavar="NAME", help="the app's colour theme (netcoach themes lists them)")
    common = _Parser(add_help=False)
    _global_options(common, suppress=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(
        name: str, help_text: str, handler: Callable[[Context, argparse.Namespace], int]
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text, parents=[common])
        p.set_defaults(handler=handler)
        return p

    add = command("add", "add a contact (and log that you met, with --met-at / --met-on)", cmd_add)
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

    log = command("log", "log a message, meeting, call or note with a contact", cmd_log)
    log.add_argument("name", metavar="NAME")
    log.add_argument(
        "kind",
        metavar="KIND",
        choices=[k.value for k in InteractionKind],
        help="one of: " + ", ".join(k.value for k in InteractionKind),
    )
    log.add_argument("--on", metavar="DATE", help="default today")
    log.add_argument(
        "--channel",
        choices=[c.value for c in Channel],
        metavar="CHANNEL",
        help="one of: " + ", ".join(c.value for c in Channel),
    )
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

    set_ = command("set", "change a contact: dates they gave, snooze, stage, details", cmd_set)
    set_.add_argument("name", metavar="NAME")
    set_.add_argument("--reach-out-after", metavar="DATE", help="a date they gave: 'reach out once I'm back'")
    set_.add_argument("--snooze-until", metavar="DATE")
    set_.add_argument(
        "--stage",
        choices=[s.value for s in Stage],
        metavar="STAGE",
        help="one of: " + ", ".join(s.value for s in Stage),
    )
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
    set_.add_argument("--add-email", action="append", metavar="EMAIL")
    set_.add_argument("--add-tag", action="append", metavar="TAG")
    set_.add_argument("--add-common", action="append", metavar="TEXT")
    set_.add_argument("--clear", action="append", metavar="FIELD", help="remove a value, e.g. --clear snoozed_until")

    due = command("due", "who to follow up with now and soon (fit for a login message)", cmd_due)
    due.add_argument("--today", metavar="DATE", help="pretend today is DATE")
    due.add_argument("--days", type=int, default=7, metavar="N", help="also what is due within N days (default 7)")
    due.add_argument("--json", action="store_true", help="a JSON list: name, due, status, kind, reason")

    contacts = command("contacts", "list everyone", cmd_contacts)
    contacts.add_argument("--json", action="store_true", help="a JSON list mirroring the contact files")

    command("check", "check every file in the data folder; exit 1 if any has a problem", cmd_check)

    for module in _command_modules() if extensions else []:
        module.register(command)
    return parser


COMMAND_MODULES = ("netcoach.cli_exchange", "netcoach.cli_draft", "netcoach.cli_stats", "netcoach.cli_themes")
"""Modules that define more commands, each with ``register(command)`` (import, export, draft, stats, themes)."""


def _command_modules() -> list[Any]:
    import importlib

    modules = []
    for name in COMMAND_MODULES:
        try:
            modules.append(importlib.import_module(name))
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
    return modules


def _command_word(argv: Sequence[str]) -> str | None:
    """The subcommand named in ``argv`` (global options and their values skipped), if any."""
    words = iter(argv)
    for word in words:
        if word in ("--data", "--theme"):
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # The core commands skip importing the other command modules: `netcoach due` starts faster.
    parser = build_parser(extensions=_command_word(argv) not in CORE_COMMANDS)
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            from netcoach.tui.app import run_app

            return run_app(args)
        ctx = make_context(args)
        return int(args.handler(ctx, args))
    except UsageError as error:
        print(f"netcoach: {error}", file=sys.stderr)
        return 2
    except FileProblem as error:
        print(f"netcoach: {error} (the file was left as it is)", file=sys.stderr)
        return 1
    except StoreError as error:
        print(f"netcoach: {error}", file=sys.stderr)
        return 1
    except ValueError as error:  # e.g. NETCOACH_TODAY malformed
        print(f"netcoach: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    # `python -m netcoach.cli`: let command modules that import netcoach.cli share this module
    # (its UsageError and CHECKERS), instead of importing a second copy.
    sys.modules.setdefault("netcoach.cli", sys.modules[__name__])
    sys.exit(main())
