"""Episodic memory: every message, its lexical index, and archive imports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.core.models import Role, StoredMessage
from bot.store import convert
from bot.store.db import Database


@dataclass(frozen=True)
class NewMessage:
    user_id: int
    scope: str
    role: Role
    speaker: str
    content: str
    created_at: datetime
    discord_message_id: int | None = None
    source: str = "live"
    dedup_key: str | None = None


def scope_filter(scopes: Sequence[str] | None, column: str = "scope") -> tuple[str, list[str]]:
    """SQL fragment limiting rows to `scopes` (exact, or prefixes ending in ':*')."""
    if scopes is None:
        return "1", []
    if not scopes:
        return "0", []
    parts, params = [], []
    for scope in scopes:
        if scope.endswith(":*"):
            parts.append(f"{column} LIKE ?")
            params.append(scope[:-1].replace("%", "") + "%")
        else:
            parts.append(f"{column} = ?")
            params.append(scope)
    return "(" + " OR ".join(parts) + ")", params


class Messages:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def add(self, msg: NewMessage) -> int:
        return await self.db.write(
            "INSERT INTO messages (user_id, scope, role, speaker, content, created_at, "
            "discord_message_id, source, dedup_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                msg.user_id, msg.scope, msg.role, msg.speaker, msg.content,
                convert.ts(msg.created_at), msg.discord_message_id, msg.source, msg.dedup_key,
            ),
        )

    async def add_many_dedup(self, msgs: Sequence[NewMessage]) -> int:
        """Insert, skipping rows whose (user, dedup_key) exists; returns how many were new."""
        if not msgs:
            return 0
        async with self.db.transaction() as conn:
            known = 0
            by_user: dict[int, list[str]] = {}
            for m in msgs:
                if m.dedup_key is not None:
                    by_user.setdefault(m.user_id, []).append(m.dedup_key)
            for user_id, keys in by_user.items():
                for start in range(0, len(keys), 500):
                    chunk = list(dict.fromkeys(keys[start:start + 500]))
                    marks = ",".join("?" * len(chunk))
                    cur = await conn.execute(
                        f"SELECT count(*) FROM messages WHERE user_id = ? AND dedup_key IN ({marks})",
                        (user_id, *chunk))
                    row = await cur.fetchone()
                    known += int(row[0]) if row else 0
            await conn.executemany(
                "INSERT OR IGNORE INTO messages (user_id, scope, role, speaker, content, created_at, "
                "discord_message_id, source, dedup_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        m.user_id, m.scope, m.role, m.speaker, m.content, convert.ts(m.created_at),
                        m.discord_message_id, m.source, m.dedup_key,
                    )
                    for m in msgs
                ],
            )
            distinct = len({(m.user_id, m.dedup_key) for m in msgs if m.dedup_key is not None})
            return distinct - known + sum(1 for m in msgs if m.dedup_key is None)

    async def recent(
        self, user_id: int, scope: str, limit: int, *, after_id: int = 0
    ) -> list[StoredMessage]:
        """The newest `limit` messages in a scope (oldest first), newer than `after_id`."""
        rows = await self.db.fetchall(
            "SELECT * FROM messages WHERE user_id = ? AND scope = ? AND id > ? AND source = 'live' "
            "ORDER BY id DESC LIMIT ?",
            (user_id, scope, after_id, limit),
        )
        return [convert.message(r) for r in reversed(rows)]

    async def after(
        self, user_id: int, scope: str, after_id: int, limit: int
    ) -> list[StoredMessage]:
        """The oldest `limit` live messages in a scope newer than `after_id` (oldest first)."""
        rows = await self.db.fetchall(
            "SELECT * FROM messages WHERE user_id = ? AND scope = ? AND id > ? AND source = 'live' "
            "ORDER BY id LIMIT ?",
            (user_id, scope, after_id, limit),
        )
        return [convert.message(r) for r in rows]

    async def without_vectors(
        self, user_id: int, model: str, limit: int
    ) -> list[StoredMessage]:
        """Of the newest `limit` live messages (not notices), those with no vector from `model`."""
        rows = await self.db.fetchall(
            "SELECT m.* FROM (SELECT * FROM messages WHERE user_id = ? AND source = 'live' "
            "ORDER BY id DESC LIMIT ?) m LEFT JOIN vectors v "
            "ON v.item_kind = 'message' AND v.item_id = m.id AND v.model = ? "
            "WHERE v.item_id IS NULL AND m.role != 'notice' ORDER BY m.id",
            (user_id, limit, model),
        )
        return [convert.message(r) for r in rows]

    async def between(
        self, user_id: int, scope: str, after_id: int, upto_id: int
    ) -> list[StoredMessage]:
        rows = await self.db.fetchall(
            "SELECT * FROM messages WHERE user_id = ? AND scope = ? AND id > ? AND id <= ? "
            "AND source = 'live' ORDER BY id",
            (user_id, scope, after_id, upto_id),
        )
        return [convert.message(r) for r in rows]

    async def by_ids(self, user_id: int, ids: Sequence[int]) -> list[StoredMessage]:
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        # '+user_id' keeps the planner on the rowid lookup, not a scan of the user's index.
        rows = await self.db.fetchall(
            f"SELECT * FROM messages WHERE +user_id = ? AND id IN ({marks}) ORDER BY id",
            (user_id, *ids),
        )
        return [convert.message(r) for r in rows]

    async def count(self, user_id: int, scope: str | None = None) -> int:
        if scope is None:
            return int(await self.db.fetchval(
                "SELECT count(*) FROM messages WHERE user_id = ?", (user_id,)) or 0)
        return int(await self.db.fetchval(
            "SELECT count(*) FROM messages WHERE user_id = ? AND scope = ?", (user_id, scope)) or 0)

    async def search(
        self, user_id: int, match: str, limit: int, *, scopes: Sequence[str] | None
    ) -> list[tuple[int, float]]:
        """BM25-ranked message ids for an FTS5 MATCH expression, best first."""
        if scopes is None:  # every scope of the user's: the index alone answers
            rows = await self.db.fetchall(
                "SELECT rowid AS id, bm25(messages_fts, 0.0, 1.0) AS rank FROM messages_fts "
                "WHERE messages_fts MATCH ? ORDER BY rank LIMIT ?",
                (f"owner:u{user_id} AND ({match})", limit),
            )
            return [(row["id"], -float(row["rank"])) for row in rows]
        where, params = scope_filter(scopes, "m.scope")
        rows = await self.db.fetchall(
            "SELECT f.rowid AS id, bm25(messages_fts, 0.0, 1.0) AS rank FROM messages_fts f "
            "JOIN messages m ON m.id = f.rowid "
            f"WHERE messages_fts MATCH ? AND {where} ORDER BY rank LIMIT ?",
            (f"owner:u{user_id} AND ({match})", *params, limit),
        )
        return [(row["id"], -float(row["rank"])) for row in rows]

    async def set_discord_id(self, message_id: int, discord_message_id: int) -> None:
        await self.db.write(
            "UPDATE messages SET discord_message_id = ? WHERE id = ?",
            (discord_message_id, message_id),
        )

    async def last_id(self, user_id: int, scope: str) -> int:
        return int(await self.db.fetchval(
            "SELECT coalesce(max(id), 0) FROM messages WHERE user_id = ? AND scope = ?",
            (user_id, scope)) or 0)

    async def delete_source_prefix(self, user_id: int, prefix: str) -> int:
        """Remove rows whose source starts with `prefix` (rolling back a failed import)."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "DELETE FROM messages WHERE user_id = ? AND source >= ? AND source < ?",
                (user_id, prefix, prefix + "\U0010ffff"),
            )
            return cur.rowcount

    async def count_source_prefix(self, user_id: int, prefix: str) -> int:
        return int(await self.db.fetchval(
            "SELECT count(*) FROM messages WHERE user_id = ? AND source >= ? AND source < ?",
            (user_id, prefix, prefix + "\U0010ffff")) or 0)
