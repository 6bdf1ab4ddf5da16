"""What recall hands to prompt assembly, and how it is cut to a token budget.

Budget rule ("newest truth first"), applied by :func:`budget_memories`:

1. Duplicates (same ``kind`` and ``id``) collapse to the highest-scoring copy.
2. Scores are grouped into bands relative to the best score: band ``b`` holds items with
   ``score >= best * (1 - band_width * (b + 1))``. Within a band, score differences are noise
   (RRF scores of neighbours differ in the third decimal), so recency decides there.
3. Order: currently-valid items (messages, summaries, and facts whose ``valid_to`` is unset or
   after ``now``) before superseded facts; then by band; then newer before older (``valid_from``
   or else ``created_at``); then by score; then by id, so the order is total and stable.
4. Greedy fill in that order: an item that does not fit is skipped and smaller later items may
   still fit. Superseded facts therefore go first when the budget is tight, but survive when
   there is room, because "where did I live before?" needs them.

:func:`query_terms` turns a user's words into a safe FTS5 ``MATCH`` expression.
"""

from __future__ import annotations

import logging
import math
import re
import unicodedata
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from bot.core.tokens import count_tokens

log = logging.getLogger(__name__)

MemoryKind = Literal["fact", "message", "summary"]


@dataclass(frozen=True, slots=True)
class RecalledMemory:
    """One recalled item with its provenance. ``source_message_ids`` are the message ids it came
    from (a message's own id for ``kind == "message"``); ``scope`` is where it may be shown."""

    id: Hashable
    kind: MemoryKind
    text: str
    score: float
    created_at: datetime
    valid_from: datetime | None = None
    valid_to: datetime | None = None
    source_message_ids: tuple[Hashable, ...] = ()
    scope: str = "dm"

    def is_current(self, now: datetime | None = None) -> bool:
        """False for a fact that has stopped being true (``valid_to`` set and not in the future)."""
        if self.valid_to is None:
            return True
        return now is not None and _cmp_safe(self.valid_to) > _cmp_safe(now)

    @property
    def as_of(self) -> datetime:
        """When this became true: ``valid_from`` if known, else when it was recorded."""
        return self.valid_from or self.created_at


def _cmp_safe(dt: datetime) -> float:
    """Comparable number for aware and naive datetimes alike (naive is taken as UTC)."""
    if dt.tzinfo is None:
        return (dt - datetime(1970, 1, 1)).total_seconds()
    return dt.timestamp()


def render_memory(m: RecalledMemory) -> str:
    """One prompt line, with the dates the model needs to reason about time."""
    if m.kind == "fact":
        since = m.as_of.date().isoformat()
        if m.valid_to is not None:
            return f"- (fact, {since} to {m.valid_to.date().isoformat()}, no longer true) {m.text}"
        return f"- (fact, since {since}) {m.text}"
    label = "summary" if m.kind == "summary" else "said"
    return f"- ({label} {m.created_at.date().isoformat()}) {m.text}"


def order_memories(
    items: Sequence[RecalledMemory],
    *,
    now: datetime | None = None,
    band_width: float = 0.15,
) -> list[RecalledMemory]:
    """Deduplicate and order ``items`` by the rule in the module docstring (steps 1-3)."""
    if not 0 < band_width <= 1:
        raise ValueError("band_width must be in (0, 1]")
    best_copy: dict[tuple[str, Hashable], RecalledMemory] = {}
    for item in items:
        key = (item.kind, item.id)
        kept = best_copy.get(key)
        if kept is None or item.score > kept.score:
            best_copy[key] = item
    unique = list(best_copy.values())
    if not unique:
        return []
    top = max(m.score for m in unique)

    def band(m: RecalledMemory) -> int:
        if top <= 0 or not math.isfinite(m.score):
            return 0
        drop = max(0.0, (top - m.score) / top)
        return int(drop / band_width + 1e-9)

    return sorted(
        unique,
        key=lambda m: (
            not m.is_current(now),
            band(m),
            -_cmp_safe(m.as_of),
            -m.score,
            str(m.id),
        ),
    )


def budget_memories(
    items: Sequence[RecalledMemory],
    token_budget: int,
    *,
    now: datetime | None = None,
    band_width: float = 0.15,
    render: Callable[[RecalledMemory], str] = render_memory,
    count: Callable[[str], int] = count_tokens,
) -> list[RecalledMemory]:
    """The items to put in the prompt, in prompt order, costing at most ``token_budget`` tokens
    as rendered by ``render`` (one line each, plus one token for the newline)."""
    if token_budget <= 0:
        return []
    chosen: list[RecalledMemory] = []
    spent = 0
    for item in order_memories(items, now=now, band_width=band_width):
        cost = count(render(item)) + 1
        if spent + cost > token_budget:
            continue
        chosen.append(item)
        spent += cost
    return chosen


# Words that carry no recall signal in a question to a companion. Kept short on purpose:
# content words ("work", "live", "name") stay, since BM25's IDF already discounts common ones.
STOPWORDS = frozenset({
    "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are",
    "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but",
    "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for",
    "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself",
    "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just",
    "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once",
    "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she",
    "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them",
    "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too",
    "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which",
    "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself",
    "yourselves", "remember", "tell", "know", "think", "recall", "ever", "please", "hey",
    "hi", "hello", "ok", "okay", "um", "uh", "also", "really", "still", "yes", "yeah", "dont",
    "didnt", "doesnt", "im", "ive", "youre", "thats", "whats", "ca", "wo", "ain"
})  # fmt: skip
_TOKEN = re.compile(r"\w+", re.UNICODE)


def query_terms(text: str, *, max_terms: int = 24) -> str | None:
    """A safe FTS5 MATCH expression for ``text``: content words, each double-quoted, OR-ed.

    ``"what's my dog's name?"`` -> ``"dog" OR "name"``. Quoting makes every token a literal
    (no column filters, operators, NEAR or prefix syntax reach FTS5), the porter tokenizer still
    stems the quoted words, apostrophes and other punctuation just split words, and text with no
    usable word gives ``None`` (the caller then skips lexical search). Never raises.
    """
    if not text:
        return None
    normalised = unicodedata.normalize("NFKC", text).replace("’", "'")
    normalised = re.sub(r"(\w)n't\b", r"\1", normalised, flags=re.IGNORECASE)
    normalised = re.sub(r"(\w)'(s|m|re|ve|ll|d)\b", r"\1", normalised, flags=re.IGNORECASE)
    seen: set[str] = set()
    terms: list[str] = []
    for raw in _TOKEN.findall(normalised):
        word = raw.lower().strip("_")
        if not word or word in STOPWORDS or word in seen:
            continue
        if len(word) == 1 and not word.isdigit() and word.isascii():
            continue
        seen.add(word)
        terms.append('"' + word.replace('"', '""') + '"')
        if len(terms) >= max_terms:
            break
    return " OR ".join(terms) if terms else None
