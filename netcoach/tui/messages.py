"""Messages up to the app: what its workers found, and what the screens ask of it.

The app owns the shared state (the book, the contact the user is on, the draft being written)
and every write: workers and screens never touch either, they post one of these and the app's
handlers do the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from textual.message import Message

from netcoach.book import ContactBook
from netcoach.model.problem import Problem
from netcoach.storage.contacts import ContactRecord

if TYPE_CHECKING:
    from netcoach.coach.checklist import ChecklistItem, Worries
    from netcoach.coach.drafts import Draft
    from netcoach.coach.hints import Hint
    from netcoach.coach.templates import Template
    from netcoach.model.contact import Contact
    from netcoach.storage.config import Config

ContactChange = Callable[["Contact"], "Contact | None"]
"""A pure change to one contact (None: nothing to change), applied to the copy on disk."""


# -- from the app's workers ------------------------------------------------------------------


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


class ContactsWritten(Message):
    """Several contacts changed at once (a delete, a merge, an undo): ``saved`` are as written,
    ``removed`` are gone; ``note`` says what happened, in words."""

    def __init__(self, saved: Sequence[ContactRecord], removed: Sequence[str], note: str) -> None:
        super().__init__()
        self.saved = list(saved)
        self.removed = list(removed)
        self.note = note


class ConfigRead(Message):
    """config.toml was read again (it changed, or the app saved it): its settings and problems."""

    def __init__(self, config: Config, problems: Sequence[Problem], note: str = "") -> None:
        super().__init__()
        self.config = config
        self.problems = problems
        self.note = note


class WriteFailed(Message):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


# -- from the screens ------------------------------------------------------------------------


class ContactSelected(Message):
    """The user is on this contact (the cursor moved to them, or their screen opened): key 3 drafts to them."""

    def __init__(self, contact_id: str) -> None:
        super().__init__()
        self.contact_id = contact_id


class DraftRequested(Message):
    """The user asked to write to this contact (d): the Draft screen, for them."""

    def __init__(self, contact_id: str) -> None:
        super().__init__()
        self.contact_id = contact_id


class DraftChanged(Message):
    """The draft on the Draft screen changed (None: no draft open), with the coach's hints for it.

    The Checklist ticks what it can from these hints.
    """

    def __init__(self, draft: Draft | None, hints: Sequence[Hint] = ()) -> None:
        super().__init__()
        self.draft = draft
        self.hints = list(hints)


class ChangeContact(Message):
    """Save ``change`` to one contact; ``note`` says what was done, in words, once it is saved."""

    def __init__(self, contact_id: str, change: ContactChange, note: str) -> None:
        super().__init__()
        self.contact_id = contact_id
        self.change = change
        self.note = note


class AddContact(Message):
    """Save someone new."""

    def __init__(self, contact: Contact) -> None:
        super().__init__()
        self.contact = contact


class SaveEdit(Message):
    """Save the edit form: ``edited`` over ``original`` (the app asks if the file changed meanwhile)."""

    def __init__(self, original: ContactRecord, edited: Contact) -> None:
        super().__init__()
        self.original = original
        self.edited = edited


class DeleteContact(Message):
    """Delete this contact (the user confirmed; undo brings them back)."""

    def __init__(self, contact_id: str) -> None:
        super().__init__()
        self.contact_id = contact_id


class MergeContacts(Message):
    """Merge ``other`` into ``keep`` (the same person, entered twice): ``other`` is removed."""

    def __init__(self, keep_id: str, other_id: str) -> None:
        super().__init__()
        self.keep_id = keep_id
        self.other_id = other_id
