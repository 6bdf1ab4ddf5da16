"""`os1 chat`: the onboarding questions as terminal prompts, then the conversation."""

from __future__ import annotations

import io

from bot.core.personas.names import load_names
from bot.terminal import chat_loop

UID = 42


async def run(services, *lines: str, name: str = "Theo") -> str:
    out = io.StringIO()
    await chat_loop(services, UID, name, stdin=io.StringIO("".join(f"{x}\n" for x in lines)),
                    out=out)
    await services.conversations.drain()
    return out.getvalue()


async def test_a_new_user_answers_the_questions_and_meets_a_self_named_companion(
        services, fake_provider):
    fake_provider.default_reply("Tell me about your week, Theo.")
    output = await run(
        services,
        "9", "3",                # social: out of range (re-asked), then "More of a homebody"
        "",                      # presence: skipped
        "2, 3",                  # help: two of them
        "My brother Nuno, who calls every Sunday.",
        "", "4",                 # age: can't be skipped, then 25-34
        "Mars/Olympus", "europe/lisbon",  # time zone: unknown (re-asked), then typed
        "",                      # persona: the default
        "hello there",
        "/quit",
    )
    assert "[1/7] First — how social would you say you are?" in output
    assert "  3. More of a homebody" in output
    assert "Please type a number from 1 to 4." in output
    assert "This one I have to ask" in output
    assert "I don't know the time zone “Mars/Olympus”" in output
    assert "  1. OS1 (names itself)" in output and "(a number, Enter for OS1 (names itself))" in output

    companion = await services.store.people.get_companion(UID)
    assert companion.persona_key == "os1" and companion.name in set(load_names())
    assert f"{companion.name}: " in output and "10,000" in output  # the announcement
    assert "name yet" not in output
    assert "Tell me about your week, Theo." in output
    assert output.index("10,000") < output.index("Tell me about your week")
    assert await services.store.people.answers(UID) == {
        "social": "homebody", "help": "life,lonely",
        "relationship": "My brother Nuno, who calls every Sunday.", "age": "25-34",
        "timezone": "Europe/Lisbon"}
    user = await services.store.people.get_user(UID)
    assert user.age_bracket == "25-34" and user.timezone == "Europe/Lisbon" and user.onboarded_at
    memories = {m.content for m in await services.store.memories.list(UID)}
    assert "Theo is more of a homebody." in memories
    assert "A relationship that matters to Theo: My brother Nuno, who calls every Sunday." in memories


async def test_a_named_persona_greets_once_and_the_next_session_skips_the_questions(
        services, fake_provider):
    fake_provider.default_reply("Good to see you again.")
    first = await run(services, "", "", "", "", "6", "11", "3", "/quit")
    companion = await services.store.people.get_companion(UID)
    assert companion.persona_key == "juno" and companion.name == "Juno"
    assert "Juno: Hey Theo! I'm Juno." in first
    assert first.count("I'm Juno") == 1
    assert (await services.store.people.get_user(UID)).timezone == "Europe/Lisbon"
    second = await run(services, "hi again", "/quit")
    assert "[1/7]" not in second and "Juno: Good to see you again." in second


async def test_multiselect_rejects_several_numbers_for_a_single_question(services):
    output = await run(services, "1 2", "1")
    assert "Just one number for this one, please." in output
    assert await services.onboarding.needs_onboarding(UID)  # input ended: not onboarded
    assert "We can finish the questions next time." in output


async def test_under_13_is_refused_and_never_reaches_the_model(services, fake_provider):
    output = await run(services, "", "", "", "", "1", "", "", "are you there?")
    assert "13 and older" in output
    assert "are you there" not in output and "you: " not in output
    assert fake_provider.chat_requests() == []
    assert await services.store.people.answers(UID) == {"age": "under-13"}
    again = await run(services, "hello?")
    assert "13 and older" in again and "[1/7]" not in again
    assert fake_provider.chat_requests() == []
