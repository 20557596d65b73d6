"""Time ``netcoach export vcard FILE`` (and ``csv`` / ``json``) as a whole process.

Usage::

    python benchmarks/bench_export.py                        # 30,000 contacts, vCard
    python benchmarks/bench_export.py --contacts 1000 --runs 5
    python benchmarks/bench_export.py --kinds vcard,csv,json --keep /tmp/nc-bench
    python benchmarks/bench_export.py --modes warm,cold      # cold: the index deleted before each run

The data folder is generated exactly as ``bench_cli.py`` makes it (same generator, same seed,
same mix), or reused from ``--keep DIR`` (a folder ``bench_cli.py --keep DIR`` made will do).
Each export runs as its own process from a tiny launcher (as in ``bench_cli.py``): the median
wall and CPU time (user + system) and the child's peak RSS. CPU time is the steadier figure on
a busy machine. The target (issue 17): a vCard export of 30,000 contacts under 10 s.

It also prints the SHA-256 of each export, so that two versions of netcoach can be checked
to write the very same bytes over the same folder. Today is fixed (``NETCOACH_TODAY``);
nothing outside the temporary folder (or ``--keep DIR``) is touched.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_cli import TODAY, generate, run  # beside this script


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contacts", type=int, default=30_000, metavar="N", help="how many contacts (default 30000)")
    parser.add_argument("--runs", type=int, default=3, metavar="R", help="runs per measurement (median shown)")
    parser.add_argument("--active", type=float, default=0.15, metavar="F", help="share of people in touch (0.15)")
    parser.add_argument("--kinds", default="vcard", help="which exports: vcard,csv,json (default vcard)")
    parser.add_argument("--modes", default="warm", help="warm (index built) and/or cold (index deleted): warm,cold")
    parser.add_argument("--keep", metavar="DIR", help="generate into DIR and keep it (reused if it exists)")
    args = parser.parse_args()

    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="netcoach-bench-"))
    data, cache, out = root / "data", root / "cache", root / "out"
    try:
        if not (data / "contacts").is_dir():
            start = time.perf_counter()
            generate(data, args.contacts, args.active)
            print(f"generated {args.contacts} contacts in {time.perf_counter() - start:.1f} s ({data})")
        count = len(list((data / "contacts").glob("*.toml")))
        out.mkdir(exist_ok=True)
        env = {
            **os.environ,
            "NETCOACH_DATA": str(data),
            "NETCOACH_CACHE": str(cache),
            "NETCOACH_TODAY": TODAY.isoformat(),
        }
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"load average {load:.2f} at the start")
        print(f"\n| command | contacts | index | wall (median of {args.runs}) | CPU (median) | peak RSS | sha256 |")
        print("| --- | ---: | --- | ---: | ---: | ---: | --- |")
        for kind in args.kinds.split(","):
            target = out / f"export.{kind}"
            argv = [sys.executable, "-m", "netcoach.cli", "export", kind, str(target)]
            for mode in args.modes.split(","):
                walls, cpus, peaks = [], [], []
                if mode == "warm":
                    run(argv, env)  # build the index
                for _ in range(args.runs):
                    if mode == "cold":
                        shutil.rmtree(cache, ignore_errors=True)
                    wall, cpu, peak = run(argv, env)
                    walls.append(wall)
                    cpus.append(cpu)
                    peaks.append(peak)
                sha = hashlib.sha256(target.read_bytes()).hexdigest()[:16]
                print(
                    f"| `netcoach export {kind}` | {count:,} | {mode} | {statistics.median(walls):.2f} s"
                    f" | {statistics.median(cpus):.2f} s | {max(peaks)} MB | {sha} |",
                    flush=True,
                )
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"\nload average {load:.2f} at the end")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
