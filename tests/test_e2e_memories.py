"""The person owns their memory, end to end over the loopback Discord: /memories list (paged),
search, forget, edit (modal), share/unshare, /forget-me (then every table is scanned), /export."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

from bot.app.client import OS1Bot
from bot.core.models import DM_SCOPE
from bot.services import Services
from bot.store import NewMemory, NewMessage
from bot.testing.discord import FakeDiscord, InteractionRecord

EPHEMERAL = 64
CB_MESSAGE, CB_UPDATE, CB_MODAL = 4, 7, 9


async def command(fake: FakeDiscord, user_id: int, channel_id: int, name: str,
                  sub: str | None = None, **options: str) -> InteractionRecord:
    """Invoke `/name [sub] options...` and wait for the bot's first answer."""
    if sub is None:
        payload = await fake.slash_command(user_id, name, options or None, channel_id=channel_id)
    else:
        synced = fake.world.commands.find_command(name)
        data = {"id": synced["id"], "name": name, "type": 1, "options": [
            {"name": sub, "type": 1,
             "options": [{"name": k, "type": 3, "value": v} for k, v in options.items()]}]}
        payload = await fake.interaction(user_id, type=2, data=data, channel_id=channel_id)
    await fake.wait_for_callback(payload["id"])
    return fake.interactions[int(payload["id"])]


def answer(record: InteractionRecord) -> dict[str, Any]:
    """The data of the bot's (first) callback."""
    return record.callbacks[0]["data"]


def assert_quiet(data: dict[str, Any]) -> None:
    """Ephemeral and mention-free."""
    assert data["flags"] & EPHEMERAL
    assert data["allowed_mentions"] == {"parse": []}


async def seed(services: Services, user: dict[str, Any], facts: list[str]) -> list[int]:
    """An onboarded person with one DM message per fact and the fact extracted from it."""
    uid, name = int(user["id"]), user["username"]
    await services.onboarding.complete(uid, name, {"age": "25-34", "social": "homebody"}, "os1")
    now = services.clock.now()
    ids = []
    for i, fact in enumerate(facts):
        at = now + timedelta(minutes=i)
        mid = await services.store.messages.add(NewMessage(
            user_id=uid, scope=DM_SCOPE, role="user", speaker=name, content=f"fyi: {fact}",
            created_at=at))
        ids.append(await services.store.memories.add(NewMemory(
            user_id=uid, content=fact, valid_from=at, source_message_ids=(mid,)), at))
    await services.companions.memory.rebuild_profile(uid)
    return ids


async def test_list_pages_through_memories_with_the_buttons(os1: OS1Bot, services, fake_discord):
    alice = fake_discord.find_user("alice")
    dm = int(fake_discord.dm_channel_for(alice["id"])["id"])
    ids = await seed(services, alice, [f"alice fact number {i:02d}" for i in range(11)])
    # A fact that stopped being true still shows (recall may still bring it up, marked as past).
    await services.store.memories.invalidate(int(alice["id"]), ids[1], services.clock.now())
    await os1.tree.sync()

    listed = await command(fake_discord, alice["id"], dm, "memories", "list")
    data = answer(listed)
    assert listed.response_type == CB_MESSAGE
    assert_quiet(data)
    [embed] = data["embeds"]
    # 11 facts + 1 onboarding memory = 12: the newest 8 first, then 4.
    assert embed["footer"]["text"].startswith("Page 1 of 2")
    assert "alice fact number 10" in embed["description"]
    assert "alice fact number 03" in embed["description"]
    assert "alice fact number 02" not in embed["description"]
    assert "from what you said on" in embed["description"]  # provenance is shown
    buttons = {b["custom_id"]: b for b in data["components"][0]["components"]}
    assert buttons["os1:mem:prev"].get("disabled") and not buttons["os1:mem:next"].get("disabled")

    message = listed.original_message_id
    older = await fake_discord.click(alice["id"], message, "os1:mem:next")
    await fake_discord.wait_for_callback(older["id"])
    record = fake_discord.interactions[int(older["id"])]
    assert record.response_type == CB_UPDATE
    page2 = fake_discord.message(message)
    text = page2["embeds"][0]["description"]
    assert page2["embeds"][0]["footer"]["text"].startswith("Page 2 of 2")
    assert "alice fact number 02" in text and "alice fact number 00" in text
    assert "~~alice fact number 01~~" in text and "(no longer true)" in text
    assert "alice is more of a homebody." in text and "from your answers when we first met" in text
    assert "alice fact number 10" not in text
    buttons = {b["custom_id"]: b for b in page2["components"][0]["components"]}
    assert not buttons["os1:mem:prev"].get("disabled") and buttons["os1:mem:next"].get("disabled")

    newer = await fake_discord.click(alice["id"], message, "os1:mem:prev")
    await fake_discord.wait_for_callback(newer["id"])
    again = fake_discord.message(message)
    assert again["embeds"][0]["footer"]["text"].startswith("Page 1 of 2")
    assert "alice fact number 10" in again["embeds"][0]["description"]


async def test_search_forget_and_kind_errors(os1: OS1Bot, services, fake_discord):
    alice = fake_discord.find_user("alice")
    dm = int(fake_discord.dm_channel_for(alice["id"])["id"])
    dog, work = await seed(services, alice, ["alice has a beagle called Biscuit.",
                                             "alice works night shifts at the bakery."])
    await os1.tree.sync()

    found = answer(await command(fake_discord, alice["id"], dm, "memories", "search",
                                 query="my beagles"))
    assert_quiet(found)
    assert f"#{dog}" in found["content"] and "Biscuit" in found["content"]
    assert "bakery" not in found["content"]
    nothing = answer(await command(fake_discord, alice["id"], dm, "memories", "search",
                                   query="volcano"))
    assert nothing["content"] == "I don't remember anything about that."

    bad = answer(await command(fake_discord, alice["id"], dm, "memories", "forget", id="twelve"))
    assert_quiet(bad)
    assert bad["content"] == "Use the number shown in `/memories list`, like 12."
    missing = answer(await command(fake_discord, alice["id"], dm, "memories", "forget", id="99999"))
    assert missing["content"] == "I don't have a memory #99999."

    gone = answer(await command(fake_discord, alice["id"], dm, "memories", "forget", id=f"#{dog}"))
    assert_quiet(gone)
    assert gone["content"] == "Forgotten: ~~alice has a beagle called Biscuit.~~"
    assert await services.store.memories.get(int(alice["id"]), dog) is None
    assert "Biscuit" not in (await services.store.memories.profile(int(alice["id"])) or "")
    assert "bakery" in (await services.store.memories.profile(int(alice["id"])) or "")
    assert work


async def test_edit_opens_a_modal_that_changes_the_memory(os1: OS1Bot, services, fake_discord):
    alice = fake_discord.find_user("alice")
    bob = fake_discord.add_user("bob")
    dm = int(fake_discord.dm_channel_for(alice["id"])["id"])
    [moved] = await seed(services, alice, ["alice lives in Boston."])
    [bobs] = await seed(services, bob, ["bob keeps bees."])
    await os1.tree.sync()

    opened = await command(fake_discord, alice["id"], dm, "memories", "edit", id=str(moved))
    assert opened.response_type == CB_MODAL
    modal = fake_discord.modals[-1].data
    assert modal["title"] == "Edit a memory"
    text_input = modal["components"][0]["components"][0]
    assert text_input["value"] == "alice lives in Boston."
    submitted = await fake_discord.submit_modal(alice["id"], {"os1:mem:edit:text": "alice lives in Denver now."})
    await fake_discord.wait_for_callback(submitted["id"])
    data = answer(fake_discord.interactions[int(submitted["id"])])
    assert_quiet(data)
    assert data["content"] == f"Updated #{moved}: alice lives in Denver now."
    memory = await services.store.memories.get(int(alice["id"]), moved)
    assert memory is not None and memory.content == "alice lives in Denver now."
    assert memory.origin == "user"
    assert "alice lives in Denver now." in (await services.store.memories.profile(int(alice["id"])) or "")

    # Someone else's memory id is simply not there for alice.
    foreign = answer(await command(fake_discord, alice["id"], dm, "memories", "edit", id=str(bobs)))
    assert foreign["content"] == f"I don't have a memory #{bobs}."
    assert (await services.store.memories.get(int(bob["id"]), bobs)).content == "bob keeps bees."


async def test_share_and_unshare(os1: OS1Bot, services, fake_discord):
    alice = fake_discord.find_user("alice")
    dm = int(fake_discord.dm_channel_for(alice["id"])["id"])
    [tea] = await seed(services, alice, ["alice loves oolong tea."])
    await os1.tree.sync()
    shared = answer(await command(fake_discord, alice["id"], dm, "memories", "share", id=str(tea)))
    assert_quiet(shared)
    assert shared["content"] == f"#{tea} may now come up in server channels."
    assert (await services.store.memories.get(int(alice["id"]), tea)).shareable
    listed = answer(await command(fake_discord, alice["id"], dm, "memories", "list"))
    assert "shareable" in listed["embeds"][0]["description"]
    private = answer(await command(fake_discord, alice["id"], dm, "memories", "unshare", id=str(tea)))
    assert private["content"] == f"#{tea} stays between us again."
    assert not (await services.store.memories.get(int(alice["id"]), tea)).shareable


async def all_rows(services: Services) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table in the schema (FTS shadow tables included)."""
    tables = [r["name"] for r in await services.store.db.fetchall(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {t: [dict(r) for r in await services.store.db.fetchall(f'SELECT * FROM "{t}"')]
            for t in tables}


def mentions(row: dict[str, Any], needles: tuple[str, ...]) -> bool:
    for value in row.values():
        text = value.decode("latin-1") if isinstance(value, bytes) else str(value)
        if any(n in text for n in needles):
            return True
    return False


async def test_forget_me_erases_every_row_and_keeps_everyone_else(
    os1: OS1Bot, services: Services, fake_discord, fake_provider
):
    alice = fake_discord.find_user("alice")
    bob = fake_discord.add_user("bob")
    aid, bid = int(alice["id"]), int(bob["id"])
    dm = int(fake_discord.dm_channel_for(aid)["id"])
    fake_provider.default_reply("I'm listening.")
    await seed(services, alice, ["alice's locker code is zebra-quartz-41."])
    await seed(services, bob, ["bob's locker code is otter-basalt-77."])
    # Live traffic too: messages, a companion, a summary, an outbox row, a vector, a check-in.
    for user in (alice, bob):
        await fake_discord.user_dms(user["id"], "hello again, it's me")
    await fake_discord.wait_until(lambda: len(fake_provider.chat_requests()) >= 2, timeout=10)
    await services.conversations.drain()
    await services.companions.idle()
    now = services.clock.now()
    for uid in (aid, bid):
        await services.store.memories.add_summary(uid, DM_SCOPE, 1, 2, f"summary of {uid}", now)
        await services.store.memories.put_vectors(uid, "message", [(uid % 100_000, b"\0" * 8)], "m", 2)
        await services.store.ops.enqueue(f"checkin:{uid}", "checkin", {"to": uid}, now, user_id=uid)
        await services.store.memories.set_extraction_cursor(uid, DM_SCOPE, 1)
    before = await services.store.rows_mentioning_user(aid)
    assert before["messages"] >= 2 and before["memories"] >= 2 and before["users"] == 1
    assert before["summaries"] == before["vectors"] == before["outbox"] == 1
    bob_before = await services.store.rows_mentioning_user(bid)
    await os1.tree.sync()

    asked = await command(fake_discord, aid, dm, "forget-me")
    data = answer(asked)
    assert_quiet(data)
    assert "can't be undone" in data["content"]
    done = await fake_discord.click(aid, asked.original_message_id, "os1:forgetme:yes")
    confirmed = await fake_discord.wait_for_callback(done["id"])
    assert confirmed["data"]["allowed_mentions"] == {"parse": []}
    assert fake_discord.message(asked.original_message_id)["content"].startswith("Done.")

    after = await services.store.rows_mentioning_user(aid)
    assert after and all(n == 0 for n in after.values()), after
    assert await services.store.rows_mentioning_user(bid) == bob_before
    # And the whole schema, not only the tables that have a user column: no row anywhere holds
    # alice's id, name or what she said; bob's rows are all still there.
    rows = await all_rows(services)
    assert set(after) <= set(rows)
    needles = (str(aid), "zebra-quartz", "alice")
    leftovers = {t: [r for r in rs if mentions(r, needles)] for t, rs in rows.items()}
    assert not any(leftovers.values()), {t: r for t, r in leftovers.items() if r}
    # Every link table row still points at someone who exists.
    for row in rows["memory_sources"]:
        assert await services.store.memories.get(bid, row["memory_id"]) is not None
    assert any("otter-basalt" in str(r.get("content")) for r in rows["memories"])
    # Not even in the file: the lexical index, freed pages and the WAL were cleaned too.
    path = Path(services.store.db.path)
    raw = b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())
    assert b"zebra" not in raw and b"otter" in raw
    assert await services.onboarding.needs_onboarding(aid)
    assert not await services.onboarding.needs_onboarding(bid)


async def test_forget_me_can_be_called_off(os1: OS1Bot, services, fake_discord):
    alice = fake_discord.find_user("alice")
    dm = int(fake_discord.dm_channel_for(alice["id"])["id"])
    await seed(services, alice, ["alice keeps a sourdough starter."])
    await os1.tree.sync()
    asked = await command(fake_discord, alice["id"], dm, "forget-me")
    no = await fake_discord.click(alice["id"], asked.original_message_id, "os1:forgetme:no")
    await fake_discord.wait_for_callback(no["id"])
    assert fake_discord.message(asked.original_message_id)["content"] == "Okay. Nothing was deleted."
    assert await services.store.memories.count(int(alice["id"])) == 2


async def test_export_sends_json_and_markdown(os1: OS1Bot, services, fake_discord, fake_provider):
    alice = fake_discord.find_user("alice")
    dm = int(fake_discord.dm_channel_for(alice["id"])["id"])
    await seed(services, alice, ["alice plays the cello in a community orchestra."])
    fake_provider.default_reply("That sounds wonderful.")
    await fake_discord.user_dms(alice["id"], "We played Dvořák tonight!")
    await fake_discord.wait_until(lambda: fake_provider.chat_requests(), timeout=10)
    await services.conversations.drain()
    await os1.tree.sync()

    asked = await command(fake_discord, alice["id"], dm, "export")
    assert asked.response_type == 5  # thinking…, then the files as a follow-up
    sent = await fake_discord.wait_for_request(
        lambda r: r.matches("POST", "/webhooks/{webhook_id}/{webhook_token}"), timeout=10)
    assert sent.json["allowed_mentions"] == {"parse": []} and sent.json["flags"] & EPHEMERAL
    files = {f.filename: f.data for f in sent.files}
    assert set(files) == {"os1-export.json", "os1-export.md"}
    data = json.loads(files["os1-export.json"])
    assert [u["id"] for u in data["users"]] == [int(alice["id"])]
    assert "We played Dvořák tonight!" in [m["content"] for m in data["messages"]]
    assert "That sounds wonderful." in [m["content"] for m in data["messages"]]
    assert "alice plays the cello in a community orchestra." in [m["content"] for m in data["memories"]]
    assert data["companions"] and data["exported_at"]
    markdown = files["os1-export.md"].decode("utf-8")
    assert markdown.startswith("# Everything your companion knows about alice")
    assert "## Memories" in markdown and "alice plays the cello in a community orchestra." in markdown
    assert "We played Dvořák tonight!" in markdown
    # The attachments reached the channel, on the command's ephemeral answer.
    shown = [m for m in fake_discord.channel_messages(dm) if m.get("attachments")]
    assert [sorted(a["filename"] for a in m["attachments"]) for m in shown] == [
        ["os1-export.json", "os1-export.md"]]
    assert shown[0]["flags"] & EPHEMERAL
