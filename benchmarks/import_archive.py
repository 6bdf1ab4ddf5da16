"""Benchmark: import a Discord data package through `import_archive`, measuring speed and peak
memory.

    python benchmarks/import_archive.py [--mb 50] [--package PATH.zip] [--json] [--no-sqlite]

Builds a synthetic package (benchmarks/make_discord_package.py) in a temporary folder unless
--package is given. Each import runs in its own subprocess so that building the package does not
pollute the peak RSS (resource.getrusage ru_maxrss of that subprocess). Two sinks:
  count   counts what it is given and stores nothing (the reader's own cost);
  sqlite  writes every item into a temporary SQLite database with the stdlib sqlite3 module in a
          worker thread, de-duplicating on the item's dedup key (a stand-in for the real store).
Prints {"archive_mb", "items", "duplicates", "seconds", "items_per_s", "peak_rss_mb", ...} for the
count sink, with the sqlite run nested under "sqlite". Target: peak RSS under 200 MB at 50 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bot.core.archive import ArchiveItem, ArchiveLimits, ArchiveSink, Progress, import_archive

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent


class CountingSink:
    """Stores nothing: every item is 'new' (the importer has already removed repeats)."""

    def __init__(self) -> None:
        self.items = 0
        self.committed = False

    async def begin(self) -> None:
        self.items = 0

    async def add_batch(self, items: Sequence[ArchiveItem]) -> int:
        self.items += len(items)
        return len(items)

    async def commit(self) -> None:
        self.committed = True

    async def rollback(self) -> None:
        self.items = 0


class SqliteSink:
    """One transaction in a temporary SQLite file, written from a worker thread."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._conn: sqlite3.Connection | None = None

    def _open(self) -> None:
        conn = sqlite3.connect(self._path, check_same_thread=False, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute(
            "CREATE TABLE IF NOT EXISTS archive_items (dedup_key TEXT PRIMARY KEY, source TEXT, "
            "position TEXT, ts TEXT, author TEXT, text TEXT, context TEXT)"
        )
        conn.execute("BEGIN")
        self._conn = conn

    def _insert(self, items: Sequence[ArchiveItem]) -> int:
        assert self._conn is not None
        before = self._conn.total_changes
        self._conn.executemany(
            "INSERT OR IGNORE INTO archive_items VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    i.dedup_key(),
                    i.source,
                    i.position,
                    i.timestamp.isoformat() if i.timestamp else None,
                    i.author,
                    i.text,
                    i.context,
                )
                for i in items
            ],
        )
        return self._conn.total_changes - before

    def _finish(self, sql: str) -> None:
        assert self._conn is not None
        self._conn.execute(sql)
        self._conn.close()
        self._conn = None

    async def begin(self) -> None:
        await asyncio.to_thread(self._open)

    async def add_batch(self, items: Sequence[ArchiveItem]) -> int:
        return await asyncio.to_thread(self._insert, items)

    async def commit(self) -> None:
        await asyncio.to_thread(self._finish, "COMMIT")

    async def rollback(self) -> None:
        if self._conn is not None:
            await asyncio.to_thread(self._finish, "ROLLBACK")


def _rss_mb() -> float:
    """Peak resident memory of this process in MB.

    /proc/self/status VmHWM is the high-water mark of this process image; ru_maxrss is the
    fallback, but on Linux it carries over the parent's peak through fork and exec, which
    would charge this run for the memory the parent used to build the package."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KB


async def _run_child(package: Path, sink_kind: str, batch_size: int) -> dict[str, object]:
    baseline = _rss_mb()
    reports: list[Progress] = []

    async def on_progress(progress: Progress) -> None:
        reports.append(progress)
        log.info("%s", progress.bar())

    with tempfile.TemporaryDirectory() as tmp:
        store = None
        if sink_kind == "store":
            # The real path of `/companion import`: our store (FTS5 index, dedup, import tags).
            from bot.core.clock import SystemClock
            from bot.core.library import StoreArchiveSink
            from bot.store import Store

            store = await Store.open(Path(tmp) / "os1.db")
            sink: ArchiveSink = StoreArchiveSink(store, 1, "theo", SystemClock())
        elif sink_kind == "sqlite":
            sink = SqliteSink(Path(tmp) / "bench.db")
        else:
            sink = CountingSink()
        started = time.perf_counter()
        result = await import_archive(
            package,
            filename=package.name,
            sink=sink,
            on_progress=on_progress,
            batch_size=batch_size,
            limits=ArchiveLimits(),
        )
        seconds = time.perf_counter() - started
        if store is not None:
            await store.close()
    return {
        "sink": sink_kind,
        "archive_mb": round(package.stat().st_size / (1024 * 1024), 1),
        "items": result.items,
        "read": result.read,
        "duplicates": result.duplicates,
        "sources": len(result.sources),
        "seconds": round(seconds, 2),
        "items_per_s": round(result.read / seconds) if seconds else None,
        "peak_rss_mb": round(_rss_mb(), 1),
        "baseline_rss_mb": round(baseline, 1),
        "progress_reports": len(reports),
        "last_bar": reports[-1].bar() if reports else "",
    }


def _measure(package: Path, sink_kind: str, batch_size: int) -> dict[str, object]:
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        sink_kind,
        "--package",
        str(package),
        "--batch-size",
        str(batch_size),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"import run ({sink_kind}) failed:\n{done.stderr}")
    run: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return run


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="size of the package to build")
    parser.add_argument("--package", type=Path, help="an existing package zip to import")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--json", action="store_true", help="print one JSON object only")
    parser.add_argument("--no-sqlite", action="store_true", help="skip the SQLite sink run")
    parser.add_argument("--child", choices=["count", "sqlite", "store"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        print(json.dumps(asyncio.run(_run_child(args.package, args.child, args.batch_size))))
        return

    with tempfile.TemporaryDirectory() as tmp:
        package = args.package
        if package is None:
            package = Path(tmp) / "discord-package.zip"
            started = time.perf_counter()
            maker = [sys.executable, str(HERE / "make_discord_package.py"), str(package)]
            built = subprocess.run(
                [*maker, "--mb", str(args.mb), "--seed", str(args.seed)],
                capture_output=True,
                text=True,
                check=False,
            )
            if built.returncode != 0:
                raise SystemExit(f"building the package failed:\n{built.stderr}")
            if not args.json:
                took = time.perf_counter() - started
                print(f"built {package.name}: {built.stdout.strip()} in {took:.1f}s")
        result = _measure(package, "count", args.batch_size)
        if not args.no_sqlite:
            result["store"] = _measure(package, "store", args.batch_size)
    if args.json:
        print(json.dumps(result))
        return
    for run in [result, result.get("store")]:
        if not isinstance(run, dict):
            continue
        print(
            f"[{run['sink']}] {run['archive_mb']} MB -> {run['items']:,} items "
            f"({run['duplicates']:,} duplicates) in {run['seconds']} s = "
            f"{run['items_per_s']:,} items/s, peak RSS {run['peak_rss_mb']} MB "
            f"(baseline {run['baseline_rss_mb']} MB); {run['last_bar']}"
        )


if __name__ == "__main__":
    main()
