"""Owner-only text commands (work before any slash command is synced)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

if TYPE_CHECKING:
    from bot.app.client import OS1Bot

log = logging.getLogger(__name__)


class Owner(commands.Cog):
    def __init__(self, bot: OS1Bot) -> None:
        self.bot = bot

    @commands.command(name="sync")
    @commands.is_owner()
    async def sync(self, ctx: commands.Context[OS1Bot], scope: str = "global") -> None:
        """`!os1 sync` (global) or `!os1 sync here` (this server only, instant)."""
        if scope == "here" and ctx.guild is not None:
            self.bot.tree.copy_global_to(guild=ctx.guild)
            synced = await self.bot.tree.sync(guild=ctx.guild)
        else:
            synced = await self.bot.tree.sync()
        await ctx.send(f"Synced {len(synced)} commands.",
                       allowed_mentions=discord.AllowedMentions.none())

    async def cog_command_error(self, ctx: commands.Context[OS1Bot], error: Exception) -> None:
        if isinstance(error, commands.NotOwner):
            return  # silent for non-owners: the companion answers the message instead
        log.error("owner command failed", exc_info=error)


async def setup(bot: OS1Bot) -> None:
    await bot.add_cog(Owner(bot))
