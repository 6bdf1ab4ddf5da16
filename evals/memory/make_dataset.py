"""Generate evals/memory/dataset.json: long companion conversations with recall questions.

Deterministic: the same code always writes byte-identical JSON (seeded per conversation).

    python evals/memory/make_dataset.py            # write dataset.json next to this file
    python evals/memory/make_dataset.py --check    # exit 1 if dataset.json is stale
    python evals/memory/make_dataset.py --out X    # write elsewhere

See README.md for the format and the conventions.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from filler import CLOSINGS, EXCHANGES, GREETINGS, SLOTS
from personas import PERSONAS
from story import EVENTS, QUESTIONS, SESSION_EVENTS, SESSION_WEEKDAYS, UNLOCKS, Turn, context

HERE = Path(__file__).resolve().parent
CATEGORIES = ("single-hop", "multi-hop", "temporal", "open-domain", "adversarial")
MIN_TURNS, MAX_TURNS = 26, 34
MIN_GAP = {6: 12}  # the trip planned in session 6 ("next Friday") is over before session 7


def session_dates(start: date, rng: random.Random) -> list[datetime]:
    """18 session times 8-16 days apart, nudged onto the weekdays some events need."""
    out: list[datetime] = []
    day = start
    for i in range(len(SESSION_EVENTS)):
        if i:
            day = day + timedelta(days=rng.randint(MIN_GAP.get(i, 8), 16))
        allowed = SESSION_WEEKDAYS.get(i)
        while allowed is not None and day.weekday() not in allowed:
            day += timedelta(days=1)
        out.append(
            datetime(
                day.year, day.month, day.day, rng.randint(7, 22), rng.choice((3, 17, 29, 41, 52))
            )
        )
    return out


def _before(d: date, weekday: int) -> date:
    """Most recent ``weekday`` strictly before ``d``."""
    return d - timedelta(days=(d.weekday() - weekday) % 7 or 7)


def _next_week(d: date, weekday: int) -> date:
    return d - timedelta(days=d.weekday()) + timedelta(days=7 + weekday)


def temporal_answers(dates: list[datetime]) -> dict[str, Any]:
    adopt = _before(dates[4].date(), 5)  # "on Saturday"
    race = _before(dates[15].date(), 6)  # "on Sunday"
    return {
        "adopt_date": adopt.isoformat(),
        "trip1_date": _next_week(dates[5].date(), 4).isoformat(),  # "next Friday"
        "surgery_date": _next_week(dates[9].date(), 1).isoformat(),  # "next Tuesday"
        "job_start_date": _before(dates[10].date(), 0).isoformat(),  # "on Monday"
        "race_date": race.isoformat(),
        "race_month": race.strftime("%B"),
        "adopt_to_move": round((dates[10].date() - adopt).days / 7),
        "months_together": round((dates[14] - dates[7]).days / 30.4),
    }


class FillerDeck:
    """Deals filler exchanges without repeats until the deck runs out, honouring unlock tags."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.deck: list[int] = []

    def deal(self, unlocked: set[str]) -> list[tuple[str, str]]:
        for _ in range(2):
            for pos, idx in enumerate(self.deck):
                tag, turns = EXCHANGES[idx]
                if not tag or tag in unlocked:
                    del self.deck[pos]
                    return turns
            self.deck = list(range(len(EXCHANGES)))
            self.rng.shuffle(self.deck)
        raise RuntimeError("no usable filler exchange")


def fill(template: str, ctx: dict[str, Any], rng: random.Random) -> str:
    slots = {key: rng.choice(values) for key, values in SLOTS.items()}
    return template.format(**{**ctx, **slots})


def build_conversation(persona: dict[str, Any]) -> dict[str, Any]:
    rng = random.Random(f"os1-memory-eval-{persona['id']}")
    dates = session_dates(persona["start"], rng)
    ctx = {**context(persona), **temporal_answers(dates)}
    deck = FillerDeck(rng)
    names = {"U": persona["user"], "C": persona["companion"]}
    key_to_turn: dict[str, str] = {}
    sessions = []
    for s_idx, (when, event_names) in enumerate(zip(dates, SESSION_EVENTS, strict=True)):
        unlocked = {tag for tag, after in UNLOCKS.items() if s_idx > after}
        events: list[list[Turn]] = [EVENTS[name] for name in event_names]
        target = rng.randint(MIN_TURNS, MAX_TURNS) - 4  # minus greeting and closing
        blocks: list[tuple[bool, list[Turn]]] = [(True, ev) for ev in events]
        size = sum(len(ev) for ev in events)
        while size < target:
            turns = [(sp, text, None) for sp, text in deck.deal(unlocked)]
            insert_at = rng.randint(1 if s_idx == 0 else 0, len(blocks))  # intro comes first
            blocks.insert(insert_at, (False, turns))
            size += len(turns)
        greetings = [turns for lo, hi, turns in GREETINGS if lo <= when.hour <= hi]
        body: list[Turn] = [(sp, t, None) for sp, t in rng.choice(greetings)]
        for _, block in blocks:
            body.extend(block)
        body.extend((sp, t, None) for sp, t in rng.choice(CLOSINGS))
        sid = f"{persona['id']}-s{s_idx + 1:02d}"
        turns_out = []
        for t_idx, (speaker, template, key) in enumerate(body):
            tid = f"{sid}-t{t_idx + 1:02d}"
            if key is not None:
                if key in key_to_turn:
                    raise ValueError(f"fact key {key} stated twice")
                key_to_turn[key] = tid
            turns_out.append(
                {"id": tid, "speaker": names[speaker], "text": fill(template, ctx, rng)}
            )
        sessions.append({"id": sid, "date": when.isoformat(timespec="seconds"), "turns": turns_out})
    questions = []
    for q_idx, (category, question, keys, answer) in enumerate(QUESTIONS):
        questions.append(
            {
                "id": f"{persona['id']}-q{q_idx + 1:02d}",
                "question": question.format(**ctx),
                "answer": answer.format(**ctx),
                "evidence": [key_to_turn[k] for k in keys],
                "category": category,
            }
        )
    return {
        "id": persona["id"],
        "speakers": [persona["user"], persona["companion"]],
        "sessions": sessions,
        "questions": questions,
    }


def build() -> dict[str, Any]:
    return {
        "name": "os1-memory-eval",
        "version": 1,
        "description": "Synthetic long companion conversations (LoCoMo-style) for evidence recall. "
        "See evals/memory/README.md.",
        "conversations": [build_conversation(p) for p in PERSONAS],
    }


def validate(data: dict[str, Any]) -> list[str]:
    """Structural problems in a dataset (empty list when it is sound)."""
    problems: list[str] = []
    seen_turns: set[str] = set()
    for conv in data["conversations"]:
        turn_ids = {t["id"] for s in conv["sessions"] for t in s["turns"]}
        if turn_ids & seen_turns:
            problems.append(f"{conv['id']}: turn ids collide with another conversation")
        seen_turns |= turn_ids
        if len(conv["sessions"]) < 15:
            problems.append(f"{conv['id']}: fewer than 15 sessions")
        dates = [s["date"] for s in conv["sessions"]]
        if dates != sorted(dates):
            problems.append(f"{conv['id']}: sessions out of order")
        for s in conv["sessions"]:
            if len(s["turns"]) < 25:
                problems.append(f"{s['id']}: fewer than 25 turns")
            if any(t["speaker"] not in conv["speakers"] for t in s["turns"]):
                problems.append(f"{s['id']}: unknown speaker")
        qs = conv["questions"]
        if len(qs) < 40:
            problems.append(f"{conv['id']}: fewer than 40 questions")
        cats = Counter(q["category"] for q in qs)
        if set(cats) != set(CATEGORIES):
            problems.append(f"{conv['id']}: categories {sorted(cats)}")
        for q in qs:
            if not q["evidence"] or not set(q["evidence"]) <= turn_ids:
                problems.append(f"{q['id']}: evidence missing or unknown")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "dataset.json")
    parser.add_argument("--check", action="store_true", help="fail if the file differs")
    args = parser.parse_args(argv)
    data = build()
    problems = validate(data)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is stale: run {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    args.out.write_text(text, encoding="utf-8")
    n_turns = sum(len(s["turns"]) for c in data["conversations"] for s in c["sessions"])
    n_q = sum(len(c["questions"]) for c in data["conversations"])
    print(
        f"wrote {args.out}: {len(data['conversations'])} conversations, {n_turns} turns, {n_q} questions"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
