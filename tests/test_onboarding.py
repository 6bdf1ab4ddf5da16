"""Onboarding and the naming ritual through the core (no Discord)."""

from __future__ import annotations

import random

import pytest

from bot.core.errors import UserInputError
from bot.core.onboarding import QUESTIONS, answer_memories, validate_answer, validate_timezone
from bot.core.personas.names import load_names


def q(key: str):
    return next(x for x in QUESTIONS if x.key == key)


def test_answers_are_validated_kindly():
    assert validate_answer(q("social"), "homebody") == "homebody"
    assert validate_answer(q("help"), ["life", "lonely"]) == "life,lonely"
    with pytest.raises(UserInputError) as err:
        validate_answer(q("social"), "party animal")
    assert "pick one" in err.value.user_message
    assert validate_timezone("europe/berlin") == "Europe/Berlin"
    with pytest.raises(UserInputError) as err:
        validate_timezone("Mars/Olympus")
    assert "Mars/Olympus" in err.value.user_message
    with pytest.raises(UserInputError):
        validate_answer(q("relationship"), "x" * 1001)


def test_answers_become_sentences_about_the_user():
    lines = answer_memories({"social": "homebody", "help": "life,creative",
                             "relationship": "My grandmother Rosa taught me to swim."}, "Theo")
    assert "Theo is more of a homebody." in lines
    assert any("keeping track of their life" in line for line in lines)
    assert any("Rosa" in line for line in lines)


async def test_complete_names_the_companion_from_the_book_of_names(services):
    answers = {"social": "homebody", "presence": "curious", "help": "life", "age": "25-34",
               "timezone": "Europe/Lisbon", "relationship": "My brother Nuno, who calls every Sunday."}
    result = await services.onboarding.complete(7, "Theo", answers, "os1", rng=random.Random(3))
    assert result.companion_name in set(load_names())
    assert result.companion_name != "Nuno"  # never a name from the user's own answers
    assert f"{result.considered:,}" in result.announcement
    assert result.considered >= 1000
    companion = await services.store.people.get_companion(7)
    assert companion.name == result.companion_name and companion.persona_key == "os1"
    user = await services.store.people.get_user(7)
    assert user.age_bracket == "25-34" and user.timezone == "Europe/Lisbon" and user.onboarded_at
    assert await services.store.people.answers(7) == answers
    memories = await services.store.memories.list(7)
    assert {m.origin for m in memories} == {"onboarding"}
    assert any("Nuno" in m.content for m in memories)


async def test_minor_and_unsaid_age(services):
    teen = await services.onboarding.complete(8, "Kai", {"age": "13-17"}, "juno")
    assert teen.minor and (await services.store.people.get_user(8)).is_minor
    quiet = await services.onboarding.complete(9, "Ro", {"age": "unsaid"}, "wren")
    assert (await services.store.people.get_user(9)).age_bracket is None
    assert quiet.companion_name  # named personas keep their name
    kid = await services.onboarding.complete(10, "Ada", {"age": "under-13"}, "os1")
    assert kid.blocked_under_13


async def test_rename_validates(services):
    await services.onboarding.complete(11, "Mo", {"age": "35-54"}, "os1")
    assert await services.onboarding.rename(11, "  Samantha ") == "Samantha"
    for bad in ("@everyone", "", "a" * 40, "**bold**", "line\nbreak"):
        with pytest.raises(UserInputError):
            await services.onboarding.rename(11, bad)
    with pytest.raises(UserInputError):
        await services.onboarding.rename(999, "Nobody")
