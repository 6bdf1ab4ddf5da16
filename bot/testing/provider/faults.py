"""How the fake provider answers a request that an injected fault hit."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from bot.testing.provider import wire
from bot.testing.provider.scripting import Fault, RecordedRequest

log = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
Pause = Callable[[float], Awaitable[bool]]


@dataclass
class Exchange:
    """Per-request state shared between the middleware and the handlers."""

    record: RecordedRequest
    request_id: str
    body: Any = None
    fault: Fault | None = None
    dropped: bool = False
    extra_headers: dict[str, str] = field(default_factory=dict)


EXCHANGE = web.RequestKey("exchange", Exchange)


def drop_connection(request: web.BaseRequest) -> None:
    """Abort the TCP connection under ``request`` without a proper HTTP ending."""
    transport = request.transport
    if transport is not None:
        transport.abort()


def drop(request: web.Request, exchange: Exchange) -> web.Response:
    """Abort the connection; the returned response is never sent (aiohttp needs one)."""
    exchange.dropped = True
    drop_connection(request)
    return web.Response(status=503)


def retry_after_headers(seconds: float) -> dict[str, str]:
    """``retry-after-ms`` (preferred by the openai client) and ``retry-after`` in seconds."""
    whole = float(seconds).is_integer()
    return {
        "retry-after-ms": str(max(0, round(seconds * 1000))),
        "retry-after": str(int(seconds)) if whole else f"{seconds:g}",
    }


async def apply(
    request: web.Request,
    handler: Handler,
    exchange: Exchange,
    fault: Fault,
    *,
    pause: Pause,
    closing: asyncio.Event,
) -> web.StreamResponse:
    """Answer ``request`` as ``fault`` dictates (see ``FakeProvider.inject``)."""
    exchange.fault = fault
    exchange.record.fault = fault.kind
    if fault.should_retry is not None:
        exchange.extra_headers["x-should-retry"] = "true" if fault.should_retry else "false"
    if fault.kind == "latency":
        if not await pause(fault.seconds):
            return drop(request, exchange)
        return await handler(request)
    if fault.kind == "timeout":
        await closing.wait()  # or cancelled earlier, when the client disconnects
        return drop(request, exchange)
    if fault.kind == "429":
        exchange.extra_headers.update(retry_after_headers(fault.seconds))
        return wire.error_response(
            429,
            "Rate limit reached for requests (fake provider). Please try again shortly.",
            type_="requests",
            code="rate_limit_exceeded",
        )
    if fault.kind == "500":
        if fault.seconds > 0:
            exchange.extra_headers.update(retry_after_headers(fault.seconds))
        return wire.error_response(
            500,
            "The server had an error while processing your request. Sorry about that!",
            type_="server_error",
        )
    response = await handler(request)  # broken_stream / malformed
    if response.prepared or not isinstance(response, web.Response):
        return response  # a stream: the handler applied the fault itself
    payload = response.body if isinstance(response.body, bytes) else b""
    if fault.kind == "malformed":
        response.body = payload[: max(1, len(payload) // 2)]
        return response
    return await _send_half_then_abort(request, exchange, response, payload)


async def _send_half_then_abort(
    request: web.Request, exchange: Exchange, response: web.Response, payload: bytes
) -> web.StreamResponse:
    partial = web.StreamResponse(status=response.status, headers=response.headers)
    partial.headers["x-request-id"] = exchange.request_id
    partial.content_length = len(payload)
    await partial.prepare(request)
    await partial.write(payload[: len(payload) // 2])
    exchange.dropped = True
    drop_connection(request)
    return partial
