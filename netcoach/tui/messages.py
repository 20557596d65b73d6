"""Messages the app's workers post: workers never touch state, handlers do."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from netcoach.book import ContactBook
from netcoach.model.problem import Problem
from netcoach.storage.contacts import ContactRecord

if TYPE_CHECKING:
    from netcoach.coach.checklist import ChecklistItem, Worries
    from netcoach.coach.templates import Template


class BookLoaded(Message):
    """The data folder was (re)read: contacts, and the user's templates, checklist and worries.

    The quick first book (the people due soon) comes without them (None): they are read with everyone.
    """

    def __init__(
        self,
        book: ContactBook,
        problems: list[Problem],
        first: bool,
        templates: list[Template] | None,
        checklist: list[ChecklistItem] | None,
        worries: Worries | None,
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
