"""The bot's own time per DM turn, against the loopback fakes (model latency excluded).

For each of N sequential turns a user DMs the bot through the loopback Discord; we time from
just before the gateway dispatch to (a) the bot's first REST call for that turn (the typing
indicator) and (b) its first reply message (POST), with the fake model answering instantly, so
(b) is everything the bot does per turn: parse, persist, risk check, recall, prompt assembly,
the HTTP round trip to the provider, and the send. The outbound limiter is set high so that
queueing for Discord's rate limit (a separate benchmark concern) doesn't hide the overhead.

    python benchmarks/turn_overhead.py [--turns 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.app.client import OS1Bot  # noqa: E402
from bot.app.limiter import OutboundLimiter  # noqa: E402
from bot.core.memory.evalmetrics import percentile  # noqa: E402
from bot.services import build_services  # noqa: E402
from bot.testing.config import make_settings  # noqa: E402
from bot.testing.discord import FakeDiscord, connected_client  # noqa: E402
from bot.testing.provider import FakeProvider  # noqa: E402

TOPICS = ["my sister", "the garden", "work today", "a film I saw", "my run this morning",
          "the new flat", "my dog Pepper", "a book about whales", "dinner plans", "the exam"]


def stats(values: list[float]) -> dict[str, float]:
    return {"p50": round(percentile(values, 50), 3), "p99": round(percentile(values, 99), 3),
            "max": round(max(values), 3)}


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--turns", type=int, default=1000)
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    async with FakeDiscord() as discord_fake, FakeProvider() as provider:
        discord_fake.global_rate_limit = False
        provider.default_reply("Tell me more about that.")
        user = discord_fake.add_user("theo")
        uid = int(user["id"])
        channel = discord_fake.dm_channel_for(uid)["id"]
        with tempfile.TemporaryDirectory() as tmp:
            settings = make_settings(provider, Path(tmp), OS1_LOG_LEVEL="ERROR")
            async with build_services(settings) as services:
                services.limiter = OutboundLimiter(rate_per_s=100_000, burst=10_000)
                await services.onboarding.complete(uid, "theo", {"age": "25-34"}, "os1")
                bot = OS1Bot(services)
                async with connected_client(discord_fake, bot):
                    first_rest, first_reply = [], []
                    for i in range(args.turns):
                        discord_fake.clear_requests()
                        text = f"Thinking about {TOPICS[i % len(TOPICS)]} again ({i})"
                        t0 = time.monotonic()
                        await discord_fake.user_dms(uid, text)
                        post = await discord_fake.wait_for_request(
                            lambda r: r.method == "POST" and r.path.endswith(f"/channels/{channel}/messages"),
                            timeout=10)
                        rest = [r for r in discord_fake.requests if "/channels/" in r.path]
                        first_rest.append((min(r.time for r in rest) - t0) * 1000)
                        first_reply.append((post.time - t0) * 1000)
                        await services.conversations.drain()
                    await services.companions.idle()
    print(json.dumps({
        "turns": args.turns,
        "receive_to_first_rest_call_ms": stats(first_rest),
        "receive_to_first_reply_message_ms": stats(first_reply),
        "note": "model latency 0 (fake provider); limiter set high; includes loopback HTTP "
                "to the fake provider and the gateway hop",
    }))


if __name__ == "__main__":
    asyncio.run(main())
