"""Semantic memory (facts with provenance and validity), vectors, profile and summaries."""

from __future__ import annotations

import builtins  # `list` is also a method name here; annotations below mean the type
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.core.models import Memory, Summary
from bot.store import convert
from bot.store.db import Database
from bot.store.messages import scope_filter


@dataclass(frozen=True)
class NewMemory:
    user_id: int
    content: str
    valid_from: datetime
    kind: str = "fact"
    scope: str = "dm"
    shareable: bool = False
    origin: str = "extraction"
    source_message_ids: tuple[int, ...] = ()


class Memories:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def add(self, new: NewMemory, now: datetime, *, supersedes: int | None = None) -> int:
        """Insert a memory; with `supersedes`, the old one stops being true now."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "INSERT INTO memories (user_id, kind, content, scope, shareable, valid_from, "
                "origin, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    new.user_id, new.kind, new.content, new.scope, int(new.shareable),
                    convert.ts(new.valid_from), new.origin, convert.ts(now), convert.ts(now),
                ),
            )
            memory_id = cur.lastrowid or 0
            if new.source_message_ids:
                await conn.executemany(
                    "INSERT OR IGNORE INTO memory_sources (memory_id, message_id) "
                    "SELECT ?, id FROM messages WHERE id = ? AND user_id = ?",
                    [(memory_id, mid, new.user_id) for mid in new.source_message_ids],
                )
            if supersedes is not None:
                await conn.execute(
                    "UPDATE memories SET valid_to = ?, superseded_by = ?, updated_at = ? "
                    "WHERE id = ? AND user_id = ? AND valid_to IS NULL",
                    (convert.ts(now), memory_id, convert.ts(now), supersedes, new.user_id),
                )
            return memory_id

    async def invalidate(self, user_id: int, memory_id: int, now: datetime) -> bool:
        """Mark a fact as no longer true (kept, with its interval closed)."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE memories SET valid_to = ?, updated_at = ? "
                "WHERE id = ? AND user_id = ? AND valid_to IS NULL",
                (convert.ts(now), convert.ts(now), memory_id, user_id),
            )
            return cur.rowcount > 0

    async def _sources(self, ids: Sequence[int]) -> dict[int, tuple[int, ...]]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = await self.db.fetchall(
            f"SELECT memory_id, message_id FROM memory_sources WHERE memory_id IN ({marks}) "
            "ORDER BY message_id",
            tuple(ids),
        )
        out: dict[int, list[int]] = {}
        for row in rows:
            out.setdefault(row["memory_id"], []).append(row["message_id"])
        return {k: tuple(v) for k, v in out.items()}

    async def _hydrate(self, rows: Sequence[object]) -> list[Memory]:
        sources = await self._sources([r["id"] for r in rows])  # type: ignore[index]
        return [convert.memory(r, sources.get(r["id"], ())) for r in rows]  # type: ignore[index]

    async def get(self, user_id: int, memory_id: int) -> Memory | None:
        rows = await self.db.fetchall(
            "SELECT * FROM memories WHERE id = ? AND user_id = ?", (memory_id, user_id)
        )
        found = await self._hydrate(rows)
        return found[0] if found else None

    async def by_ids(self, user_id: int, ids: Sequence[int]) -> list[Memory]:
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        # '+user_id' keeps the planner on the rowid lookup, not a scan of the user's index.
        rows = await self.db.fetchall(
            f"SELECT * FROM memories WHERE +user_id = ? AND id IN ({marks})", (user_id, *ids)
        )
        return await self._hydrate(rows)

    async def list(
        self, user_id: int, *, current_only: bool = True, offset: int = 0, limit: int = 50
    ) -> list[Memory]:
        cond = "AND valid_to IS NULL" if current_only else ""
        rows = await self.db.fetchall(
            f"SELECT * FROM memories WHERE user_id = ? {cond} ORDER BY id DESC LIMIT ? OFFSET ?",
            (user_id, limit, offset),
        )
        return await self._hydrate(rows)

    async def count(self, user_id: int, *, current_only: bool = True) -> int:
        cond = "AND valid_to IS NULL" if current_only else ""
        return int(await self.db.fetchval(
            f"SELECT count(*) FROM memories WHERE user_id = ? {cond}", (user_id,)) or 0)

    async def edit(self, user_id: int, memory_id: int, content: str, now: datetime) -> bool:
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE memories SET content = ?, origin = 'user', updated_at = ? "
                "WHERE id = ? AND user_id = ?",
                (content, convert.ts(now), memory_id, user_id),
            )
            await conn.execute(
                "DELETE FROM vectors WHERE item_kind = 'memory' AND item_id = ?", (memory_id,)
            )
            return cur.rowcount > 0

    async def set_shareable(self, user_id: int, memory_id: int, shareable: bool) -> bool:
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE memories SET shareable = ? WHERE id = ? AND user_id = ?",
                (int(shareable), memory_id, user_id),
            )
            return cur.rowcount > 0

    async def forget(self, user_id: int, memory_id: int) -> bool:
        """Delete one memory entirely (row, sources, index, vector)."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "DELETE FROM vectors WHERE item_kind = 'memory' AND item_id = ? AND user_id = ?",
                (memory_id, user_id),
            )
            cur = await conn.execute(
                "DELETE FROM memories WHERE id = ? AND user_id = ?", (memory_id, user_id)
            )
            return cur.rowcount > 0

    async def search(
        self, user_id: int, match: str, limit: int, *, scopes: Sequence[str] | None,
        include_shareable: bool = True, current_only: bool = False,
    ) -> builtins.list[tuple[int, float]]:
        """BM25-ranked memory ids. `scopes` limits by where a memory was learned;
        shareable memories are added back when `include_shareable`."""
        if scopes is None and not current_only:  # all of the user's memories: the index answers
            rows = await self.db.fetchall(
                "SELECT rowid AS id, bm25(memories_fts, 0.0, 1.0) AS rank FROM memories_fts "
                "WHERE memories_fts MATCH ? ORDER BY rank LIMIT ?",
                (f"owner:u{user_id} AND ({match})", limit),
            )
            return [(row["id"], -float(row["rank"])) for row in rows]
        where, params = scope_filter(scopes, "m.scope")
        if include_shareable and scopes is not None:
            where = f"({where} OR m.shareable = 1)"
        if current_only:
            where += " AND m.valid_to IS NULL"
        rows = await self.db.fetchall(
            "SELECT f.rowid AS id, bm25(memories_fts, 0.0, 1.0) AS rank FROM memories_fts f "
            "JOIN memories m ON m.id = f.rowid "
            f"WHERE memories_fts MATCH ? AND {where} ORDER BY rank LIMIT ?",
            (f"owner:u{user_id} AND ({match})", *params, limit),
        )
        return [(row["id"], -float(row["rank"])) for row in rows]

    async def visible_ids(
        self, user_id: int, *, scopes: Sequence[str] | None, include_shareable: bool = True
    ) -> set[int]:
        where, params = scope_filter(scopes)
        if include_shareable and scopes is not None:
            where = f"({where} OR shareable = 1)"
        rows = await self.db.fetchall(
            f"SELECT id FROM memories WHERE user_id = ? AND {where}", (user_id, *params)
        )
        return {row["id"] for row in rows}

    # --- vectors -------------------------------------------------------------------------
    async def put_vectors(
        self, user_id: int, kind: str, items: Sequence[tuple[int, bytes]], model: str, dim: int
    ) -> None:
        await self.db.write_many(
            "INSERT OR REPLACE INTO vectors (item_kind, item_id, user_id, model, dim, vec) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(kind, item_id, user_id, model, dim, blob) for item_id, blob in items],
        )

    async def vectors(
        self, user_id: int, kind: str, model: str
    ) -> builtins.list[tuple[int, bytes]]:
        rows = await self.db.fetchall(
            "SELECT item_id, vec FROM vectors WHERE user_id = ? AND item_kind = ? AND model = ?",
            (user_id, kind, model),
        )
        return [(row["item_id"], bytes(row["vec"])) for row in rows]

    async def without_vectors(self, user_id: int, model: str) -> builtins.list[tuple[int, str]]:
        """(id, content) of the user's memories with no vector from `model` yet."""
        rows = await self.db.fetchall(
            "SELECT m.id, m.content FROM memories m LEFT JOIN vectors v "
            "ON v.item_kind = 'memory' AND v.item_id = m.id AND v.model = ? "
            "WHERE m.user_id = ? AND v.item_id IS NULL ORDER BY m.id",
            (model, user_id),
        )
        return [(row["id"], row["content"]) for row in rows]

    # --- profile and summaries -----------------------------------------------------------
    async def profile(self, user_id: int) -> str | None:
        return await self.db.fetchval("SELECT content FROM profiles WHERE user_id = ?", (user_id,))

    async def set_profile(self, user_id: int, content: str, now: datetime) -> None:
        await self.db.write(
            "INSERT INTO profiles (user_id, content, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT (user_id) DO UPDATE SET content = excluded.content, "
            "updated_at = excluded.updated_at",
            (user_id, content, convert.ts(now)),
        )

    async def add_summary(
        self, user_id: int, scope: str, from_id: int, to_id: int, content: str, now: datetime
    ) -> int:
        return await self.db.write(
            "INSERT INTO summaries (user_id, scope, from_message_id, to_message_id, content, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (user_id, scope, from_id, to_id, content, convert.ts(now)),
        )

    async def latest_summary(self, user_id: int, scope: str) -> Summary | None:
        row = await self.db.fetchone(
            "SELECT * FROM summaries WHERE user_id = ? AND scope = ? "
            "ORDER BY to_message_id DESC LIMIT 1",
            (user_id, scope),
        )
        return None if row is None else convert.summary(row)

    async def extraction_cursor(self, user_id: int, scope: str) -> int:
        return int(await self.db.fetchval(
            "SELECT last_message_id FROM extraction_cursor WHERE user_id = ? AND scope = ?",
            (user_id, scope)) or 0)

    async def set_extraction_cursor(self, user_id: int, scope: str, last_id: int) -> None:
        await self.db.write(
            "INSERT INTO extraction_cursor (user_id, scope, last_message_id) VALUES (?, ?, ?) "
            "ON CONFLICT (user_id, scope) DO UPDATE SET last_message_id = excluded.last_message_id",
            (user_id, scope, last_id),
        )
