"""Scripting and recording types of the fake provider: chat rules, faults, recorded requests."""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from bot.testing.provider.wire import message_texts

log = logging.getLogger(__name__)

FaultKind = Literal["latency", "timeout", "429", "500", "broken_stream", "malformed"]
FAULT_KINDS: tuple[str, ...] = get_args(FaultKind)
ANY_PATH = "*"

ChatPredicate = Callable[[dict[str, Any]], bool] | str | None
ChatReply = str | Callable[[dict[str, Any]], str | Awaitable[str]]

# per-kind default for inject(seconds=None)
DEFAULT_FAULT_SECONDS: dict[str, float] = {
    "latency": 1.0,  # extra delay before answering
    "429": 0.05,  # retry-after the client is told to wait
    "500": 0.0,
    "timeout": 0.0,
    "broken_stream": 0.0,
    "malformed": 0.0,
}


@dataclass
class RecordedRequest:
    """One request as the fake provider received it.

    ``json`` is the parsed body (None when absent or not valid JSON); ``headers`` has lower-case
    names and the Authorization value redacted ("Bearer ***"); ``time`` is ``time.monotonic()`` at arrival; ``status`` is
    filled in when the answer is sent (None while in flight or when the connection was dropped);
    ``fault`` names the injected fault that hit this request, if any.
    """

    method: str
    path: str
    json: Any
    headers: dict[str, str]
    time: float
    query: dict[str, str] = field(default_factory=dict)
    status: int | None = None
    fault: str | None = None


@dataclass
class ChatRule:
    """A scripted chat answer. ``times=None`` never runs out; ``hits`` counts uses."""

    predicate: ChatPredicate
    reply: ChatReply
    times: int | None = None
    hits: int = 0

    @property
    def exhausted(self) -> bool:
        return self.times is not None and self.hits >= self.times

    def matches(self, body: dict[str, Any]) -> bool:
        if self.predicate is None:
            return True
        if isinstance(self.predicate, str):
            needle = self.predicate
            return any(needle in text for text in message_texts(body))
        return bool(self.predicate(body))


async def render_reply(reply: ChatReply, body: dict[str, Any]) -> str:
    """Turn a scripted reply (text, or a sync/async callable of the body) into text."""
    if isinstance(reply, str):
        return reply
    value = reply(body)
    if inspect.isawaitable(value):
        value = await value
    if not isinstance(value, str):
        raise TypeError(f"chat reply callable returned {type(value).__name__}, expected str")
    return value


@dataclass
class Fault:
    """An injected fault for the next ``remaining`` requests to ``path`` ("*" for any path)."""

    kind: str
    path: str
    remaining: int
    seconds: float
    should_retry: bool | None = None

    def applies_to(self, path: str) -> bool:
        return self.remaining > 0 and (self.path == ANY_PATH or self.path == path)


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in headers.items():
        key = name.lower()
        if key in ("authorization", "api-key"):
            scheme, _, secret = value.partition(" ")
            value = f"{scheme} ***" if secret else "***"
        out[key] = value
    return out
