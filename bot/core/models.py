"""The companion's domain objects, shared by core, store and front ends."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Role = Literal["user", "assistant", "notice"]
DM_SCOPE = "dm"


def guild_scope(guild_id: int, channel_id: int) -> str:
    return f"guild:{guild_id}:{channel_id}"


def is_private_scope(scope: str) -> bool:
    return scope == DM_SCOPE


@dataclass(frozen=True)
class User:
    id: int
    display_name: str
    created_at: datetime
    locale: str | None = None
    timezone: str | None = None
    age_bracket: str | None = None
    onboarded_at: datetime | None = None
    last_seen_at: datetime | None = None
    session_started_at: datetime | None = None
    last_disclosure_at: datetime | None = None
    last_break_reminder_at: datetime | None = None
    last_time_notice_at: datetime | None = None
    risk_state: dict[str, object] | None = None
    safe_mode_since: datetime | None = None

    @property
    def is_minor(self) -> bool:
        return self.age_bracket in ("under-13", "13-17")

    @property
    def in_safe_mode(self) -> bool:
        return self.safe_mode_since is not None


@dataclass(frozen=True)
class Companion:
    id: int
    user_id: int
    name: str | None
    persona_key: str
    created_at: datetime
    named_at: datetime | None = None
    state: str = "active"

    @property
    def display_name(self) -> str:
        return self.name or "your companion"


@dataclass(frozen=True)
class StoredMessage:
    id: int
    user_id: int
    scope: str
    role: Role
    speaker: str
    content: str
    created_at: datetime
    discord_message_id: int | None = None
    source: str = "live"


@dataclass(frozen=True)
class Memory:
    id: int
    user_id: int
    kind: str
    content: str
    scope: str
    shareable: bool
    valid_from: datetime
    valid_to: datetime | None
    origin: str
    created_at: datetime
    updated_at: datetime
    source_message_ids: tuple[int, ...] = ()

    @property
    def current(self) -> bool:
        return self.valid_to is None


@dataclass(frozen=True)
class Summary:
    id: int
    user_id: int
    scope: str
    from_message_id: int
    to_message_id: int
    content: str
    created_at: datetime


@dataclass(frozen=True)
class GuildSettings:
    guild_id: int
    alert_channel_id: int | None = None
    require_adults: bool = False
    helplines: tuple[str, ...] = ()
    last_alert_at: datetime | None = None


@dataclass
class Turn:
    """One user message as it reaches the core from any front end."""

    user_id: int
    text: str
    scope: str = DM_SCOPE
    display_name: str = ""
    at: datetime | None = None
    discord_message_id: int | None = None
    attachments: tuple[str, ...] = ()
    guild_id: int | None = None
    channel_id: int | None = None
    jump_url: str | None = None
    extra: dict[str, object] = field(default_factory=dict)
