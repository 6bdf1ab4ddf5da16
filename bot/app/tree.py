"""The command tree: one place that maps errors to short, kind, ephemeral replies."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.core.errors import OS1Error

if TYPE_CHECKING:
    from bot.app.client import OS1Bot  # noqa: F401 - used in a string annotation

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()


async def respond(interaction: discord.Interaction, content: str | None = None, **kwargs: object) -> None:
    """Reply to an interaction whether or not it was already responded to (ephemeral default)."""
    kwargs.setdefault("ephemeral", True)
    kwargs["allowed_mentions"] = NO_MENTIONS
    if interaction.response.is_done():
        await interaction.followup.send(content, **kwargs)  # type: ignore[arg-type]
    else:
        await interaction.response.send_message(content, **kwargs)  # type: ignore[arg-type]


class OS1Tree(app_commands.CommandTree["OS1Bot"]):
    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        original = getattr(error, "original", error)
        if isinstance(original, OS1Error):
            message = original.user_message
            log.info("user-facing error in /%s: %s", _name(interaction), original)
        elif isinstance(error, app_commands.CommandNotFound):
            message = ("I don't know that command any more — it may have changed. "
                       "Type `/` to see what I can do.")
        elif isinstance(error, app_commands.CheckFailure):
            message = str(error) or "You can't use that command here."
        elif isinstance(error, app_commands.CommandOnCooldown):
            message = f"Slow down a little — try again in {error.retry_after:.0f}s."
        elif isinstance(error, app_commands.TransformerError):
            message = f"I couldn't understand `{error.value}` there."
        else:
            log.error("command /%s failed", _name(interaction), exc_info=original)
            message = "Something went wrong on my side. It's been logged; please try again."
        try:
            await respond(interaction, message)
        except discord.HTTPException:
            log.warning("could not report an error to the user", exc_info=True)


def _name(interaction: discord.Interaction) -> str:
    return interaction.command.qualified_name if interaction.command else "?"


def moderator_only():  # type: ignore[no-untyped-def]
    """Runtime check *and* default permissions: Manage Server, in a server."""

    def predicate(interaction: discord.Interaction) -> bool:
        if interaction.guild is None:
            raise app_commands.CheckFailure("That only works inside a server.")
        perms = interaction.permissions
        if not (perms.manage_guild or perms.administrator):
            raise app_commands.CheckFailure("That's only for the server's moderators.")
        return True

    def decorator(func):  # type: ignore[no-untyped-def]
        func = app_commands.check(predicate)(func)
        func = app_commands.default_permissions(manage_guild=True)(func)
        return app_commands.guild_only()(func)

    return decorator
