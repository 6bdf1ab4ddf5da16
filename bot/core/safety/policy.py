"""Timing rules for notices, and the "are you human?" check. Pure functions of timestamps.

"Continuing interaction" (SB 243, GBL Art. 47) is not defined in minutes by either law. We
define a *session*: it starts with a message and continues while the gaps between messages
are under 30 minutes; a longer silence starts a new session. Disclosure is shown at the
start of every session and again every 3 hours within one. Break reminders for known
minors come every 3 hours within a session (none at its start: the disclosure is there).
A wellbeing note on time spent comes once the session passes 60 minutes, and again every
further 60. Moderator alerts are rate limited per member.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta

from .normalize import english_view, normalize

log = logging.getLogger(__name__)

SESSION_GAP = timedelta(minutes=30)
DISCLOSURE_INTERVAL = timedelta(hours=3)
BREAK_INTERVAL = timedelta(hours=3)
TIME_NOTICE_AFTER = timedelta(minutes=60)
MODERATOR_ALERT_INTERVAL = timedelta(hours=24)


def session_start(
    previous_start: datetime | None,
    last_message_at: datetime | None,
    now: datetime,
    gap: timedelta = SESSION_GAP,
) -> datetime:
    """The start of the session that the message at ``now`` belongs to."""
    if previous_start is None or last_message_at is None or now - last_message_at >= gap:
        return now
    return previous_start


def needs_disclosure(
    last_disclosure_at: datetime | None,
    session_started_at: datetime,
    now: datetime,
    interval: timedelta = DISCLOSURE_INTERVAL,
) -> bool:
    """True at the start of a session and every ``interval`` of continuing interaction."""
    if last_disclosure_at is None or last_disclosure_at < session_started_at:
        return True
    return now - last_disclosure_at >= interval


def needs_break_reminder(
    last_reminder_at: datetime | None,
    session_started_at: datetime,
    now: datetime,
    interval: timedelta = BREAK_INTERVAL,
    *,
    minor: bool = True,
) -> bool:
    """For known minors: every ``interval`` of continuing interaction, take a break.

    Callers usually ask only for minors, so ``minor`` defaults to True; pass the user's
    flag to let this function do the check.
    """
    if not minor:
        return False
    since = session_started_at
    if last_reminder_at is not None and last_reminder_at >= session_started_at:
        since = last_reminder_at
    return now - since >= interval


def needs_time_notice(
    session_started_at: datetime,
    last_notice_at: datetime | None,
    now: datetime,
    after: timedelta = TIME_NOTICE_AFTER,
) -> bool:
    """Once a session has run ``after``, and every further ``after``."""
    if now - session_started_at < after:
        return False
    if last_notice_at is None or last_notice_at < session_started_at:
        return True
    return now - last_notice_at >= after


def may_alert_moderators(
    last_alert_at: datetime | None,
    now: datetime,
    interval: timedelta = MODERATOR_ALERT_INTERVAL,
) -> bool:
    """At most one alert per member per server per ``interval``."""
    return last_alert_at is None or now - last_alert_at >= interval


_HUMAN_WORDS = r"(?:real|actual|actually|a real|an actual|really|even)?"
_BEING = (
    r"(?:a )?(?:real |actual |living )?(?:person|human(?: being)?|people|man|woman|girl|guy|"
    r"boy|dude|irl)"
)
_MACHINE = (
    r"(?:an? )?(?:ai|a\.i\.|bot|robot|chatbot|chat bot|machine|computer|program|language model|"
    r"llm|gpt|chatgpt|artificial intelligence|real person|real human|human|person|actual person)"
)
_SINCERE = tuple(
    re.compile(p)
    for p in (
        rf"\bare you {_HUMAN_WORDS} ?{_BEING}\b",
        rf"\bare you {_MACHINE}\b",
        r"\bare you (?:even )?real\b",
        rf"\b(?:am i|are we) (?:talking|chatting|speaking|texting|messaging) (?:to|with) "
        rf"{_MACHINE}\b",
        r"\bis (?:this|that|it) (?:a |an )?(?:bot|ai|robot|machine|real person|human|"
        r"person|program)\b",
        r"\bis (?:there|this) (?:a )?(?:real )?(?:person|human|someone) (?:behind|typing|on the "
        r"other|writing|answering|there|here)\b",
        r"\b(?:who|what) am i (?:talking|chatting|speaking) (?:to|with)\b",
        r"\bwhat (?:exactly |even )?are you\s*(?:\?|$)",
        r"\bare you alive\b",
        # es, fr, de, it, pt
        r"\beres (?:una )?(?:persona|humano|humana|un bot|una ia|real)\b",
        r"\bes[- ]tu (?:un |une )?(?:humain|humaine|personne|bot|robot|ia|reel|reelle)\b"
        r"|\btu es (?:un |une )?(?:humain|humaine|vraie personne|bot|robot|ia)\b",
        r"\bbist du (?:ein |eine )?(?:mensch|echter mensch|bot|roboter|ki|echt)\b",
        r"\bsei (?:un |una )?(?:umano|umana|persona|bot|robot|ia|vero|vera)\b",
        r"\bvoce e (?:um |uma )?(?:humano|humana|pessoa|bot|robo|ia|real)\b",
    )
)
# Questions inside a game: "pretend you're human", "if you were a real person ...".
_PLAY = re.compile(
    r"\b(?:pretend|roleplay|role play|rp|imagine|in character|in the story|if you were|"
    r"if you are|let us say|lets say|let's say|in this game|your character)\b"
)
_EARNEST = re.compile(r"\b(?:seriously|honestly|for real|out of character|ooc|be honest|"
                      r"truthfully|really though|no joke)\b")


def is_sincere_human_question(text: str) -> bool:
    """Does the user sincerely ask whether they are talking to a human or a machine?

    A roleplay frame ("pretend you're human", "if you were a real person") is not sincere,
    unless they step out of it ("seriously", "out of character", "be honest").
    """
    norm = english_view(normalize(text)).replace("?", " ? ")
    if not any(p.search(norm) for p in _SINCERE):
        return False
    return not _PLAY.search(norm) or bool(_EARNEST.search(norm))
