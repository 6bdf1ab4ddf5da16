"""The fake Discord's world: users, guilds, channels, DMs, webhooks, commands and hosted files.

Payload builders here produce the shapes discord.py 2.7.1 parses (checked against its
``user.py``, ``guild.py``, ``channel.py``, ``member.py`` and ``role.py``).
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field
from typing import Any

from .commands import CommandRegistry
from .ids import (
    BOT_ROLE_PERMISSIONS,
    CHANNEL_DM,
    CHANNEL_TEXT,
    EVERYONE_PERMISSIONS,
    P_ADMINISTRATOR,
    Snowflakes,
    iso_now,
)

log = logging.getLogger(__name__)


@dataclass
class GuildRecord:
    id: int
    name: str
    owner_id: int
    joined_at: str
    roles: list[dict[str, Any]] = field(default_factory=list)
    channel_ids: list[int] = field(default_factory=list)
    members: dict[int, dict[str, Any]] = field(default_factory=dict)


@dataclass
class HostedFile:
    id: int
    filename: str
    content_type: str
    data: bytes


class World:
    """All stored state except messages (see ``messages.MessageStore``)."""

    def __init__(self, snowflakes: Snowflakes, *, bot_user_id: int, bot_name: str) -> None:
        self.ids = snowflakes
        self.users: dict[int, dict[str, Any]] = {}
        self.guilds: dict[int, GuildRecord] = {}
        self.channels: dict[int, dict[str, Any]] = {}
        self.dm_by_user: dict[int, int] = {}
        self.webhooks: dict[int, dict[str, Any]] = {}
        self.files: dict[int, HostedFile] = {}
        self.commands = CommandRegistry(snowflakes)
        self.bot_user_id = bot_user_id
        self.add_user(bot_name, bot=True, user_id=bot_user_id)

    # ----------------------------------------------------------------- users
    def add_user(
        self, username: str, *, bot: bool = False, user_id: int | None = None
    ) -> dict[str, Any]:
        uid = user_id if user_id is not None else self.ids.next()
        if uid in self.users:
            raise ValueError(f"user {uid} already exists")
        self.users[uid] = {
            "id": str(uid),
            "username": username,
            "discriminator": "0",
            "global_name": None if bot else username,
            "avatar": None,
            "banner": None,
            "accent_color": None,
            "avatar_decoration_data": None,
            "bot": bot,
            "system": False,
            "public_flags": 0,
            "flags": 0,
        }
        return dict(self.users[uid])

    def user(self, user_id: int | str) -> dict[str, Any]:
        try:
            return dict(self.users[int(user_id)])
        except KeyError:
            raise KeyError(f"fake discord: unknown user {user_id}") from None

    def bot_user(self) -> dict[str, Any]:
        return self.user(self.bot_user_id)

    def me_payload(self) -> dict[str, Any]:
        me = self.bot_user()
        me.update({"verified": True, "mfa_enabled": False, "email": None, "locale": "en-US"})
        return me

    def find_user(self, username: str) -> dict[str, Any]:
        for user in self.users.values():
            if user["username"] == username:
                return dict(user)
        raise KeyError(f"fake discord: no user named {username!r}")

    # ---------------------------------------------------------------- guilds
    def add_guild(
        self,
        name: str,
        *,
        owner_id: int,
        channels: list[str] | tuple[str, ...] = ("general",),
        roles: list[str | dict[str, Any]] | tuple[str | dict[str, Any], ...] = (),
        members: list[int] | tuple[int, ...] = (),
    ) -> dict[str, Any]:
        gid = self.ids.next()
        guild = GuildRecord(id=gid, name=name, owner_id=int(owner_id), joined_at=iso_now())
        self.guilds[gid] = guild
        guild.roles.append(self._role(gid, "@everyone", EVERYONE_PERMISSIONS, position=0))
        bot_role = self._role(
            self.ids.next(),
            self.users[self.bot_user_id]["username"],
            BOT_ROLE_PERMISSIONS,
            position=1,
            managed=True,
        )
        bot_role["tags"] = {"bot_id": str(self.bot_user_id)}
        guild.roles.append(bot_role)
        for pos, spec in enumerate(roles, start=2):
            spec = {"name": spec} if isinstance(spec, str) else dict(spec)
            perms = int(spec.pop("permissions", 0))
            guild.roles.append(
                self._role(self.ids.next(), spec.pop("name"), perms, position=pos, **spec)
            )
        for channel_name in channels:
            self.add_channel(gid, channel_name)
        self.add_member(gid, self.bot_user_id, roles=[bot_role["name"]])
        for uid in {int(owner_id), *map(int, members)}:
            self.add_member(gid, uid)
        return self.guild_payload(gid)

    @staticmethod
    def _role(
        role_id: int, name: str, permissions: int, *, position: int, **extra: Any
    ) -> dict[str, Any]:
        role = {
            "id": str(role_id),
            "name": name,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "icon": None,
            "unicode_emoji": None,
            "position": position,
            "permissions": str(permissions),
            "managed": False,
            "mentionable": False,
            "flags": 0,
        }
        role.update(extra)
        return role

    def add_channel(self, guild_id: int, name: str, *, topic: str | None = None) -> dict[str, Any]:
        guild = self.guild(guild_id)
        cid = self.ids.next()
        self.channels[cid] = {
            "id": str(cid),
            "type": CHANNEL_TEXT,
            "guild_id": str(guild.id),
            "name": name,
            "position": len(guild.channel_ids),
            "permission_overwrites": [],
            "nsfw": False,
            "parent_id": None,
            "topic": topic,
            "rate_limit_per_user": 0,
            "last_message_id": None,
            "flags": 0,
        }
        guild.channel_ids.append(cid)
        return dict(self.channels[cid])

    def add_member(
        self, guild_id: int, user_id: int, *, roles: list[str] | tuple[str, ...] = ()
    ) -> dict[str, Any]:
        guild = self.guild(guild_id)
        self.user(user_id)  # must exist
        by_name = {r["name"]: r["id"] for r in guild.roles}
        try:
            role_ids = [by_name[r] for r in roles]
        except KeyError as exc:
            raise KeyError(
                f"fake discord: guild {guild.name!r} has no role {exc.args[0]!r}"
            ) from None
        guild.members[int(user_id)] = {
            "roles": role_ids,
            "joined_at": iso_now(),
            "nick": None,
            "avatar": None,
            "banner": None,
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "pending": False,
            "flags": 0,
            "communication_disabled_until": None,
        }
        return self.member_payload(guild.id, user_id)

    def guild(self, guild_id: int | str) -> GuildRecord:
        try:
            return self.guilds[int(guild_id)]
        except KeyError:
            raise KeyError(f"fake discord: unknown guild {guild_id}") from None

    def find_guild(self, name: str) -> dict[str, Any]:
        for guild in self.guilds.values():
            if guild.name == name:
                return self.guild_payload(guild.id)
        raise KeyError(f"fake discord: no guild named {name!r}")

    def find_channel(self, guild_id: int, name: str) -> dict[str, Any]:
        for cid in self.guild(guild_id).channel_ids:
            if self.channels[cid]["name"] == name:
                return dict(self.channels[cid])
        raise KeyError(f"fake discord: no channel named {name!r} in guild {guild_id}")

    def member_payload(
        self, guild_id: int, user_id: int, *, with_user: bool = True
    ) -> dict[str, Any]:
        guild = self.guild(guild_id)
        member = dict(guild.members[int(user_id)])
        if with_user:
            member["user"] = self.user(user_id)
        return member

    def member_permissions(self, guild_id: int, user_id: int) -> int:
        guild = self.guild(guild_id)
        if int(user_id) == guild.owner_id:
            return (1 << 53) - 1
        member = guild.members.get(int(user_id))
        perms = int(guild.roles[0]["permissions"])
        if member is not None:
            for role in guild.roles:
                if role["id"] in member["roles"]:
                    perms |= int(role["permissions"])
        if perms & P_ADMINISTRATOR:
            return (1 << 53) - 1
        return perms

    def guild_payload(self, guild_id: int) -> dict[str, Any]:
        """The full GUILD_CREATE payload."""
        g = self.guild(guild_id)
        return {
            "id": str(g.id),
            "name": g.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "owner_id": str(g.owner_id),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "nsfw_level": 0,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "premium_progress_bar_enabled": False,
            "preferred_locale": "en-US",
            "system_channel_id": str(g.channel_ids[0]) if g.channel_ids else None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "safety_alerts_channel_id": None,
            "vanity_url_code": None,
            "application_id": None,
            "max_members": 500000,
            "features": [],
            "roles": [dict(r) for r in g.roles],
            "emojis": [],
            "stickers": [],
            "joined_at": g.joined_at,
            "large": len(g.members) >= 250,
            "unavailable": False,
            "member_count": len(g.members),
            "members": [self.member_payload(g.id, uid) for uid in g.members],
            "channels": [dict(self.channels[c]) for c in g.channel_ids],
            "threads": [],
            "presences": [],
            "voice_states": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
            "incidents_data": None,
            "lazy": True,
        }

    # -------------------------------------------------------------- channels
    def channel(self, channel_id: int | str) -> dict[str, Any] | None:
        if int(channel_id) not in self.channels:
            return None
        return self.channel_payload(int(channel_id))

    def dm_channel_for(self, user_id: int) -> dict[str, Any]:
        uid = int(user_id)
        self.user(uid)
        cid = self.dm_by_user.get(uid)
        if cid is None:
            cid = self.ids.next()
            self.channels[cid] = {
                "id": str(cid),
                "type": CHANNEL_DM,
                "last_message_id": None,
                "flags": 0,
                "recipient_ids": [str(uid)],
            }
            self.dm_by_user[uid] = cid
        return self.channel_payload(cid)

    def channel_payload(self, channel_id: int) -> dict[str, Any]:
        channel = dict(self.channels[int(channel_id)])
        if channel["type"] == CHANNEL_DM:
            channel["recipients"] = [self.user(u) for u in channel.pop("recipient_ids")]
        return channel

    def dm_recipient(self, channel_id: int) -> int | None:
        channel = self.channels.get(int(channel_id))
        if channel is None or channel["type"] != CHANNEL_DM:
            return None
        return int(channel["recipient_ids"][0])

    def guild_id_of(self, channel_id: int) -> int | None:
        channel = self.channels.get(int(channel_id))
        if channel is None or "guild_id" not in channel:
            return None
        return int(channel["guild_id"])

    # ----------------------------------------------------------------- files
    def host_file(
        self, filename: str, data: bytes, content_type: str = "application/octet-stream"
    ) -> HostedFile:
        hosted = HostedFile(self.ids.next(), filename, content_type, bytes(data))
        self.files[hosted.id] = hosted
        return hosted

    @staticmethod
    def attachment_payload(hosted: HostedFile, base_url: str) -> dict[str, Any]:
        url = f"{base_url}/attachments/{hosted.id}/{hosted.filename}"
        return {
            "id": str(hosted.id),
            "filename": hosted.filename,
            "size": len(hosted.data),
            "url": url,
            "proxy_url": url,
            "content_type": hosted.content_type,
            "flags": 0,
        }

    # -------------------------------------------------------------- webhooks
    def create_webhook(self, channel_id: int, name: str, avatar: str | None) -> dict[str, Any]:
        wid = self.ids.next()
        self.webhooks[wid] = {
            "id": str(wid),
            "type": 1,
            "guild_id": str(self.guild_id_of(channel_id)),
            "channel_id": str(channel_id),
            "name": name,
            "avatar": avatar,
            "token": secrets.token_urlsafe(48),
            "application_id": str(self.bot_user_id),
            "user": self.bot_user(),
        }
        return dict(self.webhooks[wid])
