"""Time ``netcoach who``'s ranking over the index's compact copies of many contacts.

Usage::

    python benchmarks/bench_who.py                  # 30,000 contacts
    python benchmarks/bench_who.py --contacts 5000

Builds ``--contacts`` light views (:class:`netcoach.model.view.ContactView`, as the index gives
them) with varied companies, roles, tags and notes, then times :func:`netcoach.coach.who.who`
for a few questions and reports the worst question's best time. Target: under 50 ms per query
at 30,000 contacts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time

from netcoach.coach.who import People
from netcoach.model.contact import Contact, Interaction
from netcoach.model.view import ContactView

COMPANIES = ["Lumen", "Google", "Acme Health", "Northwind Bank", "Brightline", "Harbor Freight", "Städtische Werke"]
ROLES = ["Data Engineer", "Product Manager", "Recruiter", "UX Designer", "Analyst", "Nurse", "Teacher", ""]
TAGS = ["dbt", "sdsu", "health tech", "python", "design", "fintech", "meetup", "alumni"]
HELP = ["analytics engineering", "product roles in health tech", "hiring at startups", "", "", "UX research"]
LIMIT = 20  # what `netcoach who` and the app show at once
QUESTIONS = ["dbt", "product health tech", "at Google", "data eng", "recruiter fintech", "zzz nobody"]


def views(count: int) -> list[tuple[str, ContactView]]:
    rng = random.Random(16)
    made = []
    for n in range(count):
        contact = Contact(
            name=f"Person {n} Example",
            company=rng.choice(COMPANIES),
            role=rng.choice(ROLES),
            tags=rng.sample(TAGS, rng.randint(0, 3)),
            common_ground=["same bootcamp"] if rng.random() < 0.2 else [],
            they_can_help=rng.choice(HELP),
            notes="Her brother works at Google." if rng.random() < 0.05 else "Met over coffee; likes hiking.",
            interactions=[Interaction(date=dt.date(2026, 1, 1 + n % 28), kind=rng.choice(["met", "received"]))],
        )
        made.append((f"person-{n}", ContactView.of(contact)))
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    made = views(args.contacts)
    start = time.perf_counter()
    people = People(made)
    print(f"folding {args.contacts:,} contacts once: {(time.perf_counter() - start) * 1000:.0f} ms")
    worst = 0.0
    for text in QUESTIONS:
        best = min(_once(people, text) for _ in range(args.repeat))
        found = len(people.ask(text))
        print(f"who {text!r:24} {best * 1000:6.1f} ms  ({found} people; the first {LIMIT} ranked)")
        worst = max(worst, best)
    print(f"worst query over {args.contacts:,} contacts: {worst * 1000:.1f} ms (target: under 50 ms)")


def _once(people: People, text: str) -> float:
    start = time.perf_counter()
    people.ask(text, LIMIT)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
