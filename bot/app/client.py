"""The discord.py client: services in, cogs loaded, commands synced only on request."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.app.tree import OS1Tree

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger(__name__)

EXTENSIONS = ("cogs.outbox", "cogs.companion", "cogs.companion_commands", "cogs.memories", "cogs.admin", "cogs.owner")
TEXT_PREFIX = "!os1 "


def make_intents() -> discord.Intents:
    intents = discord.Intents.none()
    intents.guilds = True
    intents.dm_messages = True
    intents.guild_messages = True
    intents.message_content = True  # privileged: enable it on the Bot page of the application
    return intents


class OS1Bot(commands.Bot):
    """The bot. Services are built outside and passed in (discord.py's advanced_startup)."""

    def __init__(self, services: Services, *, sync_commands: bool = False,
                 extensions: tuple[str, ...] = EXTENSIONS) -> None:
        super().__init__(
            command_prefix=TEXT_PREFIX,
            intents=make_intents(),
            tree_cls=OS1Tree,
            allowed_mentions=discord.AllowedMentions.none(),
            chunk_guilds_at_startup=False,
            help_command=None,
            owner_ids=set(services.settings.owner_ids) or None,
        )
        self.services = services
        self.sync_commands = sync_commands
        self.extensions_to_load = extensions

    async def setup_hook(self) -> None:
        for ext in self.extensions_to_load:
            await self.load_extension(ext)
        if self.sync_commands:
            synced = await self.tree.sync()
            log.info("synced %d application commands", len(synced))

    async def on_ready(self) -> None:
        log.info("connected as %s (id %s) to %d servers", self.user, getattr(self.user, "id", "?"),
                 len(self.guilds))

    async def on_command_error(self, ctx: commands.Context[OS1Bot], error: Exception) -> None:
        """Text commands (`!os1 …`): unknown ones get a hint; others are logged."""
        if isinstance(error, commands.CommandNotFound):
            await ctx.send("I don't know that one. Owners can use `!os1 sync`; everything else "
                           "is a slash command — type `/`.",
                           allowed_mentions=discord.AllowedMentions.none())
            return
        if isinstance(error, commands.NotOwner | commands.CheckFailure):
            return
        log.error("text command failed", exc_info=error)

    async def close(self) -> None:
        await self.services.conversations.drain()
        await super().close()
