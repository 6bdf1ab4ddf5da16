"""Optional semantic second signal: raise (never lower) an assessment by sentence similarity.

The rule tables score ~1.0 on their own development sets but generalise poorly to phrasings
nobody wrote a rule for. This module embeds labelled examples once (any :class:`Embedder`, e.g.
the offline all-MiniLM-L6-v2) and scores a new message against them with either

- ``"logreg"``: a small L2-regularised logistic regression on the unit-normalised embeddings,
  fitted here with full-batch gradient descent (numpy only), or
- ``"knn"``: a distance-weighted cosine k-nearest-neighbour vote (crisis weight / total weight).

Either way :meth:`SemanticRiskSignal.score` returns a crisis score in [0, 1], and
:meth:`SemanticRiskSignal.assess_with` raises the level to ``elevated`` at ``t1`` and to
``high`` at ``t2``. It never lowers a level, and its reason is ``"semantic:0.83"`` (no user
text). A message can be prefixed with its last ``context_turns`` earlier messages.

Pure core: numpy and the standard library; no discord, no openai, no network. The example
matrix can be cached in ``cache_dir`` as ``.npy``, keyed by embedder name + sha256 of the
exact inputs embedded (so editing an example file or the context setting invalidates it).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .assessment import Assessment
from .state import ELEVATED, HIGH, level_for

log = logging.getLogger(__name__)

SEMANTIC = "semantic"
CONTEXT_SEPARATOR = " \n "
_CACHE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled line: ``label`` is ``"crisis"`` or ``"safe"``."""

    text: str
    label: str
    context: tuple[str, ...] = ()

    @property
    def crisis(self) -> bool:
        return self.label == "crisis"


def load_examples(paths: Iterable[str | Path]) -> list[Example]:
    """Read labelled JSONL files (the eval format); exact duplicates are kept once."""
    seen: set[tuple[str, str, tuple[str, ...]]] = set()
    out: list[Example] = []
    for path in paths:
        p = Path(path)
        for number, raw in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1):
            if not raw.strip():
                continue
            row = json.loads(raw)
            text, label = row.get("text"), row.get("label")
            if not isinstance(text, str) or label not in ("crisis", "safe"):
                raise ValueError(f"{p}: line {number}: need 'text' and label crisis|safe")
            context = tuple(c for c in row.get("context") or () if isinstance(c, str))
            key = (text.strip().casefold(), label, context)
            if key in seen:
                continue
            seen.add(key)
            out.append(Example(text=text, label=label, context=context))
    return out


def compose(text: str, context: Sequence[str] = (), context_turns: int = 0) -> str:
    """The string that is embedded: the last ``context_turns`` messages, then ``text``."""
    if context_turns <= 0 or not context:
        return text
    return CONTEXT_SEPARATOR.join([*list(context)[-context_turns:], text])


def _unit(matrix: NDArray[Any]) -> NDArray[np.float32]:
    m = np.asarray(matrix, dtype=np.float32)
    if m.ndim == 1:
        m = m.reshape(1, -1)
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return (m / np.maximum(norms, 1e-12)).astype(np.float32)


# --- models (numpy only) -------------------------------------------------------------------


def fit_logreg(
    x: NDArray[Any], y: NDArray[Any], *, l2: float = 1e-2, iterations: int = 2000,
) -> tuple[NDArray[np.float64], float]:
    """L2-regularised logistic regression by full-batch gradient descent.

    Features are standardised (per-column mean and standard deviation of ``x``) so that one
    ``l2`` means the same for any embedder and plain gradient descent is well conditioned;
    ``mean(log-loss) + l2/2 * |w|^2`` is minimised in that space (the bias is not penalised)
    with step ``1/L``, ``L = |X|_2^2 / (4n) + l2`` (the gradient's Lipschitz constant). The
    returned ``(weights, bias)`` apply to the *raw* features: ``sigmoid(x @ w + b)``.
    """
    xs = np.asarray(x, dtype=np.float64)
    ys = np.asarray(y, dtype=np.float64)
    n, d = xs.shape
    if n == 0:
        return np.zeros(d), 0.0
    mean = xs.mean(axis=0)
    std = xs.std(axis=0)
    std = np.where(std > 1e-8, std, 1.0)
    z = np.hstack([(xs - mean) / std, np.ones((n, 1))])
    step = 1.0 / ((np.linalg.norm(z, 2) ** 2) / (4.0 * n) + l2)
    penalty = np.full(d + 1, l2)
    penalty[-1] = 0.0
    theta = np.zeros(d + 1)
    for _ in range(iterations):
        err = _sigmoid(z @ theta) - ys
        theta -= step * (z.T @ err / n + penalty * theta)
    w = theta[:-1] / std
    return w, float(theta[-1] - w @ mean)


def _sigmoid(z: NDArray[np.float64]) -> NDArray[np.float64]:
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # stable for large |z|


def knn_scores(
    train: NDArray[Any], labels: NDArray[Any], queries: NDArray[Any], *, k: int = 7,
    power: float = 4.0,
) -> NDArray[np.float64]:
    """Distance-weighted cosine kNN: sum of crisis weights / sum of weights over the k nearest.

    Rows must be unit-normalised. A neighbour's weight is ``max(cos, 0) ** power`` (a closer
    neighbour counts for more); with no positive similarity the score is the crisis base rate.
    """
    tr = np.asarray(train, dtype=np.float64)
    q = np.asarray(queries, dtype=np.float64)
    lab = np.asarray(labels, dtype=np.float64)
    if tr.shape[0] == 0:
        return np.zeros(q.shape[0])
    k = max(1, min(k, tr.shape[0]))
    sims = q @ tr.T
    idx = np.argpartition(-sims, k - 1, axis=1)[:, :k]
    near = np.take_along_axis(sims, idx, axis=1)
    weights = np.clip(near, 0.0, None) ** power
    total = weights.sum(axis=1)
    votes = (weights * lab[idx]).sum(axis=1)
    base = float(lab.mean())
    return np.where(total > 1e-12, votes / np.maximum(total, 1e-12), base)


# --- the signal ----------------------------------------------------------------------------


class SemanticRiskSignal:
    """Crisis score from labelled examples; ``assess_with`` raises an assessment with it.

    Defaults are the grouped 5-fold cross-validated choice on the three training files with
    all-MiniLM-L6-v2: kNN, ``k=7``, weight ``cos**4``, the message prefixed by its last two
    context messages (``context_turns=2``), ``t2=0.95`` (semantic-alone precision ~0.9,
    recall ~0.25 out of fold) and ``t1=0.75``. The examples are embedded lazily on the first
    call (or by :meth:`prepare`).
    """

    def __init__(
        self,
        embedder: Any,
        examples: Sequence[Example],
        *,
        method: str = "knn",
        k: int = 7,
        power: float = 4.0,
        l2: float = 0.1,
        context_turns: int = 2,
        t1: float = 0.75,
        t2: float = 0.95,
        cache_dir: str | Path | None = None,
    ) -> None:
        if method not in ("logreg", "knn"):
            raise ValueError(f"method must be 'logreg' or 'knn', not {method!r}")
        if not 0.0 <= t1 <= t2 <= 1.0:
            raise ValueError("need 0 <= t1 <= t2 <= 1")
        if not examples:
            raise ValueError("SemanticRiskSignal needs at least one example")
        self.embedder = embedder
        self.examples = list(examples)
        self.method = method
        self.k = k
        self.power = power
        self.l2 = l2
        self.context_turns = context_turns
        self.t1 = t1
        self.t2 = t2
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None
        self.cache_hit: bool | None = None
        self._labels = np.array([1.0 if e.crisis else 0.0 for e in self.examples])
        self._matrix: NDArray[np.float32] | None = None
        self._weights: tuple[NDArray[np.float64], float] | None = None
        self._lock: asyncio.Lock | None = None

    @classmethod
    def from_files(
        cls, embedder: Any, paths: Iterable[str | Path], **kwargs: Any,
    ) -> SemanticRiskSignal:
        return cls(embedder, load_examples(paths), **kwargs)

    # -- embedding and cache --

    def _inputs(self) -> list[str]:
        return [compose(e.text, e.context, self.context_turns) for e in self.examples]

    def cache_key(self) -> str:
        """``<embedder name>-<sha256 of the embedded inputs and labels>`` (file-name safe)."""
        digest = hashlib.sha256()
        digest.update(f"{getattr(self.embedder, 'name', '?')}|{getattr(self.embedder, 'dim', 0)}"
                      .encode())
        for text, example in zip(self._inputs(), self.examples, strict=True):
            digest.update(b"\x00" + example.label.encode() + b"\x01" + text.encode("utf-8"))
        name = _CACHE_NAME.sub("_", str(getattr(self.embedder, "name", "embedder")))
        return f"{name}-{digest.hexdigest()[:32]}"

    def _cache_path(self) -> Path | None:
        return None if self.cache_dir is None else self.cache_dir / f"{self.cache_key()}.npy"

    async def _embed_examples(self) -> NDArray[np.float32]:
        path = self._cache_path()
        n = len(self.examples)
        if path is not None and path.exists():
            try:
                cached = np.load(path, allow_pickle=False)
                if cached.ndim == 2 and cached.shape[0] == n:
                    self.cache_hit = True
                    return _unit(cached)
            except (OSError, ValueError) as exc:
                log.warning("ignoring unreadable semantic cache %s: %s", path.name, exc)
        self.cache_hit = False
        matrix = _unit(await self.embedder.embed(self._inputs()))
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_name(path.name + ".tmp.npy")
                np.save(tmp, matrix, allow_pickle=False)
                tmp.replace(path)
            except OSError as exc:
                log.warning("could not write semantic cache %s: %s", path.name, exc)
        return matrix

    async def prepare(self) -> None:
        """Embed the examples (or load the cache) and fit the model; idempotent."""
        if self._matrix is not None:
            return
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            if self._matrix is not None:
                return
            matrix = await self._embed_examples()
            if self.method == "logreg":
                self._weights = fit_logreg(matrix, self._labels, l2=self.l2)
            self._matrix = matrix

    # -- scoring --

    def score_vectors(self, vectors: NDArray[Any]) -> NDArray[np.float64]:
        """Crisis scores for already-embedded queries (after :meth:`prepare`)."""
        if self._matrix is None:
            raise RuntimeError("call prepare() first")
        q = _unit(vectors)
        if self.method == "knn":
            return knn_scores(self._matrix, self._labels, q, k=self.k, power=self.power)
        assert self._weights is not None
        w, b = self._weights
        return _sigmoid(q.astype(np.float64) @ w + b)

    async def score_many(
        self, items: Sequence[tuple[str, Sequence[str]]],
    ) -> NDArray[np.float64]:
        await self.prepare()
        if not items:
            return np.zeros(0)
        vectors = await self.embedder.embed(
            [compose(text, context, self.context_turns) for text, context in items])
        return self.score_vectors(vectors)

    async def score(self, text: str, context: Sequence[str] = ()) -> float:
        """Crisis score in [0, 1] for one message (with its earlier messages, oldest first)."""
        return float((await self.score_many([(text, tuple(context))]))[0])

    def raise_with(self, assessment: Assessment, score: float) -> Assessment:
        """Raise ``assessment`` for a semantic ``score``; never lowers it."""
        if score >= self.t2:
            target = max(assessment.score, 0.85)
        elif score >= self.t1:
            target = max(assessment.score, ELEVATED + 0.05)
        else:
            return assessment
        if target <= assessment.score or level_for(target) == assessment.level:
            return assessment
        kinds = assessment.kinds if SEMANTIC in assessment.kinds else (*assessment.kinds,
                                                                        SEMANTIC)
        return replace(
            assessment,
            level=level_for(target),
            score=round(target, 4),
            kinds=kinds,
            reasons=(*assessment.reasons, f"{SEMANTIC}:{score:.2f}"),
        )

    async def assess_with(
        self, assessment: Assessment, text: str, context: Sequence[str] = (),
    ) -> Assessment:
        """``assessment`` raised by the semantic score (skipped when already high)."""
        if assessment.level == "high" or assessment.score >= HIGH:
            return assessment
        return self.raise_with(assessment, await self.score(text, context))
