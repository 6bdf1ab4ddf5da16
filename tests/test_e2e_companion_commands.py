"""`/companion ...` and `/os1-admin persona-add` end to end over the loopback Discord."""

from __future__ import annotations

import io
import json
import logging
import zipfile
from typing import Any

import pytest

from bot.core.personas.cards import import_card
from bot.testing.discord import FakeDiscord
from bot.testing.discord.interactions import TYPE_AUTOCOMPLETE

ARCHIVE_SOURCE = "import:"


async def command(fake: FakeDiscord, uid: Any, group: str, sub: str,
                  options: dict[str, Any] | None = None, *, channel_id: Any,
                  attachment: dict[str, Any] | None = None, focused: str | None = None,
                  ) -> dict[str, Any]:
    """Invoke `/group sub` (or ask for autocomplete on option `focused`); option types come
    from the synced definition. The answer is what the bot called back with."""
    gid = fake.world.guild_id_of(int(channel_id))
    cmd = fake.world.commands.find_command(group, gid)
    declared = next(o for o in cmd["options"] if o["name"] == sub)
    types = {o["name"]: o["type"] for o in declared.get("options") or []}
    opts = [{"name": k, "type": types[k], "value": v, **({"focused": True} if k == focused else {})}
            for k, v in (options or {}).items()]
    data: dict[str, Any] = {"id": cmd["id"], "name": group, "type": 1,
                            "options": [{"name": sub, "type": 1, "options": opts}]}
    if attachment is not None:
        data["resolved"] = {"attachments": {attachment["id"]: attachment}}
    sent = await fake.interaction(uid, type=TYPE_AUTOCOMPLETE if focused else 2, data=data,
                                  channel_id=channel_id)
    answer = await fake.wait_for_callback(sent["id"])
    answer["interaction_id"] = int(sent["id"])
    return answer


@pytest.fixture
async def alice(os1, services, fake_discord) -> dict[str, Any]:
    await os1.tree.sync()
    user = fake_discord.find_user("alice")
    await services.onboarding.complete(int(user["id"]), "alice", {"age": "25-34"}, "os1")
    return {"id": user["id"], "uid": int(user["id"]), "dm": fake_discord.dm_channel_for(user["id"])["id"]}


def guild_channel(fake: FakeDiscord) -> tuple[dict[str, Any], Any]:
    guild = fake.find_guild("OS1 Test Guild")
    return guild, fake.find_channel(guild["id"], "general")["id"]


async def test_about_shows_name_persona_and_since(alice, services, fake_discord):
    answer = await command(fake_discord, alice["id"], "companion", "about", channel_id=alice["dm"])
    assert answer["type"] == 4 and answer["data"]["flags"] & 64
    (embed,) = answer["data"]["embeds"]
    companion = await services.store.people.get_companion(alice["uid"])
    assert embed["title"] == companion.name
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert fields["Persona"] == "OS1 (names itself)"
    assert fields["Together since"] == f"<t:{int(companion.created_at.timestamp())}:D>"
    assert embed["description"].startswith(f"{companion.name} is an operating system")
    assert "{{" not in embed["description"]


async def test_rename_accepts_a_name_and_kindly_refuses_mentions_and_markdown(
        alice, services, fake_discord, fake_provider):
    for bad, why in (("@everyone", "mention"), ("**Bold**", "bold")):
        answer = await command(fake_discord, alice["id"], "companion", "rename", {"name": bad},
                               channel_id=alice["dm"])
        assert answer["data"]["flags"] & 64 and why in answer["data"]["content"]
    before = await services.store.people.get_companion(alice["uid"])
    assert before.name not in ("@everyone", "**Bold**")
    answer = await command(fake_discord, alice["id"], "companion", "rename", {"name": "Samantha"},
                           channel_id=alice["dm"])
    assert answer["data"]["content"].startswith("Samantha… I like it")
    assert (await services.store.people.get_companion(alice["uid"])).name == "Samantha"
    fake_provider.default_reply("Still me.")
    await fake_discord.user_dms(alice["id"], "what's your name now?")
    await fake_discord.wait_for_message(alice["dm"], lambda m: m["content"] == "Still me.", timeout=10)
    await services.conversations.drain()
    system = fake_provider.chat_requests()[-1]["messages"][0]["content"]
    assert "Samantha" in system


async def test_persona_autocomplete_confirm_and_keep(alice, services, fake_discord):
    choices = await command(fake_discord, alice["id"], "companion", "persona", {"choice": ""},
                            channel_id=alice["dm"], focused="choice")
    assert choices["type"] == 8
    assert [c["name"] for c in choices["data"]["choices"]] == [
        "OS1 (names itself)", "Ansel", "Juno", "Wren"]
    narrowed = await command(fake_discord, alice["id"], "companion", "persona", {"choice": "ju"},
                             channel_id=alice["dm"], focused="choice")
    assert narrowed["data"]["choices"] == [{"name": "Juno", "value": "juno"}]

    async def ask_to_switch() -> int:
        await command(fake_discord, alice["id"], "companion", "persona", {"choice": "juno"},
                      channel_id=alice["dm"])
        msg = await fake_discord.wait_for_message(
            alice["dm"], lambda m: m["content"].startswith("Switch to **Juno**") and m["components"])
        assert msg["flags"] & 64
        return msg["id"]

    keep = await ask_to_switch()
    await fake_discord.click(alice["id"], keep, "os1:persona:no")
    await fake_discord.wait_for_message(alice["dm"], lambda m: m["id"] == keep and "nothing changes"
                                        in m["content"])
    assert (await services.store.people.get_companion(alice["uid"])).persona_key == "os1"

    switch = await ask_to_switch()
    await fake_discord.click(alice["id"], switch, "os1:persona:yes")
    done = await fake_discord.wait_for_message(alice["dm"], lambda m: m["id"] == switch
                                               and m["content"].startswith("Done."))
    assert done["components"] == []
    companion = await services.store.people.get_companion(alice["uid"])
    assert companion.persona_key == "juno" and companion.name == "Juno"

    unknown = await command(fake_discord, alice["id"], "companion", "persona",
                            {"choice": "hal-9000"}, channel_id=alice["dm"])
    assert "pick one from the list" in unknown["data"]["content"]
    carol = fake_discord.add_user("carol")  # hasn't met her companion yet
    early = await command(fake_discord, carol["id"], "companion", "persona", {"choice": "juno"},
                          channel_id=fake_discord.dm_channel_for(carol["id"])["id"])
    assert "haven't met yet" in early["data"]["content"]


async def test_card_is_a_png_that_imports_back(alice, services, fake_discord):
    answer = await command(fake_discord, alice["id"], "companion", "card", channel_id=alice["dm"])
    assert answer["data"]["flags"] & 64
    callback = fake_discord.requests_to(
        "POST", "/interactions/{interaction_id}/{interaction_token}/callback")[-1]
    (png,) = callback.files
    assert png.filename == "os1.card.png" and png.data.startswith(b"\x89PNG")
    persona = import_card(png.data, png.filename)
    companion = await services.store.people.get_companion(alice["uid"])
    original = await services.companions.persona("os1")
    assert persona.name == companion.name
    assert persona.description == original.description
    assert persona.first_message == original.first_message


def discord_package() -> bytes:
    messages = [
        {"ID": 11, "Timestamp": "2024-03-01 10:20:30", "Contents": "hello from json", "Attachments": ""},
        {"ID": 12, "Timestamp": "2024-03-01 10:21:00", "Contents": "", "Attachments": "a.png"},
        {"ID": 13, "Timestamp": "2024-03-01 10:22:00",
         "Contents": "my sister Ines moved to Porto", "Attachments": ""},
    ]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("account/user.json", '{"id": "1", "username": "alice"}')
        zf.writestr("messages/index.json", json.dumps({"111": "Direct Message with sam#0001"}))
        zf.writestr("messages/c111/channel.json", '{"id": "111", "type": 1}')
        zf.writestr("messages/c111/messages.json", json.dumps(messages))
    return buf.getvalue()


def chatgpt_export(conversations: int) -> bytes:
    def conversation(n: int) -> dict[str, Any]:
        def node(nid: str, parent: str | None, child: str | None, role: str, text: str) -> dict:
            return {"id": nid, "parent": parent, "children": [child] if child else [],
                    "message": {"id": nid, "author": {"role": role}, "create_time": 1_700_000_000 + n,
                                "content": {"content_type": "text", "parts": [text]}}}
        return {"title": f"Chat {n}", "create_time": 1_700_000_000, "current_node": "a",
                "mapping": {"u": node("u", None, "a", "user", f"Question {n} about my garden"),
                            "a": node("a", "u", None, "assistant", f"Answer {n} about tomatoes")}}

    return json.dumps([conversation(n) for n in range(conversations)]).encode()


async def imported_rows(services, uid: int) -> list[dict[str, Any]]:
    exported = await services.store.privacy.export_user(uid)
    return [m for m in exported["messages"] if m["source"].startswith(ARCHIVE_SOURCE)]


async def test_import_reads_a_discord_package_and_a_chatgpt_export(alice, services, fake_discord,
                                                                   fake_provider):
    fake_provider.on_chat("OS1-TASK: archive-reflection",
                          "You have a sister in Porto, and a garden full of questions.")
    package = fake_discord.add_attachment("package.zip", discord_package(), "application/zip")
    answer = await command(fake_discord, alice["id"], "companion", "import",
                           {"file": package["id"]}, channel_id=alice["dm"], attachment=package)
    assert answer["type"] == 5 and answer["data"]["flags"] & 64  # deferred, private
    record = fake_discord.interactions[answer["interaction_id"]]
    final = await fake_discord.wait_for_message(
        alice["dm"], lambda m: m["content"].startswith("Done reading"), timeout=10)
    assert int(final["id"]) == record.original_message_id  # progress and result: one message
    assert any("Reading **package.zip**" in c and "100%" in c for c in final["content_history"])
    assert "2 new to me, 0 I already knew" in final["content"]
    assert "sister in Porto" in final["content"]
    reflection = next(r for r in fake_provider.chat_requests()
                      if "OS1-TASK: archive-reflection" in r["messages"][0]["content"])
    companion = await services.store.people.get_companion(alice["uid"])
    assert companion.name in reflection["messages"][0]["content"]  # in its own voice
    assert "my sister Ines moved to Porto" in reflection["messages"][1]["content"]

    export = fake_discord.add_attachment("conversations.json", chatgpt_export(3), "application/json")
    await command(fake_discord, alice["id"], "companion", "import", {"file": export["id"]},
                  channel_id=alice["dm"], attachment=export)
    await fake_discord.wait_for_message(
        alice["dm"], lambda m: m["content"].startswith("Done reading **conversations.json**"),
        timeout=10)
    rows = await imported_rows(services, alice["uid"])
    where = {r["content"]: r["source"].split(":", 2)[2] for r in rows}
    assert where["hello from json"] == "messages/c111/messages.json#message 1"
    assert where["my sister Ines moved to Porto"] == "messages/c111/messages.json#message 3"
    assert where["Question 2 about my garden"] == "conversations.json#conversations[2].mapping[u]"
    roles = {r["content"]: r["role"] for r in rows}
    assert roles["Question 0 about my garden"] == "user"
    assert roles["Answer 0 about tomatoes"] == "assistant"
    assert len(rows) == 2 + 6


async def test_a_malformed_upload_names_the_file_and_leaves_nothing_behind(alice, services,
                                                                           fake_discord, caplog):
    caplog.set_level(logging.INFO, logger="bot.core.library")
    # 700 good items (more than one stored batch), then the file is cut off.
    broken = chatgpt_export(350)[:-40]
    upload = fake_discord.add_attachment("conversations.json", broken, "application/json")
    await command(fake_discord, alice["id"], "companion", "import", {"file": upload["id"]},
                  channel_id=alice["dm"], attachment=upload)
    error = await fake_discord.wait_for_message(
        alice["dm"], lambda m: "conversations.json" in m["content"], timeout=10)
    assert error["flags"] & 64 and "cut off" in error["content"]
    assert await imported_rows(services, alice["uid"]) == []
    assert "rolled back an import (500 rows removed)" in caplog.text  # some had been stored


async def test_a_too_large_upload_is_refused_with_the_limit(alice, services, fake_discord):
    small = fake_discord.add_attachment("huge.zip", b"PK\x03\x04", "application/zip")
    declared = dict(small, size=300 * 1024 * 1024)
    answer = await command(fake_discord, alice["id"], "companion", "import",
                           {"file": declared["id"]}, channel_id=alice["dm"], attachment=declared)
    assert answer["type"] == 4 and answer["data"]["flags"] & 64
    assert answer["data"]["content"] == "huge.zip is 300 MB; I can read archives up to 200 MB."
    assert not [r for r in fake_discord.requests if "/attachments/" in r.path]  # never downloaded


async def test_start_in_a_server_continues_in_dms(alice, services, fake_discord):
    _, general = guild_channel(fake_discord)
    answer = await command(fake_discord, alice["id"], "companion", "start", channel_id=general)
    assert answer["data"]["flags"] & 64 and "sent you a DM" in answer["data"]["content"]
    intro = await fake_discord.wait_for_message(alice["dm"],
                                                lambda m: "get to know you" in m["content"])
    assert intro["components"]
    assert not [m for m in fake_discord.channel_messages(general) if not m["flags"] & 64]


V2_CARD = {
    "spec": "chara_card_v2", "spec_version": "2.0",
    "data": {"name": "Maya", "description": "{{char}} is a retired sailor who tells it straight.",
             "personality": "blunt, kind", "scenario": "", "first_mes": "Ahoy, {{user}}.",
             "mes_example": "", "creator_notes": "", "system_prompt": "",
             "post_history_instructions": "", "alternate_greetings": [], "tags": ["dry"],
             "creator": "a moderator", "character_version": "1", "extensions": {}},
}


async def test_persona_add_by_a_moderator_is_offered_to_members(alice, services, fake_discord):
    guild, general = guild_channel(fake_discord)
    bob = fake_discord.add_user("bob")
    fake_discord.add_member(guild["id"], bob["id"])
    await services.onboarding.complete(int(bob["id"]), "bob", {"age": "35-54"}, "ansel")
    raw = json.dumps(V2_CARD).encode()
    card = fake_discord.add_attachment("maya.json", raw, "application/json")

    refused = await command(fake_discord, bob["id"], "os1-admin", "persona-add",
                            {"card": card["id"]}, channel_id=general, attachment=card)
    assert refused["data"]["flags"] & 64 and "moderators" in refused["data"]["content"]
    assert await services.store.people.list_personas(int(guild["id"])) == []

    added = await command(fake_discord, alice["id"], "os1-admin", "persona-add",
                          {"card": card["id"]}, channel_id=general, attachment=card)
    key = f"{import_card(raw, 'maya.json').key}-g{guild['id']}"
    assert added["data"]["content"].startswith(f"Added **Maya** (`{key}`)")

    choices = await command(fake_discord, bob["id"], "companion", "persona", {"choice": "may"},
                            channel_id=general, focused="choice")
    assert choices["data"]["choices"] == [{"name": "Maya", "value": key}]
    await command(fake_discord, bob["id"], "companion", "persona", {"choice": key},
                  channel_id=general)
    confirm = await fake_discord.wait_for_message(
        general, lambda m: m["content"].startswith("Switch to **Maya**"))
    await fake_discord.click(bob["id"], confirm["id"], "os1:persona:yes")
    await fake_discord.wait_for_message(general, lambda m: m["id"] == confirm["id"]
                                        and m["content"].startswith("Done."))
    companion = await services.store.people.get_companion(int(bob["id"]))
    assert companion.persona_key == key and companion.name == "Maya"
    # Outside that server the card isn't on offer.
    in_dm = await command(fake_discord, bob["id"], "companion", "persona", {"choice": "may"},
                          channel_id=fake_discord.dm_channel_for(bob["id"])["id"], focused="choice")
    assert in_dm["data"]["choices"] == []
