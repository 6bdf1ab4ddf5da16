"""The only place with SQL. `Store` groups narrow repositories over one database."""

from __future__ import annotations

from pathlib import Path

from bot.store.db import Database
from bot.store.memories import Memories, NewMemory
from bot.store.messages import Messages, NewMessage
from bot.store.operations import Operations, OutboxItem
from bot.store.people import People
from bot.store.privacy import Privacy

__all__ = ["Store", "NewMessage", "NewMemory", "OutboxItem"]


class Store:
    """Repositories over one migrated database; open with `await Store.open(path)`."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.people = People(db)
        self.messages = Messages(db)
        self.memories = Memories(db)
        self.ops = Operations(db)
        self.privacy = Privacy(db)

    @classmethod
    async def open(cls, path: str | Path) -> Store:
        return cls(await Database.open(path))

    async def close(self) -> None:
        await self.db.close()

    async def __aenter__(self) -> Store:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def table_names(self) -> list[str]:
        rows = await self.db.fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE '%_fts_%' ORDER BY name"
        )
        return [row["name"] for row in rows]

    async def rows_mentioning_user(self, user_id: int) -> dict[str, int]:
        """For tests and `doctor`: count rows in every table with a user column for this id."""
        counts: dict[str, int] = {}
        for table in await self.table_names():
            cols = [r["name"] for r in await self.db.fetchall(f"PRAGMA table_info({table})")]
            conds = []
            if "user_id" in cols:
                conds.append("user_id = ?")
            if table == "users":
                conds.append("id = ?")
            if "owner" in cols:
                conds.append("owner = 'u' || ?")
            if "actor_id" in cols:
                conds.append("actor_id = ?")
            if table == "memory_sources":
                conds.append("memory_id IN (SELECT id FROM memories WHERE user_id = ?)")
            if not conds:
                continue
            where = " OR ".join(conds)
            n = await self.db.fetchval(
                f"SELECT count(*) FROM {table} WHERE {where}", tuple([user_id] * len(conds)))
            counts[table] = int(n or 0)
        return counts
