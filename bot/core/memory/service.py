"""Recall, upkeep (extraction, profile, summaries, embeddings) and the user's own controls.

Recall is hybrid: BM25 over FTS5 (messages and facts) fused with vector similarity by
reciprocal-rank fusion; lexical only when no embedder is configured. Scope is enforced in the
store query itself: a prompt for a server channel can only see that server's messages and the
memories the user marked shareable, never their DMs.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from bot.core.clock import Clock
from bot.core.errors import ModelError
from bot.core.memory import extraction
from bot.core.memory.fusion import rrf
from bot.core.memory.owner import MemoryOwner, build_profile, is_provenance_question
from bot.core.memory.ranking import RecalledMemory, budget_memories, query_terms, render_memory
from bot.core.memory.vectors import VectorCache, VectorIndex, from_blobs, to_blob
from bot.core.models import DM_SCOPE, Memory, StoredMessage, User
from bot.core.ports import ChatModel, Embedder
from bot.store import NewMemory, Store

if TYPE_CHECKING:
    from bot.settings import Settings

log = logging.getLogger(__name__)

PROFILE_MAX_CHARS = 1500
MEMORY_PROMPT_TOKENS = 700
SUMMARY_CHUNK = 40          # messages summarised at a time
SUMMARY_KEEP_RECENT = 60    # the prompt's own history window; older than this gets summarised
EXTRACTION_BATCH = 30       # messages shown to the extractor at a time
MAX_BATCHES_PER_RUN = 10    # catch-up bound per upkeep run (the cursor keeps the rest)


@dataclass
class PromptMemory:
    profile: str | None
    memories: list[str]
    summary: str | None
    recalled: list[RecalledMemory]


def visible_scopes(scope: str) -> list[str] | None:
    """Scopes whose items may appear in a prompt for `scope` (None: everything of the user)."""
    if scope == DM_SCOPE:
        return None
    parts = scope.split(":")
    if len(parts) >= 2 and parts[0] == "guild":
        return [f"guild:{parts[1]}:*"]
    return [scope]


class MemoryService:
    def __init__(
        self, store: Store, model: ChatModel | None, clock: Clock, settings: Settings | None,
        *, embedder: Embedder | None = None, extraction_enabled: bool | None = None,
    ) -> None:
        self.store = store
        self.model = model
        self.clock = clock
        self.embedder = embedder
        self.extraction_enabled = (
            extraction_enabled if extraction_enabled is not None
            else bool(settings.memory_extraction) if settings is not None else False
        )
        self._cache: VectorCache[tuple[int, str], int] = VectorCache(max_vectors=2_000_000)
        self._locks: dict[int, asyncio.Lock] = {}
        self._dirty: set[tuple[int, str]] = set()

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        self._cache.clear()

    # --- recall ---------------------------------------------------------------------------
    async def recall(
        self, user_id: int, query: str, *, scope: str, k: int = 10,
        include_messages: bool = True, exclude_message_ids: Sequence[int] = (),
    ) -> list[RecalledMemory]:
        scopes = visible_scopes(scope)
        match = query_terms(query)
        depth = max(k * 3, 30)
        jobs: list[Awaitable[list[list[tuple[str, int]]]]] = []
        if match:
            jobs.append(self._lexical("fact", user_id, match, depth, scopes, ()))
            if include_messages:
                jobs.append(self._lexical("message", user_id, match, depth, scopes,
                                          exclude_message_ids))
        if self.embedder is not None and query.strip():
            jobs.append(self._vector_rankings(user_id, query, scopes, depth, include_messages,
                                              exclude_message_ids))
        # Lexical searches run on the store's reader connections and vector search in a worker
        # thread, concurrently: recall costs the slowest of them, not their sum.
        rankings: list[list[tuple[str, int]]] = []
        for found in await asyncio.gather(*jobs, return_exceptions=True):
            if isinstance(found, BaseException):
                if not isinstance(found, ModelError | RuntimeError):
                    raise found
                log.warning("vector recall unavailable, using lexical only: %s", found)
                continue
            rankings.extend(found)
        fused = rrf(rankings)[:k]
        return await self._hydrate(user_id, fused)

    async def _lexical(
        self, kind: str, user_id: int, match: str, depth: int, scopes: list[str] | None,
        exclude: Sequence[int],
    ) -> list[list[tuple[str, int]]]:
        if kind == "fact":
            hits = await self.store.memories.search(user_id, match, depth, scopes=scopes)
        else:
            hits = await self.store.messages.search(user_id, match, depth, scopes=scopes)
        return [[(kind, i) for i, _ in hits if i not in exclude]]

    async def _vector_rankings(
        self, user_id: int, query: str, scopes: list[str] | None, depth: int,
        include_messages: bool, exclude: Sequence[int],
    ) -> list[list[tuple[str, int]]]:
        assert self.embedder is not None
        qvec = np.asarray(await self.embedder.embed([query]), dtype=np.float32)[0]
        out = []
        kinds = ("fact", "message") if include_messages else ("fact",)
        for kind in kinds:
            index = await self._index(user_id, kind)
            if index is None or not len(index):
                continue
            if kind == "fact" and scopes is not None:
                # Search only among the facts this scope may see, so private ones can neither
                # appear nor crowd the visible ones out of the top.
                allowed = await self.store.memories.visible_ids(user_id, scopes=scopes)
                hits = await asyncio.to_thread(index.search, qvec, depth, only=allowed)
            else:
                hits = await asyncio.to_thread(index.search, qvec, depth * 2)
            if kind == "message" and scopes is not None:
                rows = await self.store.messages.by_ids(user_id, [i for i, _ in hits])
                ok = {m.id for m in rows if _scope_ok(m.scope, scopes)}
                hits = [(i, s) for i, s in hits if i in ok]
            out.append([(kind, i) for i, _ in hits[:depth] if not (kind == "message" and i in exclude)])
        return out

    async def _index(self, user_id: int, kind: str) -> VectorIndex[int] | None:
        assert self.embedder is not None
        key = (user_id, kind)
        index = self._cache.get(key)
        if index is not None:
            return index
        rows = await self.store.memories.vectors(user_id, "memory" if kind == "fact" else "message",
                                                 self.embedder.name)
        if not rows:
            return None
        dim = len(rows[0][1]) // 4
        index = VectorIndex(dim, capacity=len(rows))
        index.add([i for i, _ in rows], from_blobs([b for _, b in rows], dim))
        self._cache.put(key, index)
        return index

    async def _hydrate(
        self, user_id: int, fused: Sequence[tuple[tuple[str, int], float]]
    ) -> list[RecalledMemory]:
        fact_ids = [i for (kind, i), _ in fused if kind == "fact"]
        msg_ids = [i for (kind, i), _ in fused if kind == "message"]
        facts = {m.id: m for m in await self.store.memories.by_ids(user_id, fact_ids)}
        msgs = {m.id: m for m in await self.store.messages.by_ids(user_id, msg_ids)}
        out: list[RecalledMemory] = []
        for (kind, i), score in fused:
            if kind == "fact" and i in facts:
                f = facts[i]
                out.append(RecalledMemory(
                    id=i, kind="fact", text=f.content, score=score, created_at=f.created_at,
                    valid_from=f.valid_from, valid_to=f.valid_to,
                    source_message_ids=f.source_message_ids, scope=f.scope))
            elif kind == "message" and i in msgs:
                m = msgs[i]
                out.append(RecalledMemory(
                    id=i, kind="message", text=f"{m.speaker}: {m.content}", score=score,
                    created_at=m.created_at, source_message_ids=(i,), scope=m.scope))
        return out

    async def prompt_context(
        self, user: User, scope: str, query: str, history: Sequence[StoredMessage]
    ) -> PromptMemory:
        recalled = await self.recall(
            user.id, query, scope=scope, k=12, exclude_message_ids=[m.id for m in history])
        chosen = budget_memories(recalled, MEMORY_PROMPT_TOKENS, now=self.clock.now())
        lines = [render_memory(m).removeprefix("- ") for m in chosen]
        if is_provenance_question(query):
            lines = await self._provenance_lines(user.id, scope, history) + lines
        # The profile is built from every fact, private ones included: DMs only.
        profile = None
        if scope == DM_SCOPE:
            profile = await self.store.memories.profile(user.id)
            if profile is None:  # never built yet (e.g. just onboarded): build it now
                profile = await self.rebuild_profile(user.id)
        summary = await self.store.memories.latest_summary(user.id, scope)
        return PromptMemory(
            profile=profile, memories=lines,
            summary=summary.content if summary else None, recalled=chosen,
        )

    async def _provenance_lines(
        self, user_id: int, scope: str, history: Sequence[StoredMessage]
    ) -> list[str]:
        """For "how do you know that?": where the facts behind the last reply came from.

        Outside DMs a source message is quoted only if it is itself visible in this scope: a
        shareable fact may be told, but the private message it was learned from may not.
        """
        said = next((m.content for m in reversed(history) if m.role == "assistant"), "")
        if not said:
            return []
        recalled = await self.recall(user_id, said, scope=scope, k=5, include_messages=False)
        owner = MemoryOwner(self.store, self.clock)
        allowed = visible_scopes(scope)
        out = []
        for r in recalled[:3]:
            memory = await self.store.memories.get(user_id, int(r.id))  # type: ignore[call-overload]
            if memory is None:
                continue
            prov = await owner.provenance(user_id, memory)
            if allowed is not None:
                prov = prov.visible_in(lambda s: _scope_ok(s, allowed))
            out.append(f"Where you learned “{memory.content}”: {prov.describe()}.")
        return out

    # --- upkeep -------------------------------------------------------------------------------
    async def after_turn(self, user_id: int, scope: str) -> None:
        """Extraction, profile, summaries and embeddings; one run per user at a time."""
        lock = self._locks.setdefault(user_id, asyncio.Lock())
        if lock.locked():
            self._dirty.add((user_id, scope))
            return
        async with lock:
            pending = [scope]
            while pending:
                current = pending.pop(0)
                try:
                    await self._upkeep(user_id, current)
                except ModelError as exc:
                    log.warning("memory upkeep skipped (model unavailable): %s", exc)
                except Exception:  # noqa: BLE001 - upkeep must never break conversations
                    log.exception("memory upkeep failed")
                # Turns that ended meanwhile, in this scope or any other, get their run now.
                for key in [d for d in self._dirty if d[0] == user_id]:
                    self._dirty.discard(key)
                    if key[1] not in pending:
                        pending.append(key[1])
        if not lock.locked():
            self._locks.pop(user_id, None)

    async def _upkeep(self, user_id: int, scope: str) -> None:
        user = await self.store.people.get_user(user_id)
        if user is None:  # forgotten meanwhile
            return
        if self.extraction_enabled and self.model is not None:
            await self.extract(user, scope)
        await self._summarise(user, scope)
        if self.embedder is not None:
            await self._embed_new(user_id)

    async def extract(self, user: User, scope: str) -> int:
        """Run extraction over messages since the cursor, oldest first, in batches; returns
        operations applied. The cursor advances per batch, so a crash resumes where it was."""
        assert self.model is not None
        tz = extraction.zone(user.timezone)
        applied = 0
        for _ in range(MAX_BATCHES_PER_RUN):
            cursor = await self.store.memories.extraction_cursor(user.id, scope)
            new = await self.store.messages.after(user.id, scope, cursor, EXTRACTION_BATCH)
            if not new:
                break
            from_user = [m for m in new if m.role == "user"]
            if from_user:
                existing = await self._similar_memories(
                    user.id, " ".join(m.content for m in from_user), scope)
                request = extraction.build_request(
                    user.display_name or "the user", new, existing, self.clock.now(), tz)
                raw = await self.model.complete(request, json_mode=True, temperature=0)
                ops = extraction.parse_operations(
                    raw, allowed_memory_ids={m.id for m in existing},
                    allowed_sources={m.id for m in from_user})
                applied += await self.apply(user.id, scope, ops,
                                            default_sources=tuple(m.id for m in from_user))
            await self.store.memories.set_extraction_cursor(user.id, scope, new[-1].id)
            if len(new) < EXTRACTION_BATCH:
                break
        if applied:
            await self.rebuild_profile(user.id)
        return applied

    async def _similar_memories(self, user_id: int, text: str, scope: str) -> list[Memory]:
        """Existing memories to compare with, limited to what a prompt in `scope` may see: an
        extraction run over a server channel must not be shown (or rewrite) private facts."""
        scopes = visible_scopes(scope)
        match = query_terms(text)
        ids: list[int] = []
        if match:
            ids = [i for i, _ in await self.store.memories.search(
                user_id, match, 15, scopes=scopes, current_only=True)]
        recent = await self.store.memories.list(user_id, limit=10 if scopes is None else 50)
        if scopes is not None:
            visible = await self.store.memories.visible_ids(user_id, scopes=scopes)
            recent = [m for m in recent if m.id in visible][:10]
        seen = set(ids)
        ids += [m.id for m in recent if m.id not in seen]
        return await self.store.memories.by_ids(user_id, ids[:25])

    async def apply(
        self, user_id: int, scope: str, ops: Sequence[extraction.Operation],
        default_sources: tuple[int, ...] = (),
    ) -> int:
        now = self.clock.now()
        applied = 0
        for op in ops:
            sources = op.sources or default_sources
            if op.op == "add" and op.fact:
                await self.store.memories.add(NewMemory(
                    user_id=user_id, content=op.fact, valid_from=now, scope=scope,
                    source_message_ids=sources), now)
            elif op.op == "update" and op.fact and op.memory_id is not None:
                await self.store.memories.add(NewMemory(
                    user_id=user_id, content=op.fact, valid_from=now, scope=scope,
                    source_message_ids=sources), now, supersedes=op.memory_id)
            elif op.op == "delete" and op.memory_id is not None:
                await self.store.memories.invalidate(user_id, op.memory_id, now)
            else:
                continue
            applied += 1
        if applied:
            self._cache.invalidate((user_id, "fact"))
        return applied

    async def rebuild_profile(self, user_id: int) -> str:
        """The bounded profile: onboarding answers and current facts, newest first."""
        return await build_profile(self.store, user_id, self.clock.now(), PROFILE_MAX_CHARS)

    async def _summarise(self, user: User, scope: str) -> None:
        """Fold the oldest unsummarised messages into the rolling summary, a chunk at a time,
        once more than the prompt's own history window is waiting."""
        if self.model is None:
            return
        companion = await self.store.people.get_companion(user.id)
        for _ in range(MAX_BATCHES_PER_RUN):
            latest = await self.store.memories.latest_summary(user.id, scope)
            after = latest.to_message_id if latest else 0
            waiting = await self.store.messages.after(
                user.id, scope, after, SUMMARY_KEEP_RECENT + SUMMARY_CHUNK + 1)
            if len(waiting) <= SUMMARY_KEEP_RECENT + SUMMARY_CHUNK:
                return
            chunk = waiting[:SUMMARY_CHUNK]
            request = extraction.summary_request(
                user.display_name or "the user",
                companion.display_name if companion else "companion",
                latest.content if latest else None, chunk, extraction.zone(user.timezone))
            text = (await self.model.complete(request, max_tokens=400, temperature=0.2)).strip()
            if not text:
                return
            await self.store.memories.add_summary(
                user.id, scope, chunk[0].id, chunk[-1].id, text[:4000], self.clock.now())

    async def _embed_new(self, user_id: int) -> None:
        assert self.embedder is not None
        for kind, fetch in (("memory", self._unembedded_facts), ("message", self._unembedded_msgs)):
            items = await fetch(user_id)
            for start in range(0, len(items), 64):
                batch = items[start:start + 64]
                vecs = np.asarray(await self.embedder.embed([t for _, t in batch]), np.float32)
                await self.store.memories.put_vectors(
                    user_id, kind, [(i, to_blob(v)) for (i, _), v in zip(batch, vecs, strict=True)],
                    self.embedder.name, int(vecs.shape[1]))
            if items:
                self._cache.invalidate((user_id, "fact" if kind == "memory" else "message"))

    # The store finds what lacks a vector (an anti-join on the vectors' key), instead of this
    # process loading every vector and every fact after each turn to compare ids.
    async def _unembedded_facts(self, user_id: int) -> list[tuple[int, str]]:
        assert self.embedder is not None
        return await self.store.memories.without_vectors(user_id, self.embedder.name)

    async def _unembedded_msgs(self, user_id: int) -> list[tuple[int, str]]:
        assert self.embedder is not None
        rows = await self.store.messages.without_vectors(user_id, self.embedder.name, 500)
        return [(m.id, f"{m.speaker}: {m.content}") for m in rows]

    def forget_cache(self, user_id: int) -> None:
        self._cache.invalidate((user_id, "fact"))
        self._cache.invalidate((user_id, "message"))


def _scope_ok(scope: str, allowed: list[str]) -> bool:
    return any(scope.startswith(a[:-1]) if a.endswith(":*") else scope == a for a in allowed)
