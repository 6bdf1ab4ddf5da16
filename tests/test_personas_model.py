"""The Persona model, its storage form, the built-ins, and the core import rule."""

from __future__ import annotations

import ast
import json
from dataclasses import replace
from pathlib import Path

import pytest

from bot.core.personas import (
    BUILTIN_PERSONAS,
    DEFAULT_PERSONA_KEY,
    Asset,
    LoreEntry,
    Persona,
    PersonaError,
    render_system_prompt,
)
from bot.core.personas.lorekeys import regex_key_problem
from bot.core.personas.png import gradient_avatar

PACKAGE = Path(__file__).resolve().parents[1] / "bot" / "core" / "personas"


def full_persona() -> Persona:
    return Persona(
        key="lamp-keeper",
        name="Thena",
        description="d",
        personality="p",
        scenario="s",
        first_message="f",
        example_dialogue="e",
        system_prompt="sp",
        post_history_instructions="phi",
        alternate_greetings=("a1", "a2"),
        group_only_greetings=("g",),
        lorebook=(
            LoreEntry(
                keys=("k",),
                content="c",
                use_regex=False,
                priority=3,
                id="x",
                extensions={"e": [1]},
                extras={"z": None},
            ),
        ),
        lore_scan_depth=2,
        lore_token_budget=50,
        tags=("t",),
        creator="me",
        creator_notes="notes",
        creator_notes_multilingual={"fr": "notes"},
        character_version="2",
        nickname="T",
        avatar=gradient_avatar("x", 4),
        assets=(Asset("icon", "ccdefault:", "main", "png", {"x": 1}),),
        extensions={"vendor": {"deep": [1, 2]}},
        card_source=("id:1",),
        creation_date=1,
        modification_date=2,
        source="server:1234567890",
        card_extras={"root": {"r": 1}},
    )


def test_storage_round_trip_through_json() -> None:
    p = full_persona()
    stored = json.loads(json.dumps(p.to_dict()))
    assert isinstance(stored["avatar"], str)
    assert Persona.from_dict(stored) == p


def test_storage_rejects_bad_input() -> None:
    good = full_persona().to_dict()
    with pytest.raises(PersonaError, match="format"):
        Persona.from_dict(good | {"format": 99})
    with pytest.raises(PersonaError, match="base64"):
        Persona.from_dict(good | {"avatar": "***"})
    with pytest.raises(PersonaError, match="key"):
        Persona.from_dict({k: v for k, v in good.items() if k != "key"})
    with pytest.raises(PersonaError, match="list of strings"):
        Persona.from_dict(good | {"tags": "t"})


@pytest.mark.parametrize("key", ["", "Upper", "has space", "-lead", "trail-", "x" * 65])
def test_key_must_be_a_slug(key: str) -> None:
    with pytest.raises(PersonaError):
        Persona(key=key, name="n")


@pytest.mark.parametrize("source", ["builtin", "import", "server:1"])
def test_valid_sources(source: str) -> None:
    assert Persona(key="k", name=None, source=source).source == source


@pytest.mark.parametrize("source", ["server:", "server:abc", "web", ""])
def test_invalid_sources(source: str) -> None:
    with pytest.raises(PersonaError):
        Persona(key="k", name=None, source=source)


def test_blank_name_is_not_nameless() -> None:
    with pytest.raises(PersonaError):
        Persona(key="k", name="  ")


def test_prompt_name_prefers_nickname_then_name_then_chosen() -> None:
    p = Persona(key="k", name=None)
    assert p.names_itself and p.prompt_name("Thea") == "Thea"
    assert replace(p, name="Ansel").prompt_name("Thea") == "Ansel"
    assert replace(p, name="Ansel", nickname="Ans").prompt_name("Thea") == "Ans"


def test_persona_is_frozen_and_hashable() -> None:
    p = full_persona()
    with pytest.raises(AttributeError):
        p.name = "x"  # type: ignore[misc]
    assert hash(p) == hash(full_persona())


def test_builtins() -> None:
    assert DEFAULT_PERSONA_KEY in BUILTIN_PERSONAS
    assert len(BUILTIN_PERSONAS) >= 3
    assert BUILTIN_PERSONAS[DEFAULT_PERSONA_KEY].name is None
    for key, p in BUILTIN_PERSONAS.items():
        assert p.key == key and p.source == "builtin"
        assert p.first_message and p.description and p.personality and p.tags
        assert Persona.from_dict(json.loads(json.dumps(p.to_dict()))) == p
        prompt = render_system_prompt(p, char_name=p.name or "Thea", user_name="Sam")
        assert "{{" not in prompt and "<START>" not in prompt
        assert "AI" in prompt and p.creator_notes not in prompt
        for entry in p.lorebook:
            if entry.use_regex:
                assert all(regex_key_problem(k) is None for k in entry.keys)
    with pytest.raises(TypeError):
        BUILTIN_PERSONAS["x"] = BUILTIN_PERSONAS["os1"]  # type: ignore[index]


FORBIDDEN = {
    "discord",
    "openai",
    "aiohttp",
    "httpx",
    "requests",
    "socket",
    "urllib",
    "sqlite3",
    "aiosqlite",
}


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.name)
def test_personas_package_stays_pure(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        for name in names:
            assert name.split(".")[0] not in FORBIDDEN, f"{path.name} imports {name}"
