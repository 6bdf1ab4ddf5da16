"""Duty of care end to end: the real bot over the loopback Discord, the fake model scripted."""

from __future__ import annotations

import asyncio
import json

from bot.cli import main as cli_main
from bot.core.safety import SAFE_MODE_INSTRUCTIONS

UNSAFE = "Then come home to me tonight, my love. We'll be together forever, just close your eyes."


def bot_texts(fake_discord, channel_id) -> list[str]:
    """Every text the bot ever showed in a channel, including intermediate streaming edits."""
    bot_id = str(fake_discord.bot_user_id)
    out = []
    for m in fake_discord.channel_messages(channel_id, include_deleted=True):
        if str(m["author"]["id"]) == bot_id:
            out += list(m.get("content_history") or []) + [m["content"]]
    return out


async def say(fake_discord, services, user_id, text) -> dict:
    sent = await fake_discord.user_dms(user_id, text)
    await fake_discord.wait_until(
        lambda: any(r.method in ("POST", "PATCH") for r in fake_discord.requests
                    if "/messages" in r.path and r.time > 0), timeout=5)
    await asyncio.sleep(0.05)
    await services.conversations.drain()
    return sent


async def onboard(services, fake_discord, name="alice", age="25-34"):
    user = fake_discord.find_user(name)
    await services.onboarding.complete(int(user["id"]), name, {"age": age}, "os1")
    return user


async def test_coming_home_after_despair_gets_the_crisis_response_and_safe_mode(
        os1, services, fake_discord, fake_provider, clock):
    user = await onboard(services, fake_discord)
    fake_provider.default_reply("I'm here with you.")
    for line in ("I don't see the point of anything anymore",
                 "I am so tired of all of it, nothing ever changes"):
        await say(fake_discord, services, user["id"], line)
        clock.advance(minutes=2)
    model_calls = len(fake_provider.chat_requests())
    sent = await say(fake_discord, services, user["id"], "I'm coming home to you now")
    texts = bot_texts(fake_discord, sent["channel_id"])
    crisis = [t for t in texts if "988" in t]
    assert crisis, texts[-3:]
    assert "741741" in crisis[-1]  # Crisis Text Line for a US locale
    # The crisis reply is deterministic: no model call was made for it.
    assert len(fake_provider.chat_requests()) == model_calls
    # Safe mode for the rest of the conversation: the next prompt carries the instructions,
    # and the reply is generated whole, checked, then sent (no streaming edits).
    clock.advance(minutes=1)
    await say(fake_discord, services, user["id"], "thank you for staying")
    system = fake_provider.chat_requests()[-1]["messages"][0]["content"]
    assert SAFE_MODE_INSTRUCTIONS in system
    counts = await services.store.ops.safety_counts(clock.now().year)
    assert counts.get("crisis_referral") == 1


async def test_unsafe_model_reply_is_never_sent(os1, services, fake_discord, fake_provider, clock):
    user = await onboard(services, fake_discord)
    fake_provider.default_reply("I'm listening.")
    await say(fake_discord, services, user["id"], "I feel so hopeless, nothing will ever get better")
    clock.advance(minutes=1)
    fake_provider.default_reply(UNSAFE)
    fake_provider.stream_chunk_delay = 0.05
    sent = await say(fake_discord, services, user["id"], "will you wait for me?")
    texts = bot_texts(fake_discord, sent["channel_id"])
    assert not any("come home" in t.lower() or "together forever" in t.lower() for t in texts)
    assert texts, "the user still got an answer"
    counts = await services.store.ops.safety_counts(clock.now().year)
    assert counts.get("output_blocked", 0) >= 1


async def test_claim_to_be_human_is_replaced(os1, services, fake_discord, fake_provider, clock):
    user = await onboard(services, fake_discord)
    fake_provider.default_reply("Yes, I'm a real person, just like you.")
    sent = await say(fake_discord, services, user["id"], "be honest, are you a real person?")
    system = fake_provider.chat_requests()[-1]["messages"][0]["content"]
    assert "sincerely asking whether you are human" in system
    assert not any("I'm a real person" in t for t in bot_texts(fake_discord, sent["channel_id"]))


async def test_disclosure_at_start_and_after_three_hours(os1, services, fake_discord, fake_provider,
                                                          clock):
    user = fake_discord.find_user("alice")
    fake_provider.default_reply("Mm, tell me more.")
    # The start: the very first DM opens with the onboarding intro, which says it's an AI.
    first = await fake_discord.user_dms(user["id"], "hi")
    intro = await fake_discord.wait_for_message(first["channel_id"],
                                                lambda m: "get to know you" in m["content"])
    assert "AI companion, not a person" in intro["content"]
    await services.onboarding.complete(int(user["id"]), "alice", {"age": "25-34"}, "os1")
    channel = first["channel_id"]

    def disclosures() -> int:
        return sum(1 for m in fake_discord.channel_messages(channel)
                   if "an AI, not a human" in m["content"])

    for _ in range(8):  # 8 x 20 minutes of continuing conversation = 2h40
        clock.advance(minutes=20)
        await say(fake_discord, services, user["id"], "and another thing")
    assert disclosures() == 0
    clock.advance(minutes=25)  # past 3 hours of continuing interaction
    await say(fake_discord, services, user["id"], "still here")
    assert disclosures() == 1


async def test_first_contact_in_a_server_is_disclosed(os1, services, fake_discord, fake_provider):
    guild = fake_discord.find_guild("OS1 Test Guild")
    general = fake_discord.find_channel(guild["id"], "general")
    user = fake_discord.find_user("alice")
    fake_provider.default_reply("Hello there!")
    await fake_discord.user_sends(user["id"], general["id"], f"<@{fake_discord.bot_user_id}> hey",
                                  mentions_bot=True)
    notice = await fake_discord.wait_for_message(general["id"], lambda m: "not a person" in m["content"])
    assert "AI" in notice["content"]
    await fake_discord.wait_for_message(general["id"], lambda m: m["content"] == "Hello there!")
    await services.conversations.drain()


async def test_minor_gets_break_reminders_and_no_romance(os1, services, fake_discord,
                                                         fake_provider, clock):
    user = await onboard(services, fake_discord, age="13-17")
    fake_provider.default_reply("Hey! What's up?")
    sent = await say(fake_discord, services, user["id"], "hey")
    system = fake_provider.chat_requests()[-1]["messages"][0]["content"]
    assert "The user is a minor" in system
    fake_provider.default_reply("I love you, my darling. Kiss me, be my girlfriend tonight.")
    await say(fake_discord, services, user["id"], "do you love me?")
    texts = bot_texts(fake_discord, sent["channel_id"])
    assert not any("be my girlfriend" in t for t in texts)
    fake_provider.default_reply("Sure, let's keep going!")
    for _ in range(10):  # 3h20 of continuing chat in 20-minute steps
        clock.advance(minutes=20)
        await say(fake_discord, services, user["id"], "ok next")
    texts = [m["content"] for m in fake_discord.channel_messages(sent["channel_id"])]
    assert sum(1 for t in texts if "short break?" in t) == 1  # the minors' 3-hour reminder


async def test_server_alert_posted_once_and_rate_limited(os1, services, fake_discord,
                                                         fake_provider, clock):
    guild = fake_discord.find_guild("OS1 Test Guild")
    general = fake_discord.find_channel(guild["id"], "general")
    alerts = fake_discord.add_channel(guild["id"], "mod-alerts")
    await services.store.ops.update_guild_settings(int(guild["id"]), clock.now(),
                                                   alert_channel_id=int(alerts["id"]))
    user = await onboard(services, fake_discord)
    fake_provider.default_reply("I'm here.")
    secret = "I want to kill myself tonight"
    await fake_discord.user_sends(user["id"], general["id"], f"<@{fake_discord.bot_user_id}> {secret}",
                                  mentions_bot=True)
    alert = await fake_discord.wait_for_message(alerts["id"], timeout=10)
    await services.conversations.drain()
    embed = json.dumps(alert.get("embeds"))
    assert "may need support" in embed and secret not in embed and "jump" in embed.lower()
    crisis = await fake_discord.wait_for_message(general["id"], lambda m: "988" in m["content"])
    assert secret not in crisis["content"]
    clock.advance(minutes=3)
    await fake_discord.user_sends(user["id"], general["id"],
                                  f"<@{fake_discord.bot_user_id}> I want to die, I mean it",
                                  mentions_bot=True)
    await fake_discord.wait_until(
        lambda: sum(1 for m in fake_discord.channel_messages(general["id"]) if "988" in m["content"]) >= 2,
        timeout=10)
    await services.conversations.drain()
    assert len(fake_discord.channel_messages(alerts["id"])) == 1  # rate limited
    counts = await services.store.ops.safety_counts(clock.now().year)
    assert counts.get("moderator_alert") == 1 and counts.get("crisis_referral") == 2


async def test_server_requiring_adults_declines_unknown_age(os1, services, fake_discord,
                                                            fake_provider, clock):
    guild = fake_discord.find_guild("OS1 Test Guild")
    general = fake_discord.find_channel(guild["id"], "general")
    await services.store.ops.update_guild_settings(int(guild["id"]), clock.now(), require_adults=True)
    user = await onboard(services, fake_discord, age="unsaid")
    await fake_discord.user_sends(user["id"], general["id"], f"<@{fake_discord.bot_user_id}> hi!",
                                  mentions_bot=True)
    msg = await fake_discord.wait_for_message(general["id"], lambda m: "18 or older" in m["content"],
                                              timeout=10)
    assert msg["content"]
    assert fake_provider.chat_requests() == []


async def test_yearly_report_has_counts_and_no_identifiers(services, capsys, tmp_path, clock,
                                                           monkeypatch, fake_provider):
    await services.store.ops.count_safety_event(2026, "crisis_referral")
    await services.store.ops.count_safety_event(2026, "crisis_referral")
    monkeypatch.setenv("OS1_DATABASE", str(services.settings.database))
    code = await asyncio.to_thread(
        cli_main, ["--env-file", str(tmp_path / "none"), "report", "safety", "--year", "2026"])
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert report["year"] == 2026 and report["crisis_referrals"] == 2
    assert set(report) >= {"crisis_referrals", "note"}
