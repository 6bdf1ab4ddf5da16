"""The naming ritual: a companion without a name reads the book of names and picks one.

As in *Her* ("I read a book called How to Name Your Baby, and out of 180,000 names, that's the
one I liked best"), the companion draws a random sample from the shipped list of given names
(:mod:`.names`), scores every name in it with a small, explainable heuristic, shortlists the
best, and picks one of them. No model is needed; a caller may still let the model choose from
``NamingResult.shortlist``.

The heuristic: a *profile* is built from the persona's traits (its tags and personality words)
and then from the user's answers, which win. It sets a preferred length, softness of sound
(vowels and l/m/n/r/w/y/h/v/s/f against plosives), an open (vowel) or closed ending, how
common the name should be, and optionally a gender usage, regions, or an initial letter. Names
the user mentioned in their answers (their own, their friends') are never chosen.
"""

from __future__ import annotations

import logging
import math
import random
import re
import time
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

from bot.core.personas.announce import NamingResult, naming_announcement, spoken_duration
from bot.core.personas.model import Persona
from bot.core.personas.namecheck import InvalidName, validate_name
from bot.core.personas.names import REGION_LABELS, NameRecord, load_name_records, load_names

log = logging.getLogger(__name__)

__all__ = [
    "InvalidName",
    "NamingProfile",
    "NamingResult",
    "choose_name",
    "load_names",
    "naming_announcement",
    "naming_profile",
    "spoken_duration",
    "validate_name",
]

DEFAULT_SAMPLE_SIZE = 10_000
SHORTLIST_SIZE = 7
REACH = 5  # countries a name must be used in to count as widely known
PICK_TEMPERATURE = 0.25  # softmax over shortlist scores; lower = nearly always the best
_VOWELS = frozenset("aeiouy")
_SOFT = frozenset("aeiouylmnrwhvsf")
# A handful of names too tied to infamous bearers or figures to give a companion.
_DENY = frozenset({"adolf", "adolph", "judas", "lucifer", "satan"})
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_INITIAL = re.compile(
    r"\b(?:starts?|starting|begins?|beginning)\s+with\s+(?:an?\s+|the\s+letter\s+)?"
    r"[\"'“‘]?([a-z])\b"
)

# Persona traits nudge a base profile; nudges add up, so a warm *and* playful persona gets a
# short name that still sounds soft. (length, softness, ending, familiarity shift, why)
_TRAITS: tuple[tuple[frozenset[str], tuple[float, float, float | None, int], str], ...] = (
    (
        frozenset({"warm", "gentle", "soft", "tender", "kind", "dreamy"}),
        (0.0, 0.14, 1.0, 0),
        "soft sounds that end open",
    ),
    (
        frozenset({"playful", "energetic", "bright", "bold", "upbeat", "spirited", "encouraging"}),
        (-0.8, -0.04, None, 0),
        "short and lively",
    ),
    (
        frozenset({"calm", "steady", "dry", "grounded", "stoic"}),
        (0.0, 0.0, 0.0, 1),
        "settled and familiar",
    ),
    (
        frozenset({"curious", "whimsical", "quirky", "self-naming"}),
        (0.0, 0.0, None, -1),
        "a little unusual",
    ),
    (
        frozenset({"bookish", "literary", "thoughtful", "scholarly"}),
        (1.2, 0.0, None, 0),
        "with some length to it, like someone in a novel",
    ),
)
_ANSWER_HINTS: tuple[tuple[frozenset[str], dict[str, object], str], ...] = (
    (frozenset({"soft", "gentle", "warm", "sweet", "calm", "quiet"}), {"softness": 0.85}, "soft"),
    (
        frozenset({"strong", "bold", "sharp", "punchy", "crisp", "fierce"}),
        {"softness": 0.45, "open_ending": 0.0},
        "strong",
    ),
    (frozenset({"short", "simple", "little", "tiny"}), {"target_length": 4.0}, "short"),
    (frozenset({"long", "elegant", "elaborate", "grand"}), {"target_length": 7.5}, "long"),
    (
        frozenset({"unusual", "rare", "unique", "uncommon", "original", "different", "strange"}),
        {"familiarity": (1, 4)},
        "unusual",
    ),
    (
        frozenset({"classic", "common", "familiar", "traditional", "normal", "timeless"}),
        {"familiarity": (7, 13)},
        "classic",
    ),
    (frozenset({"feminine", "girly"}), {"genders": frozenset({"F", "?F", "?"})}, "feminine"),
    (frozenset({"masculine", "manly"}), {"genders": frozenset({"M", "?M", "?"})}, "masculine"),
    (
        frozenset(
            {"neutral", "unisex", "androgynous", "nonbinary", "non-binary", "gender-neutral"}
        ),
        {"genders": frozenset({"?", "?M", "?F"})},
        "not tied to one gender",
    ),
)
# "a girl's name", "female name", "boy name": phrases, so that "I'm a woman" alone is not read
# as a wish about the companion's name.
_GENDER_PHRASES = (
    (
        re.compile(r"\b(?:girl|girl's|woman's|female|feminine)\s+names?\b"),
        frozenset({"F", "?F", "?"}),
        "feminine",
    ),
    (
        re.compile(r"\b(?:boy|boy's|man's|male|masculine)\s+names?\b"),
        frozenset({"M", "?M", "?"}),
        "masculine",
    ),
)
_REGION_WORDS: Mapping[str, tuple[str, ...]] = {
    "english": ("gb", "us"),
    "british": ("gb",),
    "american": ("us",),
    "irish": ("ie",),
    "italian": ("it",),
    "spanish": ("es",),
    "portuguese": ("pt",),
    "french": ("fr",),
    "dutch": ("nl", "be"),
    "german": ("de", "at", "ch"),
    "nordic": ("is", "dk", "no", "se"),
    "scandinavian": ("dk", "no", "se"),
    "icelandic": ("is",),
    "danish": ("dk",),
    "norwegian": ("no",),
    "swedish": ("se",),
    "finnish": ("fi",),
    "polish": ("pl",),
    "czech": ("cz",),
    "hungarian": ("hu",),
    "romanian": ("ro",),
    "greek": ("gr",),
    "russian": ("ru",),
    "ukrainian": ("ua",),
    "slavic": ("ru", "pl", "cz", "ua", "rs", "hr"),
    "turkish": ("tr",),
    "arabic": ("xa",),
    "persian": ("xa",),
    "hebrew": ("il",),
    "israeli": ("il",),
    "chinese": ("cn",),
    "indian": ("in",),
    "japanese": ("jp",),
    "korean": ("kr",),
    "vietnamese": ("vn",),
    "armenian": ("am",),
    "georgian": ("ge",),
}


@dataclass(frozen=True)
class NamingProfile:
    """What the companion is looking for in a name."""

    target_length: float = 5.5
    softness: float = 0.62
    open_ending: float | None = None
    familiarity: tuple[int, int] = (5, 9)
    genders: frozenset[str] | None = None
    regions: frozenset[str] = frozenset()
    initial: str | None = None
    avoid: frozenset[str] = frozenset()
    because: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Features:
    length: int
    softness: float
    open_end: bool
    ascii_only: bool
    cluster: int
    initial: str
    plain: bool  # one word of letters only


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


def _features(name: str) -> _Features:
    folded = _fold(name)
    letters = [c for c in folded if c.isalpha()] or ["x"]
    run = longest = 0
    for c in letters:
        run = 0 if c in _VOWELS else run + 1
        longest = max(longest, run)
    return _Features(
        length=len(name),
        softness=sum(c in _SOFT for c in letters) / len(letters),
        open_end=letters[-1] in _VOWELS,
        ascii_only=name.isascii(),
        cluster=longest,
        initial=letters[0],
        plain=name.isalpha(),
    )


@lru_cache(maxsize=1)
def _book() -> tuple[tuple[NameRecord, _Features], ...]:
    return tuple((rec, _features(rec.name)) for rec in load_name_records())


def _words(answers: Mapping[str, str]) -> list[str]:
    return [w.casefold() for text in answers.values() for w in _WORD.findall(str(text))]


def naming_profile(persona: Persona, answers: Mapping[str, str]) -> NamingProfile:
    """The profile for this persona and these answers (answers override traits)."""
    profile = NamingProfile()
    traits = {t.casefold() for t in persona.tags}
    traits.update(w.casefold() for w in _WORD.findall(persona.personality))
    because: list[str] = []
    for words, (length, softness, ending, shift), why in _TRAITS:
        if traits & words:
            lo, hi = profile.familiarity
            profile = replace(
                profile,
                target_length=profile.target_length + length,
                softness=profile.softness + softness,
                open_ending=profile.open_ending if ending is None else ending,
                familiarity=(lo + shift, hi + shift),
            )
            because.append(f"suits me: {why}")
    said = set(_words(answers))
    for hint_words, changes, why in _ANSWER_HINTS:
        if said & hint_words:
            profile = replace(profile, **changes)  # type: ignore[arg-type]
            because.append(f"you asked: {why}")
    regions = {code for w in said for code in _REGION_WORDS.get(w, ())}
    joined = " ".join(str(v) for v in answers.values()).casefold()
    for phrase, genders, why in _GENDER_PHRASES:
        if phrase.search(joined):
            profile = replace(profile, genders=genders)
            because.append(f"you asked: {why}")
    initial = _INITIAL.search(joined)
    book = {n.casefold() for n in load_names()}
    avoid = frozenset(w for w in said if w in book)
    return replace(
        profile,
        regions=frozenset(regions),
        initial=initial.group(1) if initial else None,
        avoid=avoid,
        because=tuple(dict.fromkeys(because)),
    )


def _score(rec: NameRecord, ft: _Features, p: NamingProfile) -> float:
    score = 2.0 * max(0.0, 1 - abs(ft.length - p.target_length) / 4)
    score += 2.0 * max(0.0, 1 - abs(ft.softness - p.softness) * 2.5)
    freq = rec.frequency_in(p.regions) if p.regions else rec.peak
    lo, hi = p.familiarity
    score += 1.5 * max(0.0, 1 - max(lo - freq, freq - hi, 0) / 4)
    if p.open_ending is not None:
        score += 1.0 - abs(float(ft.open_end) - p.open_ending)
    score += 1.5 * (1.0 if ft.ascii_only else 0.6) * (1.0 if ft.cluster <= 2 else 0.5)
    if p.regions:
        score += 2.5 if rec.frequency_in(p.regions) else 0.0
    else:  # a name known in several countries travels well
        score += 1.5 * min(1.0, sum(f >= 2 for _, f in rec.regions) / REACH)
    if p.initial and ft.initial == p.initial:
        score += 1.5
    return score


def _eligible(rec: NameRecord, ft: _Features, p: NamingProfile, *, gendered: bool) -> bool:
    folded = rec.name.casefold()
    if not ft.plain or not 3 <= ft.length <= 10 or folded in _DENY or folded in p.avoid:
        return False
    return not (gendered and p.genders is not None and rec.gender not in p.genders)


def _reasons(rec: NameRecord, ft: _Features, p: NamingProfile) -> tuple[str, ...]:
    out = [f"{ft.length} letters"]
    out.append("soft-sounding" if ft.softness >= 0.7 else "crisp-sounding")
    out.append("ends on a vowel" if ft.open_end else "ends on a consonant")
    places = sorted(rec.regions, key=lambda cf: -cf[1])
    if p.regions:
        places = [cf for cf in places if cf[0] in p.regions] or places
    if places:
        out.append("used in " + " and ".join(REGION_LABELS[c] for c, _ in places[:2]))
    if p.initial and ft.initial == p.initial:
        out.append(f"starts with {p.initial.upper()}")
    out.extend(p.because)
    return tuple(out)


def choose_name(
    persona: Persona,
    answers: Mapping[str, str],
    *,
    rng: random.Random,
    sample_size: int | None = DEFAULT_SAMPLE_SIZE,
    shortlist_size: int = SHORTLIST_SIZE,
) -> NamingResult:
    """Read ``sample_size`` random names (all of them with None), score each for fit with this
    persona and these answers, shortlist the best and pick one (usually the best; ``rng``
    breaks near-ties so two companions of one persona rarely share a name). Deterministic for
    a given ``rng`` state."""
    started = time.perf_counter()
    book = _book()
    size = len(book) if sample_size is None else max(1, min(sample_size, len(book)))
    sample = rng.sample(range(len(book)), size)
    profile = naming_profile(persona, answers)
    for gendered in (True, False):
        scored = [
            (_score(book[i][0], book[i][1], profile), n, i)
            for n, i in enumerate(sample)
            if _eligible(book[i][0], book[i][1], profile, gendered=gendered)
        ]
        if scored:
            break
    else:
        raise ValueError("no name in the sample fits; try a larger sample_size")
    scored.sort(key=lambda s: (-s[0], s[1]))
    top = scored[: max(1, shortlist_size)]
    weights = [math.exp((s - top[0][0]) / PICK_TEMPERATURE) for s, _, _ in top]
    _, _, pick = rng.choices(top, weights=weights, k=1)[0]
    rec, ft = book[pick]
    result = NamingResult(
        name=validate_name(rec.name),
        considered=size,
        shortlist=tuple(book[i][0].name for _, _, i in top),
        reasons=_reasons(rec, ft, profile),
        elapsed_s=time.perf_counter() - started,
    )
    log.info("named %s %r after considering %d names", persona.key, result.name, size)
    return result
