"""FakeProvider: a loopback, scriptable, fault-injecting OpenAI-compatible HTTP server.

The unmodified ``openai.AsyncOpenAI(base_url=fake.base_url, api_key="test")`` works against it.
See ``bot/testing/provider/__init__.py`` for the overview.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import time
from collections.abc import Iterable, Sequence
from types import TracebackType
from typing import Any, Self

from aiohttp import web

from bot.testing.provider import endpoints, faults, moderation, wire
from bot.testing.provider.embedding import DEFAULT_DIM, hashed_embedding
from bot.testing.provider.faults import EXCHANGE, Exchange
from bot.testing.provider.scripting import (
    ANY_PATH,
    DEFAULT_FAULT_SECONDS,
    FAULT_KINDS,
    ChatPredicate,
    ChatReply,
    ChatRule,
    Fault,
    FaultKind,
    RecordedRequest,
    redact_headers,
    render_reply,
)

log = logging.getLogger(__name__)

CHAT_PATH = "/v1/chat/completions"
SHUTDOWN_TIMEOUT = 0.25


class FakeProvider:
    """A fake OpenAI provider on 127.0.0.1. Use ``async with FakeProvider() as fake:``."""

    def __init__(
        self,
        *,
        models: Sequence[str] = ("os1-test-model",),
        embedding_dim: int = DEFAULT_DIM,
        api_key: str | None = None,
    ) -> None:
        self.models: list[str] = list(models)
        self.embedding_dim = embedding_dim
        self.api_key = api_key  # when set, other keys get 401 invalid_api_key
        self.latency: float = 0.0  # seconds before every chat answer
        self.stream_chunk_delay: float = 0.0  # seconds between SSE chunks
        self.self_harm_phrases: list[str] = list(moderation.DEFAULT_SELF_HARM_PHRASES)
        self.requests: list[RecordedRequest] = []
        self.in_flight = 0
        self.peak_in_flight = 0
        self._chat_rules: list[ChatRule] = []
        self._moderation_rules: list[moderation.ModerationRule] = []
        self._faults: list[Fault] = []
        self._default_reply: ChatReply | None = None  # None: the echo responder
        self._ids = itertools.count(1)
        self._created = int(time.time())
        self._closing = asyncio.Event()
        self._arrived = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._base_url: str | None = None

    # ---------------------------------------------------------------- lifecycle

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT/v1`` — pass it to ``AsyncOpenAI(base_url=...)``."""
        if self._base_url is None:
            raise RuntimeError("FakeProvider is not started")
        return self._base_url

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> Self:
        if self._runner is not None:
            raise RuntimeError("FakeProvider already started")
        # fresh events: a provider may be restarted under another event loop
        self._closing = asyncio.Event()
        self._arrived = asyncio.Event()
        app = web.Application(middlewares=[self._middleware], client_max_size=64 * 1024**2)
        app.router.add_post(CHAT_PATH, self._chat)
        app.router.add_post("/v1/embeddings", self._embeddings)
        app.router.add_post("/v1/moderations", self._moderations)
        app.router.add_get("/v1/models", self._models)
        app.router.add_get("/v1/models/{model_id:.+}", self._model)
        app.router.add_route("*", "/{tail:.*}", self._unknown_route)
        runner = web.AppRunner(
            app, access_log=None, handler_cancellation=True, shutdown_timeout=SHUTDOWN_TIMEOUT
        )
        await runner.setup()
        try:
            site = web.TCPSite(runner, host, port)
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        bound_host, bound_port = runner.addresses[0][:2]
        if bound_host in ("0.0.0.0", "::"):  # listening everywhere: clients use loopback
            bound_host = "127.0.0.1" if bound_host == "0.0.0.0" else "::1"
        if ":" in bound_host:
            bound_host = f"[{bound_host}]"
        self._base_url = f"http://{bound_host}:{bound_port}/v1"
        log.debug("fake provider listening on %s", self._base_url)
        return self

    async def close(self) -> None:
        """Stop serving. Hanging and streaming requests are cut off; idempotent."""
        runner, self._runner = self._runner, None
        if runner is None:
            return
        self._closing.set()
        await runner.cleanup()
        log.debug("fake provider on %s closed", self._base_url)

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    # ---------------------------------------------------------------- scripting

    def on_chat(
        self, predicate: ChatPredicate, reply: ChatReply, *, times: int | None = None
    ) -> ChatRule:
        """Answer chat requests matching ``predicate`` with ``reply``; first matching rule wins.

        ``predicate``: None matches all; a str must occur in some message's content; a callable
        gets the request body. ``reply``: text, or a (sync or async) callable of the body.
        ``times``: how many requests the rule answers before it is skipped (None: unlimited).
        """
        if times is not None and times < 1:
            raise ValueError("times must be positive or None")
        rule = ChatRule(predicate, reply, times)
        self._chat_rules.append(rule)
        return rule

    def default_reply(self, reply: ChatReply | None) -> None:
        """Replace the default responder (None restores the echoing one)."""
        self._default_reply = reply

    def script_moderation(
        self,
        predicate: moderation.ModerationPredicate,
        flagged_categories: Iterable[str],
        *,
        times: int | None = None,
    ) -> moderation.ModerationRule:
        """Flag ``flagged_categories`` for texts matching ``predicate`` (a case-insensitive
        substring, a callable of the text, or None for every text); an empty list scripts a clean
        verdict. Rules are tried in order before the default self-harm phrase check."""
        rule = moderation.ModerationRule(
            predicate, moderation.validate_categories(flagged_categories), times
        )
        self._moderation_rules.append(rule)
        return rule

    def inject(
        self,
        fault: FaultKind,
        *,
        path: str = CHAT_PATH,
        count: int = 1,
        seconds: float | None = None,
        should_retry: bool | None = None,
    ) -> None:
        """Make the next ``count`` requests to ``path`` ("*": any path) fail with ``fault``.

        ``path`` is the request path ("/v1/embeddings"; "/embeddings" is read the same way).
        Faults are used up in the order injected, one per matching request (retries included).

        latency: wait ``seconds`` (default 1.0) more, then answer. timeout: never answer (the
        request hangs until the client gives up or the provider closes). 429: rate-limit error
        with ``retry-after`` = ``seconds`` (default 0.05; also ``retry-after-ms``). 500: server
        error (with retry-after headers only if ``seconds`` > 0). broken_stream: a few SSE events (or half the JSON body), then the connection is
        aborted. malformed: invalid JSON (a bad SSE event when streaming). ``should_retry``
        adds ``x-should-retry: true|false``, which the openai client obeys.
        """
        if fault not in FAULT_KINDS:
            raise ValueError(f"unknown fault {fault!r}; known: {FAULT_KINDS}")
        if count < 1:
            raise ValueError("count must be positive")
        if path != ANY_PATH and not path.startswith("/v1/"):
            path = "/v1" + (path if path.startswith("/") else "/" + path)  # "/embeddings" too
        secs = DEFAULT_FAULT_SECONDS[fault] if seconds is None else float(seconds)
        self._faults.append(Fault(fault, path, count, secs, should_retry))

    def reset(self) -> None:
        """Forget rules, faults, recorded requests, latency and delays (the server keeps running)."""
        self._chat_rules.clear()
        self._moderation_rules.clear()
        self._faults.clear()
        self.requests.clear()
        self._default_reply = None
        self.latency = 0.0
        self.stream_chunk_delay = 0.0
        self.self_harm_phrases = list(moderation.DEFAULT_SELF_HARM_PHRASES)
        self.peak_in_flight = self.in_flight

    # ---------------------------------------------------------------- inspection

    def chat_requests(self) -> list[dict[str, Any]]:
        """The JSON bodies of the chat completion requests received, in order."""
        return [r.json for r in self.requests if r.path == CHAT_PATH and isinstance(r.json, dict)]

    async def wait_for_requests(
        self, count: int = 1, *, path: str | None = None, timeout: float = 5.0
    ) -> list[RecordedRequest]:
        """Wait until ``count`` requests (to ``path``, if given) have arrived; return them."""
        async with asyncio.timeout(timeout):
            while True:
                seen = [r for r in self.requests if path is None or r.path == path]
                if len(seen) >= count:
                    return seen
                self._arrived.clear()
                await self._arrived.wait()

    def embed(self, text: str, dim: int | None = None) -> list[float]:
        """The vector the embeddings endpoint returns for ``text`` (for expectations in tests)."""
        return [float(x) for x in hashed_embedding(text, dim or self.embedding_dim)]

    # ---------------------------------------------------------------- plumbing

    def _next_id(self) -> int:
        return next(self._ids)

    async def _pause(self, seconds: float) -> bool:
        """Sleep ``seconds``, waking early if the provider closes; True if still open."""
        if seconds > 0 and not self._closing.is_set():
            try:
                await asyncio.wait_for(self._closing.wait(), seconds)
            except TimeoutError:
                return True
        return not self._closing.is_set()

    def _take_fault(self, path: str) -> Fault | None:
        for fault in self._faults:
            if fault.applies_to(path):
                fault.remaining -= 1
                if fault.remaining == 0:
                    self._faults.remove(fault)
                return fault
        return None

    async def _read_body(self, request: web.Request) -> Any:
        raw = await request.read()
        if not raw:
            return None
        try:
            return json.loads(raw)
        except ValueError:
            return None

    @web.middleware
    async def _middleware(
        self, request: web.Request, handler: faults.Handler
    ) -> web.StreamResponse:
        record = RecordedRequest(
            method=request.method,
            path=request.path,
            json=None,
            headers=redact_headers(request.headers),
            time=time.monotonic(),
            query=dict(request.query),
        )
        exchange = Exchange(record=record, request_id=f"req_{self._next_id():08d}")
        request[EXCHANGE] = exchange
        self.in_flight += 1
        self.peak_in_flight = max(self.peak_in_flight, self.in_flight)
        try:
            exchange.body = record.json = await self._read_body(request)
            self.requests.append(record)
            self._arrived.set()
            response = await self._answer(request, handler, exchange)
        except Exception as exc:  # a scripted callable failed: tell the test, loudly
            log.exception("fake provider failed on %s %s", request.method, request.path)
            response = wire.error_response(
                500, f"fake provider error: {exc!r}", type_="server_error"
            )
        finally:
            self.in_flight -= 1
        if not exchange.dropped:
            record.status = response.status
            if not response.prepared:
                response.headers.setdefault("x-request-id", exchange.request_id)
                response.headers.update(exchange.extra_headers)
        return response

    async def _answer(
        self,
        request: web.Request,
        handler: faults.Handler,
        exchange: Exchange,
    ) -> web.StreamResponse:
        if self.api_key is not None and request.headers.get("Authorization") != (
            f"Bearer {self.api_key}"
        ):
            return wire.error_response(401, "Incorrect API key provided.", code="invalid_api_key")
        fault = self._take_fault(request.path)
        if fault is None:
            return await handler(request)
        return await faults.apply(
            request, handler, exchange, fault, pause=self._pause, closing=self._closing
        )

    # ---------------------------------------------------------------- handlers

    async def _chat(self, request: web.Request) -> web.StreamResponse:
        exchange = request[EXCHANGE]
        body = exchange.body
        if not await self._pause(self.latency):
            return faults.drop(request, exchange)
        error = endpoints.validate_chat(body, self.models)
        if error is not None:
            return error
        text = await self._reply_text(body)
        pieces, finish_reason = endpoints.completion_pieces(body, text)
        completion_id = f"chatcmpl-fake{self._next_id():08d}"
        if body.get("stream"):
            response = await endpoints.stream_chat(
                request,
                body=body,
                pieces=pieces,
                finish_reason=finish_reason,
                completion_id=completion_id,
                request_id=exchange.request_id,
                created=int(time.time()),
                delay=self.stream_chunk_delay,
                pause=self._pause,
                fault=exchange.fault.kind if exchange.fault else None,
            )
            exchange.dropped = request.transport is None or request.transport.is_closing()
            return response
        usage_block = wire.usage(wire.prompt_tokens(body), len(pieces))
        return wire.json_response(
            wire.chat_completion(
                completion_id=completion_id,
                model=body["model"],
                content="".join(pieces),
                finish_reason=finish_reason,
                usage_block=usage_block,
            )
        )

    async def _reply_text(self, body: dict[str, Any]) -> str:
        for rule in self._chat_rules:
            if not rule.exhausted and rule.matches(body):
                rule.hits += 1
                return await render_reply(rule.reply, body)
        if self._default_reply is not None:
            return await render_reply(self._default_reply, body)
        text = endpoints.echo_reply(body)
        return endpoints.json_default_reply(text) if endpoints.json_mode(body) else text

    def _moderation_verdict(self, text: str) -> list[str]:
        for rule in self._moderation_rules:
            if not rule.exhausted and rule.matches(text):
                rule.hits += 1
                return list(rule.categories)
        return moderation.default_flags(text, self.self_harm_phrases)

    async def _embeddings(self, request: web.Request) -> web.StreamResponse:
        return endpoints.embeddings(request[EXCHANGE].body, default_dim=self.embedding_dim)

    async def _moderations(self, request: web.Request) -> web.StreamResponse:
        exchange = request[EXCHANGE]
        return endpoints.moderations(
            exchange.body, verdict=self._moderation_verdict, request_id=exchange.request_id
        )

    async def _models(self, request: web.Request) -> web.StreamResponse:
        data = [wire.model_object(m, self._created) for m in self.models]
        return wire.json_response({"object": "list", "data": data})

    async def _model(self, request: web.Request) -> web.StreamResponse:
        model_id = request.match_info["model_id"]
        if model_id not in self.models:
            return wire.model_not_found(model_id)
        return wire.json_response(wire.model_object(model_id, self._created))

    async def _unknown_route(self, request: web.Request) -> web.StreamResponse:
        return wire.error_response(404, f"Invalid URL ({request.method} {request.path})")
