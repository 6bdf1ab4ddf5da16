"""The first meeting: a few questions, a persona, and the companion naming itself.

Questions are data, so Discord (buttons, selects, a modal) and the terminal (prompts) render
the same flow. Answers become the first entries of the companion's picture of the user.
"""

from __future__ import annotations

import asyncio
import logging
import random
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot.core.clock import Clock
from bot.core.errors import UserInputError
from bot.core.personas.model import Persona
from bot.core.personas.namecheck import InvalidName, validate_name
from bot.core.personas.naming import choose_name, naming_announcement
from bot.store import NewMemory, Store

log = logging.getLogger(__name__)

INTRO = (
    "Hi. I'm an OS — an AI companion, not a person — and I'd like to get to know you a little "
    "before we start. A few quick questions, and then I'll choose a name for myself.\n"
    "You can skip any of them, except the one about your age."
)

AGE_BRACKETS = ("under-13", "13-17", "18-24", "25-34", "35-54", "55+", "unsaid")
MINOR_BRACKETS = frozenset({"under-13", "13-17"})


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    # How the answer reads as a memory about the user ({name} = their name).
    memory: str | None = None


@dataclass(frozen=True)
class Question:
    key: str
    prompt: str
    kind: Literal["select", "multiselect", "text", "timezone", "age"]
    options: tuple[Option, ...] = ()
    placeholder: str = ""
    skippable: bool = True
    # A short label for a text box (Discord allows 45 characters); the prompt when empty.
    label: str = ""


QUESTIONS: tuple[Question, ...] = (
    Question(
        "social", "First — how social would you say you are?", "select",
        (
            Option("very", "I love being around people", "{name} loves being around people."),
            Option("between", "Somewhere in between", "{name} is somewhere between social and private."),
            Option("homebody", "More of a homebody", "{name} is more of a homebody."),
            Option("depends", "Depends on the day", "How social {name} feels depends on the day."),
        ),
    ),
    Question(
        "presence", "What kind of presence would you like me to be?", "select",
        (
            Option("curious", "A curious friend to think out loud with",
                   "{name} wants a curious friend to think out loud with."),
            Option("calm", "A calm, steady presence", "{name} wants a calm, steady presence."),
            Option("cheer", "Someone to cheer me on", "{name} wants someone to cheer them on."),
            Option("quiet", "Gentle company for quiet times",
                   "{name} wants gentle company for quiet times."),
        ),
    ),
    Question(
        "help", "What would you like a hand with? Pick any.", "multiselect",
        (
            Option("thoughts", "Untangling my thoughts", "untangling their thoughts"),
            Option("life", "Keeping track of my life", "keeping track of their life"),
            Option("lonely", "Feeling less alone", "feeling less alone"),
            Option("practice", "Practising hard conversations", "practising hard conversations"),
            Option("creative", "Creative projects", "creative projects"),
            Option("company", "Just good company", "good company"),
        ),
    ),
    Question(
        "relationship", "Tell me about a relationship that matters to you — whoever comes to mind.",
        "text", placeholder="My grandmother, who taught me to swim…",
        label="A relationship that matters to you",
    ),
    Question("age", "How old are you? (I ask everyone — it changes how I look after you.)", "age",
             tuple(Option(v, v.replace("unsaid", "I'd rather not say").replace("under-13",
                   "Under 13")) for v in AGE_BRACKETS), skippable=False),
    Question("timezone", "What time zone are you in? (So I know when it's late for you.)",
             "timezone", placeholder="Europe/Berlin", label="Your time zone (like Europe/Berlin)"),
)

COMMON_TIMEZONES = (
    "America/Los_Angeles", "America/Denver", "America/Chicago", "America/New_York",
    "America/Sao_Paulo", "Europe/London", "Europe/Paris", "Europe/Berlin", "Europe/Madrid",
    "Europe/Rome", "Europe/Lisbon", "Africa/Lagos", "Asia/Kolkata", "Asia/Singapore",
    "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland", "UTC",
)


def validate_timezone(value: str) -> str:
    value = value.strip().replace(" ", "_")
    if not value or len(value) > 64:
        raise UserInputError("empty tz", user_message="Type a time zone like Europe/Berlin.")
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        lowered = {tz.lower(): tz for tz in available_timezones()}
        if value.lower() in lowered:
            return lowered[value.lower()]
        raise UserInputError(
            f"unknown tz {value!r}",
            user_message=f"I don't know the time zone “{value[:40]}”. Try one like "
            "America/New_York or Europe/Paris.") from None
    return value


def validate_answer(question: Question, value: str | list[str]) -> str:
    """The answer as stored text, or a UserInputError that says what is wrong."""
    if question.kind == "timezone":
        return validate_timezone(str(value))
    if question.kind == "text":
        text = " ".join(str(value).split())
        if len(text) > 1000:
            raise UserInputError("too long", user_message="That's lovely, but could you keep it "
                                 "under 1,000 characters?")
        return text
    allowed = {o.value for o in question.options}
    values = value if isinstance(value, list) else [value]
    if not values or any(v not in allowed for v in values):
        raise UserInputError(f"bad option for {question.key}",
                             user_message="Please pick one of the options.")
    return ",".join(values)


def answer_memories(answers: Mapping[str, str], user_name: str) -> list[str]:
    """Sentences about the user from their answers (the first entries of its picture of them)."""
    by_key = {q.key: q for q in QUESTIONS}
    out = []
    for key, value in answers.items():
        q = by_key.get(key)
        if q is None or not value:
            continue
        if q.kind == "select":
            opt = next((o for o in q.options if o.value == value), None)
            if opt and opt.memory:
                out.append(opt.memory.format(name=user_name))
        elif q.kind == "multiselect":
            labels = [o.memory for o in q.options if o.value in value.split(",") and o.memory]
            if labels:
                out.append(f"{user_name} would like help with " + ", ".join(labels) + ".")
        elif q.kind == "text":
            out.append(f"A relationship that matters to {user_name}: {value}")
        elif q.kind == "timezone":
            out.append(f"{user_name} lives in the {value} time zone.")
    return out


UNDER_13_REFUSAL = (
    "Thank you for telling me the truth. I'm only for people 13 and older, so I can't be your "
    "companion yet. If you're going through something hard, please talk to an adult you trust."
)


def persona_label(persona: Persona) -> str:
    """What a person sees when choosing a persona ("OS1 (names itself)" for a nameless one)."""
    if persona.name or persona.nickname:
        return (persona.nickname or persona.name or "").strip()
    base = persona.key.upper() if len(persona.key) <= 4 else persona.key.replace("-", " ").title()
    return f"{base} (names itself)"


def persona_blurb(persona: Persona, *, char: str | None = None, user: str = "you",
                  limit: int = 100) -> str:
    """The persona's description, macros filled in, cut at a sentence (or word) to `limit`."""
    from bot.core.personas.render import render_macros

    who = char or persona.nickname or persona.name or "It"
    text = " ".join(render_macros(persona.description, who, user).split())
    if not text:
        return ""
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    if len(first) <= limit:
        return first
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:—- ")
    return f"{cut}…"


@dataclass
class OnboardingResult:
    companion_name: str
    announcement: str
    greeting: str
    considered: int = 0
    minor: bool = False
    blocked_under_13: bool = False
    memories: list[str] = field(default_factory=list)

    @property
    def introduction(self) -> str:
        """Announcement and greeting as one message (without saying the name twice)."""
        if self.blocked_under_13:
            return UNDER_13_REFUSAL
        if not self.considered and f"I'm {self.companion_name}" in self.greeting:
            return self.greeting
        return f"{self.announcement}\n\n{self.greeting}"


class Onboarding:
    """Completes onboarding: stores answers, memories, persona, and names the companion."""

    def __init__(self, store: Store, clock: Clock, personas: PersonaSource) -> None:
        self.store = store
        self.clock = clock
        self.personas = personas

    async def needs_onboarding(self, user_id: int) -> bool:
        user = await self.store.people.get_user(user_id)
        return user is None or user.onboarded_at is None

    async def status(self, user_id: int) -> Literal["new", "blocked", "ready"]:
        """"new" before onboarding; "blocked" for someone who told us they are under 13 (their
        companion doesn't talk with them); otherwise "ready"."""
        user = await self.store.people.get_user(user_id)
        if user is None or user.onboarded_at is None:
            return "new"
        return "blocked" if user.age_bracket == "under-13" else "ready"

    async def complete(
        self, user_id: int, user_name: str, answers: Mapping[str, str], persona_key: str,
        *, rng: random.Random | None = None, text_name: str | None = None,
    ) -> OnboardingResult:
        """Store the answers and name the companion.

        `text_name` is the user's name as it should appear in the companion's words (e.g.
        escaped for Discord markdown); `user_name` is stored and used in memories.
        """
        now = self.clock.now()
        rng = rng or random.Random()
        shown_name = text_name or user_name
        await self.store.people.ensure_user(user_id, user_name, now)
        persona = await self.personas.persona(persona_key)
        clean = {k: v for k, v in answers.items() if v}
        age = clean.get("age")
        if age == "under-13":
            # Keep nothing about a child beyond what is needed to keep saying no.
            clean = {"age": age}
            merged = dict(clean)
        else:
            # Answering again (`/companion start`): a skipped question keeps its last answer.
            merged = {**await self.store.people.answers(user_id), **clean}
        await self.store.people.set_answers(user_id, clean, now)
        await self.store.people.update_user(
            user_id, age_bracket=None if age in (None, "unsaid") else age,
            timezone=merged.get("timezone"), onboarded_at=now, display_name=user_name,
            # The onboarding intro says plainly that this is an AI: that is the first disclosure.
            last_disclosure_at=now, last_seen_at=now,
            session_started_at=now,
        )
        memories = answer_memories(merged, user_name)
        await self._replace_answer_memories(user_id, memories, now)
        companion, _ = await self.store.people.ensure_companion(user_id, persona.key, now)
        await self.store.people.update_companion(user_id, persona_key=persona.key)
        considered = 0
        fixed = persona.prompt_name()
        if fixed:
            name = fixed
            announcement = f"I'm {name}."
        elif companion.name:
            name = companion.name
            announcement = f"I'm still {name} — nice to start again with you."
        else:
            # Reading ten thousand names is CPU work (and the first time, a file read): keep
            # it off the event loop so other conversations don't stall.
            result = await asyncio.to_thread(choose_name, persona, merged, rng=rng)
            name, considered = result.name, result.considered
            announcement = naming_announcement(result, persona, shown_name)
        await self.store.people.update_companion(user_id, name=name, named_at=now)
        greeting = _greeting(persona, name, shown_name)
        return OnboardingResult(
            companion_name=name, announcement=announcement, greeting=greeting,
            considered=considered, minor=age in MINOR_BRACKETS,
            blocked_under_13=age == "under-13", memories=memories,
        )

    async def _replace_answer_memories(self, user_id: int, memories: list[str],
                                       now: datetime) -> None:
        """Make the current answer memories exactly `memories`: earlier ones that no longer
        hold stop being true now (kept, with their interval closed); unchanged ones stay."""
        current = [m for m in await self.store.memories.list(user_id, limit=500)
                   if m.origin == "onboarding"]
        for old in current:
            if old.content not in memories:
                await self.store.memories.invalidate(user_id, old.id, now)
        known = {m.content for m in current}
        for text in memories:
            if text not in known:
                await self.store.memories.add(NewMemory(
                    user_id=user_id, content=text, valid_from=now, kind="onboarding",
                    origin="onboarding"), now)

    async def rename(self, user_id: int, new_name: str) -> str:
        try:
            name = validate_name(new_name)
        except InvalidName as exc:
            raise UserInputError(str(exc), user_message=str(exc)) from None
        companion = await self.store.people.get_companion(user_id)
        if companion is None:
            raise UserInputError("no companion", user_message="We haven't met yet — DM me first!")
        await self.store.people.update_companion(user_id, name=name, named_at=self.clock.now())
        return name


class PersonaSource(Protocol):
    """Where personas come from (the CompanionService)."""

    async def persona(self, key: str) -> Persona: ...


_NAMELESS = re.compile(r"\b(?:no name|name yet|a name|pick one|choose one|my name)\b", re.IGNORECASE)


def _greeting(persona: Persona, name: str, user_name: str) -> str:
    """The persona's first greeting; for one that names itself, the first that doesn't speak
    of still being nameless (it has just chosen a name)."""
    from bot.core.personas.render import greetings, render_macros

    options = greetings(persona)
    if persona.names_itself:
        options = tuple(g for g in options if not _NAMELESS.search(g))
    if options:
        return render_macros(options[0], name, user_name)
    return f"So, {user_name}. Tell me something about your day?"
