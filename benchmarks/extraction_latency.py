"""Reply time with background memory extraction on and off.

The fake provider answers chat replies after 50 ms and extraction requests after 400 ms (a
slow model doing the heavier job). If extraction ran inline, every reply would take ~450 ms;
run in the background, reply time should not change. Prints JSON.

    python benchmarks/extraction_latency.py [--turns 40]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.core.clock import ManualClock  # noqa: E402
from bot.core.memory.evalmetrics import percentile  # noqa: E402
from bot.core.memory.extraction import TASK_MARKER  # noqa: E402
from bot.core.models import DM_SCOPE, Turn  # noqa: E402
from bot.services import build_services  # noqa: E402
from bot.testing.config import make_settings  # noqa: E402
from bot.testing.provider import FakeProvider  # noqa: E402
from bot.testing.sinks import RecordingSink  # noqa: E402

FACT = '{"operations": [{"op": "add", "fact": "Theo has a dog called Pepper.", "sources": []}]}'


async def slow_fact(body: dict) -> str:
    await asyncio.sleep(0.4)
    return FACT


async def run(extraction: bool, turns: int) -> dict[str, float]:
    async with FakeProvider() as fake:
        fake.on_chat(TASK_MARKER, slow_fact)
        fake.on_chat(None, lambda body: (time.sleep(0) or "That sounds lovely — tell me more."))
        fake.latency = 0.05
        with tempfile.TemporaryDirectory() as tmp:
            settings = make_settings(fake, Path(tmp), OS1_MEMORY_EXTRACTION=str(extraction).lower())
            clock = ManualClock()
            async with build_services(settings, clock=clock) as svc:
                await svc.onboarding.complete(1, "Theo", {"age": "25-34"}, "os1")
                times = []
                for i in range(turns):
                    clock.advance(minutes=1)
                    t0 = time.perf_counter()
                    await svc.conversations.submit(
                        Turn(user_id=1, text=f"My dog Pepper did something funny #{i}",
                             scope=DM_SCOPE, display_name="Theo"), RecordingSink())
                    times.append((time.perf_counter() - t0) * 1000)
                await svc.companions.idle()
                facts = await svc.store.memories.count(1)
        extraction_calls = sum(1 for b in fake.chat_requests()
                               if TASK_MARKER in b["messages"][0]["content"])
    return {"reply_ms_p50": round(percentile(times, 50), 1),
            "reply_ms_p95": round(percentile(times, 95), 1),
            "extraction_calls": extraction_calls, "facts_stored": facts}


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--turns", type=int, default=40)
    args = parser.parse_args()
    off = await run(False, args.turns)
    on = await run(True, args.turns)
    print(json.dumps({"turns": args.turns, "model_latency_ms": 50, "extraction_latency_ms": 400,
                      "extraction_off": off, "extraction_on": on}))


if __name__ == "__main__":
    asyncio.run(main())
