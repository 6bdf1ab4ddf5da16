"""Application commands the bot synced (global and per guild)."""

from __future__ import annotations

import logging
from typing import Any

from .ids import Snowflakes

log = logging.getLogger(__name__)


class CommandRegistry:
    def __init__(self, snowflakes: Snowflakes) -> None:
        self.ids = snowflakes
        self.global_commands: dict[int, dict[str, Any]] = {}
        self.guild_commands: dict[int, dict[int, dict[str, Any]]] = {}

    def store_for(self, guild_id: int | None) -> dict[int, dict[str, Any]]:
        if guild_id is None:
            return self.global_commands
        return self.guild_commands.setdefault(guild_id, {})

    def upsert_commands(
        self, app_id: int, guild_id: int | None, commands: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """Bulk overwrite; keeps ids for commands whose (name, type) already exist."""
        store = self.store_for(guild_id)
        existing = {(c["name"], c.get("type", 1)): int(c["id"]) for c in store.values()}
        store.clear()
        for body in commands:
            self._store_command(
                store, app_id, guild_id, body, existing.get((body["name"], body.get("type", 1)))
            )
        return [dict(c) for c in store.values()]

    def upsert_command(
        self, app_id: int, guild_id: int | None, body: dict[str, Any]
    ) -> dict[str, Any]:
        store = self.store_for(guild_id)
        existing = {(c["name"], c.get("type", 1)): int(c["id"]) for c in store.values()}
        return dict(
            self._store_command(
                store, app_id, guild_id, body, existing.get((body["name"], body.get("type", 1)))
            )
        )

    def _store_command(
        self,
        store: dict[int, dict[str, Any]],
        app_id: int,
        guild_id: int | None,
        body: dict[str, Any],
        cid: int | None,
    ) -> dict[str, Any]:
        cid = cid if cid is not None else self.ids.next()
        cmd = {
            "type": 1,
            "description": "",
            "options": [],
            "default_member_permissions": None,
            "nsfw": False,
            **body,
            "id": str(cid),
            "application_id": str(app_id),
            "version": str(self.ids.next()),
        }
        if guild_id is not None:
            cmd["guild_id"] = str(guild_id)
        store[cid] = cmd
        return cmd

    def find_command(self, name: str, guild_id: int | None = None) -> dict[str, Any]:
        if guild_id is not None:
            for cmd in self.guild_commands.get(int(guild_id), {}).values():
                if cmd["name"] == name:
                    return dict(cmd)
        for cmd in self.global_commands.values():
            if cmd["name"] == name:
                return dict(cmd)
        raise KeyError(f"fake discord: no application command named {name!r} was synced")
