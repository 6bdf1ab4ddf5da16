"""The durable outbox: a row first, then the send, then the row marked sent.

Sends that matter beyond one reply (moderator alerts now; check-ins and departure letters
later) are enqueued with a dedup key, so a second enqueue of the same thing is a no-op. The
dispatcher leases due rows, sends them through the outbound limiter at their priority, and
marks them sent. If the process dies between the send and the mark, the lease lapses and the
row is sent again with the same nonce, which Discord de-duplicates (`enforce_nonce`): each
message is delivered once across crashes.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

import discord

from bot.app.limiter import OutboundLimiter, Priority
from bot.core.clock import Clock
from bot.store import OutboxItem, Store

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()
MAX_ATTEMPTS = 8


def nonce_for(dedup_key: str) -> str:
    """A stable nonce (Discord allows 25 characters) for one outbox row."""
    return hashlib.sha256(dedup_key.encode()).hexdigest()[:25]


class OutboxDispatcher:
    def __init__(
        self, client: discord.Client, store: Store, limiter: OutboundLimiter, clock: Clock, *,
        lease: timedelta = timedelta(minutes=2), poll_s: float = 2.0, batch: int = 50,
    ) -> None:
        self.client = client
        self.store = store
        self.limiter = limiter
        self.clock = clock
        self.lease = lease
        self.poll_s = poll_s
        self.batch = batch
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.sent = 0

    async def enqueue(
        self, dedup_key: str, kind: str, payload: Mapping[str, Any], *,
        channel_id: int | None = None, user_id: int | None = None,
        priority: Priority = Priority.BACKGROUND,
    ) -> bool:
        """Queue a send; False if one with this key was already queued (or sent)."""
        if channel_id is None and user_id is None:
            raise ValueError("an outbox send needs a channel or a user")
        row = await self.store.ops.enqueue(
            dedup_key, kind, dict(payload), self.clock.now(), channel_id=channel_id,
            user_id=user_id, priority=int(priority))
        self._wake.set()
        return row is not None

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="outbox-dispatcher")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
            self._task = None

    async def _run(self) -> None:
        while True:
            try:
                await self.drain_once()
            except Exception:  # noqa: BLE001 - the loop must survive one bad batch
                log.exception("outbox batch failed")
            try:
                await asyncio.wait_for(self._wake.wait(), self.poll_s)
            except TimeoutError:
                pass
            self._wake.clear()

    async def drain_once(self) -> int:
        """Send every due row once; returns how many were sent."""
        sent = 0
        while True:
            items = await self.store.ops.claim_due(self.clock.now(), self.batch, self.lease)
            if not items:
                return sent
            results = await asyncio.gather(*(self._deliver(item) for item in items))
            sent += sum(results)

    async def _deliver(self, item: OutboxItem) -> bool:
        try:
            channel = await self._channel(item)
            await self.limiter.acquire(Priority(min(max(item.priority, 0), 3)))
            embeds = [discord.Embed.from_dict(e) for e in item.payload.get("embeds", [])]
            message = await channel.send(
                content=item.payload.get("content") or None, embeds=embeds,
                allowed_mentions=NO_MENTIONS, nonce=nonce_for(item.dedup_key))
        except (discord.Forbidden, discord.NotFound) as exc:
            # DMs closed, channel deleted: retrying will not help.
            log.warning("outbox %s (%s) undeliverable: %s", item.id, item.kind, exc)
            await self.store.ops.mark_retry(item.id, str(exc), self.clock.now(), give_up=True)
            return False
        except (discord.HTTPException, OSError, TimeoutError) as exc:
            give_up = item.attempts >= MAX_ATTEMPTS
            delay = timedelta(seconds=min(2 ** item.attempts, 600))
            log.warning("outbox %s (%s) failed (attempt %d): %s", item.id, item.kind,
                        item.attempts, exc)
            await self.store.ops.mark_retry(item.id, str(exc), self.clock.now() + delay,
                                            give_up=give_up)
            return False
        await self.store.ops.mark_sent(item.id, message.id, self.clock.now())
        self.sent += 1
        return True

    async def _channel(self, item: OutboxItem) -> discord.abc.Messageable:
        if item.channel_id is not None:
            channel = self.client.get_channel(item.channel_id)
            if channel is None:
                channel = await self.client.fetch_channel(item.channel_id)
            assert isinstance(channel, discord.abc.Messageable)
            return channel
        assert item.user_id is not None
        user = self.client.get_user(item.user_id) or await self.client.fetch_user(item.user_id)
        return user.dm_channel or await user.create_dm()
