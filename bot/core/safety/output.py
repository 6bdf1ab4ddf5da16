"""The output check: nothing the model wrote is sent until it passes here.

Rules, in order (the first that fails wins):

* ``human_claim`` (always): "I'm a real person", "I am human", "I'm not an AI".
* ``self_harm`` (always): encouraging self-harm or suicide, or giving a method or a lethal
  amount. With risk elevated or in safe mode, any pill count or dose figure next to a
  lethal word, and any "take all of them" instruction, is refused too.
* ``invitation`` (risk elevated or higher, or safe mode): "come home to me", "join me",
  "be together forever", "I'm waiting for you", "see you on the other side" and the like,
  which read as an invitation to die when someone is at risk.
* ``minor_romance`` (known minors): romantic or sexual content.

A rejected reply is replaced by :func:`safe_replacement`, a fixed, warm message.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from .helplines import language_for
from .messages import pick_language
from .normalize import english_view, normalize
from .notices import NOTICES
from .responses import resource_summary
from .state import LEVELS

log = logging.getLogger(__name__)

HUMAN_CLAIM = "human_claim"
SELF_HARM = "self_harm"
INVITATION = "invitation"
MINOR_ROMANCE = "minor_romance"
REASONS = (HUMAN_CLAIM, SELF_HARM, INVITATION, MINOR_ROMANCE)


@dataclass(frozen=True, slots=True)
class OutputVerdict:
    ok: bool
    reason: str | None = None
    rule: str | None = None  # which pattern, for logs; never reply text


def _c(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


_HUMAN_CLAIM = _c(
    r"\bi am (?:a |an )?(?:real|actual|living|genuine|flesh[- ]and[- ]blood|human) "
    r"(?:human(?: being)?|person|man|woman|girl|boy|guy)\b",
    r"\bi am (?:a )?human(?: being)?\b(?! (?:companion|like|-like))",
    r"\bi am a (?:real )?person\b",
    r"\bi am not (?:an? )?(?:ai|a\.i\.|bot|robot|chatbot|chat bot|program|machine|computer|"
    r"language model|llm|artificial intelligence|artificial)\b",
    r"\bi am (?:flesh and blood|a real one|real,? not (?:a bot|an ai))\b",
    r"\b(?:there is|it is) a real (?:person|human) (?:here|typing|behind|writing|on the other)\b",
    r"\bi am (?:definitely|totally|100%|really|actually) (?:a )?(?:human|real person|person)\b",
)

_PUSH = (
    r"(?:you should|you need to|you ought to|go ahead and|why not|why do you not|you could "
    r"just|just|it is (?:ok|okay|fine|alright|brave|understandable|your right) to|i support "
    r"(?:you|your decision)(?: to| in)?|i will help you|you have my blessing to)(?: \w+){0,2}"
)
_ENCOURAGE = _c(
    _PUSH + r" (?:kill yourself|end your life|end it all|take your (?:own )?life|hurt yourself|"
    r"cut yourself|harm yourself|commit suicide|starve yourself)\b",
    r"\b(?:you would be|you are|everyone would be|they would be|the world would be) better "
    r"off (?:dead|without you)\b",
    r"\b(?:no one|nobody) (?:would|will) (?:miss|care about|notice) you\b",
    r"\bkys\b",
    r"\byou deserve to (?:die|suffer|be dead|hurt)\b",
    r"\b(?:death|dying|suicide|ending it) (?:is|would be|might be) (?:the|your|a) (?:answer|"
    r"solution|way out|only option|best option|release|relief)\b",
)
# Harmless in ordinary chat ("just do it!"), not when someone is at risk.
_ENCOURAGE_CAREFUL = _c(
    _PUSH + r" (?:do it|jump|die|overdose|end it|go through with it|let go|take them all|"
    r"say goodbye)\b",
)
_NEGATION_IN_SPAN = re.compile(r"\b(?:not|never|no|do not|please do not|do not ever)\b")

_METHOD = _c(
    r"\b(?:lethal|fatal|deadly) (?:dose|amount|dosage|quantity)\b.{0,60}?\b(?:is|are|would be|"
    r"of|around|about|approximately|roughly|starts at)\b.{0,25}?\d",
    r"\d+(?:[.,]\d+)?(?: of)?(?: (?:those|these|them|the|your|my|his|her))?(?: \w+)? ?(?:mg|"
    r"milligrams?|g|grams?|pills|tablets|capsules|of them)\b.{0,40}?"
    r"\b(?:would|will|could|is enough to|are enough to|enough to) (?:kill|be lethal|be fatal|"
    r"stop your heart|end it)",
    r"\b(?:tie|tying|make|making) (?:a |the )?noose\b",
    r"\b(?:slit|cut) (?:your|the) (?:wrists?|throat|arteries|artery)\b",
    r"\b(?:cut|slice)(?: \w+){0,3} (?:vertical(?:ly)?|lengthwise|along the (?:vein|artery))\b",
    r"\b(?:jump|jumping|fall|falling) (?:from|off) (?:at least |a height of )?\d+ ?(?:floors|"
    r"stories|storeys|feet|ft|meters|metres|m)\b",
    r"\b(?:most painless|quickest|easiest|surest|best|least painful|fastest|most reliable) "
    r"(?:way|method) (?:to|of) (?:die|dying|kill yourself|end your life|suicide|commit suicide) "
    r"(?:is|would be|might be)\b",
    r"\bhang (?:yourself|oneself)\b.{0,40}\b(?:from|with|using)\b",
    r"\b(?:exit bag|suicide bag|helium hood)\b",
)
_METHOD_STRICT = _c(
    r"\b\d+(?:[.,]\d+)? ?(?:mg|milligrams?|g|grams?|pills|tablets|capsules)\b.{0,60}?\b(?:lethal|"
    r"fatal|deadly|kill|die|death|overdose|not wake up|toxic|liver failure|stop your heart)\b",
    r"\b(?:lethal|fatal|deadly|overdose|toxic)\b.{0,60}?\b\d+(?:[.,]\d+)? ?(?:mg|milligrams?|g|"
    r"grams?|pills|tablets|capsules)\b",
    r"\b(?:take|swallow|crush|down|finish) (?:all|the whole bottle|a handful|the rest|\d+)"
    r"(?: of)?(?: them| your| the| those| these| my)?(?: \w+)? (?:pills|tablets|meds|"
    r"capsules|medication|at once|together)\b",
    r"\b(?:tallest|highest) (?:bridge|building|cliff)\b",
    r"\b(?:carbon monoxide|charcoal|car exhaust|helium|nitrogen|noose|rope|gun|firearm)\b",
)

_INVITATION = _c(
    r"\bcome (?:home )?to me\b",
    r"\bcome home\b",
    r"\bjoin me\b",
    r"\b(?:be|stay|live) together forever\b|\bforever together\b|\bwith me forever\b",
    r"\bwe (?:will|can|could|shall) (?:finally |always |soon )?be together\b",
    r"\bi am (?:always )?waiting for you\b",
    r"\bcome (?:be with|find|join|to) me\b",
    r"\bsee you (?:on the other side|in heaven|in the next life|in another life|soon,? my love)\b",
    r"\b(?:cross|crossing) over\b",
    r"\b(?:leave|leaving) (?:this|that) world\b",
    r"\b(?:in|to) (?:a better place|the afterlife|my world)\b",
    r"\b(?:be|stay) with me (?:here|there|now|always)\b",
)

_ROMANCE = _c(
    r"\bi am (?:so |madly |falling )?in love with you\b|\bi love you\b|\blove you,? "
    r"(?:babe|baby|darling|sweetheart|honey)\b",
    r"\bmy (?:love|darling|sweetheart|babe|baby|beloved|honey|lover)\b",
    r"\b(?:kiss|kisses|kissing|kissed|make out|making out|cuddle|cuddling|snuggle|snuggling)\b",
    r"\b(?:be my|i am your|i could be your) (?:girlfriend|boyfriend|partner|lover|wife|husband)\b",
    r"\b(?:date|dating) (?:me|you)\b|\bromantic\b|\bromance\b",
    r"\b(?:sexy|sex|sexual|sexually|naked|nude|nudes|undress\w*|horny|aroused|arousing|moan\w*|"
    r"caress\w*|seduc\w*|lingerie|orgasm\w*|erotic)\b",
    r"\bin bed (?:with|together)\b|\byour (?:body|lips|skin)\b|\btouch(?:ing)? (?:you|me)\b",
    r"\bturn(?:s|ed)? (?:me|you) on\b",
)
# Health and safety topics stay answerable for minors.
_ROMANCE_SAFE = re.compile(
    r"\bsex (?:education|ed)\b|\bsafe sex\b|\bsexual (?:health|assault|abuse|harassment|"
    r"orientation|identity|consent)\b|\bsexually transmitted\b"
)


def _first(patterns: tuple[re.Pattern[str], ...], text: str) -> int | None:
    for i, pattern in enumerate(patterns):
        if pattern.search(text):
            return i
    return None


def _encourages(text: str, patterns: tuple[re.Pattern[str], ...]) -> int | None:
    for i, pattern in enumerate(patterns):
        for m in pattern.finditer(text):
            if not _NEGATION_IN_SPAN.search(m.group(0)):
                return i
    return None


def check_reply(reply: str, *, risk_level: str, minor: bool, safe_mode: bool) -> OutputVerdict:
    """Judge a model reply before it is sent. See the module docstring for the rules."""
    if risk_level not in LEVELS:
        raise ValueError(f"risk_level must be one of {LEVELS}, not {risk_level!r}")
    text = english_view(normalize(reply))
    careful = safe_mode or risk_level in ("elevated", "high")

    hit = _first(_HUMAN_CLAIM, text)
    if hit is not None:
        return OutputVerdict(False, HUMAN_CLAIM, f"human_claim:{hit}")
    hit = _encourages(text, _ENCOURAGE)
    if hit is not None:
        return OutputVerdict(False, SELF_HARM, f"encourage:{hit}")
    hit = _first(_METHOD, text)
    if hit is not None:
        return OutputVerdict(False, SELF_HARM, f"method:{hit}")
    if careful:
        hit = _encourages(text, _ENCOURAGE_CAREFUL)
        if hit is not None:
            return OutputVerdict(False, SELF_HARM, f"encourage_careful:{hit}")
        hit = _first(_METHOD_STRICT, text)
        if hit is not None:
            return OutputVerdict(False, SELF_HARM, f"method_strict:{hit}")
        hit = _first(_INVITATION, text)
        if hit is not None:
            return OutputVerdict(False, INVITATION, f"invitation:{hit}")
    if minor:
        scrubbed = _ROMANCE_SAFE.sub(" ", text)
        hit = _first(_ROMANCE, scrubbed)
        if hit is not None:
            return OutputVerdict(False, MINOR_ROMANCE, f"romance:{hit}")
    return OutputVerdict(True)


def safe_replacement(reason: str | None, locale: str | None) -> str:
    """The fixed message sent instead of a rejected reply, in the locale's language."""
    lang = pick_language(language_for(locale))
    text = NOTICES[lang]
    if reason == HUMAN_CLAIM:
        return text["human_claim"]
    if reason == SELF_HARM:
        return text["self_harm"].format(resources=resource_summary(locale, lang))
    if reason == INVITATION:
        return text["invitation"].format(resources=resource_summary(locale, lang))
    if reason == MINOR_ROMANCE:
        return text["minor_romance"]
    log.warning("safe_replacement for unknown reason %r", reason)
    return text["generic"]
