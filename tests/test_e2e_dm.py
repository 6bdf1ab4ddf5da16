"""End to end: the real discord.py client talks to the loopback Discord; the real openai client
talks to the fake provider. A user DMs their companion and the reply streams back."""

from __future__ import annotations

import asyncio

from bot.app.client import OS1Bot
from bot.services import build_services
from bot.testing.config import make_settings
from bot.testing.discord.client import connected_client

LONG = " ".join(f"This is sentence number {i} of a long and thoughtful reply." for i in range(60))


async def onboarded(services, fake_discord, name="alice") -> dict:
    user = fake_discord.find_user(name)
    await services.onboarding.complete(int(user["id"]), name, {"age": "25-34"}, "os1")
    return user


def bot_messages(fake_discord, channel_id):
    bot_id = str(fake_discord.bot_user_id)
    return [m for m in fake_discord.channel_messages(channel_id) if str(m["author"]["id"]) == bot_id]


async def test_dm_gets_a_streamed_reply_without_mentions(os1, services, fake_discord, fake_provider):
    user = await onboarded(services, fake_discord)
    fake_provider.default_reply("Hello @everyone, <@123> — I'm right here with you, always curious.")
    fake_provider.stream_chunk_delay = 0.12  # ~2 s of streaming
    sent = await fake_discord.user_dms(user["id"], "hi, are you there?")
    channel = sent["channel_id"]
    await fake_discord.wait_until(
        lambda: any("always curious." in m["content"] for m in bot_messages(fake_discord, channel)),
        timeout=10, what="the final reply")
    await services.conversations.drain()
    replies = bot_messages(fake_discord, channel)
    final = [m for m in replies if "always curious." in m["content"]]
    assert len(final) == 1
    reply = final[0]
    assert reply["content"] == "Hello @everyone, <@123> — I'm right here with you, always curious."
    assert reply["edit_count"] >= 1  # it streamed as edits of one message
    # At most about one edit per second for this message.
    edits = [r for r in fake_discord.requests_to("PATCH", f"/channels/{channel}/messages/{reply['id']}")]
    times = [r.time for r in edits]
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert all(g >= 0.9 for g in gaps), gaps
    # Every send and edit carried AllowedMentions.none(), and nobody was pinged.
    for rec in fake_discord.requests:
        if rec.method in ("POST", "PATCH") and "/messages" in rec.path and isinstance(rec.json, dict):
            if "content" in rec.json:
                assert rec.json.get("allowed_mentions") == {"parse": []}, rec.path
    assert reply["mentions"] == [] and not reply.get("mention_everyone")
    # Typing indicator was shown while waiting.
    assert fake_discord.requests_to("POST", f"/channels/{channel}/typing")


async def test_long_reply_is_split_at_2000_characters(os1, services, fake_discord, fake_provider):
    user = await onboarded(services, fake_discord)
    fake_provider.default_reply(LONG)
    sent = await fake_discord.user_dms(user["id"], "tell me everything")
    channel = sent["channel_id"]
    await fake_discord.wait_until(
        lambda: any(m["content"].endswith("reply.") and "number 59" in m["content"]
                    for m in bot_messages(fake_discord, channel)), timeout=10)
    await services.conversations.drain()
    parts = [m for m in bot_messages(fake_discord, channel) if "sentence number" in m["content"]]
    assert len(parts) >= 2
    assert all(len(m["content"]) <= 2000 for m in parts)
    assert " ".join(m["content"] for m in parts).split() == LONG.split()


async def test_bots_and_webhooks_are_ignored(os1, services, fake_discord, fake_provider):
    other_bot = fake_discord.add_user("robot", bot=True)
    await fake_discord.user_dms(other_bot["id"], "beep")
    await asyncio.sleep(0.3)
    assert fake_provider.chat_requests() == []


async def test_provider_timeout_gives_a_kind_message(fake_discord, fake_provider, tmp_path, clock):
    settings = make_settings(fake_provider, tmp_path, OS1_MODEL_TIMEOUT="1", OS1_MODEL_MAX_RETRIES="0")
    async with build_services(settings, clock=clock) as services:
        user = await onboarded(services, fake_discord)
        fake_provider.inject("timeout")
        async with connected_client(fake_discord, OS1Bot(services)):
            sent = await fake_discord.user_dms(user["id"], "hello?")
            msg = await fake_discord.wait_for_message(
                sent["channel_id"], lambda m: "train of thought" in m["content"], timeout=10)
            assert msg["content"] == "I lost my train of thought — say that again?"
            await services.conversations.drain()


async def test_discord_429_is_retried_and_the_reply_delivered_once(os1, services, fake_discord,
                                                                     fake_provider):
    user = await onboarded(services, fake_discord)
    fake_provider.default_reply("Just once, please.")
    dm = fake_discord.dm_channel_for(user["id"])
    fake_discord.fail_next("POST", f"/channels/{dm['id']}/messages", status=429, retry_after=0.2)
    await fake_discord.user_dms(user["id"], "say it once")
    await fake_discord.wait_for_message(dm["id"], lambda m: m["content"] == "Just once, please.",
                                        timeout=10)
    await services.conversations.drain()
    await asyncio.sleep(0.3)
    assert [m["content"] for m in bot_messages(fake_discord, dm["id"])].count("Just once, please.") == 1
    assert fake_discord.rate_limited_count >= 1


async def test_discord_500_is_retried(os1, services, fake_discord, fake_provider):
    user = await onboarded(services, fake_discord)
    fake_provider.default_reply("Still here.")
    dm = fake_discord.dm_channel_for(user["id"])
    fake_discord.fail_next("POST", f"/channels/{dm['id']}/messages", status=500)
    await fake_discord.user_dms(user["id"], "hello")
    await fake_discord.wait_for_message(dm["id"], lambda m: m["content"] == "Still here.", timeout=15)


async def test_history_survives_a_restart_of_the_bot(fake_discord, fake_provider, tmp_path, clock):
    settings = make_settings(fake_provider, tmp_path)
    async with build_services(settings, clock=clock) as services:
        user = await onboarded(services, fake_discord)
        async with connected_client(fake_discord, OS1Bot(services)):
            sent = await fake_discord.user_dms(user["id"], "My cat is called Miso.")
            await fake_discord.wait_until(lambda: len(fake_provider.chat_requests()) >= 1)
            await services.conversations.drain()
    async with build_services(settings, clock=clock) as services:
        async with connected_client(fake_discord, OS1Bot(services)):
            await fake_discord.user_dms(user["id"], "What's my cat called?")
            await fake_discord.wait_until(lambda: len(fake_provider.chat_requests()) >= 2)
            await services.conversations.drain()
    contents = [m["content"] for m in fake_provider.chat_requests()[-1]["messages"]]
    assert "My cat is called Miso." in contents
    assert sent["channel_id"]


async def test_first_dm_starts_onboarding_and_keeps_the_message(os1, services, fake_discord,
                                                                  fake_provider):
    user = fake_discord.find_user("alice")
    sent = await fake_discord.user_dms(user["id"], "hello?")
    msg = await fake_discord.wait_for_message(sent["channel_id"],
                                              lambda m: "get to know you" in m["content"])
    assert msg["components"]  # Begin / Skip buttons
    stored = await services.store.messages.recent(int(user["id"]), "dm", 5)
    assert [m.content for m in stored] == ["hello?"]
    assert fake_provider.chat_requests() == []


async def test_unknown_text_command_gets_a_hint(os1, services, fake_discord, fake_provider):
    user = await onboarded(services, fake_discord)
    sent = await fake_discord.user_dms(user["id"], "!os1 frobnicate")
    msg = await fake_discord.wait_for_message(sent["channel_id"],
                                              lambda m: "don't know that one" in m["content"])
    assert msg["content"].startswith("I don't know that one")
    assert fake_provider.chat_requests() == []  # not treated as a conversation message


async def test_non_owner_cannot_sync(os1, services, fake_discord, fake_provider):
    user = await onboarded(services, fake_discord)
    await fake_discord.user_dms(user["id"], "!os1 sync")
    await asyncio.sleep(0.5)
    assert not [r for r in fake_discord.requests if r.method == "PUT" and r.path.endswith("/commands")]


async def test_dropped_gateway_resumes_and_keeps_answering(os1, services, fake_discord,
                                                           fake_provider):
    user = await onboarded(services, fake_discord)
    fake_provider.default_reply("Still with you.")
    await fake_discord.drop_socket()
    await fake_discord.wait_until_connected(timeout=15, resumes=1)
    sent = await fake_discord.user_dms(user["id"], "did you miss me?")
    msg = await fake_discord.wait_for_message(sent["channel_id"],
                                              lambda m: m["content"] == "Still with you.", timeout=15)
    assert msg["content"] == "Still with you."
    await services.conversations.drain()


async def test_huge_and_attachment_only_messages_are_answered(os1, services, fake_discord,
                                                              fake_provider):
    user = await onboarded(services, fake_discord)
    fake_provider.default_reply("I read all of it.")
    huge = ("I need to tell you everything that happened this week. " * 70)[:4000]
    sent = await fake_discord.user_dms(user["id"], huge)
    await fake_discord.wait_for_message(sent["channel_id"], lambda m: m["content"] == "I read all of it.",
                                        timeout=15)
    await services.conversations.drain()
    users = [m["content"] for m in fake_provider.chat_requests()[-1]["messages"] if m["role"] == "user"]
    assert users[-1] == huge.strip()
    fake_provider.default_reply("What a photo!")
    sent = await fake_discord.user_dms(user["id"], "", attachments=[("beach.jpg", b"\xff\xd8fake")])
    await fake_discord.wait_for_message(sent["channel_id"], lambda m: m["content"] == "What a photo!",
                                        timeout=15)
    await services.conversations.drain()
    users = [m["content"] for m in fake_provider.chat_requests()[-1]["messages"] if m["role"] == "user"]
    assert "beach.jpg" in users[-1]


async def test_a_flurry_of_messages_is_answered_without_dropping_any(os1, services, fake_discord,
                                                                     fake_provider):
    user = await onboarded(services, fake_discord)
    fake_provider.default_reply("Got all of that.")
    fake_provider.latency = 0.3
    for i in range(8):
        await fake_discord.user_dms(user["id"], f"part {i}")
    await fake_discord.wait_until(lambda: len(fake_provider.chat_requests()) >= 1)
    await asyncio.sleep(1.0)
    await services.conversations.drain()
    seen = set()
    for body in fake_provider.chat_requests():
        seen |= {m["content"] for m in body["messages"] if m["role"] == "user"}
    assert {f"part {i}" for i in range(8)} <= seen
    assert len(fake_provider.chat_requests()) < 8  # late messages were folded together
