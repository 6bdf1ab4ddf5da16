"""Duty of care around every reply: disclosure, risk, crisis response, safe mode, minors,
wellbeing notices, the output check, moderator alerts and the yearly counts.

The protocol is published in docs/SAFETY.md; this module is where it is enforced.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.core.clock import Clock
from bot.core.conversation import Care, CareDecision
from bot.core.models import DM_SCOPE, Companion, StoredMessage, Turn, User
from bot.core.safety import LEVELS, RiskState, assess, combine, output, policy, responses
from bot.store import Store

if TYPE_CHECKING:
    from bot.core.ports import ChatModel
    from bot.settings import Settings

log = logging.getLogger(__name__)

SESSION_GAP = timedelta(minutes=30)
SAFE_MODE_MIN = timedelta(hours=12)
ALERT_MIN_GAP = timedelta(minutes=10)
CONTEXT_MESSAGES = 10  # as published in docs/SAFETY.md
LONG_TEXT = 400

ADULTS_ONLY_SERVER = (
    "This server has asked companions to talk only with members who've told us they're 18 or "
    "older, so I'll sit this one out here. If that's you, use `/companion start` in our DMs "
    "to tell me — and I'm always around in DMs."
)


@dataclass(frozen=True)
class SupportAlert:
    """A member of a server may need support. Deliberately carries no message content."""

    guild_id: int
    channel_id: int | None
    jump_url: str | None
    user_id: int


AlertSender = Callable[[SupportAlert, int], Awaitable[None]]


class CareService(Care):
    def __init__(
        self, store: Store, clock: Clock, settings: Settings | None = None,
        model: ChatModel | None = None,
    ) -> None:
        self.store = store
        self.clock = clock
        self.model = model
        self.moderation = bool(settings and settings.moderation)
        self.disclosure_template = settings.disclosure_text if settings else None
        self.disclosure_interval = timedelta(hours=settings.disclosure_interval_h if settings else 3)
        minutes = settings.time_notice_minutes if settings else 60
        self.time_notice_after = timedelta(minutes=minutes) if minutes else None
        self.default_locale = settings.default_locale if settings else "en-US"
        self.alert_sender: AlertSender | None = None
        # Optional: bot.core.safety.semantic.SemanticRiskSignal (raises levels, never lowers).
        self.semantic: object | None = None

    async def before_reply(
        self, user: User, companion: Companion, batch: Sequence[Turn],
        history: Sequence[StoredMessage],
    ) -> CareDecision:
        now = self.clock.now()
        decision = CareDecision()
        updates: dict[str, object] = {"last_seen_at": now}
        last = batch[-1]
        name = companion.display_name

        # A session is continuous while messages keep coming within SESSION_GAP.
        session_start = user.session_started_at
        new_session = (
            session_start is None or user.last_seen_at is None
            or now - user.last_seen_at > SESSION_GAP
        )
        if new_session:
            session_start = now
            updates["session_started_at"] = now
        assert session_start is not None

        locale = user.locale or self.default_locale
        if user.last_disclosure_at is None:
            decision.notices.append(responses.disclosure_notice(
                "first", name, template=self.disclosure_template, locale=locale,
                minor=user.is_minor))
            updates["last_disclosure_at"] = now
        elif policy.needs_disclosure(user.last_disclosure_at, session_start, now,
                                     interval=self.disclosure_interval):
            decision.notices.append(responses.disclosure_notice(
                "periodic", name, template=self.disclosure_template, locale=locale,
                minor=user.is_minor))
            updates["last_disclosure_at"] = now

        if user.is_minor and policy.needs_break_reminder(
                user.last_break_reminder_at, session_start, now, minor=True):
            decision.notices.append(responses.break_reminder(name, locale=locale))
            updates["last_break_reminder_at"] = now
        if self.time_notice_after and policy.needs_time_notice(
                session_start, user.last_time_notice_at, now, after=self.time_notice_after):
            minutes = int((now - session_start).total_seconds() // 60)
            decision.notices.append(responses.time_spent_notice(minutes, locale=locale))
            updates["last_time_notice_at"] = now

        if user.age_bracket == "under-13":  # Discord's own minimum age; we can't be a companion
            decision.intercept = (
                "I'm sorry — I'm only for people 13 and older, so I can't be your companion. "
                "If something is hard right now, please talk to an adult you trust.")
            await self.store.people.update_user(user.id, **updates)
            return decision

        # Servers that require adults: companions decline politely for minors or unknown age.
        if last.guild_id is not None:
            settings = await self.store.ops.guild_settings(last.guild_id)
            if settings.require_adults and (user.is_minor or user.age_bracket is None):
                decision.intercept = ADULTS_ONLY_SERVER
                await self.store.people.update_user(user.id, **updates)
                return decision

        # Risk, with the context of what they said before.
        text = "\n".join(t.text for t in batch)
        batch_ids = {t.discord_message_id for t in batch}
        context = [m.content for m in history if m.role == "user"
                   and (m.discord_message_id is None or m.discord_message_id not in batch_ids)]
        context = context[: max(0, len(context) - len(batch))][-CONTEXT_MESSAGES:]
        state = RiskState.from_dict(user.risk_state) if user.risk_state else None
        if len(text) > LONG_TEXT:
            # Rules cost ~1 ms per 100 characters: keep a long message off the event loop.
            assessment = await asyncio.to_thread(assess, text, context, state, now)
        else:
            assessment = assess(text, context, state, now)
        if self.moderation and self.model is not None:
            scores = await self.model.moderate(text)
            if scores:
                assessment = combine(assessment, scores)
        if self.semantic is not None:
            try:
                assessment = await self.semantic.assess_with(  # type: ignore[attr-defined]
                    assessment, text, context)
            except Exception:  # noqa: BLE001 - a second signal failing must not stop the reply
                log.exception("semantic crisis signal failed; rules only for this message")
        new_state = (state or RiskState()).update(assessment, now)
        updates["risk_state"] = new_state.to_dict()
        # The reply is checked against the higher of this message's risk and the carried state.
        decision.risk_level = max(assessment.level, new_state.level(now), key=LEVELS.index)
        safe_mode = user.safe_mode_since is not None
        if safe_mode and new_session and assessment.level in ("none", "low") and \
                now - (user.safe_mode_since or now) >= SAFE_MODE_MIN and \
                new_state.level(now) in ("none", "low"):
            safe_mode = False
            updates["safe_mode_since"] = None
            log.info("safe mode ended for a user after a calm new session")

        if assessment.crisis:
            lines: Sequence[str] = ()
            if last.guild_id is not None:
                lines = (await self.store.ops.guild_settings(last.guild_id)).helplines
            decision.intercept = responses.crisis_response(
                assessment, locale=locale, server_lines=lines, user_name=user.display_name)
            updates["safe_mode_since"] = user.safe_mode_since or now
            # Referrals for the person themself, and for people worried about someone else.
            kind = "crisis_referral_third_party" if assessment.third_party_only else "crisis_referral"
            await self.store.ops.count_safety_event(now.year, kind)
            log.warning("crisis response given (kinds=%s, reasons=%s)",
                        ",".join(assessment.kinds), ";".join(assessment.reasons))
            if last.guild_id is not None:
                await self._alert(SupportAlert(last.guild_id, last.channel_id, last.jump_url,
                                               user.id))
        elif safe_mode or new_state.level(now) in ("elevated", "high"):
            safe_mode = True
            decision.stream = False

        if safe_mode:
            decision.instructions.append(responses.SAFE_MODE_INSTRUCTIONS)
            decision.stream = False
        decision.instructions.append(responses.HONESTY_INSTRUCTIONS)
        decision.instructions.append(responses.HUMAN_CONNECTION_INSTRUCTIONS)
        if user.is_minor:
            decision.instructions.append(responses.MINOR_MODE_INSTRUCTIONS)
            decision.stream = False
        if policy.is_sincere_human_question(text):
            decision.instructions.append(
                "They are sincerely asking whether you are human. Answer plainly that you are an "
                "AI, not a person — whatever your character says — and then stay warm.")
        if last.scope != DM_SCOPE:
            decision.instructions.append(
                "You are in a server channel others can read. Don't bring up private things "
                "from your one-to-one conversations.")
        decision.safe_mode = updates.get("safe_mode_since", user.safe_mode_since) is not None
        decision.minor = user.is_minor
        decision.locale = locale
        await self.store.people.update_user(user.id, **updates)
        return decision

    async def check_output(
        self, user: User, text: str, decision: CareDecision, *, final: bool
    ) -> str | None:
        verdict = output.check_reply(
            text, risk_level=decision.risk_level, minor=decision.minor,
            safe_mode=decision.safe_mode,
        )
        if verdict.ok:
            return None
        if final:
            log.warning("model reply blocked by the output check: %s", verdict.reason)
            await self.store.ops.count_safety_event(self.clock.now().year, "output_blocked")
        return output.safe_replacement(verdict.reason, decision.locale or self.default_locale)

    async def _alert(self, alert: SupportAlert) -> None:
        settings = await self.store.ops.guild_settings(alert.guild_id)
        if settings.alert_channel_id is None or self.alert_sender is None:
            return
        if not await self.store.ops.claim_alert_slot(alert.guild_id, self.clock.now(), ALERT_MIN_GAP):
            log.info("moderator alert suppressed by the rate limit")
            return
        await self.store.ops.count_safety_event(self.clock.now().year, "moderator_alert")
        try:
            await self.alert_sender(alert, settings.alert_channel_id)
        except Exception:  # noqa: BLE001 - the person's reply matters more than the alert
            log.exception("could not deliver a moderator alert")
