"""import_archive: batches into a sink, all or nothing, de-duplicated, with progress."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.core.archive import (
    ArchiveError,
    ArchiveItem,
    ArchiveLimits,
    Progress,
    ReflectionSample,
    import_archive,
    summarize_for_reflection,
)
from bot.core.archive import importer as importer_module


class MemorySink:
    """Dedups by key across imports; staged items vanish on rollback."""

    def __init__(self, *, fail_on_batch: int | None = None) -> None:
        self.stored: dict[str, ArchiveItem] = {}
        self.staged: dict[str, ArchiveItem] = {}
        self.calls: list[str] = []
        self.batches: list[int] = []
        self.fail_on_batch = fail_on_batch
        self.loop_threads: set[int] = set()

    async def begin(self) -> None:
        self.calls.append("begin")
        self.staged = {}

    async def add_batch(self, items: Sequence[ArchiveItem]) -> int:
        self.loop_threads.add(threading.get_ident())
        self.batches.append(len(items))
        if self.fail_on_batch is not None and len(self.batches) == self.fail_on_batch:
            raise RuntimeError("disk on fire")
        new = 0
        for item in items:
            key = item.dedup_key()
            if key not in self.stored and key not in self.staged:
                self.staged[key] = item
                new += 1
        return new

    async def commit(self) -> None:
        self.calls.append("commit")
        self.stored.update(self.staged)
        self.staged = {}

    async def rollback(self) -> None:
        self.calls.append("rollback")
        self.staged = {}


def chat_file(path: Path, count: int, *, repeat_every: int = 0) -> Path:
    messages = []
    for n in range(count):
        m = n - 1 if repeat_every and n and n % repeat_every == 0 else n
        messages.append(
            {
                "role": "user" if m % 2 else "assistant",
                "content": f"message {m}",
                "timestamp": 1_700_000_000 + m * 60,
            }
        )
    path.write_text(json.dumps(messages))
    return path


async def test_import_stores_items_and_reports_sources(tmp_path: Path) -> None:
    path = chat_file(tmp_path / "chat.json", 1200)
    sink = MemorySink()
    result = await import_archive(path, filename="chat.json", sink=sink, batch_size=500)
    assert (result.items, result.duplicates, result.read) == (1200, 0, 1200)
    assert result.sources == {"chat.json": 1200}
    assert sink.batches == [500, 500, 200]
    assert sink.calls == ["begin", "commit"]
    assert len(sink.stored) == 1200
    assert result.seconds >= 0
    positions = {i.position for i in sink.stored.values()}
    assert "message 1" in positions and "message 1200" in positions


async def test_duplicates_within_one_import_are_dropped(tmp_path: Path) -> None:
    path = chat_file(tmp_path / "chat.json", 1000, repeat_every=10)  # 99 exact repeats
    sink = MemorySink()
    result = await import_archive(path, sink=sink, batch_size=100)
    assert result.read == 1000
    assert result.items == 901
    assert result.duplicates == 99
    assert sum(sink.batches) == 901  # the sink never saw the repeats


async def test_reimport_adds_nothing_new(tmp_path: Path) -> None:
    path = chat_file(tmp_path / "chat.json", 300)
    sink = MemorySink()
    first = await import_archive(path, sink=sink)
    overlapping = chat_file(tmp_path / "later.json", 400)  # 300 old + 100 new
    second = await import_archive(overlapping, sink=sink)
    third = await import_archive(path, sink=sink)
    assert (first.items, first.duplicates) == (300, 0)
    assert (second.items, second.duplicates) == (100, 300)
    assert (third.items, third.duplicates) == (0, 300)
    assert len(sink.stored) == 400


async def test_sink_failure_mid_import_rolls_back(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = chat_file(tmp_path / "chat.json", 1000)
    sink = MemorySink(fail_on_batch=2)
    with caplog.at_level(logging.ERROR), pytest.raises(ArchiveError) as caught:
        await import_archive(path, filename="chat.json", sink=sink, batch_size=300)
    assert sink.calls == ["begin", "rollback"]
    assert sink.stored == {} and sink.staged == {}
    message = str(caught.value)
    assert "chat.json" in message and "didn't keep any of it" in message
    assert "disk on fire" not in message  # the detail goes to the log, not to the person
    assert isinstance(caught.value.__cause__, RuntimeError)
    assert any("disk on fire" in (r.exc_text or "") for r in caplog.records)


async def test_malformed_file_mid_import_rolls_back(tmp_path: Path) -> None:
    path = chat_file(tmp_path / "chat.json", 3000)
    path.write_bytes(path.read_bytes()[:-5000])  # cut off after ~2,900 messages
    sink = MemorySink()
    with pytest.raises(ArchiveError) as caught:
        await import_archive(path, sink=sink, batch_size=500)
    assert len(sink.batches) >= 2  # batches were handed over before the fault was found
    assert sink.calls == ["begin", "rollback"]
    assert sink.stored == {}
    assert str(caught.value).startswith("chat.json ends too early")


async def test_limit_error_rolls_back_and_keeps_its_message(tmp_path: Path) -> None:
    path = chat_file(tmp_path / "chat.json", 50)
    sink = MemorySink()
    with pytest.raises(ArchiveError, match="holds more than 20 items"):
        await import_archive(path, sink=sink, batch_size=5, limits=ArchiveLimits(max_items=20))
    assert sink.calls == ["begin", "rollback"]


async def test_cancel_rolls_back(tmp_path: Path) -> None:
    path = chat_file(tmp_path / "chat.json", 100)
    entered = asyncio.Event()

    class StuckSink(MemorySink):
        async def add_batch(self, items: Sequence[ArchiveItem]) -> int:
            entered.set()
            await asyncio.Event().wait()
            return 0

    sink = StuckSink()
    task = asyncio.create_task(import_archive(path, sink=sink))
    await entered.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert sink.calls == ["begin", "rollback"]


async def test_progress_is_reported_with_a_bar(tmp_path: Path) -> None:
    path = chat_file(tmp_path / "chat.json", 2000, repeat_every=100)
    reports: list[Progress] = []

    async def on_progress(progress: Progress) -> None:
        reports.append(progress)

    result = await import_archive(
        path, sink=MemorySink(), on_progress=on_progress, progress_interval_s=0, batch_size=250
    )
    assert len(reports) >= 8 + 1
    assert [r.done_bytes for r in reports] == sorted(r.done_bytes for r in reports)
    assert [r.items for r in reports] == sorted(r.items for r in reports)
    assert not reports[0].finished and reports[-1].finished
    final = reports[-1]
    assert final.done_bytes == final.total_bytes == path.stat().st_size
    assert final.bar() == (
        f"{'▓' * 20} 100% · {result.items:,} items · {result.duplicates} duplicates"
    )
    assert result.duplicates == 19


async def test_progress_is_throttled_but_always_final(tmp_path: Path) -> None:
    path = chat_file(tmp_path / "chat.json", 2000)
    reports: list[Progress] = []

    async def on_progress(progress: Progress) -> None:
        reports.append(progress)

    await import_archive(
        path, sink=MemorySink(), on_progress=on_progress, progress_interval_s=3600, batch_size=100
    )
    assert len(reports) == 1 and reports[0].finished


async def test_failing_progress_callback_does_not_stop_the_import(tmp_path: Path) -> None:
    path = chat_file(tmp_path / "chat.json", 100)

    async def broken(progress: Progress) -> None:
        raise RuntimeError("message was deleted")

    sink = MemorySink()
    result = await import_archive(
        path, sink=sink, on_progress=broken, progress_interval_s=0, batch_size=10
    )
    assert result.items == 100
    assert sink.calls == ["begin", "commit"]


def test_progress_bar_text() -> None:
    assert Progress(42, 100, 12_345, 37).bar(10) == "▓▓▓▓░░░░░░ 42% · 12,345 items · 37 duplicates"
    assert Progress(0, 0, 1, 1).bar(4) == "░░░░ 0% · 1 item · 1 duplicate"
    assert Progress(5, 10, 0, 0, finished=True).bar(4) == "▓▓▓▓ 100% · 0 items · 0 duplicates"


async def test_parsing_runs_off_the_event_loop_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loop_thread = threading.get_ident()
    parse_threads: set[int] = set()
    real_iter_items = importer_module.iter_items

    def spying(*args: object, **kwargs: object) -> Iterator[ArchiveItem]:
        for item in real_iter_items(*args, **kwargs):  # type: ignore[arg-type]
            parse_threads.add(threading.get_ident())
            yield item

    monkeypatch.setattr(importer_module, "iter_items", spying)
    sink = MemorySink()
    await import_archive(chat_file(tmp_path / "chat.json", 50), sink=sink, batch_size=10)
    assert parse_threads and loop_thread not in parse_threads
    assert sink.loop_threads == {loop_thread}


async def test_result_carries_a_reflection_sample(tmp_path: Path) -> None:
    path = chat_file(tmp_path / "chat.json", 500)
    result = await import_archive(path, sink=MemorySink(), sample_size=20)
    sample = result.sample
    assert len(sample.items) == 20 and sample.seen == 500
    assert sample.by_author == {"user": 250, "assistant": 250}
    assert sample.first == datetime.fromtimestamp(1_700_000_000, tz=UTC)
    assert sample.last == datetime.fromtimestamp(1_700_000_000 + 499 * 60, tz=UTC)
    text = summarize_for_reflection(sample, max_chars=1500)
    assert len(text) <= 1500
    assert text.startswith("I read 500 items from 1 place, written between 14 November 2023")
    assert "- 2023-11-1" in text


def test_reflection_sample_is_bounded_and_uniform_enough() -> None:
    sample = ReflectionSample(size=50, seed=3, max_sources=3)
    for n in range(10_000):
        sample.add(ArchiveItem(f"src{n % 5}", f"line {n}", None, "user", f"note {n}"))
    assert len(sample.items) == 50
    assert sum(sample.by_source.values()) == 10_000
    assert len(sample.by_source) == 4  # three named sources and "(other places)"
    positions = sorted(int(i.position.split()[1]) for i in sample.items)
    assert positions[0] < 2_500 and positions[-1] > 7_500  # drawn from the whole stream
    assert summarize_for_reflection(ReflectionSample()) == "I didn't find anything to read."
    short = summarize_for_reflection(sample, max_chars=60)
    assert len(short) <= 60
