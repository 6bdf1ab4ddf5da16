"""`import_archive`: read an archive in a worker thread, batch by batch, into a sink, all or
nothing, with progress a person can watch.

The event loop never parses: each batch (parse, dedup-key hashing, sampling) is produced by
`asyncio.to_thread`, and the loop only hands batches to the sink and reports progress.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from bot.core.archive.keyset import KeySet
from bot.core.archive.model import DEFAULT_LIMITS, ArchiveError, ArchiveItem, ArchiveLimits
from bot.core.archive.reader import iter_items
from bot.core.archive.reflection import ReflectionSample
from bot.core.archive.streams import ReadMeter

log = logging.getLogger(__name__)


class ArchiveSink(Protocol):
    """Where imported items go. The sink de-duplicates by `ArchiveItem.dedup_key()` across
    imports; `add_batch` returns how many of the batch were new. Everything between `begin`
    and `commit` must disappear on `rollback`, so a failed import leaves nothing behind."""

    async def begin(self) -> None: ...

    async def add_batch(self, items: Sequence[ArchiveItem]) -> int: ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...


@dataclass(frozen=True)
class Progress:
    """A snapshot of an import in flight (or, with finished=True, done)."""

    done_bytes: int
    total_bytes: int
    items: int  # new items stored so far
    duplicates: int  # items skipped as already seen (in this archive or an earlier one)
    finished: bool = False

    @property
    def fraction(self) -> float:
        if self.finished:
            return 1.0
        if self.total_bytes <= 0:
            return 0.0
        return min(1.0, self.done_bytes / self.total_bytes)

    def bar(self, width: int = 20) -> str:
        """ "▓▓▓▓░░░░ 42% · 12,345 items · 37 duplicates"."""
        filled = min(width, int(self.fraction * width))
        percent = int(self.fraction * 100)
        items = f"{self.items:,} item" + ("" if self.items == 1 else "s")
        dups = f"{self.duplicates:,} duplicate" + ("" if self.duplicates == 1 else "s")
        return f"{'▓' * filled}{'░' * (width - filled)} {percent}% · {items} · {dups}"


@dataclass(frozen=True)
class ImportResult:
    items: int  # new items the sink stored
    duplicates: int  # within this archive plus already known to the sink
    sources: dict[str, int]  # items read per source (file, or member of a zip)
    seconds: float
    read: int = 0  # items read from the archive, duplicates included
    sample: ReflectionSample = field(default_factory=ReflectionSample, compare=False)


ProgressCallback = Callable[[Progress], Awaitable[None]]


class _BatchReader:
    """Runs in the worker thread (one call at a time): pulls items, drops the ones already
    seen in this import, and feeds the reflection sample. Dedup keys are kept as 64-bit
    prefixes of the sha256 in a KeySet (under 30 bytes a key; a chance collision among a
    million keys is about 1 in 30 million)."""

    def __init__(self, items: Iterator[ArchiveItem], batch_size: int, sample_size: int) -> None:
        self._items = items
        self._batch_size = batch_size
        self._seen = KeySet()
        self.sample = ReflectionSample(sample_size)
        self.sources: Counter[str] = Counter()
        self.read = 0
        self.within_duplicates = 0

    def next_batch(self) -> list[ArchiveItem] | None:
        fresh: list[ArchiveItem] = []
        for item in self._items:
            self.read += 1
            self.sources[item.source] += 1
            if self._seen.add(int(item.dedup_key()[:16], 16)):
                self.sample.add(item)
                fresh.append(item)
            else:
                self.within_duplicates += 1
            if len(fresh) >= self._batch_size:
                return fresh
        return fresh or None

    def close(self) -> None:
        close = getattr(self._items, "close", None)
        if close is None:
            return
        try:
            close()
        except ValueError:  # still running in a worker thread after a cancel; it ends there
            log.debug("archive reader still busy at close; it will be collected")


async def import_archive(
    path: Path | str,
    *,
    filename: str | None = None,
    sink: ArchiveSink,
    on_progress: ProgressCallback | None = None,
    progress_interval_s: float = 1.0,
    batch_size: int = 500,
    limits: ArchiveLimits = DEFAULT_LIMITS,
    sample_size: int = 60,
) -> ImportResult:
    """Import every item of an archive into `sink` in one transaction.

    Progress goes to `on_progress` at most once per `progress_interval_s`, plus once at the end
    (finished=True); a failing progress callback is logged and does not stop the import. On
    any failure the sink is rolled back and an ArchiveError is raised: the reader's own (which
    names the file and the problem) or, for anything unexpected, a kind one (the original is
    logged). Cancellation rolls back too and propagates as CancelledError.
    """
    if batch_size <= 0:
        raise ValueError("batch_size must be positive")
    label = filename or Path(path).name
    meter = ReadMeter()
    reader = _BatchReader(
        iter_items(path, filename=filename, limits=limits, meter=meter), batch_size, sample_size
    )
    started = time.monotonic()
    last_report = started
    stored = 0
    sink_duplicates = 0
    began = False

    def snapshot(finished: bool = False) -> Progress:
        total = max(meter.total_bytes, meter.done_bytes)
        return Progress(
            done_bytes=total if finished else meter.done_bytes,
            total_bytes=total,
            items=stored,
            duplicates=reader.within_duplicates + sink_duplicates,
            finished=finished,
        )

    try:
        await sink.begin()
        began = True
        while (batch := await asyncio.to_thread(reader.next_batch)) is not None:
            new = await sink.add_batch(batch)
            if not 0 <= new <= len(batch):
                log.warning("sink reported %r new items for a batch of %d", new, len(batch))
                new = max(0, min(new, len(batch)))
            stored += new
            sink_duplicates += len(batch) - new
            now = time.monotonic()
            if on_progress is not None and now - last_report >= progress_interval_s:
                last_report = now
                await _report(on_progress, snapshot())
        await sink.commit()
    except asyncio.CancelledError:
        log.info("import of %s cancelled; rolling back", label)
        await _rollback(sink, began)
        raise
    except ArchiveError as exc:
        log.info("import of %s failed: %s", label, exc)
        await _rollback(sink, began)
        raise
    except Exception as exc:
        log.exception("import of %s failed unexpectedly", label)
        await _rollback(sink, began)
        raise ArchiveError(
            f"Something went wrong on my side while I was reading {label}, so I didn't keep "
            "any of it. It isn't your file's fault as far as I can tell; please try again in a "
            "little while."
        ) from exc
    finally:
        reader.close()
    if on_progress is not None:
        await _report(on_progress, snapshot(finished=True))
    result = ImportResult(
        items=stored,
        duplicates=reader.within_duplicates + sink_duplicates,
        sources=dict(reader.sources),
        seconds=time.monotonic() - started,
        read=reader.read,
        sample=reader.sample,
    )
    log.info(
        "imported %s: %d new, %d duplicates, %d read in %.1fs",
        label,
        result.items,
        result.duplicates,
        result.read,
        result.seconds,
    )
    return result


async def _report(on_progress: ProgressCallback, progress: Progress) -> None:
    try:
        await on_progress(progress)
    except asyncio.CancelledError:
        raise
    except Exception:
        log.warning("progress callback failed; the import goes on", exc_info=True)


async def _rollback(sink: ArchiveSink, began: bool) -> None:
    if not began:
        return
    try:
        await sink.rollback()
    except Exception:
        log.exception("rollback after a failed import failed too")
