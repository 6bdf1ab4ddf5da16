"""A reply streamed into Discord as edits of one message (split past 2,000 characters).

Edits of a message happen at most once per `edit_interval_s`; while an edit waits for the
limiter, newer text replaces older, so under load a reply simply updates less often.
Every send and edit carries AllowedMentions.none().
"""

from __future__ import annotations

import asyncio
import logging
import time

import discord

from bot.app.limiter import OutboundLimiter, Priority
from bot.core.text import split_message

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()


async def _with_retry(what: str, call, attempts: int = 3):  # type: ignore[no-untyped-def]
    """discord.py already retries 429s and 5xx; this covers what is left (e.g. a reset socket)."""
    for attempt in range(attempts):
        try:
            return await call()
        except (TimeoutError, discord.DiscordServerError, OSError) as exc:
            if attempt == attempts - 1:
                raise
            log.warning("%s failed (%s); retrying", what, type(exc).__name__)
            await asyncio.sleep(0.5 * 2**attempt)
    raise AssertionError("unreachable")


class DiscordReplySink:
    """ReplySink for one reply in one channel."""

    def __init__(
        self, channel: discord.abc.Messageable, limiter: OutboundLimiter, *,
        reference: discord.Message | None = None, edit_interval_s: float = 1.0,
    ) -> None:
        self.channel = channel
        self.limiter = limiter
        self.reference = reference
        self.edit_interval_s = edit_interval_s
        self.messages: list[discord.Message] = []
        self._shown: list[str] = []
        self._latest: str | None = None
        self._last_edit = 0.0
        self._editor: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._typing_at: float | None = None

    async def _send(self, content: str, priority: Priority) -> discord.Message:
        await self.limiter.acquire(priority)
        kwargs: dict[str, object] = {"allowed_mentions": NO_MENTIONS}
        if self.reference is not None and not self.messages:
            kwargs["reference"] = self.reference
            kwargs["mention_author"] = False
        msg = await _with_retry("send", lambda: self.channel.send(content, **kwargs))
        self.messages.append(msg)
        self._shown.append(content)
        return msg

    async def _edit(self, index: int, content: str, priority: Priority) -> None:
        if self._shown[index] == content:
            return
        await self.limiter.acquire(priority)
        msg = self.messages[index]
        await _with_retry("edit", lambda: msg.edit(content=content, allowed_mentions=NO_MENTIONS))
        self._shown[index] = content
        self._last_edit = time.monotonic()

    async def _apply(self, text: str, priority: Priority) -> None:
        """Make the shown messages equal `text` split into parts."""
        parts = split_message(text) or ["…"]
        for i, part in enumerate(parts):
            if i < len(self.messages):
                await self._edit(i, part, priority)
            else:
                await self._send(part, Priority.REPLY if not self.messages else Priority.NOTICE)
                self._last_edit = time.monotonic()
        for msg in self.messages[len(parts):]:
            await self.limiter.acquire(Priority.NOTICE)
            try:
                await msg.delete()
            except discord.HTTPException:
                log.warning("could not delete a surplus reply part")
        del self.messages[len(parts):]
        del self._shown[len(parts):]

    # --- ReplySink ---------------------------------------------------------------------------
    async def typing(self) -> None:
        # Discord shows typing for ~10 s per call: don't repeat it within that window.
        if self._typing_at is not None and time.monotonic() - self._typing_at < 8:
            return
        # Best effort: never queue behind real messages for a typing indicator.
        if not self.limiter.try_acquire():
            return
        self._typing_at = time.monotonic()
        try:
            await self.channel.typing()
        except discord.HTTPException:
            log.debug("typing indicator failed", exc_info=True)

    async def notice(self, text: str) -> None:
        for part in split_message(text):
            await self.limiter.acquire(Priority.NOTICE)
            await _with_retry(
                "notice", lambda p=part: self.channel.send(p, allowed_mentions=NO_MENTIONS))

    async def update(self, text: str) -> None:
        if not self.messages:
            # First words go out at once, at reply priority.
            await self._apply(text, Priority.REPLY)
            return
        self._latest = text
        self._wake.set()
        if self._editor is None:
            self._editor = asyncio.create_task(self._edit_loop(), name="reply-edits")

    async def _edit_loop(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            wait = self.edit_interval_s - (time.monotonic() - self._last_edit)
            if wait > 0:
                await asyncio.sleep(wait)
            text, self._latest = self._latest, None
            if text is not None:
                await self._apply(text, Priority.EDIT)

    async def _stop_editor(self) -> None:
        if self._editor is not None:
            self._editor.cancel()
            try:
                await self._editor
            except asyncio.CancelledError:
                pass
            except Exception:  # noqa: BLE001 - an intermediate edit failing is not fatal
                log.warning("a streaming edit failed", exc_info=True)
            self._editor = None

    async def finish(self, text: str) -> None:
        await self._stop_editor()
        if self.messages:
            wait = self.edit_interval_s - (time.monotonic() - self._last_edit)
            if wait > 0:
                await asyncio.sleep(wait)
        await self._apply(text, Priority.NOTICE)

    async def fail(self, text: str) -> None:
        await self._stop_editor()
        if self.messages:
            shown = "".join(self._shown)
            await self._apply(f"{shown}\n\n*{text}*", Priority.NOTICE)
        else:
            await self._send(text, Priority.REPLY)
