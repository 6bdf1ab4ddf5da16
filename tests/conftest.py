"""Shared fixtures: the fake provider, a manual clock, settings and services on a temp DB."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from bot.core.clock import ManualClock
from bot.services import Services, build_services
from bot.settings import Settings
from bot.testing.openai_fake import fake_provider  # noqa: F401 - fixture
from bot.testing.config import make_settings

@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest_asyncio.fixture
async def services(fake_provider: FakeProvider, tmp_path, clock) -> AsyncIterator[Services]:  # noqa: F811
    async with build_services(make_settings(fake_provider, tmp_path), clock=clock) as svc:
        yield svc
