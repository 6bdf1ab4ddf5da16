"""The loopback Discord against the real, unmodified discord.py 2.7.1 client."""

from __future__ import annotations

import asyncio
import io
from typing import Any

import aiohttp
import discord
import pytest
from discord.ext import commands

from bot.testing.discord import FakeDiscord, connected_client

pytest_plugins = ["bot.testing.discord.fixtures"]

TEST_GUILD_NAME = (
    "OS1 Test Guild"  # built by the fake_discord fixture (not imported: see pytest_plugins)
)
INTENTS = discord.Intents(guilds=True, dm_messages=True, message_content=True, guild_messages=True)


def _ids(fake: FakeDiscord) -> tuple[int, int, int]:
    alice = int(fake.find_user("alice")["id"])
    guild = int(fake.find_guild(TEST_GUILD_NAME)["id"])
    general = int(fake.find_channel(guild, "general")["id"])
    return alice, guild, general


class EchoClient(discord.Client):
    """Replies to every human message, then edits the reply; records what it saw."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(intents=kwargs.pop("intents", INTENTS), **kwargs)
        self.seen: list[discord.Message] = []
        self.resumed = asyncio.Event()
        self.attachment_bytes: list[bytes] = []

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        return None  # discord.py sleeps 5 s before every non-initial IDENTIFY; not in tests

    async def on_resumed(self) -> None:
        self.resumed.set()

    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot:
            return
        self.seen.append(message)
        for attachment in message.attachments:
            self.attachment_bytes.append(await attachment.read())
        await message.channel.typing()
        reply = await message.reply(
            f"<@{message.author.id}> you said: {message.content}",
            allowed_mentions=discord.AllowedMentions.none(),
        )
        await reply.edit(content=f"you said: {message.content} (edited)")


# --------------------------------------------------------------------------- plain client


async def test_plain_client_dm_reply_and_edit(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    alice, _, _ = _ids(fake)
    async with connected_client(fake, EchoClient()) as client:
        assert client.user is not None and client.user.id == fake.bot_user_id
        assert [g.name for g in client.guilds] == [TEST_GUILD_NAME]
        sent = await fake.user_dms(alice, "hello there")
        reply = await fake.wait_for_message(sent["channel_id"], lambda m: m["edit_count"] == 1)

    assert client.seen[0].content == "hello there"
    assert isinstance(client.seen[0].channel, discord.DMChannel)
    assert reply["content"] == "you said: hello there (edited)"
    assert reply["content_history"] == [f"<@{alice}> you said: hello there"]
    assert (
        reply["mentions"] == []
    )  # AllowedMentions.none() suppressed the ping in the first version
    assert reply["message_reference"]["message_id"] == sent["id"]

    post = fake.requests_to("POST", "/channels/{channel_id}/messages")[0]
    assert post.json["allowed_mentions"] == {"parse": []}
    assert post.authorized and "Authorization" not in post.headers
    assert post.response_headers["X-RateLimit-Bucket"]
    assert int(post.response_headers["X-RateLimit-Remaining"]) < int(
        post.response_headers["X-RateLimit-Limit"]
    )
    patch = fake.requests_to("PATCH", "/channels/{channel_id}/messages/{message_id}")[0]
    assert patch.params["message_id"] == reply["id"] and patch.status == 200
    assert [r.route for r in fake.requests[:3]] == [
        "GET /users/@me",
        "GET /oauth2/applications/@me",
        "POST /channels/{channel_id}/typing",
    ]
    assert fake.unknown_routes == []


async def test_wire_details_content_type_auth_and_unknown_routes(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    async with aiohttp.ClientSession() as http:
        async with http.get(
            f"{fake.rest_base}/users/@me", headers={"Authorization": f"Bot {fake.token}"}
        ) as resp:
            assert resp.headers["Content-Type"] == "application/json"
            assert (await resp.json())["id"] == str(fake.bot_user_id)
        async with http.get(f"{fake.rest_base}/users/@me") as resp:
            assert resp.status == 401
        async with http.get(
            f"{fake.rest_base}/no/such/route", headers={"Authorization": "Bot x"}
        ) as resp:
            assert resp.status == 404
            assert (await resp.json()) == {"message": "404: Not Found", "code": 0}
    assert [r.path for r in fake.unknown_routes] == ["/no/such/route"]
    assert fake.requests[1].authorized is False


async def test_guild_message_content_needs_the_intent(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    alice, _, general = _ids(fake)
    intents = discord.Intents(guilds=True, guild_messages=True, dm_messages=True)
    async with connected_client(fake, EchoClient(intents=intents)) as client:
        await fake.user_sends(alice, general, "secret words")
        await fake.user_sends(alice, general, "hi bot", mentions_bot=True)
        await fake.wait_for_message(
            general, lambda m: "hi bot" in m["content"] and m["edit_count"] == 1
        )
    assert [m.content for m in client.seen] == ["", f"<@{fake.bot_user_id}> hi bot"]
    assert isinstance(client.seen[1].author, discord.Member)


async def test_message_validation_errors_surface_as_http_exceptions(
    fake_discord: FakeDiscord,
) -> None:
    fake = fake_discord
    _, _, general = _ids(fake)
    async with connected_client(fake, EchoClient()) as client:
        channel = client.get_channel(general)
        assert isinstance(channel, discord.TextChannel)
        with pytest.raises(discord.HTTPException) as too_long:
            await channel.send("x" * 2001)
        assert too_long.value.status == 400 and too_long.value.code == 50035
        doomed = await channel.send("short-lived")
        await doomed.delete()
        with pytest.raises(discord.NotFound):
            await doomed.edit(content="too late")
    assert fake.channel_messages(general) == []
    assert [m["deleted"] for m in fake.channel_messages(general, include_deleted=True)] == [True]


# --------------------------------------------------------------------------- app commands


class Feedback(discord.ui.Modal, title="How are you?"):
    feeling: discord.ui.TextInput[Any] = discord.ui.TextInput(label="Feeling", custom_id="feeling")

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"thanks: {self.feeling.value}", ephemeral=True)


class Menu(discord.ui.View):
    @discord.ui.button(label="Ack", custom_id="ack")
    async def ack(self, interaction: discord.Interaction, button: discord.ui.Button[Any]) -> None:
        await interaction.response.edit_message(content="acknowledged", view=None)

    @discord.ui.button(label="Later", custom_id="later")
    async def later(self, interaction: discord.Interaction, button: discord.ui.Button[Any]) -> None:
        await interaction.response.defer()
        await interaction.edit_original_response(content="decided later")

    @discord.ui.button(label="Tell me", custom_id="open")
    async def open(self, interaction: discord.Interaction, button: discord.ui.Button[Any]) -> None:
        await interaction.response.send_modal(Feedback())


def make_bot() -> commands.Bot:
    bot = commands.Bot(command_prefix="!", intents=INTENTS)

    @bot.tree.command(name="hello", description="Say hello")
    async def hello(interaction: discord.Interaction, name: str) -> None:
        await interaction.response.send_message(
            f"Hello {name}", allowed_mentions=discord.AllowedMentions.none()
        )
        original = await interaction.original_response()
        await original.add_reaction("\N{WAVING HAND SIGN}")

    @bot.tree.command(name="slow", description="Think first")
    async def slow(interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True)
        await interaction.followup.send("done thinking")
        await interaction.followup.send("and one more")
        await interaction.edit_original_response(content="thought hard")

    @bot.tree.command(name="export", description="A file")
    async def export(interaction: discord.Interaction) -> None:
        data = discord.File(io.BytesIO(b"memories"), filename="export.json")
        await interaction.response.send_message("your export", file=data, ephemeral=True)

    @bot.tree.command(name="menu", description="Buttons")
    async def menu(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("pick one", view=Menu())

    return bot


async def test_bot_syncs_commands_and_answers_slash_commands(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    alice, _, _ = _ids(fake)
    dm = int(fake.dm_channel_for(alice)["id"])
    async with connected_client(fake, make_bot()) as bot:
        synced = await bot.tree.sync()
        assert sorted(c.name for c in synced) == ["export", "hello", "menu", "slow"]
        put = fake.requests_to("PUT", "/applications/{application_id}/commands")[0]
        assert put.params["application_id"] == str(fake.application_id)
        assert [
            o["name"] for o in next(c for c in put.json if c["name"] == "hello")["options"]
        ] == ["name"]

        hello = await fake.slash_command(alice, "hello", {"name": "Sam"}, channel_id=dm)
        callback = await fake.wait_for_callback(hello["id"])
        slow = await fake.slash_command(alice, "slow", channel_id=dm)
        await fake.wait_for_message(dm, lambda m: m["content"] == "thought hard")
        export = await fake.slash_command(alice, "export", channel_id=dm)
        export_callback = await fake.wait_for_callback(export["id"])

    assert (
        callback == {"type": 4, "data": callback["data"]}
        and callback["data"]["content"] == "Hello Sam"
    )
    cb_req = fake.requests_to(
        "POST", "/interactions/{interaction_id}/{interaction_token}/callback"
    )[0]
    assert cb_req.query == {"with_response": "1"} and cb_req.authorized is False
    assert cb_req.response_json["resource"]["message"]["content"] == "Hello Sam"
    contents = [(m["content"], m["interaction_metadata"]["id"]) for m in fake.channel_messages(dm)]
    assert contents == [
        ("Hello Sam", hello["id"]),
        ("thought hard", slow["id"]),
        ("and one more", slow["id"]),
        ("your export", export["id"]),
    ]
    assert export_callback["data"]["flags"] == 64
    multipart = fake.requests_to(
        "POST", "/interactions/{interaction_id}/{interaction_token}/callback"
    )[-1]
    assert [(f.filename, f.data) for f in multipart.files] == [("export.json", b"memories")]
    assert fake.channel_messages(dm)[-1]["attachments"][0]["filename"] == "export.json"
    assert (
        fake.requests_to("GET", "/webhooks/{webhook_id}/{webhook_token}/messages/@original")[
            0
        ].status
        == 200
    )
    record = fake.interactions[int(slow["id"])]
    assert (
        record.response_type == 5 and len(record.followup_ids) == 1
    )  # first followup replaced "thinking"
    assert record.original_message_id is not None
    original = fake.message(record.original_message_id)
    assert original["flags"] & 128 == 0
    assert original["content_history"] == ["", "done thinking"]


async def test_buttons_and_modal_round_trip_in_a_guild(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    alice, _, general = _ids(fake)
    async with connected_client(fake, make_bot()) as bot:
        await bot.tree.sync()
        await fake.slash_command(alice, "menu", channel_id=general)
        menu = await fake.wait_for_message(general, lambda m: m["content"] == "pick one")
        assert [c["custom_id"] for c in menu["components"][0]["components"]] == [
            "ack",
            "later",
            "open",
        ]

        opened = await fake.click(alice, menu["id"], "open")
        assert (await fake.wait_for_callback(opened["id"]))["type"] == 9
        assert fake.modals[-1].data["title"] == "How are you?"
        submitted = await fake.submit_modal(alice, {"feeling": "hopeful"})
        assert submitted["member"]["user"]["id"] == str(alice)
        thanks = await fake.wait_for_message(general, lambda m: m["content"].startswith("thanks"))

        later = await fake.click(alice, menu["id"], "later")
        assert (await fake.wait_for_callback(later["id"]))["type"] == 6
        await fake.wait_for_message(general, lambda m: m["content"] == "decided later")

        acked = await fake.click(alice, menu["id"], "ack")
        assert (await fake.wait_for_callback(acked["id"]))["type"] == 7
        updated = await fake.wait_for_message(
            general, lambda m: m["id"] == menu["id"] and m["edit_count"] == 2
        )

    assert thanks["content"] == "thanks: hopeful" and thanks["flags"] & 64  # ephemeral
    assert updated["content"] == "acknowledged" and updated["components"] == []
    assert updated["content_history"] == ["pick one", "decided later"]


# --------------------------------------------------------------------------- faults


async def test_global_429_is_retried_and_delivers_once(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    _, _, general = _ids(fake)
    async with connected_client(fake, EchoClient()) as client:
        channel = client.get_channel(general)
        assert isinstance(channel, discord.TextChannel)
        fake.fail_next("POST", "/channels/*/messages", status=429, retry_after=0.1, is_global=True)
        await channel.send("once")

        fake.rate_limit_per_s = 3
        started = asyncio.get_running_loop().time()
        await asyncio.gather(*(channel.send(f"burst {i}") for i in range(5)))
        elapsed = asyncio.get_running_loop().time() - started

    posts = fake.requests_to("POST", "/channels/{channel_id}/messages")
    assert posts[0].status == 429 and posts[0].response_headers["Via"] == "1.1 google"
    assert posts[0].response_json == {
        "message": "You are being rate limited.",
        "retry_after": 0.1,
        "global": True,
    }
    assert posts[1].status == 200
    contents = [m["content"] for m in fake.channel_messages(general)]
    assert sorted(contents) == ["burst 0", "burst 1", "burst 2", "burst 3", "burst 4", "once"]
    assert fake.counters.global_rate_limited >= 1 and fake.rate_limited_count >= 2
    assert elapsed >= 1.0  # 5 sends at 3/s need at least two windows
    accepted = [
        r.time for r in fake.requests if r.authorized and r.status == 200 and r.time >= started
    ]
    assert all(sum(1 for t in accepted if s <= t < s + 1.0) <= 3 for s in accepted)


async def test_500_is_retried(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    _, _, general = _ids(fake)
    async with connected_client(fake, EchoClient()) as client:
        channel = client.get_channel(general)
        assert isinstance(channel, discord.TextChannel)
        fake.fail_next("POST", "/channels/{channel_id}/messages", status=500)
        message = await channel.send("after a 500")
    statuses = [r.status for r in fake.requests_to("POST", "/channels/{channel_id}/messages")]
    assert statuses == [500, 200]
    assert [m["id"] for m in fake.channel_messages(general)] == [str(message.id)]


async def test_route_buckets_headers_make_discord_py_wait_instead_of_429() -> None:
    async with FakeDiscord(bucket_limit=2, bucket_window_s=0.3) as fake:
        alice = fake.add_user("alice")
        fake.add_guild("G", owner_id=alice["id"], channels=["general"])
        general = int(fake.find_channel(fake.find_guild("G")["id"], "general")["id"])
        async with connected_client(fake, EchoClient()) as client:
            channel = client.get_channel(general)
            assert isinstance(channel, discord.TextChannel)
            started = asyncio.get_running_loop().time()
            for i in range(4):
                await channel.send(f"paced {i}")
            elapsed = asyncio.get_running_loop().time() - started
            second = await fake.wait_for_request(
                lambda r: r.method == "POST" and (r.json or {}).get("content") == "paced 1"
            )
    assert second.response_headers["X-RateLimit-Remaining"] == "0"
    assert float(second.response_headers["X-RateLimit-Reset-After"]) <= 0.3
    assert elapsed >= 0.25 and fake.counters.bucket_rate_limited == 0
    assert len(fake.channel_messages(general)) == 4


async def test_dropped_socket_resumes_and_replays(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    alice, _, _ = _ids(fake)
    dm = fake.dm_channel_for(alice)["id"]
    async with connected_client(fake, EchoClient()) as client:
        assert await fake.drop_socket() == 1
        await fake.user_dms(alice, "sent while the socket was down")  # buffered, replayed on RESUME
        await asyncio.wait_for(client.resumed.wait(), 5)
        await fake.wait_for_message(dm, lambda m: "socket was down" in m["content"])

        client.resumed.clear()
        await fake.send_reconnect()
        await asyncio.wait_for(client.resumed.wait(), 5)
        await fake.user_dms(alice, "after reconnect")
        await fake.wait_for_message(dm, lambda m: "after reconnect" in m["content"])

        await fake.invalidate_session(resumable=False)
        await fake.wait_until(
            lambda: len(fake.gateway_ops_received(2)) == 2, what="a second IDENTIFY"
        )
        await fake.wait_until_connected()
        await fake.user_dms(alice, "after new session")
        await fake.wait_for_message(dm, lambda m: "new session" in m["content"])

    assert len(fake.gateway_ops_received(6)) == 2  # RESUME after the drop and after op 7
    resume = fake.gateway_ops_received(6)[0]
    missed = next(
        f for f in fake.gateway_frames if f.direction == "out" and f.t == "MESSAGE_CREATE"
    )
    assert (
        resume.d["token"] == "<redacted>" and 2 <= resume.d["seq"] < missed.s
    )  # so it came by replay
    assert [m.content for m in client.seen] == [
        "sent while the socket was down",
        "after reconnect",
        "after new session",
    ]
    dispatched = [
        f.s for f in fake.gateway_frames if f.direction == "out" and f.op == 0 and f.s is not None
    ]
    assert dispatched[:3] == [1, 2, 3]


async def test_heartbeats_are_acked_with_short_interval() -> None:
    async with FakeDiscord(heartbeat_interval_ms=100) as fake:
        async with connected_client(fake, EchoClient()) as client:
            await fake.wait_until(lambda: len(fake.gateway_ops_received(1)) >= 3, what="heartbeats")
            assert client.latency < 1.0
        acks = [f for f in fake.gateway_frames if f.direction == "out" and f.op == 11]
        assert len(acks) >= 3


async def test_member_lists_follow_the_members_intent_and_op_8_is_answered(
    fake_discord: FakeDiscord,
) -> None:
    fake = fake_discord
    async with connected_client(fake, EchoClient()) as client:
        assert [m.name for m in client.guilds[0].members] == ["OS1"]  # no GUILD_MEMBERS intent
    intents = discord.Intents(guilds=True, members=True)
    async with connected_client(
        fake, EchoClient(intents=intents, chunk_guilds_at_startup=True)
    ) as client:
        guild = client.guilds[0]
        assert guild.chunked and {m.name for m in guild.members} == {"alice", "OS1"}
        found = await guild.query_members("ali")
    assert [m.name for m in found] == ["alice"]
    request = fake.gateway_ops_received(8)[0]
    assert request.d["query"] == "ali" and request.d["nonce"]


# --------------------------------------------------------------------------- webhooks and files


async def test_webhook_create_and_execute(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    _, _, general = _ids(fake)
    async with connected_client(fake, EchoClient()) as client:
        channel = client.get_channel(general)
        assert isinstance(channel, discord.TextChannel)
        created = await channel.create_webhook(name="os1-relay")
        assert created.token
        hook = discord.Webhook.partial(created.id, created.token, client=client)
        sent = await hook.send("from the webhook", username="Samantha", wait=True)
        await sent.edit(content="edited by webhook")
        listed = await channel.webhooks()

    assert [w.id for w in listed] == [created.id]
    stored = fake.channel_messages(general)
    assert [(m["content"], m["author"]["username"], m["source"]) for m in stored] == [
        ("edited by webhook", "Samantha", "webhook")
    ]
    execute = fake.requests_to("POST", "/webhooks/{webhook_id}/{webhook_token}")[0]
    assert execute.authorized is False and execute.query["wait"] == "1"
    assert fake.counters.global_rate_limited == 0


async def test_multipart_files_are_recorded_and_attachments_downloadable(
    fake_discord: FakeDiscord,
) -> None:
    fake = fake_discord
    alice, _, general = _ids(fake)
    async with connected_client(fake, EchoClient()) as client:
        channel = client.get_channel(general)
        assert isinstance(channel, discord.TextChannel)
        message = await channel.send(
            "a file", file=discord.File(io.BytesIO(b"hello bytes"), filename="note.txt")
        )
        downloaded = await message.attachments[0].read()

        await fake.user_dms(alice, "look", attachments=[("photo.png", b"\x89PNG fake")])
        await fake.wait_for_message(
            fake.dm_channel_for(alice)["id"], lambda m: m["edit_count"] == 1
        )

    post = fake.requests_to("POST", "/channels/{channel_id}/messages")[0]
    assert post.json["content"] == "a file"
    assert [(f.field, f.filename, f.data) for f in post.files] == [
        ("files[0]", "note.txt", b"hello bytes")
    ]
    assert downloaded == b"hello bytes"
    assert fake.channel_messages(general)[0]["attachments"][0]["filename"] == "note.txt"
    assert client.attachment_bytes == [b"\x89PNG fake"]
