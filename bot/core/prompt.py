"""Assembling the prompt within a token budget.

Order: system (persona, persona-independent care instructions, the user's profile, recalled
memories, the summary of older conversation), then as many recent turns as fit, newest kept
first, then the persona's post-history instructions. The reply's own tokens are reserved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.core.models import StoredMessage
from bot.core.ports import ChatMessage
from bot.core.tokens import count_message_tokens, count_tokens


@dataclass
class PromptParts:
    persona: str
    instructions: Sequence[str] = ()
    profile: str | None = None
    memories: Sequence[str] = ()
    summary: str | None = None
    lore: Sequence[str] = ()
    history: Sequence[StoredMessage] = ()
    post_history: str | None = None
    speaker_names: bool = False  # group channels: prefix user turns with the speaker's name


@dataclass
class BuiltPrompt:
    messages: list[ChatMessage]
    tokens: int
    turns_included: int
    turns_dropped: int
    memories_included: int = 0
    sections: dict[str, int] = field(default_factory=dict)


def _turn(msg: StoredMessage, speaker_names: bool) -> ChatMessage:
    if msg.role == "assistant":
        return {"role": "assistant", "content": msg.content}
    if msg.role == "notice":
        # Deterministic notices the user saw (disclosure, crisis resources): keep the model aware.
        return {"role": "assistant", "content": msg.content}
    content = f"{msg.speaker}: {msg.content}" if speaker_names else msg.content
    return {"role": "user", "content": content}


def build_prompt(parts: PromptParts, *, budget: int, reply_reserve: int) -> BuiltPrompt:
    """Fit the parts into `budget` tokens, leaving `reply_reserve` for the answer."""
    available = max(budget - reply_reserve, 256)
    sections: dict[str, int] = {}

    system_parts = [parts.persona.strip()]
    system_parts += [s.strip() for s in parts.instructions if s.strip()]
    if parts.lore:
        system_parts.append("Things you know about this world:\n" + "\n".join(parts.lore))
    if parts.profile:
        system_parts.append("What you know about the person you're talking with:\n" + parts.profile)
    base_system = "\n\n".join(system_parts)
    used = count_message_tokens("system", base_system)
    sections["system"] = used

    # Memories and the summary get at most a third of what is left; turns get the rest.
    extra_budget = (available - used) // 3
    memory_lines: list[str] = []
    mem_used = 0
    for line in parts.memories:
        cost = count_tokens(line) + 1
        if mem_used + cost > extra_budget:
            break
        memory_lines.append(line)
        mem_used += cost
    summary_text = ""
    if parts.summary:
        cost = count_tokens(parts.summary)
        if mem_used + cost <= extra_budget:
            summary_text = parts.summary
            mem_used += cost
    system = base_system
    if memory_lines:
        system += "\n\nThings you remember that may matter now (dated):\n" + "\n".join(
            f"- {line}" for line in memory_lines)
    if summary_text:
        system += "\n\nEarlier in your conversations:\n" + summary_text
    used = count_message_tokens("system", system)
    sections["memories+summary"] = mem_used

    tail: list[ChatMessage] = []
    if parts.post_history:
        tail.append({"role": "system", "content": parts.post_history})
        used += count_message_tokens("system", parts.post_history)

    turns: list[ChatMessage] = []
    included = 0
    for msg in reversed(parts.history):
        turn = _turn(msg, parts.speaker_names)
        cost = count_message_tokens(turn["role"], turn["content"])
        if used + cost > available and included > 0:
            break
        if used + cost > available:
            # The newest turn alone is too big: keep its end, which is what they just said.
            room = max((available - used) * 4 - 40, 200)
            turn = {"role": turn["role"], "content": "[…] " + turn["content"][-room:]}
            cost = count_message_tokens(turn["role"], turn["content"])
        turns.append(turn)
        used += cost
        included += 1
    turns.reverse()
    sections["turns"] = used - sections["system"] - mem_used

    messages: list[ChatMessage] = [{"role": "system", "content": system}, *turns, *tail]
    return BuiltPrompt(
        messages=messages, tokens=used, turns_included=included,
        turns_dropped=len(parts.history) - included, memories_included=len(memory_lines),
        sections=sections,
    )
