"""Time ``netcoach due`` and ``netcoach contacts --json`` as whole processes.

Usage::

    python benchmarks/bench_cli.py                       # 30,000 contacts
    python benchmarks/bench_cli.py --contacts 1000
    python benchmarks/bench_cli.py --contacts 1000 --runs 7 --keep /tmp/nc-bench
    python benchmarks/bench_cli.py --active 0.5          # a heavier mix: half of them active
    python benchmarks/bench_cli.py --events 1000         # and 1,000 events (people met at some)

With ``--peer khard`` (khard from the ``bench`` extra) it also writes the same people as
vCards and times ``khard list`` against ``netcoach contacts``, ``contacts --json`` and ``due``,
in turn in the same run, and prints the ratios.

It writes N contact files into a temporary data folder through the real serializer
(``store.contact_toml`` and ``fsio.atomic_write``). The mix is meant to look like a large
real book: ``--active`` (default 15%) are people you are in touch with, each with a history
written the way a netcoach user lives it (messages sent around when the engine says they are
due, usually a few days late, sometimes weeks; about half of them answered; a meeting or a
call now and then; a story, common ground, tags); 3% are archived; the rest are imported
connections never contacted. The script prints how many end up due within 7 days.

Then it runs each command as a child process, as a user would:

- **cold**: the index (the cache of parsed files) is deleted before every run, so every
  TOML file is parsed and validated, and the index is written;
- **warm**: the index is built, and each run only stats the files.

For each it reports the median wall and CPU time (user + system) and the child's peak RSS
(``os.wait4`` of that one child, started from a tiny launcher so the benchmark's own memory
is not counted). CPU time is the steadier figure on a busy machine. Targets on a 2-core
machine: ``due`` over 30,000 contacts under 1 s wall and under 200 MB (warm); over 1,000
contacts under 0.3 s.

Today is fixed (``NETCOACH_TODAY``) so every run sees the same data; nothing outside the
temporary folder (or ``--keep DIR``) is touched.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from netcoach.model.contact import Contact, Interaction
from netcoach.model.event import Event
from netcoach.model.text import slugify
from netcoach.model.view import ContactView
from netcoach.storage.contacts import contact_toml
from netcoach.storage.dirs import ensure_private_dir
from netcoach.storage.events import event_toml
from netcoach.storage.fsio import atomic_write
from netcoach.timing.engine import follow_up

sys.path.insert(0, str(Path(__file__).resolve().parent))
from peer import khard_available, write_vcards  # beside this script

TODAY = dt.date(2026, 11, 18)

FIRST = [
    "Maya",
    "Daniel",
    "Priya",
    "Tom",
    "Sofia",
    "Kenji",
    "Amara",
    "Liam",
    "Grace",
    "Marcus",
    "Hannah",
    "Rafael",
    "Elif",
    "Noah",
    "Zainab",
    "Olivia",
    "Wei",
    "Chloé",
    "Ben",
    "Aisha",
    "Lucas",
    "Mei",
    "Omar",
    "Sara",
    "Jonas",
    "Ines",
    "Tariq",
    "Lena",
    "Diego",
    "Yuki",
    "Femi",
    "Nora",
    "Pavel",
    "Ana",
    "Ravi",
    "Leila",
]
LAST = [
    "Chen",
    "Okafor",
    "Raman",
    "Becker",
    "Alvarez",
    "Watanabe",
    "Nwosu",
    "O'Brien",
    "Kim",
    "Reed",
    "Schulz",
    "Costa",
    "Demir",
    "Fischer",
    "Hassan",
    "Brown",
    "Zhang",
    "Dubois",
    "Carter",
    "Novak",
    "Silva",
    "Park",
    "Haddad",
    "Lindqvist",
    "Mensah",
    "Rossi",
    "Ivanova",
    "Kowalski",
    "Nakamura",
    "Patel",
]
COMPANIES = (
    "Brightline Health",
    "Harbor Analytics",
    "Northwind Bank",
    "Cascade Outfitters",
    "Greenway Studio",
    "Lumen Robotics",
    "City Library Foundation",
    "Fjord Software",
    "Atlas Consulting",
    "Redwood Capital",
    "Kinetic Labs",
    "Open Data Collective",
    "Blue Orbit",
    "Pacific Semiconductors",
    "",
)
ROLES = ("Product Designer", "Data Engineer", "Engineering Manager", "Recruiter", "Founder", "Editor", "CTO", "")
PLACES = (
    "the SDSU alumni happy hour",
    "the PyData meetup",
    "a friend's dinner party",
    "DevOps Days",
    "the career fair",
    "a training class on facilitation",
    "",
)
TAGS = ("design", "data", "alumni", "recruiter", "friend", "cold", "robotics", "finance", "open-source")
COMMON = ("same major at SDSU", "both run home servers", "grew up in the same town", "both learning Portuguese")
SUMMARIES = {
    "met": ("Swapped cards", "Talked about home labs", "Shared a table at breakfast"),
    "sent": ("Nice to meet you", "Following up on our chat", "Shared the article we talked about", "Quick nudge"),
    "received": ("Happy to talk next week", "Sent the name of her mentor", "Thanks for the notes"),
    "meeting": ("Coffee", "Informational interview on video", "Lunch"),
    "call": ("Twenty minutes on career paths", "Quick call about the role"),
    "note": ("Remember to ask about the conference", "Prefers e-mail to LinkedIn"),
}


def kept_up_history(rng: random.Random, first_kind: str, cadence: int | None) -> list[Interaction]:
    """A history written the way a netcoach user lives it: each message sent around when the
    engine says it is due (usually a few days late, now and then weeks late), and people answer
    about half the time. It starts up to two years ago and stops at today."""
    day = TODAY - dt.timedelta(days=rng.randint(1, 730))
    items: list[dict[str, object]] = []

    def log(kind: str, on: dt.date, awaiting: bool | None = None) -> None:
        items.append({"date": on.isoformat(), "kind": kind, "awaiting_reply": awaiting, "summary": ""})

    log(first_kind, day)
    for _ in range(30):
        so_far = Contact(name="x", cadence_days=cadence, interactions=[Interaction(**i) for i in items])
        nxt = follow_up(ContactView.of(so_far), TODAY)
        if nxt is None:
            break
        lag = rng.choice((0, 0, 1, 1, 2, 3, 5)) if rng.random() < 0.9 else rng.randint(7, 45)
        when = nxt.due + dt.timedelta(days=lag)
        if when > TODAY:
            break
        log("sent", when, None if nxt.kind.value in ("nudge", "follow_up") else False)
        if rng.random() < 0.5:  # they answer
            answer = when + dt.timedelta(days=rng.randint(0, 6))
            if answer > TODAY:
                break
            log("received", answer)
            if rng.random() < 0.25:
                meeting = answer + dt.timedelta(days=rng.randint(2, 14))
                if meeting > TODAY:
                    break
                log(rng.choice(("meeting", "call")), meeting)
    channels = ("email", "linkedin", "in_person", "phone")
    return [
        Interaction(
            date=dt.date.fromisoformat(str(item["date"])),
            kind=str(item["kind"]),
            channel="in_person" if item["kind"] in ("met", "meeting") else rng.choice(channels),
            summary=rng.choice(SUMMARIES[str(item["kind"])]),
            awaiting_reply=item["awaiting_reply"],
        )
        for item in items
    ]


def make_contact(rng: random.Random, number: int, active: float) -> Contact:
    """One person. With probability ``active``, someone you are in touch with (a history kept up
    with netcoach, see :func:`kept_up_history`); else an imported connection you never contacted,
    or now and then (3%) an archived old contact."""
    first, last = rng.choice(FIRST), rng.choice(LAST)
    name = f"{first} {last}" if number % 7 else f"{first} {last} {number}"
    company = rng.choice(COMPANIES)
    roll = rng.random()
    if roll >= active + 0.03:
        return Contact(
            name=name,
            company=company,
            role=rng.choice(ROLES),
            emails=[f"{slugify(first)}.{slugify(last)}{number}@example.com"] if rng.random() < 0.3 else [],
            linkedin=f"https://www.linkedin.com/in/{slugify(name)}-{number}",
            tags=["imported"],
            connected_on=TODAY - dt.timedelta(days=rng.randint(30, 3000)),
            source="linkedin import",
        )
    met_at = rng.choice(PLACES)
    cadence = rng.choice((30, 60, 120)) if rng.random() < 0.1 else None
    history = kept_up_history(rng, "met" if met_at and rng.random() < 0.8 else "sent", cadence)
    answered = any(i.kind in ("received", "meeting", "call") for i in history)
    if roll >= active:
        stage = "archived"
    else:
        stage = rng.choices(("in_touch" if answered else "new", "not_now", "resting"), weights=(85, 10, 5))[0]
    return Contact(
        name=name,
        company=company,
        role=rng.choice(ROLES),
        emails=[f"{slugify(first)}.{slugify(last)}{number}@example.com"],
        linkedin=f"https://www.linkedin.com/in/{slugify(name)}-{number}" if rng.random() < 0.5 else "",
        tags=rng.sample(TAGS, rng.randint(0, 3)),
        stage=stage,
        met_at=met_at,
        met_on=history[0].date if history[0].kind == "met" else None,
        story="Talked by the window about accessible forms and home servers." if rng.random() < 0.4 else "",
        common_ground=rng.sample(COMMON, rng.randint(0, 2)),
        they_can_help="How her team runs usability tests" if rng.random() < 0.3 else "",
        i_can_offer="The form-audit checklist I made" if rng.random() < 0.3 else "",
        reach_out_after=TODAY + dt.timedelta(days=rng.randint(-30, 90)) if rng.random() < 0.03 else None,
        snoozed_until=TODAY + dt.timedelta(days=rng.randint(-10, 30)) if rng.random() < 0.03 else None,
        cadence_days=cadence,
        notes="Prefers e-mail." if rng.random() < 0.2 else "",
        interactions=history,
    )


def make_events(rng: random.Random, count: int) -> list[tuple[str, Event]]:
    """``count`` events over two years around today (one tomorrow and one yesterday among them): (id, event)."""
    events = []
    for n in range(count):
        offset = 1 if n == 0 else -1 if n == 1 else rng.randint(-600, 120)
        event = Event(
            name=f"{rng.choice(['Meetup', 'Dinner', 'Breakfast', 'Class'])} {n}",
            date=TODAY + dt.timedelta(days=offset),
            place=rng.choice(COMPANIES),
            goal="meet one new person",
            tags=rng.sample(TAGS, rng.randint(0, 2)),
        )
        events.append((f"{slugify(event.name)}-{event.date.isoformat()}", event))
    return events


def at_events(rng: random.Random, contact: Contact, events: list[tuple[str, Event]]) -> Contact:
    """One in ten people met at one of the events (if any, and if they were met before it)."""
    if not events or rng.random() > 0.1:
        return contact
    event_id, _ = rng.choice(events)
    for item in contact.interactions:
        if item.kind.value == "met":
            item.event = event_id
            break
    return contact


def generate(data: Path, count: int, active: float, seed: int = 2026, events: int = 0) -> None:
    """``count`` contact files in ``data/contacts`` (and ``events`` event files in ``data/events``),
    each written atomically by the real serializer."""
    rng = random.Random(seed)
    folder = ensure_private_dir(data / "contacts")
    rooms = make_events(rng, events)
    if rooms:
        event_folder = ensure_private_dir(data / "events")
        for event_id, event in rooms:
            atomic_write(event_folder / f"{event_id}.toml", event_toml(event))
    people = (at_events(rng, make_contact(rng, n, active), rooms) for n in range(count))
    jobs = [(folder / f"{slugify(c.name)}-{n}.toml", contact_toml(c)) for n, c in enumerate(people)]
    # atomic_write fsyncs each file and the folder; threads overlap the waits.
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda job: atomic_write(*job), jobs))


def peer_table(root: Path, args: argparse.Namespace, env: dict[str, str]) -> None:
    """``khard list`` against ``netcoach contacts`` and ``netcoach due`` (warm), run in turn, and the ratios."""
    if not khard_available():
        print("\nkhard is not installed (pip install -e '.[bench]'): no peer measured.")
        return
    config = write_vcards(root / "peer", args.contacts, args.active, make_contact)
    commands = {
        "khard list": [sys.executable, "-m", "khard", "-c", str(config), "list"],
        "netcoach contacts": [sys.executable, "-m", "netcoach.cli", "contacts"],
        "netcoach contacts --json": [sys.executable, "-m", "netcoach.cli", "contacts", "--json"],
        "netcoach due": [sys.executable, "-m", "netcoach.cli", "due"],
    }
    for argv in commands.values():
        run(argv, env)  # the index built, the files in the page cache
    found: dict[str, list[tuple[float, float, int]]] = {label: [] for label in commands}
    for _ in range(args.runs):  # in turn, so that each sees the same load
        for label, argv in commands.items():
            found[label].append(run(argv, env))
    khard_wall = statistics.median(wall for wall, _, _ in found["khard list"])
    khard_cpu = statistics.median(cpu for _, cpu, _ in found["khard list"])
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\nThe peer, {args.contacts:,} people, warm, median of {args.runs} (load average {load:.1f}):")
    print("| command | wall | CPU | peak RSS | khard's wall / this | khard's CPU / this |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for label, runs in found.items():
        wall = statistics.median(w for w, _, _ in runs)
        cpu = statistics.median(c for _, c, _ in runs)
        peak = max(p for _, _, p in runs)
        print(
            f"| `{label}` | {wall:.2f} s | {cpu:.2f} s | {peak} MB | {khard_wall / wall:.1f}x | {khard_cpu / cpu:.1f}x |",
            flush=True,
        )


# Each command is started from this tiny launcher, not from the benchmark itself: a child forked
# from a big parent counts the parent's pages in its peak RSS until it execs.
LAUNCHER = """
import os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(child.pid, 0)
wall = time.perf_counter() - start
scale = 1 if sys.platform != "darwin" else 1024
print(os.waitstatus_to_exitcode(status), wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // scale)
"""


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Run one command as its own process: (wall seconds, CPU seconds, peak RSS in MB)."""
    done = subprocess.run([sys.executable, "-c", LAUNCHER, *argv], env=env, capture_output=True, text=True, check=False)
    try:
        code, wall, cpu, rss_kb = done.stdout.split()
    except ValueError:
        raise SystemExit(f"could not run {' '.join(argv)}:\n{done.stderr}") from None
    if code != "0":
        raise SystemExit(f"{' '.join(argv)} failed ({code}):\n{done.stderr}")
    return float(wall), float(cpu), int(rss_kb) // 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contacts", type=int, default=30_000, metavar="N", help="how many contacts (default 30000)")
    parser.add_argument("--runs", type=int, default=5, metavar="R", help="runs per measurement (median shown)")
    parser.add_argument(
        "--active",
        type=float,
        default=0.15,
        metavar="F",
        help="share of people you are in touch with (default 0.15; the rest: imported connections, archived)",
    )
    parser.add_argument("--cold-runs", type=int, default=3, metavar="R", help="runs for the cold measurements")
    parser.add_argument("--modes", default="cold,warm", help="which measurements: cold,warm (default both)")
    parser.add_argument("--keep", metavar="DIR", help="generate into DIR and keep it (reused if it exists)")
    parser.add_argument(
        "--peer",
        choices=["khard"],
        help="also time `khard list` over the same people as vCards, in the same run (the `bench` extra)",
    )
    parser.add_argument("--events", type=int, default=0, metavar="N", help="also N events (default 0)")
    args = parser.parse_args()

    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="netcoach-bench-"))
    data, cache = root / "data", root / "cache"
    try:
        if not (data / "contacts").is_dir():
            start = time.perf_counter()
            generate(data, args.contacts, args.active, events=args.events)
            print(
                f"generated {args.contacts} contacts and {args.events} events in {time.perf_counter() - start:.1f} s ({data})"
            )
        env = {
            **os.environ,
            "NETCOACH_DATA": str(data),
            "NETCOACH_CACHE": str(cache),
            "NETCOACH_TODAY": TODAY.isoformat(),
        }
        commands = {"due": ["due"], "contacts --json": ["contacts", "--json"]}
        print(f"\n| command | contacts | index | wall (median of {args.runs}) | CPU (median) | peak RSS |")
        print("| --- | ---: | --- | ---: | ---: | ---: |")
        for label, extra in commands.items():
            argv = [sys.executable, "-m", "netcoach.cli", *extra]
            for mode in args.modes.split(","):
                walls, cpus, peaks = [], [], []
                if mode == "warm":
                    run(argv, env)  # build the index
                for _ in range(args.runs if mode == "warm" else args.cold_runs):
                    if mode == "cold":
                        shutil.rmtree(cache, ignore_errors=True)
                    wall, cpu, peak = run(argv, env)
                    walls.append(wall)
                    cpus.append(cpu)
                    peaks.append(peak)
                print(
                    f"| `netcoach {label}` | {args.contacts:,} | {mode} | {statistics.median(walls):.2f} s"
                    f" | {statistics.median(cpus):.2f} s | {max(peaks)} MB |",
                    flush=True,
                )
        if args.peer == "khard":
            peer_table(root, args, env)
        listed = subprocess.run(
            [sys.executable, "-m", "netcoach.cli", "due", "--json"], env=env, capture_output=True, check=True
        )
        print(f"\n{len(json.loads(listed.stdout)):,} of the {args.contacts:,} contacts are due within 7 days.")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
