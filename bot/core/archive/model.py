"""Values shared by every archive reader: items, limits, the error a person is shown."""

from __future__ import annotations

import hashlib
import logging
import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from bot.core.errors import UserInputError

log = logging.getLogger(__name__)

MB = 1024 * 1024


class ArchiveFormat(StrEnum):
    """What `detect_format` can tell a file is."""

    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"  # a list of chat messages, or an object with a "messages" list
    JSONL = "jsonl"
    CHATGPT = "chatgpt"  # conversations.json from a ChatGPT data export
    DISCORD_CSV = "discord_csv"  # one channel's messages.csv from an older Discord package
    ZIP = "zip"  # a Discord data package, or a zip of the formats above
    UNKNOWN = "unknown"


class ArchiveError(UserInputError):
    """A problem with an uploaded archive, in words meant for the person who uploaded it.

    The message names the file (and the member inside a zip) and says what is wrong and, where a
    limit is involved, what the limit is. It is safe to show as it is.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message, user_message=message)


@dataclass(frozen=True)
class ArchiveLimits:
    """Bounds that keep one upload from exhausting the bot's memory or disk."""

    max_file_bytes: int = 200 * MB
    max_zip_total_uncompressed: int = 2048 * MB
    # A member whose declared size is this many times its compressed size is treated as a bomb;
    # chat JSON and CSV compress 3-10x, so 100x leaves honest files a wide margin.
    max_compression_ratio: float = 100.0
    # Members smaller than this are never ratio-checked (a tiny empty-ish file can be 1000:1).
    ratio_check_min_bytes: int = 1 * MB
    max_zip_members: int = 200_000
    # A 50 MB Discord package holds about a million messages; 200 MB, about four.
    max_items: int = 5_000_000
    max_item_chars: int = 2_000

    def __post_init__(self) -> None:
        if self.max_item_chars < 100:
            raise ValueError("max_item_chars must be at least 100")
        if min(self.max_file_bytes, self.max_zip_total_uncompressed, self.max_items) <= 0:
            raise ValueError("archive limits must be positive")


DEFAULT_LIMITS = ArchiveLimits()


@dataclass(frozen=True)
class ArchiveItem:
    """One thing the user wrote or read: a message, a paragraph, a turn of a conversation."""

    source: str  # file name, or member path inside a zip
    position: str  # where in the source: "line 12", "message 345", "conversations[3].mapping[abc]"
    timestamp: datetime | None
    author: str  # "user", "assistant", or a name
    text: str
    context: str = ""  # channel name, conversation title, markdown headings; "" when none

    def dedup_key(self) -> str:
        """sha256 over normalized author, timestamp (Unix seconds) and text.

        Case and runs of whitespace in the author, Unicode form (NFC) and runs of whitespace in
        the text, and sub-second precision and time zone of the timestamp do not matter. So the
        same message exported twice (once in an older CSV package and once in a newer JSON one)
        gets the same key, and re-importing an archive adds nothing new. Stable across versions:
        stores keep these keys.
        """
        ts = ""
        if self.timestamp is not None:
            stamp = self.timestamp
            if stamp.tzinfo is None:
                stamp = stamp.replace(tzinfo=UTC)
            ts = str(math.floor(stamp.timestamp()))
        text = self.text if self.text.isascii() else unicodedata.normalize("NFC", self.text)
        text = " ".join(text.split())
        author = " ".join(self.author.split()).casefold()
        payload = f"{author}\x1f{ts}\x1f{text}".encode("utf-8", "surrogatepass")
        return hashlib.sha256(payload).hexdigest()


def clean_text(text: str) -> str:
    """Replace lone surrogates (JSON can spell them as "\\ud800") so the text encodes as UTF-8
    wherever it is stored next."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")
    return text


def make_items(
    *,
    source: str,
    position: str,
    timestamp: datetime | None,
    author: str,
    text: str,
    context: str,
    max_chars: int,
) -> list[ArchiveItem]:
    """One item, or several ("message 12, part 2") when the text is longer than max_chars.
    Text that is only whitespace gives none."""
    text, author, context = clean_text(text), clean_text(author), clean_text(context)
    if len(text) <= max_chars:
        stripped = text.strip()
        if not stripped:
            return []
        return [ArchiveItem(source, position, timestamp, author, stripped, context)]
    pieces = split_text(text, max_chars)
    return [
        ArchiveItem(source, f"{position}, part {n}", timestamp, author, piece, context)
        for n, piece in enumerate(pieces, start=1)
    ]


# --- helpers used by several readers -------------------------------------------------------


def human_bytes(n: int) -> str:
    """812 MB, 4.5 MB, 12 KB, 300 bytes — for messages to people."""
    if n >= MB:
        value = n / MB
        return f"{value:,.0f} MB" if value >= 10 else f"{value:,.1f} MB"
    if n >= 1024:
        return f"{n / 1024:,.0f} KB"
    return f"{n:,} bytes"


_EPOCH_MS_THRESHOLD = 100_000_000_000  # numbers above this are milliseconds, not seconds


def parse_timestamp(value: object) -> datetime | None:
    """ISO-8601 text (with or without zone, "Z" allowed) or Unix seconds/milliseconds -> UTC.

    Anything else gives None: a missing or odd timestamp never fails an import.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        seconds = float(value)
        if abs(seconds) > _EPOCH_MS_THRESHOLD:
            seconds /= 1000.0
        try:
            return datetime.fromtimestamp(seconds, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            try:
                return parse_timestamp(float(text))
            except ValueError:
                return None
        if parsed.tzinfo is None:
            return parsed.replace(tzinfo=UTC)
        return parsed.astimezone(UTC)
    return None


_BREAKS = (
    re.compile(r"\n\s*\n"),
    re.compile(r"\n"),
    re.compile(r"(?<=[.!?…])\s+"),
    re.compile(r"\s+"),
)


def split_text(text: str, max_chars: int) -> list[str]:
    """Split text into pieces of at most max_chars, preferring paragraph, line, sentence, word
    boundaries in that order; a run with no boundary at all is cut hard."""
    text = text.strip()
    if len(text) <= max_chars:
        return [text] if text else []
    pieces: list[str] = []
    rest = text
    while len(rest) > max_chars:
        window = rest[: max_chars + 1]
        cut = -1
        for pattern in _BREAKS:
            # the last boundary in the window that leaves a piece at least a third full
            for match in pattern.finditer(window):
                if match.start() >= max_chars // 3 and match.start() <= max_chars:
                    cut = match.start()
            if cut > 0:
                break
        if cut <= 0:
            cut = max_chars
        piece = rest[:cut].strip()
        if piece:
            pieces.append(piece)
        rest = rest[cut:].lstrip()
    if rest.strip():
        pieces.append(rest.strip())
    return pieces
