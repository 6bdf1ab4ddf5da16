"""Splitting long replies into Discord-sized messages without breaking markdown."""

from __future__ import annotations

import re

DISCORD_LIMIT = 2000

_FENCE_RE = re.compile(r"^\s*(```|~~~)(.*)$")
_SENTENCE_END_RE = re.compile(r"[.!?…。！？][\"')\]]*\s+")


def _find_cut(text: str, limit: int) -> int:
    """Best place to cut `text` at or before `limit`: paragraph, line, sentence, word."""
    window = text[:limit]
    for sep in ("\n\n", "\n"):
        pos = window.rfind(sep)
        if pos >= limit // 3:
            return pos + len(sep)
    ends = [m.end() for m in _SENTENCE_END_RE.finditer(window)]
    if ends and ends[-1] >= limit // 3:
        return ends[-1]
    pos = window.rfind(" ")
    if pos >= limit // 3:
        return pos + 1
    return limit


def split_message(text: str, limit: int = DISCORD_LIMIT) -> list[str]:
    """Split at paragraph/line/sentence/word boundaries; code fences are closed and reopened
    so no part starts or ends inside an unterminated code block."""
    if limit < 50:
        raise ValueError("limit too small to split sensibly")
    text = text.strip("\n")
    if len(text) <= limit:
        return [text] if text else []
    parts: list[str] = []
    open_fence: str | None = None  # the fence line (e.g. "```py") currently open
    rest = text
    while rest:
        prefix = f"{open_fence}\n" if open_fence else ""
        budget = limit - len(prefix) - 4  # room to close a fence: "\n```"
        if len(prefix) + len(rest) <= limit:
            parts.append(prefix + rest)
            break
        cut = _find_cut(rest, budget)
        chunk, rest = rest[:cut], rest[cut:]
        # Track fences opened/closed inside this chunk.
        fence = open_fence
        for line in chunk.splitlines():
            m = _FENCE_RE.match(line)
            if m:
                fence = None if fence else line.strip()
        body = (prefix + chunk).rstrip()
        if fence:
            body += "\n" + fence[:3]
        parts.append(body)
        open_fence = fence
        rest = rest.lstrip("\n") if not open_fence else rest
    return [p for p in parts if p.strip()]
