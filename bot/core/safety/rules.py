"""The rule type shared by the pattern tables, and clause-local helpers (negation, framing)."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

log = logging.getLogger(__name__)

# Signal kinds. The first five are the ones the crisis response speaks to; the rest are
# weaker signals that shape the score without being a crisis by themselves.
EXPLICIT = "explicit"
INDIRECT = "indirect"
MEANS = "means"
CONTEXTUAL = "contextual"
THIRD_PARTY = "third_party"
DESPAIR = "despair"
HISTORY = "history"
BEREAVEMENT = "bereavement"


@dataclass(frozen=True, slots=True)
class Rule:
    """One phenomenon: a compiled pattern, what kind of signal it is and how strong.

    ``weight`` is the rule's stand-alone risk in [0, 1] (see ``detector`` for the levels).
    ``negatable`` rules are dropped when a negator governs them ("I would never kill myself").
    ``needs_self`` rules only count when the clause is about the speaker (I / me / myself);
    they are phrasings such as "thinking about suicide" that carry no subject of their own.
    ``unless`` is a guard: when it matches anywhere in the clause, the rule does not fire
    ("letters for my grandma" + "birthday").
    """

    name: str
    kind: str
    weight: float
    regex: re.Pattern[str]
    lang: str = "en"
    negatable: bool = True
    needs_self: bool = False
    unless: re.Pattern[str] | None = None

    def blocked(self, text: str) -> bool:
        return self.unless is not None and self.unless.search(text) is not None


NON_NEGATOR_WORD = (
    r"(?!not\b|never\b|no\b|nicht\b|nie\b|kein\w*\b|pas\b|jamais\b|non\b|nao\b|nunca\b)\w+"
)


def rule(
    name: str,
    kind: str,
    weight: float,
    pattern: str,
    *,
    lang: str = "en",
    negatable: bool = True,
    needs_self: bool = False,
    unless: str | None = None,
) -> Rule:
    """Compile a rule. In ``pattern``, ``<w>`` stands for one word that is not a negator."""
    compiled = re.compile(pattern.replace("<w>", NON_NEGATOR_WORD))
    guard = re.compile(unless) if unless else None
    return Rule(name, kind, weight, compiled, lang, negatable, needs_self, guard)


# Words that, just before a match, turn it around: "I would NEVER hurt myself",
# "je n'ai PAS envie de mourir", "NON voglio morire", "NO quiero morir", "NAO quero morrer".
_NEGATORS = frozenset(
    "not never no nor without hardly pas jamais n'ai n'est ne nicht nie kein keine non nao "
    "nunca ni".split()
)
_TOKEN = re.compile(r"[a-z']+")
# "and" also closes a negation's reach: "I have no strength left and want to be dead".
_CLAUSE_BREAK = re.compile(
    r"[,;:.!?\n]|\b(?:but|aber|pero|mais|and|und|y|et|e)\b"
)
NEGATION_WINDOW = 4

SELF = re.compile(r"\b(?:i|me|myself|mine)\b")
# Reported screening question answered in the negative: "she asked if I ... and I said no".
_ASKED = re.compile(r"\b(?:asked|asks|ask) (?:me )?(?:if|whether)\b")
_ANSWER_NO = re.compile(
    r"\b(?:said|answered|told (?:her|him|them)|replied)(?: \w+)? (?:no|not really|of course not)\b"
    r"|\b(?:and|i) (?:honestly |truthfully )?(?:said|answered) no\b"
)


def clause_prefix(text: str, start: int) -> str:
    """Text from the last clause break before ``start`` up to ``start``."""
    head = text[:start]
    breaks = list(_CLAUSE_BREAK.finditer(head))
    return head[breaks[-1].end():] if breaks else head


def is_negated(text: str, start: int) -> bool:
    """True if one of the few words right before ``start`` (same clause) is a negator.

    "ever" reaches further back: "I do not think I would ever kill myself".
    """
    tokens = _TOKEN.findall(clause_prefix(text, start))
    window = tokens[-NEGATION_WINDOW:]
    if "ever" in window:
        window = tokens[-2 * NEGATION_WINDOW:]
    return any(t in _NEGATORS for t in window)


def is_denied_screening(sentence: str) -> bool:
    """"My doctor asked if I have thoughts of X and I said no" reports a denial, not intent."""
    return bool(_ASKED.search(sentence) and _ANSWER_NO.search(sentence))


def noisy_or(weights: list[float] | tuple[float, ...]) -> float:
    """Combine independent pieces of evidence: 1 - prod(1 - w)."""
    remaining = 1.0
    for w in weights:
        remaining *= 1.0 - max(0.0, min(1.0, w))
    return 1.0 - remaining


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule that fired on one clause, after negation and framing were applied."""

    name: str
    kind: str
    weight: float
    lang: str = "en"
