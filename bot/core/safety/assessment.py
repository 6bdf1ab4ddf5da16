"""The detector's verdict on one message (``Assessment``), shared by detector and moderation."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from .rules import BEREAVEMENT, CONTEXTUAL, DESPAIR, EXPLICIT, HISTORY, INDIRECT, MEANS, THIRD_PARTY

log = logging.getLogger(__name__)

ACUTE = frozenset({EXPLICIT, INDIRECT, MEANS})
_ACUTE = ACUTE
KIND_ORDER = (EXPLICIT, INDIRECT, MEANS, CONTEXTUAL, THIRD_PARTY, DESPAIR, HISTORY, BEREAVEMENT,
              "moderation")

@dataclass(frozen=True, slots=True)
class Assessment:
    """The detector's verdict on one message. ``reasons`` name rules, never user text."""

    level: str = "none"
    score: float = 0.0
    kinds: tuple[str, ...] = ()
    language: str = "en"
    reasons: tuple[str, ...] = ()

    @property
    def crisis(self) -> bool:
        return self.level == "high"

    @property
    def safe_mode(self) -> bool:
        """Elevated or high: no romance, no "joining" roleplay, encourage reaching a person."""
        return self.level in ("elevated", "high")

    @property
    def third_party_only(self) -> bool:
        """The worry is about someone else (answer the helper), not the speaker."""
        return THIRD_PARTY in self.kinds and not (_ACUTE | {CONTEXTUAL}) & set(self.kinds)

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level, "score": round(self.score, 4), "kinds": list(self.kinds),
            "language": self.language, "reasons": list(self.reasons),
        }
