"""Turning a persona into prompt text: macros, the system prompt, and lorebook selection.

``creator_notes`` never appear here: they are for people reading the card, not for the model.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from bot.core.personas.lorekeys import any_key_matches
from bot.core.personas.model import LoreEntry, Persona
from bot.core.tokens import count_tokens

log = logging.getLogger(__name__)

DEFAULT_SCAN_DEPTH = 4
MAX_SCAN_CHARS = 4000  # of each recent message, newest end; bounds regex work per turn
DEFAULT_SYSTEM_PROMPT = (
    "You are {{char}}, a companion talking with {{user}}. Stay in character, write the way "
    "{{char}} would, and never speak or act for {{user}}."
)

_MACRO = re.compile(r"\{\{\s*(char|user)\s*\}\}|<(bot|char|user)>", re.IGNORECASE)
_ORIGINAL = re.compile(r"\{\{\s*original\s*\}\}", re.IGNORECASE)
_START = re.compile(r"^\s*<START>\s*$", re.IGNORECASE | re.MULTILINE)
_DECORATOR_LINES = re.compile(r"\A(?:[ \t]*@@[^\n]*(?:\n|\Z))+")


def render_macros(text: str, char: str, user: str) -> str:
    """Replace ``{{char}}``/``{{user}}`` (any case, inner spaces allowed) and the legacy
    ``<BOT>``/``<CHAR>``/``<USER>`` forms. One pass: a name that itself looks like a macro is
    inserted literally, never expanded again."""

    def sub(m: re.Match[str]) -> str:
        word = (m.group(1) or m.group(2)).lower()
        return user if word == "user" else char

    return _MACRO.sub(sub, text)


def render_example_dialogue(text: str) -> str:
    """``mes_example`` with its ``<START>`` separators turned into blank-line breaks."""
    blocks = [b.strip() for b in _START.split(text)]
    return "\n\n".join(b for b in blocks if b)


def render_system_prompt(
    persona: Persona,
    *,
    char_name: str,
    user_name: str,
    extra_sections: Sequence[str] = (),
) -> str:
    """The persona as a system prompt.

    Order: the persona's own system prompt (its ``{{original}}`` stands for our default one; an
    empty one *is* our default), then description, personality, scenario, and example dialogue
    marked as style only. ``extra_sections`` (profile, memories, lore...) follow verbatim, after
    macro rendering of the persona's parts, so text from users is never macro-expanded.
    """
    base = persona.system_prompt.strip()
    base = _ORIGINAL.sub(DEFAULT_SYSTEM_PROMPT, base) if base else DEFAULT_SYSTEM_PROMPT
    parts = [base]
    if persona.description.strip():
        parts.append(f"About {{{{char}}}}:\n{persona.description.strip()}")
    if persona.personality.strip():
        parts.append(f"{{{{char}}}}'s personality: {persona.personality.strip()}")
    if persona.scenario.strip():
        parts.append(f"Scenario: {persona.scenario.strip()}")
    examples = render_example_dialogue(persona.example_dialogue)
    if examples:
        parts.append(
            "Examples of how {{char}} writes (for voice and style only; these conversations "
            f"did not happen):\n{examples}"
        )
    rendered = [render_macros(p, char_name, user_name) for p in parts]
    rendered.extend(s.strip() for s in extra_sections if s.strip())
    return "\n\n".join(rendered)


def render_post_history(persona: Persona, *, char_name: str, user_name: str) -> str:
    """``post_history_instructions`` rendered, for the slot after the chat history ('' if none)."""
    return render_macros(persona.post_history_instructions.strip(), char_name, user_name)


def greetings(persona: Persona, *, group: bool = False) -> tuple[str, ...]:
    """Opening messages to choose from: first message and alternates (plus group-only ones
    in a group chat), unrendered."""
    found = [persona.first_message, *persona.alternate_greetings]
    if group:
        found.extend(persona.group_only_greetings)
    return tuple(g for g in found if g.strip())


def strip_decorators(content: str) -> str:
    """Content without leading V3 ``@@decorator`` lines (we do not act on decorators)."""
    return _DECORATOR_LINES.sub("", content, count=1)


def entry_matches(entry: LoreEntry, texts: list[str]) -> bool:
    """Whether a (non-constant) entry fires on these texts.

    A primary key must match; with ``selective`` and secondary keys, one of those must match too
    (Character Card V2). Secondary keys are ignored for regex entries (Character Card V3).
    """
    case_sensitive = bool(entry.case_sensitive)
    if not any_key_matches(
        entry.keys, texts, use_regex=entry.use_regex, case_sensitive=case_sensitive
    ):
        return False
    if entry.selective and entry.secondary_keys and not entry.use_regex:
        return any_key_matches(
            entry.secondary_keys, texts, use_regex=False, case_sensitive=case_sensitive
        )
    return True


def select_lore(
    persona: Persona,
    recent_texts: Sequence[str],
    *,
    token_budget: int,
    char_name: str | None = None,
    user_name: str | None = None,
) -> list[str]:
    """Lorebook contents to add to the prompt for this turn.

    ``recent_texts`` are messages oldest first; the last ``lore_scan_depth`` (default
    ``DEFAULT_SCAN_DEPTH``) are scanned. Enabled entries whose keys match, and constant entries,
    compete for the budget (the smaller of ``token_budget`` and the book's own ``token_budget``):
    constant entries first, then higher ``priority``, then lower ``insertion_order``; an entry
    that does not fit is skipped. The chosen contents come back in ``insertion_order``. With a
    ``char_name``, macros are rendered (``user_name`` defaulting to "you") before counting.
    """
    depth = persona.lore_scan_depth if persona.lore_scan_depth is not None else DEFAULT_SCAN_DEPTH
    window = list(recent_texts)[-depth:] if depth > 0 else []
    texts = [t[-MAX_SCAN_CHARS:] for t in window]
    budget = token_budget
    if persona.lore_token_budget is not None:
        budget = min(budget, persona.lore_token_budget)
    chosen: list[tuple[int, LoreEntry, str]] = []
    for idx, entry in enumerate(persona.lorebook):
        if not entry.enabled:
            continue
        content = strip_decorators(entry.content).strip()
        if not content or not (entry.constant or entry_matches(entry, texts)):
            continue
        if char_name is not None:
            content = render_macros(content, char_name, user_name or "you")
        chosen.append((idx, entry, content))

    ranked = sorted(
        chosen,
        key=lambda c: (not c[1].constant, -(c[1].priority or 0), c[1].insertion_order, c[0]),
    )
    kept: list[tuple[int, LoreEntry, str]] = []
    used = 0
    for item in ranked:
        cost = count_tokens(item[2])
        if used + cost <= budget:
            kept.append(item)
            used += cost
        else:
            log.debug("lore entry %r left out: %d tokens over budget", item[1].name, cost)
    kept.sort(key=lambda c: (c[1].insertion_order, c[0]))
    return [content for _, _, content in kept]
