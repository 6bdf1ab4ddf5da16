"""Recall latency at 10,000 memories for one user (excluding the embedding call).

Builds a store with 10,000 facts and 10,000 messages for one user (plus another user's rows,
so the index is shared as in production), texts drawn from the memory eval set's turns, then times `MemoryService.recall` for 300 queries:
lexical only, and hybrid with precomputed 384-d vectors (the query vector is looked up, so
the embedding call itself is excluded, as the target says). Prints JSON.

    python benchmarks/recall_latency.py [--memories 10000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# isort: off
import bot  # noqa: E402,F401 - first: it sets single-threaded BLAS before numpy loads
import numpy as np  # noqa: E402
# isort: on

from bot.core.clock import ManualClock  # noqa: E402
from bot.core.memory.evalmetrics import percentile  # noqa: E402
from bot.core.memory.service import MemoryService  # noqa: E402
from bot.core.memory.vectors import to_blob  # noqa: E402
from bot.store import NewMemory, NewMessage, Store  # noqa: E402


class LookupEmbedder:
    """Vectors computed up front: recall timing then excludes the embedding call."""

    name = "bench"
    dim = 384

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.table: dict[str, np.ndarray] = {}

    def vector(self, text: str) -> np.ndarray:
        if text not in self.table:
            v = self.rng.standard_normal(self.dim).astype(np.float32)
            self.table[text] = v / np.linalg.norm(v)
        return self.table[text]

    async def embed(self, texts: Sequence[str]) -> np.ndarray:
        return np.stack([self.vector(t) for t in texts])


DATASET = Path(__file__).resolve().parents[1] / "evals" / "memory" / "dataset.json"


def corpus() -> tuple[list[str], list[str]]:
    """Turn texts and questions from the memory eval set: realistic vocabulary and lengths."""
    data = json.loads(DATASET.read_text(encoding="utf-8"))
    turns = [t["text"] for c in data["conversations"] for s in c["sessions"] for t in s["turns"]]
    questions = [q["question"] for c in data["conversations"] for q in c["questions"]]
    return turns, questions


TURNS, QUESTIONS = corpus()


def sentence(rng: random.Random) -> str:
    return rng.choice(TURNS)


async def build(path: Path, n: int, embedder: LookupEmbedder) -> Store:
    store = await Store.open(path)
    rng = random.Random(1)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    for uid in (1, 2, 3):
        await store.people.ensure_user(uid, f"user{uid}", now)
    for uid in (1, 2):
        msgs = [NewMessage(uid, "dm", "user", "Theo", sentence(rng), now + timedelta(minutes=i))
                for i in range(n)]
        for start in range(0, n, 1000):
            await store.messages.add_many_dedup(msgs[start:start + 1000])
    ids = []
    for i in range(n):
        ids.append(await store.memories.add(
            NewMemory(1, sentence(rng), now + timedelta(hours=i)), now))
    await store.memories.put_vectors(1, "memory", [(i, to_blob(embedder.vector(f"m{i}"))) for i in ids],
                                     embedder.name, embedder.dim)
    msg_ids = [m.id for m in await store.messages.recent(1, "dm", n)]
    await store.memories.put_vectors(1, "message", [(i, to_blob(embedder.vector(f"g{i}"))) for i in msg_ids],
                                     embedder.name, embedder.dim)
    return store


async def measure(memory: MemoryService, queries: list[str], scope: str,
                  include_messages: bool = True) -> dict[str, float]:
    for q in queries[:20]:  # warm caches (vector index load happens once per user)
        await memory.recall(1, q, scope=scope, k=10, include_messages=include_messages)
    times = []
    for q in queries:
        t0 = time.perf_counter()
        await memory.recall(1, q, scope=scope, k=10, include_messages=include_messages)
        times.append((time.perf_counter() - t0) * 1000)
    return {"p50": round(percentile(times, 50), 3), "p95": round(percentile(times, 95), 3),
            "max": round(max(times), 3)}


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--memories", type=int, default=10_000)
    args = parser.parse_args()
    embedder = LookupEmbedder(np.random.default_rng(0))
    rng = random.Random(2)
    queries = [rng.choice(QUESTIONS) for _ in range(300)]
    for q in queries:
        embedder.vector(q)
    with tempfile.TemporaryDirectory() as tmp:
        store = await build(Path(tmp) / "bench.db", args.memories, embedder)
        clock = ManualClock()
        lexical = MemoryService(store, None, clock, None)
        hybrid = MemoryService(store, None, clock, None, embedder=embedder)
        result = {
            "memories_per_user": args.memories,
            "messages_per_user": args.memories,
            "queries": len(queries),
            "k": 10,
            "facts_only_lexical_ms": await measure(lexical, queries, "dm", include_messages=False),
            "facts_only_hybrid_ms": await measure(hybrid, queries, "dm", include_messages=False),
            "lexical_ms": await measure(lexical, queries, "dm"),
            "hybrid_ms": await measure(hybrid, queries, "dm"),
            "lexical_guild_scope_ms": await measure(lexical, queries, "guild:9:9"),
        }
        await store.close()
    print(json.dumps(result))


if __name__ == "__main__":
    asyncio.run(main())
