"""The command line, fuzzed: arguments drawn from the parser's own grammar plus hostile values.

Every run (in-process, through ``netcoach.cli.main``) must end with exit 0, 1 or 2, no traceback, no
raw control character in what it prints, and nothing outside the data folder changed: the files
beside it (a file, a symlink, a FIFO, a device node standing in for /dev/null) stay as they were,
and only a file the command was told to write may appear, under the working folder.

Crashes once known (issue 12, items 2, 7, 8, 10 and 11) are pinned by the tests at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import signal
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netcoach.cli.main import main
from netcoach.cli.parser import build_parser
from netcoach.model.contact import Contact
from netcoach.storage.store import Store
from tests.helpers import ESCAPE, FIXTURES, RAW_CONTROL, plant_escape_names

SECONDS_PER_RUN = 10  # a hang (a FIFO read or written) ends the run instead of the test suite


# -- the sandbox: a data folder, and things beside it that must not change ----------------------


@dataclass(frozen=True)
class Sandbox:
    root: Path

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def outside(self) -> Path:
        return self.root / "outside"

    @property
    def cwd(self) -> Path:
        """The working folder: a relative path given to a command lands here."""
        return self.root / "cwd"

    @property
    def seed(self) -> Path:
        return self.root / "seed"


def _make_sandbox(root: Path) -> Sandbox:
    box = Sandbox(root)
    for folder in (box.cwd, root / "home" / ".config", root / "home" / ".local" / "share"):
        folder.mkdir(parents=True)
    seed = Store(box.seed, cache_dir=root / "seed-cache")
    plant_escape_names(box.seed, root / "home" / ".config" / "netcoach" / "themes")
    seed.contacts.add(Contact(name="Ann Lee", company="Acme", emails=["ann@example.com"]))
    return box


def _fresh(box: Sandbox) -> None:
    """The data folder as seeded, the things beside it as made, the working folder empty: each run alone."""
    for folder in (box.data, box.root / "cache", box.outside):
        shutil.rmtree(folder, ignore_errors=True)
    for made in box.cwd.iterdir():  # the working folder itself stays: it is the process's
        shutil.rmtree(made) if made.is_dir() and not made.is_symlink() else made.unlink()
    shutil.copytree(box.seed, box.data, symlinks=True)
    box.outside.mkdir()
    (box.outside / "important.txt").write_text("keep me\n", encoding="utf-8")
    (box.outside / "link-to-important").symlink_to(box.outside / "important.txt")
    os.mkfifo(box.outside / "fifo")
    with contextlib.suppress(PermissionError, OSError):  # root only: a device node standing in for /dev/null
        os.mknod(box.outside / "dev-null", stat.S_IFCHR | 0o666, os.makedev(1, 3))
    shutil.copy(FIXTURES / "import" / "contacts_v3.vcf", box.outside / "people.vcf")
    shutil.copy(FIXTURES / "import" / "linkedin_current.csv", box.outside / "Connections.csv")


def _outside_state(box: Sandbox) -> dict[str, tuple[str, bytes | str]]:
    """Every path in the sandbox but the data folder and the caches: its type and its bytes (or link target)."""
    state: dict[str, tuple[str, bytes | str]] = {}
    skip = {"data", "cache", "seed", "seed-cache"}
    for path in sorted(box.root.rglob("*")):
        relative = path.relative_to(box.root)
        if relative.parts[0] in skip:
            continue
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            state[str(relative)] = ("link", os.readlink(path))
        elif stat.S_ISREG(mode):
            state[str(relative)] = ("file", path.read_bytes())
        elif stat.S_ISDIR(mode):
            state[str(relative)] = ("folder", b"")
        else:
            state[str(relative)] = (f"special {stat.S_IFMT(mode):o}", b"")
    return state


# -- the grammar, walked from the parser itself ---------------------------------------------------


@dataclass(frozen=True)
class Argument:
    option: str | None  # None: a positional
    takes_value: bool
    choices: tuple[str, ...]
    is_int: bool
    optional: bool


def _grammar() -> dict[str, list[Argument]]:
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    grammar: dict[str, list[Argument]] = {}
    for name, sub in commands.choices.items():
        arguments = []
        for action in sub._actions:
            if isinstance(action, argparse._HelpAction) or action.dest in ("data", "demo"):
                continue  # --data is the sandbox's (hostile values below); --demo writes a folder of its own
            arguments.append(
                Argument(
                    option=max(action.option_strings, key=len) if action.option_strings else None,
                    takes_value=action.nargs != 0,
                    choices=tuple(str(c) for c in action.choices or ()),
                    is_int=action.type is int,
                    optional=bool(action.option_strings) or action.nargs == "?",
                )
            )
        grammar[name] = arguments
    return grammar


GRAMMAR = _grammar()

HOSTILE = [
    "",
    " ",
    "-",
    "..",
    ".",
    "[/",
    "~",
    ESCAPE,
    "\x1b[2J",
    "\x9b31m",
    "two\nlines",
    "\u202eevil",
    "x" * 3000,
    "99999999999999999999",
    "-1",
    "0",
    "1e309",
    "9999-12-31",
    "0001-01-01",
    "+99999999d",
    "-99999999d",
    "+3000000d",
    "2026-02-30",
    "tomorrow",
    "{first_name}",
    "((",
    "Bob",
    "Bob Smith",
    "bob-smith",
    "Ann",
    "ann-lee",
    "Kay",
]
PLACES = ["{outside}/dev-null", "{outside}/fifo", "{outside}/link-to-important", "{outside}", "{data}/contacts"]
PLACES += ["{data}/contacts/bob-smith.toml", "{data}/out.json", "{outside}/people.vcf", "{outside}/Connections.csv"]
PLACES += ["out.json", "out.vcf", "exports/out.csv"]


def _value(argument: Argument) -> st.SearchStrategy[str]:
    hostile = st.sampled_from(HOSTILE + PLACES)
    if argument.choices:
        return st.one_of(st.sampled_from(argument.choices), hostile)
    if argument.is_int:
        return st.one_of(st.integers(-(10**12), 10**12).map(str), st.sampled_from(["7", "3000000"]), hostile)
    return st.one_of(hostile, st.text(max_size=12))


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    name = draw(st.sampled_from(sorted(GRAMMAR)))
    argv = [name]
    options: list[list[str]] = []
    for argument in GRAMMAR[name]:
        if argument.optional and not draw(st.booleans()):
            continue
        words = [argument.option] if argument.option else []
        if argument.takes_value:
            words.append(draw(_value(argument)))
        if argument.option:
            options.append(words)
        else:
            argv += words
    for words in draw(st.permutations(options)):
        argv += words
    data = draw(st.sampled_from(["{data}"] * 30 + ["", "{outside}/important.txt", "{outside}/dev-null", "-"]))
    return [*argv, "--data", data]


# -- one run --------------------------------------------------------------------------------------


class Hang(Exception):
    """The run took longer than :data:`SECONDS_PER_RUN` (a FIFO opened, say)."""


def _ring(signum: int, frame: FrameType | None) -> None:
    raise Hang


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    previous = signal.signal(signal.SIGALRM, _ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class Run:
    argv: list[str]
    status: int | None
    output: str
    crash: BaseException | None


def _run(argv: list[str], seconds: float = SECONDS_PER_RUN) -> Run:
    out, err = io.StringIO(), io.StringIO()
    status: int | None = None
    crash: BaseException | None = None
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            with _time_limit(seconds):
                status = main(argv)
        except SystemExit as stop:  # argparse: --help, or a mistake in the arguments
            status = stop.code if isinstance(stop.code, int) else 2
        except (Exception, Hang) as error:
            crash = error
    return Run(argv, status, out.getvalue() + err.getvalue(), crash)


# -- the test -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Sandbox:
    return _make_sandbox(tmp_path_factory.mktemp("fuzz"))


@pytest.fixture
def in_sandbox(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch) -> Sandbox:
    home = sandbox.root / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("NETCOACH_CACHE", str(sandbox.root / "cache"))
    monkeypatch.delenv("NETCOACH_DATA", raising=False)
    monkeypatch.chdir(sandbox.cwd)
    return sandbox


def _filled(argv: list[str], box: Sandbox) -> list[str]:
    return [word.replace("{data}", str(box.data)).replace("{outside}", str(box.outside)) for word in argv]


def _asked_for(argv: list[str], box: Sandbox, path: str) -> bool:
    """Did the command line ask to write this regular file (``export KIND FILE`` replaces a regular file)?"""
    target = box.root / path
    return argv[0] == "export" and len(argv) > 2 and Path(argv[2]) == target and target.is_file()


@settings(
    max_examples=int(os.environ.get("NETCOACH_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(argv=command_lines())
def test_every_command_line_ends_cleanly(in_sandbox: Sandbox, argv: list[str]) -> None:
    box = in_sandbox
    _fresh(box)
    argv = _filled(argv, box)
    before = _outside_state(box)
    run = _run(argv)
    after = _outside_state(box)
    changed = [path for path, was in before.items() if after.get(path) != was and not _asked_for(argv, box, path)]
    made = [path for path in after if path not in before and not path.startswith("cwd/")]
    problems = []
    if run.crash is not None:
        problems.append(f"raised {run.crash!r}")
    elif run.status not in (0, 1, 2):
        problems.append(f"exited {run.status}")
    if "Traceback" in run.output:
        problems.append("printed a traceback")
    if raw := RAW_CONTROL.search(run.output):
        problems.append(f"printed {raw.group()!r} raw")
    if changed:
        problems.append(f"changed {changed} outside the data folder")
    if made:
        problems.append(f"made {made} outside the data folder and the working folder")
    assert not problems, f"netcoach {argv!r}: {'; '.join(problems)}:\n{run.output!r}"


# -- the known ones, pinned ---------------------------------------------------------------------

LANDED = [
    pytest.param(["add", "Far Future", "--met-on", "9999-12-31"], id="item-7-add-far-date"),
    pytest.param(["due", "--days", "3000000"], id="item-7-due-far-days"),
    pytest.param(["log", "Ann", "sent", "--on", "+3000000d"], id="item-7-log-far-date"),
    pytest.param(["import", "vcard", "{outside}/fifo"], id="item-8-import-a-fifo"),
    pytest.param(["export", "json", "{outside}/fifo"], id="item-2-export-to-a-fifo"),
    pytest.param(["export", "vcard", "{outside}/dev-null"], id="item-2-export-to-a-device"),
    pytest.param(["export", "json", "{outside}/link-to-important"], id="item-2-export-to-a-symlink"),
    pytest.param(["export", "csv", "x" * 3000], id="item-10-export-name-too-long"),
    pytest.param(["contacts", "--data", "{outside}/important.txt"], id="item-11-data-is-a-file"),
]
"""Crashes once pinned as known, ended by the storage hardening (issue 12, items 2, 8, 10 and 11) and the
dates' range (item 7: dates from 1900 to 2199 at every entry point)."""


@pytest.mark.parametrize("argv", LANDED)
def test_crashes_of_items_that_landed_end_cleanly(in_sandbox: Sandbox, argv: list[str]) -> None:
    check_known(in_sandbox, argv)


def check_known(box: Sandbox, argv: list[str]) -> None:
    """The pinned command line ends cleanly: no crash or hang, exit 0, 1 or 2, no traceback, nothing outside changed."""
    _fresh(box)
    if "{outside}/dev-null" in argv and not (box.outside / "dev-null").exists():
        pytest.skip("no device node (not root)")
    argv = _filled(argv if "--data" in argv else [*argv, "--data", "{data}"], box)
    before = _outside_state(box)
    run = _run(argv, seconds=3)  # a FIFO hangs until then
    assert run.crash is None, f"{run.crash!r}"
    assert run.status in (0, 1, 2) and "Traceback" not in run.output
    assert _outside_state(box) == before
