"""Drafts in progress: ``<data>/drafts/<contact-id>.toml``, one per contact.

A draft is saved atomically through the store (temp file, fsync, rename, under the lock),
so a dropped SSH connection or a kill at any moment leaves the previous draft or the new
one, never half of one. A draft file that fails to load is reported and never rewritten:
saving over it is refused until the user fixes or deletes it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from netcoach.coach.rendering import Rendered
from netcoach.coach.templates import Tone, is_short
from netcoach.model.changes import add_promise, log_interaction
from netcoach.model.contact import Contact, Interaction, Promise
from netcoach.model.fields import FreeText, OneLine
from netcoach.model.kinds import Channel, InteractionKind, MessageKind
from netcoach.model.problem import FileProblem, Problem
from netcoach.storage.errors import UnsafePath
from netcoach.storage.store import Store
from netcoach.storage.tomlfile import compact, read_user_file, to_toml
from netcoach.timing.engine import FollowUp, follow_up
from netcoach.timing.promises import default_by
from netcoach.timing.rules import TimingRules

DRAFTS_FOLDER = "drafts"
_CONTACT_ID = re.compile(r"^[^/\\\x00.][^/\\\x00]{0,199}$")


def _contact_id(value: str) -> str:
    if not _CONTACT_ID.match(value):
        raise ValueError("must be a contact's id (its file name without .toml)")
    return value


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone().replace(microsecond=0)


class Draft(BaseModel):
    """A message being written to one contact."""

    model_config = ConfigDict(extra="forbid")

    contact_id: Annotated[str, AfterValidator(_contact_id)] = Field(description="The contact's id (file name).")
    kind: MessageKind
    tone: Tone = Tone.CASUAL
    channel: Channel = Channel.EMAIL
    subject: OneLine = ""
    body: FreeText = ""
    template_id: OneLine = Field("", description="The template it started from.")
    edited: bool = Field(False, description="Changed by hand since it was rendered (re-render only if not).")
    updated: dt.datetime = Field(default_factory=_now, description="When it was last saved.")


def draft_from(rendered: Rendered, contact_id: str, *, edited: bool = False) -> Draft:
    """A draft holding a freshly rendered template."""
    return Draft(
        contact_id=contact_id,
        kind=rendered.kind,
        tone=rendered.tone,
        channel=rendered.channel,
        subject=rendered.subject,
        body=rendered.body,
        template_id=rendered.template_id,
        edited=edited,
    )


def draft_relative(contact_id: str) -> str:
    """The draft file's path inside the data folder."""
    return f"{DRAFTS_FOLDER}/{_contact_id(contact_id)}.toml"


def draft_toml(draft: Draft) -> str:
    """The TOML text of a draft: fields in a fixed order, the body as a multi-line string."""
    data: dict[str, Any] = draft.model_dump(mode="python")
    return to_toml(compact(data, keep=("contact_id", "kind", "tone", "channel", "edited", "updated")))


def _read(store: Store, contact_id: str) -> Draft | None:
    path = store.root / draft_relative(contact_id)
    found = read_user_file(path, Draft, missing_ok=True, within=store.root)  # never through a link
    if found is None:
        return None
    draft = found.model
    if draft.contact_id != contact_id:  # a file copied or renamed by hand: the file name wins
        draft = draft.model_copy(update={"contact_id": contact_id})
    return draft


def load_draft(store: Store, contact_id: str) -> Draft | None:
    """The saved draft for this contact, or ``None``. A broken file raises :class:`FileProblem`."""
    return _read(store, contact_id)


def save_draft(store: Store, draft: Draft, now: dt.datetime | None = None) -> Draft:
    """Save atomically (stamped ``now``, else the current time); returns the draft as saved.

    Raises :class:`FileProblem` if a draft file for this contact exists but does not load:
    it is left as it is until the user fixes or deletes it.
    """
    stamped = Draft.model_validate({**draft.model_dump(), "updated": now or _now()})
    with store.folder.locked():
        try:
            _read(store, stamped.contact_id)
        except FileProblem as problem:
            p = problem.problem
            raise FileProblem(
                Problem(p.path, p.line, p.col, f"{p.message} (fix or delete this draft to save a new one)")
            ) from None
        store.folder.save_file(draft_relative(stamped.contact_id), draft_toml(stamped))
    return stamped


def delete_draft(store: Store, contact_id: str) -> bool:
    """Remove the contact's draft (sent, or thrown away); False if there was none."""
    return bool(store.folder.delete_file(draft_relative(contact_id)))


def load_drafts(store: Store) -> tuple[list[Draft], list[Problem]]:
    """Every saved draft, and a problem for each draft file that does not load."""
    drafts: list[Draft] = []
    problems: list[Problem] = []
    folder = store.root / DRAFTS_FOLDER
    try:
        names = store.folder.names(DRAFTS_FOLDER)  # a drafts/ that is a link is never followed
    except UnsafePath as error:
        return [], [Problem(error.path, 1, 1, error.reason)]
    except OSError as error:
        return [], [Problem(folder, 1, 1, f"cannot read this folder: {error.strerror or error}")]
    for name in names:
        try:
            draft = _read(store, name.removesuffix(".toml"))
        except FileProblem as problem:
            problems.append(problem.problem)
            continue
        if draft is not None:
            drafts.append(draft)
    return drafts, problems


# -- sending -----------------------------------------------------------------------------------

ASKING_KINDS = frozenset({MessageKind.FOLLOW_UP, MessageKind.INFO_INTERVIEW, MessageKind.NUDGE, MessageKind.INTRO_ASK})
"""Kinds of message that ask something, so they wait for a reply once sent."""

_GREETING_LINE = re.compile(
    r"^(?:hi|hey|hello|dear|hiya|good\s+(?:morning|afternoon|evening))\b[^.!?]{0,40}[,!]?$", re.I
)
SUMMARY_LENGTH = 80


def awaits_reply(kind: MessageKind | str) -> bool:
    """Does a sent message of this kind wait for a reply (and so, after a while, a nudge)?"""
    return MessageKind(kind) in ASKING_KINDS


def _shorten(text: str, limit: int = SUMMARY_LENGTH) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def summary_of(draft: Draft) -> str:
    """One line for the ``sent`` interaction: the subject for e-mail, else the first line after the greeting."""
    if draft.subject and not is_short(draft.channel):
        return _shorten(draft.subject)
    lines = [line.strip() for line in draft.body.splitlines() if line.strip()]
    for index, line in enumerate(lines):
        if index == 0 and _GREETING_LINE.match(line) and len(lines) > 1:
            continue
        return _shorten(line)
    return f"{draft.kind.value.replace('_', ' ').capitalize()} message"


def sent_interaction(draft: Draft, on: dt.date) -> Interaction:
    """The ``sent`` interaction to log when the user marks the draft as sent."""
    return Interaction(
        date=on,
        kind=InteractionKind.SENT,
        channel=draft.channel,
        summary=summary_of(draft),
        awaiting_reply=awaits_reply(draft.kind),
        message_kind=draft.kind,
    )


ANSWER_AWAITED = "say whether they would like the introduction"
"""What an introduction ask waits for (the courteous way: nobody is introduced before both say yes)."""


def log_sent(contact: Contact, sent: Interaction, kind: MessageKind, today: dt.date) -> Contact:
    """``contact`` with the message ``sent`` logged. Asking whether they would like an introduction
    (kind ``intro_ask``) also records the wait for their answer: a ``theirs`` promise, checked on
    after a week unless they write back first (:mod:`netcoach.timing.promises`)."""
    contact = log_interaction(contact, sent)
    if kind is MessageKind.INTRO_ASK:
        wait = Promise(text=ANSWER_AWAITED, by=default_by("theirs", today), whose="theirs", made_on=today)
        contact = add_promise(contact, wait)
    return contact


def after_sending(contact: Contact, sent: Interaction, today: dt.date, rules: TimingRules) -> FollowUp | None:
    """What the timing engine suggests once ``sent`` is logged with ``contact``: "if no reply, a nudge on ..."."""
    return follow_up(log_interaction(contact, sent), today, rules)
