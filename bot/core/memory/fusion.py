"""Reciprocal-rank fusion (Cormack, Clarke & Buettcher, SIGIR 2009).

Each input ranking is a best-first sequence of keys (e.g. memory ids from FTS5 BM25 and from
vector search). A key's fused score is the sum over rankings of ``weight / (k + rank)`` with
1-based ranks; keys missing from a ranking get nothing from it. Only ranks matter, so BM25 scores
and cosines never have to be put on one scale.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Hashable, Sequence
from typing import TypeVar

log = logging.getLogger(__name__)

K = TypeVar("K", bound=Hashable)


def rrf(
    rankings: Sequence[Sequence[K]],
    *,
    k: int = 60,
    weights: Sequence[float] | None = None,
) -> list[tuple[K, float]]:
    """Fuse best-first rankings into one best-first list of ``(key, score)``.

    - ``k`` damps the head of each list (60 in the paper); must be positive.
    - ``weights`` (one per ranking, non-negative, default all 1.0) scale each ranking's votes.
    - A key repeated within one ranking counts only at its first (best) position.
    - Ties are broken stably: by the best rank the key reached in any ranking, then by first
      appearance (scanning rankings in order, each best-first). The output therefore never
      depends on hash order.
    """
    if k <= 0:
        raise ValueError("k must be positive")
    if weights is None:
        weights = [1.0] * len(rankings)
    elif len(weights) != len(rankings):
        raise ValueError(f"got {len(weights)} weights for {len(rankings)} rankings")
    for w in weights:
        if not math.isfinite(w) or w < 0:
            raise ValueError(f"weights must be finite and non-negative, got {w!r}")

    scores: dict[K, float] = {}
    best_rank: dict[K, int] = {}
    first_seen: dict[K, int] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        seen_here: set[K] = set()
        rank = 0
        for key in ranking:
            if key in seen_here:
                continue
            seen_here.add(key)
            rank += 1
            scores[key] = scores.get(key, 0.0) + weight / (k + rank)
            if key not in first_seen:
                first_seen[key] = len(first_seen)
                best_rank[key] = rank
            elif rank < best_rank[key]:
                best_rank[key] = rank
    ordered = sorted(scores, key=lambda key: (-scores[key], best_rank[key], first_seen[key]))
    return [(key, scores[key]) for key in ordered]
