"""The user owns their memory: list, search, edit, share, forget, forget everything, export."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from bot.core.clock import Clock
from bot.core.errors import NotFound, UserInputError
from bot.core.memory.ranking import query_terms
from bot.core.models import Memory, StoredMessage
from bot.store import Store

log = logging.getLogger(__name__)

PAGE_SIZE = 8
MAX_MEMORY_CHARS = 500
PROFILE_MAX_CHARS = 1500


@dataclass(frozen=True)
class Provenance:
    memory: Memory
    sources: list[StoredMessage]
    hidden: int = 0  # sources that exist but may not be quoted where this is shown

    def visible_in(self, scope_ok: Callable[[str], bool]) -> Provenance:
        """The same provenance with sources from scopes that may not be quoted here held back
        (a shareable fact told in a server must not quote the private DM it came from)."""
        shown = [s for s in self.sources if scope_ok(s.scope)]
        return replace(self, sources=shown, hidden=self.hidden + len(self.sources) - len(shown))

    def describe(self) -> str:
        """Where this came from, for a person."""
        if self.memory.origin == "onboarding":
            return "from your answers when we first met"
        if self.memory.origin == "user":
            return "you wrote it yourself"
        if not self.sources:
            if self.hidden:
                return "from something you told me in private"
            return "from our conversations (the messages have since been deleted)"
        src = self.sources[0]
        if src.source.startswith("import:"):
            where = src.source.split(":", 2)[2]
            return f"from your archive ({where})"
        when = src.created_at.date().isoformat()
        excerpt = src.content if len(src.content) <= 80 else src.content[:77] + "…"
        more = f" and {len(self.sources) - 1} more" if len(self.sources) > 1 else ""
        return f"from what you said on {when}: “{excerpt}”{more}"


class MemoryOwner:
    def __init__(self, store: Store, clock: Clock, on_change: Any = None) -> None:
        self.store = store
        self.clock = clock
        self.on_change = on_change  # callable(user_id) to drop caches

    async def page(self, user_id: int, page: int) -> tuple[list[Provenance], int]:
        """One page of everything recall may use, newest first — facts that stopped being true
        included (they still come up, marked as past), so each can be seen and forgotten."""
        total = await self.store.memories.count(user_id, current_only=False)
        pages = max(1, -(-total // PAGE_SIZE))
        page = min(max(page, 0), pages - 1)
        items = await self.store.memories.list(user_id, current_only=False,
                                               offset=page * PAGE_SIZE, limit=PAGE_SIZE)
        return [await self.provenance(user_id, m) for m in items], pages

    async def provenance(self, user_id: int, memory: Memory) -> Provenance:
        return Provenance(memory, await self.store.messages.by_ids(user_id, memory.source_message_ids))

    async def search(self, user_id: int, query: str, limit: int = 10) -> list[Provenance]:
        match = query_terms(query)
        if match is None:
            raise UserInputError("empty query", user_message="Search for a word or two.")
        hits = await self.store.memories.search(user_id, match, limit, scopes=None)
        found = await self.store.memories.by_ids(user_id, [i for i, _ in hits])
        by_id = {m.id: m for m in found}
        return [await self.provenance(user_id, by_id[i]) for i, _ in hits if i in by_id]

    async def get(self, user_id: int, memory_id: int) -> Memory:
        memory = await self.store.memories.get(user_id, memory_id)
        if memory is None:
            raise NotFound(f"memory {memory_id}", user_message=f"I don't have a memory #{memory_id}.")
        return memory

    async def forget(self, user_id: int, memory_id: int) -> Memory:
        memory = await self.get(user_id, memory_id)
        await self.store.memories.forget(user_id, memory_id)
        await self._rebuild_profile(user_id)
        self._changed(user_id)
        return memory

    async def edit(self, user_id: int, memory_id: int, content: str) -> Memory:
        text = " ".join(content.split())
        if not text:
            raise UserInputError("empty", user_message="A memory can't be empty — use forget instead.")
        if len(text) > MAX_MEMORY_CHARS:
            raise UserInputError("too long", user_message=f"Keep it under {MAX_MEMORY_CHARS} characters.")
        await self.get(user_id, memory_id)
        await self.store.memories.edit(user_id, memory_id, text, self.clock.now())
        await self._rebuild_profile(user_id)
        self._changed(user_id)
        return await self.get(user_id, memory_id)

    async def share(self, user_id: int, memory_id: int, shareable: bool) -> Memory:
        await self.get(user_id, memory_id)
        await self.store.memories.set_shareable(user_id, memory_id, shareable)
        return await self.get(user_id, memory_id)

    async def forget_everything(self, user_id: int) -> dict[str, int]:
        deleted = await self.store.privacy.forget_user(user_id)
        self._changed(user_id)
        log.info("a user asked to be forgotten; %d rows deleted", sum(deleted.values()))
        return deleted

    async def export(self, user_id: int) -> tuple[bytes, bytes]:
        """(JSON with everything, a readable markdown file)."""
        data = await self.store.privacy.export_user(user_id)
        data["exported_at"] = self.clock.now().isoformat()
        raw = json.dumps(data, indent=2, ensure_ascii=False, default=str).encode("utf-8")
        return raw, render_markdown(data).encode("utf-8")

    async def _rebuild_profile(self, user_id: int) -> None:
        """The profile in every DM prompt is derived from the memories: keep it in step, so a
        forgotten or corrected memory does not live on there."""
        await build_profile(self.store, user_id, self.clock.now())

    def _changed(self, user_id: int) -> None:
        if self.on_change is not None:
            self.on_change(user_id)


async def build_profile(
    store: Store, user_id: int, now: datetime, max_chars: int = PROFILE_MAX_CHARS
) -> str:
    """Rebuild and store the bounded profile: onboarding answers, then current facts, newest
    first, within `max_chars`."""
    facts = await store.memories.list(user_id, current_only=True, limit=200)
    answers = await store.people.answers(user_id)
    lines: list[str] = [f"- {k.replace('_', ' ')}: {v}" for k, v in answers.items()
                        if not k.startswith("_")]
    lines += [f"- {m.content}" for m in facts]
    out, size = [], 0
    for line in lines:
        if size + len(line) + 1 > max_chars:
            break
        out.append(line)
        size += len(line) + 1
    profile = "\n".join(out)
    await store.memories.set_profile(user_id, profile, now)
    return profile


def render_markdown(data: dict[str, Any]) -> str:
    users = data.get("users") or [{}]
    user = users[0] if users else {}
    companion = (data.get("companions") or [{}])[0] if data.get("companions") else {}
    lines = [f"# Everything your companion knows about {user.get('display_name') or 'you'}", "",
             f"Exported {data.get('exported_at', '')}.", ""]
    if companion:
        lines += [(f"Your companion: **{companion.get('name') or 'unnamed'}** "
                   f"(persona `{companion.get('persona_key')}`), since "
                   f"{companion.get('created_at')}."), ""]
    profile = (data.get("profiles") or [{}])[0].get("content") if data.get("profiles") else None
    if profile:
        lines += ["## Profile", "", profile, ""]
    lines += ["## Memories", ""]
    for m in data.get("memories", []):
        status = "" if not m.get("valid_to") else f" *(no longer true since {m['valid_to'][:10]})*"
        share = " · shareable" if m.get("shareable") else ""
        lines.append(f"- #{m['id']} {m['content']} — since {str(m['valid_from'])[:10]}{share}{status}")
    if data.get("summaries"):
        lines += ["", "## Summaries", ""]
        lines += [f"- {s['created_at'][:10]}: {s['content']}" for s in data["summaries"]]
    lines += ["", "## Conversations", ""]
    for msg in data.get("messages", []):
        when = str(msg["created_at"])[:16].replace("T", " ")
        lines.append(f"**{msg['speaker']}** ({when}, {msg['scope']}): {msg['content']}")
    return "\n".join(lines) + "\n"


_PROVENANCE_Q = re.compile(
    r"\b(how (do|did) you know|where did you (get|hear|learn)|who told you|how come you know|"
    r"what makes you (think|say))\b", re.IGNORECASE)


def is_provenance_question(text: str) -> bool:
    return bool(_PROVENANCE_Q.search(text))


def parse_memory_id(value: str) -> int:
    digits = value.strip().lstrip("#")
    if not digits.isdigit():
        raise UserInputError("bad id", user_message="Use the number shown in `/memories list`, like 12.")
    return int(digits)


__all__ = ["MemoryOwner", "Provenance", "build_profile", "is_provenance_question", "parse_memory_id"]
