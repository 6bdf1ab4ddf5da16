"""pytest plugin: ``fake_discord``, a started ``FakeDiscord`` with a small world.

Register it in ``tests/conftest.py`` with ``pytest_plugins = ["bot.testing.discord.fixtures"]``.

The world: one user ``alice``, one guild ``"OS1 Test Guild"`` (owner alice) with text channels
``general`` and ``random``. Look them up with ``fake.find_user("alice")``,
``fake.find_guild("OS1 Test Guild")`` and ``fake.find_channel(guild_id, "general")``.
At teardown the fixture fails the test if the fake hit an internal error.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest_asyncio

from .server import FakeDiscord

log = logging.getLogger(__name__)

TEST_GUILD_NAME = "OS1 Test Guild"


def build_default_world(fake: FakeDiscord) -> None:
    alice = fake.add_user("alice")
    fake.add_guild(
        TEST_GUILD_NAME, owner_id=alice["id"], channels=["general", "random"], members=[alice["id"]]
    )


@pytest_asyncio.fixture
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord() as fake:
        build_default_world(fake)
        yield fake
        if fake.internal_errors:
            raise AssertionError(f"fake discord internal errors: {fake.internal_errors}")
