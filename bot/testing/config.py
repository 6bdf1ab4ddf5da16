"""Settings for tests and benchmarks: everything pointed at the loopback fakes."""

from __future__ import annotations

from pathlib import Path

from bot.settings import Settings
from bot.testing.provider import FakeProvider

BOT_TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz012345678"


def make_settings(provider: FakeProvider, tmp_path: Path, **overrides: str) -> Settings:
    env = {
        "DISCORD_TOKEN": BOT_TOKEN,
        "OPENAI_BASE_URL": provider.base_url,
        "OPENAI_API_KEY": "sk-test-not-a-real-key",
        "OS1_MODEL": "os1-test-model",
        "OS1_DATABASE": str(tmp_path / "os1.db"),
        "OS1_MODEL_TIMEOUT": "5",
        "OS1_MODEL_MAX_RETRIES": "1",
        "OS1_MEMORY_EXTRACTION": "false",
    }
    env.update(overrides)
    return Settings.from_mapping(env)
