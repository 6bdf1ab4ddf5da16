"""`os1 run` as a separate process, pointed at the loopback Discord and the fake provider by
settings alone, answers a DM — exactly what a person does with `make run`."""

from __future__ import annotations

import asyncio
import os
import signal
import sys

from bot.core.clock import SystemClock
from bot.store import Store


async def test_os1_run_answers_a_dm_as_a_separate_process(fake_discord, fake_provider, tmp_path):
    db = tmp_path / "os1.db"
    user = fake_discord.find_user("alice")
    # Pre-onboard alice in the database the process will use.
    store = await Store.open(db)
    now = SystemClock().now()
    await store.people.ensure_user(int(user["id"]), "alice", now)
    await store.people.update_user(int(user["id"]), onboarded_at=now, age_bracket="25-34")
    await store.close()
    fake_provider.default_reply("Hello from a real process.")
    env = {
        **os.environ,
        "DISCORD_TOKEN": fake_discord.token,
        "DISCORD_API_BASE": fake_discord.rest_base,
        "DISCORD_GATEWAY_URL": fake_discord.gateway_url,
        "OPENAI_BASE_URL": fake_provider.base_url,
        "OPENAI_API_KEY": "sk-test-secret-never-logged",
        "OS1_MODEL": "os1-test-model",
        "OS1_DATABASE": str(db),
        "OS1_LOG_LEVEL": "INFO",
    }
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "--env-file", str(tmp_path / "none.env"), "run",
        env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    try:
        await fake_discord.wait_until_connected(timeout=30)
        sent = await fake_discord.user_dms(user["id"], "are you a separate process?")
        reply = await fake_discord.wait_for_message(
            sent["channel_id"], lambda m: m["content"] == "Hello from a real process.", timeout=30)
        assert reply["content"] == "Hello from a real process."
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            out, _ = await asyncio.wait_for(proc.communicate(), 20)
        except TimeoutError:
            proc.kill()
            out, _ = await proc.communicate()
    log = out.decode(errors="replace")
    assert fake_discord.token not in log and "sk-test-secret-never-logged" not in log
    assert "Traceback" not in log, log[-2000:]


async def test_run_without_token_explains_itself(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "--env-file", str(tmp_path / "none.env"), "run",
        env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == 2
    text = err.decode()
    assert "DISCORD_TOKEN" in text and ".env" in text and "Traceback" not in text
