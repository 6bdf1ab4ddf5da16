"""JSON chat exports: a list of messages, an object with a "messages" list, JSON Lines, and
ChatGPT's conversations.json (each conversation's message tree walked along its active branch).

Everything is streamed with ijson (C backend): one message, or one ChatGPT conversation, is in
memory at a time, never the whole file.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Mapping
from typing import Any, BinaryIO

import ijson

from bot.core.archive.model import (
    ArchiveError,
    ArchiveItem,
    ArchiveLimits,
    make_items,
    parse_timestamp,
)
from bot.core.archive.streams import peek, repaired

log = logging.getLogger(__name__)

JSONL_LINE_LIMIT = 16 * 1024 * 1024
_PARSE_CHUNK = 16 * 1024
_TEXT_KEYS = ("content", "text", "contents", "message", "body", "parts")
_AUTHOR_KEYS = ("role", "author", "sender", "from", "speaker", "user", "name")
_NAME_KEYS = ("nickname", "name", "username", "display_name", "role")
_TIME_KEYS = ("timestamp", "time", "date", "created_at", "create_time", "datetime", "ts", "sent_at")
_CHATGPT_TEXT_TYPES = frozenset({"text", "multimodal_text"})


class _Tally:
    """Counts the bytes handed to the parser, so an error can say where it is."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.delivered = 0

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self.delivered += len(data)
        return data


def json_values(stream: BinaryIO, prefix: str, *, where: str) -> Iterator[Any]:
    """ijson.items over a UTF-8-repaired stream, with parse errors told as a person would
    want them ("... is not valid JSON near byte 16,384": the parser reads 16 KB at a time, so
    the fault lies within the 16 KB before that byte)."""
    tally = _Tally(repaired(stream))
    try:
        yield from ijson.items(tally, prefix, use_float=True, buf_size=_PARSE_CHUNK)
    except ijson.IncompleteJSONError as exc:
        if "premature EOF" in str(exc):
            raise ArchiveError(
                f"{where} ends too early, after {tally.delivered:,} bytes: it looks cut off. "
                "Try exporting or downloading it again."
            ) from exc
        raise ArchiveError(f"{where} is not valid JSON near byte {tally.delivered:,}.") from exc
    except ijson.JSONError as exc:
        raise ArchiveError(f"{where} is not valid JSON near byte {tally.delivered:,}.") from exc


def first_char(stream: BinaryIO) -> bytes:
    """The first non-whitespace byte of a buffered stream (after a BOM), without consuming it."""
    head = peek(stream, 4096)
    head = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    return head.lstrip()[:1]


def iter_json_chat(
    stream: BinaryIO, *, source: str, where: str, limits: ArchiveLimits
) -> Iterator[ArchiveItem]:
    """A JSON chat export: `[{...}, ...]`, `{"messages": [...]}` or one ChatGPT conversation."""
    start = first_char(stream)
    if start == b"[":
        prefix = "item"
    elif start == b"{":
        head = peek(stream, 65536)
        if b'"messages"' in head:
            prefix = "messages.item"
        elif b'"mapping"' in head:
            for conv in json_values(stream, "", where=where):
                yield from conversation_items(conv, "conversation", source, limits)
            return
        else:
            raise ArchiveError(
                f"{where} is JSON, but not a chat export I recognise: I read a list of "
                'messages, an object with a "messages" list, or ChatGPT\'s conversations.json.'
            )
    elif not start:
        raise ArchiveError(f"{where} is empty.")
    else:
        raise ArchiveError(f"{where} is not valid JSON near byte 0.")
    elements = produced = 0
    for index, value in enumerate(json_values(stream, prefix, where=where)):
        elements += 1
        if isinstance(value, Mapping) and "mapping" in value:
            items = list(conversation_items(value, f"conversations[{index}]", source, limits))
        else:
            items = message_items(value, f"message {index + 1}", source, "", limits)
        produced += len(items)
        yield from items
    _require_some(elements, produced, where)


def iter_jsonl(
    stream: BinaryIO, *, source: str, where: str, limits: ArchiveLimits
) -> Iterator[ArchiveItem]:
    """JSON Lines: one message (or one ChatGPT conversation) per line."""
    elements = produced = 0
    line_no = 0
    while True:
        raw = stream.readline(JSONL_LINE_LIMIT + 1)
        if not raw:
            break
        line_no += 1
        if len(raw) > JSONL_LINE_LIMIT and not raw.endswith(b"\n"):
            raise ArchiveError(
                f"Line {line_no:,} of {where} is longer than "
                f"{JSONL_LINE_LIMIT // (1024 * 1024)} MB; I can read lines up to that size."
            )
        text = raw.decode("utf-8-sig" if line_no == 1 else "utf-8", errors="replace").strip()
        if not text:
            continue
        try:
            value = json.loads(text)
        except ValueError as exc:
            raise ArchiveError(f"Line {line_no:,} of {where} is not valid JSON.") from exc
        elements += 1
        if isinstance(value, Mapping) and "mapping" in value:
            items = list(conversation_items(value, f"line {line_no}", source, limits))
        else:
            items = message_items(value, f"line {line_no}", source, "", limits)
        produced += len(items)
        yield from items
    _require_some(elements, produced, where)


def _require_some(elements: int, produced: int, where: str) -> None:
    if elements and not produced:
        raise ArchiveError(
            f"I read {elements:,} entries in {where} but found no messages in them. I look for "
            'objects with a "content" or "text" field (and "role" or "author").'
        )


def _lower_keys(obj: Mapping[str, Any]) -> dict[str, Any]:
    return {str(k).lower(): v for k, v in obj.items()}


def _text_of(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "\n".join(t for part in value if (t := _text_of(part)))
    if isinstance(value, Mapping):
        lowered = _lower_keys(value)
        for key in ("text", "parts", "content", "value"):
            if key in lowered:
                return _text_of(lowered[key])
    return ""


def _author_of(value: Any) -> str:
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, Mapping):
        lowered = _lower_keys(value)
        for key in _NAME_KEYS:
            if isinstance(lowered.get(key), str) and lowered[key].strip():
                return str(lowered[key]).strip()
    return ""


def message_items(
    value: Any, position: str, source: str, context: str, limits: ArchiveLimits
) -> list[ArchiveItem]:
    """One chat message (an object, or a bare string) -> its items; [] when it has no text."""
    if isinstance(value, str):
        return make_items(
            source=source,
            position=position,
            timestamp=None,
            author="user",
            text=value,
            context=context,
            max_chars=limits.max_item_chars,
        )
    if not isinstance(value, Mapping):
        return []
    obj = _lower_keys(value)
    text = next((t for k in _TEXT_KEYS if k in obj and (t := _text_of(obj[k]))), "")
    author = next((a for k in _AUTHOR_KEYS if k in obj and (a := _author_of(obj[k]))), "user")
    when = next((w for k in _TIME_KEYS if k in obj and (w := parse_timestamp(obj[k]))), None)
    return make_items(
        source=source,
        position=position,
        timestamp=when,
        author=author,
        text=text,
        context=context,
        max_chars=limits.max_item_chars,
    )


def active_path(mapping: Mapping[str, Any], current: Any) -> list[str]:
    """Node ids from the root to the conversation's current node: the branch the person last
    saw. Without a usable current node, follow the newest (last) child at every fork."""
    if isinstance(current, str) and current in mapping:
        path: list[str] = []
        seen: set[str] = set()
        node_id: Any = current
        while isinstance(node_id, str) and node_id in mapping and node_id not in seen:
            seen.add(node_id)
            path.append(node_id)
            node = mapping[node_id]
            node_id = node.get("parent") if isinstance(node, Mapping) else None
        path.reverse()
        return path
    roots = [
        k
        for k, node in mapping.items()
        if not isinstance(node, Mapping) or node.get("parent") not in mapping
    ]
    path, seen = [], set()
    node_id = roots[0] if roots else None
    while isinstance(node_id, str) and node_id in mapping and node_id not in seen:
        seen.add(node_id)
        path.append(node_id)
        node = mapping[node_id]
        children = node.get("children") if isinstance(node, Mapping) else None
        node_id = children[-1] if isinstance(children, list) and children else None
    return path


def conversation_items(
    conv: Any, label: str, source: str, limits: ArchiveLimits
) -> Iterator[ArchiveItem]:
    """The user and assistant turns of one ChatGPT conversation, in order, along its active
    branch; system, tool and hidden nodes and non-text content (images, code runs) are skipped."""
    if not isinstance(conv, Mapping):
        return
    mapping = conv.get("mapping")
    if not isinstance(mapping, Mapping):
        return
    title = conv.get("title")
    context = title.strip() if isinstance(title, str) and title.strip() else "Untitled chat"
    started = parse_timestamp(conv.get("create_time"))
    for node_id in active_path(mapping, conv.get("current_node")):
        node = mapping[node_id]
        message = node.get("message") if isinstance(node, Mapping) else None
        if not isinstance(message, Mapping):
            continue
        author = message.get("author")
        role = author.get("role") if isinstance(author, Mapping) else None
        if role not in ("user", "assistant"):
            continue
        metadata = message.get("metadata")
        if isinstance(metadata, Mapping) and metadata.get("is_visually_hidden_from_conversation"):
            continue
        content = message.get("content")
        if not isinstance(content, Mapping):
            continue
        kind = content.get("content_type")
        if kind in _CHATGPT_TEXT_TYPES:
            parts = content.get("parts")
            text = (
                "\n".join(p for p in parts if isinstance(p, str)) if isinstance(parts, list) else ""
            )
        elif kind == "code" and role == "user" and isinstance(content.get("text"), str):
            text = str(content["text"])
        else:
            continue
        when = parse_timestamp(message.get("create_time")) or started
        yield from make_items(
            source=source,
            position=f"{label}.mapping[{node_id}]",
            timestamp=when,
            author=role,
            text=text,
            context=context,
            max_chars=limits.max_item_chars,
        )
