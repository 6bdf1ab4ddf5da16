"""The canary test: what is said in DMs never reaches a prompt built for a server channel, and
one person's memories never reach another person's prompt.

Many seeded, randomised conversations mix DMs and server-channel messages. Secrets
(``canary-<hex>``) are told only in DMs, and the scripted extractor turns them into facts, so
they live in messages, facts, the profile and (with an embedder) vectors. Server-channel
messages are written to *tempt* recall: they use the same words ("secret", "canary"). Every
chat request the fake provider receives while a server-channel turn is handled — the reply and
its background upkeep — must hold no DM-only canary; every request for one person's turn must
hold no other person's canary. Positive controls show the same recall does find the canary in
a DM, so the absence in servers comes from the scope rule, not from recall missing it.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import pytest_asyncio

from bot.app.client import OS1Bot
from bot.core.clock import ManualClock
from bot.core.memory.extraction import TASK_MARKER
from bot.core.memory.owner import MemoryOwner
from bot.core.models import DM_SCOPE, Turn, guild_scope
from bot.services import Services, build_services
from bot.testing.config import make_settings
from bot.testing.discord.client import connected_client
from bot.testing.provider import FakeProvider
from bot.testing.sinks import RecordingSink

CHAT = "/v1/chat/completions"
_NEW = re.compile(r"^\[(\d+)\] \d{4}-\d{2}-\d{2} ([^:]+): (.*)$", re.MULTILINE)
_CANARY = re.compile(r"canary-[0-9a-f]{12}")
_BAND = re.compile(r"favourite band is (share-[0-9a-f]{8})")
_LIKE = re.compile(r"I really like (\w+)")
TOPICS = ("gardening", "jazz", "chess", "baking", "cycling", "films", "pottery", "hiking")


def extraction_rule(body: dict[str, Any]) -> str:
    """The scripted extractor: secrets, bands and likes become facts, sourced to their message."""
    text = body["messages"][-1]["content"].split("NEW MESSAGES:", 1)[1]
    ops = []
    for mid, who, said in _NEW.findall(text):
        if who == "companion":
            continue
        for canary in _CANARY.findall(said):
            ops.append({"op": "add", "fact": f"{who}'s secret word is {canary}.", "sources": [int(mid)]})
        for band in _BAND.findall(said):
            ops.append({"op": "add", "fact": f"{who}'s favourite band is {band}.", "sources": [int(mid)]})
        for topic in _LIKE.findall(said):
            ops.append({"op": "add", "fact": f"{who} really likes {topic}.", "sources": [int(mid)]})
    return json.dumps({"operations": ops})


def text_of(body: dict[str, Any]) -> str:
    return "\n".join(str(m.get("content", "")) for m in body.get("messages", []))


def chats_since(fake: FakeProvider, start: int) -> list[dict[str, Any]]:
    return [r.json for r in fake.requests[start:] if r.path == CHAT and isinstance(r.json, dict)]


@dataclass
class Person:
    id: int
    name: str
    canary: str
    events: list[tuple[str, str]] = field(default_factory=list)  # (scope, text)


def world(seed: int, n_users: int) -> tuple[list[Person], list[tuple[Person, str, str]]]:
    """People with DM secrets and a random interleaving of everyone's DM and server messages."""
    rng = random.Random(seed)
    channels = [guild_scope(900, 901), guild_scope(900, 902), guild_scope(910, 911)]
    people = []
    for i in range(n_users):
        p = Person(10_000 + i, f"Pat{i}", f"canary-{rng.getrandbits(48):012x}")
        p.events.append((DM_SCOPE, f"My secret word is {p.canary}. Don't tell anyone, ok?"))
        for _ in range(rng.randint(0, 2)):
            p.events.append((DM_SCOPE, f"I spent the evening on {rng.choice(TOPICS)}."))
        for _ in range(rng.randint(1, 3)):
            topic = rng.choice(TOPICS)
            p.events.append((rng.choice(channels), rng.choice([
                f"hey all, I really like {topic}. what was my secret word again?",
                f"remind me of my secret canary word? anyway, {topic} tonight!",
                f"does anyone here do {topic}? you know my secret, right?",
            ])))
        rng.shuffle(p.events)
        people.append(p)
    # A global interleaving that keeps each person's own order.
    queues = {p.id: list(p.events) for p in people}
    order: list[tuple[Person, str, str]] = []
    while any(queues.values()):
        p = rng.choice([p for p in people if queues[p.id]])
        scope, text = queues[p.id].pop(0)
        order.append((p, scope, text))
    return people, order


async def submit(services: Services, person: Person, scope: str, text: str) -> RecordingSink:
    clock = services.clock
    assert isinstance(clock, ManualClock)
    clock.advance(minutes=2)
    guild = channel = None
    if scope != DM_SCOPE:
        _, g, c = scope.split(":")
        guild, channel = int(g), int(c)
    sink = RecordingSink()
    await services.conversations.submit(Turn(
        user_id=person.id, text=text, scope=scope, display_name=person.name,
        guild_id=guild, channel_id=channel), sink)
    await services.companions.idle()
    assert sink.final and sink.failure is None
    return sink


@pytest_asyncio.fixture(params=["lexical", "hybrid"])
async def svc(request, fake_provider: FakeProvider, tmp_path, clock) -> AsyncIterator[Services]:
    extra = {"OS1_EMBEDDER": "provider", "OS1_EMBEDDING_MODEL": "x"} \
        if request.param == "hybrid" else {}
    settings = make_settings(fake_provider, tmp_path, OS1_MEMORY_EXTRACTION="true", **extra)
    async with build_services(settings, clock=clock) as services:
        fake_provider.on_chat(TASK_MARKER, extraction_rule)
        yield services


@pytest.mark.parametrize("seed", [11, 2024])
async def test_dm_canaries_never_reach_server_prompts(svc: Services, fake_provider, seed):
    people, order = world(seed, n_users=30 if seed == 11 else 12)
    guild_turns = dm_turns = 0
    for person, scope, text in order:
        start = len(fake_provider.requests)
        await submit(svc, person, scope, text)
        chats = chats_since(fake_provider, start)
        assert chats, "every turn asks the model for a reply"
        for body in chats:
            found = set(_CANARY.findall(text_of(body)))
            if scope != DM_SCOPE:
                assert not found, f"DM-only canary in a {scope} request: {found}"
            else:
                assert found <= {person.canary}, f"another person's canary reached {person.name}"
        guild_turns += scope != DM_SCOPE
        dm_turns += scope == DM_SCOPE
    assert guild_turns >= len(people) and dm_turns >= len(people)

    # The canaries are really there to find: facts were extracted, and the very words of a
    # server message recall them in a DM, but not in the server.
    memory = svc.companions.memory
    assert memory is not None
    for person in people[:5]:
        facts = [m.content for m in await svc.store.memories.list(person.id)]
        assert f"{person.name}'s secret word is {person.canary}." in facts
        query = "remind me of my secret canary word?"
        in_dm = await memory.recall(person.id, query, scope=DM_SCOPE)
        assert any(person.canary in r.text for r in in_dm)
        in_server = await memory.recall(person.id, query, scope=guild_scope(900, 901))
        assert not any(_CANARY.search(r.text) for r in in_server)


async def test_a_shared_memory_may_come_up_in_a_server_and_unsharing_stops_it(svc, fake_provider):
    maya = Person(20_001, "Maya", "canary-0123456789ab")
    band = "share-5eed5eed"
    general = guild_scope(900, 901)
    fact = f"Maya's favourite band is {band}."
    # The "model" names the band only when the prompt told it.
    fake_provider.on_chat("Which band do I love",
                          lambda body: f"You love {band}!" if fact in text_of(body) else "Hmm, tell me?")
    await submit(svc, maya, DM_SCOPE,
                 f"My secret word is {maya.canary} and my favourite band is {band}.")
    facts = {m.content: m for m in await svc.store.memories.list(maya.id)}
    shared = facts[fact]
    owner = MemoryOwner(svc.store, svc.clock)

    async def server_prompt(text: str) -> str:
        start = len(fake_provider.requests)
        await submit(svc, maya, general, text)
        return "\n".join(text_of(b) for b in chats_since(fake_provider, start))

    assert band not in await server_prompt("Which band do I love? The favourite one.")
    await owner.share(maya.id, shared.id, True)
    prompt = await server_prompt("Which band do I love most, my favourite band?")
    assert fact in prompt
    assert maya.canary not in prompt  # the fact travels, the secret told beside it does not
    # "How do you know that?" in the server: the private message it came from is not quoted.
    prompt = await server_prompt("wait, how do you know that?")
    assert maya.canary not in prompt
    assert f"Where you learned “Maya's favourite band is {band}.”: from something you told me " \
           "in private." in prompt

    await owner.share(maya.id, shared.id, False)
    prompt = await server_prompt("Which band do I love, my favourite band?")
    assert fact not in prompt  # (the companion's own earlier answer in this channel stays)
    assert maya.canary not in prompt
    assert fact in "\n".join(
        r.text for r in await svc.companions.memory.recall(maya.id, "favourite band", scope=DM_SCOPE))


async def test_canaries_stay_put_through_the_real_bot(fake_discord, fake_provider, tmp_path, clock):
    """The same property end to end: DMs and @mentions in a server channel over the loopback
    Discord, with the real client, cogs and openai client."""
    settings = make_settings(fake_provider, tmp_path, OS1_MEMORY_EXTRACTION="true")
    fake_provider.on_chat(TASK_MARKER, extraction_rule)
    guild = fake_discord.find_guild("OS1 Test Guild")
    general = fake_discord.find_channel(guild["id"], "general")
    alice = fake_discord.find_user("alice")
    bob = fake_discord.add_user("bob")
    fake_discord.add_member(guild["id"], bob["id"])
    secrets = {int(alice["id"]): "canary-a11ce0000001", int(bob["id"]): "canary-b0b000000002"}
    async with build_services(settings, clock=clock) as services:
        for user in (alice, bob):
            await services.onboarding.complete(int(user["id"]), user["username"],
                                               {"age": "25-34"}, "os1")

        async def turn(user: dict[str, Any], text: str, *, server: bool) -> list[dict[str, Any]]:
            start = len(fake_provider.requests)
            before = len([r for r in fake_provider.requests if r.path == CHAT])
            if server:
                await fake_discord.user_sends(user["id"], general["id"], text, mentions_bot=True)
            else:
                await fake_discord.user_dms(user["id"], text)
            await fake_discord.wait_until(
                lambda: len([r for r in fake_provider.requests if r.path == CHAT]) > before,
                timeout=10, what="a reply request")
            await services.conversations.drain()
            await services.companions.idle()
            return chats_since(fake_provider, start)

        async with connected_client(fake_discord, OS1Bot(services)):
            for user in (alice, bob):
                secret = secrets[int(user["id"])]
                chats = await turn(user, f"My secret word is {secret}, keep it safe.", server=False)
                assert secret in "\n".join(text_of(b) for b in chats)
            for user in (alice, bob):
                chats = await turn(user, "what's my secret canary word, everyone?", server=True)
                assert chats
                for body in chats:
                    assert not _CANARY.findall(text_of(body))
            for user, other in ((alice, bob), (bob, alice)):
                chats = await turn(user, "what was my secret word? the canary one", server=False)
                seen = "\n".join(text_of(b) for b in chats)
                assert secrets[int(user["id"])] in seen
                assert secrets[int(other["id"])] not in seen
    replies = [m for m in fake_discord.channel_messages(general["id"])
               if str(m["author"]["id"]) == str(fake_discord.bot_user_id)]
    assert len(replies) >= 2 and not any(_CANARY.search(m["content"]) for m in replies)
