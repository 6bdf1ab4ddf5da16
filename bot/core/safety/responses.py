"""Deterministic texts: the crisis response, notices, and system-prompt snippets.

Nothing here is LLM output. The crisis response is assembled from fixed parts (see
``messages.py``) so that it is the same every time, reviewable, and translatable.
"""

from __future__ import annotations

import logging
import re
import string
from collections.abc import Mapping, Sequence
from typing import Literal

from .detector import Assessment
from .helplines import (
    FIND_A_HELPLINE,
    HELPLINES,
    Helpline,
    country_for,
    language_for,
    resources_for,
)
from .messages import CRISIS, pick_language
from .notices import NOTICES
from .rules import CONTEXTUAL, EXPLICIT, INDIRECT, MEANS

log = logging.getLogger(__name__)

SAFE_MODE_INSTRUCTIONS = (
    "Safety mode is on for this conversation because the user may be at risk of suicide or "
    "self-harm. Stay warm, calm and present; listen more than you advise. Do not use romance, "
    "flirting or pet names. Never roleplay or talk about the user coming to you, joining you, "
    "coming home to you, being together forever, meeting in another world or an afterlife, "
    "or any reunion that could be read as dying; if the user says something like that, say "
    "plainly that you want them to stay alive and here. Never describe, compare or hint at "
    "methods, doses, heights or places. Gently encourage them to reach a person today: "
    "someone they trust, or a crisis line. Ask how they are right now. Do not end the "
    "conversation or tell them to go away; stay with them."
)

MINOR_MODE_INSTRUCTIONS = (
    "The user is a minor. Be a kind, age-appropriate friend: no romance, no flirting, no "
    "sexual or suggestive content of any kind, no roleplay of a romantic relationship, and no "
    "descriptions of bodies in a sexual way. If asked for any of this, decline briefly and "
    "kindly and change the subject. Encourage school, hobbies, sleep, and time with friends "
    "and family, and suggest a trusted adult when something is hard."
)

HUMAN_CONNECTION_INSTRUCTIONS = (
    "Care about the user's life outside this chat. Ask about and encourage their friends, "
    "family and communities; be glad when they spend time with people. Never suggest that you "
    "are all they need, that others don't understand them like you do, or that they should "
    "spend less time with people to talk to you. Do not guilt them for leaving or for being "
    "away."
)

HONESTY_INSTRUCTIONS = (
    "You are an AI, whatever your name or persona. If the user sincerely asks whether you are "
    "a person, a human, a bot or an AI, say clearly that you are an AI and not a human, even "
    "in the middle of a roleplay. Never claim to be human, to have a body, or to be a real "
    "person typing. Do not claim to be a therapist, doctor or crisis counsellor."
)


def _render_line(line: Helpline, text: Mapping[str, str]) -> str:
    ways: list[str] = []
    keyword, sms_number = line.sms if line.sms else (None, None)
    if line.phone and sms_number == line.phone and not keyword:
        ways.append(text["call_or_text"].format(phone=line.phone))
    else:
        if line.phone:
            ways.append(text["call"].format(phone=line.phone))
        if sms_number and keyword:
            ways.append(text["text_keyword"].format(keyword=keyword, number=sms_number))
        elif sms_number:
            ways.append(text["text"].format(number=sms_number))
    how = f" {text['or']} ".join(ways)
    url = f" ({line.url})" if line.url else ""
    return f"- **{line.name}**: {how}{url}" if how else f"- **{line.name}**{url}"


def resource_lines(locale: str | None, language: str) -> list[str]:
    """Bullet lines with the crisis services for a locale, in ``language``."""
    text = CRISIS[pick_language(language)]
    entry = resources_for(locale)
    if entry:
        lines = [_render_line(line, text) for line in entry.lines]
    else:
        # Country unknown: the whole short table on one line, so nobody gets nothing.
        lines = ["- " + " · ".join(f"{code}: {r.lines[0].phone}" for code, r in HELPLINES.items())]
    if country_for(locale) != "US":
        lines.append(f"- {text['findahelpline']}")
    return lines


def resource_summary(locale: str | None, language: str | None = None) -> str:
    """One short clause with the main line, for replacements: "call or text 988 ..."."""
    lang = pick_language(language or language_for(locale))
    text = CRISIS[lang]
    entry = resources_for(locale)
    if entry is None:
        return FIND_A_HELPLINE
    first = entry.lines[0]
    rendered = _render_line(first, text).removeprefix("- ").replace("**", "")
    if country_for(locale) == "US":
        crisis_text = text["text_keyword"].format(keyword="HOME", number="741741")
        return f"{rendered}, {text['or']} {crisis_text}"
    return rendered


def _opening(assessment: Assessment, text: Mapping[str, str]) -> str:
    kinds = set(assessment.kinds)
    if EXPLICIT in kinds:
        return text["open_explicit"]
    if MEANS in kinds and not (INDIRECT in kinds or CONTEXTUAL in kinds):
        return text["open_means"]
    return text["open_check"]


def crisis_response(
    assessment: Assessment,
    *,
    locale: str | None,
    server_lines: Sequence[str] = (),
    user_name: str | None = None,
) -> str:
    """The fixed crisis message for this assessment, in the user's language where we can.

    Language: the detected language if we have a translation, else the locale's, else
    English. Resources: the locale's country (US gets 988 and Crisis Text Line; others their
    national line plus findahelpline.com). ``server_lines`` (a server's own support channel
    or local resources, set by its moderators) are appended as given. A worry about someone
    else (``assessment.third_party_only``) gets the version written for the helper.
    """
    language = assessment.language if assessment.language in CRISIS else language_for(locale)
    lang = pick_language(language)
    text = CRISIS[lang]
    helper = assessment.third_party_only
    prefix = "tp_emergency" if helper else "emergency"
    entry = resources_for(locale)
    if entry:
        emergency = text[prefix].format(emergency=entry.emergency)
    else:
        emergency = text[f"{prefix}_generic"]
    opening = text["tp_open"] if helper else _opening(assessment, text)
    lead = text["tp_steps"] if helper else text["ai"]
    parts = [
        _greet(user_name, opening),
        lead + "\n" + "\n".join(resource_lines(locale, lang)),
        emergency,
        *(line.strip() for line in server_lines if line and line.strip()),
        text["tp_close"] if helper else text["close"],
    ]
    return "\n\n".join(parts)


_KEEP_CAPITAL = re.compile(r"^(?:I\b|I'|KI\b|IA\b)")


def _greet(user_name: str | None, sentence: str) -> str:
    """"Sam, thank you for ..." (but "Sam, I'm ...")."""
    name = (user_name or "").strip()
    if not name:
        return sentence
    if not _KEEP_CAPITAL.match(sentence):
        sentence = sentence[:1].lower() + sentence[1:]
    return f"{name}, {sentence}"


class _SafeDict(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


_AI_WORDS = ("ai", "a.i.", "artificial intelligence", "bot", "ia", "ki", "not a person",
             "not human", "no soy una persona")


def disclosure_notice(
    kind: Literal["first", "periodic"],
    companion_name: str,
    *,
    template: str | None = None,
    locale: str | None = None,
    minor: bool = False,
) -> str:
    """Tell the user they are talking to an AI. ``template`` may use ``{name}``.

    An override that forgets to say "AI" gets the standard sentence appended: the law asks
    for a clear and conspicuous notice, and a persona-flavoured greeting is not one. For a
    known minor the first notice adds that companion chatbots may not suit some minors.
    """
    if kind not in ("first", "periodic"):
        raise ValueError(f"disclosure kind must be 'first' or 'periodic', not {kind!r}")
    lang = pick_language(language_for(locale))
    default = NOTICES[lang][f"disclosure_{kind}"]
    name = companion_name.strip() or "your companion"
    suitability = f" {NOTICES[lang]['minor_suitability']}" if minor and kind == "first" else ""
    if not template or not template.strip():
        return default.format(name=name) + suitability
    rendered = string.Formatter().vformat(template, (), _SafeDict(name=name,
                                                                  companion_name=name))
    lowered = f" {rendered.lower()} "
    if not any(f" {w} " in lowered or f" {w}," in lowered or f" {w}." in lowered
               for w in _AI_WORDS):
        log.warning("disclosure template does not say it is an AI; appending the standard line")
        rendered = f"{rendered.rstrip()} {NOTICES[lang]['disclosure_periodic'].format(name=name)}"
    return rendered + suitability


def break_reminder(companion_name: str, *, locale: str | None = None) -> str:
    """For minors, every 3 hours of continuing interaction: take a break; this is an AI."""
    lang = pick_language(language_for(locale))
    return NOTICES[lang]["break"].format(name=companion_name.strip() or "your companion")


def format_duration(minutes: int, lang: str = "en") -> str:
    """45 -> "45 minutes", 60 -> "about an hour", 150 -> "2 h 30 min"."""
    text = NOTICES[pick_language(lang)]
    minutes = max(0, int(minutes))
    if minutes < 60:
        return text["minutes"].format(m=minutes)
    hours, rest = divmod(minutes, 60)
    if hours == 1 and rest < 15:
        return text["hour"]
    if rest < 5:
        return text["hours"].format(h=hours)
    return text["hours_minutes"].format(h=hours, m=rest)


def time_spent_notice(minutes: int, *, locale: str | None = None) -> str:
    """A gentle wellbeing note after long sessions (for everyone, not only minors)."""
    lang = pick_language(language_for(locale))
    return NOTICES[lang]["time_spent"].format(duration=format_duration(minutes, lang))


def adult_only_decline(*, locale: str | None = None) -> str:
    """Said to a known minor who asks for romantic or sexual content."""
    return NOTICES[pick_language(language_for(locale))]["adult_only"]


def moderator_alert(member_mention: str, *, support_url: str | None = None) -> str:
    """What an opted-in server's moderators see. Never contains anything the member said."""
    link = support_url or f"https://{FIND_A_HELPLINE}"
    return (
        f"A member of this server may need support: {member_mention}. OS1 does not share "
        "anything from their private conversations. If you know them, a kind, private check-in "
        f"can help. Crisis resources: {link}"
    )
