"""Reading a person's archive — notes, chat exports, a Discord data package — as a stream of
items, in bounded memory, and importing it into a sink all or nothing.

    items = iter_items("package.zip")                     # sync, streaming
    result = await import_archive(path, filename=..., sink=store_sink, on_progress=show)

Pure Python (ijson for streaming JSON); no discord, no openai.
"""

from bot.core.archive.detect import detect_format
from bot.core.archive.importer import ArchiveSink, ImportResult, Progress, import_archive
from bot.core.archive.model import (
    ArchiveError,
    ArchiveFormat,
    ArchiveItem,
    ArchiveLimits,
    parse_timestamp,
    split_text,
)
from bot.core.archive.reader import SUPPORTED, iter_items
from bot.core.archive.reflection import ReflectionSample, summarize_for_reflection
from bot.core.archive.streams import ReadMeter

__all__ = [
    "SUPPORTED",
    "ArchiveError",
    "ArchiveFormat",
    "ArchiveItem",
    "ArchiveLimits",
    "ArchiveSink",
    "ImportResult",
    "Progress",
    "ReadMeter",
    "ReflectionSample",
    "detect_format",
    "import_archive",
    "iter_items",
    "parse_timestamp",
    "split_text",
    "summarize_for_reflection",
]
