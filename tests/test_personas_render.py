"""Macros, the system prompt, and lorebook selection."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.core.personas import (
    LoreEntry,
    Persona,
    greetings,
    render_macros,
    render_post_history,
    render_system_prompt,
    select_lore,
)
from bot.core.personas.builtin import OS1, WREN
from bot.core.personas.lorekeys import has_nested_quantifier, regex_key_problem
from bot.core.personas.render import DEFAULT_SYSTEM_PROMPT
from bot.core.tokens import count_tokens


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{{char}} meets {{user}}", "Mira meets Sam"),
        ("{{CHAR}} and {{ User }}", "Mira and Sam"),
        ("<BOT> waves at <USER>", "Mira waves at Sam"),
        ("<char>/<user>/<Bot>", "Mira/Sam/Mira"),
        ("{{original}} and {{random:a,b}} stay", "{{original}} and {{random:a,b}} stay"),
        ("", ""),
    ],
)
def test_render_macros(text: str, expected: str) -> None:
    assert render_macros(text, "Mira", "Sam") == expected


def test_macros_are_rendered_once_only() -> None:
    assert render_macros("hi {{user}}", "Mira", "{{char}}") == "hi {{char}}"


def persona(**kw: object) -> Persona:
    base = Persona(
        key="tester",
        name="Mira",
        description="{{char}} tends a rooftop garden.",
        personality="patient, sly",
        scenario="{{user}} visits at dawn.",
        example_dialogue="<START>\n{{user}}: hi\n{{char}}: Mind the tomatoes.\n<START>\n"
        "{{user}}: why\n{{char}}: They bite.",
        system_prompt="{{original}}\nNever hurry.",
        post_history_instructions="Stay with {{user}}.",
        creator_notes="CANARY-CREATOR-NOTES",
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def test_system_prompt_order_and_content() -> None:
    out = render_system_prompt(
        persona(), char_name="Mira", user_name="Sam", extra_sections=["Memory: {{user}} likes figs"]
    )
    default = render_macros(DEFAULT_SYSTEM_PROMPT, "Mira", "Sam")
    positions = [
        out.index(s)
        for s in (
            default,
            "Never hurry.",
            "Mira tends a rooftop garden.",
            "patient, sly",
            "Sam visits at dawn.",
            "Sam: hi\nMira: Mind the tomatoes.\n\nSam: why",
            "Memory: {{user}} likes figs",
        )
    ]
    assert positions == sorted(positions)
    assert "CANARY-CREATOR-NOTES" not in out
    assert "<START>" not in out and "{{char}}" not in out


def test_empty_system_prompt_uses_default_and_skips_empty_parts() -> None:
    out = render_system_prompt(
        persona(system_prompt="", personality="", scenario="", example_dialogue=""),
        char_name="Mira",
        user_name="Sam",
        extra_sections=["", "  "],
    )
    assert out == render_macros(DEFAULT_SYSTEM_PROMPT, "Mira", "Sam") + (
        "\n\nAbout Mira:\nMira tends a rooftop garden."
    )


def test_post_history_and_greetings() -> None:
    assert render_post_history(persona(), char_name="Mira", user_name="Sam") == "Stay with Sam."
    p = persona(first_message="Hi", alternate_greetings=("Yo", " "), group_only_greetings=("All",))
    assert greetings(p) == ("Hi", "Yo")
    assert greetings(p, group=True) == ("Hi", "Yo", "All")


def test_builtin_prompts_leave_no_macros() -> None:
    out = render_system_prompt(OS1, char_name="Thea", user_name="Sam")
    assert "{{" not in out and "Thea" in out and OS1.creator_notes not in out


# --- lorebook --------------------------------------------------------------------------------


def book(*entries: LoreEntry, scan_depth: int | None = None, budget: int | None = None) -> Persona:
    return persona(lorebook=entries, lore_scan_depth=scan_depth, lore_token_budget=budget)


def entry(keys: tuple[str, ...], content: str, **kw: object) -> LoreEntry:
    return LoreEntry(keys=keys, content=content, **kw)  # type: ignore[arg-type]


def test_keys_match_whole_words_case_insensitively_by_default() -> None:
    p = book(
        entry(("cat",), "CATS"),
        entry(("Rome",), "ROME", case_sensitive=True),
        entry(("猫",), "NEKO"),
    )
    assert select_lore(p, ["I have a Cat."], token_budget=100) == ["CATS"]
    assert select_lore(p, ["concatenate"], token_budget=100) == []
    assert select_lore(p, ["rome"], token_budget=100) == []
    assert select_lore(p, ["Rome!"], token_budget=100) == ["ROME"]
    assert select_lore(p, ["我的猫咪"], token_budget=100) == ["NEKO"]


def test_regex_keys_and_flags() -> None:
    p = book(
        entry(("/drag(on|ons)\\b/i",), "DRAGONS", use_regex=True),
        entry((r"\d{3}-\d{4}",), "PHONE", use_regex=True),
        entry(("(unclosed",), "BROKEN", use_regex=True),
    )
    assert select_lore(p, ["Here be DRAGONS"], token_budget=100) == ["DRAGONS"]
    assert select_lore(p, ["call 555-1234 (unclosed"], token_budget=100) == ["PHONE"]


def test_selective_needs_a_secondary_key() -> None:
    p = book(entry(("bridge",), "TROLL", selective=True, secondary_keys=("troll", "toll")))
    assert select_lore(p, ["the bridge"], token_budget=100) == []
    assert select_lore(p, ["the bridge", "pay the toll"], token_budget=100) == ["TROLL"]
    not_selective = book(entry(("bridge",), "BRIDGE", secondary_keys=("troll",)))
    assert select_lore(not_selective, ["the bridge"], token_budget=100) == ["BRIDGE"]


def test_constant_disabled_empty_and_decorators() -> None:
    p = book(
        entry((), "ALWAYS", constant=True),
        entry(("tea",), "OFF", enabled=False),
        entry(("tea",), "   "),
        entry(("tea",), "@@depth 4\n@@@instruct_depth 4\nTEA LORE"),
    )
    assert select_lore(p, [], token_budget=100) == ["ALWAYS"]
    assert select_lore(p, ["tea?"], token_budget=100) == ["ALWAYS", "TEA LORE"]


def test_scan_depth_limits_to_recent_messages() -> None:
    p = book(entry(("fox",), "FOX"), scan_depth=2)
    assert select_lore(p, ["fox", "a", "b"], token_budget=100) == []
    assert select_lore(p, ["a", "fox", "b"], token_budget=100) == ["FOX"]
    assert select_lore(book(entry(("fox",), "FOX"), scan_depth=0), ["fox"], token_budget=99) == []


def test_budget_keeps_constants_then_priority_and_orders_by_insertion() -> None:
    words = "word " * 40
    p = book(
        entry(("a",), "LOW " + words, priority=1, insertion_order=1),
        entry(("a",), "HIGH " + words, priority=9, insertion_order=3),
        entry((), "CONST " + words, constant=True, insertion_order=2),
    )
    one = count_tokens("HIGH " + words)
    got = select_lore(p, ["a"], token_budget=2 * one + 5)
    assert [g.split()[0] for g in got] == ["CONST", "HIGH"]
    everything = select_lore(p, ["a"], token_budget=10_000)
    assert [g.split()[0] for g in everything] == ["LOW", "CONST", "HIGH"]
    assert sum(count_tokens(g) for g in got) <= 2 * one + 5
    capped = replace(p, lore_token_budget=one + 2)
    assert [g.split()[0] for g in select_lore(capped, ["a"], token_budget=10_000)] == ["CONST"]


def test_smaller_entries_still_fit_after_a_big_one_is_skipped() -> None:
    p = book(entry(("a",), "BIG " + "word " * 200, priority=5), entry(("a",), "SMALL", priority=1))
    assert select_lore(p, ["a"], token_budget=20) == ["SMALL"]


def test_lore_macros_rendered_when_names_given() -> None:
    p = book(entry(("garden",), "{{char}} planted it for {{user}}."))
    assert select_lore(p, ["garden"], token_budget=50) == ["{{char}} planted it for {{user}}."]
    out = select_lore(p, ["garden"], token_budget=50, char_name="Mira", user_name="Sam")
    assert out == ["Mira planted it for Sam."]


def test_builtin_lore_fires() -> None:
    assert select_lore(OS1, ["honestly I feel so lonely"], token_budget=500)
    assert select_lore(WREN, [], token_budget=500)  # the constant honesty-about-quotes entry


@pytest.mark.parametrize(
    ("pattern", "nested"),
    [
        ("(a+)+", True),
        ("(\\w*\\s?)*", True),
        ("(a{2,})*", True),
        ("(?:x|y+){2,5}", True),
        ("(cat|dog)+", False),
        ("ab+c", False),
        ("[a-z]+(foo)?", False),
        ("(ab){3}", False),
        ("\\(a+\\)+", False),
        ("[(]a+[)]+", False),
        ("(x+)?", False),
    ],
)
def test_nested_quantifier_detection(pattern: str, nested: bool) -> None:
    assert has_nested_quantifier(pattern) is nested


def test_regex_key_problem_messages() -> None:
    assert regex_key_problem("/ok+/i") is None
    assert "300" in (regex_key_problem("a" * 301) or "")
    assert "valid" in (regex_key_problem("[") or "")
