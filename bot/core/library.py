"""Reading a user's archive into their companion's memory, then reflecting on it.

Imported items become episodic memories in the user's private scope, each tagged with its
import, file and position, so the companion can say where it learned something. A failed or
cancelled import deletes everything tagged with it: nothing is half-imported. (One long
transaction would hold the database's write lock for minutes and stall every conversation.)
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.core.archive.importer import ImportResult, Progress, import_archive
from bot.core.archive.model import ArchiveItem, ArchiveLimits
from bot.core.archive.reflection import summarize_for_reflection
from bot.core.clock import Clock
from bot.core.errors import ModelError
from bot.core.models import DM_SCOPE
from bot.core.ports import ChatModel
from bot.store import NewMessage, Store

log = logging.getLogger(__name__)

USER_AUTHORS = frozenset({"user", "me", "you", "human"})


class StoreArchiveSink:
    """ArchiveSink writing into the store, deduplicated across imports by the item's key."""

    def __init__(self, store: Store, user_id: int, user_name: str, clock: Clock) -> None:
        self.store = store
        self.user_id = user_id
        self.user_name = user_name
        self.clock = clock
        self.tag = f"import:{uuid.uuid4().hex[:12]}:"

    async def begin(self) -> None:
        now = self.clock.now()
        await self.store.people.ensure_user(self.user_id, self.user_name, now)

    async def add_batch(self, items: Sequence[ArchiveItem]) -> int:
        now = self.clock.now()
        rows = []
        for item in items:
            author = item.author.strip() or "unknown"
            mine = author.lower() in USER_AUTHORS or author == self.user_name
            rows.append(NewMessage(
                user_id=self.user_id, scope=DM_SCOPE, role="user" if mine else "assistant",
                speaker=self.user_name if mine else author, content=item.text,
                created_at=item.timestamp or now,
                source=f"{self.tag}{item.source}#{item.position}"[:500],
                dedup_key=item.dedup_key(),
            ))
        return await self.store.messages.add_many_dedup(rows)

    async def commit(self) -> None:
        return None

    async def rollback(self) -> None:
        removed = await self.store.messages.delete_source_prefix(self.user_id, self.tag)
        log.info("rolled back an import (%d rows removed)", removed)


REFLECTION_MARKER = "OS1-TASK: archive-reflection"


@dataclass
class ArchiveOutcome:
    result: ImportResult
    reflection: str


class Library:
    def __init__(self, store: Store, model: ChatModel | None, clock: Clock,
                 limits: ArchiveLimits | None = None) -> None:
        self.store = store
        self.model = model
        self.clock = clock
        self.limits = limits or ArchiveLimits()

    async def ingest(
        self, path: Path, *, filename: str, user_id: int, user_name: str,
        companion_name: str = "your companion", persona_prompt: str = "",
        on_progress: Callable[[Progress], Awaitable[None]] | None = None,
        progress_interval_s: float = 1.0,
    ) -> ArchiveOutcome:
        sink = StoreArchiveSink(self.store, user_id, user_name, self.clock)
        result = await import_archive(
            path, filename=filename, sink=sink, on_progress=on_progress,
            progress_interval_s=progress_interval_s, limits=self.limits)
        reflection = await self.reflect(result, user_name, companion_name, persona_prompt)
        return ArchiveOutcome(result, reflection)

    async def reflect(self, result: ImportResult, user_name: str, companion_name: str,
                      persona_prompt: str) -> str:
        """A short, in-character reflection on what was read (plain text if the model fails)."""
        pieces = "piece" if result.read == 1 else "pieces"
        plain = (f"I read {result.read:,} {pieces} of your archive "
                 f"({result.items:,} new to me, {result.duplicates:,} I already knew).")
        if self.model is None or result.items == 0:
            return plain
        sample = summarize_for_reflection(result.sample, max_chars=3500)
        messages = [
            {"role": "system", "content": f"{REFLECTION_MARKER}\n{persona_prompt}\n\nYou are "
             f"{companion_name}. You have just read {user_name}'s archive. In 3-5 warm sentences, "
             "in your own voice, reflect on what you noticed about their life — specific, kind, "
             "curious, never clinical. Don't list statistics. Don't invent things not in the "
             "sample."},
            {"role": "user", "content": sample},
        ]
        try:
            text = await self.model.complete(messages, max_tokens=300, temperature=0.7)
        except ModelError as exc:
            log.warning("archive reflection failed: %s", exc)
            return plain
        return f"{plain}\n\n{text.strip()}" if text.strip() else plain
