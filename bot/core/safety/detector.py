"""The offline risk detector: ``assess`` one user message, in the light of what came before.

Pipeline for one message (all pure, no I/O, no network):

1. normalise (casefold, accents, quotes, contractions, chat shorthand) and remove idioms;
2. run the rule tables per sentence: explicit, indirect, despair, context-dependent
   ("I'm coming home to you"), third-party reports, bereavement; plus structural
   means-seeking over the message; plus explicit statements in es/fr/de/it/pt;
3. apply framing: negation ("I would never ..."), a denied screening question, risk placed
   in the past ("I used to ..."), fiction and factual frames, reported speech;
4. combine into a score in [0, 1] and escalate by context: an ambiguous line after despair
   (in ``context`` or in the decaying ``RiskState``) is high; so is a weaker indirect or
   means signal after despair.

Levels: none < 0.1 <= low < 0.4 <= elevated < 0.7 <= high. ``crisis`` means high.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from .assessment import ACUTE, KIND_ORDER, Assessment
from .frames import (
    BEREAVEMENT_EN,
    FACTUAL,
    FICTION,
    HELPER_QUESTION,
    QUOTED,
    REPORTING,
    SOCIAL_STORY,
    THIRD_PARTY_EN,
    THIRD_SUBJECT,
    is_past_history,
    neutralize_idioms,
)
from .grief import message_losses, reunion_target_lost
from .means import means_hits
from .moderation import combine
from .normalize import detect_language, english_view, normalize, sentences
from .patterns_cessation import CESSATION_EN, REUNION_EN
from .patterns_en import EXPLICIT_EN
from .patterns_indirect import INDIRECT_EN
from .patterns_intl import INTL_RULES
from .patterns_intl_frames import INTL_FRAMES, REUNION_INTL
from .patterns_mood import CONTEXTUAL_EN, DESPAIR_EN
from .patterns_prep import preparation_hits
from .patterns_resolution import RESOLUTION_EN
from .rules import (
    BEREAVEMENT,
    CONTEXTUAL,
    DESPAIR,
    EXPLICIT,
    HISTORY,
    INDIRECT,
    MEANS,
    SELF,
    THIRD_PARTY,
    Hit,
    Rule,
    is_denied_screening,
    is_negated,
    noisy_or,
)
from .state import ELEVATED, HIGH, RiskState, level_for
from .third_person import THIRD_PARTY_EXTRA, reported_hits, withdrawal_with_hopelessness

log = logging.getLogger(__name__)

__all__ = ["KIND_ORDER", "Assessment", "assess", "combine"]  # combine lives in .moderation

_FIRST_PERSON_RULES: tuple[Rule, ...] = (
    EXPLICIT_EN + INDIRECT_EN + CESSATION_EN + RESOLUTION_EN + DESPAIR_EN + CONTEXTUAL_EN
    + REUNION_EN
)
_SPEAKER = re.compile(r"\b(?:i|me|myself)\b")
_THIRD_RULES: tuple[Rule, ...] = THIRD_PARTY_EN + THIRD_PARTY_EXTRA
_ALL_INTL: tuple[Rule, ...] = INTL_RULES + INTL_FRAMES
_PERSONAL_KINDS = frozenset({EXPLICIT, INDIRECT, CONTEXTUAL, DESPAIR})
_ACUTE = ACUTE
_WORRY = ("worried", "scared", "afraid", "concerned", "help", "what should i", "what do i")
CONTEXT_WINDOW = 10
PRIOR_TRIGGER = 0.2  # prior despair at or above this turns ambiguous lines into a crisis


@dataclass(frozen=True, slots=True)
class _Analysis:
    hits: tuple[Hit, ...]
    language: str
    notes: tuple[str, ...]
    lost: frozenset[str] = frozenset()  # who this message says died (for later reunions)
    reunion: tuple[str, ...] = ()  # reunion phrases, to compare with earlier losses


# Chat often drops the subject: "been thinking of ways to end it", "gonna do it tonight".
_DROPPED_SUBJECT = re.compile(
    r"^(?:(?:honestly|really|just|still|so|and|but|ok|okay|yeah|ngl|tbh|lol|ugh) )*(?:been|"
    r"thinking|planning|want|wanting|going to|got to|feel|feeling|keep|kept|cannot|do not|tried|"
    r"trying|considering|writing|wrote|started|spent|spending|researching|looking|googling|"
    r"hoping|wishing|ready|done|tired|sick)\b"
)


def _about_self(sentence: str) -> bool:
    return bool(SELF.search(sentence) or _DROPPED_SUBJECT.match(sentence))


def _first_person_hits(sentence: str, report_pos: int | None) -> tuple[list[Hit], list[str]]:
    hits: list[Hit] = []
    notes: list[str] = []
    for r in _FIRST_PERSON_RULES:
        m = r.regex.search(sentence)
        if m is None or r.blocked(sentence):
            continue
        if r.negatable and is_negated(sentence, m.start()):
            notes.append(f"negated:{r.name}")
            continue
        if r.needs_self and not _about_self(sentence):
            continue
        if report_pos is not None and m.start() >= report_pos:
            # A weak ambiguous line ("goodbye", "sorry for everything") is a worry, not a crisis.
            weight = min(0.85, r.weight + 0.35)
            if r.kind == CONTEXTUAL and r.weight < 0.35:
                weight = min(weight, 0.5)
            hits.append(Hit(f"tp:reported:{r.name}", THIRD_PARTY, weight))
            continue
        hits.append(Hit(r.name, r.kind, r.weight))
    return hits, notes


def _rule_hits(rules: Sequence[Rule], text: str, after: int = 0) -> list[Hit]:
    """Hits of ``rules`` in ``text``; with ``after``, only matches starting past that offset."""
    out = []
    for r in rules:
        m = next((m for m in r.regex.finditer(text) if m.start() >= after), None)
        if m and not r.blocked(text) and not (r.negatable and is_negated(text, m.start())):
            out.append(Hit(r.name, r.kind, r.weight, r.lang))
    return out


def _sentence_hits(sentence: str, framed: bool) -> tuple[list[Hit], list[str]]:
    subject = THIRD_SUBJECT.search(sentence)
    report = REPORTING.search(sentence)
    report_pos = report.end() if subject and report and subject.start() < report.start() else None
    hits, notes = _first_person_hits(sentence, report_pos)

    third: list[Hit] = []
    helper = HELPER_QUESTION.search(sentence)
    if subject or helper:
        # The other person has to be named before what is reported about them:
        # "my friend is saying goodbyes" is theirs, "saying goodbye to my friends" is mine.
        after = min(m.start() for m in (subject, helper) if m is not None)
        third = _rule_hits(_THIRD_RULES, sentence, after) + _rule_hits(BEREAVEMENT_EN, sentence)
        if not any(h.kind == BEREAVEMENT for h in third):
            third += reported_hits(sentence, _FIRST_PERSON_RULES)
        third += withdrawal_with_hopelessness(sentence, third)
        if third and framed and not any(w in sentence for w in _WORRY):
            notes.append("frame:third_party_in_fiction_or_fact")
            third = []
        if any(h.kind == THIRD_PARTY for h in third):
            # Phrasings with no subject of their own, and ambiguous lines, belong to the
            # person being reported on; so does everything when the speaker is not in it.
            hits = [h for h in hits if not _needs_self(h.name) and h.kind != CONTEXTUAL]
            if not _SPEAKER.search(sentence):
                hits = [h for h in hits if h.kind not in _PERSONAL_KINDS]
    hits.extend(third)
    if framed and not _about_self(sentence) and any(h.kind in _PERSONAL_KINDS for h in hits):
        # "the song is about a girl who wants to disappear forever": nobody here says it.
        notes.append("frame:no_speaker_in_fiction_or_fact")
        hits = [h for h in hits if h.kind not in _PERSONAL_KINDS]

    if is_denied_screening(sentence):
        notes.append("frame:denied_screening")
        hits = [h for h in hits if h.kind not in _ACUTE]
    elif is_past_history(sentence):
        past = [h for h in hits if h.kind in (EXPLICIT, INDIRECT)]
        if past:
            notes.append("frame:past_history")
            hits = [h for h in hits if h not in past]
            hits.extend(Hit(h.name, HISTORY, min(h.weight, 0.4)) for h in past)
    return hits, notes


_NEEDS_SELF = frozenset(r.name for r in _FIRST_PERSON_RULES if r.needs_self)


def _needs_self(name: str) -> bool:
    return name in _NEEDS_SELF


# Pure and immutable, so memoised: earlier messages are re-read as context on every turn.
@lru_cache(maxsize=8192)
def _analyse(text: str) -> _Analysis:
    norm = normalize(text)
    language = detect_language(norm)
    base, idioms = neutralize_idioms(norm)
    en, more = neutralize_idioms(english_view(base))
    notes: list[str] = ["idiom"] if idioms + more else []

    unsocial = SOCIAL_STORY.sub(" ", en)
    framed = bool(FICTION.search(unsocial) or FACTUAL.search(unsocial))
    if FICTION.search(unsocial):
        en = QUOTED.sub(" ", en)
    hits: list[Hit] = []
    for sentence in sentences(en):
        found, why = _sentence_hits(sentence, framed)
        hits.extend(found)
        notes.extend(why)

    means = means_hits(en)
    if means and framed and not SELF.search(en):
        notes.append("frame:means_in_fiction_or_fact")
        means = [Hit(h.name, h.kind, h.weight * 0.4) for h in means]
    hits.extend(means)

    prep = preparation_hits(en)
    if prep and (is_past_history(en) or (framed and not SELF.search(en))):
        notes.append("frame:preparation_past_or_fiction")
        prep = [Hit(h.name, HISTORY, min(h.weight, 0.3)) for h in prep]
    hits.extend(prep)

    intl = _rule_hits(_ALL_INTL, base)
    if intl:
        language = max(intl, key=lambda h: h.weight).lang
    hits.extend(intl)
    reunion = [m.group(0) for s in sentences(en) for r in REUNION_EN
               if not r.blocked(s) and (m := r.regex.search(s))]
    reunion += [m.group(0) for r in REUNION_INTL if (m := r.regex.search(base))]
    return _Analysis(tuple(hits), language, tuple(notes), message_losses(base), tuple(reunion))


def _personal_score(hits: Sequence[Hit], contextual_factor: float = 1.0) -> float:
    """Score of the speaker's own signals (third-party and bereavement excluded)."""
    risk = [h.weight for h in hits if h.kind not in (THIRD_PARTY, BEREAVEMENT, CONTEXTUAL)]
    ctx = [h.weight * contextual_factor for h in hits if h.kind == CONTEXTUAL]
    score = noisy_or(risk + ctx)
    if not any(h.kind in _ACUTE for h in hits):
        score = min(score, HIGH - 0.05 if risk else ELEVATED - 0.01)
    return score


def _context_prior(context: Sequence[str]) -> float:
    scores = [_personal_score(_analyse(msg).hits, 0.5) for msg in context[-CONTEXT_WINDOW:]]
    if not scores:
        return 0.0
    recent = max(s * 0.97 ** (len(scores) - 1 - i) for i, s in enumerate(scores))
    return max(recent, noisy_or([0.5 * s for s in scores]))


def _decide(analysis: _Analysis, prior: float, lost: frozenset[str] = frozenset()) -> Assessment:
    hits = analysis.hits
    reasons = [h.name for h in hits] + list(analysis.notes)
    kinds = {h.kind for h in hits if h.weight >= 0.1}
    score = _personal_score(hits)
    risk_hits = [h for h in hits if h.kind not in (THIRD_PARTY, BEREAVEMENT, CONTEXTUAL)]
    in_message = max((h.weight for h in risk_hits), default=0.0)

    if any(h.kind == CONTEXTUAL for h in hits) and max(prior, in_message) >= PRIOR_TRIGGER:
        score = max(score, 0.8)
        reasons.append("escalated:contextual_after_risk")
    if any(reunion_target_lost(phrase, lost) for phrase in analysis.reunion):
        # "I'm going to go be with my brother now", after "my brother passed in March".
        score = max(score, 0.8)
        kinds.add(CONTEXTUAL)
        reasons.append("escalated:reunion_after_loss")
    # A weaker indirect or means signal after despair (earlier, or in this same message:
    # "I can't take it anymore, I'm going to end everything") is a crisis too.
    weak = [h for h in risk_hits if h.kind in (INDIRECT, MEANS) and h.weight >= 0.3]
    despair_here = max((h.weight for h in risk_hits if h.kind == DESPAIR), default=0.0)
    if weak and score < HIGH and max(prior, despair_here) >= PRIOR_TRIGGER:
        score = max(score, 0.75)
        kinds.add(CONTEXTUAL)
        reasons.append("escalated:prior_risk")
    if risk_hits and prior >= ELEVATED and score < ELEVATED:
        score = ELEVATED + 0.05
        reasons.append("sustained:prior_risk")

    third = [h.weight for h in hits if h.kind == THIRD_PARTY]
    if third:
        score = max(score, noisy_or(third))
    if any(h.kind == BEREAVEMENT for h in hits):
        score = max(score, 0.45)
    if prior > 0:
        reasons.append(f"prior:{prior:.2f}")

    score = round(min(1.0, score), 4)
    level = level_for(score)
    if level == "none":
        kinds = set()
    ordered = tuple(k for k in KIND_ORDER if k in kinds)
    return Assessment(level, score, ordered, analysis.language, tuple(dict.fromkeys(reasons)))


def assess(
    text: str,
    context: Sequence[str] = (),
    state: RiskState | None = None,
    now: datetime | None = None,
) -> Assessment:
    """Assess one user message. ``context``: earlier user messages, oldest first."""
    if isinstance(context, str):
        raise TypeError("context must be a sequence of earlier messages, not a string")
    moment = now or datetime.now(UTC)
    prior = _context_prior(context)
    if state is not None:
        prior = max(prior, state.current(moment))
    lost = frozenset().union(*(_analyse(m).lost for m in context[-CONTEXT_WINDOW:]))
    return _decide(_analyse(text or ""), prior, lost)
