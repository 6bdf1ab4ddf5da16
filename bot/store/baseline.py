"""Plain BM25 over raw turns: the baseline the memory benchmark compares recall against.

Deliberately naive: the turn text only (no speaker, no date), SQLite's default tokenizer (no
stemming), every word of the question OR-ed. This is what "just put the chat log in FTS"
gives you.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable

_WORD = re.compile(r"\w+", re.UNICODE)


class RawTurnIndex:
    def __init__(self) -> None:
        self._conn = sqlite3.connect(":memory:")
        self._conn.execute("CREATE VIRTUAL TABLE turns USING fts5(body)")
        self._ids: list[str] = []

    def add(self, turns: Iterable[tuple[str, str]]) -> None:
        rows = []
        for turn_id, text in turns:
            self._ids.append(turn_id)
            rows.append((len(self._ids), text))
        self._conn.executemany("INSERT INTO turns (rowid, body) VALUES (?, ?)", rows)

    def search(self, question: str, k: int) -> list[str]:
        words = {w.lower() for w in _WORD.findall(question)}
        if not words:
            return []
        match = " OR ".join('"' + w.replace('"', '""') + '"' for w in sorted(words))
        rows = self._conn.execute(
            "SELECT rowid FROM turns WHERE turns MATCH ? ORDER BY bm25(turns) LIMIT ?", (match, k)
        ).fetchall()
        return [self._ids[r[0] - 1] for r in rows]

    def close(self) -> None:
        self._conn.close()
