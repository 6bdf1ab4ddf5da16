"""The typed container of services, built once and passed into the bot's constructor."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from bot.app.limiter import OutboundLimiter
from bot.core.clock import Clock, SystemClock
from bot.core.companion import CompanionService
from bot.core.conversation import ConversationConfig, Conversations
from bot.core.library import Library
from bot.core.onboarding import Onboarding
from bot.core.ports import Embedder
from bot.llm.client import LLMClient, ProviderEmbedder
from bot.settings import Settings
from bot.store import Store

log = logging.getLogger(__name__)


@dataclass
class Services:
    settings: Settings
    clock: Clock
    store: Store
    llm: LLMClient
    limiter: OutboundLimiter
    companions: CompanionService
    conversations: Conversations
    onboarding: Onboarding
    library: Library


def make_llm(settings: Settings) -> LLMClient:
    return LLMClient(
        base_url=settings.openai_base_url,
        api_key=settings.openai_api_key.get(),
        model=settings.model,
        timeout_s=settings.model_timeout_s,
        max_retries=settings.model_max_retries,
        embedding_model=settings.embedding_model,
        moderation=settings.moderation,
    )


def make_embedder(settings: Settings, llm: LLMClient) -> Embedder | None:
    """The configured embedder, or None for lexical-only recall."""
    if settings.embedder == "provider":
        return ProviderEmbedder(llm)
    if settings.embedder == "local":
        from bot.core.memory.embedder import LocalMiniLMEmbedder

        return LocalMiniLMEmbedder()
    return None


TRAINING_FILES = ("safety.jsonl", "safety_holdout.jsonl", "safety_dev2.jsonl")


async def make_semantic_signal() -> object | None:
    """The optional MiniLM crisis signal, trained on the labelled sets in `evals/`.

    Returns None (and says why in the log) when the local-embeddings extra or the sets are
    missing; the rules and the moderation endpoint still run."""
    import os

    from bot.core.memory.embedder import EmbedderUnavailable, LocalMiniLMEmbedder
    from bot.core.safety.semantic import SemanticRiskSignal

    if not LocalMiniLMEmbedder.available():
        log.warning("OS1_SAFETY_SEMANTIC needs the local-embeddings extra; running without it")
        return None
    evals = Path(__file__).resolve().parent.parent / "evals"
    paths = [evals / name for name in TRAINING_FILES]
    if not all(p.is_file() for p in paths):
        log.warning("OS1_SAFETY_SEMANTIC needs %s; running without it", evals)
        return None
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "os1" / "semantic"
    try:
        signal = SemanticRiskSignal.from_files(LocalMiniLMEmbedder(), paths, cache_dir=cache)
        await signal.prepare()
    except (OSError, ValueError, EmbedderUnavailable) as exc:
        log.warning("semantic crisis signal unavailable: %s", exc)
        return None
    return signal


@asynccontextmanager
async def build_services(
    settings: Settings, *, clock: Clock | None = None, store: Store | None = None,
) -> AsyncIterator[Services]:
    """Open everything in order and close it in reverse, whatever happens."""
    clock = clock or SystemClock()
    own_store = store is None
    store = store or await Store.open(settings.database)
    llm = make_llm(settings)
    limiter = OutboundLimiter(settings.rest_rate_per_s)
    companions = CompanionService(store, llm, clock, settings, embedder=make_embedder(settings, llm))
    conversations = Conversations(
        store, llm, clock,
        config=ConversationConfig(
            context_tokens=settings.context_tokens,
            reply_max_tokens=settings.reply_max_tokens,
            max_concurrent_replies=settings.max_concurrent_replies,
            default_persona_key=companions.default_persona_key,
        ),
        care=companions.care,
        context=companions,
        after_turn=companions.after_turn,
    )
    services = Services(
        settings, clock, store, llm, limiter, companions, conversations,
        onboarding=Onboarding(store, clock, companions),
        library=Library(store, llm, clock),
    )
    if settings.safety_semantic:
        companions.care.semantic = await make_semantic_signal()
    try:
        await companions.start()
        yield services
    finally:
        await conversations.drain()
        await companions.stop()
        await limiter.close()
        await llm.close()
        if own_store:
            await store.close()
