"""The conversation loop: one reply in flight per user, late messages folded into the next turn.

Every user message is persisted the moment it arrives, so nothing is lost even if the reply
fails or the process dies; the reply is built from the stored history, which therefore already
contains every message that arrived while the previous reply was streaming.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

from bot.core.clock import Clock
from bot.core.errors import ModelError, OS1Error
from bot.core.models import Companion, StoredMessage, Turn, User
from bot.core.ports import ChatModel, ReplySink
from bot.core.prompt import PromptParts, build_prompt
from bot.store import NewMessage, Store

log = logging.getLogger(__name__)


@dataclass
class CareDecision:
    """What duty of care decided about a turn before the model is asked."""

    notices: list[str] = field(default_factory=list)  # sent before the reply (disclosure, ...)
    intercept: str | None = None  # a deterministic reply instead of the model (crisis, decline)
    instructions: list[str] = field(default_factory=list)  # extra system prompt sections
    stream: bool = True  # False: generate whole, check, then send (safe mode, minors)
    risk_level: str = "none"
    # Who the output check is protecting, fixed for the turn (no re-read per streamed chunk).
    safe_mode: bool = False
    minor: bool = False
    locale: str | None = None


class Care:
    """Duty-of-care hooks; the default does nothing (bot.core.care provides the real one)."""

    async def before_reply(
        self, user: User, companion: Companion, batch: Sequence[Turn], history: Sequence[StoredMessage]
    ) -> CareDecision:
        return CareDecision()

    async def check_output(
        self, user: User, text: str, decision: CareDecision, *, final: bool
    ) -> str | None:
        """None if `text` may be shown; otherwise the safe replacement."""
        return None

    async def after_reply(self, user: User, decision: CareDecision) -> None:
        return None


@dataclass
class PromptContext:
    persona: str
    post_history: str | None
    lore: Sequence[str]
    profile: str | None
    memories: Sequence[str]
    summary: str | None


class ContextProvider:
    """Supplies persona and memory for a prompt (bot.core.companion wires the real one)."""

    async def context(
        self, user: User, companion: Companion, scope: str, history: Sequence[StoredMessage],
        query: str,
    ) -> PromptContext:
        return PromptContext(
            persona=f"You are {companion.display_name}, a warm companion. The user is "
            f"{user.display_name or 'your friend'}.",
            post_history=None, lore=(), profile=None, memories=(), summary=None,
        )


@dataclass
class _Pending:
    turn: Turn
    sink: ReplySink
    done: asyncio.Future[None]


@dataclass
class ConversationConfig:
    context_tokens: int = 8000
    reply_max_tokens: int = 700
    history_turns: int = 60
    update_interval_s: float = 0.5
    # Replies that finish this quickly are sent once, whole, with no edits at all.
    first_update_delay_s: float = 0.4
    # Model calls in flight at once across all users; more wait their turn (with the typing
    # indicator showing) instead of piling onto the provider's rate limit.
    max_concurrent_replies: int = 64
    default_persona_key: str = "samantha"


class Conversations:
    """Per-user serialised replies built from stored history."""

    def __init__(
        self, store: Store, model: ChatModel, clock: Clock, *, config: ConversationConfig,
        care: Care | None = None, context: ContextProvider | None = None,
        after_turn: Callable[[int, str], Awaitable[None] | None] | None = None,
    ) -> None:
        self.store = store
        self.model = model
        self.clock = clock
        self.config = config
        self.care = care or Care()
        self.context = context or ContextProvider()
        self.after_turn = after_turn
        self._pending: dict[int, list[_Pending]] = {}
        self._workers: dict[int, asyncio.Task[None]] = {}
        self._record_locks: dict[int, asyncio.Lock] = {}
        self._record_users: dict[int, int] = {}
        self._model_slots = asyncio.Semaphore(config.max_concurrent_replies)

    async def record(self, turn: Turn) -> None:
        """Persist a user message without replying yet (e.g. while onboarding).

        A per-user lock taken before the first await keeps messages in arrival order even
        when several of them are being stored at once.
        """
        now = turn.at or self.clock.now()
        turn.at = now
        lock = self._record_locks.setdefault(turn.user_id, asyncio.Lock())
        self._record_users[turn.user_id] = self._record_users.get(turn.user_id, 0) + 1
        try:
            async with lock:
                await self.store.people.ensure_user(turn.user_id, turn.display_name, now)
                await self.store.messages.add(
                    NewMessage(
                        user_id=turn.user_id, scope=turn.scope, role="user",
                        speaker=turn.display_name or "user", content=turn.text, created_at=now,
                        discord_message_id=turn.discord_message_id,
                    )
                )
        finally:
            self._record_users[turn.user_id] -= 1
            if not self._record_users[turn.user_id]:  # nobody else storing: drop the lock
                del self._record_users[turn.user_id]
                self._record_locks.pop(turn.user_id, None)

    async def reply_pending(self, user_id: int, scope: str, sink: ReplySink) -> bool:
        """Answer stored messages that have had no reply yet; False if there are none."""
        history = await self.store.messages.recent(user_id, scope, self.config.history_turns)
        pending = []
        for msg in reversed(history):
            if msg.role != "user":
                break
            pending.append(msg)
        if not pending:
            return False
        user = await self.store.people.get_user(user_id)
        turn = Turn(user_id=user_id, text="\n".join(m.content for m in reversed(pending)),
                    scope=scope, display_name=user.display_name if user else "", at=self.clock.now())
        await self._enqueue(turn, sink)
        return True

    async def submit(self, turn: Turn, sink: ReplySink) -> None:
        """Persist the message, then wait until a reply covering it has been delivered."""
        await self.record(turn)
        await self._enqueue(turn, sink)

    async def _enqueue(self, turn: Turn, sink: ReplySink) -> None:
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._pending.setdefault(turn.user_id, []).append(_Pending(turn, sink, done))
        if turn.user_id not in self._workers:
            self._workers[turn.user_id] = asyncio.create_task(
                self._worker(turn.user_id), name=f"conversation-{turn.user_id}"
            )
        await asyncio.shield(done)

    @property
    def in_flight(self) -> int:
        return len(self._workers)

    async def drain(self) -> None:
        """Wait for all replies in flight (used at shutdown and in tests)."""
        while self._workers:
            await asyncio.gather(*list(self._workers.values()), return_exceptions=True)

    async def _worker(self, user_id: int) -> None:
        try:
            while self._pending.get(user_id):
                queue = self._pending[user_id]
                scope = queue[0].turn.scope
                batch = [p for p in queue if p.turn.scope == scope]
                self._pending[user_id] = [p for p in queue if p.turn.scope != scope]
                try:
                    await self._respond([p.turn for p in batch], batch[-1].sink)
                except Exception:  # noqa: BLE001 - one user's failure must not kill the worker
                    log.exception("reply failed for a user")
                    try:
                        await batch[-1].sink.fail(OS1Error.user_message)
                    except Exception:  # noqa: BLE001
                        log.exception("could not even tell the user about the failure")
                finally:
                    for p in batch:
                        if not p.done.done():
                            p.done.set_result(None)
        finally:
            self._workers.pop(user_id, None)
            if not self._pending.get(user_id):
                self._pending.pop(user_id, None)

    async def _respond(self, batch: list[Turn], sink: ReplySink) -> None:
        last = batch[-1]
        now = self.clock.now()
        user = await self.store.people.get_user(last.user_id)
        assert user is not None
        companion, _ = await self.store.people.ensure_companion(
            user.id, self.config.default_persona_key, now)
        history = await self.store.messages.recent(user.id, last.scope, self.config.history_turns)
        await sink.typing()

        decision = await self.care.before_reply(user, companion, batch, history)
        for notice in decision.notices:
            await sink.notice(notice)
            await self._persist(user, companion, last.scope, "notice", notice)
        if decision.intercept is not None:
            await sink.finish(decision.intercept)
            await self._persist(user, companion, last.scope, "notice", decision.intercept)
            await self.care.after_reply(user, decision)
            return

        query = "\n".join(t.text for t in batch)
        ctx = await self.context.context(user, companion, last.scope, history, query)
        prompt = build_prompt(
            PromptParts(
                persona=ctx.persona,
                instructions=decision.instructions,
                profile=ctx.profile,
                memories=ctx.memories,
                summary=ctx.summary,
                lore=ctx.lore,
                history=history,
                post_history=ctx.post_history,
                speaker_names=last.scope != "dm",
            ),
            budget=self.config.context_tokens,
            reply_reserve=self.config.reply_max_tokens,
        )
        try:
            async with self._model_slots:
                text = await self._generate(user, prompt.messages, decision, sink)
        except ModelError as exc:
            log.warning("model failed for a reply: %s", exc)
            await sink.fail(exc.user_message)
            return
        replacement = await self.care.check_output(user, text, decision, final=True)
        if replacement is not None:
            text = replacement
        if not text.strip():
            text = "…I'm here. I just lost the words for a second — tell me more?"
        await sink.finish(text)
        await self._persist(user, companion, last.scope, "assistant", text)
        await self.care.after_reply(user, decision)
        if self.after_turn is not None:
            result = self.after_turn(user.id, last.scope)
            if asyncio.iscoroutine(result):
                await result

    async def _generate(
        self, user: User, messages: list, decision: CareDecision, sink: ReplySink
    ) -> str:
        chunks: list[str] = []
        last_update = 0.0
        started = time.monotonic()
        stream = self.model.stream_chat(messages, max_tokens=self.config.reply_max_tokens)
        try:
            async for delta in stream:
                chunks.append(delta)
                if not decision.stream:
                    continue
                now = time.monotonic()
                if (now - started >= self.config.first_update_delay_s
                        and now - last_update >= self.config.update_interval_s):
                    so_far = "".join(chunks)
                    # The check runs on exactly what would be shown; unsafe text never streams.
                    if await self.care.check_output(user, so_far, decision, final=False):
                        decision.stream = False
                        continue
                    await sink.update(so_far)
                    last_update = now
        finally:
            await stream.aclose()  # type: ignore[attr-defined]
        return "".join(chunks)

    async def _persist(
        self, user: User, companion: Companion, scope: str, role: str, text: str
    ) -> None:
        await self.store.messages.add(
            NewMessage(
                user_id=user.id, scope=scope, role=role,  # type: ignore[arg-type]
                speaker=companion.display_name if role != "user" else user.display_name,
                content=text, created_at=self.clock.now(),
            )
        )
