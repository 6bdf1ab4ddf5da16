"""Users, their answers, companions and personas."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from bot.core.models import Companion, User
from bot.store import convert
from bot.store.db import Database

# Columns a caller may update on a user; anything else is a programming error.
_USER_FIELDS = frozenset(
    {
        "display_name", "locale", "timezone", "age_bracket", "onboarded_at", "last_seen_at",
        "session_started_at", "last_disclosure_at", "last_break_reminder_at",
        "last_time_notice_at", "risk_state", "safe_mode_since",
    }
)


class People:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def get_user(self, user_id: int) -> User | None:
        row = await self.db.fetchone("SELECT * FROM users WHERE id = ?", (user_id,))
        return None if row is None else convert.user(row)

    async def ensure_user(self, user_id: int, display_name: str, now: datetime) -> tuple[User, bool]:
        """The user, created on first contact; returns (user, created)."""
        existing = await self.get_user(user_id)
        if existing is not None:
            return existing, False
        await self.db.write(
            "INSERT OR IGNORE INTO users (id, display_name, created_at) VALUES (?, ?, ?)",
            (user_id, display_name, convert.ts(now)),
        )
        user = await self.get_user(user_id)
        assert user is not None
        return user, True

    async def update_user(self, user_id: int, **values: Any) -> None:
        unknown = set(values) - _USER_FIELDS
        if unknown:
            raise ValueError(f"unknown user fields: {sorted(unknown)}")
        if not values:
            return
        params: list[Any] = []
        for value in values.values():
            if isinstance(value, datetime):
                value = convert.ts(value)
            elif isinstance(value, dict):
                value = json.dumps(value)
            params.append(value)
        assignments = ", ".join(f"{key} = ?" for key in values)
        await self.db.write(f"UPDATE users SET {assignments} WHERE id = ?", (*params, user_id))

    async def set_answers(self, user_id: int, answers: Mapping[str, str], now: datetime) -> None:
        await self.db.write_many(
            "INSERT INTO user_answers (user_id, key, value, created_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (user_id, key) DO UPDATE SET value = excluded.value",
            [(user_id, k, v, convert.ts(now)) for k, v in answers.items()],
        )

    async def answers(self, user_id: int) -> dict[str, str]:
        rows = await self.db.fetchall(
            "SELECT key, value FROM user_answers WHERE user_id = ? ORDER BY created_at", (user_id,)
        )
        return {row["key"]: row["value"] for row in rows}

    async def get_companion(self, user_id: int) -> Companion | None:
        row = await self.db.fetchone("SELECT * FROM companions WHERE user_id = ?", (user_id,))
        return None if row is None else convert.companion(row)

    async def ensure_companion(
        self, user_id: int, persona_key: str, now: datetime
    ) -> tuple[Companion, bool]:
        existing = await self.get_companion(user_id)
        if existing is not None:
            return existing, False
        await self.db.write(
            "INSERT OR IGNORE INTO companions (user_id, persona_key, created_at) VALUES (?, ?, ?)",
            (user_id, persona_key, convert.ts(now)),
        )
        companion = await self.get_companion(user_id)
        assert companion is not None
        return companion, True

    async def update_companion(self, user_id: int, **values: Any) -> None:
        allowed = {"name", "persona_key", "named_at", "state"}
        if set(values) - allowed:
            raise ValueError(f"unknown companion fields: {sorted(set(values) - allowed)}")
        params = [convert.ts(v) if isinstance(v, datetime) else v for v in values.values()]
        assignments = ", ".join(f"{key} = ?" for key in values)
        await self.db.write(
            f"UPDATE companions SET {assignments} WHERE user_id = ?", (*params, user_id)
        )

    async def put_persona(
        self, key: str, data: Mapping[str, Any], *, guild_id: int | None, created_by: int | None,
        now: datetime,
    ) -> None:
        await self.db.write(
            "INSERT INTO personas (key, guild_id, data, created_by, created_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET data = excluded.data, guild_id = excluded.guild_id",
            (key, guild_id, json.dumps(data), created_by, convert.ts(now)),
        )

    async def get_persona(self, key: str) -> dict[str, Any] | None:
        row = await self.db.fetchone("SELECT data FROM personas WHERE key = ?", (key,))
        return None if row is None else json.loads(row["data"])

    async def list_personas(self, guild_id: int | None) -> list[tuple[str, dict[str, Any]]]:
        rows = await self.db.fetchall(
            "SELECT key, data FROM personas WHERE guild_id IS NULL OR guild_id = ? ORDER BY key",
            (guild_id,),
        )
        return [(row["key"], json.loads(row["data"])) for row in rows]

    async def user_count(self) -> int:
        return int(await self.db.fetchval("SELECT count(*) FROM users") or 0)
