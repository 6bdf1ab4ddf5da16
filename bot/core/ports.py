"""What the core needs from the outside world, as protocols (implemented in bot/llm etc.)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Protocol, TypedDict


class ChatMessage(TypedDict):
    role: str  # system | user | assistant
    content: str


class ChatModel(Protocol):
    """A chat model; errors are raised as bot.core.errors.ModelError subclasses."""

    model: str

    def stream_chat(
        self, messages: Sequence[ChatMessage], *, max_tokens: int | None = None,
        temperature: float | None = None,
    ) -> AsyncIterator[str]: ...

    async def complete(
        self, messages: Sequence[ChatMessage], *, json_mode: bool = False,
        max_tokens: int | None = None, temperature: float | None = None,
    ) -> str: ...

    async def moderate(self, text: str) -> Mapping[str, float] | None: ...


class ReplySink(Protocol):
    """Where a reply goes: a Discord channel, the terminal, a test."""

    async def typing(self) -> None:
        """Show that the companion is thinking (may be a no-op)."""

    async def notice(self, text: str) -> None:
        """Send a complete, deterministic message (disclosure, crisis response, errors)."""

    async def update(self, text: str) -> None:
        """The reply so far (streaming); the sink decides how often to show it."""

    async def finish(self, text: str) -> None:
        """The final reply text, replacing whatever partial text was shown."""

    async def fail(self, text: str) -> None:
        """The reply failed; `text` is a kind message for the person."""


class Embedder(Protocol):
    name: str
    dim: int

    async def embed(self, texts: Sequence[str]) -> object:  # numpy array (n, dim) float32
        ...
