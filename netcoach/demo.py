"""The bundled demo data: a realistic, varied set of people, dated relative to today.

Used by ``netcoach --demo``, which copies it to a fresh temporary folder: the user's own
data is never touched. Every stage and every timing rule appears at least once, and some
messages carry predictions (what the user feared, how anxious they felt, what happened) for the
Evidence screen.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from netcoach.demo_events import at_demo_event, write_demo_events
from netcoach.model.changes import log_interaction
from netcoach.model.contact import Contact, Interaction, Outcome
from netcoach.storage.store import Store

NO_REPLY, POLITE_NO, REPLY, REAL_HELP = Outcome.NO_REPLY, Outcome.POLITE_NO, Outcome.REPLY, Outcome.REAL_HELP


def expecting(expected: Outcome, anxiety: int, outcome: Outcome | None = None) -> dict[str, Any]:
    """A prediction on a ``sent``: what the user expected, how anxious they felt (0-10), and what happened."""
    return {"expected": expected, "anxiety": anxiety, "outcome": outcome}


# Each person: contact fields, plus "log": (days ago, kind, channel, summary[, awaiting_reply][, expecting(...)]).
#
# The predictions tell a story for the Evidence screen (key 4, then v): over four months the user
# mostly feared silence or a polite no, and most of those messages got a friendly answer; two
# really went unanswered (Tom, Priya) and one "not now" came true (Liam). Month by month the
# anxiety drifts down, from 8-9 at first to 3-4 lately (whatever day today is).
# Priya's silence and Sofia's reply are known but not yet recorded, so "What happened?" asks
# about them; Chloé's nudge is too recent to tell. (The outcomes have no "rude answer": a polite
# no is the nearest feared outcome.)
PEOPLE: list[dict[str, Any]] = [
    {
        "name": "Maya Chen",
        "company": "Brightline Health",
        "role": "Product Designer",
        "emails": ["maya.chen@example.com"],
        "met_at": "the SDSU alumni happy hour",
        "tags": ["design", "alumni"],
        "story": "Stood by the window talking about accessible forms; she laughed at my badge typo.",
        "common_ground": ["same major at SDSU", "both moved from print design"],
        "they_can_help": "How her team runs usability tests",
        "i_can_offer": "The form-audit checklist I made",
        "log": [(2, "met", "in_person", "Swapped cards at the happy hour")],
    },
    {
        "name": "Daniel Okafor",
        "company": "Harbor Freight Analytics",
        "role": "Data Engineer",
        "emails": ["d.okafor@example.com"],
        "met_at": "the PyData meetup",
        "tags": ["data"],
        "common_ground": ["both run home servers"],
        "i_can_offer": "My notes on the talk he missed",
        "log": [
            (9, "met", "in_person", "Talked about home labs after the lightning talks"),
            (8, "sent", "email", "Thanks for the chat + the talk notes"),
        ],
    },
    {
        "name": "Priya Raman",
        "company": "Northwind Bank",
        "role": "Engineering Manager",
        "emails": ["priya.raman@example.com"],
        "linkedin": "https://www.linkedin.com/in/priya-raman-example",
        "tags": ["finance", "cold"],
        "they_can_help": "What moving into fintech is like",
        "log": [(15, "sent", "linkedin", "Asked for 20 minutes about her move into fintech", expecting(NO_REPLY, 6))],
    },
    {
        "name": "Tom Becker",
        "company": "Cascade Outfitters",
        "role": "Marketing Lead",
        "emails": ["tom@example.com"],
        "met_at": "Chamber of commerce breakfast",
        "tags": ["marketing"],
        "log": [
            (40, "met", "in_person", "Shared a table at the breakfast"),
            (39, "sent", "email", "Nice to meet you", expecting(NO_REPLY, 6, NO_REPLY)),
            (31, "sent", "email", "Nudge about the newsletter idea"),
            (20, "sent", "email", "Last nudge"),
        ],
    },
    {
        "name": "Sofia Alvarez",
        "company": "Greenway Studio",
        "role": "Architect",
        "emails": ["sofia@example.com"],
        "met_at": "a friend's dinner party",
        "tags": ["friend-of-friend"],
        "common_ground": ["grew up in the same town", "both learning Portuguese"],
        "log": [
            (6, "met", "in_person", "Dinner at Jess's"),
            (5, "sent", "text", "Great meeting you!", expecting(NO_REPLY, 3)),
            (1, "received", "email", "She sent the name of her mentor"),
        ],
    },
    {
        "name": "Kenji Watanabe",
        "company": "Lumen Robotics",
        "role": "Staff Engineer",
        "emails": ["kenji.w@example.com"],
        "met_at": "ROS workshop",
        "tags": ["robotics"],
        "they_can_help": "Advice on moving from web to robotics",
        "met_through": "rafael-costa",  # Rafael introduced you: after the call, close the loop with him
        # promises: (text, whose, said days ago, due in days, kept days ago or None)
        "promises": [
            ("send him my notes on the ROS workshop", "mine", 3, 1, None),
            ("send the robotics reading list", "theirs", 27, -20, 25),
        ],
        "log": [
            (30, "met", "in_person", "Paired in the workshop exercise"),
            (29, "sent", "email", "Following up", expecting(POLITE_NO, 5, REPLY)),
            (27, "received", "email", "Happy to talk next week"),
            (3, "call", "phone", "45 minutes on career paths"),
        ],
    },
    {
        "name": "Amara Nwosu",
        "company": "City Library Foundation",
        "role": "Development Director",
        "emails": ["amara@example.org"],
        "met_at": "volunteer fair",
        "stage": "in_touch",
        "log": [
            (120, "met", "in_person", "Volunteer fair booth"),
            (118, "received", "email", "Thanks for signing up"),
            (104, "sent", "email", "Offered to help with the newsletter", expecting(POLITE_NO, 8, REPLY)),
            (102, "received", "email", "Yes please; sent me the volunteer guide"),
            (95, "sent", "email", "Shared the photos from the event", False),
        ],
    },
    {
        "name": "Liam O'Brien",
        "company": "Fjord Software",
        "role": "CTO",
        "emails": ["liam@example.com"],
        "met_at": "DevOps Days",
        "stage": "not_now",
        "story": "Told me they freeze hiring until spring; said to keep in touch.",
        "reach_out_after_days": 50,
        "log": [
            (60, "met", "in_person", "Hallway track"),
            (58, "sent", "email", "Good to meet you", expecting(POLITE_NO, 6, POLITE_NO)),
            (55, "received", "email", "Hiring freeze until spring; write again then"),
        ],
    },
    {
        "name": "Grace Kim",
        "company": "Atlas Consulting",
        "role": "Senior Consultant",
        "emails": ["grace.kim@example.com"],
        "met_at": "LinkedIn",
        "tags": ["consulting"],
        "reach_out_after_days": -1,
        "notes": "On parental leave; said to write once she is back.",
        "log": [
            (70, "sent", "linkedin", "Intro message", expecting(NO_REPLY, 7, REPLY)),
            (66, "received", "linkedin", "Out on leave, ping me after"),
        ],
    },
    {
        "name": "Marcus Reed",
        "company": "Redwood Capital",
        "role": "Associate",
        "met_at": "alumni panel",
        "stage": "archived",
        "log": [(300, "met", "in_person", "Panel Q&A")],
    },
    {
        "name": "Hannah Schulz",
        "company": "Kinetic Labs",
        "role": "Recruiter",
        "emails": ["hannah@example.com"],
        "tags": ["recruiter"],
        "snoozed_days": 4,
        "log": [(12, "received", "email", "Asked for my portfolio")],
    },
    {
        "name": "Rafael Costa",
        "company": "Open Data Collective",
        "role": "Community Manager",
        "met_at": "hackathon",
        "tags": ["open-source"],
        "cadence_days": 60,
        "common_ground": ["both maintain small open-source tools"],
        "log": [
            (80, "met", "in_person", "Judged the hackathon together"),
            (78, "meeting", "in_person", "Coffee"),
            (77, "sent", "email", "Thanks for the coffee", False),
            (58, "sent", "email", "Sent him the dataset link", False),
        ],
    },
    {
        "name": "Elif Demir",
        "company": "Marmara Design",
        "role": "UX Researcher",
        "met_at": "a training class on facilitation",
        "tags": ["design"],
        "common_ground": ["the same facilitation course"],
        "log": [(1, "met", "in_person", "Sat next to each other in the course")],
    },
    {
        "name": "Noah Fischer",
        "company": "Blue Orbit",
        "role": "Founder",
        "connected_on_days": 400,
        "source": "linkedin import",
        "tags": ["imported"],
    },
    {
        "name": "Zainab Hassan",
        "company": "Civic Tech SD",
        "role": "Organizer",
        "connected_on_days": 800,
        "source": "linkedin import",
        "tags": ["imported"],
    },
    {
        "name": "Olivia Brown",
        "company": "Sunrise Media",
        "role": "Editor",
        "emails": ["olivia@example.com"],
        "met_at": "magazine launch party",
        "stage": "resting",
        "log": [
            (200, "met", "in_person", "Launch party"),
            (199, "sent", "email", "Hello"),
            (190, "sent", "email", "Nudge"),
            (176, "sent", "email", "Second nudge"),
        ],
    },
    {
        "name": "Wei Zhang",
        "company": "Pacific Semiconductors",
        "role": "Hardware Engineer",
        "met_at": "career fair",
        "tags": ["hardware"],
        "log": [
            (25, "met", "in_person", "Career fair booth"),
            (24, "sent", "email", "Thanks for the tips", expecting(NO_REPLY, 5, REAL_HELP)),
            (20, "received", "email", "Glad to help"),
            (18, "meeting", "other", "Informational interview on video"),
        ],
    },
    {
        "name": "Chloé Dubois",
        "company": "Atelier Lumière",
        "role": "Creative Director",
        "met_at": "design week",
        "tags": ["design"],
        "common_ground": ["both lived in Lyon"],
        "log": [
            (11, "met", "in_person", "Design week opening"),
            (10, "sent", "email", "Lovely to meet you"),
            (4, "sent", "email", "Shared the article we talked about", expecting(NO_REPLY, 4)),
        ],
    },
    {
        "name": "Ben Carter",
        "company": "Trailhead Outdoors",
        "role": "Operations Manager",
        "emails": ["ben.carter@example.com"],
        "tags": ["friend"],
        "log": [(100, "meeting", "in_person", "Lunch"), (99, "sent", "email", "Thanks for lunch", False)],
    },
    {
        "name": "Jamal Wright",
        "company": "Keystone Learning",
        "role": "Senior Product Manager",
        "emails": ["jamal.wright@example.com"],
        "tags": ["alumni", "product"],
        "common_ground": ["both SDSU alumni", "both started out in design"],
        "they_can_help": "How he moved from design into product",
        "notes": "Found him in the SDSU alumni directory.",
        "log": [
            (118, "sent", "email", "Cold email: asked how he moved into product", expecting(NO_REPLY, 9, REAL_HELP)),
            (116, "received", "email", "Warm reply; offered a call"),
            (109, "call", "phone", "30 minutes; he reviewed my portfolio plan"),
            (108, "sent", "email", "Thanks for the call", False),
            (14, "sent", "email", "The plan got me an interview; asked him for coffee", expecting(REPLY, 2, REPLY)),
            (13, "received", "email", "Congratulations! Coffee next week?"),
            (8, "meeting", "in_person", "Coffee near his office"),
            (7, "sent", "email", "Thanks for the coffee", False),
        ],
    },
    {
        "name": "Rosa Delgado",
        "company": "Tidewater Games",
        "role": "Design Manager",
        "linkedin": "https://www.linkedin.com/in/rosa-delgado-example",
        "tags": ["design", "cold"],
        "they_can_help": "What her team looks for in a portfolio",
        "log": [
            (90, "sent", "linkedin", "Asked for 15 minutes about portfolio reviews", expecting(POLITE_NO, 7, REPLY)),
            (88, "received", "linkedin", "Said yes and sent three times to pick from"),
            (82, "call", "other", "Video chat about her team's portfolio reviews"),
            (81, "sent", "email", "Thank-you, with the case study she asked to see", False),
        ],
    },
    {
        "name": "Max [b]Mallory[/]",  # for the tests: a name that looks like markup, low in the list
        "company": "Odd Names Inc",
        "role": "Tester",
        "notes": "A name that looks like markup: shown exactly as typed.",
        "log": [(3, "met", "in_person", "QA meetup [@click=app.quit]")],
    },
]


def demo_contacts(today: dt.date) -> list[Contact]:
    """The demo people, with every date placed relative to ``today``."""

    def ago(days: int) -> dt.date:
        return today - dt.timedelta(days=days)

    contacts = []
    for person in PEOPLE:
        data = {
            k: v
            for k, v in person.items()
            if k not in {"log", "reach_out_after_days", "snoozed_days", "connected_on_days", "promises"}
        }
        data["promises"] = [
            {
                "text": text,
                "whose": whose,
                "made_on": ago(said),
                "by": ago(-due),
                "kept_on": None if kept is None else ago(kept),
            }
            for text, whose, said, due, kept in person.get("promises", [])
        ]
        if "reach_out_after_days" in person:
            data["reach_out_after"] = today + dt.timedelta(days=person["reach_out_after_days"])
        if "snoozed_days" in person:
            data["snoozed_until"] = today + dt.timedelta(days=person["snoozed_days"])
        if "connected_on_days" in person:
            data["connected_on"] = ago(person["connected_on_days"])
        contact = Contact(**data)
        for entry in person.get("log", []):
            days, kind, channel, summary, *rest = entry
            extra = rest.pop() if rest and isinstance(rest[-1], dict) else {}
            interaction = Interaction(
                date=ago(days),
                kind=kind,
                channel=channel,
                summary=summary,
                awaiting_reply=rest[0] if rest else None,
                **extra,
            )
            contact = log_interaction(contact, interaction)
        contacts.append(at_demo_event(contact, today))
    return contacts


DEMO_CONFIG = """\
# The demo's settings (see config.toml in the README). Your own data folder has its own.

[user]
name = "Sam Rivera"  # signs the demo's drafts
"""


def write_demo(store: Store, today: dt.date) -> None:
    """The demo people and events, and a config.toml with a name, so that their drafts are complete: one
    change in the undo journal (u undoes what the user did in the demo, then the demo as a whole)."""
    with store.folder.locked(), store.journal.change("Wrote the demo"):
        store.folder.save_file("config.toml", DEMO_CONFIG, note="Wrote the demo settings")
        store.contacts.add_many(demo_contacts(today), note="Wrote the demo people")
        write_demo_events(store, today)
