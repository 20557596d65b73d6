"""Introductions: closing the loop with who introduced you, and the introduction drafts.

Today is Wednesday 18 November 2026.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from netcoach.coach.rendering import render
from netcoach.coach.templates import Tone, bundled_templates, pick
from netcoach.model.contact import Contact, Interaction
from netcoach.model.kinds import Channel, MessageKind, Stage
from netcoach.model.view import ContactView
from netcoach.storage.config import Config, UserSettings
from netcoach.timing.engine import Status
from netcoach.timing.introductions import close_the_loop, due_with_loops, loop_date

TODAY = dt.date(2026, 11, 18)  # Wednesday
TUE, THU, FRI = dt.date(2026, 11, 17), dt.date(2026, 11, 19), dt.date(2026, 11, 20)


def contact(name: str, *events: tuple[dt.date, str], **fields: Any) -> Contact:
    return Contact(name=name, interactions=[Interaction(date=on, kind=kind) for on, kind in events], **fields)


def test_a_meeting_with_someone_introduced_owes_the_introducer_a_word_next_business_day() -> None:
    ana = contact("Ana Souza")
    gia = contact("Gia Roy", (TUE, "meeting"), met_through="ana-souza")
    assert loop_date(gia) == TODAY
    due, kind, reason = close_the_loop(gia, ana, TODAY) or (None, None, "")
    assert (due, kind) == (TODAY, MessageKind.CLOSE_THE_LOOP)
    assert reason.startswith("Ana introduced you to Gia Roy; you had a meeting yesterday.")
    friday_call = contact("Gia Roy", (FRI, "call"), met_through="ana-souza")
    assert loop_date(friday_call) == dt.date(2026, 11, 23)  # Monday


def test_no_loop_without_a_meeting_an_introducer_or_when_you_wrote_since() -> None:
    ana = contact("Ana Souza")
    assert loop_date(contact("Gia Roy", (TUE, "met"), (TUE, "sent"), met_through="ana-souza")) is None
    assert loop_date(contact("Gia Roy", (TUE, "meeting"))) is None  # nobody introduced you
    gia = contact("Gia Roy", (TUE, "call"), met_through="ana-souza")
    assert close_the_loop(gia, contact("Ana Souza", (TUE, "sent")), TODAY) is None  # you wrote that day
    assert close_the_loop(gia, contact("Ana Souza", (TODAY, "sent")), TODAY) is None
    assert close_the_loop(gia, contact("Ana Souza", (dt.date(2026, 11, 2), "sent")), TODAY) is not None  # before
    assert close_the_loop(gia, ana.model_copy(update={"stage": Stage.ARCHIVED}), TODAY) is None


def test_due_lists_the_loop_under_the_introducer_from_light_views() -> None:
    ana = contact("Ana Souza")
    gia = contact("Gia Roy", (TUE, "meeting"), met_through="ana-souza")
    bo = contact("Bo", (TUE, "meeting"), met_through="nobody-known")
    items = [(key, ContactView.of(c)) for key, c in (("ana-souza", ana), ("gia-roy", gia), ("bo", bo))]
    rows = due_with_loops(items, TODAY, 0)
    assert [(key, f.kind, f.status) for key, _, f in rows] == [
        ("ana-souza", MessageKind.CLOSE_THE_LOOP, Status.TODAY),
        ("bo", MessageKind.THANK_YOU, Status.TODAY),
        ("gia-roy", MessageKind.THANK_YOU, Status.TODAY),
    ]
    assert due_with_loops(items, TODAY - dt.timedelta(days=1), 0) == []  # nothing due before the meeting's next day


def full(name: str, company: str, role: str, help_with: str, tags: list[str]) -> Contact:
    return Contact(
        name=name, company=company, role=role, they_can_help=help_with, tags=tags, emails=[f"{name[:3]}@x.org"]
    )


def draft(kind: MessageKind, tone: Tone, to: Contact, about: Contact, channel: Channel = Channel.EMAIL) -> Any:
    config = Config(user=UserSettings(name="Sam Lee"))
    return render(pick(bundled_templates(), kind, tone), to, config, TODAY, channel, about)


def test_the_introduction_names_both_with_their_companies() -> None:
    gia = full("Gia Roy", "Acme", "Analyst", "SQL reviews", ["dbt", "SDSU"])
    ana = full("Ana Souza", "Lumen", "Data Engineer", "analytics engineering", ["DBT"])
    for tone in Tone:
        rendered = draft(MessageKind.INTRO, tone, gia, ana)
        assert rendered.subject == "Intro: Gia Roy (Acme) <> Ana Souza (Lumen)"
        assert rendered.body.startswith(("Hi Gia and Ana,", "Dear Gia and Ana,"))
        assert "Data Engineer at Lumen" in rendered.body and "analytics engineering" in rendered.body
        assert "dbt in common" in rendered.body  # tags, case aside
        assert rendered.markers == ()


def test_the_introduction_of_sparse_contacts_reads_well() -> None:
    for kind in (MessageKind.INTRO, MessageKind.INTRO_ASK):
        for tone in Tone:
            for channel in (Channel.EMAIL, Channel.TEXT):
                rendered = draft(kind, tone, Contact(name="Bo"), Contact(name="Cy"), channel)
                assert "  " not in rendered.body and "()" not in rendered.body and " ." not in rendered.body
                assert "(( " not in rendered.body and "{" not in rendered.body
                assert "Cy" in rendered.body and rendered.markers == ()
                if channel is Channel.EMAIL and kind is MessageKind.INTRO:
                    assert rendered.subject == "Intro: Bo <> Cy"


def test_the_ask_says_why_from_the_other_persons_fields() -> None:
    gia = full("Gia Roy", "Acme", "Analyst", "", ["SDSU"])
    ana = full("Ana Souza", "Lumen", "Data Engineer", "analytics engineering", ["sdsu"])
    rendered = draft(MessageKind.INTRO_ASK, Tone.CASUAL, gia, ana)
    assert rendered.subject == "Would you like an intro to Ana Souza?"
    assert "Ana Souza, Data Engineer at Lumen" in rendered.body
    assert "analytics engineering" in rendered.body and "SDSU in common" in rendered.body
    assert "No pressure" in rendered.body


def test_closing_the_loop_names_who_you_met() -> None:
    rendered = draft(MessageKind.CLOSE_THE_LOOP, Tone.CASUAL, Contact(name="Ana Souza"), Contact(name="Gia Roy"))
    assert "Gia Roy and I" in rendered.body and "Thank you" in rendered.body


def test_the_apps_book_gives_the_introducer_the_loop_and_takes_it_back() -> None:
    from netcoach.book import ContactBook
    from netcoach.storage.contacts import ContactRecord

    ana = ContactRecord("ana-souza", contact("Ana Souza"), "")
    gia = ContactRecord("gia-roy", contact("Gia Roy", met_through="ana-souza"), "")
    book = ContactBook.of_records([ana, gia], TODAY)
    assert book.get("ana-souza").follow_up is None  # type: ignore[union-attr]
    book.put(ContactRecord("gia-roy", contact("Gia Roy", (TUE, "call"), met_through="ana-souza"), ""))
    loop = book.get("ana-souza").follow_up  # type: ignore[union-attr]
    assert loop is not None and (loop.kind, loop.due) == (MessageKind.CLOSE_THE_LOOP, TODAY)
    assert [e.id for e in book.due(0)] == ["ana-souza", "gia-roy"]
    book.put(ContactRecord("ana-souza", contact("Ana Souza", (TODAY, "sent")), ""))  # you wrote to her
    assert book.get("ana-souza").follow_up.kind is MessageKind.NUDGE  # type: ignore[union-attr]  # no loop now
    book.put(ContactRecord("ana-souza", contact("Ana Souza"), ""))
    assert book.get("ana-souza").follow_up is not None  # type: ignore[union-attr]
    book.remove("gia-roy")
    assert book.get("ana-souza").follow_up is None  # type: ignore[union-attr]


def test_sending_an_intro_ask_waits_for_their_answer_and_a_reply_ends_the_wait() -> None:
    import datetime as dt

    from netcoach.coach.drafts import ANSWER_AWAITED, log_sent
    from netcoach.model.changes import log_interaction
    from netcoach.model.contact import Contact, Interaction
    from netcoach.model.kinds import InteractionKind, MessageKind, TaskKind
    from netcoach.timing.promises import promise_dues

    day = dt.date(2026, 12, 2)  # a Wednesday
    sent = Interaction(date=day, kind=InteractionKind.SENT, awaiting_reply=True)
    ana = Contact(name="Ana Souza")
    asked = log_sent(ana, sent, MessageKind.INTRO_ASK, day)
    (wait,) = asked.promises
    assert (wait.text, wait.whose, wait.made_on, wait.by) == (ANSWER_AWAITED, "theirs", day, dt.date(2026, 12, 9))
    (due,) = promise_dues(asked, dt.date(2026, 12, 9))
    assert due[0] == dt.date(2026, 12, 9) and due[1] is TaskKind.WAITING_ON
    answered = log_interaction(asked, Interaction(date=dt.date(2026, 12, 3), kind=InteractionKind.RECEIVED))
    assert promise_dues(answered, dt.date(2026, 12, 9)) == []  # they answered: nothing to chase
    assert log_sent(ana, sent, MessageKind.FOLLOW_UP, day).promises == []  # only an intro ask waits so
