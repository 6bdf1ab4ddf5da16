"""The onboarding questions as one message that changes step by step (buttons, selects, modals)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import discord

from bot.core.errors import UserInputError
from bot.core.onboarding import (
    COMMON_TIMEZONES,
    INTRO,
    QUESTIONS,
    Question,
    persona_blurb,
    persona_label,
    validate_answer,
)
from bot.core.personas.model import Persona

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()
Finish = Callable[[discord.Interaction, dict[str, str], str], Awaitable[None]]


class AnswerModal(discord.ui.Modal):
    def __init__(self, view: OnboardingView, question: Question) -> None:
        super().__init__(title="A few words", timeout=600, custom_id=f"os1:onb:modal:{question.key}")
        self.view_ref = view
        self.question = question
        self.answer: discord.ui.TextInput[AnswerModal] = discord.ui.TextInput(
            label=(question.label or question.prompt)[:45],
            style=discord.TextStyle.paragraph if question.kind == "text" else discord.TextStyle.short,
            placeholder=question.placeholder[:100] or None, required=False,
            max_length=1000 if question.kind == "text" else 64,
            custom_id=f"os1:onb:input:{question.key}",
        )
        self.add_item(self.answer)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await self.view_ref.record(interaction, self.question, self.answer.value or "")

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:
        await self.view_ref.on_error(interaction, error, None)  # type: ignore[arg-type]


class OnboardingView(discord.ui.View):
    """Steps: intro -> each question -> persona -> finish. Only its user may press anything."""

    def __init__(self, user_id: int, personas: Sequence[Persona], default_persona: str,
                 on_finish: Finish, *, timeout: float = 900) -> None:
        super().__init__(timeout=timeout)
        self.user_id = user_id
        self.personas = list(personas)
        self.default_persona = default_persona
        self.on_finish = on_finish
        self.answers: dict[str, str] = {}
        self.step = -1
        self.skipping_all = False
        self.message: discord.Message | None = None
        self.finished = False
        self._render()

    # --- rendering --------------------------------------------------------------------------
    @property
    def question(self) -> Question | None:
        return QUESTIONS[self.step] if 0 <= self.step < len(QUESTIONS) else None

    def content(self) -> str:
        if self.step < 0:
            return INTRO
        q = self.question
        total = len(QUESTIONS) + 1
        if q is not None:
            return f"**{self.step + 1}/{total}** · {q.prompt}"
        return (f"**{total}/{total}** · Last one: whose voice should I have? You can change this "
                "later with `/companion persona`.")

    def _button(self, label: str, style: discord.ButtonStyle, cid: str,
                callback: Callable[[discord.Interaction], Awaitable[None]]) -> None:
        button: discord.ui.Button[OnboardingView] = discord.ui.Button(
            label=label, style=style, custom_id=f"os1:onb:{cid}")
        button.callback = callback  # type: ignore[method-assign]
        self.add_item(button)

    def _select(self, cid: str, options: list[discord.SelectOption], *, max_values: int = 1,
                placeholder: str = "Choose…",
                callback: Callable[[discord.Interaction, list[str]], Awaitable[None]]) -> None:
        select: discord.ui.Select[OnboardingView] = discord.ui.Select(
            custom_id=f"os1:onb:{cid}", options=options[:25], min_values=1,
            max_values=min(max_values, len(options[:25])), placeholder=placeholder)

        async def cb(interaction: discord.Interaction) -> None:
            await callback(interaction, list(select.values))

        select.callback = cb  # type: ignore[method-assign]
        self.add_item(select)

    def _render(self) -> None:
        self.clear_items()
        if self.step < 0:
            self._button("Begin", discord.ButtonStyle.primary, "begin", self._begin)
            self._button("Skip the questions", discord.ButtonStyle.secondary, "skipall",
                         self._skip_all)
            return
        q = self.question
        if q is None:
            # No option is pre-selected: Discord sends nothing when a person "chooses" the
            # option that is already selected, so a default would be impossible to pick.
            opts = [discord.SelectOption(
                label=persona_label(p)[:100], value=p.key,
                description=persona_blurb(p)[:100] or None) for p in self.personas[:25]]
            self._select("persona", opts, placeholder="Choose a companion",
                         callback=self._choose_persona)
            self._button("Use the default", discord.ButtonStyle.secondary, "persona-default",
                         self._default_persona)
            return
        if q.kind in ("select", "multiselect", "age"):
            opts = [discord.SelectOption(label=o.label[:100], value=o.value) for o in q.options]
            self._select(q.key, opts, max_values=len(opts) if q.kind == "multiselect" else 1,
                         callback=lambda i, v, q=q: self.record(i, q, v))
        elif q.kind == "timezone":
            opts = [discord.SelectOption(label=tz, value=tz) for tz in COMMON_TIMEZONES]
            self._select(q.key, opts, placeholder="Pick the closest",
                         callback=lambda i, v, q=q: self.record(i, q, v[0]))
            self._button("Another time zone…", discord.ButtonStyle.secondary, "tz-other",
                         lambda i, q=q: i.response.send_modal(AnswerModal(self, q)))
        elif q.kind == "text":
            self._button("Write my answer", discord.ButtonStyle.primary, "write",
                         lambda i, q=q: i.response.send_modal(AnswerModal(self, q)))
        if q.skippable:
            self._button("Skip", discord.ButtonStyle.secondary, f"skip-{q.key}", self._skip)

    async def _show(self, interaction: discord.Interaction) -> None:
        self._render()
        await interaction.response.edit_message(content=self.content(), view=self,
                                                allowed_mentions=NO_MENTIONS)

    # --- steps ------------------------------------------------------------------------------
    def _advance(self) -> None:
        self.step += 1
        while self.skipping_all and self.question is not None and self.question.skippable:
            self.step += 1

    async def _begin(self, interaction: discord.Interaction) -> None:
        self._advance()
        await self._show(interaction)

    async def _skip_all(self, interaction: discord.Interaction) -> None:
        self.skipping_all = True
        self._advance()
        await self._show(interaction)

    async def _skip(self, interaction: discord.Interaction) -> None:
        self._advance()
        await self._show(interaction)

    async def record(self, interaction: discord.Interaction, question: Question,
                     value: Any) -> None:
        try:
            self.answers[question.key] = validate_answer(question, value)
        except UserInputError as exc:
            await interaction.response.send_message(exc.user_message, ephemeral=True,
                                                    allowed_mentions=NO_MENTIONS)
            return
        if question is not self.question or self.finished:
            # A modal opened on an earlier step and submitted after moving on: keep the answer,
            # but don't let it advance past the current question (e.g. skip the age one).
            if self.finished:
                await interaction.response.defer()
            else:
                await self._show(interaction)
            return
        self._advance()
        if self.skipping_all and self.question is None:
            await self._finish(interaction, self.default_persona)
            return
        await self._show(interaction)

    async def _choose_persona(self, interaction: discord.Interaction, values: list[str]) -> None:
        if not values or values[0] not in {p.key for p in self.personas}:
            await interaction.response.send_message(
                "Please pick one of the companions in the list.", ephemeral=True,
                allowed_mentions=NO_MENTIONS)
            return
        await self._finish(interaction, values[0])

    async def _default_persona(self, interaction: discord.Interaction) -> None:
        await self._finish(interaction, self.default_persona)

    async def _finish(self, interaction: discord.Interaction, persona_key: str) -> None:
        if self.finished:
            return
        self.finished = True
        self.stop()
        self.clear_items()
        await interaction.response.edit_message(
            content="Thank you. Give me a moment…", view=None, allowed_mentions=NO_MENTIONS)
        await self.on_finish(interaction, dict(self.answers), persona_key)

    # --- discord.ui.View hooks -----------------------------------------------------------------
    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id != self.user_id:
            await interaction.response.send_message(
                "These questions are for someone else — DM me to meet your own companion.",
                ephemeral=True, allowed_mentions=NO_MENTIONS)
            return False
        return True

    async def on_timeout(self) -> None:
        if self.message is not None and not self.finished:
            try:
                await self.message.edit(
                    content="These questions timed out. Say anything to pick up where we were, "
                    "or use `/companion start`.", view=None, allowed_mentions=NO_MENTIONS)
            except discord.HTTPException:
                log.debug("could not mark onboarding as timed out")

    async def on_error(self, interaction: discord.Interaction, error: Exception,
                       item: discord.ui.Item[Any] | None) -> None:
        log.error("onboarding step failed", exc_info=error)
        message = error.user_message if isinstance(error, UserInputError) else (
            "Something went wrong on my side. Try `/companion start` to begin again.")
        if interaction.response.is_done():
            await interaction.followup.send(message, ephemeral=True, allowed_mentions=NO_MENTIONS)
        else:
            await interaction.response.send_message(message, ephemeral=True,
                                                    allowed_mentions=NO_MENTIONS)
