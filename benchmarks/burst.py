"""Many people at once: N users DM at the same moment, Discord enforces 50 requests/s.

Every user must get exactly one complete reply (nothing dropped, nothing doubled); we report
how long people waited for the first words and the whole reply, how many edits the limiter let
through, and how many 429s Discord had to send. The fake model streams each reply over ~2 s.

    python benchmarks/burst.py [--users 300]
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
from bot.core.memory.evalmetrics import percentile  # noqa: E402
from bot.services import build_services  # noqa: E402
from bot.testing.config import make_settings  # noqa: E402
from bot.testing.discord import FakeDiscord, connected_client  # noqa: E402
from bot.testing.provider import FakeProvider  # noqa: E402

REPLY = "I'm glad you wrote. " + " ".join(["Tell me more about your day and what it held."] * 3)


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=300)
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    async with FakeDiscord() as fake, FakeProvider() as provider:
        provider.default_reply(REPLY)
        provider.stream_chunk_delay = 0.06  # ~2 s per reply
        users = [fake.add_user(f"user{i}") for i in range(args.users)]
        with tempfile.TemporaryDirectory() as tmp:
            settings = make_settings(provider, Path(tmp), OS1_LOG_LEVEL="ERROR")
            async with build_services(settings) as services:
                for u in users:
                    await services.onboarding.complete(int(u["id"]), u["username"],
                                                       {"age": "25-34"}, "os1")
                async with connected_client(fake, OS1Bot(services), timeout=30):
                    fake.clear_requests()
                    t0 = time.monotonic()
                    sent = await asyncio.gather(*(fake.user_dms(u["id"], "hi!") for u in users))
                    channels = {str(s["channel_id"]) for s in sent}

                    def done() -> bool:
                        return all(any(m["content"] == REPLY for m in fake.channel_messages(c))
                                   for c in channels)

                    await fake.wait_until(lambda: done() or None, timeout=600, what="all replies")
                    total = time.monotonic() - t0
                    await services.conversations.drain()
                    first, complete, edits, dupes = [], [], 0, 0
                    for c in channels:
                        posts = [r for r in fake.requests if r.method == "POST"
                                 and r.path.endswith(f"/channels/{c}/messages") and r.status == 200]
                        patches = [r for r in fake.requests if r.method == "PATCH"
                                   and f"/channels/{c}/messages/" in r.path and r.status == 200]
                        first.append(min(r.time for r in posts) - t0)
                        finals = [r.time for r in posts + patches
                                  if isinstance(r.json, dict) and r.json.get("content") == REPLY]
                        complete.append(min(finals) - t0)
                        edits += len(patches)
                        dupes += sum(1 for m in fake.channel_messages(c) if m["content"] == REPLY) - 1
                    limiter = services.limiter.stats
    print(json.dumps({
        "users": args.users,
        "all_replied": len(channels) == args.users,
        "duplicate_replies": dupes,
        "seconds_until_all_complete": round(total, 1),
        "first_words_s": {"p50": round(percentile(first, 50), 2), "p99": round(percentile(first, 99), 2)},
        "complete_reply_s": {"p50": round(percentile(complete, 50), 2),
                             "p99": round(percentile(complete, 99), 2)},
        "edits_per_reply": round(edits / args.users, 2),
        "discord_429s": fake.rate_limited_count,
        "limiter_max_queue": limiter.max_queue,
    }))


if __name__ == "__main__":
    asyncio.run(main())
