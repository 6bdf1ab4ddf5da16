"""Row <-> domain conversions. Times are stored as ISO-8601 UTC text."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from bot.core.models import Companion, GuildSettings, Memory, StoredMessage, Summary, User


def ts(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def dt(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def dt_req(value: str) -> datetime:
    return datetime.fromisoformat(value)


def user(row: Any) -> User:
    return User(
        id=row["id"],
        display_name=row["display_name"],
        created_at=dt_req(row["created_at"]),
        locale=row["locale"],
        timezone=row["timezone"],
        age_bracket=row["age_bracket"],
        onboarded_at=dt(row["onboarded_at"]),
        last_seen_at=dt(row["last_seen_at"]),
        session_started_at=dt(row["session_started_at"]),
        last_disclosure_at=dt(row["last_disclosure_at"]),
        last_break_reminder_at=dt(row["last_break_reminder_at"]),
        last_time_notice_at=dt(row["last_time_notice_at"]),
        risk_state=json.loads(row["risk_state"]) if row["risk_state"] else None,
        safe_mode_since=dt(row["safe_mode_since"]),
    )


def companion(row: Any) -> Companion:
    return Companion(
        id=row["id"],
        user_id=row["user_id"],
        name=row["name"],
        persona_key=row["persona_key"],
        created_at=dt_req(row["created_at"]),
        named_at=dt(row["named_at"]),
        state=row["state"],
    )


def message(row: Any) -> StoredMessage:
    return StoredMessage(
        id=row["id"],
        user_id=row["user_id"],
        scope=row["scope"],
        role=row["role"],
        speaker=row["speaker"],
        content=row["content"],
        created_at=dt_req(row["created_at"]),
        discord_message_id=row["discord_message_id"],
        source=row["source"],
    )


def memory(row: Any, sources: tuple[int, ...] = ()) -> Memory:
    return Memory(
        id=row["id"],
        user_id=row["user_id"],
        kind=row["kind"],
        content=row["content"],
        scope=row["scope"],
        shareable=bool(row["shareable"]),
        valid_from=dt_req(row["valid_from"]),
        valid_to=dt(row["valid_to"]),
        origin=row["origin"],
        created_at=dt_req(row["created_at"]),
        updated_at=dt_req(row["updated_at"]),
        source_message_ids=sources,
    )


def summary(row: Any) -> Summary:
    return Summary(
        id=row["id"],
        user_id=row["user_id"],
        scope=row["scope"],
        from_message_id=row["from_message_id"],
        to_message_id=row["to_message_id"],
        content=row["content"],
        created_at=dt_req(row["created_at"]),
    )


def guild_settings(row: Any) -> GuildSettings:
    return GuildSettings(
        guild_id=row["guild_id"],
        alert_channel_id=row["alert_channel_id"],
        require_adults=bool(row["require_adults"]),
        helplines=tuple(json.loads(row["helplines"] or "[]")),
        last_alert_at=dt(row["last_alert_at"]),
    )
