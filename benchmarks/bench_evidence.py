"""Time the evidence figures (``netcoach stats``, the Checklist screen) in-process.

Usage::

    python benchmarks/bench_evidence.py                   # 30,000 contacts
    python benchmarks/bench_evidence.py --contacts 1000 --runs 7

Builds N contacts in memory, each with 0-12 interactions (met, sent with predictions and
anxiety, answers, notes) in plausible orders, then times ``evidence()`` + ``evidence_lines()``
and ``pending_for_all()`` over all of them: the median of ``--runs``. Targets: each under
50 ms for 1,000 contacts and under 2 s for 30,000 (loading the files is bench_cli.py's part).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time

from netcoach.coach.evidence import evidence, evidence_lines
from netcoach.coach.outcomes import pending_for_all
from netcoach.model.contact import Contact, Interaction, InteractionKind, Outcome

TODAY = dt.date(2026, 11, 18)


def build(count: int, seed: int = 7) -> list[Contact]:
    rng = random.Random(seed)
    people = []
    for number in range(count):
        day = TODAY - dt.timedelta(days=rng.randint(1, 700))
        interactions = []
        if rng.random() < 0.6:
            interactions.append(Interaction(date=day, kind=InteractionKind.MET))
        for _ in range(rng.randint(0, 6)):
            day += dt.timedelta(days=rng.randint(0, 30))
            if day > TODAY:
                break
            predicted = rng.random() < 0.4
            interactions.append(
                Interaction(
                    date=day,
                    kind=InteractionKind.SENT,
                    expected=rng.choice(list(Outcome)) if predicted else None,
                    anxiety=rng.randint(0, 10) if predicted else None,
                )
            )
            if rng.random() < 0.5:
                day += dt.timedelta(days=rng.randint(0, 10))
                kind = rng.choice([InteractionKind.RECEIVED, InteractionKind.MEETING, InteractionKind.NOTE])
                interactions.append(Interaction(date=day, kind=kind))
        people.append(Contact(name=f"Person {number}", interactions=interactions))
    return people


def timed(runs: int, action) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    people = build(args.contacts)
    sent = sum(1 for c in people for i in c.interactions if i.kind is InteractionKind.SENT)
    print(f"{args.contacts} contacts, {sent} sent messages")
    ev_time = timed(args.runs, lambda: evidence_lines(evidence(people, TODAY)))
    keyed = list(enumerate(people))
    pending_time = timed(args.runs, lambda: pending_for_all(keyed, TODAY))
    print(f"evidence + lines: {ev_time * 1000:.0f} ms (median of {args.runs})")
    print(f"pending_for_all:  {pending_time * 1000:.0f} ms (median of {args.runs})")


if __name__ == "__main__":
    main()
