"""Everything about one user: export it, or erase it."""

from __future__ import annotations

import json
from typing import Any

from bot.store.db import Database

# Every table that holds a user's data, and the column naming them. The forget-me test scans
# every table in the schema, so a new table that is not listed here fails it.
USER_TABLES: tuple[tuple[str, str], ...] = (
    ("vectors", "user_id"),
    ("memory_sources", "memory_id IN (SELECT id FROM memories WHERE user_id = ?) AND 1"),
    ("memories", "user_id"),
    ("summaries", "user_id"),
    ("profiles", "user_id"),
    ("extraction_cursor", "user_id"),
    ("messages", "user_id"),
    ("user_answers", "user_id"),
    ("checkins", "user_id"),
    ("outbox", "user_id"),
    ("companions", "user_id"),
    ("users", "id"),
)


class Privacy:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def forget_user(self, user_id: int) -> dict[str, int]:
        """Delete every row about the user in one transaction; returns rows per table.

        Erased means erased: deleted FTS5 rows otherwise live on as tokens in the index's
        segments (``*_fts_data``) until a merge happens to reach them, so both indexes are
        optimized (rewritten without deleted entries; cost grows with the index, fine at our
        size — SQLite >= 3.42 could use FTS5 'secure-delete' instead), freed pages are zeroed
        (``secure_delete``), and the WAL is checkpointed so old page images leave the WAL file.
        """
        deleted: dict[str, int] = {}
        async with self.db.transaction() as conn:
            await conn.execute("PRAGMA secure_delete = ON")
            for table, column in USER_TABLES:
                if " " in column:
                    cur = await conn.execute(f"DELETE FROM {table} WHERE {column}", (user_id,))
                else:
                    cur = await conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (user_id,))
                deleted[table] = cur.rowcount
            # Moderation records stay (the server's history) but no longer name the person.
            cur = await conn.execute(
                "UPDATE audit_log SET actor_id = NULL WHERE actor_id = ?", (user_id,))
            deleted["audit_log (anonymised)"] = cur.rowcount
            # FTS rows go with their messages/memories through triggers; sweep any stragglers.
            for fts in ("messages_fts", "memories_fts"):
                cur = await conn.execute(f"DELETE FROM {fts} WHERE owner = ?", (f"u{user_id}",))
                deleted[fts] = cur.rowcount
                await conn.execute(f"INSERT INTO {fts} ({fts}) VALUES ('optimize')")
        await self.db.write("PRAGMA wal_checkpoint(TRUNCATE)")
        return deleted

    async def export_user(self, user_id: int) -> dict[str, Any]:
        """All of the user's data as plain JSON-able structures."""
        out: dict[str, Any] = {}
        for table, column in USER_TABLES:
            if table in ("vectors",):
                continue  # vectors are derived data; re-computable and unreadable
            if " " in column:
                rows = await self.db.fetchall(f"SELECT * FROM {table} WHERE {column}", (user_id,))
            else:
                rows = await self.db.fetchall(
                    f"SELECT * FROM {table} WHERE {column} = ?", (user_id,))
            out[table] = [_plain(dict(row)) for row in rows]
        return out


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    for key, value in list(row.items()):
        if isinstance(value, bytes):
            row[key] = None
        elif key in ("risk_state", "payload") and isinstance(value, str):
            try:
                row[key] = json.loads(value)
            except ValueError:
                pass
    return row
