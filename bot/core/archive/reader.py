"""`iter_items`: any supported archive in, ArchiveItems out, streamed and bounded."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from bot.core.archive.chat import iter_json_chat, iter_jsonl
from bot.core.archive.datapackage import (
    is_discord_package,
    iter_discord_csv,
    iter_discord_package,
    plan_discord_package,
    selected_members,
)
from bot.core.archive.detect import HEAD_BYTES, detect_format
from bot.core.archive.model import (
    DEFAULT_LIMITS,
    ArchiveError,
    ArchiveFormat,
    ArchiveItem,
    ArchiveLimits,
    human_bytes,
)
from bot.core.archive.streams import (
    Container,
    FolderContainer,
    Member,
    ReadMeter,
    ZipContainer,
    check_members,
    open_counted,
    open_counted_file,
    peek,
)
from bot.core.archive.text import iter_text_items

log = logging.getLogger(__name__)

SUPPORTED = (
    "plain text (.txt), markdown (.md), JSON or JSON Lines chat exports, ChatGPT's "
    "conversations.json (or its export .zip) and Discord data packages (.zip)"
)
_MEMBER_EXT = (".txt", ".md", ".markdown", ".json", ".jsonl", ".ndjson", ".csv")


def iter_items(
    path: Path | str,
    *,
    filename: str | None = None,
    limits: ArchiveLimits = DEFAULT_LIMITS,
    meter: ReadMeter | None = None,
) -> Iterator[ArchiveItem]:
    """Yield every item in an archive file or an extracted folder, in file order.

    `filename` is the name the person uploaded (used for detection and in messages; defaults
    to the path's name). `meter`, when given, is kept up to date with bytes read and expected.
    Raises ArchiveError, written for a person, for anything unreadable or over a limit.
    """
    path = Path(path)
    label = filename or path.name
    meter = meter if meter is not None else ReadMeter()
    for count, item in enumerate(_iter_all(path, label, limits, meter), start=1):
        if count > limits.max_items:
            raise ArchiveError(
                f"{label} holds more than {limits.max_items:,} items; I can read up to "
                f"{limits.max_items:,} from one archive. Could you split it and send the parts?"
            )
        yield item


def _iter_all(
    path: Path, label: str, limits: ArchiveLimits, meter: ReadMeter
) -> Iterator[ArchiveItem]:
    if path.is_dir():
        yield from _iter_container(FolderContainer(path, label, limits), limits, meter)
        return
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError as exc:
        raise ArchiveError(f"I couldn't open {label}: {exc.strerror or exc}.") from exc
    if size > limits.max_file_bytes:
        raise ArchiveError(
            f"{label} is {human_bytes(size)}; I can read archives up to "
            f"{human_bytes(limits.max_file_bytes)}."
        )
    if size == 0:
        raise ArchiveError(f"{label} is empty.")
    fmt = detect_format(label, head)
    if fmt is ArchiveFormat.ZIP:
        container = ZipContainer(path, label, limits)
        try:
            yield from _iter_container(container, limits, meter)
        finally:
            container.close()
        return
    if fmt is ArchiveFormat.UNKNOWN:
        if label.lower().endswith(".zip"):
            raise ArchiveError(f"{label} is named like a zip, but it isn't a zip archive.")
        raise ArchiveError(f"I can't read {label}. I understand {SUPPORTED}.")
    meter.total_bytes = size
    with open_counted_file(path, meter) as stream:
        yield from parse_stream(fmt, stream, source=label, where=label, limits=limits)


def parse_stream(
    fmt: ArchiveFormat,
    stream: BinaryIO,
    *,
    source: str,
    where: str,
    limits: ArchiveLimits,
) -> Iterator[ArchiveItem]:
    """Items from one stream whose format is known."""
    if fmt in (ArchiveFormat.TEXT, ArchiveFormat.MARKDOWN):
        yield from iter_text_items(
            stream, source=source, markdown=fmt is ArchiveFormat.MARKDOWN, limits=limits
        )
    elif fmt in (ArchiveFormat.JSON, ArchiveFormat.CHATGPT):
        yield from iter_json_chat(stream, source=source, where=where, limits=limits)
    elif fmt is ArchiveFormat.JSONL:
        yield from iter_jsonl(stream, source=source, where=where, limits=limits)
    elif fmt is ArchiveFormat.DISCORD_CSV:
        yield from iter_discord_csv(stream, source=source, where=where, context="", limits=limits)
    else:
        raise ArchiveError(f"I can't read {where}. I understand {SUPPORTED}.")


def _iter_container(
    container: Container, limits: ArchiveLimits, meter: ReadMeter
) -> Iterator[ArchiveItem]:
    members = container.members()
    if is_discord_package(members):
        index, channels = plan_discord_package(members)
        meter.total_bytes = check_members(container, selected_members(index, channels), limits)
        log.info("reading Discord package %s: %d channels", container.label, len(channels))
        yield from iter_discord_package(container, index, channels, meter=meter, limits=limits)
        return
    chosen = _generic_members(members)
    if not chosen:
        raise ArchiveError(
            f"I didn't find anything I can read in {container.label}. I understand {SUPPORTED}."
        )
    meter.total_bytes = check_members(container, chosen, limits)
    read_any = False
    for member in chosen:
        with open_counted(container, member, meter, limits) as stream:
            fmt = detect_format(member.name, peek(stream, HEAD_BYTES))
            if not _worth_reading(member.name, fmt, peek(stream, HEAD_BYTES)):
                log.info("skipping %s in %s: not a format I read", member.name, container.label)
                continue
            read_any = True
            yield from parse_stream(
                fmt,
                stream,
                source=member.name,
                where=f"{member.name} in {container.label}",
                limits=limits,
            )
    if not read_any:
        raise ArchiveError(
            f"I didn't find anything I can read in {container.label}. I understand {SUPPORTED}."
        )


def _generic_members(members: list[Member]) -> list[Member]:
    """A ChatGPT export zip is read for conversations.json alone (its other JSON files are
    settings and feedback); any other zip or folder for its text, markdown and JSON files."""
    conversations = [m for m in members if m.name.rsplit("/", 1)[-1] == "conversations.json"]
    if conversations:
        return conversations
    return [m for m in members if m.name.lower().endswith(_MEMBER_EXT) and m.size > 0]


def _worth_reading(name: str, fmt: ArchiveFormat, head: bytes) -> bool:
    """Inside a zip or folder, skip what is not chat or notes (settings JSON, other CSVs)
    instead of failing the whole import on it."""
    if fmt in (ArchiveFormat.UNKNOWN, ArchiveFormat.ZIP):
        return False
    if name.lower().endswith(".csv"):
        return fmt is ArchiveFormat.DISCORD_CSV
    if fmt is ArchiveFormat.JSON and head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return b'"messages"' in head or b'"mapping"' in head
    return True
