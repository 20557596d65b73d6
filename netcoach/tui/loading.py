"""Reading the data folder into the app's book, off the UI thread, and noticing changes made elsewhere."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
import threading
from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from netcoach.book import TODAY_HORIZON_DAYS, ContactBook
from netcoach.storage.errors import StoreError
from netcoach.tui.messages import BookLoaded

if TYPE_CHECKING:
    from netcoach.storage.reader import HeldRead
    from netcoach.tui.app import NetcoachApp

FULL_RESCAN_EVERY = 10  # ticks: a full stat scan catches files edited in place

_paused = 0
_paused_lock = threading.Lock()
_was_on = True


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused meanwhile (as the command line does for the commands that go
    through everyone): reading makes next to no reference cycles, and the collector's passes over a
    heap growing by 30,000 views cost about a quarter of a warm read of everyone. Reads may overlap:
    the collector runs again once the last one is done (if it ran before the first)."""
    global _paused, _was_on
    with _paused_lock:
        if _paused == 0:
            _was_on = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _paused_lock:
            _paused -= 1
            if _paused == 0 and _was_on:
                gc.enable()


class BookLoader:
    """Reads the data folder for the app (it posts :class:`BookLoaded`), and looks again when it changed.

    Saves replace files, which changes the folder's time: checked every tick. An editor may
    write in place, which only the files' own stats show: checked every few ticks, in a worker.
    """

    def __init__(self, app: NetcoachApp) -> None:
        self.app = app
        self.tick = 0
        self.dir_mtime: int | None = None
        self.fingerprint: str | None = None
        """The folder's time and the files' fingerprint when everyone was last read."""
        self._held: HeldRead | None = None
        """The read that gave the first Today: everyone comes from it."""

    def hold(self, read: HeldRead) -> None:
        """``read`` gave the first Today (before the app started, see ``run_app``): everyone comes from it."""
        self._held = read

    def load(self, first: bool = False, rest: bool = False) -> None:
        """Read the data folder; the first time, the people due soon come first (then ``rest``)."""
        self.app.run_worker(partial(self._read, first, rest), thread=True, exclusive=True, group="load")

    def _read(self, first: bool, rest: bool) -> None:
        with collector_paused():
            self._read_now(first, rest)

    def _read_now(self, first: bool, rest: bool) -> None:
        app = self.app
        store, today, rules = app.store, app.today, app.config.timing
        held, self._held = self._held, None
        if first and not rest:
            # Today first: the people due soon, as soon as every file is read (a first start over
            # 30,000 new files, say), before the index remembers them and before anyone else's view.
            try:
                soon, _, later = store.reader.due_first(
                    today + dt.timedelta(days=TODAY_HORIZON_DAYS), rules, today=today
                )
            except (StoreError, OSError):
                pass  # the full read below reports why
            else:
                self._held = later
                book = ContactBook(soon, today, rules, store.reader.records)
                app.post_message(BookLoaded(book, [], False, None, None, None, complete=False))
                return  # the rest is read once Today is on screen (the app's on_book_loaded), not competing with it
        from netcoach.coach.checklist import load_checklist, load_worries
        from netcoach.coach.templates import load_templates

        templates, template_problems = load_templates(store)
        checklist, checklist_problems = load_checklist(store.root)
        worries, worry_problems = load_worries(store.root)
        if held is not None and first and rest:  # the read that gave Today: everyone from it
            dir_mtime = held.folder_mtime
            views, view_problems = held.everyone()
        else:
            if held is not None:  # something changed since that read: it is read again, but what
                held.write()  # it read is remembered first (not 30,000 files read twice)
            # Taken before reading: a change made while everyone is read shows at the next look.
            dir_mtime = self.contacts_mtime()
            views, view_problems = store.reader.views(rules)
        fingerprint = store.reader.seen  # the files as the read listed them, before reading any
        book = ContactBook(views, today, rules, store.reader.records)
        self.dir_mtime, self.fingerprint = dir_mtime, fingerprint
        problems = view_problems + template_problems + checklist_problems + worry_problems
        app.post_message(BookLoaded(book, problems, first, templates, checklist, worries))

    def contacts_mtime(self) -> int | None:
        try:
            return os.stat(self.app.store.folder.contacts_dir).st_mtime_ns
        except OSError:
            return None

    def reading(self) -> bool:
        """Is the data folder being read now (a load under way)?"""
        return any(w.group == "load" and not w.is_finished for w in self.app.workers)

    def check_for_changes(self) -> None:
        """Another netcoach (or an editor) may have changed files: read them again if so."""
        if not self.app.complete or self.reading():
            return  # everyone is being read (30,000 at a first start can take a while): look after
        self.tick += 1
        if self.contacts_mtime() != self.dir_mtime:
            self.load()
        elif self.tick % FULL_RESCAN_EVERY == 0:
            self.app.run_worker(self._look_for_edits_in_place, thread=True, exclusive=True, group="watch")

    def _look_for_edits_in_place(self) -> None:
        if self.app.store.reader.fingerprint() != self.fingerprint:
            self.app.call_from_thread(self.load)
