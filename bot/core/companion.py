"""The companion as a whole: its persona, what it remembers, and the care it takes.

`CompanionService` is the glue the front ends talk to besides `Conversations`: it resolves a
user's persona, supplies each prompt's context (persona, profile, recalled memories, summary,
lore), and runs memory upkeep after turns in the background.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.core.care import CareService
from bot.core.clock import Clock
from bot.core.conversation import ContextProvider, PromptContext
from bot.core.memory.service import MemoryService
from bot.core.models import Companion, StoredMessage, User
from bot.core.personas.model import Persona, PersonaError
from bot.core.personas.render import render_post_history, render_system_prompt, select_lore
from bot.core.ports import ChatModel, Embedder
from bot.store import Store

if TYPE_CHECKING:
    from bot.settings import Settings

log = logging.getLogger(__name__)

LORE_TOKEN_BUDGET = 400


class CompanionService(ContextProvider):
    def __init__(
        self, store: Store, model: ChatModel, clock: Clock, settings: Settings,
        *, embedder: Embedder | None = None,
    ) -> None:
        from bot.core.personas.builtin import BUILTIN_PERSONAS, DEFAULT_PERSONA_KEY

        self.store = store
        self.model = model
        self.clock = clock
        self.settings = settings
        self.embedder = embedder
        self.builtin: dict[str, Persona] = dict(BUILTIN_PERSONAS)
        self.default_persona_key = DEFAULT_PERSONA_KEY
        self.care = CareService(store, clock, settings, model=model)
        self.memory: MemoryService | None = MemoryService(
            store, model, clock, settings, embedder=embedder)
        self._background: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        if self.memory is not None:
            await self.memory.start()

    async def stop(self) -> None:
        for task in list(self._background):
            task.cancel()
        await asyncio.gather(*self._background, return_exceptions=True)
        if self.memory is not None:
            await self.memory.stop()

    # --- personas -----------------------------------------------------------------------------
    async def persona(self, key: str) -> Persona:
        if key in self.builtin:
            return self.builtin[key]
        data = await self.store.people.get_persona(key)
        if data is not None:
            try:
                return Persona.from_dict(data)
            except PersonaError:
                log.exception("stored persona %s is unreadable; using the default", key)
        return self.builtin[self.default_persona_key]

    async def personas_for(self, guild_id: int | None) -> list[Persona]:
        found = list(self.builtin.values())
        for _key, data in await self.store.people.list_personas(guild_id):
            try:
                found.append(Persona.from_dict(data))
            except PersonaError:
                log.warning("skipping an unreadable stored persona")
        return found

    # --- ContextProvider ------------------------------------------------------------------------
    async def context(
        self, user: User, companion: Companion, scope: str, history: Sequence[StoredMessage],
        query: str,
    ) -> PromptContext:
        persona = await self.persona(companion.persona_key)
        # A name the user gave (or the companion chose) wins over the persona's own.
        char = companion.name or persona.prompt_name() or "your companion"
        user_name = user.display_name or "friend"
        system = render_system_prompt(persona, char_name=char, user_name=user_name)
        lore = select_lore(
            persona, [m.content for m in history[-8:]],
            token_budget=persona.lore_token_budget or LORE_TOKEN_BUDGET,
        )
        profile = memories = summary = None
        if self.memory is not None:
            recalled = await self.memory.prompt_context(user, scope, query, history)
            profile, memories, summary = recalled.profile, recalled.memories, recalled.summary
        return PromptContext(
            persona=system,
            post_history=render_post_history(persona, char_name=char, user_name=user_name) or None,
            lore=lore, profile=profile, memories=memories or (), summary=summary,
        )

    # --- background upkeep ---------------------------------------------------------------------
    def after_turn(self, user_id: int, scope: str) -> None:
        """Memory upkeep runs after the reply is sent, never delaying it."""
        if self.memory is None:
            return
        task = asyncio.create_task(self.memory.after_turn(user_id, scope), name="memory-upkeep")
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def idle(self) -> None:
        """Wait for background upkeep (tests, shutdown)."""
        while self._background:
            await asyncio.gather(*list(self._background), return_exceptions=True)

