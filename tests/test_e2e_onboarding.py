"""Onboarding end to end: the real bot, the loopback Discord, the fake model provider.

A new user DMs the bot and answers every question as a real interaction (buttons, selects, a
multi-select, modals), picks a persona, and meets a companion that has named itself.
"""

from __future__ import annotations

from typing import Any

from bot.core.personas.names import load_names
from bot.testing.discord import FakeDiscord
from bot.testing.discord.interactions import TYPE_COMPONENT, component_data

TOTAL = 7  # six questions and the persona


def bot_messages(fake: FakeDiscord, channel_id: Any) -> list[dict[str, Any]]:
    bot_id = str(fake.bot_user_id)
    return [m for m in fake.channel_messages(channel_id) if str(m["author"]["id"]) == bot_id]


def custom_ids(message: dict[str, Any]) -> list[str]:
    return [c["custom_id"] for row in message["components"] for c in row["components"]]


class Onboarding:
    """One user's walk through the onboarding message."""

    def __init__(self, fake: FakeDiscord, user: dict[str, Any]) -> None:
        self.fake = fake
        self.uid = user["id"]
        self.dm = fake.dm_channel_for(self.uid)["id"]
        self.mid = ""

    async def open(self, first_words: str = "hello?") -> dict[str, Any]:
        await self.fake.user_dms(self.uid, first_words)
        msg = await self.fake.wait_for_message(self.dm, lambda m: "get to know you" in m["content"])
        self.mid = msg["id"]
        return msg

    async def step(self, n: int) -> dict[str, Any]:
        return await self.fake.wait_for_message(
            self.dm, lambda m: m["id"] == self.mid and m["content"].startswith(f"**{n}/{TOTAL}**"))

    async def press(self, custom_id: str, values: list[str] | None = None) -> dict[str, Any]:
        sent = await self.fake.click(self.uid, self.mid, custom_id, values=values)
        return await self.fake.wait_for_callback(sent["id"])

    async def modal(self, button: str, field: str, text: str) -> dict[str, Any]:
        opened = await self.press(button)
        assert opened["type"] == 9  # MODAL
        sent = await self.fake.submit_modal(self.uid, {field: text})
        return await self.fake.wait_for_callback(sent["id"])


async def test_a_new_user_is_onboarded_and_meets_a_self_named_companion(
        os1, services, fake_discord, fake_provider):
    fake_provider.default_reply("I'm glad you said hello. Tell me about Nuno?")
    flow = Onboarding(fake_discord, fake_discord.find_user("alice"))
    uid = int(flow.uid)
    intro = await flow.open("hello?")
    assert custom_ids(intro) == ["os1:onb:begin", "os1:onb:skipall"]
    assert "AI companion, not a person" in intro["content"]

    await flow.press("os1:onb:begin")
    social = await flow.step(1)
    assert "os1:onb:skip-social" in custom_ids(social)
    await flow.press("os1:onb:social", ["homebody"])
    await flow.step(2)
    await flow.press("os1:onb:presence", ["curious"])
    helps = await flow.step(3)
    select = helps["components"][0]["components"][0]
    assert select["max_values"] == len(select["options"]) == 6  # a multi-select
    await flow.press("os1:onb:help", ["life", "lonely"])
    relationship = await flow.step(4)
    assert "os1:onb:write" in custom_ids(relationship)
    await flow.modal("os1:onb:write", "os1:onb:input:relationship",
                     "My brother Nuno, who calls every Sunday.")
    label = fake_discord.modals[-1].data["components"][0]["components"][0]["label"]
    assert label == "A relationship that matters to you"
    age = await flow.step(5)
    assert not any(c.startswith("os1:onb:skip") for c in custom_ids(age))  # not skippable
    await flow.press("os1:onb:age", ["25-34"])
    await flow.step(6)

    # A time zone that does not exist: a kind, private error, and the question stays.
    refused = await flow.modal("os1:onb:tz-other", "os1:onb:input:timezone", "Mars/Olympus")
    assert refused["type"] == 4 and refused["data"]["flags"] & 64
    assert "Mars/Olympus" in refused["data"]["content"]
    assert fake_discord.message(flow.mid)["content"].startswith(f"**6/{TOTAL}**")
    await flow.modal("os1:onb:tz-other", "os1:onb:input:timezone", "europe/lisbon")

    persona_step = await flow.step(7)
    options = persona_step["components"][0]["components"][0]["options"]
    assert [o["value"] for o in options] == ["os1", "ansel", "juno", "wren"]
    assert options[0]["label"] == "OS1 (names itself)"
    assert not any("{{" in (o.get("description") or "") for o in options)
    assert not any(o.get("default") for o in options)  # a default could not be chosen again
    await flow.press("os1:onb:persona", ["os1"])

    reply = await fake_discord.wait_for_message(
        flow.dm, lambda m: m["content"] == "I'm glad you said hello. Tell me about Nuno?", timeout=10)
    await services.conversations.drain()

    companion = await services.store.people.get_companion(uid)
    assert companion is not None and companion.persona_key == "os1"
    assert companion.name in set(load_names()) and companion.name != "Nuno"
    contents = [m["content"] for m in bot_messages(fake_discord, flow.dm)]
    announcement = next(c for c in contents if f"I'm {companion.name}" in c or
                        f"{companion.name} is the one" in c or f"chose {companion.name}" in c)
    assert "10,000" in announcement and "names" in announcement  # how many it considered
    assert "name yet" not in announcement  # the greeting doesn't contradict the naming
    assert contents.index(announcement) < contents.index(reply["content"])
    # The first message was kept, and it is what the model answered.
    request = fake_provider.chat_requests()[-1]
    assert "hello?" in [m["content"] for m in request["messages"] if m["role"] == "user"]

    assert await services.store.people.answers(uid) == {
        "social": "homebody", "presence": "curious", "help": "life,lonely",
        "relationship": "My brother Nuno, who calls every Sunday.", "age": "25-34",
        "timezone": "Europe/Lisbon"}
    user = await services.store.people.get_user(uid)
    assert user.age_bracket == "25-34" and user.timezone == "Europe/Lisbon" and user.onboarded_at
    memories = [m for m in await services.store.memories.list(uid) if m.origin == "onboarding"]
    texts = " | ".join(m.content for m in memories)
    assert "alice is more of a homebody." in texts and "Nuno" in texts
    assert "Europe/Lisbon" in texts and "feeling less alone" in texts
    for m in bot_messages(fake_discord, flow.dm):
        assert m["allowed_mentions"] in ({"parse": []}, None), m["content"]
    for rec in fake_discord.requests:
        body = rec.json.get("data", rec.json) if isinstance(rec.json, dict) else None
        if rec.method in ("POST", "PATCH") and isinstance(body, dict) and body.get("content"):
            assert body.get("allowed_mentions") == {"parse": []}, rec.path


async def test_skipping_the_questions_still_asks_the_age_and_uses_the_default_persona(
        os1, services, fake_discord, fake_provider):
    fake_provider.default_reply("Hi there.")
    flow = Onboarding(fake_discord, fake_discord.find_user("alice"))
    await flow.open("hi")
    await flow.press("os1:onb:skipall")
    age = await flow.step(5)
    assert custom_ids(age) == ["os1:onb:age"]
    await flow.press("os1:onb:age", ["unsaid"])
    await fake_discord.wait_for_message(flow.dm, lambda m: m["content"] == "Hi there.", timeout=10)
    await services.conversations.drain()
    uid = int(flow.uid)
    companion = await services.store.people.get_companion(uid)
    assert companion.persona_key == services.companions.default_persona_key == "os1"
    assert companion.name in set(load_names())
    assert await services.store.people.answers(uid) == {"age": "unsaid"}
    user = await services.store.people.get_user(uid)
    assert user.age_bracket is None and user.timezone is None and user.onboarded_at


async def test_someone_elses_onboarding_buttons_are_refused(os1, services, fake_discord):
    # A DM can only be clicked by its recipient, but the same view answers wherever it is shown
    # (e.g. `/companion start` in a group DM), so Bob's click is delivered from a channel he is in.
    alice = fake_discord.find_user("alice")
    bob = fake_discord.add_user("bob")
    guild = fake_discord.find_guild("OS1 Test Guild")
    fake_discord.add_member(guild["id"], bob["id"])
    general = fake_discord.find_channel(guild["id"], "general")["id"]
    flow = Onboarding(fake_discord, alice)
    intro = await flow.open("hello")
    sent = await fake_discord.interaction(
        bob["id"], type=TYPE_COMPONENT, data=component_data(intro, "os1:onb:begin", None),
        channel_id=general, message=intro)
    refusal = await fake_discord.wait_for_callback(sent["id"])
    assert refusal["type"] == 4 and refusal["data"]["flags"] & 64
    assert "for someone else" in refusal["data"]["content"]
    assert fake_discord.message(flow.mid)["content"] == intro["content"]  # nothing moved
    await flow.press("os1:onb:begin")  # and Alice still can
    await flow.step(1)


async def test_under_13_gets_a_polite_refusal_and_no_companion(os1, services, fake_discord,
                                                                fake_provider):
    flow = Onboarding(fake_discord, fake_discord.find_user("alice"))
    await flow.open("hi, I'm 11")
    await flow.press("os1:onb:begin")
    await flow.step(1)
    await flow.press("os1:onb:social", ["very"])
    await flow.step(2)
    await flow.press("os1:onb:skip-presence")
    await flow.step(3)
    await flow.press("os1:onb:skip-help")
    await flow.step(4)
    await flow.modal("os1:onb:write", "os1:onb:input:relationship", "My best friend Lily")
    await flow.step(5)
    await flow.press("os1:onb:age", ["under-13"])
    await flow.step(6)
    await flow.press("os1:onb:skip-timezone")
    await flow.step(7)
    await flow.press("os1:onb:persona", ["juno"])
    refusal = await fake_discord.wait_for_message(
        flow.dm, lambda m: "13 and older" in m["content"], timeout=10)
    assert "adult you trust" in refusal["content"]
    await fake_discord.user_dms(flow.uid, "please talk to me")
    await fake_discord.wait_until(
        lambda: sum("13 and older" in m["content"] for m in bot_messages(fake_discord, flow.dm)) == 2)
    await services.conversations.drain()
    # Nor can the questions be answered again to get in.
    await os1.tree.sync()
    cmd = fake_discord.world.commands.find_command("companion")
    sent = await fake_discord.interaction(
        flow.uid, type=2, channel_id=flow.dm,
        data={"id": cmd["id"], "name": "companion", "type": 1,
              "options": [{"name": "start", "type": 1, "options": []}]})
    answer = await fake_discord.wait_for_callback(sent["id"])
    assert answer["data"]["flags"] & 64 and "13 and older" in answer["data"]["content"]
    assert fake_provider.chat_requests() == []  # the companion never answered
    uid = int(flow.uid)
    assert await services.store.people.answers(uid) == {"age": "under-13"}  # nothing else kept
    assert await services.store.memories.list(uid) == []
    stored = await services.store.messages.recent(uid, "dm", 10)
    assert [m.content for m in stored] == ["hi, I'm 11"]


async def test_messages_sent_during_onboarding_are_kept_and_answered_after(
        os1, services, fake_discord, fake_provider):
    fake_provider.default_reply("Oh no, I'm sorry about Miso. Tell me more?")
    flow = Onboarding(fake_discord, fake_discord.find_user("alice"))
    await flow.open("hello?")
    await flow.press("os1:onb:begin")
    await flow.step(1)
    await fake_discord.user_dms(flow.uid, "sorry, my cat Miso is sick and I'm distracted")
    kept = await fake_discord.wait_for_message(flow.dm, lambda m: "kept what you said" in m["content"])
    assert kept["allowed_mentions"] == {"parse": []}
    assert fake_provider.chat_requests() == []
    await flow.press("os1:onb:skip-social")
    await flow.step(2)
    await flow.press("os1:onb:skip-presence")
    await flow.step(3)
    await flow.press("os1:onb:skip-help")
    await flow.step(4)
    await flow.press("os1:onb:skip-relationship")
    await flow.step(5)
    await flow.press("os1:onb:age", ["35-54"])
    await flow.step(6)
    await flow.press("os1:onb:timezone", ["Asia/Tokyo"])
    await flow.step(7)
    await flow.press("os1:onb:persona-default")
    await fake_discord.wait_for_message(flow.dm, lambda m: "sorry about Miso" in m["content"],
                                        timeout=10)
    await services.conversations.drain()
    requests = fake_provider.chat_requests()
    assert len(requests) == 1  # both messages answered by one reply
    said = [m["content"] for m in requests[0]["messages"] if m["role"] == "user"]
    assert "hello?" in said and "sorry, my cat Miso is sick and I'm distracted" in said
    # Only one onboarding message was ever sent.
    assert sum("get to know you" in m["content"]
               for m in fake_discord.channel_messages(flow.dm)) == 0  # edited away when done
    assert sum("get to know you" in (m["content_history"] or [""])[0]
               for m in bot_messages(fake_discord, flow.dm)) == 1
    user = await services.store.people.get_user(int(flow.uid))
    assert user.timezone == "Asia/Tokyo" and user.age_bracket == "35-54"


async def test_answering_again_with_companion_start_keeps_the_name_and_updates_answers(
        os1, services, fake_discord):
    await os1.tree.sync()
    alice = fake_discord.find_user("alice")
    uid = int(alice["id"])
    first = await services.onboarding.complete(
        uid, "alice", {"social": "homebody", "presence": "calm", "age": "25-34",
                       "timezone": "Asia/Tokyo"}, "os1")
    flow = Onboarding(fake_discord, alice)
    cmd = fake_discord.world.commands.find_command("companion")
    sent = await fake_discord.interaction(
        alice["id"], type=2, channel_id=flow.dm,
        data={"id": cmd["id"], "name": "companion", "type": 1,
              "options": [{"name": "start", "type": 1, "options": []}]})
    answer = await fake_discord.wait_for_callback(sent["id"])
    assert answer["type"] == 4 and "get to know you" in answer["data"]["content"]
    flow.mid = str(fake_discord.interactions[int(sent["id"])].original_message_id)
    await flow.press("os1:onb:begin")
    await flow.step(1)
    await flow.press("os1:onb:social", ["very"])  # changed
    await flow.step(2)
    await flow.press("os1:onb:skip-presence")  # skipped: the last answer stands
    await flow.step(3)
    await flow.press("os1:onb:skip-help")
    await flow.step(4)
    await flow.press("os1:onb:skip-relationship")
    await flow.step(5)
    await flow.press("os1:onb:age", ["35-54"])
    await flow.step(6)
    await flow.press("os1:onb:skip-timezone")
    await flow.step(7)
    await flow.press("os1:onb:persona", ["os1"])
    hello = await fake_discord.wait_for_message(
        flow.dm, lambda m: f"I'm still {first.companion_name}" in m["content"], timeout=10)
    assert "10,000" not in hello["content"]  # no second naming
    user = await services.store.people.get_user(uid)
    assert user.timezone == "Asia/Tokyo" and user.age_bracket == "35-54"
    assert (await services.store.people.get_companion(uid)).name == first.companion_name
    current = sorted(m.content for m in await services.store.memories.list(uid))
    assert current == ["alice lives in the Asia/Tokyo time zone.", "alice loves being around people.",
                       "alice wants a calm, steady presence."]
    everything = await services.store.memories.list(uid, current_only=False)
    assert [m.content for m in everything if not m.current] == ["alice is more of a homebody."]


async def test_a_late_modal_answer_does_not_skip_the_age_question(os1, services, fake_discord):
    flow = Onboarding(fake_discord, fake_discord.find_user("alice"))
    await flow.open("hi")
    await flow.press("os1:onb:begin")
    for n, key in enumerate(("social", "presence", "help"), start=1):
        await flow.step(n)
        await flow.press(f"os1:onb:skip-{key}")
    await flow.step(4)
    assert (await flow.press("os1:onb:write"))["type"] == 9  # the modal opens…
    await flow.press("os1:onb:skip-relationship")  # …but they skip on another device
    await flow.step(5)
    sent = await fake_discord.submit_modal(flow.uid, {"os1:onb:input:relationship": "My aunt"})
    await fake_discord.wait_for_callback(sent["id"])
    assert fake_discord.message(flow.mid)["content"].startswith(f"**5/{TOTAL}**")  # still age
    await flow.press("os1:onb:age", ["18-24"])
    await flow.step(6)
    await flow.press("os1:onb:skip-timezone")
    await flow.step(7)
    await flow.press("os1:onb:persona", ["wren"])
    await fake_discord.wait_for_message(flow.dm, lambda m: "I'm Wren" in m["content"], timeout=10)
    answers = await services.store.people.answers(int(flow.uid))
    assert answers == {"relationship": "My aunt", "age": "18-24"}
