"""`/os1-admin`: the moderators' console (checked at run time, default Manage Server)."""

from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.app.limiter import Priority
from bot.app.tree import moderator_only, respond
from bot.core.care import SupportAlert
from bot.core.errors import UserInputError
from bot.core.personas.cardfields import CardError
from bot.core.personas.cards import import_card

if TYPE_CHECKING:
    from bot.app.client import OS1Bot

log = logging.getLogger(__name__)

MAX_CARD_BYTES = 4_000_000
MAX_HELPLINES = 5


class Admin(commands.Cog):
    admin = app_commands.Group(name="os1-admin", description="Moderator settings for companions",
                               guild_only=True,
                               default_permissions=discord.Permissions(manage_guild=True))

    def __init__(self, bot: OS1Bot) -> None:
        self.bot = bot
        self.services = bot.services

    async def cog_load(self) -> None:
        care = self.services.companions.care
        if hasattr(care, "alert_sender"):
            care.alert_sender = self.send_alert  # type: ignore[attr-defined]

    async def cog_unload(self) -> None:
        care = self.services.companions.care
        if hasattr(care, "alert_sender"):
            care.alert_sender = None  # type: ignore[attr-defined]

    async def send_alert(self, alert: SupportAlert, channel_id: int) -> None:
        """Tell moderators a member may need support: who and where, never what they said.

        Goes through the durable outbox, so an alert survives a restart and is sent once."""
        embed = discord.Embed(
            title="A member may need support",
            colour=discord.Colour.orange(),
            description=(f"<@{alert.user_id}> said something in "
                         + (f"<#{alert.channel_id}>" if alert.channel_id else "a channel")
                         + " that suggests they may be in crisis. Their companion has shared "
                         "crisis resources with them. A kind word from a person can matter a lot."),
        )
        if alert.jump_url:
            embed.add_field(name="Message", value=f"[Jump to it]({alert.jump_url})")
        embed.set_footer(text="OS1 shares no message content. Alerts are rate limited.")
        outbox = self.bot.get_cog("Outbox")
        assert outbox is not None, "the outbox cog is loaded first"
        await outbox.dispatcher.enqueue(  # type: ignore[attr-defined]
            f"alert:{alert.guild_id}:{alert.jump_url or alert.user_id}", "alert",
            {"embeds": [embed.to_dict()]}, channel_id=channel_id, priority=Priority.NOTICE)

    async def _audit(self, interaction: discord.Interaction, action: str, **detail: object) -> None:
        await self.services.store.ops.audit(action, self.services.clock.now(),
                                            actor_id=interaction.user.id,
                                            guild_id=interaction.guild_id, detail=detail)

    @admin.command(name="alerts", description="Opt in to crisis alerts in a channel (or turn them off)")
    @app_commands.describe(channel="Where to post alerts; leave empty to turn alerts off")
    @moderator_only()
    async def alerts(self, interaction: discord.Interaction,
                     channel: discord.TextChannel | None = None) -> None:
        assert interaction.guild_id is not None
        await self.services.store.ops.update_guild_settings(
            interaction.guild_id, self.services.clock.now(),
            alert_channel_id=channel.id if channel else None)
        await self._audit(interaction, "alerts", channel_id=channel.id if channel else None)
        await respond(interaction, f"Crisis alerts will go to {channel.mention}. They say only that "
                      "a member may need support, with a link — never what anyone said in DMs."
                      if channel else "Crisis alerts are off for this server.")

    @admin.command(name="require-adults", description="Companions decline members under 18 here")
    @moderator_only()
    async def require_adults(self, interaction: discord.Interaction, enabled: bool) -> None:
        assert interaction.guild_id is not None
        await self.services.store.ops.update_guild_settings(
            interaction.guild_id, self.services.clock.now(), require_adults=enabled)
        await self._audit(interaction, "require_adults", enabled=enabled)
        await respond(interaction, "Companions here now talk only with members who told them they're "
                      "18 or older." if enabled else "Companions here talk with everyone again.")

    @admin.command(name="helpline", description="Add a local crisis line shown in crisis responses")
    @app_commands.describe(line="e.g. 'Samaritans: call 116 123 (UK & Ireland, free, 24/7)'")
    @moderator_only()
    async def helpline(self, interaction: discord.Interaction,
                       line: app_commands.Range[str, 5, 200]) -> None:
        assert interaction.guild_id is not None
        current = await self.services.store.ops.guild_settings(interaction.guild_id)
        if len(current.helplines) >= MAX_HELPLINES:
            raise UserInputError("too many", user_message=f"Up to {MAX_HELPLINES} lines; clear them first.")
        clean = discord.utils.escape_mentions(" ".join(line.split()))
        await self.services.store.ops.update_guild_settings(
            interaction.guild_id, self.services.clock.now(), helplines=[*current.helplines, clean])
        await self._audit(interaction, "helpline_add")
        await respond(interaction, f"Added. Crisis responses here will also list: {clean}")

    @admin.command(name="helplines-clear", description="Remove this server's own crisis lines")
    @moderator_only()
    async def helplines_clear(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        await self.services.store.ops.update_guild_settings(
            interaction.guild_id, self.services.clock.now(), helplines=[])
        await self._audit(interaction, "helplines_clear")
        await respond(interaction, "Cleared; the standard resources remain.")

    @admin.command(name="persona-add", description="Add a server persona from a Character Card")
    @app_commands.describe(card="A Character Card V2/V3 as .json or .png")
    @moderator_only()
    async def persona_add(self, interaction: discord.Interaction, card: discord.Attachment) -> None:
        assert interaction.guild_id is not None
        if card.size > MAX_CARD_BYTES:
            raise UserInputError("big card", user_message="That card is over 4 MB; I can't read it.")
        data = await card.read()
        try:
            persona = import_card(data, card.filename)
        except CardError as exc:
            raise UserInputError(str(exc), user_message=f"I couldn't use that card: {exc}") from None
        # The whole server id goes into the key: a shortened one let two servers' cards with
        # the same name share a key, and the later upload replaced the other server's persona.
        key = f"{persona.key[:40].strip('-')}-g{interaction.guild_id}"
        persona = dataclasses.replace(persona, key=key, source=f"server:{interaction.guild_id}")
        replaced = await self.services.store.people.get_persona(key) is not None
        await self.services.store.people.put_persona(
            key, persona.to_dict(), guild_id=interaction.guild_id, created_by=interaction.user.id,
            now=self.services.clock.now())
        await self._audit(interaction, "persona_add", key=key)
        label = discord.utils.escape_markdown(persona.name or persona.nickname or key)
        await respond(interaction, f"{'Updated' if replaced else 'Added'} **{label}** (`{key}`). "
                      "Members here can choose it with `/companion persona`.")

    @admin.command(name="status", description="This server's companion settings")
    @moderator_only()
    async def status(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        s = await self.services.store.ops.guild_settings(interaction.guild_id)
        embed = discord.Embed(title="OS1 settings", colour=discord.Colour.dark_teal())
        embed.add_field(name="Crisis alerts", value=f"<#{s.alert_channel_id}>" if s.alert_channel_id else "off")
        embed.add_field(name="18+ only", value="yes" if s.require_adults else "no")
        embed.add_field(name="Local lines", value="\n".join(s.helplines) or "none", inline=False)
        await respond(interaction, embed=embed)


async def setup(bot: OS1Bot) -> None:
    await bot.add_cog(Admin(bot))
