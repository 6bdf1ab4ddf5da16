"""JSON shapes of the OpenAI HTTP API, as the fake provider sends them.

Pure functions only: they build dicts / bytes and never touch the network. Shapes follow the
models in the installed ``openai`` package (``types/chat/chat_completion*.py``,
``types/create_embedding_response.py``, ``types/model.py``), and the tests validate them with
``_strict_response_validation=True`` so a drift shows up as a test failure.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Mapping
from typing import Any

from aiohttp import web

log = logging.getLogger(__name__)

SYSTEM_FINGERPRINT = "fp_os1fake"
OWNED_BY = "os1-fake"
_WORD = re.compile(r"\S+")
_PIECE = re.compile(r"\S+\s*")


def dumps(obj: Any) -> bytes:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def json_response(
    obj: Any, *, status: int = 200, headers: Mapping[str, str] | None = None
) -> web.Response:
    """A JSON response with ``Content-Type: application/json`` exactly (no charset), as OpenAI."""
    return web.Response(
        body=dumps(obj), status=status, content_type="application/json", headers=headers
    )


def error_payload(
    message: str, *, type_: str, code: str | None = None, param: str | None = None
) -> dict[str, Any]:
    return {"error": {"message": message, "type": type_, "param": param, "code": code}}


def error_response(
    status: int,
    message: str,
    *,
    type_: str = "invalid_request_error",
    code: str | None = None,
    param: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> web.Response:
    return json_response(
        error_payload(message, type_=type_, code=code, param=param), status=status, headers=headers
    )


def model_not_found(model: str) -> web.Response:
    return error_response(
        404,
        f"The model `{model}` does not exist or you do not have access to it.",
        code="model_not_found",
    )


def content_text(content: Any) -> str:
    """The text of a message ``content``: a string, a list of parts, or None."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        texts = [
            str(part.get("text", ""))
            for part in content
            if isinstance(part, Mapping) and part.get("type") in ("text", "input_text")
        ]
        return "\n".join(texts)
    return ""


def message_texts(body: Mapping[str, Any]) -> list[str]:
    """The text content of every message in a chat request body."""
    messages = body.get("messages")
    if not isinstance(messages, list):
        return []
    return [content_text(m.get("content")) for m in messages if isinstance(m, Mapping)]


def last_user_text(body: Mapping[str, Any]) -> str:
    messages = body.get("messages")
    if not isinstance(messages, list):
        return ""
    for message in reversed(messages):
        if isinstance(message, Mapping) and message.get("role") == "user":
            return content_text(message.get("content"))
    return ""


def count_tokens(text: str) -> int:
    """Whitespace-separated words: the fake's notion of a token."""
    return len(_WORD.findall(text))


def prompt_tokens(body: Mapping[str, Any]) -> int:
    texts = message_texts(body)
    # a few tokens of per-message overhead, like the real tokenizer's role/separator tokens
    return sum(count_tokens(t) for t in texts) + 3 * len(texts)


def split_pieces(text: str) -> list[str]:
    """Split into word pieces whose concatenation is exactly ``text`` (one piece per token)."""
    pieces = _PIECE.findall(text)
    if not pieces:
        return [text] if text else []
    lead = text[: len(text) - len(text.lstrip())]
    if lead:
        pieces[0] = lead + pieces[0]
    return pieces


def usage(prompt: int, completion: int) -> dict[str, Any]:
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
        "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
        "completion_tokens_details": {
            "reasoning_tokens": 0,
            "audio_tokens": 0,
            "accepted_prediction_tokens": 0,
            "rejected_prediction_tokens": 0,
        },
    }


def chat_completion(
    *,
    completion_id: str,
    model: str,
    content: str,
    finish_reason: str,
    usage_block: dict[str, Any],
) -> dict[str, Any]:
    return {
        "id": completion_id,
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {
                    "role": "assistant",
                    "content": content,
                    "refusal": None,
                    "annotations": [],
                },
                "logprobs": None,
                "finish_reason": finish_reason,
            }
        ],
        "usage": usage_block,
        "service_tier": "default",
        "system_fingerprint": SYSTEM_FINGERPRINT,
    }


def chat_chunk(
    *,
    completion_id: str,
    model: str,
    created: int,
    delta: dict[str, Any] | None,
    finish_reason: str | None = None,
    include_usage: bool = False,
    usage_block: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """One ``chat.completion.chunk``. ``delta=None`` makes the usage-only chunk (no choices)."""
    chunk: dict[str, Any] = {
        "id": completion_id,
        "object": "chat.completion.chunk",
        "created": created,
        "model": model,
        "service_tier": "default",
        "system_fingerprint": SYSTEM_FINGERPRINT,
        "choices": []
        if delta is None
        else [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}],
    }
    if include_usage:
        chunk["usage"] = usage_block
    return chunk


def sse(data: Mapping[str, Any] | str) -> bytes:
    """One server-sent event: ``data: <json>\\n\\n`` (or a raw string such as ``[DONE]``)."""
    payload = data if isinstance(data, str) else dumps(data).decode("utf-8")
    return f"data: {payload}\n\n".encode()


def model_object(model_id: str, created: int) -> dict[str, Any]:
    return {"id": model_id, "object": "model", "created": created, "owned_by": OWNED_BY}


def embedding_response(data: list[dict[str, Any]], *, model: str, tokens: int) -> dict[str, Any]:
    return {
        "object": "list",
        "data": data,
        "model": model,
        "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
    }
