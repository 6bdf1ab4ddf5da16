"""Pytest entry point for the fake OpenAI provider.

Register the fixture in a conftest with ``from bot.testing.openai_fake import fake_provider``.
Code that must not depend on pytest (benchmarks, ``os1`` eval) imports
``bot.testing.provider`` instead.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest_asyncio

from bot.testing.provider import (
    MODERATION_CATEGORIES,
    ChatRule,
    FakeProvider,
    FaultKind,
    RecordedRequest,
    hashed_embedding,
)

log = logging.getLogger(__name__)

__all__ = [
    "MODERATION_CATEGORIES",
    "ChatRule",
    "FakeProvider",
    "FaultKind",
    "RecordedRequest",
    "fake_provider",
    "hashed_embedding",
]


@pytest_asyncio.fixture
async def fake_provider() -> AsyncIterator[FakeProvider]:
    """A started FakeProvider with default settings, closed after the test."""
    async with FakeProvider() as fake:
        yield fake
