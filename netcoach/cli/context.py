"""What every command needs: the store, today, the user's settings, and the helpers they share."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

from netcoach.cli.parser import DUE_DAYS
from netcoach.model.partial_date import PartialDate
from netcoach.model.problem import Problem
from netcoach.model.text import terminal_safe
from netcoach.storage.contacts import ContactRecord, find_record
from netcoach.storage.errors import Ambiguous, NotFound, UnusableFolder
from netcoach.storage.folder import default_data_dir
from netcoach.storage.store import Store
from netcoach.timing.dates import Direction, long_date, parse_date
from netcoach.timing.engine import FollowUp
from netcoach.timing.remembered import remembered_date
from netcoach.timing.rules import TimingRules

if TYPE_CHECKING:
    from netcoach.model.readable import ContactLike
    from netcoach.storage.config import Config

T = TypeVar("T")


class UsageError(Exception):
    """Bad input from the user: one clear line, exit 2, nothing written."""


class Context:
    """What every command needs: the store, today, and the user's settings.

    ``config`` is read on first use; ``problems`` holds the config file's problem, if any.
    """

    def __init__(self, store: Store, today: dt.date, out: TextIO | None = None) -> None:
        self.store = store
        self.today = today
        self.out: TextIO = out if out is not None else sys.stdout
        self._config: Config | None = None
        self._problems: list[Problem] | None = None

    @property
    def config(self) -> Config:
        """The user's settings (pydantic is loaded here, so the fast commands ask for :meth:`timing_rules`)."""
        if self._config is None:
            self._config, found = self.store.settings.load_config()
            if self._problems is None:
                self._problems = found
        return self._config

    @property
    def problems(self) -> list[Problem]:
        """The config file's problem, if it has one."""
        if self._problems is None and os.path.lexists(self.store.folder.config_path):
            self.config  # noqa: B018 - reading the config finds its problem
        return self._problems or []

    def timing_rules(self) -> TimingRules:
        """The ``[timing]`` rules, without loading pydantic when the index remembers them."""
        if self._config is not None:
            return self._config.timing
        rules, found = self.store.settings.timing_rules()
        if self._problems is None:
            self._problems = found
        return rules

    def date(self, text: str, direction: Direction) -> dt.date:
        """A date the user typed, read in ``direction`` (PAST: when something happened; FUTURE: a date to act on)."""
        try:
            return parse_date(text, self.today, direction)
        except ValueError as error:
            raise UsageError(str(error)) from None

    def remembered_date(self, text: str) -> PartialDate:
        """A date as remembered: a year ('2019'), a month ('2023-06'), or any date :meth:`date` reads."""
        try:
            return remembered_date(text, self.today)
        except ValueError as error:
            raise UsageError(str(error)) from None

    def print(self, text: str = "") -> None:
        print(text, file=self.out)


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


def open_store(data: str | None, demo: bool, today: dt.date) -> Store:
    """The data folder the user asked for: the demo copy, --data, $NETCOACH_DATA, or the platform's.

    :class:`UsageError` for an empty ``--data``, a path that is not a folder, or a data folder
    whose lock file is a link or not a regular file.
    """
    if demo:
        folder = open_demo(today)
        return Store(folder / "data", cache_dir=folder / "cache")
    if data is not None and not data.strip():
        raise UsageError("--data is empty: give the data folder's path")
    store = Store(Path(data).expanduser() if data is not None else default_data_dir())
    try:
        store.folder.check_usable()  # not a folder, or its lock file a link: one line, before anything is touched
    except UnusableFolder as error:
        raise UsageError(str(error)) from None
    return store


# -- helpers shared by the commands -------------------------------------------------------


def find(ctx: Context, name: str) -> ContactRecord:
    """The one contact ``name`` names; else a :class:`UsageError` listing the candidates."""
    loaded = ctx.store.reader.load()
    try:
        return find_record(name, loaded.records)
    except Ambiguous as error:
        lines = "\n".join(f"  {r.contact.name} ({terminal_safe(r.id)})" for r in error.candidates[:20])
        raise UsageError(f"{error}; say which (the name in full, or the id in brackets):\n{lines}") from None
    except NotFound as error:
        count = len(loaded.problems)
        unread = (
            f" ({count} file{'s' if count > 1 else ''} could not be read: netcoach check lists them)" if count else ""
        )
        raise UsageError(f"{error}{unread}") from None


def validated(build: Callable[[], T]) -> T:
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


def next_step(ctx: Context, contact_id: str, contact: ContactLike) -> str:
    """What comes next with this contact, in a few words, as ``netcoach due`` will show it: a reconnect
    (an old moment) waits its turn among the others, ``reconnects_per_day`` a day, oldest first."""
    from netcoach.timing.engine import follow_up, follow_ups, pace

    rules = ctx.timing_rules()
    nxt = follow_up(contact, ctx.today, rules)
    if nxt is not None and nxt.since is not None:
        views, _ = ctx.store.reader.due_by(ctx.today + dt.timedelta(days=DUE_DAYS), rules)
        rows = [(cid, view, f) for cid, view in views for f in follow_ups(view, ctx.today, rules)]
        for cid, _, follow in pace(rows, ctx.today, rules):
            if cid == contact_id and follow.since is not None:
                return describe(follow, ctx.today)
    return describe(nxt, ctx.today)


def describe(result: FollowUp | None, today: dt.date) -> str:
    """A follow-up in a few words: 'thank you 19 November', or 'nothing due'."""
    if result is None:
        return "nothing due"
    return f"{result.kind.value.replace('_', ' ')} {long_date(result.due, today)}"


def report_problems(problems: Sequence[Problem]) -> None:
    """One line on stderr when files could not be read (``netcoach check`` lists them)."""
    if problems:
        noun = "file" if len(problems) == 1 else "files"
        print(f"netcoach: {len(problems)} {noun} could not be read (netcoach check lists them)", file=sys.stderr)


def json_ready(value: Any) -> Any:
    """For ``--json``: what ``json.dumps`` can write (dates as ISO text)."""
    return value.isoformat() if isinstance(value, dt.date) else value


def ask(question: str) -> str:
    """Ask on the terminal (the question on stderr, so output piped elsewhere stays clean); '' at end of input."""
    print(question, end=" ", file=sys.stderr, flush=True)
    line = sys.stdin.readline()
    return line.strip()


def removal_confirmed(ctx: Context, yes: bool, what: str, question: str, them: str = "them") -> bool:
    """May ``what`` be removed? Yes with ``--yes``, or a y to ``question`` on a terminal (else "Nothing was
    removed."); without a terminal and without ``--yes``, a :class:`UsageError` (exit 2, nothing removed)."""
    if yes:
        return True
    if not sys.stdin.isatty():
        raise UsageError(f"not removing {what} without asking: add --yes to remove {them}")
    try:
        answer = input(question)
    except EOFError:
        answer = ""
    if answer.strip().lower() in ("y", "yes"):
        return True
    ctx.print("Nothing was removed.")
    return False
