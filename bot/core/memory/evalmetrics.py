"""Metrics for the memory evaluation (``os1 memory eval FILE``, data in ``evals/memory/``).

Evidence recall@k (as in LoCoMo's retrieval evaluation): for one question, the share of its
evidence turns that appear in the provenance of the top ``k`` recalled items (a fact recalled
from turns t3 and t9 covers both). The overall figure is the mean over scored questions, by
category too. A question with no evidence turns cannot be scored this way and is left out of
recall (it still counts in ``n_questions`` and in latency and tokens); the bundled dataset gives
every question at least one evidence turn, adversarial ones included.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)


def evidence_recall(
    recalled_provenance: Sequence[Iterable[Hashable]],
    evidence: Iterable[Hashable],
    k: int,
) -> float | None:
    """Share of ``evidence`` covered by the first ``k`` items' provenance; None if no evidence.

    ``recalled_provenance[i]`` holds the turn ids behind the i-th recalled item, best first.
    """
    if k <= 0:
        raise ValueError("k must be positive")
    wanted = set(evidence)
    if not wanted:
        return None
    covered: set[Hashable] = set()
    for turn_ids in recalled_provenance[:k]:
        covered.update(turn_ids)
    return len(wanted & covered) / len(wanted)


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0-100) with linear interpolation (numpy's default method)."""
    if not values:
        return math.nan
    if not 0 <= q <= 100:
        raise ValueError("q must be within 0..100")
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    lo = math.floor(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


@dataclass(frozen=True, slots=True)
class QuestionResult:
    """What one recall produced for one evaluation question."""

    category: str
    evidence: tuple[Hashable, ...]
    recalled_provenance: tuple[tuple[Hashable, ...], ...]
    latency_ms: float
    tokens: int = 0
    question_id: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def summarize(results: Sequence[QuestionResult], k: int) -> dict[str, Any]:
    """``{"k", "n_questions", "n_scored", "recall_at_k": {"overall", "by_category"},
    "tokens_per_query", "latency_ms": {"p50", "p95"}}``; recall values are in 0..1 (None where
    nothing was scored), categories sorted by name."""
    per_category: dict[str, list[float]] = {}
    scored: list[float] = []
    for r in results:
        value = evidence_recall(r.recalled_provenance, r.evidence, k)
        if value is None:
            per_category.setdefault(r.category, [])
            continue
        scored.append(value)
        per_category.setdefault(r.category, []).append(value)
    latencies = [r.latency_ms for r in results]
    return {
        "k": k,
        "n_questions": len(results),
        "n_scored": len(scored),
        "recall_at_k": {
            "overall": _mean(scored),
            "by_category": {cat: _mean(vals) for cat, vals in sorted(per_category.items())},
        },
        "tokens_per_query": _mean([float(r.tokens) for r in results]),
        "latency_ms": {
            "p50": percentile(latencies, 50) if latencies else None,
            "p95": percentile(latencies, 95) if latencies else None,
        },
    }
