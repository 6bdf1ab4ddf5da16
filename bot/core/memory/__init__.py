"""Memory primitives: fusion, vector search, embedders, date resolution, budgeting, eval metrics.

Pure Python + numpy; no discord, no openai, no SQL (that lives in ``bot/store``).
"""

from bot.core.memory.dates import DateMention, extract_dates, resolve_relative_dates
from bot.core.memory.embedder import Embedder, EmbedderUnavailable, LocalMiniLMEmbedder
from bot.core.memory.fusion import rrf
from bot.core.memory.ranking import (
    RecalledMemory,
    budget_memories,
    order_memories,
    query_terms,
    render_memory,
)
from bot.core.memory.vectors import VectorCache, VectorIndex, from_blob, from_blobs, to_blob

__all__ = [
    "DateMention",
    "Embedder",
    "EmbedderUnavailable",
    "LocalMiniLMEmbedder",
    "RecalledMemory",
    "VectorCache",
    "VectorIndex",
    "budget_memories",
    "extract_dates",
    "from_blob",
    "from_blobs",
    "order_memories",
    "query_terms",
    "render_memory",
    "resolve_relative_dates",
    "rrf",
    "to_blob",
]
