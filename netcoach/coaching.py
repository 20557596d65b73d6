"""Coaching hints: a pure function of the message and its context, fast enough for every keystroke.

:func:`coach` returns the hints that apply to this kind of message, each with a stable ``id``,
a one-line ``message`` saying why, and ``ok`` (passing), so a hint can show as resolved once
the user fixes it. Which hints apply depends only on the context (kind, tone, channel,
contact, first message), never on the text, so the list does not jump about while typing.

Every pattern is compiled once at import; a 200-word message takes well under a millisecond.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from netcoach.models import Channel, Contact, InteractionKind, MessageKind
from netcoach.templates import MARKER_FIELDS, MARKER_PATTERN, PLACEHOLDER_HELP, Tone, is_short

HINT_IDS: tuple[str, ...] = (
    "unfilled_markers",
    "too_long",
    "no_ask",
    "job_ask",
    "nothing_offered",
    "no_shared_context",
    "over_apology",
    "exclamations",
    "tone_mismatch",
)
"""Every hint id, in the order :func:`coach` returns them."""


@dataclass(frozen=True, slots=True)
class Hint:
    """One piece of coaching: ``ok`` is True when the message passes it."""

    id: str
    ok: bool
    message: str


@dataclass(frozen=True)
class CoachContext:
    """What the coach knows besides the text."""

    kind: MessageKind = MessageKind.FOLLOW_UP
    tone: Tone = Tone.CASUAL
    channel: Channel = Channel.EMAIL
    contact: Contact | None = None
    first_message: bool = True  # nothing sent to this person yet
    markers: tuple[str, ...] | None = None  # marker texts to look for; None: every placeholder's marker


def is_first_message(contact: Contact | None) -> bool:
    """Nothing has been sent to this person yet."""
    return contact is None or not any(i.kind is InteractionKind.SENT for i in contact.interactions)


def context_for(
    contact: Contact | None,
    kind: MessageKind | str,
    tone: Tone | str,
    channel: Channel | str = Channel.EMAIL,
) -> CoachContext:
    """The coaching context for a draft to ``contact``."""
    return CoachContext(
        kind=MessageKind(kind),
        tone=Tone(tone),
        channel=Channel(channel),
        contact=contact,
        first_message=is_first_message(contact),
    )


# -- what the hints look for -------------------------------------------------------------------

_FLAGS = re.IGNORECASE | re.VERBOSE

_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")

SHORT_LIMIT = 60
FIRST_MESSAGE_LIMIT = 150
EMAIL_LIMITS: dict[MessageKind, int] = {
    MessageKind.THANK_YOU: 120,
    MessageKind.FOLLOW_UP: 150,
    MessageKind.INFO_INTERVIEW: 150,
    MessageKind.NUDGE: 100,
    MessageKind.REPLY: 200,
    MessageKind.RECONNECT: 150,
    MessageKind.KEEP_IN_TOUCH: 150,
    MessageKind.NOT_NOW: 120,
}
"""Words in an e-mail body before it reads as long (a first message: at most 150)."""

_ASK = re.compile(
    r"""
    \b(?:would|could|can|might|may)\s+(?:you|we|i)\b
    | \b(?:\d{1,3}|five|ten|fifteen|twenty|thirty)[\s-]?min(?:ute)?s?\b
    | \bcoffee\b
    | \b(?:a|quick|short|brief)\s+(?:call|chat|conversation|meeting)\b
    | \bintroduc(?:e|tion)\b
    | \b(?:any|a\s+few|some|your)\s+(?:tips?|advice|pointers|thoughts|suggestions|recommendations|feedback)\b
    | \bpick\s+your\s+brain\b
    | \bdo\s+you\s+know\s+(?:anyone|someone|of)\b
    | \b(?:are|were)\s+you\s+(?:free|around|open|up\s+for|available)\b
    """,
    _FLAGS,
)

_OFFER = re.compile(
    r"""
    \b(?:happy|glad|delighted|keen|pleased)\s+to\s+(?:help|share|send|introduce|pass|return|connect|make|buy|lend|give|offer|return)\b
    | \bin\s+return\b
    | \breturn\s+the\s+favou?r\b
    | \b(?:anything|something|any\s+way|anywhere)\s+i\s+(?:can|could)\b
    | \bif\s+i\s+can\s+(?:ever\s+)?(?:help|return|be\s+of|do|send|share)\b
    | \bi(?:'d|\s+would|'ll|\s+will|\s+can|\s+could)\s+(?:be\s+)?(?:happy|glad|delighted)\s+to\b
    | \bi(?:'ll|\s+will|\s+can|\s+could)\s+(?:send|share|introduce|pass|forward|lend)\b
    | \b(?:my|the)\s+treat\b | \bon\s+me\b
    | \bit's\s+yours\b
    | \blike\s+me\s+to\b
    """,
    _FLAGS,
)

_JOB = re.compile(
    r"""
    \brefer(?:ral)?s?\s+me\b | \breferrals?\b
    | \bput\s+in\s+a\s+(?:good\s+)?word\b
    | \bhiring\b | \bhire\s+me\b
    | \b(?:any|open|available)\s+(?:jobs?|positions?|openings?|roles?|vacanc(?:y|ies))\b
    | \ba\s+(?:job|vacancy)\b | \bthe\s+(?:job|vacancy)\s+(?:at|on|with|in)\b
    | \bjob\s+(?:openings?|opportunit(?:y|ies)|offers?|search|hunt|applications?|listings?|postings?|leads?)\b
    | \b(?:my|attached|enclosed|a\s+copy\s+of\s+my)\s+(?:resume|résumé|cv)\b
    | \b(?:apply|applying|applied)\s+(?:for|to)\s+(?:a|an|the|your|one)\b
    | \blooking\s+for\s+(?:a\s+|an\s+)?(?:job|work|new\s+role|position)
    | \bfoot\s+in\s+the\s+door\b
    """,
    _FLAGS,
)

_APOLOGY = re.compile(
    r"""
    \bsorry\s+(?:to|for)\s+(?:bother(?:ing)?|troubl(?:e|ing)|disturb(?:ing)?|intrud(?:e|ing)|the\s+intrusion
        |bug(?:ging)?|pester(?:ing)?|reach(?:ing)?\s+out|the\s+(?:bother|trouble)|taking\s+(?:up\s+)?your\s+time
        |writing|(?:the|this)\s+(?:long|random|unsolicited|out[\s-]of[\s-]the[\s-]blue))
    | \bsorry\s+if\s+(?:this|i)\b
    | \bjust\s+(?:checking|circling|following|touching)\s+(?:in|back|up|base)\b
    | \bi\s+know\s+(?:you(?:'re|\s+are|\s+must\s+be)|how)\s+(?:very\s+|so\s+|really\s+|super\s+|incredibly\s+)?(?:busy|swamped|slammed)\b
    | \bi\s+know\s+your\s+time\s+is\s+(?:precious|valuable|limited)\b
    | \bhate\s+to\s+(?:bother|bug|ask|intrude|impose)\b
    | \bdon't\s+(?:want|mean)\s+to\s+(?:bother|be\s+a\s+bother|take\s+up|pester|impose|intrude)\b
    | \bapologi[sz]e\s+(?:for\s+(?:bothering|the\s+intrusion|reaching\s+out|the\s+bother|taking)|if\s+this)\b
    | \bforgive\s+(?:me\s+for|the\s+intrusion)\b
    """,
    _FLAGS,
)

_GREETING = re.compile(
    r"^\s*(hey|hiya|heya|yo|howdy|sup|hi|hello|dear|good\s+(?:morning|afternoon|evening)|greetings|to\s+whom\s+it\s+may\s+concern)\b",
    re.IGNORECASE,
)
_CASUAL_GREETINGS = frozenset({"hey", "hiya", "heya", "yo", "howdy", "sup"})
_FORMAL_GREETINGS = ("dear", "good", "greetings", "to whom")
_CASUAL_SIGN_OFF = re.compile(
    r"^[ \t]*(cheers|talk\s+soon|ttyl|later|xx+|xo+|thx)\b[,!.]*[ \t]*$", re.IGNORECASE | re.MULTILINE
)
_FORMAL_SIGN_OFF = re.compile(
    r"^[ \t]*(sincerely|yours\s+(?:sincerely|faithfully|truly)|respectfully|with\s+respect)\b[,.]*[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_SLANG = re.compile(
    r"\b(gonna|wanna|gotta|kinda|lol|lmao|haha+|btw|thx|omg|tbh|yeah|yep|nope)\b"
    "|[\U0001f300-\U0001faff\u263a\u2764]",
    re.IGNORECASE,
)

_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "at",
        "in",
        "on",
        "to",
        "for",
        "with",
        "from",
        "by",
        "our",
        "we",
        "us",
        "you",
        "your",
        "my",
        "me",
        "is",
        "was",
        "were",
        "be",
        "same",
        "both",
        "into",
        "about",
        "this",
        "that",
        "who",
        "how",
        "what",
    ]
)


@lru_cache(maxsize=256)
def _key_words(phrase: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(phrase.casefold()) if len(w) >= 2 and w not in _STOP)


def _mentions(phrase: str, text: str, words: frozenset[str]) -> bool:
    """Does the text mention the phrase: in full, or at least half of its key words?"""
    if not phrase:
        return False
    folded = phrase.casefold().removeprefix("the ").strip()
    if folded and folded in text:
        return True
    keys = _key_words(phrase)
    present = sum(1 for word in keys if word in words)
    return present > 0 and present * 2 >= len(keys)


@lru_cache(maxsize=64)
def _marker_pattern(markers: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(m) for m in markers if m) or r"(?!)")


def _quote(text: str) -> str:
    return '"' + " ".join(text.split()) + '"'


def word_count(text: str) -> int:
    """Words as a reader counts them ("don't" and "20-minute" are one each)."""
    return len(_WORD.findall(text))


# -- the coach ---------------------------------------------------------------------------------

_ASKING_KINDS = frozenset({MessageKind.FOLLOW_UP, MessageKind.INFO_INTERVIEW, MessageKind.NUDGE, MessageKind.RECONNECT})
_CONTEXT_KINDS = frozenset({MessageKind.FOLLOW_UP, MessageKind.INFO_INTERVIEW, MessageKind.RECONNECT})
_NO_OFFER_NEEDED = frozenset({MessageKind.NUDGE, MessageKind.THANK_YOU, MessageKind.NOT_NOW})


def _markers_hint(full: str, context: CoachContext) -> Hint:
    pattern = MARKER_PATTERN if context.markers is None else _marker_pattern(context.markers)
    found = [m.group(0) for m in pattern.finditer(full)]
    if not found:
        return Hint("unfilled_markers", True, "Every blank is filled in.")
    first = found[0]
    what = PLACEHOLDER_HELP.get(MARKER_FIELDS.get(first, ""), "")
    about = f" ({what.split(' (')[0]})" if what and MARKER_FIELDS.get(first) != "your_words" else ""
    more = f", and {len(found) - 1} more" if len(found) > 1 else ""
    return Hint("unfilled_markers", False, f"Fill in or delete {first}{about}{more} before sending.")


def _length_hint(body: str, context: CoachContext) -> Hint:
    count = word_count(body)
    if is_short(context.channel):
        limit, what = SHORT_LIMIT, "a short message"
    elif context.first_message:
        limit, what = min(EMAIL_LIMITS[context.kind], FIRST_MESSAGE_LIMIT), "a first message"
    else:
        limit, what = EMAIL_LIMITS[context.kind], "this kind of message"
    noun = "word" if count == 1 else "words"
    if count > limit:
        return Hint("too_long", False, f"{count} {noun}: {what} reads best under {limit}. Keep one idea and one ask.")
    return Hint("too_long", True, f"{count} {noun}: easy to read on a phone.")


def _tone_hint(body: str, tone: Tone) -> Hint:
    greeting = _GREETING.match(body)
    word = greeting.group(1) if greeting else ""
    folded = " ".join(word.casefold().split())
    if tone is Tone.FORMAL:
        if folded in _CASUAL_GREETINGS:
            return Hint("tone_mismatch", False, f'"{word}" sounds casual for a formal message: "Dear" or "Hello" fits.')
        sign_off = _CASUAL_SIGN_OFF.search(body)
        if sign_off:
            return Hint(
                "tone_mismatch",
                False,
                f'"{sign_off.group(1)}" sounds casual for a formal message: "Kind regards" fits.',
            )
        slang = _SLANG.search(body)
        if slang:
            return Hint("tone_mismatch", False, f'"{slang.group(0)}" sounds casual for a formal message.')
    else:
        if folded.startswith(_FORMAL_GREETINGS):
            return Hint("tone_mismatch", False, f'"{word}" sounds formal for a casual message: "Hi" fits.')
        sign_off = _FORMAL_SIGN_OFF.search(body)
        if sign_off:
            return Hint(
                "tone_mismatch",
                False,
                f'"{sign_off.group(1)}" sounds stiff for a casual message: "Best" or "Thanks" fits.',
            )
    return Hint("tone_mismatch", True, f"Greeting and sign-off suit a {tone.value} message.")


def coach(subject: str, body: str, context: CoachContext) -> list[Hint]:
    """The hints that apply to this message, in :data:`HINT_IDS` order, each passing or not."""
    full = f"{subject}\n{body}".replace("\u2019", "'") if subject else body.replace("\u2019", "'")
    body = body.replace("\u2019", "'")
    contact = context.contact
    hints = [_markers_hint(full, context), _length_hint(body, context)]

    asks = _ASK.search(full)
    if context.kind in _ASKING_KINDS:
        if asks or "?" in full:
            hints.append(Hint("no_ask", True, "There is a question or a small ask for them."))
        else:
            hints.append(
                Hint(
                    "no_ask", False, "No question or small ask yet: end with one easy yes (20 minutes, a tip, a name)."
                )
            )

    if context.first_message:
        job = _JOB.search(full)
        if job:
            hints.append(
                Hint(
                    "job_ask",
                    False,
                    f"{_quote(job.group(0))} is a job ask: in a first message, ask to learn; job talk comes later, from them.",
                )
            )
        else:
            hints.append(Hint("job_ask", True, "No job or referral ask: right for a first message."))

    folded = full.casefold()
    words: frozenset[str] | None = None
    if context.kind not in _NO_OFFER_NEEDED:
        if not asks:
            hints.append(Hint("nothing_offered", True, "No ask here, so nothing is owed."))
        else:
            offer = contact.i_can_offer if contact else ""
            offered = bool(_OFFER.search(full))
            if not offered and offer:
                words = frozenset(_WORD.findall(folded))
                offered = _mentions(offer, folded, words)
            if offered:
                hints.append(Hint("nothing_offered", True, "You offer something back."))
            else:
                idea = (
                    f" (you noted: {' '.join(offer.split())[:60]})" if offer else " (your notes, an article, an intro)"
                )
                hints.append(
                    Hint("nothing_offered", False, f"You ask but offer nothing back: add one small thing{idea}.")
                )

    if contact is not None and (contact.met_at or contact.common_ground) and context.kind in _CONTEXT_KINDS:
        if words is None:
            words = frozenset(_WORD.findall(folded))
        phrases = [contact.met_at, *contact.common_ground]
        if any(_mentions(phrase, folded, words) for phrase in phrases if phrase):
            hints.append(Hint("no_shared_context", True, "Reminds them where you met or what you share."))
        else:
            where = f"where you met ({contact.met_at})" if contact.met_at else "what you share"
            if contact.met_at and contact.common_ground:
                where += f" or what you share ({contact.common_ground[0]})"
            elif contact.common_ground:
                where = f"what you share ({contact.common_ground[0]})"
            hints.append(Hint("no_shared_context", False, f"Mention {where}, so they can place you."))

    apology = _APOLOGY.search(full)
    if apology:
        hints.append(
            Hint(
                "over_apology", False, f"{_quote(apology.group(0))} sells you short: you are not a bother, so drop it."
            )
        )
    else:
        hints.append(Hint("over_apology", True, "No apologising for writing: you are not a bother."))

    bangs = full.count("!")
    if bangs > 2:
        hints.append(Hint("exclamations", False, f"{bangs} exclamation marks: one or two keep each one warm."))
    else:
        hints.append(Hint("exclamations", True, "Calm punctuation."))

    hints.append(_tone_hint(body, context.tone))
    return hints
