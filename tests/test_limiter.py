import asyncio
import time

from bot.app.limiter import OutboundLimiter, Priority


async def test_rate_is_respected():
    limiter = OutboundLimiter(rate_per_s=100, burst=5)
    start = time.monotonic()
    await asyncio.gather(*(limiter.acquire(Priority.REPLY) for _ in range(55)))
    elapsed = time.monotonic() - start
    assert elapsed >= 0.45  # 50 tokens beyond the burst at 100/s
    assert limiter.stats.granted == 55
    await limiter.close()


async def test_priorities_are_served_first():
    limiter = OutboundLimiter(rate_per_s=50, burst=1)
    await limiter.acquire()  # drain the burst
    order: list[str] = []

    async def take(name: str, prio: Priority) -> None:
        await limiter.acquire(prio)
        order.append(name)

    tasks = [asyncio.create_task(take(f"bg{i}", Priority.BACKGROUND)) for i in range(3)]
    await asyncio.sleep(0)
    tasks += [asyncio.create_task(take(f"reply{i}", Priority.REPLY)) for i in range(3)]
    await asyncio.gather(*tasks)
    assert order[:3] == ["reply0", "reply1", "reply2"]
    await limiter.close()


async def test_cancelled_waiter_does_not_leak_a_token():
    limiter = OutboundLimiter(rate_per_s=10, burst=1)
    await limiter.acquire()
    waiter = asyncio.create_task(limiter.acquire())
    await asyncio.sleep(0)
    waiter.cancel()
    await asyncio.gather(waiter, return_exceptions=True)
    await asyncio.wait_for(limiter.acquire(), 1)
    await limiter.close()
