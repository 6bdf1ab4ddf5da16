"""One outbound limiter with priorities in front of Discord's REST API.

Discord allows a bot about 50 requests per second globally. We spend a little less than that
(45 by default) so that discord.py's own 429 handling is the exception, not the rule. Waiters
are served strictly by priority, then arrival: replies to people before streaming edits before
check-ins and letters. Streaming edits coalesce on their own while they wait (the sink sends
only the latest text once it gets a token), which is how thousands of conversations degrade
gracefully: edits get rarer, replies still go out.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum


class Priority(IntEnum):
    REPLY = 0      # a first message answering a person
    NOTICE = 1     # disclosure, crisis resources, final parts of a reply
    EDIT = 2       # streaming edits (coalescing)
    BACKGROUND = 3  # check-ins, letters, alerts, typing indicators


@dataclass
class LimiterStats:
    granted: int = 0
    waited: int = 0
    max_queue: int = 0
    total_wait_s: float = 0.0


class OutboundLimiter:
    """Token bucket (rate per second, small burst) with a priority queue of waiters."""

    def __init__(
        self, rate_per_s: float = 45.0, burst: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.rate = rate_per_s
        # A small burst: rate + burst must stay within Discord's 50 per rolling second.
        self.capacity = burst if burst is not None else max(1.0, rate_per_s / 10)
        self._tokens = self.capacity
        self._clock = clock
        self._stamp = clock()
        self._heap: list[tuple[int, int, asyncio.Future[None], float]] = []
        self._seq = itertools.count()
        self._pump: asyncio.Task[None] | None = None
        self.stats = LimiterStats()

    def _refill(self) -> None:
        now = self._clock()
        self._tokens = min(self.capacity, self._tokens + (now - self._stamp) * self.rate)
        self._stamp = now

    @property
    def queued(self) -> int:
        return len(self._heap)

    def try_acquire(self) -> bool:
        """Take a token only if one is free and nobody is waiting (for best-effort calls)."""
        self._refill()
        if not self._heap and self._tokens >= 1:
            self._tokens -= 1
            self.stats.granted += 1
            return True
        return False

    async def acquire(self, priority: Priority = Priority.REPLY) -> None:
        if self.try_acquire():
            return
        fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._heap, (int(priority), next(self._seq), fut, self._clock()))
        self.stats.waited += 1
        self.stats.max_queue = max(self.stats.max_queue, len(self._heap))
        if self._pump is None or self._pump.done():
            self._pump = asyncio.create_task(self._run(), name="outbound-limiter")
        try:
            await fut
        except asyncio.CancelledError:
            if not fut.cancelled() and fut.done():
                # We were granted a token but cancelled before using it: give it back.
                self._tokens = min(self.capacity, self._tokens + 1)
            raise

    async def _run(self) -> None:
        while self._heap:
            self._refill()
            while self._heap and self._tokens >= 1:
                _, _, fut, since = heapq.heappop(self._heap)
                if fut.done():  # cancelled waiter
                    continue
                self._tokens -= 1
                self.stats.granted += 1
                self.stats.total_wait_s += self._clock() - since
                fut.set_result(None)
            if self._heap:
                await asyncio.sleep(max((1 - self._tokens) / self.rate, 0.001))

    async def close(self) -> None:
        if self._pump is not None:
            self._pump.cancel()
            try:
                await self._pump
            except asyncio.CancelledError:
                pass
        for _, _, fut, _ in self._heap:
            if not fut.done():
                fut.cancel()
        self._heap.clear()
