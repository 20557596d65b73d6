"""The words netcoach uses for stages, interactions, channels and messages.

Plain enums with no dependencies, so the fast command-line paths (``netcoach due``) can use
them without loading the validation machinery. :mod:`netcoach.model.contact` re-exports them.
"""

from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    """Where a relationship stands."""

    NEW = "new"
    IN_TOUCH = "in_touch"
    RESTING = "resting"  # no reply after nudges: let it rest, reconnect lightly later
    NOT_NOW = "not_now"  # the right person at the wrong time: the door stays open
    ARCHIVED = "archived"


class InteractionKind(StrEnum):
    MET = "met"
    SENT = "sent"
    RECEIVED = "received"
    MEETING = "meeting"
    CALL = "call"
    NOTE = "note"  # the user's own note, not contact


class Channel(StrEnum):
    EMAIL = "email"
    LINKEDIN = "linkedin"
    PHONE = "phone"
    IN_PERSON = "in_person"
    TEXT = "text"
    OTHER = "other"


class MessageKind(StrEnum):
    """The kinds of message netcoach suggests and drafts."""

    THANK_YOU = "thank_you"
    FOLLOW_UP = "follow_up"
    INFO_INTERVIEW = "info_interview"
    NUDGE = "nudge"
    REPLY = "reply"
    RECONNECT = "reconnect"
    KEEP_IN_TOUCH = "keep_in_touch"
    NOT_NOW = "not_now"
    CLOSE_THE_LOOP = "close_the_loop"  # tell who introduced you that it happened, and thank them
    INTRO_ASK = "intro_ask"  # would you like an introduction to OTHER? (double opt-in)
    INTRO = "intro"  # the introduction itself, to both


class TaskKind(StrEnum):
    """Follow-ups that are not a message to draft: something to do, or someone to wait for.

    They share ``due`` / ``--json`` / Today with the message kinds (a follow-up's ``kind`` is a
    :class:`MessageKind` or a :class:`TaskKind`), and their values never collide with those.
    """

    EVENT_PREP = "event_prep"  # the business day before an event: your goal, who may be there
    EVENT_DEBRIEF = "event_debrief"  # the day after an event: who did you meet?
    PROMISE = "promise"  # something you said you would do
    WAITING_ON = "waiting_on"  # something they said they would do, not received by its date


class Outcome(StrEnum):
    """What the user expected from a message, or what really happened."""

    NO_REPLY = "no_reply"
    POLITE_NO = "polite_no"
    REPLY = "reply"
    REAL_HELP = "real_help"


ANSWERS: frozenset[InteractionKind] = frozenset(
    {InteractionKind.RECEIVED, InteractionKind.MEETING, InteractionKind.CALL}
)
"""The interactions that answer a message: they wrote back, you met, or you talked.

An answer ends the wait for a reply (the timing engine, the evidence), brings a new or resting
contact into ``in_touch`` (:func:`netcoach.model.changes.log_interaction`) and counts as a reply
received in the weekly activity.
"""
