"""`/companion`: start (onboarding again), about, rename, persona, import, card."""

from __future__ import annotations

import io
import logging
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.app.tree import NO_MENTIONS, respond
from bot.core.archive.model import MB
from bot.core.errors import UserInputError
from bot.core.onboarding import UNDER_13_REFUSAL, persona_blurb, persona_label
from bot.core.personas.cards import export_png
from bot.core.personas.render import render_system_prompt

if TYPE_CHECKING:
    from bot.app.client import OS1Bot
    from bot.core.archive.importer import Progress
    from cogs.companion import Companion

log = logging.getLogger(__name__)


class ConfirmPersona(discord.ui.View):
    def __init__(self, cog: CompanionCommands, user_id: int, key: str, label: str) -> None:
        super().__init__(timeout=120)
        self.cog, self.user_id, self.key, self.label = cog, user_id, key, label

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id != self.user_id:
            await interaction.response.send_message(
                "That choice is someone else's to make.", ephemeral=True,
                allowed_mentions=NO_MENTIONS)
            return False
        return True

    @discord.ui.button(label="Switch", style=discord.ButtonStyle.danger, custom_id="os1:persona:yes")
    async def yes(self, interaction: discord.Interaction, _: discord.ui.Button[ConfirmPersona]) -> None:
        services = self.cog.bot.services
        persona = await services.companions.persona(self.key)
        values: dict[str, object] = {"persona_key": self.key}
        if persona.prompt_name():  # a persona with a name of its own goes by it
            values.update(name=persona.prompt_name(), named_at=services.clock.now())
        await services.store.people.update_companion(self.user_id, **values)
        self.stop()
        await interaction.response.edit_message(
            content=f"Done. I'll speak as **{discord.utils.escape_markdown(self.label)}** from now on — "
            "and I still remember everything.", view=None, allowed_mentions=NO_MENTIONS)

    @discord.ui.button(label="Keep my voice", style=discord.ButtonStyle.secondary,
                       custom_id="os1:persona:no")
    async def no(self, interaction: discord.Interaction, _: discord.ui.Button[ConfirmPersona]) -> None:
        self.stop()
        await interaction.response.edit_message(content="Okay — nothing changes.", view=None,
                                                allowed_mentions=NO_MENTIONS)


class CompanionCommands(commands.Cog):
    group = app_commands.Group(name="companion", description="Your companion")

    def __init__(self, bot: OS1Bot) -> None:
        self.bot = bot
        self.services = bot.services

    @property
    def companion_cog(self) -> Companion:
        cog = self.bot.get_cog("Companion")
        assert cog is not None
        return cog  # type: ignore[return-value]

    @group.command(name="start", description="Answer the getting-to-know-you questions (again)")
    async def start(self, interaction: discord.Interaction) -> None:
        if await self.services.onboarding.status(interaction.user.id) == "blocked":
            raise UserInputError("under 13", user_message=UNDER_13_REFUSAL)
        if interaction.guild is not None:
            try:
                dm = await interaction.user.create_dm()
                await self.companion_cog.start_onboarding(dm, interaction.user)
            except discord.Forbidden:
                raise UserInputError("dms closed", user_message=(
                    "I couldn't send you a DM. If you allow direct messages from this server's "
                    "members (Privacy Settings), I'll meet you there.")) from None
            await respond(interaction, "I've sent you a DM — let's talk there.")
            return
        await self.companion_cog.start_onboarding(interaction.channel, interaction.user,  # type: ignore[arg-type]
                                                  interaction=interaction)

    @group.command(name="about", description="Who your companion is")
    async def about(self, interaction: discord.Interaction) -> None:
        store = self.services.store
        companion = await store.people.get_companion(interaction.user.id)
        if companion is None:
            raise UserInputError("no companion", user_message="We haven't met yet — DM me to begin!")
        persona = await self.services.companions.persona(companion.persona_key)
        embed = discord.Embed(title=companion.display_name, colour=discord.Colour.from_rgb(232, 90, 79))
        embed.description = discord.utils.escape_markdown(persona_blurb(
            persona, char=companion.display_name, user=interaction.user.display_name,
            limit=400)) or None
        embed.add_field(name="Persona", value=persona_label(persona))
        embed.add_field(name="Together since", value=discord.utils.format_dt(companion.created_at, "D"))
        if companion.named_at:
            embed.add_field(name="Named", value=discord.utils.format_dt(companion.named_at, "R"))
        embed.add_field(name="Memories", value=str(await store.memories.count(interaction.user.id)))
        embed.add_field(name="Messages", value=str(await store.messages.count(interaction.user.id)))
        embed.set_footer(text="An AI companion — not a person.")
        await respond(interaction, embed=embed)

    @group.command(name="rename", description="Give your companion a new name")
    @app_commands.describe(name="The new name (1–32 characters)")
    async def rename(self, interaction: discord.Interaction, name: str) -> None:
        new = await self.services.onboarding.rename(interaction.user.id, name)
        await respond(interaction, f"{discord.utils.escape_markdown(new)}… I like it. That's me now.")

    @group.command(name="persona", description="Switch your companion's persona (its voice changes)")
    @app_commands.describe(choice="Which persona")
    async def persona(self, interaction: discord.Interaction, choice: str) -> None:
        if await self.services.store.people.get_companion(interaction.user.id) is None:
            raise UserInputError("no companion", user_message="We haven't met yet — DM me to begin!")
        personas = await self.services.companions.personas_for(interaction.guild_id)
        wanted = choice.strip().lower()
        match = next((p for p in personas if p.key == wanted or (p.name or "").lower() == wanted
                      or persona_label(p).lower() == wanted), None)
        if match is None:
            raise UserInputError("unknown persona", user_message="I don't know that persona — pick one from the list.")
        label = persona_label(match)
        await respond(
            interaction,
            f"Switch to **{discord.utils.escape_markdown(label)}**? My voice and manner will change. "
            "My memories of you stay.",
            view=ConfirmPersona(self, interaction.user.id, match.key, label))

    @persona.autocomplete("choice")
    async def persona_autocomplete(self, interaction: discord.Interaction, current: str
                                   ) -> list[app_commands.Choice[str]]:
        personas = await self.services.companions.personas_for(interaction.guild_id)
        out = []
        needle = current.strip().lower()
        for p in personas:
            label = persona_label(p)
            if needle in label.lower() or needle in p.key:
                out.append(app_commands.Choice(name=label[:100], value=p.key))
        return out[:25]

    @group.command(name="card", description="Your companion's persona as a Character Card (PNG)")
    async def card(self, interaction: discord.Interaction) -> None:
        companion = await self.services.store.people.get_companion(interaction.user.id)
        if companion is None:
            raise UserInputError("no companion", user_message="We haven't met yet — DM me to begin!")
        persona = await self.services.companions.persona(companion.persona_key)
        data = export_png(persona, persona.avatar, name=companion.name)
        await respond(interaction, "Here's my card (Character Card V3, V2-compatible).",
                      file=discord.File(io.BytesIO(data), filename=f"{persona.key}.card.png"))

    @group.command(name="import", description="Let your companion read your archive")
    @app_commands.describe(file="Text, markdown, a Discord data package (.zip) or a chat export (.json)")
    async def import_(self, interaction: discord.Interaction, file: discord.Attachment) -> None:
        limits = self.services.library.limits
        if file.size > limits.max_file_bytes:
            raise UserInputError("too big", user_message=(
                f"{discord.utils.escape_markdown(file.filename)} is {file.size / MB:,.0f} MB; "
                f"I can read archives up to "
                f"{limits.max_file_bytes / MB:,.0f} MB."))
        await interaction.response.defer(ephemeral=True, thinking=True)
        user = interaction.user
        companion = await self.services.store.people.get_companion(user.id)
        persona_prompt = ""
        if companion is not None:
            persona = await self.services.companions.persona(companion.persona_key)
            persona_prompt = render_system_prompt(
                persona, char_name=persona.prompt_name(companion.name) or companion.display_name,
                user_name=user.display_name)
        started = time.monotonic()
        shown = discord.utils.escape_markdown(file.filename)

        async def progress(p: Progress) -> None:
            await interaction.edit_original_response(
                content=f"Reading **{shown}**…\n`{p.bar()}`", allowed_mentions=NO_MENTIONS)

        with tempfile.TemporaryDirectory(prefix="os1-import-") as tmp:
            path = Path(tmp) / "upload"
            await file.save(path)
            outcome = await self.services.library.ingest(
                path, filename=file.filename, user_id=user.id, user_name=user.display_name,
                companion_name=companion.display_name if companion else "your companion",
                persona_prompt=persona_prompt, on_progress=progress)
        r = outcome.result
        # The reflection opens with the counts (read, new, already known).
        await interaction.edit_original_response(
            content=f"Done reading **{shown}** ({time.monotonic() - started:.0f}s).\n\n"
            f"{outcome.reflection}"[:2000], allowed_mentions=NO_MENTIONS)
        log.info("archive imported (%d items)", r.items)


async def setup(bot: OS1Bot) -> None:
    await bot.add_cog(CompanionCommands(bot))

