"""`os1`: run the bot, chat in the terminal, check the set-up, evaluate, report."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from collections.abc import Sequence

from bot.settings import Settings, SettingsError

log = logging.getLogger("os1")


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.load(env_file=args.env_file)


async def _run(args: argparse.Namespace) -> int:
    from bot.app.client import OS1Bot
    from bot.app.endpoints import point_discord_at
    from bot.logs import setup_logging
    from bot.services import build_services

    settings = _settings(args)
    token = settings.require_token()
    setup_logging(settings.log_level, [token, settings.openai_api_key.get()])
    point_discord_at(settings.discord_api_base, settings.discord_gateway_url)
    async with build_services(settings) as services:
        bot = OS1Bot(services, sync_commands=args.sync)
        async with bot:
            try:
                await bot.start(token)
            except Exception as exc:
                import discord

                if isinstance(exc, discord.LoginFailure):
                    raise SettingsError(
                        "Discord rejected DISCORD_TOKEN. Reset the token on the Bot page and "
                        "update .env.") from None
                if isinstance(exc, discord.PrivilegedIntentsRequired):
                    raise SettingsError(
                        "Enable the MESSAGE CONTENT intent on the Bot page of your application "
                        "(Privileged Gateway Intents), then run again.") from None
                raise
    return 0


async def _chat(args: argparse.Namespace) -> int:
    from bot.logs import setup_logging
    from bot.services import build_services
    from bot.terminal import chat_loop

    settings = _settings(args)
    # The terminal is the conversation: only errors may interrupt it.
    setup_logging("ERROR", [settings.openai_api_key.get()])
    async with build_services(settings) as services:
        await chat_loop(services, args.user, args.name)
    return 0


async def _doctor(args: argparse.Namespace) -> int:
    from bot.doctor import run_checks

    settings = _settings(args)
    results = await run_checks(settings)
    width = max(len(r.name) for r in results)
    for r in results:
        print(f"{'ok ' if r.ok else 'BAD'}  {r.name.ljust(width)}  {r.detail}")
    bad = [r for r in results if not r.ok and r.required]
    print("\nVerdict: " + ("ready to run." if not bad else f"{len(bad)} problem(s) to fix above."))
    return 0 if not bad else 1


async def _db(args: argparse.Namespace) -> int:
    from bot.store.db import Database

    settings = _settings(args)
    db = await Database.open(settings.database, migrate=args.action == "migrate")
    try:
        print(json.dumps({"database": str(settings.database),
                          "version": await db.current_version()}))
    finally:
        await db.close()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="os1", description=__doc__)
    parser.add_argument("--env-file", default=".env", help="dotenv file to read (default .env)")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="connect to Discord and serve companions")
    run.add_argument("--sync", action="store_true", help="sync slash commands on start")
    run.set_defaults(func=_run)

    chat = sub.add_parser("chat", help="talk to your companion in the terminal")
    chat.add_argument("--user", type=int, default=1, help="local user id (default 1)")
    chat.add_argument("--name", default="you", help="what the companion calls you")
    chat.set_defaults(func=_chat)

    doctor = sub.add_parser("doctor", help="check the configuration")
    doctor.set_defaults(func=_doctor)

    db = sub.add_parser("db", help="database migrations")
    db.add_argument("action", choices=("migrate", "current"))
    db.set_defaults(func=_db)

    from bot.cli_extra import register

    register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return asyncio.run(args.func(args))
    except SettingsError as exc:
        print(f"os1: configuration problem: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
