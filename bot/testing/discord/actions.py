"""World building and what fake *users* do (messages, slash commands, clicks, modal submits).
Mixed into ``FakeDiscord``."""

from __future__ import annotations

import copy
import logging
from collections.abc import Sequence
from typing import Any

from .interactions import (
    TYPE_COMPONENT,
    TYPE_MODAL_SUBMIT,
    InteractionRecord,
    build_interaction,
    component_data,
    modal_submit_data,
    slash_data,
)
from .messages import StoredMessage, build_message, resolve_mentions
from .publishing import MESSAGE_DEFAULT, MESSAGE_REPLY, MessagePublisher

log = logging.getLogger(__name__)


class UserActions(MessagePublisher):
    """World building and user events (see ``MessagePublisher`` for the shared state)."""

    # ------------------------------------------------------- world building
    def add_user(
        self, username: str, *, bot: bool = False, user_id: int | None = None
    ) -> dict[str, Any]:
        return self.world.add_user(username, bot=bot, user_id=user_id)

    def add_guild(
        self,
        name: str,
        *,
        owner_id: int | str,
        channels: Sequence[str] = ("general",),
        roles: Sequence[str | dict[str, Any]] = (),
        members: Sequence[int | str] = (),
    ) -> dict[str, Any]:
        """A guild the bot is in, with text channels (by name), extra roles and members.

        Build guilds before the client connects (they arrive in GUILD_CREATE after READY); for a
        guild added later call ``announce_guild``.
        """
        return self.world.add_guild(
            name,
            owner_id=int(owner_id),
            channels=tuple(channels),
            roles=tuple(roles),
            members=tuple(int(m) for m in members),
        )

    def add_channel(
        self, guild_id: int | str, name: str, *, topic: str | None = None
    ) -> dict[str, Any]:
        return self.world.add_channel(int(guild_id), name, topic=topic)

    def add_member(
        self, guild_id: int | str, user_id: int | str, *, roles: Sequence[str] = ()
    ) -> dict[str, Any]:
        return self.world.add_member(int(guild_id), int(user_id), roles=tuple(roles))

    def dm_channel_for(self, user_id: int | str) -> dict[str, Any]:
        return self.world.dm_channel_for(int(user_id))

    def find_user(self, username: str) -> dict[str, Any]:
        return self.world.find_user(username)

    def find_guild(self, name: str) -> dict[str, Any]:
        return self.world.find_guild(name)

    def find_channel(self, guild_id: int | str, name: str) -> dict[str, Any]:
        return self.world.find_channel(int(guild_id), name)

    def add_attachment(
        self, filename: str, data: bytes, content_type: str = "application/octet-stream"
    ) -> dict[str, Any]:
        """Host a file at ``/attachments/{id}/{filename}``; returns an attachment payload."""
        return self.world.attachment_payload(
            self.world.host_file(filename, data, content_type), self.base_url
        )

    async def announce_guild(self, guild_id: int | str) -> int:
        """Dispatch GUILD_CREATE for a guild built after the client connected."""
        return await self.gateway.announce_guild(int(guild_id))

    # ----------------------------------------------------------- user events
    async def user_sends(
        self,
        user_id: int | str,
        channel_id: int | str,
        content: str,
        *,
        attachments: Sequence[dict[str, Any] | tuple[str, bytes]] | None = None,
        mentions_bot: bool = False,
        reply_to: int | str | None = None,
    ) -> dict[str, Any]:
        """A user posts a message; dispatches MESSAGE_CREATE and returns the message payload.

        ``attachments`` are payloads from ``add_attachment`` or ``(filename, bytes)`` pairs.
        """
        uid, cid = int(user_id), int(channel_id)
        channel = self.world.channel(cid)
        if channel is None:
            raise KeyError(f"fake discord: unknown channel {cid}")
        guild_id = self.world.guild_id_of(cid)
        if guild_id is not None and uid not in self.world.guild(guild_id).members:
            raise ValueError(f"fake discord: user {uid} is not a member of guild {guild_id}")
        if guild_id is None and self.world.dm_recipient(cid) != uid:
            raise ValueError(f"fake discord: user {uid} cannot post in DM channel {cid}")
        if mentions_bot:
            content = f"<@{self.world.bot_user_id}> {content}"
        files = [
            a if isinstance(a, dict) else self.add_attachment(a[0], a[1]) for a in attachments or ()
        ]
        extra: dict[str, Any] = {}
        replied_user: int | None = None
        message_type = MESSAGE_DEFAULT
        if reply_to is not None:
            extra, replied_user = self._reference(cid, {"message_id": str(reply_to)})
            message_type = MESSAGE_REPLY
        mentions, roles, everyone = resolve_mentions(
            self.world, content, None, guild_id, replied_user
        )
        payload = build_message(
            self.world,
            message_id=self.ids.next(),
            channel_id=cid,
            author=self.world.user(uid),
            content=content,
            attachments=files,
            mentions=mentions,
            mention_roles=roles,
            mention_everyone=everyone,
            message_type=message_type,
            extra=extra,
        )
        stored = self._store(StoredMessage(payload=payload, source="user"))
        await self._publish_create(stored)
        return copy.deepcopy(stored.payload)

    async def user_dms(self, user_id: int | str, content: str, **kwargs: Any) -> dict[str, Any]:
        """``user_sends`` into the user's DM channel with the bot."""
        channel = self.dm_channel_for(user_id)
        return await self.user_sends(user_id, channel["id"], content, **kwargs)

    async def interaction(
        self,
        user_id: int | str,
        *,
        type: int = 2,
        data: dict[str, Any],
        channel_id: int | str,
        guild_id: int | str | None = None,
        message: dict[str, Any] | int | str | None = None,
    ) -> dict[str, Any]:
        """Dispatch INTERACTION_CREATE; returns the payload. The bot's callback is recorded in
        ``interactions[id]`` (see ``wait_for_callback``)."""
        cid = int(channel_id)
        actual_guild = self.world.guild_id_of(cid)
        if guild_id is not None and int(guild_id) != actual_guild:
            raise ValueError(f"fake discord: channel {cid} is not in guild {guild_id}")
        msg_payload: dict[str, Any] | None
        if message is None or isinstance(message, dict):
            msg_payload = message
        else:
            stored = self.messages.get(message)
            if stored is None:
                raise KeyError(f"fake discord: unknown message {message}")
            msg_payload = stored.payload
        iid = self.ids.next()
        payload, token = build_interaction(
            self.world,
            interaction_id=iid,
            application_id=self.application_id,
            user_id=int(user_id),
            interaction_type=int(type),
            data=data,
            channel_id=cid,
            message=msg_payload,
        )
        self.interactions[iid] = InteractionRecord(
            id=iid,
            token=token,
            payload=payload,
            channel_id=cid,
            guild_id=actual_guild,
            message_id=int(msg_payload["id"]) if msg_payload else None,
        )
        self.interaction_tokens[token] = iid
        await self.gateway.dispatch("INTERACTION_CREATE", payload, guild_id=actual_guild)
        return copy.deepcopy(payload)

    async def slash_command(
        self,
        user_id: int | str,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        channel_id: int | str,
    ) -> dict[str, Any]:
        """Invoke a synced slash command; option types come from the synced definition."""
        guild_id = self.world.guild_id_of(int(channel_id))
        data = slash_data(self.world, name, options, guild_id)
        return await self.interaction(user_id, type=2, data=data, channel_id=channel_id)

    async def click(
        self,
        user_id: int | str,
        message_id: int | str,
        custom_id: str,
        *,
        values: list[str] | None = None,
    ) -> dict[str, Any]:
        """Press a button (or choose ``values`` in a select) on a stored message."""
        stored = self.messages.get(message_id)
        if stored is None:
            raise KeyError(f"fake discord: unknown message {message_id}")
        data = component_data(stored.payload, custom_id, values)
        return await self.interaction(
            user_id,
            type=TYPE_COMPONENT,
            data=data,
            channel_id=stored.channel_id,
            message=stored.payload,
        )

    async def submit_modal(
        self, user_id: int | str, values: dict[str, Any], *, custom_id: str | None = None
    ) -> dict[str, Any]:
        """Submit the most recent modal the bot opened (or the newest with ``custom_id``)."""
        for sent in reversed(self.modals):
            if custom_id is None or sent.data.get("custom_id") == custom_id:
                break
        else:
            raise KeyError(
                f"fake discord: the bot opened no modal{f' {custom_id!r}' if custom_id else ''}"
            )
        origin = self.interactions[sent.interaction_id]
        message = self.messages.get(origin.message_id) if origin.message_id else None
        return await self.interaction(
            user_id,
            type=TYPE_MODAL_SUBMIT,
            data=modal_submit_data(sent.data, values),
            channel_id=origin.channel_id,
            message=message.payload if message else None,
        )

    async def wait_for_callback(
        self, interaction_id: int | str, timeout: float = 5.0
    ) -> dict[str, Any]:
        """The callback body (``{"type", "data"}``) the bot answered an interaction with."""
        record = self.interactions[int(interaction_id)]
        return await self._notifier.wait_until(
            lambda: record.callbacks[0] if record.callbacks else None,
            timeout,
            f"the callback for interaction {interaction_id}",
        )
