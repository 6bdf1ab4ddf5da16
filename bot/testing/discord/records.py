"""What the fake Discord remembers about the traffic it served: requests, files, gateway frames.

Also holds ``ChangeNotifier``, the small broadcast primitive the ``wait_for_*`` helpers use.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from aiohttp import web

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(slots=True)
class RecordedFile:
    """One file part of a multipart request (``files[0]`` ...)."""

    field: str
    filename: str
    content_type: str
    data: bytes


@dataclass(slots=True)
class RecordedRequest:
    """One REST request as the fake received and answered it.

    ``path`` and ``route`` are relative to ``/api/v10``. ``route`` is the template, e.g.
    ``"POST /channels/{channel_id}/messages"``. The Authorization header value is never stored;
    ``authorized`` says whether a ``Bot ...`` token was presented.
    """

    method: str
    path: str
    route: str
    params: dict[str, str]
    query: dict[str, str]
    json: Any
    files: list[RecordedFile]
    headers: dict[str, str]
    authorized: bool
    time: float
    status: int | None = None
    response_json: Any = None
    response_headers: dict[str, str] = field(default_factory=dict)
    responded_at: float | None = None
    unknown: bool = False
    fault: str | None = None  # "injected" | "global_rate_limit" | "bucket_rate_limit" | "internal"

    @property
    def is_global_rate_limited(self) -> bool:
        return self.fault == "global_rate_limit"

    def matches(self, method: str, route_or_path: str) -> bool:
        """True if the method matches and ``route_or_path`` equals the route template or path."""
        if method != "*" and method.upper() != self.method:
            return False
        return route_or_path in (self.route.split(" ", 1)[1], self.path)


RECORD_KEY = web.RequestKey("fake_discord_record", RecordedRequest)


def record_of(request: web.Request) -> RecordedRequest:
    """The ``RecordedRequest`` the middleware attached to this request."""
    return request[RECORD_KEY]


@dataclass(slots=True)
class GatewayFrame:
    """One gateway frame. Incoming frames keep their ``d`` (tokens redacted); outgoing keep op/t/s."""

    direction: str  # "in" | "out"
    op: int
    t: str | None
    s: int | None
    d: Any
    session_id: str | None
    time: float


@dataclass(slots=True)
class SentModal:
    """A modal the bot opened with callback type 9."""

    interaction_id: int
    data: dict[str, Any]


class ChangeNotifier:
    """Wakes every waiter whenever ``notify()`` is called; waiters re-check their condition."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        event, self._event = self._event, asyncio.Event()
        event.set()

    async def wait_until(self, check: Callable[[], T | None], timeout: float, what: str) -> T:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            result = check()
            if result is not None:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(
                    f"fake discord: timed out after {timeout:.1f}s waiting for {what}"
                )
            event = self._event
            try:
                await asyncio.wait_for(event.wait(), remaining)
            except TimeoutError:
                pass


@dataclass(slots=True)
class Counters:
    """Numbers a benchmark wants without scanning ``requests``."""

    requests: int = 0
    authorized_requests: int = 0
    rate_limited: int = 0
    global_rate_limited: int = 0
    bucket_rate_limited: int = 0
    injected_faults: int = 0
    unknown_routes: int = 0
    internal_errors: int = 0
    by_route: dict[str, int] = field(default_factory=dict)
