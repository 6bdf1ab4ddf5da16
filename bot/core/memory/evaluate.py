"""`os1 memory eval`: ingest long conversations through the live path, then measure recall.

Turns are stored exactly as live messages are (episodic store and index); fact extraction runs
only when a model is given. Each question recalls the top k items; an item covers the evidence
turns its provenance points at (a message its own turn, a fact the turns it came from).
"""

from __future__ import annotations

import json
import logging
import tempfile
import time
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.core.clock import ManualClock
from bot.core.errors import UserInputError
from bot.core.memory.evalmetrics import QuestionResult, summarize
from bot.core.memory.ranking import render_memory
from bot.core.memory.service import MemoryService
from bot.core.models import DM_SCOPE
from bot.core.ports import ChatModel, Embedder
from bot.core.tokens import count_tokens
from bot.store import NewMessage, Store
from bot.store.baseline import RawTurnIndex

log = logging.getLogger(__name__)

USER_ID = 1


def load_dataset(path: str | Path) -> list[dict[str, Any]]:
    """The conversations of an eval file, or a UserInputError naming what is wrong."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserInputError(f"no file {path}", user_message=f"There is no file {path}.") from None
    except ValueError as exc:
        raise UserInputError(str(exc), user_message=f"{path} is not valid JSON ({exc}).") from None
    convs = data.get("conversations") if isinstance(data, dict) else None
    if not isinstance(convs, list) or not convs:
        raise UserInputError("bad format", user_message=f'{path} needs a non-empty "conversations" list.')
    for i, conv in enumerate(convs):
        for key in ("id", "speakers", "sessions", "questions"):
            if key not in conv:
                raise UserInputError("bad format", user_message=f'conversations[{i}] lacks "{key}".')
    return convs


def _parse_date(value: str) -> datetime:
    """A session's wall-clock time. Naive times are read as UTC, not as this machine's zone, so
    the indexed dates (and so the figures) are the same on every machine."""
    dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


async def evaluate_conversation(
    conv: Mapping[str, Any], *, k: int, workdir: Path, model: ChatModel | None = None,
    embedder: Embedder | None = None,
) -> tuple[list[QuestionResult], list[QuestionResult]]:
    """(our results, plain-BM25 baseline results) for one conversation."""
    store = await Store.open(workdir / f"eval-{conv['id']}.db")
    try:
        clock = ManualClock()
        memory = MemoryService(store, model, clock, None, embedder=embedder,
                               extraction_enabled=model is not None)
        user_name = str(conv["speakers"][0])
        await store.people.ensure_user(USER_ID, user_name, clock.now())
        turn_of_message: dict[int, str] = {}
        baseline = RawTurnIndex()
        for session in conv["sessions"]:
            start = _parse_date(session["date"])
            batch = []
            for i, t in enumerate(session["turns"]):
                at = start + timedelta(seconds=30 * i)
                clock.set(at)
                role = "user" if t["speaker"] == user_name else "assistant"
                mid = await store.messages.add(NewMessage(
                    user_id=USER_ID, scope=DM_SCOPE, role=role, speaker=str(t["speaker"]),
                    content=str(t["text"]), created_at=at))
                turn_of_message[mid] = str(t["id"])
                batch.append((str(t["id"]), str(t["text"])))
            baseline.add(batch)
            if model is not None or embedder is not None:
                await memory.after_turn(USER_ID, DM_SCOPE)
        ours, base = [], []
        for q in conv["questions"]:
            t0 = time.perf_counter()
            recalled = await memory.recall(USER_ID, q["question"], scope=DM_SCOPE, k=k)
            ms = (time.perf_counter() - t0) * 1000
            prov = tuple(tuple(turn_of_message[m] for m in r.source_message_ids
                               if m in turn_of_message) for r in recalled)
            tokens = sum(count_tokens(render_memory(r)) for r in recalled)
            ours.append(QuestionResult(q.get("category", "unknown"), tuple(q.get("evidence", [])),
                                       prov, ms, tokens))
            t0 = time.perf_counter()
            hits = baseline.search(q["question"], k)
            ms = (time.perf_counter() - t0) * 1000
            base.append(QuestionResult(q.get("category", "unknown"), tuple(q.get("evidence", [])),
                                       tuple((h,) for h in hits), ms))
        baseline.close()
        return ours, base
    finally:
        await store.close()


async def run_eval(
    path: str | Path, *, k: int = 10, model: ChatModel | None = None,
    embedder: Embedder | None = None,
) -> dict[str, Any]:
    convs = load_dataset(path)
    ours: list[QuestionResult] = []
    base: list[QuestionResult] = []
    with tempfile.TemporaryDirectory(prefix="os1-memeval-") as tmp:
        for conv in convs:
            o, b = await evaluate_conversation(conv, k=k, workdir=Path(tmp), model=model,
                                               embedder=embedder)
            ours += o
            base += b
    result = summarize(ours, k)
    result["mode"] = "hybrid" if embedder else "lexical"
    result["extraction"] = model is not None
    result["baseline_bm25_raw_turns"] = summarize(base, k)["recall_at_k"]
    return result


def question_count(convs: Sequence[Mapping[str, Any]]) -> int:
    return sum(len(c["questions"]) for c in convs)
