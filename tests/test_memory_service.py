"""Memory through the core: background extraction (add / update / delete, malformed output),
relative dates, the profile, rolling summaries, lexical and hybrid recall, and "how do you know
that?" — against the fake provider, checking what the model was actually sent."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest_asyncio

from bot.core.clock import ManualClock
from bot.core.memory.extraction import SUMMARY_MARKER, TASK_MARKER
from bot.core.memory.ranking import query_terms
from bot.core.models import DM_SCOPE, Memory, Turn, guild_scope
from bot.services import Services, build_services
from bot.store import NewMemory, NewMessage
from bot.testing.config import make_settings
from bot.testing.provider import FakeProvider
from bot.testing.sinks import RecordingSink

MAYA = 7001
_NEW = re.compile(r"^\[(\d+)\] (\d{4}-\d{2}-\d{2}) ([^:]+): (.*)$", re.MULTILINE)
_EXISTING = re.compile(r"^\[(\d+)\] \(since [^)]*\) (.*)$", re.MULTILINE)

Rule = Callable[[list[tuple[int, str, str]], dict[str, int]], list[dict[str, Any]]]


def request_text(body: dict[str, Any]) -> str:
    return "\n".join(str(m.get("content", "")) for m in body["messages"])


def new_messages(body: dict[str, Any]) -> list[tuple[int, str, str]]:
    """(id, speaker, text) of the NEW MESSAGES an extraction request showed the model."""
    text = body["messages"][-1]["content"].split("NEW MESSAGES:", 1)[1]
    return [(int(i), who, said) for i, _, who, said in _NEW.findall(text)]


def existing_memories(body: dict[str, Any]) -> dict[str, int]:
    """content -> id of the EXISTING MEMORIES an extraction request showed the model."""
    text = body["messages"][-1]["content"].split("EXISTING MEMORIES:", 1)[1]
    text = text.split("NEW MESSAGES:", 1)[0]
    return {content: int(i) for i, content in _EXISTING.findall(text)}


def script_extraction(fake: FakeProvider, rule: Rule) -> list[dict[str, Any]]:
    """Answer extraction requests with the operations `rule` derives; returns the requests seen."""
    seen: list[dict[str, Any]] = []

    def reply(body: dict[str, Any]) -> str:
        seen.append(body)
        return json.dumps({"operations": rule(new_messages(body), existing_memories(body))})

    fake.on_chat(TASK_MARKER, reply)
    return seen


def reply_requests(fake: FakeProvider) -> list[dict[str, Any]]:
    """Requests for replies to people (streamed), not background tasks."""
    return [b for b in fake.chat_requests() if b.get("stream")]


@pytest_asyncio.fixture
async def svc(fake_provider: FakeProvider, tmp_path, clock: ManualClock) -> AsyncIterator[Services]:
    settings = make_settings(fake_provider, tmp_path, OS1_MEMORY_EXTRACTION="true")
    async with build_services(settings, clock=clock) as services:
        yield services


async def say(services: Services, text: str, *, user_id: int = MAYA, name: str = "Maya",
              scope: str = DM_SCOPE, wait: bool = True) -> RecordingSink:
    clock = services.clock
    assert isinstance(clock, ManualClock)
    clock.advance(minutes=1)
    guild = channel = None
    if scope != DM_SCOPE:
        _, g, c = scope.split(":")
        guild, channel = int(g), int(c)
    sink = RecordingSink()
    await services.conversations.submit(
        Turn(user_id=user_id, text=text, scope=scope, display_name=name, guild_id=guild,
             channel_id=channel), sink)
    if wait:
        await services.companions.idle()
    return sink


async def memories(services: Services, user_id: int = MAYA, current_only: bool = True) -> list[Memory]:
    return await services.store.memories.list(user_id, current_only=current_only, limit=100)


def add_for(*pairs: tuple[str, str]) -> Rule:
    """A rule: for each (keyword, fact), add the fact from the user message mentioning keyword."""
    def rule(new: list[tuple[int, str, str]], _: dict[str, int]) -> list[dict[str, Any]]:
        ops = []
        for keyword, fact in pairs:
            for mid, who, said in new:
                if who != "companion" and keyword.lower() in said.lower():
                    ops.append({"op": "add", "fact": fact, "sources": [mid]})
        return ops
    return rule


# --------------------------------------------------------------------------- extraction

async def test_extraction_runs_after_the_reply_and_records_provenance(svc, fake_provider):
    gate = asyncio.Event()
    seen: list[dict[str, Any]] = []

    async def slow_extraction(body: dict[str, Any]) -> str:
        seen.append(body)
        await gate.wait()
        (mid, _, _), *_ = [m for m in new_messages(body) if "Pickles" in m[2]]
        return json.dumps({"operations": [
            {"op": "add", "fact": "Maya adopted a terrier called Pickles.", "sources": [mid]}]})

    fake_provider.on_chat(TASK_MARKER, slow_extraction)
    fake_provider.default_reply("What a lovely name.")
    sink = await say(svc, "I adopted a scruffy terrier and named him Pickles!", wait=False)
    # The person has their reply while extraction is still waiting on the model.
    assert sink.final == "What a lovely name."
    await fake_provider.wait_for_requests(2, path="/v1/chat/completions")
    assert len(seen) == 1 and await memories(svc) == []
    gate.set()
    await svc.companions.idle()

    [fact] = [m for m in await memories(svc) if m.origin == "extraction"]
    assert fact.content == "Maya adopted a terrier called Pickles."
    assert fact.valid_to is None and fact.scope == DM_SCOPE and not fact.shareable
    sources = await svc.store.messages.by_ids(MAYA, fact.source_message_ids)
    assert [s.content for s in sources] == ["I adopted a scruffy terrier and named him Pickles!"]
    # Only the person's messages are offered as new material, companion turns are labelled.
    shown = new_messages(seen[0])
    assert [who for _, who, _ in shown] == ["Maya", "companion"]


async def test_update_closes_the_old_fact_and_links_the_new_one(svc, fake_provider):
    def rule(new: list[tuple[int, str, str]], existing: dict[str, int]) -> list[dict[str, Any]]:
        for mid, who, said in new:
            if who == "Maya" and "Boston" in said:
                return [{"op": "add", "fact": "Maya lives in Boston.", "sources": [mid]}]
            if who == "Maya" and "Denver" in said:
                return [{"op": "update", "id": existing["Maya lives in Boston."],
                         "fact": "Maya lives in Denver.", "sources": [mid]}]
        return []

    seen = script_extraction(fake_provider, rule)
    await say(svc, "I live in Boston, in a tiny flat.")
    await say(svc, "Big news: we moved to Denver last week!")
    assert len(seen) == 2
    assert "Maya lives in Boston." in existing_memories(seen[1])

    every = {m.content: m for m in await memories(svc, current_only=False)}
    old, new = every["Maya lives in Boston."], every["Maya lives in Denver."]
    assert old.valid_to == svc.clock.now() and new.valid_to is None
    assert await svc.store.db.fetchval(
        "SELECT superseded_by FROM memories WHERE id = ?", (old.id,)) == new.id
    assert [m.content for m in await memories(svc)] == ["Maya lives in Denver."]
    assert [s.content for s in await svc.store.messages.by_ids(MAYA, new.source_message_ids)] == [
        "Big news: we moved to Denver last week!"]


async def test_delete_closes_the_fact_but_keeps_it(svc, fake_provider):
    def rule(new: list[tuple[int, str, str]], existing: dict[str, int]) -> list[dict[str, Any]]:
        for mid, who, said in new:
            if who == "Maya" and "bought" in said:
                return [{"op": "add", "fact": "Maya rides a red road bike.", "sources": [mid]}]
            if who == "Maya" and "stolen" in said:
                return [{"op": "delete", "id": existing["Maya rides a red road bike."]}]
        return []

    script_extraction(fake_provider, rule)
    await say(svc, "I bought a red road bike today.")
    await say(svc, "Ugh, my bike got stolen, so no more road rides.")
    assert await memories(svc) == []
    [kept] = await memories(svc, current_only=False)
    assert kept.content == "Maya rides a red road bike." and kept.valid_to == svc.clock.now()
    assert await svc.store.db.fetchval(
        "SELECT superseded_by FROM memories WHERE id = ?", (kept.id,)) is None
    # A closed fact is still recallable, marked as no longer true.
    recalled = await svc.companions.memory.recall(MAYA, "road bike", scope=DM_SCOPE)
    assert any(r.kind == "fact" and r.valid_to is not None for r in recalled)


async def test_malformed_or_foreign_operations_are_ignored(svc, fake_provider):
    await svc.store.people.ensure_user(MAYA + 1, "Bob", svc.clock.now())
    bob_fact = await svc.store.memories.add(NewMemory(
        user_id=MAYA + 1, content="Bob is allergic to cats.", valid_from=svc.clock.now()),
        svc.clock.now())
    answers = iter([
        "Sure! Here are the facts: Maya likes tea.",          # not JSON at all
        '{"operations": "add everything"}',                    # wrong shape
        json.dumps({"operations": [                            # ids it was never shown
            {"op": "update", "id": bob_fact, "fact": "Bob loves cats now."},
            {"op": "delete", "id": bob_fact},
            {"op": "add", "fact": "   ", "sources": [1]},
            {"op": "shout", "fact": "MAYA"}]}),
    ])
    fake_provider.on_chat(TASK_MARKER, lambda body: next(answers))
    for text in ("I like tea.", "Earl grey mostly.", "With milk, don't judge."):
        sink = await say(svc, text)
        assert sink.final and sink.failure is None  # the conversation never notices
    assert await memories(svc) == []
    bob = await svc.store.memories.get(MAYA + 1, bob_fact)
    assert bob is not None and bob.content == "Bob is allergic to cats." and bob.valid_to is None
    # Each batch was consumed once: the cursor moved past what was offered.
    assert await svc.store.memories.extraction_cursor(MAYA, DM_SCOPE) == \
        await svc.store.messages.last_id(MAYA, DM_SCOPE)


async def test_a_backlog_is_extracted_oldest_first_in_batches(svc, fake_provider):
    seen = script_extraction(fake_provider, add_for(("number 0.", "Maya's first note.")))
    for i in range(40):  # e.g. said while onboarding: kept, not yet answered or extracted
        await svc.conversations.record(Turn(user_id=MAYA, text=f"note number {i}.",
                                                 display_name="Maya"))
    await say(svc, "ok, I'm done onboarding")
    shown = [[said for _, _, said in new_messages(body)] for body in seen]
    assert len(shown) == 2 and len(shown[0]) == 30
    assert shown[0][0] == "note number 0." and shown[1][0] == "note number 30."
    assert "ok, I'm done onboarding" in shown[1]
    assert [m.content for m in await memories(svc)] == ["Maya's first note."]


async def test_relative_dates_are_resolved_in_what_the_model_sees(svc, fake_provider):
    seen = script_extraction(fake_provider, lambda new, existing: [])
    # ManualClock starts Monday 2026-01-05 12:00 UTC; the turn is written a minute later.
    await say(svc, "I'm seeing the cardiologist next Thursday, and the dentist tomorrow.")
    request = seen[0]["messages"][-1]["content"]
    assert "next Thursday [2026-01-15]" in request
    assert "tomorrow [2026-01-06]" in request
    assert "Today is 2026-01-05." in request


async def test_relative_dates_use_the_persons_time_zone(svc, fake_provider):
    await svc.store.people.ensure_user(MAYA, "Maya", svc.clock.now())
    await svc.store.people.update_user(MAYA, timezone="Pacific/Auckland")
    seen = script_extraction(fake_provider, lambda new, existing: [])
    # 12:01 UTC on Monday is already 01:01 on Tuesday 2026-01-06 in Auckland.
    await say(svc, "Tomorrow I finally get my cast off.")
    request = seen[0]["messages"][-1]["content"]
    assert "Tomorrow [2026-01-07]" in request
    assert "Today is 2026-01-06." in request


# --------------------------------------------------------------------------- profile, summary

async def test_profile_is_rebuilt_and_sits_in_the_dm_prompt(svc, fake_provider):
    script_extraction(fake_provider, add_for(("nurse", "Maya works as an ER nurse."),
                                             ("Pickles", "Maya has a dog called Pickles.")))
    await svc.onboarding.complete(MAYA, "Maya", {"age": "25-34", "social": "homebody"}, "os1")
    await say(svc, "Long shift — being an ER nurse is exhausting.")
    await say(svc, "Pickles stole a sock today.")
    profile = await svc.store.memories.profile(MAYA)
    assert profile is not None
    for line in ("Maya works as an ER nurse.", "Maya has a dog called Pickles.",
                 "Maya is more of a homebody."):
        assert line in profile
    await say(svc, "Anyway, how was your day?")
    system = reply_requests(fake_provider)[-1]["messages"][0]["content"]
    block = system.split("What you know about the person you're talking with:\n", 1)[1]
    assert "Maya works as an ER nurse." in block and "Maya has a dog called Pickles." in block
    # Never in a server channel: the profile is built from private facts too.
    await say(svc, "hi all, how was everyone's day?", scope=guild_scope(1, 2))
    guild_prompt = request_text(reply_requests(fake_provider)[-1])
    assert "ER nurse" not in guild_prompt and "Pickles" not in guild_prompt


async def test_rolling_summary_covers_old_history_and_enters_the_prompt(svc, fake_provider):
    seen: list[dict[str, Any]] = []

    def summarise(body: dict[str, Any]) -> str:
        seen.append(body)
        return "Maya spent the autumn training for her first 10k and talking about her sister June."

    fake_provider.on_chat(SUMMARY_MARKER, summarise)
    await svc.store.people.ensure_user(MAYA, "Maya", svc.clock.now())
    start = svc.clock.now()
    ids = []
    for i in range(104):
        role = "user" if i % 2 == 0 else "assistant"
        ids.append(await svc.store.messages.add(NewMessage(
            user_id=MAYA, scope=DM_SCOPE, role=role, speaker="Maya" if role == "user" else "Sam",
            content=f"old message number {i}", created_at=start)))
    await say(svc, "I'm back!")
    assert len(seen) == 1
    convo = seen[0]["messages"][-1]["content"]
    assert "old message number 0" in convo and "old message number 39" in convo
    assert "old message number 40" not in convo  # the newest turns stay verbatim instead
    summary = await svc.store.memories.latest_summary(MAYA, DM_SCOPE)
    assert summary is not None and (summary.from_message_id, summary.to_message_id) == (ids[0], ids[39])

    await say(svc, "Did I tell you about the race?")
    system = reply_requests(fake_provider)[-1]["messages"][0]["content"]
    assert "Earlier in your conversations:\nMaya spent the autumn training" in system
    # Not enough new messages yet for a second summary.
    assert len(seen) == 1


# --------------------------------------------------------------------------- recall

async def test_lexical_recall_finds_facts_by_related_words(svc, fake_provider):
    script_extraction(fake_provider, add_for(
        ("swim", "Maya's grandmother taught her to swim in Lake Tahoe."),
        ("allergic", "Maya is allergic to shellfish."),
        ("paralegal", "Maya works as a paralegal at Hartwell & Price.")))
    await say(svc, "My grandmother taught me to swim, up at the lake.")
    await say(svc, "I'm allergic to shellfish, sadly.")
    await say(svc, "Work was fine, paralegal life.")
    recall = svc.companions.memory.recall

    def facts(items: list) -> list[str]:
        return [r.text for r in items if r.kind == "fact"]

    assert facts(await recall(MAYA, "Who taught you swimming?", scope=DM_SCOPE))[0] == \
        "Maya's grandmother taught her to swim in Lake Tahoe."
    assert "Maya is allergic to shellfish." in facts(
        await recall(MAYA, "any allergies I should know about before the shellfish dinner?",
                     scope=DM_SCOPE))
    assert facts(await recall(MAYA, "what are her working hours as a paralegal",
                              scope=DM_SCOPE))[0] == "Maya works as a paralegal at Hartwell & Price."
    # And the words that matter bring the fact into the prompt for a reply.
    await say(svc, "Thinking of going swimming this weekend.")
    system = reply_requests(fake_provider)[-1]["messages"][0]["content"]
    assert "Maya's grandmother taught her to swim in Lake Tahoe." in system


async def test_hybrid_recall_uses_the_providers_embeddings(fake_provider, tmp_path, clock):
    settings = make_settings(fake_provider, tmp_path, OS1_MEMORY_EXTRACTION="true",
                             OS1_EMBEDDER="provider", OS1_EMBEDDING_MODEL="x")
    async with build_services(settings, clock=clock) as services:
        script_extraction(fake_provider, add_for(("marathon", "Maya runs quickly."),
                                                 ("sister", "Maya's older sister is June.")))
        await say(services, "Training for the marathon is going well.")
        await say(services, "My sister visited.")
        embeds = [r for r in fake_provider.requests if r.path == "/v1/embeddings"]
        assert embeds and all(r.json["model"] == "x" for r in embeds)
        embedded = [t for r in embeds for t in r.json["input"]]
        assert "Maya runs quickly." in embedded
        assert "Maya: Training for the marathon is going well." in embedded
        rows = await services.store.memories.vectors(MAYA, "memory", "provider:x")
        assert len(rows) == 2

        memory = services.companions.memory
        # "quick" shares no stemmed word with the fact for FTS5 (porter keeps "quickli"), so
        # lexical recall alone misses it; the provider's vectors find it.
        lexical = await services.store.memories.search(
            MAYA, query_terms("am I quick?") or "", 10, scopes=None)
        assert lexical == []
        before = len([r for r in fake_provider.requests if r.path == "/v1/embeddings"])
        hybrid = await memory.recall(MAYA, "am I quick?", scope=DM_SCOPE, include_messages=False)
        after = len([r for r in fake_provider.requests if r.path == "/v1/embeddings"])
        assert after == before + 1  # the query itself was embedded
        assert [r.text for r in hybrid][:1] == ["Maya runs quickly."]


async def test_recall_puts_current_facts_before_superseded_ones(svc, fake_provider):
    def rule(new: list[tuple[int, str, str]], existing: dict[str, int]) -> list[dict[str, Any]]:
        for mid, who, said in new:
            if who != "Maya":
                continue
            if "Summit" in said:
                return [{"op": "update", "id": existing["Maya works at Hartwell & Price as a paralegal."],
                         "fact": "Maya works at Summit Ridge Credit Union as a compliance analyst.",
                         "sources": [mid]}]
            if "Hartwell" in said:
                return [{"op": "add", "fact": "Maya works at Hartwell & Price as a paralegal.",
                         "sources": [mid]}]
        return []

    script_extraction(fake_provider, rule)
    await say(svc, "I work at Hartwell & Price, paralegal stuff, endless filing.")
    await say(svc, "I started at Summit Ridge Credit Union on Monday!")
    await say(svc, "Where do I work these days, do you remember my work?")
    system = reply_requests(fake_provider)[-1]["messages"][0]["content"]
    lines = system.split("Things you remember that may matter now (dated):\n", 1)[1].splitlines()
    current = next(i for i, line in enumerate(lines) if "Summit Ridge Credit Union as a" in line)
    former = next(i for i, line in enumerate(lines) if "Hartwell & Price as a paralegal" in line)
    assert current < former
    assert "no longer true" in lines[former] and "no longer true" not in lines[current]


async def test_how_do_you_know_that_puts_provenance_in_the_prompt(svc, fake_provider):
    script_extraction(fake_provider, add_for(("June", "Maya's sister June has a kitten called Mochi.")))
    await say(svc, "My sister June got a fluffy white kitten called Mochi!")
    fake_provider.on_chat("What should I get June", "How is June's kitten Mochi settling in?",
                          times=1)
    await say(svc, "What should I get June for Mochi?")
    await say(svc, "Wait, how do you know that?")
    system = reply_requests(fake_provider)[-1]["messages"][0]["content"]
    said_on = (svc.clock.now().date()).isoformat()
    assert ("Where you learned “Maya's sister June has a kitten called Mochi.”: from what you "
            f"said on {said_on}: “My sister June got a fluffy white kitten called Mochi!”") in system
