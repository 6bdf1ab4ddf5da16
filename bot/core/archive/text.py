"""Plain text and markdown: items are paragraphs; markdown headings become their context.

Lines are read with a length cap so a file with no newlines still streams in bounded memory, and
text that is not valid UTF-8 is decoded with replacement characters instead of failing. A heading
(or, in plain text, a line holding only a date such as "2021-03-04") that contains an ISO date
dates the paragraphs beneath it, which is how most journals are written.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from datetime import datetime
from typing import BinaryIO

from bot.core.archive.model import (
    ArchiveItem,
    ArchiveLimits,
    clean_text,
    parse_timestamp,
    split_text,
)

log = logging.getLogger(__name__)

_LINE_LIMIT = 64 * 1024
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_DATE_IN = re.compile(r"\b(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2})?))?\b")
_DATE_LINE = re.compile(r"^\s*\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?\s*:?\s*$")


def _date_in(text: str) -> datetime | None:
    match = _DATE_IN.search(text)
    if match is None:
        return None
    day, clock = match.groups()
    return parse_timestamp(f"{day}T{clock}" if clock else day)


_SENTENCE_END = re.compile(r"[.!?…][\"')\]]*\s")


def _tail_cut(text: str, max_chars: int) -> int:
    """Where to split an over-long paragraph so that about max_chars stay behind: at a
    sentence end if one is near, else at a line break or a space, else anywhere."""
    cut = len(text) - max_chars
    window_start = max(0, cut - max_chars)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, window_start, cut)]
    if ends:
        return ends[-1]
    space = max(text.rfind("\n", window_start, cut), text.rfind(" ", window_start, cut))
    return space if space > 0 else cut


class _Paragraph:
    """Lines of the paragraph being read, flushed into items of at most max_chars.

    A paragraph too long to hold (a file without blank lines, or without newlines at all) is
    flushed early, keeping its raw tail so no word is cut between two items."""

    def __init__(self, source: str, max_chars: int) -> None:
        self.source = source
        self.max_chars = max_chars
        self.lines: list[str] = []
        self.length = 0
        self.start_line = 0
        self.parts = 0  # items already emitted for this paragraph by early flushes

    def add(self, line: str, line_no: int, *, join: bool = True) -> None:
        if not self.lines:
            self.start_line = self.start_line if self.parts else line_no
        if join or not self.lines:
            self.lines.append(line)
        else:  # the continuation of an over-long line
            self.lines[-1] += line
        self.length += len(line) + 1

    @property
    def oversized(self) -> bool:
        return self.length > self.max_chars * 4

    def flush(
        self, context: str, when: datetime | None, *, keep_tail: bool = False
    ) -> Iterator[ArchiveItem]:
        text = "\n".join(self.lines)
        tail = ""
        if keep_tail:
            cut = _tail_cut(text, self.max_chars)
            text, tail = text[:cut], text[cut:]
        pieces = split_text(text, self.max_chars)
        whole = not keep_tail and self.parts == 0 and len(pieces) == 1
        for piece in pieces:
            self.parts += 1
            position = f"line {self.start_line}"
            yield ArchiveItem(
                source=self.source,
                position=position if whole else f"{position}, part {self.parts}",
                timestamp=when,
                author="user",
                text=clean_text(piece),
                context=context,
            )
        self.lines, self.length = ([tail], len(tail)) if tail else ([], 0)
        if not keep_tail:
            self.parts = 0


def iter_text_items(
    stream: BinaryIO, *, source: str, markdown: bool, limits: ArchiveLimits
) -> Iterator[ArchiveItem]:
    """Yield one item per paragraph of a UTF-8 (or nearly) text or markdown stream."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline=None)
    para = _Paragraph(source, limits.max_item_chars)
    headings: list[str] = []
    when: datetime | None = None
    in_fence = False
    line_no = 0
    at_line_start = True

    def context() -> str:
        return " › ".join(h for h in headings if h)

    try:
        while True:
            chunk = text.readline(_LINE_LIMIT)
            if not chunk:
                break
            starts_line = at_line_start
            at_line_start = chunk.endswith("\n")
            line = chunk.rstrip("\n")
            if starts_line:
                line_no += 1
            else:  # the rest of a line longer than _LINE_LIMIT: plain content
                para.add(line, line_no, join=False)
                if para.oversized:
                    yield from para.flush(context(), when, keep_tail=True)
                continue
            if markdown and _FENCE.match(line):
                in_fence = not in_fence
                para.add(line, line_no)
            elif in_fence:
                para.add(line, line_no)
            elif markdown and (heading := _HEADING.match(line)):
                yield from para.flush(context(), when)
                level = len(heading.group(1))
                title = heading.group(2).strip()
                del headings[level - 1 :]
                headings.extend([""] * (level - 1 - len(headings)))
                headings.append(title)
                when = next((d for h in reversed(headings) if (d := _date_in(h))), None)
            elif not line.strip() or (markdown and _RULE.match(line)):
                yield from para.flush(context(), when)
            elif _DATE_LINE.match(line):
                yield from para.flush(context(), when)
                when = _date_in(line)
            else:
                para.add(line, line_no)
            if para.oversized:
                yield from para.flush(context(), when, keep_tail=True)
        yield from para.flush(context(), when)
    finally:
        text.detach()
