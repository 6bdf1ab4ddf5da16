"""The gateway websocket (v10, JSON text frames; ``compress=zlib-stream`` is ignored).

Flow (checked against discord.py 2.7.1 ``gateway.py``): HELLO -> client heartbeat (op 1, answered
with op 11) -> IDENTIFY (op 2) -> READY (guild stubs, ``session_id``, loopback
``resume_gateway_url``, ``application``) -> one GUILD_CREATE per guild. RESUME (op 6) replays the
dispatches after the client's ``seq`` and then sends RESUMED. A client that closes with 1000/1001
ends its session (as on Discord); any other close keeps it resumable.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from .records import ChangeNotifier, GatewayFrame
from .world import World

log = logging.getLogger(__name__)

OP_DISPATCH = 0
OP_HEARTBEAT = 1
OP_IDENTIFY = 2
OP_PRESENCE = 3
OP_VOICE_STATE = 4
OP_RESUME = 6
OP_RECONNECT = 7
OP_REQUEST_MEMBERS = 8
OP_INVALID_SESSION = 9
OP_HELLO = 10
OP_HEARTBEAT_ACK = 11

INTENT_GUILDS = 1 << 0
INTENT_GUILD_MEMBERS = 1 << 1
INTENT_GUILD_MESSAGES = 1 << 9
INTENT_DIRECT_MESSAGES = 1 << 12
INTENT_MESSAGE_CONTENT = 1 << 15

# GATEWAY_PRESENCE_LIMITED | GATEWAY_GUILD_MEMBERS_LIMITED | GATEWAY_MESSAGE_CONTENT_LIMITED
APPLICATION_FLAGS = (1 << 13) | (1 << 15) | (1 << 19)
_TRACE = ('["fake-discord-gateway",{"micros":0}]',)


@dataclass(eq=False)
class _Connection:
    ws: web.WebSocketResponse
    request: web.Request
    send_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    session: GatewaySession | None = None

    async def send(self, text: str) -> bool:
        async with self.send_lock:
            try:
                await self.ws.send_str(text)
            except (ConnectionError, RuntimeError) as exc:
                log.debug("gateway send failed (%s); frame kept for replay", exc)
                return False
        return True


@dataclass(eq=False)
class GatewaySession:
    session_id: str
    intents: int
    shard: tuple[int, int]
    replay_limit: int
    seq: int = 0
    buffer: deque[tuple[int, str]] = field(default_factory=deque)
    conn: _Connection | None = None
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    resumes: int = 0

    def owns_guild(self, guild_id: int) -> bool:
        shard_id, shard_count = self.shard
        return (guild_id >> 22) % max(shard_count, 1) == shard_id

    @property
    def connected(self) -> bool:
        return self.conn is not None


class Gateway:
    def __init__(
        self,
        world: World,
        *,
        application_id: int,
        heartbeat_interval_ms: int,
        resume_url: Callable[[], str],
        frames: list[GatewayFrame],
        notifier: ChangeNotifier,
        replay_limit: int = 10_000,
    ) -> None:
        self.world = world
        self.application_id = application_id
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self._resume_url = resume_url
        self.frames = frames
        self._notifier = notifier
        self.replay_limit = replay_limit
        self.sessions: dict[str, GatewaySession] = {}
        self.connections: set[_Connection] = set()

    # ------------------------------------------------------------ websocket
    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=0, compress=False, timeout=2.0)
        await ws.prepare(request)
        conn = _Connection(ws=ws, request=request)
        self.connections.add(conn)
        log.debug("gateway connection opened (%s)", request.query_string)
        try:
            await self._send_op(
                conn,
                OP_HELLO,
                {"heartbeat_interval": self.heartbeat_interval_ms, "_trace": list(_TRACE)},
            )
            async for msg in ws:
                if msg.type is WSMsgType.TEXT:
                    await self._on_frame(conn, json.loads(msg.data))
                elif msg.type is WSMsgType.ERROR:
                    log.debug("gateway connection error: %s", ws.exception())
                    break
                else:
                    log.warning("gateway: ignoring %s frame from client", msg.type)
        finally:
            self.connections.discard(conn)
            self._detach(conn, ws.close_code)
        return ws

    def _detach(self, conn: _Connection, close_code: int | None) -> None:
        session = conn.session
        conn.session = None
        if session is not None and session.conn is conn:
            session.conn = None
            if close_code in (1000, 1001):
                self.sessions.pop(session.session_id, None)
                log.debug(
                    "gateway session %s closed by client (%s)", session.session_id, close_code
                )
            else:
                log.debug(
                    "gateway session %s disconnected (%s); resumable",
                    session.session_id,
                    close_code,
                )
        self._notifier.notify()

    async def _send_op(self, conn: _Connection, op: int, d: Any) -> None:
        self._record("out", op, None, None, None, conn)
        await conn.send(json.dumps({"op": op, "d": d, "s": None, "t": None}))

    def _record(
        self,
        direction: str,
        op: int,
        t: str | None,
        s: int | None,
        d: Any,
        conn: _Connection | None,
        session: GatewaySession | None = None,
    ) -> None:
        session = session or (conn.session if conn else None)
        self.frames.append(
            GatewayFrame(
                direction, op, t, s, d, session.session_id if session else None, time.monotonic()
            )
        )

    async def _on_frame(self, conn: _Connection, frame: dict[str, Any]) -> None:
        op = frame.get("op")
        d = frame.get("d")
        shown = dict(d, token="<redacted>") if isinstance(d, dict) and "token" in d else d
        self._record("in", op if isinstance(op, int) else -1, None, None, shown, conn)
        if op == OP_HEARTBEAT:
            self._record("out", OP_HEARTBEAT_ACK, None, None, None, conn)
            await conn.send(json.dumps({"op": OP_HEARTBEAT_ACK}))
        elif op == OP_IDENTIFY:
            await self._identify(conn, d or {})
        elif op == OP_RESUME:
            await self._resume(conn, d or {})
        elif op == OP_REQUEST_MEMBERS:
            await self._request_members(conn, d or {})
        elif op in (OP_PRESENCE, OP_VOICE_STATE):
            log.debug("gateway: op %s recorded", op)
        else:
            log.warning("gateway: unknown op %r from client: %r", op, frame)
        self._notifier.notify()

    async def _identify(self, conn: _Connection, d: dict[str, Any]) -> None:
        if not d.get("token"):
            await conn.ws.close(code=4004, message=b"Authentication failed.")
            return
        if conn.session is not None:
            await conn.ws.close(code=4005, message=b"Already authenticated.")
            return
        shard = d.get("shard") or [0, 1]
        session = GatewaySession(
            session_id=secrets.token_hex(16),
            intents=int(d.get("intents", 0)),
            shard=(int(shard[0]), int(shard[1])),
            replay_limit=self.replay_limit,
        )
        self.sessions[session.session_id] = session
        guilds = [
            g
            for g in self.world.guilds.values()
            if self.world.bot_user_id in g.members and session.owns_guild(g.id)
        ]
        ready = {
            "v": 10,
            "user": self.world.me_payload(),
            "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
            "session_id": session.session_id,
            "session_type": "normal",
            "resume_gateway_url": self._resume_url(),
            "shard": list(session.shard),
            "application": {"id": str(self.application_id), "flags": APPLICATION_FLAGS},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "user_settings": {},
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": [],
            "_trace": list(_TRACE),
        }
        async with session.lock:
            session.conn = conn
            conn.session = session
            await self._dispatch_to(session, "READY", ready)
            for guild in guilds:
                await self._dispatch_to(
                    session, "GUILD_CREATE", self.guild_create_for(session, guild.id)
                )
        log.debug("gateway session %s identified (intents=%s)", session.session_id, session.intents)

    def guild_create_for(self, session: GatewaySession, guild_id: int) -> dict[str, Any]:
        """Without the GUILD_MEMBERS intent Discord only includes the bot's own member."""
        payload = self.world.guild_payload(guild_id)
        if not session.intents & INTENT_GUILD_MEMBERS:
            me = str(self.world.bot_user_id)
            payload["members"] = [m for m in payload["members"] if m["user"]["id"] == me]
        return payload

    async def _resume(self, conn: _Connection, d: dict[str, Any]) -> None:
        session = self.sessions.get(str(d.get("session_id")))
        if session is None or not d.get("token"):
            await self._send_op(conn, OP_INVALID_SESSION, False)
            return
        seq = int(d.get("seq") or 0)
        async with session.lock:
            oldest = session.buffer[0][0] if session.buffer else session.seq + 1
            if seq + 1 < oldest:
                log.warning(
                    "gateway: RESUME seq %s is older than the replay buffer; invalidating", seq
                )
                self.sessions.pop(session.session_id, None)
                await self._send_op(conn, OP_INVALID_SESSION, False)
                return
            previous = session.conn
            if previous is not None and previous is not conn:
                previous.session = None
            session.conn = conn
            conn.session = session
            session.resumes += 1
            missed = [text for s, text in session.buffer if s > seq]
            log.debug(
                "gateway session %s resumed at %s; replaying %d",
                session.session_id,
                seq,
                len(missed),
            )
            for text in missed:
                if not await conn.send(text):
                    return
            await self._dispatch_to(session, "RESUMED", {"_trace": list(_TRACE)})

    async def _request_members(self, conn: _Connection, d: dict[str, Any]) -> None:
        session = conn.session
        if session is None:
            return
        gid = int(d["guild_id"][0] if isinstance(d.get("guild_id"), list) else d["guild_id"])
        guild = self.world.guilds.get(gid)
        members = list(guild.members) if guild else []
        if d.get("user_ids"):
            wanted = {int(u) for u in d["user_ids"]}
            members = [m for m in members if m in wanted]
        elif d.get("query"):
            query = str(d["query"]).lower()
            members = [
                m for m in members if self.world.users[m]["username"].lower().startswith(query)
            ]
        limit = int(d.get("limit") or 0)
        if limit:
            members = members[:limit]
        chunk: dict[str, Any] = {
            "guild_id": str(gid),
            "members": [self.world.member_payload(gid, m) for m in members],
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": [],
        }
        if d.get("nonce"):
            chunk["nonce"] = d["nonce"]
        async with session.lock:
            await self._dispatch_to(session, "GUILD_MEMBERS_CHUNK", chunk)

    # ------------------------------------------------------------- dispatch
    async def _dispatch_to(self, session: GatewaySession, t: str, d: Any) -> None:
        """Caller holds ``session.lock``."""
        session.seq += 1
        text = json.dumps({"op": OP_DISPATCH, "t": t, "s": session.seq, "d": d})
        session.buffer.append((session.seq, text))
        while len(session.buffer) > session.replay_limit:
            session.buffer.popleft()
        self._record("out", OP_DISPATCH, t, session.seq, None, session.conn, session)
        conn = session.conn
        if conn is not None and not await conn.send(text) and session.conn is conn:
            session.conn = None

    async def dispatch(
        self,
        t: str,
        d: dict[str, Any],
        *,
        intent: int = 0,
        guild_id: int | None = None,
        redact: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
        warn_undelivered: bool = True,
    ) -> int:
        """Send an event to every session whose intents and shard cover it; returns how many."""
        delivered = 0
        for session in list(self.sessions.values()):
            if intent and not session.intents & intent:
                continue
            if guild_id is not None and not session.owns_guild(guild_id):
                continue
            if guild_id is None and session.shard[0] != 0:
                continue
            data = (
                redact(d)
                if redact is not None and not session.intents & INTENT_MESSAGE_CONTENT
                else d
            )
            async with session.lock:
                await self._dispatch_to(session, t, data)
            delivered += 1
        if not delivered and warn_undelivered:
            log.warning(
                "gateway: %s not delivered: no session subscribed (intents/shard/connection)", t
            )
        self._notifier.notify()
        return delivered

    async def announce_guild(self, guild_id: int) -> int:
        """GUILD_CREATE for a guild that appeared after READY (e.g. the bot joined it)."""
        delivered = 0
        for session in list(self.sessions.values()):
            if session.owns_guild(guild_id) and session.intents & INTENT_GUILDS:
                async with session.lock:
                    await self._dispatch_to(
                        session, "GUILD_CREATE", self.guild_create_for(session, guild_id)
                    )
                delivered += 1
        self._notifier.notify()
        return delivered

    # --------------------------------------------------------------- faults
    def _attached(self) -> list[_Connection]:
        return [c for c in self.connections if c.session is not None]

    async def drop_socket(self) -> int:
        """Abort the TCP connection under every identified socket (no close frame)."""
        dropped = 0
        for conn in self._attached():
            transport = conn.request.transport
            if transport is not None:
                transport.abort()
                dropped += 1
        return dropped

    async def send_reconnect(self) -> int:
        conns = self._attached()
        for conn in conns:
            await self._send_op(conn, OP_RECONNECT, None)
        return len(conns)

    async def invalidate_session(self, resumable: bool = False) -> int:
        conns = self._attached()
        for conn in conns:
            session = conn.session
            if not resumable and session is not None:
                self.sessions.pop(session.session_id, None)
                session.conn = None
                conn.session = None
            await self._send_op(conn, OP_INVALID_SESSION, resumable)
        return len(conns)

    async def close(self) -> None:
        for conn in list(self.connections):
            await conn.ws.close(code=1001, message=b"fake discord shutting down")
        self.sessions.clear()
