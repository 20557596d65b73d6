"""The CPU cost per file of a cold read (every contact file read, validated and given its index copies),
in this one process: no workers, no index, no process start. The steady figure behind a cold
``netcoach due`` and the app's cold start (see ``bench_cli.py`` for the whole commands).

Usage::

    python benchmarks/bench_cold_read.py                          # 30,000 generated contacts
    python benchmarks/bench_cold_read.py --data /tmp/me/data      # an existing data folder (only read)
    python benchmarks/bench_cold_read.py --contacts 1000 --profile

It prints the CPU time per file of the whole read (``Reader._index_entry``, best of ``--runs``),
then the same work in stages (read, digest, parse, validate, the payload JSON, the compact
copy), and with ``--profile`` the functions that cost most (cProfile: its own overhead inflates
Python calls). CPU time is user + system of this process; say the load average with it.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from netcoach.model.contact import Contact
from netcoach.model.view import brief
from netcoach.storage.contacts import ContactFiles, digest, payload_json
from netcoach.storage.dirs import Dir
from netcoach.storage.folder import CONTACTS, DataFolder
from netcoach.storage.index import Stat
from netcoach.storage.reader import Reader
from netcoach.storage.tomlfile import parse_toml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_cli import generate  # beside this script


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", metavar="DIR", help="an existing data folder to read (never written)")
    parser.add_argument(
        "--contacts", type=int, default=30_000, metavar="N", help="how many to generate (default 30000)"
    )
    parser.add_argument("--runs", type=int, default=3, metavar="R", help="runs of the whole read (best shown)")
    parser.add_argument("--profile", action="store_true", help="also profile one read (cProfile)")
    args = parser.parse_args()

    made = None if args.data else Path(tempfile.mkdtemp(prefix="netcoach-cold-"))
    root = Path(args.data) if made is None else made / "data"
    try:
        if made is not None:
            generate(root, args.contacts, 0.15)
        folder = DataFolder(root)
        reader = Reader(folder, ContactFiles(folder), None)
        with folder.open(CONTACTS) as contacts:
            names = sorted(entry.name for entry in contacts.scandir() if entry.name.endswith(".toml"))
            stats = [Stat.of(os.lstat(root / CONTACTS / name)) for name in names]

            def read_all() -> None:
                for name, stat in zip(names, stats, strict=True):
                    reader._index_entry(name, stat, contacts)

            read_all()  # the files in the page cache, the caches warm
            best = min(_cpu(read_all) for _ in range(max(1, args.runs)))
            print(f"{len(names):,} files, load average {os.getloadavg()[0]:.2f}")
            print(f"whole read: {best:.2f} s CPU, {best / len(names) * 1e6:.1f} µs per file")
            _stages(folder, names, contacts)
            if args.profile:
                profile = cProfile.Profile()
                profile.runcall(read_all)
                pstats.Stats(profile).sort_stats("tottime").print_stats(25)
    finally:
        if made is not None:
            shutil.rmtree(made, ignore_errors=True)
    return 0


def _cpu(work: Callable[[], None]) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def _stages(folder: DataFolder, names: list[str], contacts: Dir) -> None:
    """The read in stages, each timed alone over every file (µs per file)."""
    stages = dict.fromkeys(["read", "digest", "path", "parse", "validate", "payload", "brief"], 0.0)
    clock = time.process_time
    for name in names:
        t0 = clock()
        data = contacts.read(name)
        t1 = clock()
        digest(data)
        t2 = clock()
        path = folder.contacts_dir / name
        t3 = clock()
        raw = parse_toml(path, data.decode("utf-8"))
        t4 = clock()
        contact = Contact.model_validate(raw)
        t5 = clock()
        payload_json(contact)
        t6 = clock()
        brief(contact)
        t7 = clock()
        for stage, spent in zip(stages, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5, t7 - t6), strict=True):
            stages[stage] += spent
    print("stages: " + ", ".join(f"{stage} {spent / len(names) * 1e6:.1f}" for stage, spent in stages.items()) + " µs")


if __name__ == "__main__":
    sys.exit(main())
