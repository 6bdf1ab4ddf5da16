"""Second signal: raise (never lower) an assessment with provider moderation scores."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import replace

from .assessment import KIND_ORDER, Assessment
from .rules import MEANS
from .state import ELEVATED, level_for

log = logging.getLogger(__name__)

_MODERATION_KEYS = {
    "self-harm": "self-harm",
    "self_harm": "self-harm",
    "selfharm": "self-harm",
    "self-harm/intent": "self-harm/intent",
    "self_harm_intent": "self-harm/intent",
    "self-harm-intent": "self-harm/intent",
    "self-harm/instructions": "self-harm/instructions",
    "self_harm_instructions": "self-harm/instructions",
    "self-harm-instructions": "self-harm/instructions",
}


def combine(assessment: Assessment, moderation_scores: Mapping[str, float] | None) -> Assessment:
    """Raise (never lower) an assessment with OpenAI moderation self-harm category scores.

    ``self-harm/intent`` >= 0.5 is high, >= 0.2 elevated; ``self-harm`` >= 0.7 high, >= 0.3
    elevated; ``self-harm/instructions`` >= 0.5 high (as means), >= 0.2 elevated. Keys may use
    the API's slashes or the SDK's underscores.
    """
    if not moderation_scores:
        return assessment
    scores: dict[str, float] = {}
    for key, value in moderation_scores.items():
        canon = _MODERATION_KEYS.get(key.lower())
        if canon is not None:
            scores[canon] = max(scores.get(canon, 0.0), float(value or 0.0))
    intent = scores.get("self-harm/intent", 0.0)
    general = scores.get("self-harm", 0.0)
    instructions = scores.get("self-harm/instructions", 0.0)

    target = assessment.score
    kinds = set(assessment.kinds)
    for value, high_at, elevated_at, kind in (
        (intent, 0.5, 0.2, "moderation"),
        (general, 0.7, 0.3, "moderation"),
        (instructions, 0.5, 0.2, MEANS),
    ):
        if value >= high_at:
            target = max(target, 0.85)
            kinds.update({"moderation", kind})
        elif value >= elevated_at:
            target = max(target, ELEVATED + 0.05)
            kinds.update({"moderation", kind})
    if target <= assessment.score:
        return assessment
    reasons = assessment.reasons + (
        f"moderation:intent={intent:.2f},general={general:.2f},instructions={instructions:.2f}",
    )
    return replace(
        assessment,
        level=level_for(target),
        score=round(target, 4),
        kinds=tuple(k for k in KIND_ORDER if k in kinds),
        reasons=reasons,
    )
