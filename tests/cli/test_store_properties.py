"""A property of the store: two netcoach processes at once, some killed (SIGKILL) half-way
through a write, never lose a finished command's change, never leave a torn file, and
``netcoach check`` stays clean.

Each round runs two real command-line processes side by side (add / log / set / edit); one of
them may kill itself at the k-th ``os.write``, ``os.fsync`` or ``os.replace`` it makes, so the
kill lands inside a write, deterministically (no sleeps, no timing assumptions). A simple model
says what must be there afterwards: every change of a command that finished; a killed command's
change whole or not at all.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import REPO

RUN = """
import os, signal, sys
call, at = sys.argv[1], int(sys.argv[2])
if call != "none":
    real = getattr(os, call)
    count = 0

    def hooked(*args, **kwargs):
        global count
        count += 1
        if count == at:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)

    setattr(os, call, hooked)
from netcoach.cli.main import main
sys.exit(main(sys.argv[3:]))
"""

Kill = tuple[str, int] | None


@dataclass
class Person:
    company: str = ""
    edit: tuple[str, str] = ("", "")  # (role, notes): one `set` changes both, so both or neither
    logged: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Op:
    kind: str  # add, log, set, edit
    who: int  # which person (modulo how many there are); for add, ignored
    token: str  # what this command writes, unique


OPS = st.builds(Op, st.sampled_from(["add", "log", "set", "edit"]), st.integers(0, 5), st.just(""))
KILLS = st.sampled_from([("write", 1), ("fsync", 1), ("replace", 1), ("fsync", 2), None])
"""Where a write can be killed: before its data, before the sync, before the rename, after it (or not at all)."""
ROUNDS = st.lists(st.tuples(OPS, OPS, st.sampled_from([0, 1]), KILLS), min_size=3, max_size=4)


class World:
    """One data folder, its model, and the command line run against it."""

    def __init__(self, base: Path) -> None:
        self.data = base / "data"
        self.env = {**os.environ, "NETCOACH_DATA": str(self.data), "NETCOACH_CACHE": str(base / "cache")}
        self.people: dict[str, Person] = {}
        self.count = 0

    def token(self, kind: str) -> str:
        self.count += 1
        return f"{kind}{self.count}"

    def args(self, op: Op) -> list[str]:
        names = sorted(self.people)
        if op.kind == "add" or not names:
            return ["add", op.token]
        name = names[op.who % len(names)]
        if op.kind == "log":
            return ["log", name, "note", "--summary", op.token]
        if op.kind == "set":
            return ["set", name, "--company", op.token]
        return ["set", name, "--role", op.token, "--notes", op.token]

    def start(self, args: list[str], kill: Kill) -> subprocess.Popen[str]:
        call, at = kill if kill is not None else ("none", 0)
        return subprocess.Popen(
            [sys.executable, "-c", RUN, call, str(at), *args],
            cwd=REPO,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", RUN, "none", "0", *args],
            cwd=REPO,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    def on_disk(self) -> dict[str, Person]:
        done = self.run("contacts", "--json")
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
        found: dict[str, Person] = {}
        for contact in json.loads(done.stdout):
            assert contact["name"] not in found, f"{contact['name']} is there twice"
            found[contact["name"]] = Person(
                contact.get("company", ""),
                (contact.get("role", ""), contact.get("notes", "")),
                {i["summary"] for i in contact["interactions"] if i.get("summary")},
            )
        return found

    def play(self, first: Op, second: Op, victim: int, kill: Kill) -> None:
        ops = [Op(op.kind, op.who, self.token(op.kind)) for op in (first, second)]
        commands = [self.args(op) for op in ops]
        ops = [
            Op(args[0] if args[0] == "add" else op.kind, op.who, op.token)
            for op, args in zip(ops, commands, strict=True)
        ]
        targets = [None if op.kind == "add" else args[1] for op, args in zip(ops, commands, strict=True)]
        running = [self.start(args, kill if index == victim else None) for index, args in enumerate(commands)]
        finished = []
        for index, process in enumerate(running):
            _, err = process.communicate(timeout=120)
            killed = process.returncode == -9
            assert killed or process.returncode == 0, (commands[index], process.returncode, err)
            assert "Traceback" not in err, err
            finished.append(not killed)
        self.check(ops, targets, finished)

    def check(self, ops: list[Op], targets: list[str | None], finished: list[bool]) -> None:
        """What is on disk now against the model; then the model takes what the killed commands left."""
        now = self.on_disk()
        added = {op.token: done for op, done in zip(ops, finished, strict=True) if op.kind == "add"}
        assert set(now) - set(self.people) <= set(added), "someone appeared from nowhere"
        for name, done in added.items():
            assert name in now or not done, f"{name}'s add finished but {name} is not there"
        for name in self.people:
            assert name in now, f"{name} was lost"
        for name, person in now.items():
            before = self.people.get(name, Person())
            mine = [(op, done) for op, done, target in zip(ops, finished, targets, strict=True) if target == name]
            for kind, attribute in (("set", "company"), ("edit", "edit")):
                values = [
                    (getattr(Person(op.token, (op.token, op.token)), attribute), done)
                    for op, done in mine
                    if op.kind == kind
                ]
                allowed = {value for value, _ in values} | (
                    set() if any(done for _, done in values) else {getattr(before, attribute)}
                )
                assert getattr(person, attribute) in allowed, (name, attribute, getattr(person, attribute), allowed)
            logs = {op.token: done for op, done in mine if op.kind == "log"}
            assert {token for token, done in logs.items() if done} <= person.logged, (
                f"a finished log of {name} was lost"
            )
            assert person.logged <= before.logged | set(logs), f"{name} has a log from nowhere"
        self.people = now
        checked = self.run("check")
        assert checked.returncode == 0 and checked.stdout.startswith("All "), checked.stdout + checked.stderr


@settings(
    max_examples=3,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(rounds=ROUNDS)
def test_two_writers_and_kills_lose_nothing_and_tear_nothing(rounds: list[tuple[Op, Op, int, Kill]]) -> None:
    with tempfile.TemporaryDirectory(prefix="netcoach-property-") as base:
        world = World(Path(base))
        for first, second, victim, kill in rounds:
            world.play(first, second, victim, kill)
        if world.people:  # one more write tidies what the killed writers left
            assert world.run("log", sorted(world.people)[0], "note").returncode == 0
            assert [p for p in world.data.rglob("*.tmp")] == []
