"""Is this a name a companion can go by on Discord?

A whitelist, not a blacklist: letters, combining marks (a few per letter), digits, spaces,
symbols such as emoji, and the apostrophe, hyphen and full stop inside names. Everything Discord
would turn into a mention, markdown or a link is refused with a reason a person can act on.
"""

from __future__ import annotations

import logging
import re
import unicodedata

log = logging.getLogger(__name__)

MIN_NAME_LEN = 1
MAX_NAME_LEN = 32
MAX_STACKED_MARKS = 2
_INNER_PUNCTUATION = frozenset("'’-.")
_ALLOWED_CATEGORIES = ("L", "M", "N")
_REASONS = {
    "@": "Discord would read it as a mention",
    "#": "Discord would read it as a channel link or a heading",
    "<": "Discord uses angle brackets for mentions and custom emoji",
    ">": "Discord would turn it into a quote",
    "`": "Discord would turn it into code",
    "*": "Discord would turn it into bold or italics",
    "_": "Discord would turn it into italics or underline",
    "~": "Discord would strike it through",
    "|": "Discord would hide it as a spoiler",
    "[": "Discord would read it as a link",
    "]": "Discord would read it as a link",
    "(": "it could turn into a link",
    ")": "it could turn into a link",
    ":": "Discord would read it as an emoji code or a web address",
    "/": "it could read as a command or a web address",
    "\\": "Discord uses it to escape formatting",
}
_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x85\u2028\u2029")
# Letters and symbols that render as nothing (Hangul fillers, blank Braille pattern).
_BLANK_LOOKALIKES = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_BROADCAST = re.compile(r"\b(?:everyone|here)\b")
_DOMAIN = re.compile(r"\w\.\w{2,}")
_ORDERED_LIST = re.compile(r"^\d+\.\s")


class InvalidName(ValueError):
    """The name cannot be used; ``message`` says why, for a person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _describe(ch: str) -> str:
    name = unicodedata.name(ch, "")
    visible = ch.isprintable() and not ch.isspace() and ch not in _BLANK_LOOKALIKES
    return f"“{ch}”" if visible else (name or f"U+{ord(ch):04X}")


def validate_name(name: str) -> str:
    """The cleaned name (NFKC-normalised, runs of spaces collapsed), or :class:`InvalidName`."""
    if not isinstance(name, str):
        raise InvalidName("A name has to be text.")
    text = unicodedata.normalize("NFKC", name)
    for ch in text:
        if ch in _LINE_BREAKS:
            raise InvalidName("A name has to fit on one line.")
        if ch == "\t":
            raise InvalidName("A name can't contain tabs.")
        cat = unicodedata.category(ch)
        if cat[0] == "C" or cat in ("Zl", "Zp") or ch in _BLANK_LOOKALIKES:
            raise InvalidName(
                f"A name can't contain invisible or control characters ({_describe(ch)})."
            )
    text = " ".join(text.split())
    if not text:
        raise InvalidName("A name needs at least one letter; this one is empty.")
    if len(text) > MAX_NAME_LEN:
        raise InvalidName(
            f"That name is {len(text)} characters long; a name can be at most {MAX_NAME_LEN}."
        )
    stacked = 0
    for ch in text:
        cat = unicodedata.category(ch)
        if ch in _REASONS:
            raise InvalidName(f"A name can't contain “{ch}”: {_REASONS[ch]}.")
        stacked = stacked + 1 if cat[0] == "M" else 0
        if stacked > MAX_STACKED_MARKS:
            raise InvalidName("That name stacks too many accents on one letter.")
        if ch == " " or ch in _INNER_PUNCTUATION or cat[0] in _ALLOWED_CATEGORIES or cat == "So":
            continue
        raise InvalidName(f"A name can't contain {_describe(ch)}.")
    if not any(unicodedata.category(ch)[0] == "L" for ch in text):
        raise InvalidName("A name needs at least one letter.")
    first = unicodedata.category(text[0])
    if text[0] in _INNER_PUNCTUATION or first[0] == "M":
        raise InvalidName("A name has to start with a letter, a number or a symbol.")
    if _ORDERED_LIST.match(text):
        raise InvalidName("A name can't start with a number and a full stop: that's a list.")
    if _BROADCAST.search(text.casefold()):
        raise InvalidName("A name can't be “everyone” or “here”: those ping whole servers.")
    if _DOMAIN.search(text):
        raise InvalidName("That name looks like a web address.")
    return text
