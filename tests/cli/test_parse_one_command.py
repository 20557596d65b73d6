"""``parse_args`` builds only the command named (a quicker ``netcoach due``) and parses exactly as the whole parser.

Whatever the arguments, it gives the same namespace, or the same message and exit status, as
``build_parser().parse_args``: held here over every command with its own options, mistakes, help, and
arguments drawn at random from the command line's words.
"""

from __future__ import annotations

import argparse
import contextlib
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netcoach.cli.parser import COMMANDS, _command_named, build_parser, parse_args


def _outcome(parse: object, argv: list[str]) -> tuple[object, int | str | None, str, str]:
    """(namespace or None, exit status, what was printed, what went to stderr) of parsing ``argv``."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            namespace = parse(argv)  # type: ignore[operator]
        except SystemExit as stop:
            return None, stop.code, out.getvalue(), err.getvalue()
    return vars(namespace), None, out.getvalue(), err.getvalue()


def _whole(argv: list[str]) -> argparse.Namespace:
    return build_parser().parse_args(argv)


def _same(argv: list[str]) -> None:
    assert _outcome(parse_args, argv) == _outcome(_whole, argv), argv


def test_the_commands_named_are_the_parsers() -> None:
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(commands.choices) == COMMANDS


@pytest.mark.parametrize(
    "argv",
    [
        ["due"],
        ["--data", "/tmp/x", "due", "--days", "3", "--json"],
        ["--data=/tmp/x", "--demo", "due", "--all"],
        ["--theme", "nord", "contacts", "--json"],
        ["due", "--days", "x"],  # a mistake in the command's own options
        ["--data", "/tmp/x", "due", "--bogus"],
        ["--bogus", "due"],  # a mistake before the command: the whole parser reads it
        ["-h", "due"],  # help for the whole command line lists every command
        ["--help"],
        ["--version", "due"],
        ["due", "--help"],
        ["event"],
        ["event", "add", "Meetup", "--on", "friday"],
        ["event", "add"],
        ["log", "Ada", "zz"],
        ["who", "data", "science", "--limit", "3"],
        ["--data", "due", "due"],  # the folder is called due
        ["--dat", "/tmp/x", "due"],  # an abbreviation argparse allows
        ["nothing"],
        [],
        ["--data", "/tmp/x", "--theme", "nord"],
        ["--data"],
        ["--demo", "--theme"],
    ],
)
def test_parses_as_the_whole_parser(argv: list[str]) -> None:
    _same(argv)


WORDS = [
    "--data",
    "--data=/tmp/x",
    "/tmp/x",
    "--demo",
    "--theme",
    "nord",
    "-h",
    "--json",
    "--days",
    "3",
    "x",
    "--all",
    "Ada",
    "met",
    "add",
    "--on",
    "friday",
    *sorted(COMMANDS),
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=6))
def test_any_arguments_parse_as_the_whole_parser(argv: list[str]) -> None:
    _same(argv)


def test_only_a_plainly_named_command_is_built_alone() -> None:
    assert _command_named(["--data", "/x", "--demo", "due"]) == "due"
    assert _command_named(["--theme=nord", "contacts"]) == "contacts"
    assert _command_named(["-h", "due"]) is None
    assert _command_named(["--dat", "/x", "due"]) is None
    assert _command_named(["--data"]) is None
    assert _command_named([]) == ""  # the app: no command built
    assert _command_named(["--data", "/x", "--theme=nord"]) == ""
