"""Time the app: start to the first Today screen, and each keystroke of the Contacts filter.

Usage::

    python benchmarks/bench_app.py                    # 1,000 and 30,000 contacts
    python benchmarks/bench_app.py --contacts 30000

For each size it writes N realistic contacts (the generator of ``bench_cli.py``) into a
temporary data folder, then runs the real app headless at 80x24 in a fresh child process
(as a user starting ``netcoach`` would, imports included), twice: once with no index (cold)
and once with the index built (warm). The child reports:

- **first screen**: from the process's first line to the Today list's first row drawn
  (as ``netcoach`` starts: the people due soon come from the index before the app starts);
- **everyone read**: until the Contacts list holds everyone;
- **filter**: the median and worst time per keystroke typing a name into the Contacts
  filter: the search, the list update and drawing the visible rows (the terminal write
  and Textual's own event handling come on top, a few milliseconds);
- **peak memory**: the child's peak RSS;
- the CPU time (user + system, every thread, and the worker processes of a cold read) at the
  first two points: the steady figure on a busy machine, where wall times vary.

Targets on a 2-core machine: first screen under 1 s at 1,000 contacts and under 2 s at
30,000; filtering under 50 ms per keystroke at 30,000; under 300 MB at 30,000.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_cli import generate

CHILD = r"""
import time
started = time.perf_counter()
import asyncio, datetime as dt, gc, json, resource, statistics, sys
from pathlib import Path
from netcoach.book import QUICK_READS, due_soon_first
from netcoach.storage.store import Store
from netcoach.tui.app import NetcoachApp
from netcoach.tui.loading import collector_paused
from netcoach.tui.widgets.row_list import RowList

def cpu():  # this process's CPU time (every thread) and its reaped worker processes' (a cold read)
    mine, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return mine.ru_utime + mine.ru_stime + workers.ru_utime + workers.ru_stime

drawn = []  # when the Today list first drew a row from the data (wall, CPU)
draw_row = RowList.render_line
def render_line(self, y):
    if self.row_count and not drawn:
        drawn.append((time.perf_counter() - started, cpu()))
    return draw_row(self, y)
RowList.render_line = render_line

async def main():
    data, cache = Path(sys.argv[1]), Path(sys.argv[2])
    today = dt.date(2026, 11, 18)
    store = Store(data, cache_dir=cache)  # as run_app does: the people due soon, then the app
    config, problems = store.settings.load_config()
    with collector_paused():
        soon, first_read = due_soon_first(store, today, config.timing, max_reads=QUICK_READS) or (None, None)
    with collector_paused():
        app = NetcoachApp(store, today, config, problems, watch=False, due_soon=soon, first_read=first_read)
    gc.freeze()
    books = []  # when each BookLoaded reached the app: the last one has everyone
    hook = lambda m: books.append((time.perf_counter() - started, cpu())) if type(m).__name__ == "BookLoaded" else None
    async with app.run_test(size=(80, 24), message_hook=hook) as pilot:
        while not drawn and app.is_running:  # an app that stopped (a traceback) fails the run, never hangs it
            await pilot.pause()
        first, first_cpu = drawn[0]
        while not app.complete and app.is_running:
            await pilot.pause()
        everyone, everyone_cpu = books[-1]
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        keys = []
        screen = app.screen
        box = screen.query_one("#contacts-filter")
        row_list = screen.query_one(RowList)
        for n in range(1, len("maya che") + 1):
            box.value = "maya che"[:n]
            t = time.perf_counter()
            screen.show_book(app.book)  # what each keystroke does: search, update the list
            for y in range(row_list.size.height):  # and draw the rows on screen
                row_list.render_line(y)
            keys.append(time.perf_counter() - t)
            await pilot.pause()
        shown = app.screen.query_one(RowList).row_count
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(json.dumps({"first": first, "everyone": everyone, "first_cpu": first_cpu, "everyone_cpu": everyone_cpu, "key_median": statistics.median(keys), "key_max": max(keys),
                      "rss_mb": rss, "shown": shown, "total": len(app.book)}))

asyncio.run(main())
"""


def run_child(data: Path, cache: Path) -> dict[str, float]:
    env = {**os.environ, "NETCOACH_TODAY": "2026-11-18"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(data), str(cache)], capture_output=True, text=True, env=env, check=False
    )
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--contacts", type=int, action="append", help="how many (repeatable; default 1000 and 30000)")
    args = parser.parse_args()
    sizes = args.contacts or [1000, 30000]
    print(
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; CPU: user + system, worker processes included"
    )
    print(
        "| contacts | index | first Today screen (wall / CPU) | everyone read (wall / CPU) | filter per key (median / worst) | peak memory |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    for count in sizes:
        with tempfile.TemporaryDirectory(prefix="netcoach-bench-app-") as folder:
            data, cache = Path(folder) / "data", Path(folder) / "cache"
            generate(data, count, active=0.3)
            # Files written in the last 2 s are re-read until they settle (see the README's Speed):
            # let them settle, as files a user starts the app on have.
            time.sleep(2.5)
            for label in ("cold", "warm"):
                r = run_child(data, cache)
                print(
                    f"| {r['total']:,} | {label} | {r['first']:.2f} s / {r['first_cpu']:.2f} s | {r['everyone']:.2f} s / {r['everyone_cpu']:.2f} s | "
                    f"{r['key_median'] * 1000:.0f} ms / "
                    f"{r['key_max'] * 1000:.0f} ms | {r['rss_mb']} MB |",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
