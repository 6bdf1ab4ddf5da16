"""Message storage, building and editing, with Discord's validation rules for what the bot sends."""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .ids import iso_now
from .records import RecordedFile
from .wire import EMPTY_MESSAGE, ApiError, invalid_form
from .world import World

log = logging.getLogger(__name__)

MAX_CONTENT = 2000
MAX_EMBEDS = 10
FLAG_EPHEMERAL = 1 << 6
FLAG_LOADING = 1 << 7

_USER_MENTION = re.compile(r"<@!?(\d+)>")
_ROLE_MENTION = re.compile(r"<@&(\d+)>")


@dataclass
class StoredMessage:
    payload: dict[str, Any]
    source: str  # "user" | "bot" | "webhook" | "interaction"
    allowed_mentions: dict[str, Any] | None = None
    edit_count: int = 0
    content_history: list[str] = field(default_factory=list)
    deleted: bool = False

    @property
    def id(self) -> int:
        return int(self.payload["id"])

    @property
    def channel_id(self) -> int:
        return int(self.payload["channel_id"])

    def view(self) -> dict[str, Any]:
        """A snapshot for tests: the Discord payload plus the fake's bookkeeping keys."""
        snap = copy.deepcopy(self.payload)
        snap["edit_count"] = self.edit_count
        snap["content_history"] = list(self.content_history)
        snap["deleted"] = self.deleted
        snap["source"] = self.source
        snap["allowed_mentions"] = copy.deepcopy(self.allowed_mentions)
        return snap


class MessageStore:
    def __init__(self) -> None:
        self.by_id: dict[int, StoredMessage] = {}
        self.by_channel: dict[int, list[int]] = {}
        self.nonces: dict[tuple[int, str, str], int] = {}

    def add(self, stored: StoredMessage) -> StoredMessage:
        self.by_id[stored.id] = stored
        self.by_channel.setdefault(stored.channel_id, []).append(stored.id)
        return stored

    def get(self, message_id: int | str, channel_id: int | None = None) -> StoredMessage | None:
        try:
            stored = self.by_id.get(int(message_id))
        except ValueError:
            return None
        if stored is None or stored.deleted:
            return None
        if channel_id is not None and stored.channel_id != int(channel_id):
            return None
        return stored

    def in_channel(self, channel_id: int, *, include_deleted: bool = False) -> list[StoredMessage]:
        found = (self.by_id[m] for m in self.by_channel.get(int(channel_id), []))
        return [m for m in found if include_deleted or not m.deleted]


def resolve_mentions(
    world: World,
    content: str,
    allowed: dict[str, Any] | None,
    guild_id: int | None,
    replied_user_id: int | None = None,
) -> tuple[list[dict[str, Any]], list[str], bool]:
    """Which users/roles/everyone a message actually pings, honouring ``allowed_mentions``."""
    if allowed is None:
        parse = {"users", "roles", "everyone"}
        explicit_users: set[int] = set()
        explicit_roles: set[int] = set()
        replied = True
    else:
        parse = set(allowed.get("parse", []))
        explicit_users = {int(u) for u in allowed.get("users", [])}
        explicit_roles = {int(r) for r in allowed.get("roles", [])}
        replied = bool(allowed.get("replied_user", False))
    user_ids: list[int] = []
    for raw in _USER_MENTION.findall(content):
        uid = int(raw)
        if (
            uid in world.users
            and ("users" in parse or uid in explicit_users)
            and uid not in user_ids
        ):
            user_ids.append(uid)
    if replied_user_id is not None and replied and replied_user_id not in user_ids:
        user_ids.append(replied_user_id)
    mentions = []
    for uid in user_ids:
        user = world.user(uid)
        if guild_id is not None and uid in world.guild(guild_id).members:
            user["member"] = world.member_payload(guild_id, uid, with_user=False)
        mentions.append(user)
    roles = [
        r for r in _ROLE_MENTION.findall(content) if "roles" in parse or int(r) in explicit_roles
    ]
    everyone = ("@everyone" in content or "@here" in content) and "everyone" in parse
    return mentions, roles, everyone


def build_message(
    world: World,
    *,
    message_id: int,
    channel_id: int,
    author: dict[str, Any],
    content: str = "",
    embeds: list[dict[str, Any]] | None = None,
    components: list[dict[str, Any]] | None = None,
    attachments: list[dict[str, Any]] | None = None,
    flags: int = 0,
    mentions: list[dict[str, Any]] | None = None,
    mention_roles: list[str] | None = None,
    mention_everyone: bool = False,
    message_type: int = 0,
    tts: bool = False,
    nonce: str | int | None = None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    guild_id = world.guild_id_of(channel_id)
    payload: dict[str, Any] = {
        "id": str(message_id),
        "type": message_type,
        "channel_id": str(channel_id),
        "author": author,
        "content": content,
        "timestamp": iso_now(),
        "edited_timestamp": None,
        "tts": tts,
        "mention_everyone": mention_everyone,
        "mentions": mentions or [],
        "mention_roles": mention_roles or [],
        "attachments": attachments or [],
        "embeds": embeds or [],
        "components": components or [],
        "pinned": False,
        "flags": flags,
    }
    if nonce is not None:
        payload["nonce"] = nonce
    if guild_id is not None:
        payload["guild_id"] = str(guild_id)
        uid = int(author["id"])
        if "webhook_id" not in (extra or {}) and uid in world.guild(guild_id).members:
            payload["member"] = world.member_payload(guild_id, uid, with_user=False)
    if extra:
        payload.update(extra)
    return payload


def validate(payload: dict[str, Any]) -> None:
    content = payload.get("content") or ""
    if len(content) > MAX_CONTENT:
        raise invalid_form(
            "content", "BASE_TYPE_MAX_LENGTH", f"Must be {MAX_CONTENT} or fewer in length."
        )
    if len(payload.get("embeds") or []) > MAX_EMBEDS:
        raise invalid_form(
            "embeds", "BASE_TYPE_MAX_LENGTH", f"Must be {MAX_EMBEDS} or fewer in length."
        )
    has_body = any(
        payload.get(k)
        for k in ("content", "embeds", "attachments", "components", "sticker_ids", "poll")
    )
    if not has_body and not payload.get("flags", 0) & FLAG_LOADING:
        raise ApiError(400, EMPTY_MESSAGE, "Cannot send an empty message")


def attachments_from_body(
    world: World,
    base_url: str,
    body: dict[str, Any],
    files: Sequence[RecordedFile],
    existing: Sequence[dict[str, Any]] = (),
) -> list[dict[str, Any]]:
    """Turn ``attachments`` metadata + ``files[n]`` parts into hosted attachment payloads.

    Items whose id names an existing attachment are kept; numeric ids refer to ``files[id]``.
    Without an ``attachments`` key the existing attachments are kept and all files appended.
    """
    by_field = {f.field: f for f in files}
    kept = {a["id"]: a for a in existing}
    result: list[dict[str, Any]] = []
    used: set[str] = set()
    if "attachments" in body and body["attachments"] is not None:
        for item in body["attachments"]:
            ident = str(item.get("id"))
            if ident in kept:
                result.append(kept[ident])
                continue
            part = by_field.get(f"files[{ident}]")
            if part is None:
                raise invalid_form(
                    "attachments", "ATTACHMENT_NOT_FOUND", f"Attachment {ident} has no file part."
                )
            used.add(part.field)
            result.append(
                _host(world, base_url, part, item.get("filename"), item.get("description"))
            )
    else:
        result.extend(existing)
    for part in files:
        if part.field not in used:
            result.append(_host(world, base_url, part, None, None))
    return result


def _host(
    world: World, base_url: str, part: RecordedFile, filename: str | None, description: str | None
) -> dict[str, Any]:
    hosted = world.host_file(filename or part.filename, part.data, part.content_type)
    payload = world.attachment_payload(hosted, base_url)
    if description:
        payload["description"] = description
    return payload


def apply_edit(
    world: World,
    base_url: str,
    stored: StoredMessage,
    body: dict[str, Any],
    files: Sequence[RecordedFile],
) -> dict[str, Any]:
    """Apply a PATCH body to a stored message (validating the result) and return the new payload."""
    payload = copy.deepcopy(stored.payload)
    old_content = payload.get("content") or ""
    if "content" in body:
        payload["content"] = body["content"] or ""
    for key in ("embeds", "components"):
        if key in body:
            payload[key] = body[key] or []
    if "flags" in body and body["flags"] is not None:
        keep = payload.get("flags", 0) & FLAG_EPHEMERAL
        payload["flags"] = (int(body["flags"]) & ~FLAG_LOADING) | keep
    else:
        payload["flags"] = payload.get("flags", 0) & ~FLAG_LOADING
    if "attachments" in body or files:
        payload["attachments"] = attachments_from_body(
            world, base_url, body, files, payload.get("attachments", [])
        )
    if "allowed_mentions" in body:
        stored.allowed_mentions = body["allowed_mentions"]
    if payload["content"] != old_content:
        guild_id = world.guild_id_of(stored.channel_id)
        mentions, roles, everyone = resolve_mentions(
            world, payload["content"], stored.allowed_mentions, guild_id
        )
        payload.update(mentions=mentions, mention_roles=roles, mention_everyone=everyone)
    validate(payload)
    payload["edited_timestamp"] = iso_now()
    stored.content_history.append(old_content)
    stored.edit_count += 1
    stored.payload = payload
    return copy.deepcopy(payload)
