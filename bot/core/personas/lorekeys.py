"""Matching lorebook keys against chat text, and vetting regular-expression keys.

Plain keys match as substrings, case-insensitively unless the entry is case-sensitive; a key that
begins or ends with an ASCII letter/digit must sit on a word boundary there (so ``cat`` does not
fire on "concatenate", the way SillyTavern's "match whole words" works; keys in scripts without
spaces between words, such as Chinese, match anywhere).

Regex keys (``use_regex``) are Python regular expressions; the JavaScript-style ``/pattern/flags``
form that card editors write is accepted too (flags ``i``, ``m``, ``s``; ``g``/``u``/``y`` are
ignored). Because cards come from strangers and Python's ``re`` has no time limit, a regex key
is refused when it is long or when a repeated group itself contains an unbounded repeat, such as
``(a+)+`` or ``(\\w*\\s?)*``, the shape behind catastrophic backtracking. Text scanned is bounded
too (see ``MAX_SCAN_CHARS`` in :mod:`.render`).
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

log = logging.getLogger(__name__)

MAX_REGEX_LEN = 300
_JS_REGEX = re.compile(r"^/(.+)/([a-z]*)$", re.DOTALL)
_JS_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "g": 0, "u": 0, "y": 0}
_ASCII_WORD = re.compile(r"[A-Za-z0-9_]")


def split_regex_key(key: str) -> tuple[str, int]:
    """``"/ab+c/i"`` -> ``("ab+c", re.IGNORECASE)``; anything else is the pattern as written."""
    m = _JS_REGEX.match(key)
    if m and all(f in _JS_FLAGS for f in m.group(2)):
        flags = 0
        for f in m.group(2):
            flags |= _JS_FLAGS[f]
        return m.group(1), flags
    return key, 0


def _quantifier_at(p: str, i: int) -> tuple[int, bool]:
    """Length of the quantifier starting at ``p[i]`` (0 if none) and whether it repeats
    (may match its operand more than once)."""
    if i >= len(p):
        return 0, False
    ch = p[i]
    if ch in "*+":
        n, repeats = 1, True
    elif ch == "?":
        n, repeats = 1, False
    elif ch == "{":
        m = re.match(r"\{(\d*)(,?)(\d*)\}", p[i:])
        if not m or not (m.group(1) or m.group(3)):
            return 0, False  # a literal brace
        low, comma, high = m.groups()
        n = m.end()
        if not comma:
            repeats = int(low) > 1
        else:
            repeats = not high or int(high) > 1
    else:
        return 0, False
    if i + n < len(p) and p[i + n] in "?+":  # lazy or possessive modifier
        n += 1
    return n, repeats


def has_nested_quantifier(p: str) -> bool:
    """True when a repeated group contains a repeat: the shape of exponential backtracking."""
    stack = [False]  # per open group: does it contain an unbounded/repeating quantifier?
    i, n = 0, len(p)
    while i < n:
        ch = p[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            j = i + 1
            if j < n and p[j] == "^":
                j += 1
            if j < n and p[j] == "]":
                j += 1
            while j < n and p[j] != "]":
                j += 2 if p[j] == "\\" else 1
            i = j + 1
            qlen, repeats = _quantifier_at(p, i)
            stack[-1] = stack[-1] or repeats
            i += qlen
            continue
        if ch == "(":
            stack.append(False)
            i += 1
            continue
        if ch == ")":
            inner = stack.pop() if len(stack) > 1 else False
            qlen, repeats = _quantifier_at(p, i + 1)
            if inner and repeats:
                return True
            stack[-1] = stack[-1] or inner or repeats
            i += 1 + qlen
            continue
        qlen, repeats = _quantifier_at(p, i)
        if qlen:
            stack[-1] = stack[-1] or repeats
            i += qlen
            continue
        i += 1
    return False


def regex_key_problem(key: str) -> str | None:
    """Why a regex key cannot be used (a sentence), or None when it is fine."""
    pattern, flags = split_regex_key(key)
    if len(pattern) > MAX_REGEX_LEN:
        return f"is {len(pattern)} characters long (the most is {MAX_REGEX_LEN})"
    try:
        re.compile(pattern, flags)
    except re.error as exc:
        return f"is not a valid regular expression ({exc})"
    if has_nested_quantifier(pattern):
        return "repeats a group that itself repeats, which can take forever to match"
    return None


@lru_cache(maxsize=4096)
def compile_key(key: str, use_regex: bool, case_sensitive: bool) -> re.Pattern[str] | None:
    """A compiled matcher for one key, or None when the key can never match."""
    if not key.strip():
        return None
    flags = 0 if case_sensitive else re.IGNORECASE
    if use_regex:
        if regex_key_problem(key) is not None:
            log.warning("ignoring unusable lorebook regex key %r", key[:80])
            return None
        pattern, extra = split_regex_key(key)
        return re.compile(pattern, flags | extra)
    key = key.strip()
    pattern = re.escape(key)
    if _ASCII_WORD.match(key[0]):
        pattern = r"(?<![A-Za-z0-9_])" + pattern
    if _ASCII_WORD.match(key[-1]):
        pattern += r"(?![A-Za-z0-9_])"
    return re.compile(pattern, flags)


def any_key_matches(
    keys: tuple[str, ...], texts: list[str], *, use_regex: bool, case_sensitive: bool
) -> bool:
    for key in keys:
        rx = compile_key(key, use_regex, case_sensitive)
        if rx is not None and any(rx.search(t) for t in texts):
            return True
    return False
