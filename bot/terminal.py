"""`os1 chat`: the same core, in the terminal."""

from __future__ import annotations

import asyncio
import sys
from typing import TextIO

from bot.core.models import DM_SCOPE, Turn
from bot.services import Services


class TerminalSink:
    """Prints a reply as it streams."""

    def __init__(self, name: str, out: TextIO = sys.stdout) -> None:
        self.name = name
        self.out = out
        self.shown = ""
        self.started = False

    def _start(self) -> None:
        if not self.started:
            self.out.write(f"{self.name}: ")
            self.started = True

    async def typing(self) -> None:
        return None

    async def notice(self, text: str) -> None:
        self.out.write(f"\n[{text}]\n\n")
        self.out.flush()

    async def update(self, text: str) -> None:
        self._start()
        if text.startswith(self.shown):
            self.out.write(text[len(self.shown):])
            self.shown = text
            self.out.flush()

    async def finish(self, text: str) -> None:
        self._start()
        if text.startswith(self.shown):
            self.out.write(text[len(self.shown):])
        else:
            self.out.write(f"\n(on second thought)\n{text}")
        self.out.write("\n\n")
        self.out.flush()

    async def fail(self, text: str) -> None:
        self.out.write(f"\n({text})\n\n")
        self.out.flush()


async def chat_loop(services: Services, user_id: int, user_name: str,
                    stdin: TextIO = sys.stdin, out: TextIO = sys.stdout) -> None:
    companion = await services.store.people.get_companion(user_id)
    name = companion.display_name if companion else "companion"
    out.write("Talking to your companion. Type /quit to leave.\n\n")
    loop = asyncio.get_running_loop()
    while True:
        out.write("you: ")
        out.flush()
        line = await loop.run_in_executor(None, stdin.readline)
        if not line:
            break
        text = line.strip()
        if text in ("/quit", "/exit"):
            break
        if not text:
            continue
        companion = await services.store.people.get_companion(user_id)
        name = companion.display_name if companion else name
        await services.conversations.submit(
            Turn(user_id=user_id, text=text, scope=DM_SCOPE, display_name=user_name),
            TerminalSink(name, out),
        )
    await services.companions.idle()
