"""``FakeDiscord``: the loopback Discord server (aiohttp) that unmodified discord.py talks to.

Every REST request passes one middleware that records it, checks auth, applies injected faults,
the global rate limit and per-route buckets, and stamps rate-limit headers on the answer.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Self

import yarl
from aiohttp import hdrs, web

from . import rest, webhooks
from .actions import UserActions
from .gateway import Gateway
from .ids import Snowflakes, make_token
from .interactions import InteractionRecord
from .messages import MessageStore
from .queries import Queries
from .ratelimit import Buckets, Fault, FaultInjector, GlobalLimiter, rate_limited_response
from .records import (
    RECORD_KEY,
    ChangeNotifier,
    Counters,
    GatewayFrame,
    RecordedRequest,
    SentModal,
)
from .wire import ApiError, json_response, read_body
from .world import World

log = logging.getLogger(__name__)

API_PREFIX = "/api/v10"
_UNKNOWN_ROUTE_NAME = "fake-discord-unknown-route"


def _is_token_route(template: str) -> bool:
    """Interaction callbacks and webhook-token routes: no auth, exempt from the global limit."""
    return template.startswith(("/interactions/", "/webhooks/{webhook_id}/{webhook_token}"))


class FakeDiscord(UserActions, Queries):
    """A loopback Discord. Build the world, ``await start()``, point discord.py at it::

        async with FakeDiscord() as fake:
            alice = fake.add_user("alice")
            async with connected_client(fake, bot):  # or: with fake.patch_discord_py(): ...
                await fake.user_dms(alice["id"], "hi")

    Knobs: ``rate_limit_per_s`` / ``global_rate_limit`` (rolling-second global limit),
    ``bucket_limit`` per ``bucket_window_s`` (per-route buckets), ``latency_s`` (added to every
    REST answer), ``heartbeat_interval_ms`` (sent in HELLO), ``echo_bot_messages`` (dispatch the
    bot's own messages back as MESSAGE_CREATE/UPDATE/DELETE, as Discord does).
    """

    def __init__(
        self,
        *,
        rate_limit_per_s: int = 50,
        bot_user_id: int | None = None,
        application_id: int | None = None,
        bot_name: str = "OS1",
        heartbeat_interval_ms: int = 41250,
        bucket_limit: int = 1000,
        bucket_window_s: float = 1.0,
        echo_bot_messages: bool = True,
    ) -> None:
        self.ids = Snowflakes()
        bot_id = int(bot_user_id) if bot_user_id is not None else self.ids.next()
        self.application_id: int = int(application_id) if application_id is not None else bot_id
        self.world = World(self.ids, bot_user_id=bot_id, bot_name=bot_name)
        self.messages = MessageStore()
        self.interactions: dict[int, InteractionRecord] = {}
        self.interaction_tokens: dict[str, int] = {}
        self.modals: list[SentModal] = []
        self.requests: list[RecordedRequest] = []
        self.unknown_routes: list[RecordedRequest] = []
        self.internal_errors: list[str] = []
        self.gateway_frames: list[GatewayFrame] = []
        self.counters = Counters()
        self.global_limiter = GlobalLimiter(rate_limit_per_s)
        self.buckets = Buckets(bucket_limit, bucket_window_s)
        self.faults = FaultInjector()
        self.latency_s: float = 0.0
        self.echo_bot_messages = echo_bot_messages
        self.token: str = make_token(bot_id)
        self.port: int | None = None
        self.host = "127.0.0.1"
        self._notifier = ChangeNotifier()
        self._runner: web.AppRunner | None = None
        self.gateway = Gateway(
            self.world,
            application_id=self.application_id,
            heartbeat_interval_ms=heartbeat_interval_ms,
            resume_url=lambda: self.gateway_url,
            frames=self.gateway_frames,
            notifier=self._notifier,
        )

    # ------------------------------------------------------------ lifecycle
    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        if self._runner is not None:
            raise RuntimeError("FakeDiscord already started")
        app = web.Application(middlewares=[self._middleware], client_max_size=64 * 1024 * 1024)
        app.router.add_get("/", self.gateway.handle)
        app.router.add_get("/attachments/{file_id}/{filename}", self._serve_attachment)
        rest.RestApi(self).register(app.router, API_PREFIX)
        webhooks.WebhookApi(self).register(app.router, API_PREFIX)
        app.router.add_route(
            "*", API_PREFIX + "/{tail:.*}", self._unknown_route, name=_UNKNOWN_ROUTE_NAME
        )
        runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, host, port)
        await site.start()
        self._runner = runner
        self.host = host
        self.port = int(runner.addresses[0][1])
        log.info("fake discord listening on %s", self.base_url)

    async def close(self) -> None:
        if self._runner is None:
            return
        await self.gateway.close()
        await self._runner.cleanup()
        self._runner = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def base_url(self) -> str:
        if self.port is None:
            raise RuntimeError("FakeDiscord is not started")
        return f"http://{self.host}:{self.port}"

    @property
    def rest_base(self) -> str:
        return self.base_url + API_PREFIX

    @property
    def gateway_url(self) -> str:
        return f"ws://{self.host}:{self.port}/"

    @contextmanager
    def patch_discord_py(self) -> Iterator[None]:
        """Point discord.py's REST base and default gateway here; restores both on exit."""
        import discord.gateway
        import discord.http

        old_base = discord.http.Route.BASE
        old_gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
        discord.http.Route.BASE = self.rest_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(self.gateway_url)
        try:
            yield
        finally:
            discord.http.Route.BASE = old_base
            discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old_gateway

    # ------------------------------------------------------------- settings
    @property
    def bot_user_id(self) -> int:
        return self.world.bot_user_id

    @property
    def bot_user(self) -> dict[str, Any]:
        return self.world.bot_user()

    @property
    def rate_limit_per_s(self) -> int:
        return self.global_limiter.per_second

    @rate_limit_per_s.setter
    def rate_limit_per_s(self, value: int) -> None:
        self.global_limiter.per_second = int(value)

    @property
    def global_rate_limit(self) -> bool:
        """Whether the global limit is enforced (toggle freely)."""
        return self.global_limiter.enabled

    @global_rate_limit.setter
    def global_rate_limit(self, enabled: bool) -> None:
        self.global_limiter.enabled = bool(enabled)

    @property
    def rate_limited_count(self) -> int:
        """How many 429s were served (global, per-route and injected)."""
        return self.counters.rate_limited

    @property
    def heartbeat_interval_ms(self) -> int:
        return self.gateway.heartbeat_interval_ms

    @heartbeat_interval_ms.setter
    def heartbeat_interval_ms(self, value: int) -> None:
        self.gateway.heartbeat_interval_ms = int(value)

    # --------------------------------------------------------------- faults
    def fail_next(
        self,
        method: str,
        path_pattern: str | Any,
        status: int = 500,
        count: int = 1,
        retry_after: float | None = None,
        *,
        is_global: bool = False,
    ) -> None:
        """Answer the next ``count`` matching requests with ``status``.

        ``path_pattern`` is a route template (``"/channels/{channel_id}/messages"``), a glob on the
        path (``"/channels/*/messages"``) or a compiled regex searched in the path. ``method`` may
        be ``"*"``. A 429 carries Discord's body (``retry_after``, default 0.05 s; ``global``) and
        a ``Via`` header, so discord.py retries it.
        """
        self.faults.add(
            Fault(method, path_pattern, int(status), int(count), retry_after, is_global)
        )

    async def drop_socket(self) -> int:
        """Abort every identified gateway TCP connection; discord.py then RESUMEs."""
        return await self.gateway.drop_socket()

    async def send_reconnect(self) -> int:
        """Send op 7 RECONNECT; discord.py reconnects and RESUMEs."""
        return await self.gateway.send_reconnect()

    async def invalidate_session(self, resumable: bool = False) -> int:
        """Send op 9. Not resumable: discord.py re-IDENTIFYs, after its ``before_identify_hook``
        (which sleeps 5 s by default for non-initial identifies)."""
        return await self.gateway.invalidate_session(resumable)

    # ------------------------------------------------------------ internals
    @web.middleware
    async def _middleware(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if not request.path.startswith(API_PREFIX + "/"):
            return await handler(request)
        route = request.match_info.route
        unknown = route.name == _UNKNOWN_ROUTE_NAME
        template = request.path if unknown or route.resource is None else route.resource.canonical
        template = template[len(API_PREFIX) :]
        auth = request.headers.get(hdrs.AUTHORIZATION, "")
        rec = RecordedRequest(
            method=request.method,
            path=request.path[len(API_PREFIX) :],
            route=f"{request.method} {template}",
            params={k: v for k, v in request.match_info.items() if k != "tail"},
            query=dict(request.query),
            json=None,
            files=[],
            headers={k: v for k, v in request.headers.items() if k.lower() != "authorization"},
            authorized=auth.startswith("Bot ") and len(auth) > 4,
            time=time.monotonic(),
            unknown=unknown,
        )
        request[RECORD_KEY] = rec
        self.requests.append(rec)
        try:
            rec.json, rec.files = await read_body(request)
            response = await self._answer(request, handler, rec, template)
        except ApiError as exc:
            response = exc.response()
        except (
            Exception
        ) as exc:  # a bug in the fake: answer fast (400, not a retried 500) and loudly
            log.exception("fake discord internal error on %s", rec.route)
            self.internal_errors.append(f"{rec.route}: {exc!r}")
            self.counters.internal_errors += 1
            rec.fault = "internal"
            response = json_response(
                {"message": f"fake discord internal error: {exc!r}", "code": 0}, 400
            )
        self._count(rec, response)
        return response

    async def _answer(
        self, request: web.Request, handler: Any, rec: RecordedRequest, template: str
    ) -> web.StreamResponse:
        exempt = _is_token_route(template)
        if rec.unknown:
            return await handler(request)
        if not exempt and not rec.authorized:
            raise ApiError(401, 0, "401: Unauthorized")
        fault = self.faults.take(rec.method, rec.path, template)
        if fault is not None:
            rec.fault = "injected"
            self.counters.injected_faults += 1
            return fault.response()
        now = time.monotonic()
        if rec.authorized and not exempt:
            retry_after = self.global_limiter.try_acquire(now)
            if retry_after is not None:
                rec.fault = "global_rate_limit"
                self.counters.global_rate_limited += 1
                return rate_limited_response(retry_after, is_global=True)
        bucket = self.buckets.hit(rec.route, rec.params, now)
        if bucket.exceeded:
            rec.fault = "bucket_rate_limit"
            self.counters.bucket_rate_limited += 1
            response = rate_limited_response(bucket.reset_after, is_global=False)
            response.headers.update(bucket.headers())
            return response
        if self.latency_s > 0:
            await asyncio.sleep(self.latency_s)
        try:
            response = await handler(request)
        except ApiError as exc:
            response = exc.response()
        response.headers.update(bucket.headers())
        return response

    def _count(self, rec: RecordedRequest, response: web.StreamResponse) -> None:
        rec.status = response.status
        rec.responded_at = time.monotonic()
        rec.response_headers = dict(response.headers)
        body = getattr(response, "body", None)
        if (
            isinstance(body, bytes)
            and response.headers.get(hdrs.CONTENT_TYPE) == "application/json"
        ):
            rec.response_json = json.loads(body)
        c = self.counters
        c.requests += 1
        c.authorized_requests += rec.authorized
        c.by_route[rec.route] = c.by_route.get(rec.route, 0) + 1
        if response.status == 429:
            c.rate_limited += 1
        self._notifier.notify()

    async def _unknown_route(self, request: web.Request) -> web.Response:
        rec = request[RECORD_KEY]
        self.unknown_routes.append(rec)
        self.counters.unknown_routes += 1
        log.error(
            "FAKE DISCORD: UNKNOWN ROUTE %s %s — add it to bot/testing/discord if the bot needs it",
            request.method,
            rec.path,
        )
        return json_response({"message": "404: Not Found", "code": 0}, status=404)

    async def _serve_attachment(self, request: web.Request) -> web.Response:
        hosted = self.world.files.get(int(request.match_info["file_id"]))
        if hosted is None or hosted.filename != request.match_info["filename"]:
            return web.Response(status=404, text="attachment not found")
        return web.Response(body=hosted.data, headers={hdrs.CONTENT_TYPE: hosted.content_type})

    def _notify(self) -> None:
        self._notifier.notify()
