"""Coaching hints: a pure function of the message and its context, fast enough for every keystroke.

:func:`coach` returns the hints that apply to this kind of message, each with a stable ``id``,
a one-line ``message`` saying why, and ``ok`` (passing), so a hint can show as resolved once
the user fixes it. Which hints apply depends only on the context (kind, tone, channel,
contact, first message), never on the text, so the list does not jump about while typing.

Speed: regular expressions are slow to sweep over a whole message in Python, so the message
is split into a set of words once, each phrase family names its trigger words, and a family's
compiled pattern runs only in a small window around a trigger word that is there. A 200-word
message takes well under a millisecond (``benchmarks/bench_coaching.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from netcoach.coach.give_take import asked_without_offering
from netcoach.coach.placeholders import MARKER_FIELDS, MARKER_PATTERN, PLACEHOLDER_HELP
from netcoach.coach.templates import Tone, is_short
from netcoach.model.contact import Contact
from netcoach.model.kinds import Channel, InteractionKind, MessageKind

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
    "vague_ask",
    "asked_twice",
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
    MessageKind.CLOSE_THE_LOOP: 120,
    MessageKind.INTRO_ASK: 150,
    MessageKind.INTRO: 150,
}
"""Words in an e-mail body before it reads as long (a first message: at most 150)."""

_WINDOW_BEFORE = 40
_WINDOW_AFTER = 60


_SEPARATORS = str.maketrans({ch: " " for ch in '!"#$%&()*+,./:;<=>?@[\\]^_`{|}~-\u2013\u2014\u2026'})


def _words(low: str) -> frozenset[str]:
    """The words in lower-cased text, punctuation dropped (apostrophes kept: "don't")."""
    return frozenset(low.translate(_SEPARATORS).split())


class Phrases:
    """A family of phrases: trigger words (every phrase contains one), and a regular expression.

    Only a trigger word that is in the message's word set is looked for with ``str.find``,
    and the regex runs only in a small window around it: much faster than sweeping the text.
    """

    def __init__(self, triggers: str, pattern: str) -> None:
        self.triggers = tuple(triggers.split())
        self.pattern = re.compile(pattern, re.VERBOSE)

    def search(self, low: str, words: frozenset[str]) -> re.Match[str] | None:
        """The earliest phrase in ``low`` (lower-cased text whose words are ``words``), or ``None``."""
        best: re.Match[str] | None = None
        for trigger in self.triggers:
            if trigger not in words:
                continue
            at = low.find(trigger)
            while at >= 0 and (best is None or at < best.end()):
                window = self.pattern.finditer(low, max(0, at - _WINDOW_BEFORE), at + len(trigger) + _WINDOW_AFTER)
                found = next((m for m in window if m.start() <= at < m.end()), None)
                if found is not None:
                    if best is None or found.start() < best.start():
                        best = found
                    break
                at = low.find(trigger, at + 1)
        return best


_ASK = Phrases(
    "would could can might may min mins minute minutes coffee call chat conversation meeting introduce introduction tip tips advice pointers thoughts suggestions recommendations feedback brain know free around open up available",
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
)

_OFFER = Phrases(
    "happy glad delighted keen pleased return can could will i'll treat me yours",
    r"""
    \b(?:happy|glad|delighted|keen|pleased)\s+to\s+(?:help|share|send|introduce|pass|return|connect|make|buy|lend|give|offer)\b
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
)

_VAGUE = Phrases(
    "pick brain any anything advice help tips pointers thoughts",
    r"""
    \bpick\s+your\s+brain\b
    | \bany\s+(?:advice|help|tips|pointers|thoughts)\b
    | \banything\s+you\s+(?:can|could)\s+(?:share|tell|offer)\b
    | \bhelp\s+me\s+out\b
    """,
)
"""An ask that does not say what you want ("pick your brain", "any advice")."""

_JOB = Phrases(
    "refer referral referrals word hiring hire job jobs position positions opening openings role roles vacancy vacancies resume résumé cv apply applying applied looking foot",
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
)

_APOLOGY = Phrases(
    "sorry just know hate don't apologise apologize apologising apologizing forgive",
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
)

_SLANG = Phrases(
    "gonna wanna gotta kinda lol lmao haha hahaha btw thx omg tbh yeah yep nope",
    r"\b(?:gonna|wanna|gotta|kinda|lol|lmao|haha+|btw|thx|omg|tbh|yeah|yep|nope)\b",
)
_EMOJI = re.compile("[\U0001f300-\U0001faff\u263a\u2764]")

_GREETING = re.compile(
    r"\s*(hey|hiya|heya|yo|howdy|sup|hi|hello|dear|good\s+(?:morning|afternoon|evening)|greetings|to\s+whom\s+it\s+may\s+concern)\b",
    re.IGNORECASE,
)
_CASUAL_GREETINGS = frozenset({"hey", "hiya", "heya", "yo", "howdy", "sup"})
_FORMAL_GREETINGS = ("dear", "good", "greetings", "to whom")
_CASUAL_SIGN_OFFS = frozenset({"cheers", "talk soon", "ttyl", "later", "thx", "xx", "xxx", "xo", "xoxo"})
_FORMAL_SIGN_OFFS = frozenset(
    {"sincerely", "yours sincerely", "yours faithfully", "yours truly", "respectfully", "with respect"}
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
_NOT_WORDS = (" - ", " – ", " — ", " & ")


@lru_cache(maxsize=256)
def _key_words(phrase: str) -> tuple[str, ...]:
    folded = phrase.casefold().replace("\u2019", "'").translate(_SEPARATORS).split()
    return tuple(w for w in dict.fromkeys(folded) if len(w) >= 2 and w not in _STOP)


def _mentions(phrase: str, low: str, words: frozenset[str]) -> bool:
    """Does the text mention the phrase: in full, or at least half of its key words?"""
    folded = " ".join(phrase.casefold().split()).removeprefix("the ")
    if not folded:
        return False
    if folded in low:
        return True
    keys = _key_words(phrase)
    present = sum(1 for word in keys if word in words)
    return present > 0 and present * 2 >= len(keys)


@lru_cache(maxsize=64)
def _marker_pattern(markers: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(m) for m in markers if m) or r"(?!)")


def _quote(original: str, low: str, found: re.Match[str]) -> str:
    """The phrase as the user typed it (case kept), in quotes."""
    text = original[found.start() : found.end()] if len(original) == len(low) else found.group(0)
    return '"' + " ".join(text.split()) + '"'


def word_count(text: str) -> int:
    """Words as a reader counts them: "don't" and "20-minute" are one each, a lone dash is none."""
    return len(text.split()) - sum(text.count(sign) for sign in _NOT_WORDS)


# -- the coach ---------------------------------------------------------------------------------

_ASKING_KINDS = frozenset({MessageKind.FOLLOW_UP, MessageKind.INFO_INTERVIEW, MessageKind.NUDGE, MessageKind.RECONNECT})
_CONTEXT_KINDS = frozenset({MessageKind.FOLLOW_UP, MessageKind.INFO_INTERVIEW, MessageKind.RECONNECT})
_NO_OFFER_NEEDED = frozenset(
    {
        MessageKind.NUDGE,
        MessageKind.THANK_YOU,
        MessageKind.NOT_NOW,
        MessageKind.CLOSE_THE_LOOP,  # a thank-you
        MessageKind.INTRO_ASK,  # the offer is the introduction
        MessageKind.INTRO,
    }
)


SET_ONCE = {
    "my_name": " Set your name once: ctrl+p, 'settings: Your name and signature' (or [user] name in config.toml).",
    "signature": " Set it once: ctrl+p, 'settings: Your name and signature' (or [user] signature in config.toml).",
}
"""Where to set the values that come from the user's settings, not from the contact."""


def _markers_hint(full: str, context: CoachContext) -> Hint:
    found: list[str] = []
    if "[" in full:
        pattern = MARKER_PATTERN if context.markers is None else _marker_pattern(context.markers)
        found = pattern.findall(full)
    elif context.markers is not None:
        found = _marker_pattern(context.markers).findall(full)
    if not found:
        return Hint("unfilled_markers", True, "Every blank is filled in.")
    first = found[0]
    field = MARKER_FIELDS.get(first, "")
    what = PLACEHOLDER_HELP.get(field, "")
    about = f" ({what.split(' (')[0]})" if what and field != "your_words" else ""
    more = f", and {len(found) - 1} more" if len(found) > 1 else ""
    where = SET_ONCE.get(field, "")
    return Hint("unfilled_markers", False, f"Fill in or delete {first}{about}{more} before sending.{where}")


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


def _sign_off(body: str, sign_offs: frozenset[str]) -> str:
    for line in body.splitlines():
        if len(line) <= 24:
            key = " ".join(line.strip().rstrip(",.!").split())
            if key.casefold() in sign_offs:
                return key
    return ""


def _tone_hint(body: str, low: str, words: frozenset[str], tone: Tone) -> Hint:
    greeting = _GREETING.match(body)
    word = greeting.group(1) if greeting else ""
    folded = " ".join(word.casefold().split())
    if tone is Tone.FORMAL:
        if folded in _CASUAL_GREETINGS:
            return Hint("tone_mismatch", False, f'"{word}" sounds casual for a formal message: "Dear" or "Hello" fits.')
        sign_off = _sign_off(body, _CASUAL_SIGN_OFFS)
        if sign_off:
            return Hint(
                "tone_mismatch", False, f'"{sign_off}" sounds casual for a formal message: "Kind regards" fits.'
            )
        slang = _SLANG.search(low, words)
        if slang:
            return Hint("tone_mismatch", False, f'"{slang.group(0)}" sounds casual for a formal message.')
        emoji = None if body.isascii() else _EMOJI.search(body)
        if emoji:
            return Hint("tone_mismatch", False, f"{emoji.group(0)} sounds casual for a formal message.")
    else:
        if folded.startswith(_FORMAL_GREETINGS):
            return Hint("tone_mismatch", False, f'"{word}" sounds formal for a casual message: "Hi" fits.')
        sign_off = _sign_off(body, _FORMAL_SIGN_OFFS)
        if sign_off:
            return Hint(
                "tone_mismatch", False, f'"{sign_off}" sounds stiff for a casual message: "Best" or "Thanks" fits.'
            )
    return Hint("tone_mismatch", True, f"Greeting and sign-off suit a {tone.value} message.")


def coach(subject: str, body: str, context: CoachContext) -> list[Hint]:
    """The hints that apply to this message, in :data:`HINT_IDS` order, each passing or not."""
    full = f"{subject}\n{body}" if subject else body
    low = full.casefold().replace("\u2019", "'")
    body_low = low[len(full) - len(body) :] if len(low) == len(full) else body.casefold().replace("\u2019", "'")
    words = _words(low)
    contact = context.contact
    hints = [_markers_hint(full, context), _length_hint(body, context)]

    asks = _ASK.search(low, words)
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
        job = _JOB.search(low, words)
        if job:
            phrase = _quote(full, low, job)
            message = f"{phrase} is a job ask: in a first message, ask to learn; job talk comes later, from them."
            hints.append(Hint("job_ask", False, message))
        else:
            hints.append(Hint("job_ask", True, "No job or referral ask: right for a first message."))

    if context.kind not in _NO_OFFER_NEEDED:
        if not asks:
            hints.append(Hint("nothing_offered", True, "No ask here, so nothing is owed."))
        else:
            offer = contact.i_can_offer if contact else ""
            if _OFFER.search(low, words) or (offer and _mentions(offer, low, words)):
                hints.append(Hint("nothing_offered", True, "You offer something back."))
            else:
                idea = (
                    f" (you noted: {' '.join(offer.split())[:60]})" if offer else " (your notes, an article, an intro)"
                )
                hints.append(
                    Hint("nothing_offered", False, f"You ask but offer nothing back: add one small thing{idea}.")
                )

    if contact is not None and (contact.met_at or contact.common_ground) and context.kind in _CONTEXT_KINDS:
        phrases = [contact.met_at, *contact.common_ground]
        if any(_mentions(phrase, low, words) for phrase in phrases if phrase):
            hints.append(Hint("no_shared_context", True, "Reminds them where you met or what you share."))
        else:
            if contact.met_at and contact.common_ground:
                where = f"where you met ({contact.met_at}) or what you share ({contact.common_ground[0]})"
            elif contact.met_at:
                where = f"where you met ({contact.met_at})"
            else:
                where = f"what you share ({contact.common_ground[0]})"
            hints.append(Hint("no_shared_context", False, f"Mention {where}, so they can place you."))

    apology = _APOLOGY.search(low, words)
    if apology:
        phrase = _quote(full, low, apology)
        hints.append(Hint("over_apology", False, f"{phrase} sells you short: you are not a bother, so drop it."))
    else:
        hints.append(Hint("over_apology", True, "No apologising for writing: you are not a bother."))

    bangs = full.count("!")
    if bangs > 2:
        hints.append(Hint("exclamations", False, f"{bangs} exclamation marks: one or two keep each one warm."))
    else:
        hints.append(Hint("exclamations", True, "Calm punctuation."))

    hints.append(_tone_hint(body, body_low, words, context.tone))

    if context.kind in _ASKING_KINDS:
        vague = _VAGUE.search(low, words)
        if vague:
            phrase = _quote(full, low, vague)
            hints.append(Hint("vague_ask", False, f"{phrase}: what would a good answer look like? Name one thing."))
        else:
            hints.append(Hint("vague_ask", True, "The ask says what you want."))

    if contact is not None:
        if asked_without_offering(contact) and not _OFFER.search(low, words):
            hints.append(Hint("asked_twice", False, "You've asked twice; is there something you can offer?"))
        else:
            hints.append(Hint("asked_twice", True, "Not only asking: give and take."))
    return hints
