"""DMs (and mentions in server channels) become core turns; replies stream back."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.app.client import TEXT_PREFIX
from bot.app.sink import NO_MENTIONS, DiscordReplySink
from bot.core.models import DM_SCOPE, Turn, guild_scope

if TYPE_CHECKING:
    from bot.app.client import OS1Bot

log = logging.getLogger(__name__)


def _clean_content(message: discord.Message, me: discord.abc.User) -> str:
    text = message.content
    for form in (f"<@{me.id}>", f"<@!{me.id}>"):
        text = text.replace(form, "")
    text = text.strip()
    if message.attachments:
        names = ", ".join(a.filename for a in message.attachments[:10])
        text = f"{text}\n[attached: {names}]".strip()
    return text


class Companion(commands.Cog):
    def __init__(self, bot: OS1Bot) -> None:
        self.bot = bot
        self.services = bot.services

    def to_turn(self, message: discord.Message) -> Turn | None:
        me = self.bot.user
        assert me is not None
        if message.author.bot or message.webhook_id is not None or message.author.id == me.id:
            return None
        if message.content.startswith(TEXT_PREFIX):
            return None  # owner text commands
        if message.guild is None:
            scope = DM_SCOPE
        elif me in message.mentions:
            scope = guild_scope(message.guild.id, message.channel.id)
        else:
            return None
        text = _clean_content(message, me)
        if not text:
            return None
        return Turn(
            user_id=message.author.id, text=text, scope=scope,
            display_name=message.author.display_name, at=message.created_at,
            discord_message_id=message.id,
            guild_id=message.guild.id if message.guild else None,
            channel_id=message.channel.id, jump_url=message.jump_url,
        )

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        turn = self.to_turn(message)
        if turn is None:
            return
        sink = DiscordReplySink(
            message.channel, self.services.limiter,
            reference=message if message.guild is not None else None,
        )
        try:
            await self.services.conversations.submit(turn, sink)
        except Exception:  # noqa: BLE001 - never leave a person without an answer
            log.exception("could not handle a message")
            try:
                await message.channel.send(
                    "Something went wrong on my side, but I kept your message. Try me again?",
                    allowed_mentions=NO_MENTIONS)
            except discord.HTTPException:
                log.warning("could not send the failure notice either")


async def setup(bot: OS1Bot) -> None:
    await bot.add_cog(Companion(bot))
