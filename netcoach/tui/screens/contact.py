"""One contact: how you met, what you share, what is next and why, and the whole timeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from netcoach.book import ContactBook, Entry
from netcoach.coach.give_take import asked_without_offering, give_and_take
from netcoach.model.contact import Contact
from netcoach.model.kinds import InteractionKind
from netcoach.timing.dates import long_date, say_date
from netcoach.timing.promises import describe_promise
from netcoach.tui.dialogs.timeline import KIND_WORDS
from netcoach.tui.formatting import kind_words
from netcoach.tui.messages import ContactSelected
from netcoach.tui.screens.base import footer
from netcoach.tui.screens.people import PeopleScreen
from netcoach.tui.widgets.contact_card import how_we_met


def _section(title: str) -> Text:
    return Text(f"\n\n{title}", style="bold")


def contact_story(
    entry: Entry,
    c: Contact,
    today: dt.date,
    introducer: str = "",
    introduced: Sequence[str] = (),
    events: Mapping[str, str] | None = None,
) -> Text:
    """Everything about a contact (``entry``'s whole contact ``c``) as plain Text (user text never becomes markup).

    ``introducer``: the name of who introduced you; ``introduced``: whom this contact introduced you to.
    ``events`` names the events by id: the events they were met at are shown under "How you met".
    """
    out = Text()
    out.append(c.name, style="bold")
    job = " at ".join(p for p in (c.role, c.company) if p)
    if job:
        out.append(f"  {job}")
    out.append(f"\nStage: {c.stage.value.replace('_', ' ')}")
    if c.tags:
        out.append("   Tags: ")
        out.append(", ".join(c.tags))
    details = [("E-mail", ", ".join(c.emails)), ("Phone", c.phone), ("LinkedIn", c.linkedin)]
    for label, value in details:
        if value:
            out.append(f"\n{label}: ", style="bold")
            out.append(value)

    follow = entry.follow_up
    out.append_text(_section("What's next"))
    if follow is None:
        out.append("\nNothing due. ")
        if not c.contacted():
            out.append("Log a first contact (l) or set a date they gave you (r) when you are ready.")
        elif c.stage.value == "archived":
            out.append("Archived: netcoach will not suggest anything.")
    else:
        for one in (follow, *entry.others):
            out.append(f"\n{kind_words(one.kind.value).capitalize()}, {long_date(one.due, today)}", style="bold")
            out.append(" (when you feel like it)\n" if one.since is not None else f" ({one.status.value})\n")
            out.append(one.reason)
    dates = [("They said reach out after", c.reach_out_after), ("Snoozed until", c.snoozed_until)]
    for label, day in dates:
        if day:
            out.append(f"\n{label}: {long_date(day, today)}")
            if label.startswith("They said") and c.reach_out_reason:
                out.append(f" ({c.reach_out_reason})")
    if c.last_contact is not None:
        out.append(f"\nLast in touch {c.last_contact.words()}")
    if c.cadence_days:
        out.append(f"\nKeep in touch every {c.cadence_days} days")

    out.append_text(_section("How you met"))
    met = how_we_met(c, today, with_date=True)
    if met:
        out.append(f"\n{met}")
    elif c.connected_on:
        out.append(f"\nConnected {long_date(c.connected_on, today)}")
    else:
        out.append("\nNot noted yet (e to add where and when).", style="dim")
    for event_id in dict.fromkeys(i.event for i in c.interactions if i.kind is InteractionKind.MET and i.event):
        out.append("\nAt the event: ", style="bold")
        out.append((events or {}).get(event_id, event_id))
        out.append(" (Enter: the event and everyone met there)", style="dim")
    if introducer:
        out.append(f"\nIntroduced by {introducer}")
    if introduced:
        out.append(f"\nIntroduced you to: {', '.join(introduced)}")
    if c.source:
        out.append(f"\nFrom: {c.source}", style="dim")
    if c.story:
        out.append("\n")
        out.append(c.story)

    out.append_text(_section("Give and take"))
    out.append("\nIn common: ", style="bold")
    out.append("; ".join(c.common_ground) if c.common_ground else "—")
    out.append("\nThey could help with: ", style="bold")
    out.append(c.they_can_help or "—")
    out.append("\nYou can offer: ", style="bold")
    out.append(c.i_can_offer or "— (networking is give-and-take: what could you share?)")
    out.append(f"\n{give_and_take(c, introduced).line()}", style="dim")
    if asked_without_offering(c):
        out.append("\nYou've asked twice; is there something you can offer?", style="italic")
    if c.promises:
        out.append_text(_section("Promises"))
        for promise in sorted(c.promises, key=lambda p: (p.kept_on is not None, p.by)):
            out.append(f"\n{'✓' if promise.kept_on else '·'} {describe_promise(promise, today)}")
    if c.notes:
        out.append_text(_section("Notes"))
        out.append("\n")
        out.append(c.notes)

    out.append_text(_section("Timeline"))
    if c.interactions:
        out.append("  t to correct or delete one", style="dim")
    if not c.interactions:
        out.append("\nNothing logged yet. Press l to log a message, meeting or call.")
    ordered = sorted(enumerate(c.interactions), key=lambda pair: (pair[1].date, pair[0]), reverse=True)
    for _, item in ordered:
        out.append(f"\n{say_date(item.date, today, weekday=True):<22} ", style="dim")
        out.append(f"{KIND_WORDS[item.kind]:<10}", style="bold")
        if item.channel:
            out.append(f" {item.channel.value.replace('_', ' ')}")
        if item.summary:
            out.append(" · ")
            out.append(item.summary)
        if item.kind is InteractionKind.SENT and item.awaiting_reply is False:
            out.append(" (no reply needed)", style="dim")
    return out


class ContactScreen(PeopleScreen):
    """Everything about one person. Esc goes back."""

    OPENS_CONTACTS = False
    BINDINGS = [
        Binding("escape", "back", "Back", id="netcoach.back"),
        Binding("s", "snooze", "Snooze", id="netcoach.snooze", show=False),
        Binding("d", "draft", "Draft", id="netcoach.draft"),
        Binding("t", "timeline", "Timeline", id="netcoach.timeline", show=False),  # named above the timeline
        # Priority: the list and its filter are ready before the next key typed, so "/kettle" is a filter.
        Binding("slash", "app.filter_contacts", "Filter", id="netcoach.contact.filter", priority=True, show=False),
        Binding("enter", "their_event", "Their event", id="netcoach.contact.event", show=False),
    ]

    def __init__(self, contact_id: str) -> None:
        super().__init__()
        self.contact_id = contact_id

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="contact-scroll"):
            yield Static(id="contact-story", markup=False)
        yield footer()

    def on_mount(self) -> None:  # NetcoachScreen.on_mount runs too (Textual calls every class's handler)
        self.post_message(ContactSelected(self.contact_id))
        self.set_focus(self.query_one("#contact-scroll"))

    def show_book(self, book: ContactBook) -> None:
        entry = book.get(self.contact_id)
        record = book.record(self.contact_id) if entry is not None else None
        story = self.query_one("#contact-story", Static)
        if entry is None or record is None:
            story.update(Text("This contact is no longer in your data folder (renamed or removed elsewhere)."))
            return
        through = book.get(record.contact.met_through) if record.contact.met_through else None
        introduced = sorted((e.name for e in book.entries() if e.view.met_through == self.contact_id), key=str.casefold)
        names = {view.id: view.name for view in self.nc.events.views or self.nc.events.reload()}
        story.update(
            contact_story(entry, record.contact, self.nc.today, through.name if through else "", introduced, names)
        )

    def selected_entry(self) -> Entry | None:
        return self.nc.book.get(self.contact_id)

    def action_back(self) -> None:
        self.dismiss()

    def action_their_event(self) -> None:
        """The Events screen, on the event this person was met at (the latest, if several)."""
        record = self.nc.book.record(self.contact_id)
        met = [i for i in record.contact.interactions if i.event] if record is not None else []
        if not met:
            self.notify("Not met at an event you noted.", markup=False, timeout=3)
            return
        self.nc.events.show_next = max(met, key=lambda i: i.date).event
        if self.app.current_mode == "events":  # opened from there: back to it, on their event
            self.dismiss()
        else:
            self.app.switch_mode("events")
