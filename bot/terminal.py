"""`os1 chat`: the same core, in the terminal (onboarding included)."""

from __future__ import annotations

import asyncio
import logging
import re
import sys
from collections.abc import Awaitable, Callable
from typing import TextIO

from bot.core.errors import UserInputError
from bot.core.models import DM_SCOPE, Turn
from bot.core.onboarding import (
    COMMON_TIMEZONES,
    INTRO,
    QUESTIONS,
    UNDER_13_REFUSAL,
    Question,
    persona_blurb,
    persona_label,
    validate_answer,
)
from bot.core.personas.model import Persona
from bot.services import Services

log = logging.getLogger(__name__)

QUIT = ("/quit", "/exit")
ReadLine = Callable[[], Awaitable[str | None]]


class Quit(Exception):
    """The person left (end of input or /quit) in the middle of the questions."""


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


def _numbers(text: str, count: int) -> list[int] | None:
    """"2", "1,3" or "1 3" as 0-based indexes, or None if that isn't a list of option numbers."""
    parts = [p for p in re.split(r"[\s,]+", text) if p]
    if not parts or not all(p.isdigit() and 1 <= int(p) <= count for p in parts):
        return None
    return list(dict.fromkeys(int(p) - 1 for p in parts))


def parse_answer(question: Question, text: str) -> str | None:
    """What a typed answer means (None = skipped), or a UserInputError saying what's wrong."""
    text = text.strip()
    if not text:
        if question.skippable:
            return None
        raise UserInputError("not skippable", user_message="This one I have to ask — please "
                             "pick a number (the last option is fine if you'd rather not say).")
    if question.kind in ("select", "age", "multiselect"):
        values = [o.value for o in question.options]
        picked = _numbers(text, len(values))
        if picked is None:
            raise UserInputError("bad option", user_message=(
                f"Please type a number from 1 to {len(values)}" + (
                    ", or several separated by commas." if question.kind == "multiselect"
                    else ".")))
        if question.kind != "multiselect" and len(picked) > 1:
            raise UserInputError("one only", user_message="Just one number for this one, please.")
        chosen = [values[i] for i in picked]
        return validate_answer(question, chosen if question.kind == "multiselect" else chosen[0])
    if question.kind == "timezone":
        picked = _numbers(text, len(COMMON_TIMEZONES))
        if picked is not None and len(picked) == 1:
            return COMMON_TIMEZONES[picked[0]]
    return validate_answer(question, text)


def _options(question: Question) -> list[str]:
    if question.kind == "timezone":
        return [*COMMON_TIMEZONES, "(or type another, like Africa/Nairobi)"]
    return [o.label for o in question.options]


async def ask(question: Question, number: int, total: int, read: ReadLine,
              out: TextIO) -> str | None:
    """Ask one question until it has a valid answer (None = skipped)."""
    out.write(f"\n[{number}/{total}] {question.prompt}\n")
    out.writelines(f"  {i}. {label}\n" if not label.startswith("(") else f"     {label}\n" for i, label in enumerate(_options(question), start=1))
    hint = {"multiselect": "numbers, e.g. 1,3", "text": "a few words"}.get(question.kind, "a number")
    if question.kind == "timezone":
        hint = "a number or a zone name"
    skip = ", Enter to skip" if question.skippable else ""
    while True:
        out.write(f"({hint}{skip}) > ")
        out.flush()
        line = await read()
        if line is None or line.strip() in QUIT:
            raise Quit
        try:
            return parse_answer(question, line)
        except UserInputError as exc:
            out.write(f"  {exc.user_message}\n")


async def choose_persona(personas: list[Persona], default_key: str, read: ReadLine,
                         out: TextIO, number: int) -> str:
    out.write(f"\n[{number}/{number}] Last one: whose voice should I have? (You can change it "
              "later.)\n")
    for i, p in enumerate(personas, start=1):
        blurb = persona_blurb(p)
        out.write(f"  {i}. {persona_label(p)}" + (f" — {blurb}" if blurb else "") + "\n")
    default = next((i for i, p in enumerate(personas) if p.key == default_key), 0)
    while True:
        out.write(f"(a number, Enter for {persona_label(personas[default])}) > ")
        out.flush()
        line = await read()
        if line is None or line.strip() in QUIT:
            raise Quit
        if not line.strip():
            return personas[default].key
        picked = _numbers(line, len(personas))
        if picked is not None and len(picked) == 1:
            return personas[picked[0]].key
        out.write(f"  Please type a number from 1 to {len(personas)}.\n")


async def onboard(services: Services, user_id: int, user_name: str, read: ReadLine,
                  out: TextIO) -> bool:
    """The onboarding questions as prompts; False if the person may not (or did not) finish."""
    out.write(INTRO + "\n")
    personas = await services.companions.personas_for(None)
    total = len(QUESTIONS) + 1
    answers: dict[str, str] = {}
    try:
        for number, question in enumerate(QUESTIONS, start=1):
            value = await ask(question, number, total, read, out)
            if value is not None:
                answers[question.key] = value
        persona_key = await choose_persona(
            personas, services.companions.default_persona_key, read, out, total)
    except Quit:
        out.write("\nWe can finish the questions next time.\n")
        return False
    out.write("\nThank you. Give me a moment…\n\n")
    result = await services.onboarding.complete(user_id, user_name, answers, persona_key)
    if result.blocked_under_13:
        out.write(result.introduction + "\n")
        return False
    out.write(f"{result.companion_name}: {result.introduction}\n\n")
    return True


async def chat_loop(services: Services, user_id: int, user_name: str,
                    stdin: TextIO = sys.stdin, out: TextIO = sys.stdout) -> None:
    loop = asyncio.get_running_loop()

    async def read() -> str | None:
        line = await loop.run_in_executor(None, stdin.readline)
        return line or None

    status = await services.onboarding.status(user_id)
    if status == "blocked":
        out.write(UNDER_13_REFUSAL + "\n")
        return
    if status == "new" and not await onboard(services, user_id, user_name, read, out):
        return
    companion = await services.store.people.get_companion(user_id)
    name = companion.display_name if companion else "companion"
    out.write("Talking to your companion. Type /quit to leave.\n\n")
    while True:
        out.write("you: ")
        out.flush()
        line = await read()
        if line is None:
            break
        text = line.strip()
        if text in QUIT:
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
