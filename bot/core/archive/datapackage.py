"""Discord's "Request my data" package: messages the person sent, channel by channel.

Layouts handled (all inside a zip or an extracted folder, possibly under one top-level folder):
  messages/index.json                      {"<channel id>": "general in Book Club" | null, ...}
  messages/c<id>/channel.json              {"id", "type", "name"?, "guild"?: {"id", "name"}}
  messages/c<id>/messages.json             [{"ID", "Timestamp", "Contents", "Attachments"}, ...]
  messages/<id>/messages.csv               ID,Timestamp,Contents,Attachments   (older packages)
Every message in the package was written by the package's owner, so the author is "user".
Messages with no text (an attachment alone) are skipped.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from bot.core.archive.chat import first_char, json_values
from bot.core.archive.model import (
    ArchiveError,
    ArchiveItem,
    ArchiveLimits,
    make_items,
    parse_timestamp,
)
from bot.core.archive.streams import Container, Member, ReadMeter, open_counted

log = logging.getLogger(__name__)

_CHANNEL_FILE = re.compile(
    r"^(?P<root>(?:.*/)?)messages/(?P<dir>c?(?P<id>\d+))/"
    r"(?P<file>messages\.json|messages\.csv|channel\.json)$",
    re.IGNORECASE,
)
_INDEX = re.compile(r"^(?:.*/)?messages/index\.json$", re.IGNORECASE)
_CHANNEL_JSON_LIMIT = 1024 * 1024
_CSV_COLUMNS = ("ID", "Timestamp", "Contents", "Attachments")


@dataclass
class _Channel:
    channel_id: str
    info: Member | None = None
    data: list[Member] = field(default_factory=list)


def is_discord_package(members: list[Member]) -> bool:
    return any(
        (m := _CHANNEL_FILE.match(member.name)) and m.group("file").lower() != "channel.json"
        for member in members
    )


def plan_discord_package(members: list[Member]) -> tuple[Member | None, list[_Channel]]:
    """The index and the channels (sorted by id) that a package holds."""
    index: Member | None = None
    channels: dict[str, _Channel] = {}
    for member in members:
        if _INDEX.match(member.name):
            index = member if index is None or len(member.name) < len(index.name) else index
            continue
        match = _CHANNEL_FILE.match(member.name)
        if match is None:
            continue
        channel = channels.setdefault(match.group("id"), _Channel(match.group("id")))
        if match.group("file").lower() == "channel.json":
            channel.info = member
        else:
            channel.data.append(member)
    ordered = [channels[k] for k in sorted(channels, key=lambda c: (len(c), c)) if channels[k].data]
    for channel in ordered:
        channel.data.sort(key=lambda m: m.name)
    return index, ordered


def selected_members(index: Member | None, channels: list[_Channel]) -> list[Member]:
    chosen = [index] if index is not None else []
    for channel in channels:
        if channel.info is not None:
            chosen.append(channel.info)
        chosen.extend(channel.data)
    return chosen


def iter_discord_package(
    container: Container,
    index: Member | None,
    channels: list[_Channel],
    *,
    meter: ReadMeter,
    limits: ArchiveLimits,
) -> Iterator[ArchiveItem]:
    names = _read_index(container, index, meter, limits) if index is not None else {}
    for channel in channels:
        info = _read_channel_json(container, channel.info, meter, limits)
        context = channel_label(channel.channel_id, names.get(channel.channel_id), info)
        for member in channel.data:
            where = f"{member.name} in {container.label}"
            with open_counted(container, member, meter, limits) as stream:
                if member.name.lower().endswith(".csv"):
                    yield from iter_discord_csv(
                        stream, source=member.name, where=where, context=context, limits=limits
                    )
                else:
                    yield from iter_discord_json(
                        stream, source=member.name, where=where, context=context, limits=limits
                    )


def channel_label(channel_id: str, indexed: str | None, info: Mapping[str, Any]) -> str:
    """How the person would name the channel: index.json's name, else channel.json's."""
    if indexed:
        return indexed
    name = info.get("name") if isinstance(info.get("name"), str) else ""
    guild = info.get("guild")
    guild_name = guild.get("name") if isinstance(guild, Mapping) else None
    if name and isinstance(guild_name, str) and guild_name:
        return f"#{name} in {guild_name}"
    if name:
        return name
    if info.get("recipients") or info.get("type") in (1, "DM", "1"):
        return "a direct message"
    return f"channel {channel_id}"


def _read_index(
    container: Container, member: Member, meter: ReadMeter, limits: ArchiveLimits
) -> dict[str, str | None]:
    where = f"{member.name} in {container.label}"
    names: dict[str, str | None] = {}
    with open_counted(container, member, meter, limits) as stream:
        if first_char(stream) != b"{":
            log.warning("%s is not a JSON object; channel names come from channel.json", where)
            return names
        for pairs in json_values(stream, "", where=where):
            if isinstance(pairs, Mapping):
                for key, value in pairs.items():
                    names[str(key)] = value if isinstance(value, str) else None
    return names


def _read_channel_json(
    container: Container, member: Member | None, meter: ReadMeter, limits: ArchiveLimits
) -> Mapping[str, Any]:
    if member is None:
        return {}
    with open_counted(container, member, meter, limits) as stream:
        raw = stream.read(_CHANNEL_JSON_LIMIT + 1)
    if len(raw) > _CHANNEL_JSON_LIMIT:
        log.warning("%s is over 1 MB; ignoring it", member.name)
        return {}
    try:
        value = json.loads(raw.decode("utf-8-sig", errors="replace"))
    except ValueError:
        # only names come from here; a damaged channel.json costs a label, not the import
        log.warning("%s in %s is not valid JSON; ignoring it", member.name, container.label)
        return {}
    return value if isinstance(value, Mapping) else {}


def iter_discord_json(
    stream: BinaryIO,
    *,
    source: str,
    where: str,
    context: str,
    limits: ArchiveLimits,
) -> Iterator[ArchiveItem]:
    """One channel's messages.json: a list of {"ID", "Timestamp", "Contents", "Attachments"}."""
    start = first_char(stream)
    if start != b"[":
        if not start:
            return  # an empty file: a channel with nothing in it
        raise ArchiveError(f"{where} should be a list of messages, but it isn't.")
    for number, message in enumerate(json_values(stream, "item", where=where), start=1):
        if not isinstance(message, Mapping):
            continue
        text = message.get("Contents")
        if not isinstance(text, str) or not text.strip():
            continue
        yield from make_items(
            source=source,
            position=f"message {number}",
            timestamp=parse_timestamp(message.get("Timestamp")),
            author="user",
            text=text,
            context=context,
            max_chars=limits.max_item_chars,
        )


def iter_discord_csv(
    stream: BinaryIO, *, source: str, where: str, context: str, limits: ArchiveLimits
) -> Iterator[ArchiveItem]:
    """One channel's messages.csv from an older package (header ID,Timestamp,Contents,...)."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")
    reader = csv.reader(text)
    try:
        header = next(reader, None)
        if header is None:
            return
        columns = {name.strip().lower(): i for i, name in enumerate(header)}
        if "contents" not in columns:
            raise ArchiveError(
                f"{where} doesn't have the columns I expect ({', '.join(_CSV_COLUMNS)})."
            )
        at_text = columns["contents"]
        at_time = columns.get("timestamp")
        for number, row in enumerate(reader, start=1):
            if len(row) <= at_text or not row[at_text].strip():
                continue
            when = (
                parse_timestamp(row[at_time])
                if at_time is not None and at_time < len(row)
                else None
            )
            yield from make_items(
                source=source,
                position=f"message {number}",
                timestamp=when,
                author="user",
                text=row[at_text],
                context=context,
                max_chars=limits.max_item_chars,
            )
    except csv.Error as exc:
        raise ArchiveError(
            f"{where} has a broken row near line {reader.line_num:,} ({exc})."
        ) from exc
    finally:
        text.detach()
