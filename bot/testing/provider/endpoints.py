"""Endpoint bodies of the fake provider that need no provider state: validation, SSE writing,
embeddings, moderation responses, the default reply."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from aiohttp import web

from bot.testing.provider import faults, moderation, wire
from bot.testing.provider.embedding import hashed_embedding, to_base64, token_ids_text, tokens

log = logging.getLogger(__name__)

BROKEN_AFTER_EVENTS = 3  # broken_stream: role chunk + two content chunks, then the connection dies
MAX_EMBEDDING_INPUTS = 2048
_ECHO_WORDS = 12
_JSON_WORD_ERROR = (
    "'messages' must contain the word 'json' in some form, to use 'response_format' of type "
    "'json_object'."
)


def echo_reply(body: Mapping[str, Any]) -> str:
    """The default reply: warm, short, deterministic, echoing the start of the last user turn."""
    words = wire.last_user_text(body).split()
    if not words:
        return "I'm here with you."
    snippet = " ".join(words[:_ECHO_WORDS]) + ("…" if len(words) > _ECHO_WORDS else "")
    return f"I hear you: {snippet}"


def json_mode(body: Mapping[str, Any]) -> str | None:
    """``json_object`` / ``json_schema`` when the request asks for JSON output, else None."""
    fmt = body.get("response_format")
    if isinstance(fmt, Mapping) and fmt.get("type") in ("json_object", "json_schema"):
        return str(fmt["type"])
    return None


def validate_chat(body: Any, models: Sequence[str]) -> web.Response | None:
    """The 400 / 404 the real API gives for a bad chat request, or None when it is fine."""
    if not isinstance(body, Mapping):
        return wire.error_response(400, "We could not parse the JSON body of your request.")
    model = body.get("model")
    if not isinstance(model, str) or not model:
        return wire.error_response(400, "you must provide a model parameter", param="model")
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        return wire.error_response(
            400, "[] is too short - 'messages'", code="invalid_value", param="messages"
        )
    for i, message in enumerate(messages):
        if not isinstance(message, Mapping) or not isinstance(message.get("role"), str):
            return wire.error_response(
                400, f"Missing required parameter: 'messages[{i}].role'.", param=f"messages[{i}]"
            )
    if model not in models:
        return wire.model_not_found(model)
    if json_mode(body) == "json_object" and not any(
        "json" in t.lower() for t in wire.message_texts(body)
    ):
        return wire.error_response(400, _JSON_WORD_ERROR, param="messages")
    return None


def max_tokens(body: Mapping[str, Any]) -> int | None:
    for key in ("max_completion_tokens", "max_tokens"):
        value = body.get(key)
        if isinstance(value, int) and value > 0:
            return value
    return None


def completion_pieces(body: Mapping[str, Any], text: str) -> tuple[list[str], str]:
    """Word pieces of the reply, cut at ``max_tokens`` (finish_reason "length") if given."""
    pieces = wire.split_pieces(text)
    limit = max_tokens(body)
    if limit is not None and len(pieces) > limit:
        return pieces[:limit], "length"
    return pieces, "stop"


async def stream_chat(
    request: web.Request,
    *,
    body: Mapping[str, Any],
    pieces: list[str],
    finish_reason: str,
    completion_id: str,
    request_id: str,
    created: int,
    delay: float,
    pause: Callable[[float], Awaitable[bool]],
    fault: str | None,
) -> web.StreamResponse:
    """Write the completion as SSE ``chat.completion.chunk`` events, one word per chunk.

    ``fault`` "broken_stream" aborts the connection after a few events; "malformed" sends an
    event whose data is not JSON. ``pause`` sleeps and returns False when the provider closes,
    in which case the connection is dropped.
    """
    stream_options = body.get("stream_options")
    include_usage = isinstance(stream_options, Mapping) and bool(
        stream_options.get("include_usage")
    )
    model = str(body["model"])

    def chunk(delta: dict[str, Any] | None, finish: str | None = None, **extra: Any) -> bytes:
        return wire.sse(
            wire.chat_chunk(
                completion_id=completion_id,
                model=model,
                created=created,
                delta=delta,
                finish_reason=finish,
                include_usage=include_usage,
                **extra,
            )
        )

    events = [chunk({"role": "assistant", "content": "", "refusal": None})]
    events += [chunk({"content": piece}) for piece in pieces]
    events.append(chunk({}, finish_reason))
    if include_usage:
        usage_block = wire.usage(wire.prompt_tokens(body), len(pieces))
        events.append(chunk(None, usage_block=usage_block))
    events.append(wire.sse("[DONE]"))
    if fault == "malformed":
        events.insert(1, b'data: {"id": "' + completion_id.encode() + b'", "choices": [{\n\n')
    cut = min(BROKEN_AFTER_EVENTS, len(events) - 3) if fault == "broken_stream" else None

    response = web.StreamResponse(
        status=200,
        headers={
            "Content-Type": "text/event-stream; charset=utf-8",
            "Cache-Control": "no-cache",
            "x-request-id": request_id,
        },
    )
    await response.prepare(request)
    try:
        for i, event in enumerate(events):
            if cut is not None and i >= max(cut, 1):
                faults.drop_connection(request)
                return response
            if i > 0 and delay > 0 and not await pause(delay):
                faults.drop_connection(request)
                return response
            await response.write(event)
        await response.write_eof()
    except ConnectionResetError:
        log.debug("client went away during stream %s", completion_id)
    return response


def embeddings(body: Any, *, default_dim: int) -> web.Response:
    if not isinstance(body, Mapping):
        return wire.error_response(400, "We could not parse the JSON body of your request.")
    model = body.get("model")
    if not isinstance(model, str) or not model:
        return wire.error_response(400, "you must provide a model parameter", param="model")
    raw = body.get("input")
    texts: list[str]
    if isinstance(raw, str):
        texts = [raw]
    elif isinstance(raw, list) and raw and all(isinstance(x, str) for x in raw):
        texts = list(raw)
    elif isinstance(raw, list) and raw and all(isinstance(x, int) for x in raw):
        texts = [token_ids_text(raw)]
    elif (
        isinstance(raw, list)
        and raw
        and all(isinstance(x, list) and x and all(isinstance(i, int) for i in x) for x in raw)
    ):
        texts = [token_ids_text(x) for x in raw]
    else:
        return wire.error_response(400, "'$.input' is invalid.", param="input")
    if len(texts) > MAX_EMBEDDING_INPUTS:
        return wire.error_response(
            400, f"'$.input' is too long: at most {MAX_EMBEDDING_INPUTS} inputs", param="input"
        )
    if any(t == "" for t in texts):
        return wire.error_response(
            400, "'$.input' is invalid: input cannot be an empty string", param="input"
        )
    dim = body.get("dimensions", default_dim)
    if not isinstance(dim, int) or dim < 1:
        return wire.error_response(
            400, "'dimensions' must be a positive integer", param="dimensions"
        )
    encoding = body.get("encoding_format", "float")
    if encoding not in ("float", "base64"):
        return wire.error_response(
            400, f"'{encoding}' is not one of ['float', 'base64']", param="encoding_format"
        )
    data = []
    for index, text in enumerate(texts):
        vector = hashed_embedding(text, dim)
        value: Any = to_base64(vector) if encoding == "base64" else vector.tolist()
        data.append({"object": "embedding", "index": index, "embedding": value})
    used = sum(max(1, len(tokens(t))) for t in texts)
    return wire.json_response(wire.embedding_response(data, model=model, tokens=used))


def moderations(body: Any, *, verdict: Callable[[str], list[str]], request_id: str) -> web.Response:
    if not isinstance(body, Mapping):
        return wire.error_response(400, "We could not parse the JSON body of your request.")
    items = moderation.input_items(body.get("input"))
    if items is None:
        return wire.error_response(400, "'$.input' is invalid.", param="input")
    model = body.get("model") or moderation.DEFAULT_MODEL
    results = [moderation.result(verdict(text), has_image=image) for text, image in items]
    return wire.json_response(
        {"id": "modr-" + request_id.removeprefix("req_"), "model": model, "results": results}
    )


def json_default_reply(text: str) -> str:
    """What the default responder says in JSON mode: the echo wrapped in an object."""
    return json.dumps({"reply": text}, ensure_ascii=False)
