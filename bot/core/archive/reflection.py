"""What the companion keeps from an import to reflect on afterwards: a bounded, uniform sample
of the items (reservoir sampling), counts per source and per author, and the dates spanned.

Memory stays bounded whatever the archive's size: `size` items, at most `max_sources` labels.
"""

from __future__ import annotations

import logging
import math
import random
from collections import Counter
from datetime import UTC, datetime

from bot.core.archive.model import ArchiveItem

log = logging.getLogger(__name__)

OTHER_SOURCES = "(other places)"


class ReflectionSample:
    """Feed it every new item with `add`; read `summary()` for the reflection prompt."""

    def __init__(
        self, size: int = 60, *, seed: int = 0, max_sources: int = 5_000, excerpt_chars: int = 280
    ) -> None:
        if size <= 0:
            raise ValueError("size must be positive")
        self.size = size
        self.max_sources = max_sources
        self.excerpt_chars = excerpt_chars
        self.items: list[ArchiveItem] = []
        self.seen = 0
        self.by_source: Counter[str] = Counter()
        self.by_author: Counter[str] = Counter()
        self.first: datetime | None = None
        self.last: datetime | None = None
        self._rng = random.Random(seed)
        self._weight = 1.0
        self._next = 0

    def add(self, item: ArchiveItem) -> None:
        self.seen += 1
        label = item.context or item.source
        if label in self.by_source or len(self.by_source) < self.max_sources:
            self.by_source[label] += 1
        else:
            self.by_source[OTHER_SOURCES] += 1
        self.by_author[item.author] += 1
        when = item.timestamp
        if when is not None:
            when = when if when.tzinfo is not None else when.replace(tzinfo=UTC)
            if self.first is None or when < self.first:
                self.first = when
            if self.last is None or when > self.last:
                self.last = when
        # Algorithm L: every item seen so far has the same chance, size/seen, to be in the
        # sample, and the random numbers are drawn only when an item is taken, not per item.
        if len(self.items) < self.size:
            self.items.append(item)
            if len(self.items) == self.size:
                self._weight = math.exp(math.log(self._rng.random() or 1e-300) / self.size)
                self._next = self.seen + self._skip() + 1
        elif self.seen == self._next:
            self.items[self._rng.randrange(self.size)] = item
            self._weight *= math.exp(math.log(self._rng.random() or 1e-300) / self.size)
            self._next = self.seen + self._skip() + 1

    def _skip(self) -> int:
        if self._weight >= 1.0:
            return 0
        draw = self._rng.random() or 1e-300
        return math.floor(math.log(draw) / math.log1p(-self._weight))

    def summary(self, max_chars: int = 4_000) -> str:
        return summarize_for_reflection(self, max_chars)


def _day(when: datetime) -> str:
    return f"{when.day} {when:%B %Y}"


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def summarize_for_reflection(sample: ReflectionSample, max_chars: int = 4_000) -> str:
    """A compact, plain-text account of what was read, within max_chars, for the prompt that
    asks the companion to reflect: totals, date range, where it came from, then sample excerpts
    oldest first (undated ones last)."""
    if sample.seen == 0:
        return "I didn't find anything to read."
    head = [
        f"I read {_plural(sample.seen, 'item')} from {_plural(len(sample.by_source), 'place')}"
        + (
            f", written between {_day(sample.first)} and {_day(sample.last)}."
            if sample.first is not None and sample.last is not None
            else "."
        ),
        "Written by: " + ", ".join(f"{a} ({n:,})" for a, n in sample.by_author.most_common(6)),
        "Mostly from: " + ", ".join(f"{s} ({n:,})" for s, n in sample.by_source.most_common(8)),
        "A sample, oldest first:",
    ]
    text = "\n".join(head)
    if len(text) > max_chars:
        return text[: max(0, max_chars - 1)] + "…"
    ordered = sorted(
        sample.items,
        key=lambda i: (i.timestamp is None, i.timestamp.timestamp() if i.timestamp else 0.0),
    )
    for item in ordered:
        excerpt = " ".join(item.text.split())
        if len(excerpt) > sample.excerpt_chars:
            excerpt = excerpt[: sample.excerpt_chars - 1].rstrip() + "…"
        date = f"{item.timestamp:%Y-%m-%d} · " if item.timestamp else ""
        where = f" · {item.context}" if item.context else ""
        line = f"\n- {date}{item.author}{where}: {excerpt}"
        if len(text) + len(line) > max_chars:
            break
        text += line
    return text
