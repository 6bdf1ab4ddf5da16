"""The one rule between layers, enforced: core never imports discord (or the provider SDK, or
SQLite); SQL lives only in bot/store; cogs hold no SQL."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SQL = re.compile(r"\b(SELECT\s+.+\s+FROM|INSERT\s+(OR\s+\w+\s+)?INTO|DELETE\s+FROM|UPDATE\s+\w+\s+SET|"
                 r"CREATE\s+(TABLE|INDEX|VIRTUAL))\b", re.IGNORECASE | re.DOTALL)


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def string_constants(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def test_core_never_imports_discord_openai_or_sqlite():
    offenders = []
    for path in (ROOT / "bot" / "core").rglob("*.py"):
        bad = imported_modules(path) & {"discord", "openai", "aiosqlite", "sqlite3", "aiohttp"}
        if bad:
            offenders.append(f"{path.relative_to(ROOT)}: {sorted(bad)}")
    assert offenders == []


def test_sql_only_in_the_store():
    offenders = []
    for folder in ("bot", "cogs"):
        for path in (ROOT / folder).rglob("*.py"):
            rel = path.relative_to(ROOT).as_posix()
            if rel.startswith("bot/store/") or rel.startswith("bot/testing/"):
                continue
            for text in string_constants(path):
                if SQL.search(text):
                    offenders.append(f"{rel}: {text[:60]!r}")
    assert offenders == []


def test_only_bot_llm_talks_to_the_provider():
    offenders = []
    for folder in ("bot", "cogs"):
        for path in (ROOT / folder).rglob("*.py"):
            rel = path.relative_to(ROOT).as_posix()
            if rel.startswith(("bot/llm/", "bot/testing/")):
                continue
            if "openai" in imported_modules(path):
                offenders.append(rel)
    assert offenders == []


def test_every_discord_send_names_allowed_mentions():
    """Security by default: every send and edit in cogs/ and bot/app/ passes allowed_mentions
    explicitly (on top of the client-wide AllowedMentions.none() default)."""
    names = {"send", "send_message", "edit_message", "edit_original_response"}
    offenders = []
    for folder in (ROOT / "cogs", ROOT / "bot" / "app"):
        for path in folder.glob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                    continue
                receiver = ast.unparse(node.func.value)
                is_send = node.func.attr in names or (
                    node.func.attr == "edit" and ("message" in receiver or "msg" in receiver))
                keywords = {k.arg for k in node.keywords}
                if is_send and "allowed_mentions" not in keywords and None not in keywords:
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
