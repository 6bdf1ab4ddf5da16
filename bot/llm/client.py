"""The one place that talks to the model provider (any OpenAI-compatible base URL).

One `AsyncOpenAI` per process. The openai client's own retries are off: we retry here, with
backoff and jitter, on 429/5xx/connection errors, and only before the first token of a stream
(retrying later would repeat text the user already saw). Errors leave as the small typed
hierarchy in bot.core.errors; the log gets the detail, the user a kind sentence.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any

import numpy as np
import openai
from openai import AsyncOpenAI

from bot.core.errors import (
    ModelConfigError,
    ModelError,
    ModelRateLimited,
    ModelStreamBroken,
    ModelTimeout,
    ModelUnavailable,
)
from bot.core.ports import ChatMessage

log = logging.getLogger(__name__)

SELF_HARM_CATEGORIES = ("self-harm", "self-harm/intent", "self-harm/instructions")


def map_error(exc: BaseException) -> ModelError:
    """Translate an openai/httpx exception into our hierarchy."""
    if isinstance(exc, ModelError):
        return exc
    if isinstance(exc, openai.APITimeoutError | asyncio.TimeoutError):
        return ModelTimeout(f"model timed out: {exc}")
    if isinstance(exc, openai.RateLimitError):
        return ModelRateLimited(f"rate limited: {exc}")
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        return ModelConfigError(f"provider refused our credentials: {exc}")
    if isinstance(exc, openai.NotFoundError):
        return ModelConfigError(f"model or endpoint not found: {exc}")
    if isinstance(exc, openai.BadRequestError):
        return ModelError(f"provider rejected the request: {exc}")
    if isinstance(exc, openai.APIStatusError):
        return ModelUnavailable(f"provider error {exc.status_code}: {exc}")
    if isinstance(exc, openai.APIConnectionError):
        return ModelUnavailable(f"cannot reach provider: {exc}")
    if isinstance(exc, openai.APIError):
        return ModelStreamBroken(f"provider stream failed: {exc}")
    if isinstance(exc, ValueError):  # the SDK lets invalid JSON bodies through as ValueError
        return ModelUnavailable(f"provider sent malformed data: {exc}")
    return ModelError(f"unexpected model failure: {exc!r}")


def _retryable(exc: ModelError) -> bool:
    return isinstance(exc, ModelRateLimited | ModelUnavailable | ModelTimeout)


def _retry_after(exc: BaseException) -> float | None:
    response = getattr(exc, "response", None)
    if response is None:
        return None
    try:
        return float(response.headers.get("retry-after", ""))
    except ValueError:
        return None


def _messages_kwargs(messages: Sequence[ChatMessage]) -> dict[str, Any]:
    """Send the messages as plain JSON.

    The SDK walks `messages` through its recursive TypedDict transform, which costs
    milliseconds per request for a long history (measured: the largest CPU cost of a turn).
    Our messages are already plain {"role", "content"} dicts, so we pass them in `extra_body`,
    which the SDK merges into the request body as is, and give the typed parameter an empty list.
    """
    return {"messages": [], "extra_body": {"messages": [dict(m) for m in messages]}}


class LLMClient:
    """Chat (streamed or whole), embeddings and moderation over one AsyncOpenAI."""

    def __init__(
        self, *, base_url: str, api_key: str, model: str, timeout_s: float = 60.0,
        max_retries: int = 2, embedding_model: str | None = None, moderation: bool = False,
        backoff_base_s: float = 0.5,
    ) -> None:
        self.model = model
        self.embedding_model = embedding_model
        self.moderation_enabled = moderation
        self.max_retries = max_retries
        self.backoff_base_s = backoff_base_s
        self.timeout_s = timeout_s
        # Local providers (Ollama, vLLM) accept any key; the SDK insists on a non-empty one.
        self._client = AsyncOpenAI(
            base_url=base_url, api_key=api_key or "not-needed", timeout=timeout_s, max_retries=0
        )

    async def close(self) -> None:
        await self._client.close()

    async def _backoff(self, attempt: int, exc: BaseException) -> None:
        delay = _retry_after(exc)
        if delay is None:
            delay = self.backoff_base_s * (2**attempt)
        delay = min(delay, 20.0) * (0.8 + 0.4 * random.random())
        log.warning("model call failed (%s); retry %d in %.2fs", type(exc).__name__, attempt + 1, delay)
        await asyncio.sleep(delay)

    async def stream_chat(
        self, messages: Sequence[ChatMessage], *, max_tokens: int | None = None,
        temperature: float | None = None,
    ) -> AsyncIterator[str]:
        """Yield text deltas. Retries only until the first delta has been produced."""
        attempt = 0
        while True:
            started = False
            try:
                kwargs: dict[str, Any] = {}
                if max_tokens is not None:
                    kwargs["max_tokens"] = max_tokens
                if temperature is not None:
                    kwargs["temperature"] = temperature
                stream = await self._client.chat.completions.create(
                    model=self.model, stream=True, **_messages_kwargs(messages), **kwargs)
                async with stream:
                    async for chunk in stream:
                        if not chunk.choices:
                            continue
                        delta = chunk.choices[0].delta.content
                        if delta:
                            started = True
                            yield delta
                return
            except Exception as exc:  # noqa: BLE001 - mapped and re-raised below
                mapped = map_error(exc)
                if started:
                    raise ModelStreamBroken(f"stream broke after first token: {exc!r}") from exc
                if not _retryable(mapped) or attempt >= self.max_retries:
                    log.error("model call failed for good: %s", mapped)
                    raise mapped from exc
                await self._backoff(attempt, exc)
                attempt += 1

    async def complete(
        self, messages: Sequence[ChatMessage], *, json_mode: bool = False,
        max_tokens: int | None = None, temperature: float | None = None,
    ) -> str:
        attempt = 0
        while True:
            try:
                kwargs: dict[str, Any] = {}
                if json_mode:
                    kwargs["response_format"] = {"type": "json_object"}
                if max_tokens is not None:
                    kwargs["max_tokens"] = max_tokens
                if temperature is not None:
                    kwargs["temperature"] = temperature
                result = await self._client.chat.completions.create(
                    model=self.model, **_messages_kwargs(messages), **kwargs)
                return result.choices[0].message.content or ""
            except Exception as exc:  # noqa: BLE001
                mapped = map_error(exc)
                if not _retryable(mapped) or attempt >= self.max_retries:
                    raise mapped from exc
                await self._backoff(attempt, exc)
                attempt += 1

    async def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not self.embedding_model:
            raise ModelConfigError("no embedding model configured")
        try:
            result = await self._client.embeddings.create(
                model=self.embedding_model, input=list(texts))
        except Exception as exc:  # noqa: BLE001
            raise map_error(exc) from exc
        vectors = np.asarray([d.embedding for d in result.data], dtype=np.float32)
        return vectors

    async def moderate(self, text: str) -> Mapping[str, float] | None:
        """Self-harm category scores, or None when moderation is off or unavailable."""
        if not self.moderation_enabled:
            return None
        try:
            result = await self._client.moderations.create(
                model="omni-moderation-latest", input=text)
        except Exception as exc:  # noqa: BLE001 - the offline detector always runs anyway
            log.warning("moderation unavailable: %s", map_error(exc))
            return None
        scores = result.results[0].category_scores.model_dump(by_alias=True)
        return {k: float(scores.get(k) or 0.0) for k in SELF_HARM_CATEGORIES}

    async def list_models(self) -> list[str]:
        try:
            page = await self._client.models.list()
        except Exception as exc:  # noqa: BLE001
            raise map_error(exc) from exc
        return [m.id for m in page.data]


class ProviderEmbedder:
    """Embeddings from the provider's /v1/embeddings, as an Embedder."""

    def __init__(self, client: LLMClient, dim_hint: int = 0) -> None:
        self._client = client
        self.name = f"provider:{client.embedding_model}"
        self.dim = dim_hint

    async def embed(self, texts: Sequence[str]) -> np.ndarray:
        vectors = await self._client.embed(texts)
        if vectors.size:
            self.dim = int(vectors.shape[1])
        return vectors
