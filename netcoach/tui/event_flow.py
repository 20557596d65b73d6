"""Events in the app: the events the Events screen shows, and the writes it asks for.

The app owns this (attributes down, messages up): the screen reads :attr:`EventFlow.views` and
asks for a person met there (``n``) or "met nobody" (``b``); files are written off the UI thread
and the book is told, so every screen redraws.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from netcoach.model.event_view import EventView
from netcoach.model.problem import FileProblem, Problem
from netcoach.storage.errors import StoreError
from netcoach.timing.events import Crowd, EventTask, acquaintances, event_tasks, needs, related_events
from netcoach.tui.messages import WriteFailed

if TYPE_CHECKING:
    from netcoach.model.contact import Contact
    from netcoach.tui.app import NetcoachApp


class EventFlow:
    """The events the app shows, read from the store, and the writes about them."""

    def __init__(self, app: NetcoachApp) -> None:
        self.app = app
        self.views: list[EventView] = []
        self.problems: list[Problem] = []
        self._prep: list[tuple[str, str]] | None = None
        self.show_next: str | None = None
        """The event the Events screen puts its cursor on when it shows next (from a contact's page)."""

    def reload(self) -> list[EventView]:
        """Read every event's view again (fast: through the index)."""
        try:
            self.views, self.problems = self.app.store.events.views()
        except (StoreError, OSError) as error:
            self.views, self.problems = [], [Problem(self.app.store.events.dir, 1, 1, str(error))]
        return self.views

    def tasks(self, days: int = 7) -> list[EventTask]:
        """The event follow-ups (prep, debrief) due within ``days``, for Today: from the book once
        everyone is read (who was met there, who may be there), none before."""
        if not self.app.complete:
            return []
        views = self.reload()
        today = self.app.today
        asked = {v.id for v in views if needs(v, today, days) is not None}
        if not asked:
            return []
        crowd = Crowd(acquaintances((entry.id, entry.view) for entry in self.app.book.entries()))
        met = {event_id: crowd.met_at(event_id) for event_id in asked}
        known = {
            v.id: [p.name for _, p in crowd.may_be_there(v, related_events(v, views))]
            for v in views
            if v.id in asked and v.date >= today
        }
        return event_tasks(views, today, days, met=met, known=known)

    def prep_for(self, event: EventView) -> list[str]:
        """The prep checklist for ``event`` (bundled, changed by ``<data>/checklist.toml``; read
        once): the "goal" line ends with the event's goal."""
        if self._prep is None:
            from netcoach.coach.checklist import load_prep

            items, _ = load_prep(self.app.store.root)  # a broken file: the bundled prep (check reports it)
            self._prep = [(item.id, item.text) for item in items]
        goal = event.goal or "pick one small goal (one good conversation is enough)"
        return [f"{text} {goal}" if item_id == "goal" else text for item_id, text in self._prep]

    def get(self, event_id: str) -> EventView | None:
        return next((v for v in self.views if v.id == event_id), None)

    def add_people(self, event: EventView, added: int = 0) -> None:
        """Ask for someone met at ``event`` (where and when filled in); "save and add another" asks again."""
        from netcoach.tui.dialogs.met_at_event import MetAtEventForm

        def done(result: tuple[Contact, bool] | None) -> None:
            if result is None:
                return
            contact, again = result
            self.app.writes.add(contact)  # as any new contact: one worker, the same notice
            if again:
                self.add_people(event, added + 1)

        self.app.push_screen(MetAtEventForm(event, self.app.today, added), done)

    def mark_nobody(self, event: EventView) -> None:
        """Record that the user met nobody at ``event``: its debrief stops asking (u takes it back)."""
        self.app.run_worker(partial(self._nobody, event), thread=True, group="write")

    def _nobody(self, event: EventView) -> None:
        try:
            self.app.store.events.update(
                event.id, lambda e: e.model_copy(update={"nobody": True}), note=f"Met nobody at {event.name}"
            )
        except (StoreError, FileProblem) as error:
            self.app.post_message(WriteFailed(str(error)))
            return
        self.app.call_from_thread(self._written, f"Noted: nobody to follow up from {event.name}. u takes it back.")

    def _written(self, note: str) -> None:
        self.reload()
        self.app.notify(note, markup=False, timeout=4)
        self.app.book_changed.publish(self.app.book)
