"""The archive benchmarks stay runnable: the synthetic package is deterministic and readable,
and the import benchmark prints the promised JSON."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from bot.core.archive import iter_items

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def load_maker() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_discord_package", BENCHMARKS / "make_discord_package.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_synthetic_package_is_deterministic_and_readable(tmp_path: Path) -> None:
    maker = load_maker()
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    stats = maker.build_package(first, mb=0.3, seed=3)
    maker.build_package(second, mb=0.3, seed=3)
    assert first.read_bytes() == second.read_bytes()
    assert stats["json_channels"] > 0 and stats["csv_channels"] > 0
    items = list(iter_items(first))
    assert 1_000 < len(items) <= stats["messages"]
    assert any(i.source.endswith("messages.csv") for i in items)
    assert any(i.source.endswith("messages.json") for i in items)
    assert all(i.context for i in items)
    assert not any(i.source.startswith("activity/") for i in items)


def test_import_benchmark_prints_json(tmp_path: Path) -> None:
    package = tmp_path / "package.zip"
    load_maker().build_package(package, mb=0.2, seed=5)
    done = subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "import_archive.py"),
            "--package",
            str(package),
            "--json",
            "--no-sqlite",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    result = json.loads(done.stdout)
    for key in ("archive_mb", "items", "duplicates", "seconds", "items_per_s", "peak_rss_mb"):
        assert key in result
    assert result["items"] > 1_000
    assert 0 < result["peak_rss_mb"] < 200
