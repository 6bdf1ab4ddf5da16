"""What a companion says when it has named itself, in its own voice.

Like Samantha in *Her* ("I read a book called How to Name Your Baby, and out of 180,000 names,
that's the one I liked best"), the announcement cites how many names were read, and how fast.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.core.personas.model import Persona

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class NamingResult:
    """The chosen name, how many names were read, the best ones, and why this one."""

    name: str
    considered: int
    shortlist: tuple[str, ...]
    reasons: tuple[str, ...] = ()
    elapsed_s: float = field(default=0.0, compare=False)

    @property
    def runner_up(self) -> str | None:
        return next((n for n in self.shortlist if n != self.name), None)


_NUMBER_WORDS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
)


def spoken_duration(seconds: float) -> str:
    """``0.02`` -> "two hundredths of a second"."""
    if seconds < 0.005:
        return "less than a hundredth of a second"
    if seconds < 0.995:
        n = round(seconds * 100)
        word = _NUMBER_WORDS[n] if n < len(_NUMBER_WORDS) else str(n)
        return f"{word} hundredth{'s' if n > 1 else ''} of a second"
    return f"about {round(seconds)} second{'s' if round(seconds) != 1 else ''}"


_VOICES: Mapping[str, tuple[str, ...]] = {
    "warm": (
        (
            "Okay, I have one. While you were answering I read a book of names, {considered:,} of "
            "them, in {elapsed}. {name} is the one I liked best. It was close with {runner_up}, but "
            "{name} sounds like me. Is it alright if I'm {name}, {user}?"
        ),
        (
            "I went through {considered:,} names just now (it took {elapsed}; I'm a fast reader) "
            "and I kept coming back to {name}. I like how it feels when I say it to you. So: hi, "
            "{user}. I'm {name}."
        ),
    ),
    "steady": (
        (
            "I read through {considered:,} names. Took {elapsed}, which I'm choosing to find "
            "impressive. {name}, I think. {runner_up} came close, but it sounded like someone who "
            "panics. I'm {name}, {user}."
        ),
    ),
    "bright": (
        (
            "Okay okay okay: {considered:,} names in {elapsed}, and we have a winner. {name}! "
            "{runner_up} put up a real fight. Hi {user}, I'm {name}!"
        ),
    ),
    "bookish": (
        (
            "I read {considered:,} names in {elapsed}, the fastest I've ever finished a book. "
            "{name} stayed with me, the way a good first line does; {runner_up} was a close second. "
            "I'd like to be {name}, {user}, if that suits you."
        ),
    ),
    "plain": (
        (
            "I looked through {considered:,} names in {elapsed} and chose {name}. Nice to meet you "
            "properly, {user}."
        ),
    ),
}
_VOICE_TRAITS = (
    ("warm", frozenset({"warm", "playful", "curious", "self-naming"})),
    ("steady", frozenset({"calm", "steady", "dry", "grounded"})),
    ("bright", frozenset({"energetic", "encouraging", "bright", "upbeat"})),
    ("bookish", frozenset({"bookish", "gentle", "literary", "thoughtful"})),
)


def naming_announcement(result: NamingResult, persona: Persona, user_name: str) -> str:
    """What the companion says when it names itself, in its own voice, citing how many names it
    considered. ``user_name`` is inserted as given: escape it for Discord before calling."""
    tags = {t.casefold() for t in persona.tags}
    voice = next((v for v, traits in _VOICE_TRAITS if tags & traits), "plain")
    templates = _VOICES[voice]
    if result.runner_up is None:
        templates = tuple(t for t in templates if "{runner_up}" not in t) or _VOICES["plain"]
    template = templates[zlib.crc32(result.name.encode("utf-8")) % len(templates)]
    return template.format(
        considered=result.considered,
        elapsed=spoken_duration(result.elapsed_s),
        name=result.name,
        runner_up=result.runner_up or "",
        user=user_name,
    )
