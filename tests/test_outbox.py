"""The durable outbox over the loopback Discord: once per key, once across a crash."""

from __future__ import annotations

import asyncio

from bot.app.limiter import Priority


def dispatcher(os1):
    return os1.get_cog("Outbox").dispatcher


async def test_same_key_is_delivered_once(os1, services, fake_discord):
    guild = fake_discord.find_guild("OS1 Test Guild")
    channel = fake_discord.find_channel(guild["id"], "general")
    d = dispatcher(os1)
    assert await d.enqueue("hello:1", "test", {"content": "Hello, once."}, channel_id=int(channel["id"]))
    assert not await d.enqueue("hello:1", "test", {"content": "Hello, once."},
                               channel_id=int(channel["id"]))
    await fake_discord.wait_for_message(channel["id"], lambda m: m["content"] == "Hello, once.")
    await d.drain_once()
    sent = [m for m in fake_discord.channel_messages(channel["id"]) if m["content"] == "Hello, once."]
    assert len(sent) == 1
    assert (await services.store.ops.outbox_states()) == {"sent": 1}


async def test_crash_between_send_and_mark_does_not_duplicate(os1, services, fake_discord, clock):
    guild = fake_discord.find_guild("OS1 Test Guild")
    channel = fake_discord.find_channel(guild["id"], "general")
    d = dispatcher(os1)
    await d.enqueue("letter:7", "letter", {"content": "A letter, exactly once."},
                    channel_id=int(channel["id"]), priority=Priority.BACKGROUND)
    await fake_discord.wait_for_message(channel["id"], lambda m: "exactly once" in m["content"])
    await d.drain_once()
    # The process "died" after Discord accepted the send but before the row was marked sent.
    await services.store.db.write(
        "UPDATE outbox SET state = 'sending', lease_until = ? WHERE dedup_key = 'letter:7'",
        ((clock.now()).isoformat(),))
    clock.advance(minutes=5)  # the lease lapses
    await d.drain_once()
    sent = [m for m in fake_discord.channel_messages(channel["id"]) if "exactly once" in m["content"]]
    assert len(sent) == 1  # resent with the same nonce; Discord kept one
    assert (await services.store.ops.outbox_states()) == {"sent": 1}


async def test_undeliverable_gives_up_and_server_errors_retry(os1, services, fake_discord, clock):
    guild = fake_discord.find_guild("OS1 Test Guild")
    channel = fake_discord.find_channel(guild["id"], "general")
    d = dispatcher(os1)
    fake_discord.fail_next("POST", f"/channels/{channel['id']}/messages", status=403)
    await d.enqueue("closed:1", "test", {"content": "nobody home"}, channel_id=int(channel["id"]))
    for _ in range(100):
        states = await services.store.ops.outbox_states()
        if states.get("failed"):
            break
        await asyncio.sleep(0.05)
    assert states == {"failed": 1}  # DMs closed / no access: given up, not retried forever
