"""`/memories`, `/forget-me`, `/export`: the user's memory, in their hands. All ephemeral."""

from __future__ import annotations

import io
import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.app.tree import NO_MENTIONS, respond
from bot.core.memory.owner import MemoryOwner, Provenance, parse_memory_id

if TYPE_CHECKING:
    from bot.app.client import OS1Bot

log = logging.getLogger(__name__)


def _line(p: Provenance) -> str:
    m = p.memory
    flags = " · 🔓 shareable" if m.shareable else ""
    text = discord.utils.escape_markdown(m.content)
    if m.valid_to is not None:
        text = f"~~{text}~~"
        when = f"{m.valid_from.date().isoformat()} to {m.valid_to.date().isoformat()} (no longer true)"
    else:
        when = f"since {m.valid_from.date().isoformat()}"
    return f"**#{m.id}** {text}\n-# {when}{flags} · {p.describe()}"


def render_page(items: list[Provenance], page: int, pages: int) -> discord.Embed:
    embed = discord.Embed(title="What I remember about you", colour=discord.Colour.blurple())
    embed.description = "\n".join(_line(p) for p in items)[:4000] or (
        "Nothing yet. As we talk, I'll remember what matters — and you can always see it here.")
    embed.set_footer(text=f"Page {page + 1} of {pages} · /memories forget, edit, share")
    return embed


class MemoryPager(discord.ui.View):
    def __init__(self, owner: MemoryOwner, user_id: int, page: int, pages: int) -> None:
        super().__init__(timeout=300)
        self.owner, self.user_id, self.page, self.pages = owner, user_id, page, pages
        self._sync()

    def _sync(self) -> None:
        self.prev.disabled = self.page <= 0
        self.next.disabled = self.page >= self.pages - 1

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        return interaction.user.id == self.user_id

    async def _go(self, interaction: discord.Interaction, delta: int) -> None:
        items, self.pages = await self.owner.page(self.user_id, self.page + delta)
        self.page = min(max(self.page + delta, 0), self.pages - 1)
        self._sync()
        await interaction.response.edit_message(embed=render_page(items, self.page, self.pages),
                                                view=self, allowed_mentions=NO_MENTIONS)

    @discord.ui.button(label="‹ Newer", style=discord.ButtonStyle.secondary, custom_id="os1:mem:prev")
    async def prev(self, interaction: discord.Interaction, _: discord.ui.Button[MemoryPager]) -> None:
        await self._go(interaction, -1)

    @discord.ui.button(label="Older ›", style=discord.ButtonStyle.secondary, custom_id="os1:mem:next")
    async def next(self, interaction: discord.Interaction, _: discord.ui.Button[MemoryPager]) -> None:
        await self._go(interaction, +1)


class EditMemory(discord.ui.Modal, title="Edit a memory"):
    def __init__(self, owner: MemoryOwner, memory_id: int, current: str) -> None:
        super().__init__(timeout=600, custom_id=f"os1:mem:edit:{memory_id}")
        self.owner, self.memory_id = owner, memory_id
        self.text: discord.ui.TextInput[EditMemory] = discord.ui.TextInput(
            label="What should I remember?", style=discord.TextStyle.paragraph,
            default=current[:500], max_length=500, custom_id="os1:mem:edit:text")
        self.add_item(self.text)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        memory = await self.owner.edit(interaction.user.id, self.memory_id, self.text.value)
        await respond(interaction, f"Updated #{memory.id}: {discord.utils.escape_markdown(memory.content)}")


class ConfirmForgetMe(discord.ui.View):
    def __init__(self, owner: MemoryOwner, user_id: int, on_forgotten) -> None:  # type: ignore[no-untyped-def]
        super().__init__(timeout=120)
        self.owner, self.user_id, self.on_forgotten = owner, user_id, on_forgotten

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        return interaction.user.id == self.user_id

    @discord.ui.button(label="Forget everything", style=discord.ButtonStyle.danger,
                       custom_id="os1:forgetme:yes")
    async def yes(self, interaction: discord.Interaction, _: discord.ui.Button[ConfirmForgetMe]) -> None:
        self.stop()
        await self.owner.forget_everything(self.user_id)
        self.on_forgotten(self.user_id)
        await interaction.response.edit_message(
            content="Done. Every message, memory, summary and setting about you is gone. "
            "If you ever DM me again, we'll meet as strangers.", view=None,
            allowed_mentions=NO_MENTIONS)

    @discord.ui.button(label="Keep everything", style=discord.ButtonStyle.secondary,
                       custom_id="os1:forgetme:no")
    async def no(self, interaction: discord.Interaction, _: discord.ui.Button[ConfirmForgetMe]) -> None:
        self.stop()
        await interaction.response.edit_message(content="Okay. Nothing was deleted.", view=None,
                                                allowed_mentions=NO_MENTIONS)


class Memories(commands.Cog):
    memories = app_commands.Group(name="memories", description="What your companion remembers")

    def __init__(self, bot: OS1Bot) -> None:
        self.bot = bot
        companions = bot.services.companions
        self.owner = MemoryOwner(
            bot.services.store, bot.services.clock,
            on_change=lambda uid: companions.memory.forget_cache(uid) if companions.memory else None)

    @memories.command(name="list", description="See what your companion remembers")
    async def list_(self, interaction: discord.Interaction) -> None:
        items, pages = await self.owner.page(interaction.user.id, 0)
        await respond(interaction, embed=render_page(items, 0, pages),
                      view=MemoryPager(self.owner, interaction.user.id, 0, pages))

    @memories.command(name="search", description="Search your memories")
    @app_commands.describe(query="Words to look for")
    async def search(self, interaction: discord.Interaction, query: app_commands.Range[str, 1, 200]) -> None:
        found = await self.owner.search(interaction.user.id, query)
        text = "\n".join(_line(p) for p in found) or "I don't remember anything about that."
        await respond(interaction, text[:2000])

    @memories.command(name="forget", description="Forget one memory")
    @app_commands.describe(id="The memory's number from /memories list")
    async def forget(self, interaction: discord.Interaction, id: str) -> None:
        memory = await self.owner.forget(interaction.user.id, parse_memory_id(id))
        await respond(interaction, f"Forgotten: ~~{discord.utils.escape_markdown(memory.content)}~~")

    @memories.command(name="edit", description="Correct one memory")
    @app_commands.describe(id="The memory's number from /memories list")
    async def edit(self, interaction: discord.Interaction, id: str) -> None:
        memory = await self.owner.get(interaction.user.id, parse_memory_id(id))
        await interaction.response.send_modal(EditMemory(self.owner, memory.id, memory.content))

    @memories.command(name="share", description="Let this memory come up in server channels")
    async def share(self, interaction: discord.Interaction, id: str) -> None:
        memory = await self.owner.share(interaction.user.id, parse_memory_id(id), True)
        await respond(interaction, f"#{memory.id} may now come up in server channels.")

    @memories.command(name="unshare", description="Keep this memory to our DMs")
    async def unshare(self, interaction: discord.Interaction, id: str) -> None:
        memory = await self.owner.share(interaction.user.id, parse_memory_id(id), False)
        await respond(interaction, f"#{memory.id} stays between us again.")

    @app_commands.command(name="forget-me", description="Erase everything your companion knows about you")
    async def forget_me(self, interaction: discord.Interaction) -> None:
        companion_cog = self.bot.get_cog("Companion")

        def forgotten(uid: int) -> None:
            if companion_cog is not None:
                companion_cog.onboarding.pop(uid, None)  # type: ignore[attr-defined]

        await respond(
            interaction, "This erases **everything** about you: every message, memory, summary, "
            "your answers and your companion. It can't be undone. Are you sure?",
            view=ConfirmForgetMe(self.owner, interaction.user.id, forgotten))

    @app_commands.command(name="export", description="Download everything your companion knows about you")
    async def export(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        raw, markdown = await self.owner.export(interaction.user.id)
        await interaction.followup.send(
            "Here's everything — the JSON is complete, the markdown is for reading.",
            files=[discord.File(io.BytesIO(raw), filename="os1-export.json"),
                   discord.File(io.BytesIO(markdown), filename="os1-export.md")],
            ephemeral=True, allowed_mentions=NO_MENTIONS)


async def setup(bot: OS1Bot) -> None:
    await bot.add_cog(Memories(bot))
