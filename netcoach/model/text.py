"""Text hygiene for user data: everything typed or imported passes through here.

User data is untrusted: it may carry terminal escape sequences, control characters
or bidirectional overrides. We strip those before anything is stored or drawn
(:func:`clean_text`), and what was never cleaned (a file's name, a key in a file, a
parser's error) is shown with them made visible (:func:`terminal_safe`).
"""

from __future__ import annotations

import re
import unicodedata

from netcoach.model.digests import sha256_hex

# Bidirectional overrides and isolates can make text display differently from what it is.
_BIDI = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
# An ANSI/VT escape sequence (CSI, OSC, or a two-character ESC sequence) is removed whole,
# so no printable remains of it ("[31m") leak into the text.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI ... final byte
    r"|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC, DCS, SOS, PM, APC strings ... BEL or ST
    r"|\x1b[ -/]*[0-~]"  # other ESC sequences: optional intermediates, then a final byte (ESC c, ESC ( B)
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)

# Every character of Unicode category Cc (C0, DEL, C1) except tab and newline.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(value: str) -> str:
    """Remove escape sequences and control characters, keeping newlines and tabs.

    Carriage returns become newlines so Windows line endings survive as line breaks.
    """
    if value.isprintable():  # the common case: nothing to remove (no controls, escapes or overrides)
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _ESCAPE_SEQUENCE.sub("", value)
    value = value.translate(_BIDI)
    return _CONTROL.sub("", value)


def clean_line(value: str) -> str:
    """Like :func:`clean_text` for one-line fields: whitespace runs become one space."""
    if clean_line_already(value):
        return value
    return " ".join(clean_text(value).split())


def clean_line_already(value: str) -> bool:
    """Whether :func:`clean_line` gives ``value`` back as it is: printable (so the only space in it
    is " ", and there is nothing to remove), no two spaces together, none at either end."""
    return value.isprintable() and "  " not in value and value[:1] != " " and value[-1:] != " "


TERMINAL_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""What a terminal would act on instead of showing: C0, DEL, C1 and the bidirectional overrides."""
# The same, keeping newline, tab and a carriage return that ends a line (CRLF), for text of several lines.
_UNSAFE_MULTILINE = re.compile(r"\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _shown(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group(0)):04x}"


def terminal_safe(value: str, *, multiline: bool = False) -> str:
    """``value`` fit to print: every character a terminal would act on is shown instead, as ``\\u001b``.

    That is every control character (C0, DEL, C1) and the bidirectional overrides; with
    ``multiline``, newlines, tabs and CRLF line ends are kept. Anything else, cleaned text
    included, is unchanged. The escapes read the same in TOML and JSON strings, so a
    JSON string written through this stays valid and means the same. For every message
    that quotes what netcoach did not clean itself: file names, keys, ids, parser errors.
    """
    if value.isprintable():  # the common case: nothing to show differently
        return value
    if multiline and value.replace("\n", "").replace("\t", "").isprintable():  # many lines: 3x faster than the regex
        return value
    return (_UNSAFE_MULTILINE if multiline else TERMINAL_CONTROLS).sub(_shown, value)


def fold(value: str) -> str:
    """A search key: lower case, accents removed, spacing collapsed ("José  Díaz" -> "jose diaz")."""
    if value.isascii():  # the common case: NFKD leaves ASCII as it is, nothing combines, casefold is lower
        return " ".join(value.lower().split())
    decomposed = unicodedata.normalize("NFKD", value)
    if not decomposed.isascii():
        decomposed = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(decomposed.casefold().split())


def word_key(value: str) -> str:
    """Folded words between spaces, punctuation dropped ("Tech-Hub, Inc." -> " tech hub inc "),
    so that ``word_key(a) in word_key(b)`` asks whether a's words are words of b; "" for no words."""
    words = re.sub(r"[^0-9a-z]+", " ", fold(value).replace("'", "")).split()
    return f" {' '.join(words)} " if words else ""


_WINDOWS_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{i}" for p in ("com", "lpt") for i in range(1, 10)}


def slugify(name: str, max_length: int = 48) -> str:
    """A file-name-safe stem for a contact: ``[a-z0-9-]`` only, never empty, never reserved.

    Names with no Latin letters or digits (any script, emoji) get a short stable hash, so
    two different such names give two different slugs.
    """
    ascii_name = fold(name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")[:max_length].strip("-")
    if not slug:
        digest = sha256_hex(name.encode("utf-8"))[:8]
        return f"contact-{digest}"
    if slug in _WINDOWS_RESERVED:
        slug = f"{slug}-contact"
    return slug
