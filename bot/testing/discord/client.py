"""Run a real discord.py client against a ``FakeDiscord`` for the length of a ``async with``."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    import discord

    from .server import FakeDiscord

log = logging.getLogger(__name__)

ClientT = TypeVar("ClientT", bound="discord.Client")


@contextlib.asynccontextmanager
async def connected_client(
    fake: FakeDiscord,
    client: ClientT,
    *,
    token: str | None = None,
    timeout: float = 10.0,
    guild_ready_timeout: float | None = 0.05,
) -> AsyncIterator[ClientT]:
    """Patch discord.py to use ``fake``, start ``client`` in a background task, wait for READY.

    On exit the client is closed, its task awaited and the patches restored. If the client task
    dies (e.g. a login error) the exception is raised here instead of hanging.

    ``guild_ready_timeout``: discord.py waits this long after the last GUILD_CREATE before firing
    ``on_ready`` (2 s by default). Lowered to 0.05 s for speed unless you pass ``None``; it only
    ever lowers the client's own setting (``client._connection.guild_ready_timeout``).
    """
    if guild_ready_timeout is not None:
        state = client._connection
        state.guild_ready_timeout = min(state.guild_ready_timeout, guild_ready_timeout)
    with fake.patch_discord_py():
        task = asyncio.create_task(client.start(token or fake.token), name="fake-discord-client")
        try:
            await _wait_ready(client, task, timeout)
            yield client
        finally:
            if not client.is_closed():
                await client.close()
            await _finish(task)


async def _wait_ready(client: discord.Client, task: asyncio.Task[None], timeout: float) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not client.is_ready():
        if task.done():
            exc = task.exception()
            raise RuntimeError("discord client stopped before it became ready") from exc
        if loop.time() > deadline:
            raise TimeoutError(f"discord client not ready after {timeout:.1f}s")
        await asyncio.sleep(0.01)


async def _finish(task: asyncio.Task[None]) -> None:
    try:
        await asyncio.wait_for(task, timeout=10.0)
    except TimeoutError:
        log.error("discord client task did not finish after close(); cancelling")
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
