"""A fake OpenAI-compatible provider for tests, benchmarks and ``os1`` eval commands.

``FakeProvider`` is an aiohttp server on 127.0.0.1 that speaks the real wire protocol, so the
unmodified ``openai.AsyncOpenAI(base_url=fake.base_url, api_key="test")`` talks to it:

- ``POST /v1/chat/completions``: JSON or SSE stream (one word per chunk, ``[DONE]`` at the end,
  a usage chunk when ``stream_options.include_usage``); scripted by ``on_chat`` rules, else a
  deterministic echo ("I hear you: ..."); unknown model -> 404 ``model_not_found``;
  ``response_format`` json_object/json_schema accepted (json_object needs "json" in the
  messages, as the real API insists); ``max_tokens`` cuts the reply with finish_reason "length".
- ``POST /v1/embeddings``: hashed bag-of-words vectors (``embedding.hashed_embedding``), float
  or base64 (the openai client asks for base64 unless told otherwise), ``dimensions`` honoured.
- ``POST /v1/moderations``: omni-moderation shape; ``script_moderation`` rules, else self-harm
  phrases flag ``self-harm`` and ``self-harm/intent``.
- ``GET /v1/models`` and ``GET /v1/models/{id}``.

Every request is recorded (``requests``); ``inject`` queues faults (latency, timeout, 429, 500,
broken_stream, malformed). The pytest fixture lives in ``bot.testing.openai_fake``, so importing
this package does not need pytest.
"""

from bot.testing.provider.embedding import hashed_embedding
from bot.testing.provider.moderation import CATEGORIES as MODERATION_CATEGORIES
from bot.testing.provider.scripting import ChatRule, FaultKind, RecordedRequest
from bot.testing.provider.server import FakeProvider

__all__ = [
    "MODERATION_CATEGORIES",
    "ChatRule",
    "FakeProvider",
    "FaultKind",
    "RecordedRequest",
    "hashed_embedding",
]
