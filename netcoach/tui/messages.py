"""Messages the app's workers post: workers never touch state, handlers do."""

from __future__ import annotations

from textual.message import Message

from netcoach.book import ContactBook
from netcoach.checklist import ChecklistItem, Worries
from netcoach.store import ContactRecord
from netcoach.templates import Template
from netcoach.tomlfile import Problem


class BookLoaded(Message):
    """The data folder was (re)read: contacts, and the user's templates, checklist and worries."""

    def __init__(
        self,
        book: ContactBook,
        problems: list[Problem],
        first: bool,
        templates: list[Template],
        checklist: list[ChecklistItem],
        worries: Worries,
        *,
        complete: bool = True,
    ) -> None:
        super().__init__()
        self.complete = complete
        """False for the quick first book of the people due soon; True once everyone is read."""
        self.book = book
        self.problems = problems
        self.first = first
        self.templates = templates
        self.checklist = checklist
        self.worries = worries


class ContactSaved(Message):
    """A contact was written; ``note`` says what happened, in words."""

    def __init__(self, record: ContactRecord, note: str) -> None:
        super().__init__()
        self.record = record
        self.note = note


class WriteFailed(Message):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
