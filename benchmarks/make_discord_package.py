"""Build a realistic, synthetic Discord data package ("Request all of my data") as a zip.

    python benchmarks/make_discord_package.py OUT.zip --mb 50 [--seed 7]

Deterministic for a given seed and size (fixed zip timestamps, seeded random). Layout:
account/user.json, servers/index.json + servers/<id>/guild.json, a small activity/analytics
file (not messages: the importer must skip it), and messages/index.json with many channels:
DMs, group DMs and server channels, sized heavy-tailed like real histories. About a third are
older-style channels (`messages/<id>/messages.csv`), the rest newer (`messages/c<id>/messages.json`).
Message texts vary: chat, questions, feelings, plans, links, mentions, emoji, code, multi-line
and the occasional 2,000+ character rant; some carry only an attachment; a small share repeats
an earlier message exactly (as overlapping exports do), so de-duplication has work to do.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import logging
import random
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

log = logging.getLogger(__name__)

DISCORD_EPOCH_MS = 1_420_070_400_000
ZIP_TIME = (2024, 6, 1, 12, 0, 0)

NAMES = [
    "alice",
    "bram",
    "chioma",
    "dev",
    "elif",
    "farah",
    "gus",
    "hana",
    "ivo",
    "jun",
    "kasia",
    "lior",
    "mateo",
    "nia",
    "oskar",
    "priya",
    "quinn",
    "rosa",
    "sven",
    "tariq",
    "uma",
    "vik",
]
GUILDS = [
    "Book Club",
    "Night Owls",
    "Climbing Crew",
    "Lisbon Flatmates",
    "Rust Learners",
    "Film Nerds",
    "Plant Parents",
    "Study Group 2B",
    "Choir",
    "Indie Devs",
]
CHANNELS = [
    "general",
    "random",
    "off-topic",
    "memes",
    "help",
    "voice-chat",
    "announcements",
    "books",
    "photos",
    "planning",
    "music",
    "vent",
]
_WORD_TEXT = """
the a to and I you it is that of in was for on my this with just so but not have be
like what at do are all if me we get can one out up about your time really know think
going good day today tomorrow night morning work home tired happy sad weird fun busy
late early again still maybe probably actually honestly literally kinda pretty super
coffee tea dinner lunch train bus rain sun weekend monday friday movie book song game
class exam boss meeting project deadline cat dog mom dad sister brother friend party
walk run climb gym sleep dream message call text photo trip plan idea problem question
"""
WORDS = _WORD_TEXT.split()
FEELINGS = [
    "tired",
    "excited",
    "anxious",
    "happy",
    "lonely",
    "grateful",
    "stressed",
    "calm",
    "hopeful",
    "overwhelmed",
    "proud",
    "bored",
    "nervous",
    "relieved",
]
REASONS = [
    "work has been a lot",
    "I finally slept well",
    "the exam is on friday",
    "my sister is visiting",
    "it's been raining all week",
    "I got the job",
    "my cat knocked over the plant again",
    "we're moving next month",
    "I haven't talked to anyone all day",
    "the project shipped",
]
SHORT = [
    "lol",
    "lmao",
    "ok",
    "okay!",
    "yes",
    "nope",
    "same",
    "haha",
    "omg",
    "true",
    "brb",
    "gn",
    "ty!",
    "wait what",
    "good luck!!",
    "😂",
    "❤️",
    "👀",
    "fair",
    "sure thing",
]
EMOJI = ["😂", "🥲", "❤️", "🙏", "😭", "✨", "🔥", "👍", "🤔", "😴", ":)", ":D", "<3"]
LINKS = [
    "https://youtu.be/dQw4w9WgXcQ",
    "https://en.wikipedia.org/wiki/Her_(film)",
    "https://github.com/Rapptz/discord.py",
    "https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC",
]
FILES = ["IMG_2041.jpg", "screenshot.png", "notes.pdf", "voice-message.ogg", "meme.gif"]


class TextMaker:
    """Seeded generator of varied, chat-like message texts."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def sentence(self) -> str:
        rng = self.rng
        n = min(28, 3 + int(rng.expovariate(1 / 7)))
        words = [rng.choice(WORDS) for _ in range(n)]
        end = rng.choice([".", ".", "!", "?", "", "..."])
        return " ".join(words).capitalize() + end

    def message(self) -> str:
        rng = self.rng
        kind = rng.random()
        if kind < 0.22:
            return rng.choice(SHORT)
        if kind < 0.55:
            return self.sentence()
        if kind < 0.65:
            return f"I'm feeling {rng.choice(FEELINGS)} today because {rng.choice(REASONS)}"
        if kind < 0.72:
            return f"<@{rng.randrange(10**17, 10**18)}> {self.sentence()} {rng.choice(EMOJI)}"
        if kind < 0.77:
            return f"{self.sentence()} {rng.choice(LINKS)}"
        if kind < 0.80:
            code = "\n".join(f"    {rng.choice(WORDS)} = {rng.randrange(100)}" for _ in range(3))
            return f"why does this not work\n```py\n{code}\n```"
        if kind < 0.95:
            return "\n".join(self.sentence() for _ in range(rng.randint(2, 5)))
        if kind < 0.999:
            return " ".join(self.sentence() for _ in range(rng.randint(4, 12)))
        return " ".join(self.sentence() for _ in range(rng.randint(150, 250)))


def snowflake(rng: random.Random, when: datetime) -> int:
    ms = int(when.timestamp() * 1000) - DISCORD_EPOCH_MS
    return (ms << 22) | rng.randrange(1 << 22)


def _member(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    zf.writestr(info, data)


def _channel_messages(
    rng: random.Random, maker: TextMaker, count: int
) -> list[tuple[int, str, str, str]]:
    """(id, timestamp, contents, attachments) for one channel, newest first like Discord."""
    when = datetime(2017, 1, 1, tzinfo=UTC) + timedelta(days=rng.uniform(0, 2400))
    rows: list[tuple[int, str, str, str]] = []
    for _ in range(count):
        when += timedelta(seconds=rng.expovariate(1 / 5400))
        if rows and rng.random() < 0.002:  # an exact repeat of an earlier message
            rows.append(rows[rng.randrange(len(rows))])
            continue
        if rng.random() < 0.05:
            text, attachment = "", f"https://cdn.discordapp.com/attachments/1/2/{rng.choice(FILES)}"
        else:
            text, attachment = maker.message(), ""
        rows.append((snowflake(rng, when), when.strftime("%Y-%m-%d %H:%M:%S"), text, attachment))
    rows.reverse()
    return rows


def build_package(out: Path, *, mb: float, seed: int = 7) -> dict[str, int]:
    """Write the package; returns counts (channels, messages) for the caller to print."""
    rng = random.Random(seed)
    maker = TextMaker(rng)
    target = int(mb * 1024 * 1024)
    guild_ids = {name: 700_000_000_000_000_000 + i for i, name in enumerate(GUILDS)}
    index: dict[str, str | None] = {}
    stats = {"channels": 0, "messages": 0, "json_channels": 0, "csv_channels": 0}
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as zf:
        user = {"id": "123456789012345678", "username": "samantha_fan", "global_name": "Theo"}
        _member(zf, "account/user.json", json.dumps(user, indent=2).encode())
        _member(
            zf, "servers/index.json", json.dumps({str(v): k for k, v in guild_ids.items()}).encode()
        )
        for name, gid in guild_ids.items():
            _member(
                zf, f"servers/{gid}/guild.json", json.dumps({"id": str(gid), "name": name}).encode()
            )
        events = "\n".join(
            json.dumps(
                {
                    "event_type": rng.choice(["app_opened", "click_landing", "voice_join"]),
                    "timestamp": f"2023-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}T10:00:00Z",
                    "client_id": rng.randrange(10**9),
                }
            )
            for _ in range(max(100, target // 2000))
        )
        _member(zf, "activity/analytics/events-2023-00000-of-00001.json", events.encode())
        channel_id = 800_000_000_000_000_000
        while raw.tell() < target:
            channel_id += rng.randrange(1, 10**12)
            count = max(1, min(60_000, int(rng.paretovariate(1.1) * 40)))
            if stats["messages"] > 1000:  # do not overshoot the target with one huge channel
                per_message = raw.tell() / stats["messages"]
                count = max(1, min(count, int((target - raw.tell()) / per_message) + 1))
            kind = rng.random()
            info: dict[str, object]
            if kind < 0.45:
                friend = rng.choice(NAMES)
                info = {
                    "id": str(channel_id),
                    "type": 1,
                    "recipients": ["123456789012345678", str(rng.randrange(10**17, 10**18))],
                }
                index[str(channel_id)] = f"Direct Message with {friend}#{rng.randrange(10000):04d}"
            elif kind < 0.55:
                info = {
                    "id": str(channel_id),
                    "type": 3,
                    "name": f"{rng.choice(NAMES)}, {rng.choice(NAMES)} and me",
                }
                index[str(channel_id)] = None if rng.random() < 0.3 else str(info["name"])
            else:
                guild = rng.choice(GUILDS)
                info = {
                    "id": str(channel_id),
                    "type": 0,
                    "name": rng.choice(CHANNELS),
                    "guild": {"id": str(guild_ids[guild]), "name": guild},
                }
                index[str(channel_id)] = f"{info['name']} in {guild}"
            rows = _channel_messages(rng, maker, count)
            if rng.random() < 0.35:  # older package layout: no "c" prefix, CSV
                folder = f"messages/{channel_id}"
                buffer = io.StringIO()
                writer = csv.writer(buffer, lineterminator="\n")
                writer.writerow(["ID", "Timestamp", "Contents", "Attachments"])
                for row in rows:
                    writer.writerow([row[0], row[1] + ".000000+00:00", row[2], row[3]])
                _member(zf, f"{folder}/messages.csv", buffer.getvalue().encode())
                stats["csv_channels"] += 1
            else:
                folder = f"messages/c{channel_id}"
                body = json.dumps(
                    [
                        {"ID": r[0], "Timestamp": r[1], "Contents": r[2], "Attachments": r[3]}
                        for r in rows
                    ],
                    ensure_ascii=False,
                )
                _member(zf, f"{folder}/messages.json", body.encode())
                stats["json_channels"] += 1
            _member(zf, f"{folder}/channel.json", json.dumps(info).encode())
            stats["channels"] += 1
            stats["messages"] += len(rows)
        _member(zf, "messages/index.json", json.dumps(index, indent=2).encode())
    stats["zip_bytes"] = out.stat().st_size
    return stats


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="zip file to write")
    parser.add_argument("--mb", type=float, default=50.0, help="target zip size in MB")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    stats = build_package(args.out, mb=args.mb, seed=args.seed)
    print(json.dumps({"path": str(args.out), **stats}))


if __name__ == "__main__":
    main()
