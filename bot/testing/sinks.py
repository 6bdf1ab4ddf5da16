"""A ReplySink that records what a front end would have shown (for core tests and evals)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RecordingSink:
    typing_calls: int = 0
    notices: list[str] = field(default_factory=list)
    updates: list[str] = field(default_factory=list)
    final: str | None = None
    failure: str | None = None

    async def typing(self) -> None:
        self.typing_calls += 1

    async def notice(self, text: str) -> None:
        self.notices.append(text)

    async def update(self, text: str) -> None:
        self.updates.append(text)

    async def finish(self, text: str) -> None:
        self.final = text

    async def fail(self, text: str) -> None:
        self.failure = text

    @property
    def everything(self) -> list[str]:
        """All text the person would have seen, in order (updates only if no final)."""
        shown = list(self.notices)
        if self.final is not None:
            shown.append(self.final)
        if self.failure is not None:
            shown.append(self.failure)
        return shown
