"""Shared fixtures: the fake provider, the loopback Discord, a manual clock, services, the bot."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from bot.app.client import OS1Bot
from bot.core.clock import ManualClock
from bot.services import Services, build_services
from bot.testing.config import make_settings
from bot.testing.discord import FakeDiscord
from bot.testing.discord.client import connected_client
from bot.testing.openai_fake import fake_provider  # noqa: F401 - fixture
from bot.testing.provider import FakeProvider

pytest_plugins = ["bot.testing.discord.fixtures"]

@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest_asyncio.fixture
async def services(fake_provider: FakeProvider, tmp_path, clock) -> AsyncIterator[Services]:  # noqa: F811
    async with build_services(make_settings(fake_provider, tmp_path), clock=clock) as svc:
        yield svc


@pytest_asyncio.fixture
async def os1(services: Services, fake_discord: FakeDiscord) -> AsyncIterator[OS1Bot]:
    """The real bot (all cogs) connected to the loopback Discord, answering with the fake model."""
    from bot.app.client import OS1Bot

    bot = OS1Bot(services)
    async with connected_client(fake_discord, bot) as running:
        yield running
        await services.conversations.drain()
