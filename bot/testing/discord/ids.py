"""Ids, tokens, times and permission constants shared across the fake."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import logging
import secrets
import time

log = logging.getLogger(__name__)

DISCORD_EPOCH_MS = 1420070400000

# Permission bits (https://discord.com/developers/docs/topics/permissions)
P_ADD_REACTIONS = 1 << 6
P_VIEW_CHANNEL = 1 << 10
P_SEND_MESSAGES = 1 << 11
P_MANAGE_MESSAGES = 1 << 13
P_EMBED_LINKS = 1 << 14
P_ATTACH_FILES = 1 << 15
P_READ_HISTORY = 1 << 16
P_USE_EXTERNAL_EMOJIS = 1 << 18
P_MANAGE_WEBHOOKS = 1 << 29
P_USE_APP_COMMANDS = 1 << 31
P_CREATE_PUBLIC_THREADS = 1 << 35
P_SEND_IN_THREADS = 1 << 38
P_ADMINISTRATOR = 1 << 3

EVERYONE_PERMISSIONS = (
    P_ADD_REACTIONS
    | P_VIEW_CHANNEL
    | P_SEND_MESSAGES
    | P_EMBED_LINKS
    | P_ATTACH_FILES
    | P_READ_HISTORY
    | P_USE_EXTERNAL_EMOJIS
    | P_USE_APP_COMMANDS
    | P_CREATE_PUBLIC_THREADS
    | P_SEND_IN_THREADS
)
BOT_ROLE_PERMISSIONS = EVERYONE_PERMISSIONS | P_MANAGE_MESSAGES | P_MANAGE_WEBHOOKS

CHANNEL_TEXT = 0
CHANNEL_DM = 1


def iso_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


def make_token(user_id: int) -> str:
    """A token shaped like a real bot token: base64(id) . base64(timestamp) . random hmac part."""

    def b64(raw: bytes) -> str:
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    ts = int(time.time()).to_bytes(4, "big")
    return f"{b64(str(user_id).encode())}.{b64(ts)}.{secrets.token_urlsafe(28)[:38]}"


class Snowflakes:
    """Increasing snowflake ids carrying the current time (so ``created_at`` is sensible)."""

    def __init__(self) -> None:
        self._last = 0
        self._increment = 0

    def next(self) -> int:
        ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
        self._increment = (self._increment + 1) & 0xFFF
        candidate = (ms << 22) | (1 << 17) | self._increment
        self._last = max(candidate, self._last + 1)
        return self._last


def bucket_hash(route: str) -> str:
    return hashlib.sha1(route.encode()).hexdigest()[:32]
