"""Server settings, safety counters, the outbox and the audit log."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.core.models import GuildSettings
from bot.store import convert
from bot.store.db import Database


@dataclass(frozen=True)
class OutboxItem:
    id: int
    dedup_key: str
    kind: str
    priority: int
    channel_id: int | None
    user_id: int | None
    payload: dict[str, Any]
    attempts: int


class Operations:
    def __init__(self, db: Database) -> None:
        self.db = db

    # --- servers ------------------------------------------------------------------------
    async def guild_settings(self, guild_id: int) -> GuildSettings:
        row = await self.db.fetchone("SELECT * FROM guild_settings WHERE guild_id = ?", (guild_id,))
        return GuildSettings(guild_id=guild_id) if row is None else convert.guild_settings(row)

    async def update_guild_settings(self, guild_id: int, now: datetime, **values: Any) -> None:
        allowed = {"alert_channel_id", "require_adults", "helplines"}
        if set(values) - allowed:
            raise ValueError(f"unknown guild settings: {sorted(set(values) - allowed)}")
        current = await self.guild_settings(guild_id)
        merged = {
            "alert_channel_id": current.alert_channel_id,
            "require_adults": int(current.require_adults),
            "helplines": json.dumps(list(current.helplines)),
        }
        for key, value in values.items():
            merged[key] = json.dumps(list(value)) if key == "helplines" else (
                int(value) if key == "require_adults" else value)
        await self.db.write(
            "INSERT INTO guild_settings (guild_id, alert_channel_id, require_adults, helplines, "
            "updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (guild_id) DO UPDATE SET "
            "alert_channel_id = excluded.alert_channel_id, require_adults = excluded.require_adults, "
            "helplines = excluded.helplines, updated_at = excluded.updated_at",
            (guild_id, merged["alert_channel_id"], merged["require_adults"], merged["helplines"],
             convert.ts(now)),
        )

    async def claim_alert_slot(self, guild_id: int, now: datetime, min_gap: timedelta) -> bool:
        """Atomically take the server's alert slot if the last alert is older than `min_gap`."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "SELECT last_alert_at FROM guild_settings WHERE guild_id = ?", (guild_id,))
            row = await cur.fetchone()
            last = convert.dt(row[0]) if row else None
            if last is not None and now - last < min_gap:
                return False
            await conn.execute(
                "UPDATE guild_settings SET last_alert_at = ? WHERE guild_id = ?",
                (convert.ts(now), guild_id),
            )
            return True

    # --- safety figures (no user identifiers, by design) ---------------------------------
    async def count_safety_event(self, year: int, kind: str) -> None:
        await self.db.write(
            "INSERT INTO safety_counters (year, kind, count) VALUES (?, ?, 1) "
            "ON CONFLICT (year, kind) DO UPDATE SET count = count + 1",
            (year, kind),
        )

    async def safety_counts(self, year: int) -> dict[str, int]:
        rows = await self.db.fetchall(
            "SELECT kind, count FROM safety_counters WHERE year = ? ORDER BY kind", (year,)
        )
        return {row["kind"]: int(row["count"]) for row in rows}

    # --- outbox ---------------------------------------------------------------------------
    async def enqueue(
        self, dedup_key: str, kind: str, payload: Mapping[str, Any], now: datetime, *,
        channel_id: int | None = None, user_id: int | None = None, priority: int = 5,
    ) -> int | None:
        """Add a send; returns its id, or None if one with this key already exists."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "INSERT OR IGNORE INTO outbox (dedup_key, kind, priority, channel_id, user_id, "
                "payload, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (dedup_key, kind, priority, channel_id, user_id, json.dumps(payload),
                 convert.ts(now), convert.ts(now)),
            )
            return cur.lastrowid if cur.rowcount else None

    async def claim_due(self, now: datetime, limit: int, lease: timedelta) -> list[OutboxItem]:
        """Lease due sends (pending, or 'sending' whose lease lapsed after a crash)."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "SELECT * FROM outbox WHERE (state = 'pending' AND next_attempt_at <= ?) "
                "OR (state = 'sending' AND lease_until < ?) ORDER BY priority, id LIMIT ?",
                (convert.ts(now), convert.ts(now), limit),
            )
            rows = list(await cur.fetchall())
            await conn.executemany(
                "UPDATE outbox SET state = 'sending', lease_until = ?, attempts = attempts + 1 "
                "WHERE id = ?",
                [(convert.ts(now + lease), row["id"]) for row in rows],
            )
        return [
            OutboxItem(
                id=row["id"], dedup_key=row["dedup_key"], kind=row["kind"],
                priority=row["priority"], channel_id=row["channel_id"], user_id=row["user_id"],
                payload=json.loads(row["payload"]), attempts=row["attempts"] + 1,
            )
            for row in rows
        ]

    async def mark_sent(self, item_id: int, message_id: int | None, now: datetime) -> None:
        await self.db.write(
            "UPDATE outbox SET state = 'sent', sent_message_id = ?, sent_at = ?, lease_until = NULL "
            "WHERE id = ?",
            (message_id, convert.ts(now), item_id),
        )

    async def mark_retry(self, item_id: int, error: str, at: datetime, *, give_up: bool) -> None:
        await self.db.write(
            "UPDATE outbox SET state = ?, error = ?, next_attempt_at = ?, lease_until = NULL "
            "WHERE id = ?",
            ("failed" if give_up else "pending", error[:500], convert.ts(at), item_id),
        )

    async def outbox_states(self) -> dict[str, int]:
        rows = await self.db.fetchall("SELECT state, count(*) AS n FROM outbox GROUP BY state")
        return {row["state"]: int(row["n"]) for row in rows}

    # --- audit ------------------------------------------------------------------------------
    async def audit(
        self, action: str, now: datetime, *, actor_id: int | None = None,
        guild_id: int | None = None, detail: Mapping[str, Any] | None = None,
    ) -> None:
        await self.db.write(
            "INSERT INTO audit_log (at, actor_id, guild_id, action, detail) VALUES (?, ?, ?, ?, ?)",
            (convert.ts(now), actor_id, guild_id, action, json.dumps(dict(detail or {}))),
        )

    async def audit_entries(self, limit: int = 50) -> Sequence[dict[str, Any]]:
        rows = await self.db.fetchall("SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", (limit,))
        return [dict(row) for row in rows]
