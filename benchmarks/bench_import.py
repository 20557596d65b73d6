"""Time importing a large LinkedIn ``Connections.csv``.

Usage::

    python benchmarks/bench_import.py                    # 30,000 rows
    python benchmarks/bench_import.py --rows 5000 --runs 3
    python benchmarks/bench_import.py --cli              # also as a whole `netcoach import` process

It writes a realistic export (the ``Notes:`` preamble, names in several scripts, companies
with commas in quotes, one row in ten with an e-mail, LinkedIn URLs, dates as LinkedIn
writes them, a few rows with only a date) into a temporary folder, then, into an empty data
folder:

- **plan**: read, parse, validate and match every row (:func:`plan_import`);
- **apply**: write every contact all-or-nothing (:func:`apply_import`: staging, one sync,
  commit marker, moves);
- **load**, **again**: load the data now there, and plan the same file a second time over
  it (nothing changes).

With ``--cli`` it also times ``netcoach import linkedin FILE`` as a child process into a
fresh data folder (start-up, load, plan, apply and the summary). Target on a 2-core machine:
30,000 rows under 5 s in all (plan + apply; issue 17). The CPU time is printed too: on a machine busy
with other work, wall time says more about the neighbours than about netcoach. Nothing
outside the temporary folder (``$TMPDIR`` or ``--dir``) is touched.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from netcoach.exchange.plan import apply_import, plan_import
from netcoach.storage.fsio import atomic_write
from netcoach.storage.store import Store

PREAMBLE = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their connections to see "
    'or download their email address using this setting https://www.linkedin.com/psettings/privacy/email."\n\n'
)
FIRST = ["Maya", "Daniel", "Priya", "Tom", "José", "Zoë", "Li", "Mohammed", "Зоя", "Aiko", "Sam", "Renée", "小龙"]
LAST = ["Chen", "Okafor", "Raman", "Becker", "Núñez", "Ålander", "Wei", "Ali", "Иванова", "Tanaka", "Ortiz", "李"]
COMPANIES = ["Brightline Health", "Harbor Freight Analytics, Inc", 'The "Best" Bank', "Acme", "北京科技", "Globex"]
ROLES = ["Product Designer", "Data Engineer", "Engineering Manager", "Recruiter", "Founder & CEO", ""]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def connections_csv(rows: int, seed: int = 30_000) -> str:
    rng = random.Random(seed)
    buffer = io.StringIO()
    buffer.write(PREAMBLE)
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"])
    for i in range(rows):
        date = f"{rng.randint(1, 28):02d} {rng.choice(MONTHS)} {rng.randint(2008, 2026)}"
        if i % 997 == 5:
            writer.writerow(["", "", "", "", "", "", date])  # a row with only a date
            continue
        first, last = rng.choice(FIRST), rng.choice(LAST)
        slug = f"person-{i}-{rng.randrange(16**6):06x}"
        email = f"{slug}@example.com" if rng.random() < 0.1 else ""
        writer.writerow(
            [first, last, f"https://www.linkedin.com/in/{slug}", email, rng.choice(COMPANIES), rng.choice(ROLES), date]
        )
    return buffer.getvalue()


def _cpu() -> float:
    """CPU time (user + system) of this process and of the workers it has waited for (an import's
    index rows are worked out in a worker)."""
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def run_once(source: Path, folder: Path) -> dict[str, float]:
    store = Store(folder / "data", cache_dir=folder / "cache")
    if hasattr(os, "sync"):
        os.sync()  # start each run with nothing of the last one still being written out
    cpu_started = _cpu()
    started = time.perf_counter()
    plan = plan_import("linkedin", source, store.reader.load().records)
    planned = time.perf_counter()
    result = apply_import(store, plan)
    applied = time.perf_counter()
    cpu = _cpu() - cpu_started
    records = store.reader.load().records
    loaded = time.perf_counter()
    again = plan_import("linkedin", source, records)
    repeated = time.perf_counter()
    assert len(result.added) == len(plan.added) and not again.added and not again.merged
    return {
        "plan": planned - started,
        "apply": applied - planned,
        "total": applied - started,
        "cpu": cpu,
        "load": loaded - applied,
        "again": repeated - loaded,
        "added": len(result.added),
        "skipped": len(plan.skipped),
    }


def run_cli(source: Path, folder: Path) -> tuple[float, float]:
    """(wall, CPU user+sys) of one ``netcoach import linkedin`` process and its worker."""
    env = {**os.environ, "NETCOACH_DATA": str(folder / "cli-data"), "NETCOACH_CACHE": str(folder / "cli-cache")}
    if hasattr(os, "sync"):
        os.sync()
    cpu_started = _cpu()
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "netcoach.cli", "import", "linkedin", str(source)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    cpu = _cpu() - cpu_started
    if done.returncode != 0:
        raise SystemExit(f"netcoach import failed: {done.stderr}")
    return elapsed, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cli", action="store_true", help="also time `netcoach import` as a child process")
    parser.add_argument("--dir", type=Path, help="make the temporary folder here (default: $TMPDIR)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="netcoach-bench-import-", dir=args.dir))
    try:
        source = folder / "Connections.csv"
        atomic_write(source, connections_csv(args.rows))
        size = source.stat().st_size / 1e6
        print(f"{args.rows:,} rows ({size:.1f} MB), {args.runs} runs, median seconds:")
        results = []
        for run in range(args.runs):
            results.append(run_once(source, folder / f"run-{run}"))
            # Each run's folder is kept until the end: on ext4, files created in the minute after
            # 30,000 were deleted cost several times more kernel time (the inodes just freed are skipped).
        labels = {
            "plan": "plan (read, check, match)",
            "apply": "apply (write all or nothing)",
            "total": "import in all (wall)",
            "cpu": "import in all (CPU, with workers)",
            "load": "then load everyone",
            "again": "then plan the same file again",
        }
        for key, label in labels.items():
            values = [r[key] for r in results]
            print(f"  {label:<36} {statistics.median(values):6.2f}   (min {min(values):.2f}, max {max(values):.2f})")
        print(f"  added {int(results[0]['added']):,}, skipped {int(results[0]['skipped']):,}")
        if args.cli:
            cli = [run_cli(source, folder / f"cli-{run}") for run in range(args.runs)]
            wall = statistics.median(w for w, _ in cli)
            cpu = statistics.median(c for _, c in cli)
            print(f"  whole `netcoach import` process: {wall:.2f} s (CPU {cpu:.2f} s)")
        target = 5.0 * args.rows / 30_000
        total = statistics.median(r["total"] for r in results)
        print(f"target under {target:.1f} s: {'met' if total < target else 'NOT met'}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
