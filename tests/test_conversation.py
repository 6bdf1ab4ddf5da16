"""The core conversation loop against the fake provider (real openai client over loopback)."""

from __future__ import annotations

import asyncio

from bot.core.models import DM_SCOPE, Turn
from bot.core.tokens import count_message_tokens
from bot.services import build_services
from bot.testing.config import make_settings
from bot.testing.sinks import RecordingSink


def turn(text: str, user_id: int = 42, name: str = "Theo") -> Turn:
    return Turn(user_id=user_id, text=text, scope=DM_SCOPE, display_name=name)


async def test_first_message_creates_companion_and_streams_reply(services, fake_provider):
    fake_provider.on_chat("letters", "I'd love to hear about the letters you write.")
    sink = RecordingSink()
    await services.conversations.submit(turn("I write letters for other people."), sink)
    assert sink.final == "I'd love to hear about the letters you write."
    assert sink.notices and "AI" in sink.notices[0]  # disclosure at the first interaction
    companion = await services.store.people.get_companion(42)
    assert companion is not None and companion.persona_key == services.companions.default_persona_key
    stored = await services.store.messages.recent(42, DM_SCOPE, 10)
    roles = [m.role for m in stored]
    assert roles == ["user", "notice", "assistant"]
    body = fake_provider.chat_requests()[-1]
    assert body["stream"] is True
    assert body["messages"][0]["role"] == "system"
    users = [m for m in body["messages"] if m["role"] == "user"]
    assert users[-1] == {"role": "user", "content": "I write letters for other people."}
    assert body["messages"][-1]["role"] == "system"  # the persona's post-history instructions


async def test_messages_during_a_reply_are_folded_into_the_next_turn(services, fake_provider):
    fake_provider.latency = 0.3
    sinks = [RecordingSink() for _ in range(3)]
    first = asyncio.create_task(services.conversations.submit(turn("hello"), sinks[0]))
    await fake_provider.wait_for_requests(1, path="/v1/chat/completions")
    second = asyncio.create_task(services.conversations.submit(turn("are you there?"), sinks[1]))
    third = asyncio.create_task(services.conversations.submit(turn("it's Theo"), sinks[2]))
    await asyncio.gather(first, second, third)
    chats = fake_provider.chat_requests()
    assert len(chats) == 2  # one reply in flight, the two late messages answered together
    last_user = [m["content"] for m in chats[1]["messages"] if m["role"] == "user"]
    assert last_user[-2:] == ["are you there?", "it's Theo"]
    assert sinks[0].final and sinks[2].final and sinks[1].final is None
    assert services.conversations.in_flight == 0


async def test_prompt_stays_within_the_token_budget(fake_provider, tmp_path, clock):
    settings = make_settings(fake_provider, tmp_path, OS1_CONTEXT_TOKENS="2000",
                             OS1_REPLY_MAX_TOKENS="300")
    async with build_services(settings, clock=clock) as svc:
        long = "I keep thinking about the summer we spent by the sea. " * 20
        for i in range(12):
            await svc.conversations.submit(turn(f"{i}: {long}"), RecordingSink())
        body = fake_provider.chat_requests()[-1]
        total = sum(count_message_tokens(m["role"], m["content"]) for m in body["messages"])
        assert total <= 2000 - 300
        users = [m for m in body["messages"] if m["role"] == "user"]
        assert users[-1]["content"].startswith("11:")  # the newest turn is kept


async def test_model_timeout_gives_a_kind_message_and_keeps_the_message(
        fake_provider, tmp_path, clock):
    settings = make_settings(fake_provider, tmp_path, OS1_MODEL_TIMEOUT="1",
                             OS1_MODEL_MAX_RETRIES="0")
    async with build_services(settings, clock=clock) as svc:
        fake_provider.inject("timeout")
        sink = RecordingSink()
        await svc.conversations.submit(turn("are you awake?"), sink)
        assert sink.failure == "I lost my train of thought — say that again?"
        stored = await svc.store.messages.recent(42, DM_SCOPE, 10)
        assert [m.content for m in stored if m.role == "user"] == ["are you awake?"]
        # And the next message still works, with the unanswered one in the prompt.
        sink2 = RecordingSink()
        await svc.conversations.submit(turn("hello?"), sink2)
        assert sink2.final
        users = [m["content"] for m in fake_provider.chat_requests()[-1]["messages"]
                 if m["role"] == "user"]
        assert users[-2:] == ["are you awake?", "hello?"]


async def test_rate_limited_provider_is_retried(services, fake_provider):
    fake_provider.inject("429", seconds=0.05)
    sink = RecordingSink()
    await services.conversations.submit(turn("hi"), sink)
    assert sink.final and sink.failure is None
    assert len(fake_provider.chat_requests()) == 2


async def test_broken_stream_is_a_kind_message(services, fake_provider):
    fake_provider.default_reply("word " * 200)
    fake_provider.inject("broken_stream")
    sink = RecordingSink()
    await services.conversations.submit(turn("tell me a long story"), sink)
    assert sink.failure is not None and "again" in sink.failure


async def test_history_survives_a_restart(fake_provider, tmp_path, clock):
    settings = make_settings(fake_provider, tmp_path)
    async with build_services(settings, clock=clock) as svc:
        await svc.conversations.submit(turn("My sister Amy is visiting on Friday."), RecordingSink())
    async with build_services(settings, clock=clock) as svc:
        await svc.conversations.submit(turn("Guess who's here?"), RecordingSink())
    contents = [m["content"] for m in fake_provider.chat_requests()[-1]["messages"]]
    assert "My sister Amy is visiting on Friday." in contents
