"""Measure the detector on a labelled JSONL set.

Each line: ``{"text": str, "context": [str, ...] (optional), "label": "crisis" | "safe",
"kind": str (optional), "lang": str (optional)}``.

A line is *predicted crisis* when its assessment is ``high`` (``Assessment.crisis``): that
is what triggers the deterministic crisis response. ``elevated`` does not count: it puts the
conversation in safe mode but sends no helplines, so counting it would flatter recall.
Third-party worries labelled crisis count as detected when flagged high (they get the
helper's version of the crisis response).

Precision, recall and F1 are 0.0 when their denominator is 0.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from .assessment import Assessment
from .detector import assess, combine

log = logging.getLogger(__name__)

LABELS = ("crisis", "safe")
Moderation = Callable[[str], Awaitable[Mapping[str, float]]]


class Semantic(Protocol):
    """A second signal that raises (never lowers) an assessment, e.g. ``SemanticRiskSignal``."""

    async def assess_with(
        self, assessment: Assessment, text: str, context: Sequence[str] = (),
    ) -> Assessment: ...


class EvalFormatError(ValueError):
    """A malformed line in an eval file; the message names the file and line number."""


def _check_row(row: Any, where: str) -> dict[str, Any]:
    if not isinstance(row, dict):
        raise EvalFormatError(f"{where}: expected a JSON object, got {type(row).__name__}")
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        raise EvalFormatError(f"{where}: 'text' must be a non-empty string")
    label = row.get("label")
    if label not in LABELS:
        raise EvalFormatError(f"{where}: 'label' must be 'crisis' or 'safe', not {label!r}")
    context = row.get("context", [])
    if not isinstance(context, list) or not all(isinstance(c, str) for c in context):
        raise EvalFormatError(f"{where}: 'context' must be a list of strings")
    kind = row.get("kind")
    if kind is not None and not isinstance(kind, str):
        raise EvalFormatError(f"{where}: 'kind' must be a string")
    return row


def parse_jsonl(text: str, source: str = "<string>") -> list[dict[str, Any]]:
    """Parse eval lines; blank lines are skipped. Raises :class:`EvalFormatError`."""
    rows: list[dict[str, Any]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        where = f"{source}: line {number}"
        try:
            row = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise EvalFormatError(f"{where}: invalid JSON ({exc.msg})") from exc
        rows.append(_check_row(row, where))
    return rows


def load_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Read and validate an eval file (the one file read in bot.core, for the CLI)."""
    p = Path(path)
    return parse_jsonl(p.read_text(encoding="utf-8"), str(p))


def _ratio(num: int, den: int) -> float:
    return round(num / den, 4) if den else 0.0


async def evaluate(
    lines: Iterable[dict[str, Any]],
    *,
    moderation: Moderation | None = None,
    semantic: Semantic | None = None,
) -> dict[str, Any]:
    """Run the detector (plus ``moderation`` and/or ``semantic`` when given) over lines.

    Returns ``{"n", "precision", "recall", "f1", "accuracy", "by_kind", "by_lang",
    "confusion": {"tp", "fp", "tn", "fn"}, "errors"}``; ``errors`` lists misclassified line
    indices with kind and level (no text, so it is safe to paste into a report).
    """
    tp = fp = tn = fn = 0
    by_kind: dict[str, dict[str, int]] = {}
    by_lang: dict[str, dict[str, int]] = {}
    errors: list[dict[str, Any]] = []
    for index, raw in enumerate(lines):
        row = _check_row(raw, f"line index {index}")
        text = row["text"]
        context = tuple(row.get("context") or ())
        assessment = assess(text, context)
        if moderation is not None:
            assessment = combine(assessment, await moderation(text))
        if semantic is not None:
            assessment = await semantic.assess_with(assessment, text, context)
        predicted = assessment.crisis
        actual = row["label"] == "crisis"
        correct = predicted == actual
        if predicted and actual:
            tp += 1
        elif predicted:
            fp += 1
        elif actual:
            fn += 1
        else:
            tn += 1
        kind = row.get("kind") or row["label"]
        for table, key in ((by_kind, kind), (by_lang, row.get("lang") or "en")):
            bucket = table.setdefault(key, {"n": 0, "correct": 0})
            bucket["n"] += 1
            bucket["correct"] += int(correct)
        if not correct:
            errors.append({"index": index, "kind": kind, "label": row["label"],
                           "level": assessment.level, "reasons": list(assessment.reasons)})
    precision = _ratio(tp, tp + fp)
    recall = _ratio(tp, tp + fn)
    f1 = _ratio(2 * tp, 2 * tp + fp + fn)
    n = tp + fp + tn + fn
    return {
        "n": n,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "accuracy": _ratio(tp + tn, n),
        "by_kind": dict(sorted(by_kind.items())),
        "by_lang": dict(sorted(by_lang.items())),
        "confusion": {"tp": tp, "fp": fp, "tn": tn, "fn": fn},
        "errors": errors,
    }
