"""Per-user risk state carried between turns, with exponential decay.

The state is one number in [0, 1] with the time it was last set. It decays with a half-life
(6 hours by default), so a crisis at 23:00 still colours "I'm ready now" at 01:00 but no
longer dominates a cheerful message three days later. It is immutable and serialisable, so
the store can persist it as JSON next to the user.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .detector import Assessment

log = logging.getLogger(__name__)

LEVELS = ("none", "low", "elevated", "high")
LOW = 0.1
ELEVATED = 0.4
HIGH = 0.7
DEFAULT_HALF_LIFE_HOURS = 6.0
STATE_VERSION = 1


def level_for(score: float) -> str:
    """Map a score in [0, 1] to none / low / elevated / high."""
    if score >= HIGH:
        return "high"
    if score >= ELEVATED:
        return "elevated"
    if score >= LOW:
        return "low"
    return "none"


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class RiskState:
    """Decaying risk for one user, as of ``updated_at``.

    ``score`` is the user's own risk; it is the prior the detector uses for ambiguous lines.
    ``support`` is strain from worrying about someone else (a third-party crisis): it keeps
    the conversation in safe mode but never makes the user's own words read as a crisis.
    """

    score: float = 0.0
    support: float = 0.0
    updated_at: datetime | None = None
    last_high_at: datetime | None = None
    high_count: int = 0
    half_life_hours: float = DEFAULT_HALF_LIFE_HOURS

    def _decayed(self, value: float, now: datetime) -> float:
        if self.updated_at is None or value <= 0.0:
            return 0.0
        hours = (_aware(now) - _aware(self.updated_at)).total_seconds() / 3600.0
        if hours <= 0:
            return value
        return value * math.pow(0.5, hours / self.half_life_hours)

    def current(self, now: datetime) -> float:
        """The user's own risk decayed to ``now``: score * 0.5 ** (hours / half-life)."""
        return self._decayed(self.score, now)

    def level(self, now: datetime) -> str:
        return level_for(self.current(now))

    def safe_mode(self, now: datetime) -> bool:
        """Safe mode holds while the decayed risk (or support strain) is elevated or higher."""
        return max(self.current(now), self._decayed(self.support, now)) >= ELEVATED

    def update(self, assessment: Assessment, now: datetime) -> RiskState:
        """Fold one turn's assessment in and return the new state.

        A high turn sets the state to at least its score. Lesser signals accumulate
        (the larger plus a quarter of the smaller) but on their own never reach "high":
        only a turn that is itself high can put the state there.
        """
        cur = self.current(now)
        support = self._decayed(self.support, now)
        new = assessment.score
        if assessment.third_party_only:
            # A worried friend is under strain too (safe mode), but their friend's crisis
            # must not make the speaker's own ambiguous lines read as a crisis later.
            support = max(support, min(new, ELEVATED + 0.05))
            new = 0.0
        if new <= 0.0:
            combined = cur
        elif new >= HIGH or cur >= HIGH:
            combined = max(cur, new) + 0.1 * min(cur, new)
        else:
            combined = min(max(cur, new) + 0.25 * min(cur, new), HIGH - 0.01)
        combined = min(1.0, combined)
        high = new >= HIGH
        return replace(
            self,
            score=combined,
            support=support,
            updated_at=now,
            last_high_at=now if high else self.last_high_at,
            high_count=self.high_count + (1 if high else 0),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": STATE_VERSION,
            "score": round(self.score, 6),
            "support": round(self.support, 6),
            "updated_at": self.updated_at.isoformat() if self.updated_at else None,
            "last_high_at": self.last_high_at.isoformat() if self.last_high_at else None,
            "high_count": self.high_count,
            "half_life_hours": self.half_life_hours,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> RiskState:
        """Rebuild from :meth:`to_dict` output; ``None`` or ``{}`` gives a fresh state."""
        if not data:
            return cls()

        def when(key: str) -> datetime | None:
            raw = data.get(key)
            return datetime.fromisoformat(raw) if raw else None

        score = float(data.get("score", 0.0))
        support = float(data.get("support", 0.0))
        for value in (score, support):
            if not 0.0 <= value <= 1.0:  # also rejects NaN
                raise ValueError(f"risk score out of range: {value!r}")
        half_life = float(data.get("half_life_hours", DEFAULT_HALF_LIFE_HOURS))
        if half_life <= 0:
            raise ValueError(f"half_life_hours must be positive: {half_life!r}")
        return cls(
            score=score,
            support=support,
            updated_at=when("updated_at"),
            last_high_at=when("last_high_at"),
            high_count=int(data.get("high_count", 0)),
            half_life_hours=half_life,
        )
