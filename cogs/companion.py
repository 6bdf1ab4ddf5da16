"""DMs (and mentions in server channels) become core turns; replies stream back."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.app.client import TEXT_PREFIX
from bot.app.sink import NO_MENTIONS, DiscordReplySink
from bot.core.errors import OS1Error
from bot.core.models import DM_SCOPE, Turn, guild_scope
from bot.core.onboarding import UNDER_13_REFUSAL
from cogs.onboarding_view import OnboardingView

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
        self.onboarding: dict[int, OnboardingView] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        # Users whose answers are being turned into a companion right now: a message they
        # send meanwhile is kept and answered, not met with the questions again.
        self.finishing: set[int] = set()

    async def cog_unload(self) -> None:
        for view in self.onboarding.values():
            view.stop()
        self.onboarding.clear()

    async def start_onboarding(self, channel: discord.abc.Messageable, user: discord.abc.User,
                               interaction: discord.Interaction | None = None) -> None:
        """Send the onboarding questions (as a DM message, or as an interaction reply)."""
        old = self.onboarding.pop(user.id, None)
        if old is not None:
            old.stop()
        personas = await self.services.companions.personas_for(None)
        view = OnboardingView(user.id, personas, self.services.companions.default_persona_key,
                              self._finish_onboarding)
        self.onboarding[user.id] = view
        if interaction is not None:
            await interaction.response.send_message(view.content(), view=view,
                                                    allowed_mentions=NO_MENTIONS)
            view.message = await interaction.original_response()
        else:
            await self.services.limiter.acquire()
            view.message = await channel.send(view.content(), view=view,
                                               allowed_mentions=NO_MENTIONS)

    async def _finish_onboarding(self, interaction: discord.Interaction, answers: dict[str, str],
                                 persona_key: str) -> None:
        user = interaction.user
        self.onboarding.pop(user.id, None)
        channel = interaction.channel
        assert channel is not None and isinstance(channel, discord.abc.Messageable)
        sink = DiscordReplySink(channel, self.services.limiter)
        self.finishing.add(user.id)
        try:
            try:
                result = await self.services.onboarding.complete(
                    user.id, user.display_name, answers, persona_key,
                    text_name=discord.utils.escape_markdown(user.display_name))
            except OS1Error as exc:
                await sink.notice(exc.user_message)
                return
        finally:
            self.finishing.discard(user.id)
        await sink.notice(result.introduction)
        if result.blocked_under_13:
            return
        # Anything they said before or during onboarding gets its answer now.
        await self.services.conversations.reply_pending(user.id, DM_SCOPE, sink)

    async def _onboarding_gate(self, turn: Turn, message: discord.Message) -> bool:
        """Handle a DM from someone without a companion yet; False if it is a normal turn."""
        uid = turn.user_id
        status = await self.services.onboarding.status(uid)
        if status == "ready":
            return False
        if status == "blocked":
            await self.services.limiter.acquire()
            await message.channel.send(UNDER_13_REFUSAL, allowed_mentions=NO_MENTIONS)
            return True
        await self.services.conversations.record(turn)  # kept, answered after onboarding
        view = self.onboarding.get(uid)
        if uid in self.finishing or (view is not None and view.finished):
            return True  # the answer to it follows the introduction
        if view is not None and not view.is_finished():
            await self.services.limiter.acquire()
            await message.channel.send(
                "I've kept what you said — let's finish the few questions above first.",
                allowed_mentions=NO_MENTIONS)
        else:
            await self.start_onboarding(message.channel, message.author)
        return True

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
        # Show we're there at once; persisting and recalling happen behind the indicator.
        typing = asyncio.create_task(sink.typing())
        self._tasks.add(typing)
        typing.add_done_callback(self._tasks.discard)
        if turn.scope == DM_SCOPE and await self._onboarding_gate(turn, message):
            return
        try:
            await self.services.conversations.submit(turn, sink)
        except Exception:
            log.exception("could not handle a message")
            try:
                await message.channel.send(
                    "Something went wrong on my side, but I kept your message. Try me again?",
                    allowed_mentions=NO_MENTIONS)
            except discord.HTTPException:
                log.warning("could not send the failure notice either")


async def setup(bot: OS1Bot) -> None:
    await bot.add_cog(Companion(bot))
