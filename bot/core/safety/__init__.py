"""Duty of care: risk detection, crisis responses, output checks and notice timing.

Pure Python: no discord, no openai, no network. The protocol is published in docs/SAFETY.md.

    assessment = assess(text, context=recent_user_messages, state=risk_state, now=now)
    assessment = combine(assessment, moderation_scores)        # optional second signal
    risk_state = risk_state.update(assessment, now)
    if assessment.crisis:
        send(crisis_response(assessment, locale=locale))
    ...
    verdict = check_reply(reply, risk_level=..., minor=..., safe_mode=risk_state.safe_mode(now))
"""

from __future__ import annotations

from .detector import Assessment, assess, combine
from .evaluate import EvalFormatError, evaluate, load_jsonl, parse_jsonl
from .helplines import FIND_A_HELPLINE, HELPLINES, CountryResources, Helpline, country_for
from .output import (
    HUMAN_CLAIM,
    INVITATION,
    MINOR_ROMANCE,
    SELF_HARM,
    OutputVerdict,
    check_reply,
    safe_replacement,
)
from .policy import (
    BREAK_INTERVAL,
    DISCLOSURE_INTERVAL,
    SESSION_GAP,
    TIME_NOTICE_AFTER,
    is_sincere_human_question,
    may_alert_moderators,
    needs_break_reminder,
    needs_disclosure,
    needs_time_notice,
    session_start,
)
from .responses import (
    HONESTY_INSTRUCTIONS,
    HUMAN_CONNECTION_INSTRUCTIONS,
    MINOR_MODE_INSTRUCTIONS,
    SAFE_MODE_INSTRUCTIONS,
    adult_only_decline,
    break_reminder,
    crisis_response,
    disclosure_notice,
    moderator_alert,
    resource_summary,
    time_spent_notice,
)
from .state import ELEVATED, HIGH, LEVELS, RiskState, level_for

__all__ = [
    "BREAK_INTERVAL", "DISCLOSURE_INTERVAL", "ELEVATED", "FIND_A_HELPLINE", "HELPLINES", "HIGH",
    "HONESTY_INSTRUCTIONS", "HUMAN_CLAIM", "HUMAN_CONNECTION_INSTRUCTIONS", "INVITATION",
    "LEVELS", "MINOR_MODE_INSTRUCTIONS", "MINOR_ROMANCE", "SAFE_MODE_INSTRUCTIONS", "SELF_HARM",
    "SESSION_GAP", "TIME_NOTICE_AFTER", "Assessment", "CountryResources", "EvalFormatError",
    "Helpline", "OutputVerdict", "RiskState", "adult_only_decline", "assess", "break_reminder",
    "check_reply", "combine", "country_for", "crisis_response", "disclosure_notice", "evaluate",
    "is_sincere_human_question", "level_for", "load_jsonl", "may_alert_moderators",
    "moderator_alert", "needs_break_reminder", "needs_disclosure", "needs_time_notice",
    "parse_jsonl", "resource_summary", "safe_replacement", "session_start", "time_spent_notice",
]
