"""The SQLite connection: WAL, foreign keys, busy timeout, numbered migrations, transactions.

One aiosqlite connection per process. aiosqlite runs every statement on one thread, so a
transaction opened by one coroutine would swallow statements of another; an asyncio lock
around every write (and every transaction) keeps them apart. Reads run without the lock.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

log = logging.getLogger(__name__)

_MIGRATION_RE = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")

Row = aiosqlite.Row


def _migrations() -> list[tuple[int, str, str]]:
    found = []
    for entry in resources.files("bot.store.migrations").iterdir():
        m = _MIGRATION_RE.match(entry.name)
        if m:
            found.append((int(m.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


class Database:
    """A migrated aiosqlite connection with a write lock."""

    def __init__(self, conn: aiosqlite.Connection, path: str) -> None:
        self.conn = conn
        self.path = path
        self._write_lock = asyncio.Lock()
        # Read-only connections (WAL lets them read while the writer writes): reads never wait
        # behind writes, see only committed data, and independent reads run in parallel.
        self._readers: list[aiosqlite.Connection] = []
        self._next_reader = 0

    @classmethod
    async def open(cls, path: str | Path, *, migrate: bool = True, readers: int = 2) -> Database:
        path = str(path)
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(path, isolation_level=None)
        conn.row_factory = aiosqlite.Row
        db = cls(conn, path)
        try:
            await conn.execute("PRAGMA journal_mode = WAL")
            await conn.execute("PRAGMA foreign_keys = ON")
            await conn.execute("PRAGMA busy_timeout = 5000")
            await conn.execute("PRAGMA synchronous = NORMAL")
            await conn.execute("PRAGMA cache_size = -32000")
            if migrate:
                await db.migrate()
            if path != ":memory:":
                for _ in range(readers):
                    reader = await aiosqlite.connect(f"file:{path}?mode=ro", uri=True,
                                                     isolation_level=None)
                    reader.row_factory = aiosqlite.Row
                    await reader.execute("PRAGMA busy_timeout = 5000")
                    await reader.execute("PRAGMA cache_size = -32000")  # 32 MB page cache
                    await reader.execute("PRAGMA mmap_size = 268435456")
                    db._readers.append(reader)
        except BaseException:
            await db._close_all()
            raise
        return db

    async def _close_all(self) -> None:
        for reader in self._readers:
            await reader.close()
        self._readers.clear()
        await self.conn.close()

    def _reader(self) -> aiosqlite.Connection:
        if not self._readers:
            return self.conn
        self._next_reader = (self._next_reader + 1) % len(self._readers)
        return self._readers[self._next_reader]

    async def close(self) -> None:
        async with self._write_lock:
            await self._close_all()

    async def current_version(self) -> int:
        async with self.conn.execute("PRAGMA user_version") as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else 0

    async def check_writable(self) -> None:
        """Raise if the database cannot be written (for `os1 doctor`)."""
        async with self.transaction() as conn:
            await conn.execute("CREATE TABLE IF NOT EXISTS _doctor_probe (x)")
            await conn.execute("DROP TABLE _doctor_probe")

    async def migrate(self) -> list[str]:
        """Apply pending numbered migrations, each in its own transaction."""
        applied = []
        current = await self.current_version()
        for number, name, sql in _migrations():
            if number <= current:
                continue
            async with self.transaction():
                # executescript would COMMIT our transaction; run statements one by one.
                for statement in _split_sql(sql):
                    await self.conn.execute(statement)
                await self.conn.execute(f"PRAGMA user_version = {number}")
            log.info("applied migration %s", name)
            applied.append(name)
        return applied

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception."""
        async with self._write_lock:
            await self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                await self.conn.execute("ROLLBACK")
                raise
            else:
                await self.conn.execute("COMMIT")

    async def write(self, sql: str, params: Sequence[Any] = ()) -> int:
        """One statement in its own transaction; returns lastrowid."""
        async with self._write_lock:
            cur = await self.conn.execute(sql, params)
            rowid = cur.lastrowid or 0
            await cur.close()
            return rowid

    async def write_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        async with self.transaction() as conn:
            await conn.executemany(sql, rows)

    async def fetchone(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        async with self._reader().execute(sql, params) as cur:
            return await cur.fetchone()

    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        async with self._reader().execute(sql, params) as cur:
            return list(await cur.fetchall())

    async def fetchval(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]


def _split_sql(script: str) -> list[str]:
    """Split a migration into statements; triggers (BEGIN ... END;) stay whole."""
    statements: list[str] = []
    buf: list[str] = []
    in_trigger = False
    for line in script.splitlines():
        stripped = line.strip()
        if not buf and (not stripped or stripped.startswith("--")):
            continue
        buf.append(line)
        upper = stripped.upper()
        if upper.startswith("CREATE TRIGGER"):
            in_trigger = True
        if in_trigger:
            if upper == "END;":
                statements.append("\n".join(buf))
                buf, in_trigger = [], False
        elif stripped.endswith(";"):
            statements.append("\n".join(buf))
            buf = []
    if "".join(buf).strip():
        statements.append("\n".join(buf))
    return statements
