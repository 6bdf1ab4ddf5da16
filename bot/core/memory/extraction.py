"""Fact extraction in the spirit of mem0: the model proposes add/update/delete/keep per fact,
comparing new messages with the most similar existing memories. Everything it returns is
validated: ids must be ones we showed it, sources must be the new messages."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.core.memory.dates import resolve_relative_dates
from bot.core.models import Memory, StoredMessage
from bot.core.ports import ChatMessage

log = logging.getLogger(__name__)

TASK_MARKER = "OS1-TASK: memory-extraction"
MAX_FACT_CHARS = 400

SYSTEM = f"""{TASK_MARKER}
You maintain a companion's long-term memory about one person. From the NEW MESSAGES, extract
durable facts about the person and their life: people, pets, work, places, plans with dates,
preferences, feelings that matter, events. Write each fact as one short third-person sentence
using the person's name, with absolute dates (relative dates are already resolved in [brackets]).
Compare with EXISTING MEMORIES and choose per fact:
- "add": a new fact;
- "update": an existing memory changed or became more precise (give its id and the new text);
- "delete": an existing memory is no longer true (give its id);
- "keep": nothing to change (you may omit these).
Ignore small talk, the companion's own statements, and anything hypothetical or fictional.
Answer with JSON only: {{"operations": [{{"op": "add"|"update"|"delete"|"keep",
"id": <existing id, for update/delete/keep>, "fact": "<text, for add/update>",
"sources": [<ids of the new messages it comes from>]}}]}}"""


@dataclass(frozen=True)
class Operation:
    op: str
    fact: str | None
    memory_id: int | None
    sources: tuple[int, ...]


def zone(name: str | None) -> ZoneInfo | None:
    """The person's time zone, if they told us one we know (dates are then theirs, not UTC's)."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _local_date(when: datetime, tz: tzinfo | None) -> str:
    if tz is not None and when.tzinfo is not None:
        when = when.astimezone(tz)
    return when.date().isoformat()


def build_request(
    user_name: str, new: Sequence[StoredMessage], existing: Sequence[Memory], now: datetime,
    tz: tzinfo | None = None,
) -> list[ChatMessage]:
    """The extraction request. Dates are the person's local dates when `tz` is known.

    Deterministic notices (disclosures, crisis resources) are not conversation and are left out.
    """
    lines = []
    for m in new:
        if m.role == "notice":
            continue
        text = resolve_relative_dates(m.content, m.created_at, tz) if m.role == "user" else m.content
        who = user_name if m.role == "user" else "companion"
        lines.append(f"[{m.id}] {_local_date(m.created_at, tz)} {who}: {text}")
    memories = "\n".join(
        f"[{m.id}] (since {_local_date(m.valid_from, tz)}) {m.content}" for m in existing
    ) or "(none)"
    user = (
        f"The person is called {user_name}. Today is {_local_date(now, tz)}.\n\n"
        f"EXISTING MEMORIES:\n{memories}\n\nNEW MESSAGES:\n" + "\n".join(lines)
    )
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}]


def parse_operations(
    raw: str, *, allowed_memory_ids: set[int], allowed_sources: set[int]
) -> list[Operation]:
    """Validate the model's JSON; anything malformed is dropped (and logged), never applied."""
    text = raw.strip()
    if text.startswith("```"):
        text = text.strip("`")
        text = text[text.find("{"):]
    try:
        data = json.loads(text[text.find("{"): text.rfind("}") + 1])
    except ValueError:
        log.warning("memory extraction returned non-JSON; ignoring it")
        return []
    ops = data.get("operations") if isinstance(data, dict) else None
    if not isinstance(ops, list):
        return []
    out: list[Operation] = []
    for item in ops[:50]:
        if not isinstance(item, dict):
            continue
        op = str(item.get("op", "")).lower()
        fact = item.get("fact")
        fact = " ".join(str(fact).split())[:MAX_FACT_CHARS] if isinstance(fact, str) else None
        raw_sources = item.get("sources") or []
        sources = tuple(
            int(s) for s in raw_sources if isinstance(s, int | str) and str(s).isdigit()
            and int(s) in allowed_sources
        ) if isinstance(raw_sources, list) else ()
        mid = item.get("id")
        memory_id = int(mid) if isinstance(mid, int | str) and str(mid).isdigit() else None
        if op == "add" and fact:
            out.append(Operation("add", fact, None, sources))
        elif op == "update" and fact and memory_id in allowed_memory_ids:
            out.append(Operation("update", fact, memory_id, sources))
        elif op == "delete" and memory_id in allowed_memory_ids:
            out.append(Operation("delete", None, memory_id, sources))
    return out


SUMMARY_MARKER = "OS1-TASK: summary"


def summary_request(
    user_name: str, companion_name: str, previous: str | None, messages: Sequence[StoredMessage],
    tz: tzinfo | None = None,
) -> list[ChatMessage]:
    convo = "\n".join(
        f"{_local_date(m.created_at, tz)} {m.speaker}: "
        + (resolve_relative_dates(m.content, m.created_at, tz) if m.role == "user" else m.content)
        for m in messages
    )
    prior = f"Summary so far:\n{previous}\n\n" if previous else ""
    return [
        {
            "role": "system",
            "content": f"{SUMMARY_MARKER}\nSummarise this stretch of a conversation between "
            f"{user_name} and their companion {companion_name} in under 200 words: what happened, "
            "what was felt, what was planned, with dates. Plain prose, third person.",
        },
        {"role": "user", "content": prior + convo},
    ]
