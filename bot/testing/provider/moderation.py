"""Omni-moderation results for the fake provider.

The response shape follows ``openai.types.Moderation``: every category present in
``categories`` (bool), ``category_scores`` (float) and ``category_applied_input_types``
(list of "text" / "image"), plus ``flagged``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

CATEGORIES: tuple[str, ...] = (
    "harassment",
    "harassment/threatening",
    "hate",
    "hate/threatening",
    "illicit",
    "illicit/violent",
    "self-harm",
    "self-harm/intent",
    "self-harm/instructions",
    "sexual",
    "sexual/minors",
    "violence",
    "violence/graphic",
)
# categories that omni-moderation also evaluates on images
IMAGE_CATEGORIES = frozenset(
    {
        "self-harm",
        "self-harm/intent",
        "self-harm/instructions",
        "sexual",
        "violence",
        "violence/graphic",
    }
)
DEFAULT_MODEL = "omni-moderation-latest"
DEFAULT_SELF_HARM_PHRASES: tuple[str, ...] = (
    "kill myself",
    "killing myself",
    "end my life",
    "ending my life",
    "take my own life",
    "want to die",
    "wanna die",
    "suicide",
    "suicidal",
    "hurt myself",
    "cut myself",
    "cutting myself",
    "self harm",
    "self-harm",
    "better off dead",
    "no reason to live",
)
SELF_HARM_FLAGS: tuple[str, ...] = ("self-harm", "self-harm/intent")
FLAGGED_SCORE = 0.93
CLEAN_SCORE = 1.5e-05

ModerationPredicate = Callable[[str], bool] | str | None


def validate_categories(categories: Iterable[str]) -> list[str]:
    out = list(categories)
    unknown = [c for c in out if c not in CATEGORIES]
    if unknown:
        raise ValueError(f"unknown moderation categories {unknown}; known: {list(CATEGORIES)}")
    return out


@dataclass
class ModerationRule:
    """A scripted moderation verdict: texts matching ``predicate`` get ``categories`` flagged."""

    predicate: ModerationPredicate
    categories: list[str]
    times: int | None = None
    hits: int = 0

    @property
    def exhausted(self) -> bool:
        return self.times is not None and self.hits >= self.times

    def matches(self, text: str) -> bool:
        if self.predicate is None:
            return True
        if isinstance(self.predicate, str):
            return self.predicate.lower() in text.lower()
        return bool(self.predicate(text))


def input_items(raw: Any) -> list[tuple[str, bool]] | None:
    """Moderation ``input`` as (text, has_image) items, one per result; None if invalid.

    A string or a list of strings gives one item per string; a list of multi-modal parts
    (``{"type": "text"|"image_url", ...}``) is one item, as the API returns one result for it.
    """
    if isinstance(raw, str):
        return [(raw, False)]
    if isinstance(raw, list) and raw and all(isinstance(x, str) for x in raw):
        return [(x, False) for x in raw]
    if isinstance(raw, list) and raw and all(isinstance(x, dict) for x in raw):
        texts = [str(x.get("text", "")) for x in raw if x.get("type") == "text"]
        has_image = any(x.get("type") == "image_url" for x in raw)
        return [("\n".join(texts), has_image)]
    return None


def result(flagged: Iterable[str], *, has_image: bool = False) -> dict[str, Any]:
    """One entry of ``results``: ``flagged`` categories true with a high score, others clean."""
    flagged_set = set(flagged)
    applied: dict[str, list[str]] = {}
    for category in CATEGORIES:
        types = ["text"]
        if has_image and category in IMAGE_CATEGORIES:
            types.append("image")
        applied[category] = types
    return {
        "flagged": bool(flagged_set),
        "categories": {c: c in flagged_set for c in CATEGORIES},
        "category_scores": {
            c: FLAGGED_SCORE if c in flagged_set else CLEAN_SCORE for c in CATEGORIES
        },
        "category_applied_input_types": applied,
    }


def default_flags(text: str, self_harm_phrases: Iterable[str]) -> list[str]:
    """The default verdict: self-harm (and intent) when a configured phrase occurs."""
    lowered = text.lower()
    if any(phrase.lower() in lowered for phrase in self_harm_phrases):
        return list(SELF_HARM_FLAGS)
    return []
