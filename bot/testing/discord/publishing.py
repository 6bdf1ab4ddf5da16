"""Storing and publishing messages the bot, webhooks and users create (shared by the routes)."""

from __future__ import annotations

import copy
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .gateway import INTENT_DIRECT_MESSAGES, INTENT_GUILD_MESSAGES, Gateway
from .ids import Snowflakes
from .interactions import InteractionRecord
from .messages import (
    FLAG_EPHEMERAL,
    FLAG_LOADING,
    MessageStore,
    StoredMessage,
    attachments_from_body,
    build_message,
    resolve_mentions,
    validate,
)
from .records import ChangeNotifier, RecordedFile, SentModal
from .wire import UNKNOWN_MESSAGE, invalid_form, unknown
from .world import World

log = logging.getLogger(__name__)

MESSAGE_DEFAULT = 0
MESSAGE_REPLY = 19


class MessagePublisher:
    world: World
    messages: MessageStore
    interactions: dict[int, InteractionRecord]
    interaction_tokens: dict[str, int]
    modals: list[SentModal]
    gateway: Gateway
    ids: Snowflakes
    application_id: int
    echo_bot_messages: bool
    _notifier: ChangeNotifier

    if TYPE_CHECKING:

        @property
        def base_url(self) -> str: ...

    def _store(self, stored: StoredMessage) -> StoredMessage:
        self.messages.add(stored)
        channel = self.world.channels.get(stored.channel_id)
        if channel is not None:
            channel["last_message_id"] = stored.payload["id"]
        self._notifier.notify()
        return stored

    def _reference(self, channel_id: int, ref: dict[str, Any]) -> tuple[dict[str, Any], int | None]:
        target = self.messages.get(ref.get("message_id", 0))
        if target is None:
            if ref.get("fail_if_not_exists", True):
                raise invalid_form(
                    "message_reference", "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "Unknown message"
                )
            return {}, None
        reference = {"type": 0, "message_id": str(target.id), "channel_id": str(target.channel_id)}
        if "guild_id" in target.payload:
            reference["guild_id"] = target.payload["guild_id"]
        referenced = copy.deepcopy(target.payload)
        referenced.pop("referenced_message", None)  # Discord nests one level only
        extra = {"message_reference": reference, "referenced_message": referenced}
        return extra, int(target.payload["author"]["id"])

    def _new_bot_message(
        self,
        channel_id: int,
        body: dict[str, Any],
        files: Sequence[RecordedFile],
        *,
        source: str,
        author: dict[str, Any] | None = None,
        extra: dict[str, Any] | None = None,
        message_type: int = MESSAGE_DEFAULT,
        flags: int | None = None,
    ) -> StoredMessage:
        """Validate and store a message the bot (or a webhook) sends. Not yet dispatched."""
        guild_id = self.world.guild_id_of(channel_id)
        extra = dict(extra or {})
        replied_user: int | None = None
        if body.get("message_reference"):
            ref_extra, replied_user = self._reference(channel_id, body["message_reference"])
            extra.update(ref_extra)
            if ref_extra:
                message_type = MESSAGE_REPLY
        content = body.get("content") or ""
        allowed = body.get("allowed_mentions")
        mentions, roles, everyone = resolve_mentions(
            self.world, content, allowed, guild_id, replied_user
        )
        payload = build_message(
            self.world,
            message_id=self.ids.next(),
            channel_id=channel_id,
            author=author or self.world.bot_user(),
            content=content,
            embeds=body.get("embeds"),
            components=body.get("components"),
            attachments=attachments_from_body(self.world, self.base_url, body, files),
            flags=int(body.get("flags") or 0) if flags is None else flags,
            mentions=mentions,
            mention_roles=roles,
            mention_everyone=everyone,
            message_type=message_type,
            tts=bool(body.get("tts", False)),
            nonce=body.get("nonce"),
            extra=extra,
        )
        if body.get("poll"):
            payload["poll"] = body["poll"]
        if body.get("sticker_ids"):
            payload["sticker_items"] = [
                {"id": str(s), "name": "sticker", "format_type": 1} for s in body["sticker_ids"]
            ]
        validate(payload)
        return self._store(StoredMessage(payload=payload, source=source, allowed_mentions=allowed))

    def _message_or_404(self, channel_id: int | None, message_id: int | str) -> StoredMessage:
        stored = self.messages.get(message_id, channel_id)
        if stored is None:
            raise unknown("Message", UNKNOWN_MESSAGE)
        return stored

    def _events_for(self, stored: StoredMessage) -> tuple[int, int | None] | None:
        """(intent, guild_id) for a message event, or None if it is not dispatched."""
        flags = int(stored.payload.get("flags") or 0)
        if flags & FLAG_EPHEMERAL:
            return None
        if stored.source != "user" and not self.echo_bot_messages:
            return None
        guild_id = self.world.guild_id_of(stored.channel_id)
        return (INTENT_GUILD_MESSAGES if guild_id is not None else INTENT_DIRECT_MESSAGES), guild_id

    async def _publish_create(self, stored: StoredMessage) -> None:
        route = self._events_for(stored)
        if route is not None:
            await self.gateway.dispatch(
                "MESSAGE_CREATE",
                copy.deepcopy(stored.payload),
                intent=route[0],
                guild_id=route[1],
                warn_undelivered=stored.source == "user",
                redact=self._redact if route[1] is not None else None,
            )

    async def _publish_update(self, stored: StoredMessage) -> None:
        route = self._events_for(stored)
        if route is not None:
            await self.gateway.dispatch(
                "MESSAGE_UPDATE",
                copy.deepcopy(stored.payload),
                intent=route[0],
                guild_id=route[1],
                warn_undelivered=stored.source == "user",
                redact=self._redact if route[1] is not None else None,
            )

    async def _publish_delete(self, stored: StoredMessage) -> None:
        route = self._events_for(stored)
        if route is not None:
            data = {"id": str(stored.id), "channel_id": str(stored.channel_id)}
            if route[1] is not None:
                data["guild_id"] = str(route[1])
            await self.gateway.dispatch(
                "MESSAGE_DELETE",
                data,
                intent=route[0],
                guild_id=route[1],
                warn_undelivered=stored.source == "user",
            )

    def _redact(self, payload: dict[str, Any]) -> dict[str, Any]:
        """What a bot without the MESSAGE_CONTENT intent sees of a guild message."""
        bot_id = str(self.world.bot_user_id)
        if payload["author"]["id"] == bot_id or any(
            m["id"] == bot_id for m in payload.get("mentions", [])
        ):
            return payload
        redacted = dict(payload, content="", embeds=[], attachments=[], components=[])
        redacted.pop("poll", None)
        return redacted

    @staticmethod
    def _is_loading(stored: StoredMessage) -> bool:
        return bool(int(stored.payload.get("flags") or 0) & FLAG_LOADING)
