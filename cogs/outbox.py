"""Owns the outbox dispatcher's lifetime (started with the cog, stopped with it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from discord.ext import commands

from bot.app.outbox import OutboxDispatcher

if TYPE_CHECKING:
    from bot.app.client import OS1Bot


class Outbox(commands.Cog):
    def __init__(self, bot: OS1Bot) -> None:
        services = bot.services
        self.dispatcher = OutboxDispatcher(bot, services.store, services.limiter, services.clock)

    async def cog_load(self) -> None:
        self.dispatcher.start()

    async def cog_unload(self) -> None:
        await self.dispatcher.stop()


async def setup(bot: OS1Bot) -> None:
    await bot.add_cog(Outbox(bot))
