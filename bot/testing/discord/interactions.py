"""INTERACTION_CREATE payloads (slash commands, components, modal submits) and their bookkeeping.

Field list checked against discord.py 2.7.1 ``Interaction._from_data``: ``attachment_size_limit``,
``id``, ``type``, ``token``, ``version``, ``application_id`` and ``data`` are required; ``channel``,
``user`` (DM) or ``member`` (guild), ``app_permissions``, ``entitlements``,
``authorizing_integration_owners`` and ``context`` are what Discord sends alongside.
"""

from __future__ import annotations

import copy
import logging
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .ids import CHANNEL_DM, EVERYONE_PERMISSIONS
from .world import World

log = logging.getLogger(__name__)

TYPE_APP_COMMAND = 2
TYPE_COMPONENT = 3
TYPE_AUTOCOMPLETE = 4
TYPE_MODAL_SUBMIT = 5

CONTEXT_GUILD = 0
CONTEXT_BOT_DM = 1

ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024

OPTION_TYPES_BY_PY: Mapping[type, int] = MappingProxyType({str: 3, int: 4, bool: 5, float: 10})
OPTION_USER = 6


@dataclass
class InteractionRecord:
    """One interaction the fake sent and what the bot answered."""

    id: int
    token: str
    payload: dict[str, Any]
    channel_id: int
    guild_id: int | None
    message_id: int | None  # the component message for type 3 (and modals opened from one)
    response_type: int | None = None
    callbacks: list[dict[str, Any]] = field(default_factory=list)
    original_message_id: int | None = None
    followup_ids: list[int] = field(default_factory=list)
    modal: dict[str, Any] | None = None

    @property
    def type(self) -> int:
        return int(self.payload["type"])

    @property
    def loading(self) -> bool:
        return self.response_type == 5


def build_interaction(
    world: World,
    *,
    interaction_id: int,
    application_id: int,
    user_id: int,
    interaction_type: int,
    data: dict[str, Any],
    channel_id: int,
    message: dict[str, Any] | None,
) -> tuple[dict[str, Any], str]:
    """Build an INTERACTION_CREATE payload; returns it and its token."""
    channel = world.channel(channel_id)
    if channel is None:
        raise KeyError(f"fake discord: unknown channel {channel_id}")
    token = "aW50ZXJhY3Rpb24" + secrets.token_urlsafe(60)
    guild_id = world.guild_id_of(channel_id)
    payload: dict[str, Any] = {
        "id": str(interaction_id),
        "application_id": str(application_id),
        "type": interaction_type,
        "data": data,
        "token": token,
        "version": 1,
        "channel_id": str(channel_id),
        "locale": "en-US",
        "entitlements": [],
        "entitlement_sku_ids": [],
        "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
    }
    if guild_id is not None:
        guild = world.guild(guild_id)
        if int(user_id) not in guild.members:
            raise ValueError(
                f"fake discord: user {user_id} is not a member of guild {guild.name!r}"
            )
        member = world.member_payload(guild_id, user_id)
        member["permissions"] = str(world.member_permissions(guild_id, user_id))
        channel["permissions"] = member["permissions"]
        payload.update(
            guild_id=str(guild_id),
            guild={"id": str(guild_id), "locale": "en-US", "features": []},
            guild_locale="en-US",
            member=member,
            app_permissions=str(world.member_permissions(guild_id, world.bot_user_id)),
            authorizing_integration_owners={"0": str(guild_id)},
            context=CONTEXT_GUILD,
        )
    else:
        if channel["type"] == CHANNEL_DM and world.dm_recipient(channel_id) != int(user_id):
            raise ValueError(
                f"fake discord: user {user_id} is not the recipient of DM channel {channel_id}"
            )
        payload.update(
            user=world.user(user_id),
            app_permissions=str(EVERYONE_PERMISSIONS),
            authorizing_integration_owners={"0": "0"},
            context=CONTEXT_BOT_DM,
        )
    payload["channel"] = channel
    if message is not None:
        payload["message"] = copy.deepcopy(message)
    return payload, token


def slash_data(
    world: World, name: str, options: dict[str, Any] | None, guild_id: int | None
) -> dict[str, Any]:
    """``data`` for a CHAT_INPUT command, typed from the command the bot synced."""
    command = world.commands.find_command(name, guild_id)
    declared = {o["name"]: o for o in command.get("options") or []}
    data: dict[str, Any] = {"id": command["id"], "name": name, "type": command.get("type", 1)}
    if "guild_id" in command:
        data["guild_id"] = command["guild_id"]
    resolved: dict[str, dict[str, Any]] = {}
    opts = []
    for key, value in (options or {}).items():
        opt_type = declared.get(key, {}).get("type") or OPTION_TYPES_BY_PY.get(type(value), 3)
        if opt_type == OPTION_USER:
            value = str(value)
            resolved.setdefault("users", {})[value] = world.user(value)
            if guild_id is not None and int(value) in world.guild(guild_id).members:
                member = world.member_payload(guild_id, int(value), with_user=False)
                member["permissions"] = str(world.member_permissions(guild_id, int(value)))
                resolved.setdefault("members", {})[value] = member
        opts.append({"name": key, "type": opt_type, "value": value})
    if opts:
        data["options"] = opts
    if resolved:
        data["resolved"] = resolved
    return data


def find_component(components: list[dict[str, Any]], custom_id: str) -> dict[str, Any] | None:
    """Depth-first search through action rows, sections, containers and labels."""
    for comp in components:
        if comp.get("custom_id") == custom_id:
            return comp
        children = list(comp.get("components") or [])
        for key in ("component", "accessory"):
            if isinstance(comp.get(key), dict):
                children.append(comp[key])
        found = find_component(children, custom_id)
        if found is not None:
            return found
    return None


def component_data(
    message: dict[str, Any], custom_id: str, values: list[str] | None
) -> dict[str, Any]:
    comp = find_component(message.get("components") or [], custom_id)
    if comp is None:
        raise KeyError(
            f"fake discord: message {message['id']} has no component with custom_id {custom_id!r}"
        )
    data: dict[str, Any] = {"custom_id": custom_id, "component_type": comp["type"]}
    if comp["type"] != 2:
        data["values"] = list(values or [])
    return data


def modal_submit_data(modal: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """Mirror the modal's layout (action rows or labels) with the submitted values."""
    unused = set(values)

    def fill(comp: dict[str, Any]) -> dict[str, Any] | None:
        if comp["type"] == 1:
            kids = [k for k in (fill(c) for c in comp.get("components", [])) if k is not None]
            return {"type": 1, "components": kids}
        if comp["type"] == 18:
            inner = fill(comp["component"])
            return None if inner is None else {"type": 18, "component": inner}
        custom_id = comp.get("custom_id")
        if custom_id is None:
            return None
        unused.discard(custom_id)
        value = values.get(custom_id)
        if comp["type"] == 4:
            return {"type": 4, "custom_id": custom_id, "value": "" if value is None else str(value)}
        items = (
            []
            if value is None
            else ([str(v) for v in value] if isinstance(value, list | tuple) else [str(value)])
        )
        return {"type": comp["type"], "custom_id": custom_id, "values": items}

    components = [c for c in (fill(c) for c in modal.get("components", [])) if c is not None]
    if unused:
        raise KeyError(
            f"fake discord: modal {modal.get('custom_id')!r} has no inputs {sorted(unused)}"
        )
    return {"custom_id": modal["custom_id"], "components": components}
