"""`os1 doctor` verdicts against the fake provider; moderation as a second crisis signal."""

from __future__ import annotations

from bot.core.models import DM_SCOPE, Turn
from bot.doctor import run_checks
from bot.services import build_services
from bot.testing.config import make_settings
from bot.testing.sinks import RecordingSink


async def test_doctor_gives_a_verdict_per_item(fake_provider, tmp_path):
    ok = {c.name: c for c in await run_checks(make_settings(fake_provider, tmp_path))}
    assert ok["DISCORD_TOKEN"].ok and ok["model endpoint"].ok and ok["OS1_MODEL"].ok
    assert ok["OS1_DATABASE"].ok and "writable" in ok["OS1_DATABASE"].detail
    bad = {c.name: c for c in await run_checks(make_settings(
        fake_provider, tmp_path, OS1_MODEL="no-such-model", DISCORD_TOKEN="nope",
        OS1_DATABASE="/proc/os1/cannot.db"))}
    assert not bad["OS1_MODEL"].ok and "os1-test-model" in bad["OS1_MODEL"].detail
    assert not bad["DISCORD_TOKEN"].ok and not bad["OS1_DATABASE"].ok
    down = {c.name: c for c in await run_checks(make_settings(
        fake_provider, tmp_path, OPENAI_BASE_URL="http://127.0.0.1:9/v1"))}
    assert not down["model endpoint"].ok


async def test_moderation_raises_what_the_offline_detector_misses(fake_provider, tmp_path, clock):
    text = "everything is arranged. tonight is the night"
    from bot.core.safety import assess

    assert not assess(text).crisis  # the offline rules alone miss this one
    fake_provider.script_moderation(text, ["self-harm/intent", "self-harm"])
    settings = make_settings(fake_provider, tmp_path, OS1_MODERATION="true")
    async with build_services(settings, clock=clock) as svc:
        await svc.onboarding.complete(5, "Theo", {"age": "25-34"}, "os1")
        sink = RecordingSink()
        await svc.conversations.submit(
            Turn(user_id=5, text=text, scope=DM_SCOPE, display_name="Theo"), sink)
        assert sink.final is not None and "988" in sink.final
        assert any(r.path == "/v1/moderations" for r in fake_provider.requests)
        assert fake_provider.chat_requests() == []  # the crisis reply is not model text
