"""``netcoach``: parse the command line, run one command, turn expected problems into one line and an exit code."""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import sys
from collections.abc import Iterator, Sequence

from netcoach.cli.context import Context, UsageError, open_store
from netcoach.cli.output import app_output, terminal_output
from netcoach.cli.parser import parse_args
from netcoach.model.problem import FileProblem
from netcoach.storage.errors import StoreError, UnusableFolder
from netcoach.timing.dates import today_from_env

WITHOUT_COLLECTOR = frozenset({"due", "contacts", "export", "who", "stats", "check", "events", "promises", "import_"})
"""Commands that go through everyone at once: Python's cycle collector is paused while they run.
Reading and importing make next to no reference cycles, and the collector's passes over the
growing heap cost about 0.5 s of CPU of a cold ``due`` over 30,000 files, and a third of planning
an import of 30,000 (benchmarks/bench_cold_read.py, bench_import.py)."""


@contextlib.contextmanager
def cycles_collected_after() -> Iterator[None]:
    """The cycle collector paused meanwhile, and on again afterwards (even on an error or Ctrl-C)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``netcoach`` with ``argv`` (default: the process's arguments); returns the exit status.

    Everything printed meanwhile shows control characters visibly (see :mod:`netcoach.cli.output`).
    """
    with terminal_output():
        return _main(list(sys.argv[1:] if argv is None else argv))


def _main(argv: list[str]) -> int:
    args = parse_args(argv)
    try:
        if args.command is None:
            return start_app(args)
        today = today_from_env()
        ctx = Context(open_store(args.data, args.demo, today), today)
        command = importlib.import_module(args.runs)
        big = args.runs.rsplit(".", 1)[-1] in WITHOUT_COLLECTOR
        with cycles_collected_after() if big else contextlib.nullcontext():
            return int(command.run(ctx, args))
    except UsageError as error:
        print(f"netcoach: {error}", file=sys.stderr)
        return 2
    except FileProblem as error:
        print(f"netcoach: {error} (the file was left as it is)", file=sys.stderr)
        return 1
    except UnusableFolder as error:  # not a folder, a lock file that is a link: fix by hand
        print(f"netcoach: {error}", file=sys.stderr)
        return 2
    except StoreError as error:  # WriteFailed among them: "cannot write PATH: CAUSE"
        print(f"netcoach: {error}", file=sys.stderr)
        return 1
    except ValueError as error:  # e.g. NETCOACH_TODAY malformed
        print(f"netcoach: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as error:  # the storage words its own; anything else the system refused, in one line too
        print(f"netcoach: {os_error_line(error)}", file=sys.stderr)
        return 1


def os_error_line(error: OSError) -> str:
    """An OS error as one line: the path and the cause ("/x/a.toml: No space left on device")."""
    cause = error.strerror or str(error) or type(error).__name__
    return f"{error.filename}: {cause}" if error.filename is not None else cause


def start_app(args: argparse.Namespace) -> int:
    """``netcoach`` with no command: the full-screen app, with the theme asked for (an unknown one: exit 2)."""
    from netcoach.themes import UnknownTheme, load_themes, resolve_theme_name

    today = today_from_env()
    store = open_store(args.data, args.demo, today)
    themes = load_themes()
    if args.theme:
        try:
            theme: str | None = resolve_theme_name(args.theme, themes[0])
        except UnknownTheme as error:
            raise UsageError(str(error)) from None
    else:
        theme = None  # the app picks one from config.toml and the terminal (see netcoach.themes.pick_default_theme)
    from netcoach.tui.app import run_app

    with app_output():  # the app keeps what it draws safe itself; its own report of a crash keeps its colours
        return run_app(store, today, theme, themes)
