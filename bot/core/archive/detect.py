"""Tell what kind of archive a file is from its name and its first bytes."""

from __future__ import annotations

import json
import logging
import re

from bot.core.archive.model import ArchiveFormat

log = logging.getLogger(__name__)

HEAD_BYTES = 8192

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_TEXT_EXT = (".txt", ".text", ".log")
_MARKDOWN_EXT = (".md", ".markdown", ".mdown")
_JSONL_EXT = (".jsonl", ".ndjson")
_BINARY_EXT = (
    ".pdf",
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".webp",
    ".mp3",
    ".mp4",
    ".mov",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".gz",
    ".tgz",
    ".tar",
    ".7z",
    ".rar",
    ".exe",
    ".html",
    ".htm",
)
_MD_HEADING = re.compile(rb"(?m)^#{1,6}[ \t]+\S")
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f]")


def detect_format(filename: str, head: bytes) -> ArchiveFormat:
    """Guess the format from a file name and up to the first few KB of its content.

    Content wins over the name where they disagree about zip; a JSON-looking `.txt` stays text.
    Returns ArchiveFormat.UNKNOWN for anything this package cannot read.
    """
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].lower()
    if head.startswith(_ZIP_MAGIC):
        return ArchiveFormat.ZIP
    if name.endswith(".zip") or name.endswith(_BINARY_EXT):
        return ArchiveFormat.UNKNOWN
    body = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    if b"\x00" in body[:1024] or len(_CONTROL.findall(body[:1024])) > 8:
        return ArchiveFormat.UNKNOWN
    stripped = body.lstrip()
    if stripped.startswith(b"ID,Timestamp,Contents"):
        return ArchiveFormat.DISCORD_CSV
    if name.endswith(_TEXT_EXT):
        return ArchiveFormat.TEXT
    if name.endswith(_MARKDOWN_EXT):
        return ArchiveFormat.MARKDOWN
    if name.endswith(_JSONL_EXT):
        return ArchiveFormat.JSONL
    if stripped.startswith(b"["):
        if name == "conversations.json" or b'"mapping"' in stripped:
            return ArchiveFormat.CHATGPT
        return ArchiveFormat.JSON
    if stripped.startswith(b"{"):
        if not name.endswith(".json") and _looks_like_jsonl(stripped):
            return ArchiveFormat.JSONL
        if b'"mapping"' in stripped and b'"messages"' not in stripped:
            return ArchiveFormat.CHATGPT
        return ArchiveFormat.JSON
    if name.endswith(".json"):
        # a .json file that does not start like JSON: let the JSON reader say what is wrong
        return ArchiveFormat.JSON
    if _MD_HEADING.search(body):
        return ArchiveFormat.MARKDOWN
    if "." not in name or _decodes_as_text(body):
        return ArchiveFormat.TEXT
    return ArchiveFormat.UNKNOWN


def _looks_like_jsonl(head: bytes) -> bool:
    first, sep, rest = head.partition(b"\n")
    if not sep or not rest.strip():
        return False
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False


def _decodes_as_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # a multi-byte character cut at the end of the head is still text
        return exc.start >= len(head) - 3
    return True
