"""Rate limits and injected faults, answered the way discord.py 2.7.1 expects.

discord.py only retries a 429 when the response has a ``Via`` header and a JSON body with
``retry_after`` (``global`` decides whether it pauses every request); otherwise it raises.
"""

from __future__ import annotations

import fnmatch
import logging
import math
import re
import time
from collections import deque
from dataclasses import dataclass

from aiohttp import web

from .ids import bucket_hash
from .wire import json_response

log = logging.getLogger(__name__)

MAJOR_PARAMS = (
    "channel_id",
    "guild_id",
    "webhook_id",
    "webhook_token",
    "interaction_id",
    "interaction_token",
)


def rate_limited_response(
    retry_after: float, *, is_global: bool, scope: str = "user"
) -> web.Response:
    retry_after = round(max(retry_after, 0.001), 3)
    headers = {
        "Via": "1.1 google",
        "Retry-After": str(max(1, math.ceil(retry_after))),
        "X-RateLimit-Scope": "global" if is_global else scope,
    }
    if is_global:
        headers["X-RateLimit-Global"] = "true"
    body = {
        "message": "You are being rate limited.",
        "retry_after": retry_after,
        "global": is_global,
    }
    return json_response(body, status=429, headers=headers)


class GlobalLimiter:
    """At most ``per_second`` accepted requests in any rolling second."""

    def __init__(self, per_second: int) -> None:
        self.per_second = per_second
        self.enabled = True
        self._accepted: deque[float] = deque()

    def try_acquire(self, now: float) -> float | None:
        """Record a request; returns ``None`` if allowed, else the seconds to wait.

        The wait is until the whole current window has drained (not just its oldest slot):
        discord.py retries every rate-limited request after the same ``retry_after``, so a
        herd woken when a single slot frees would mostly be limited again and could exhaust
        discord.py's five tries. Draining the window lets up to ``per_second`` of them through.
        """
        if not self.enabled:
            return None
        window_start = now - 1.0
        while self._accepted and self._accepted[0] <= window_start:
            self._accepted.popleft()
        if len(self._accepted) < self.per_second:
            self._accepted.append(now)
            return None
        return self._accepted[-1] + 1.0 - now


@dataclass(slots=True)
class _Window:
    started: float
    count: int = 0


@dataclass(slots=True)
class BucketState:
    limit: int
    remaining: int
    reset_after: float
    bucket: str
    exceeded: bool

    def headers(self) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": f"{time.time() + self.reset_after:.3f}",
            "X-RateLimit-Reset-After": f"{self.reset_after:.3f}",
            "X-RateLimit-Bucket": self.bucket,
        }


class Buckets:
    """Per-route buckets (route template + major parameters), fixed windows like Discord's."""

    def __init__(self, limit: int, window_s: float) -> None:
        self.limit = limit
        self.window_s = window_s
        self._windows: dict[str, _Window] = {}

    def hit(self, route: str, params: dict[str, str], now: float) -> BucketState:
        major = ":".join(params[k] for k in MAJOR_PARAMS if k in params)
        key = f"{route}|{major}"
        window = self._windows.get(key)
        if window is None or now - window.started >= self.window_s:
            window = self._windows[key] = _Window(started=now)
        reset_after = max(window.started + self.window_s - now, 0.0)
        exceeded = window.count >= self.limit
        if not exceeded:
            window.count += 1
        return BucketState(
            limit=self.limit,
            remaining=max(self.limit - window.count, 0),
            reset_after=reset_after,
            bucket=bucket_hash(route),
            exceeded=exceeded,
        )


@dataclass
class Fault:
    method: str
    pattern: str | re.Pattern[str]
    status: int
    count: int
    retry_after: float | None
    is_global: bool

    def matches(self, method: str, path: str, route_template: str) -> bool:
        if self.method != "*" and self.method.upper() != method:
            return False
        if isinstance(self.pattern, re.Pattern):
            return bool(self.pattern.search(path))
        return self.pattern == route_template or fnmatch.fnmatchcase(path, self.pattern)

    def response(self) -> web.Response:
        if self.status == 429:
            retry = self.retry_after if self.retry_after is not None else 0.05
            return rate_limited_response(retry, is_global=self.is_global)
        body = {"message": f"{self.status}: injected fault", "code": 0}
        headers = {"Retry-After": str(self.retry_after)} if self.retry_after is not None else None
        return json_response(body, status=self.status, headers=headers)


class FaultInjector:
    def __init__(self) -> None:
        self._faults: list[Fault] = []

    def add(self, fault: Fault) -> None:
        self._faults.append(fault)

    def take(self, method: str, path: str, route_template: str) -> Fault | None:
        for fault in self._faults:
            if fault.matches(method, path, route_template):
                fault.count -= 1
                if fault.count <= 0:
                    self._faults.remove(fault)
                return fault
        return None

    def clear(self) -> None:
        self._faults.clear()

    @property
    def pending(self) -> int:
        return sum(f.count for f in self._faults)
