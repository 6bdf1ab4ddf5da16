"""Resolve relative date expressions against the time a message was written.

"I'm seeing the cardiologist next Thursday" is useless in a memory read three months later, so
before text is stored or extracted we append the absolute date in brackets:
``next Thursday [2026-12-03]``. The original words stay (they carry tone and uncertainty); the
bracket carries the date, and being plain text it is indexed by FTS5 and read by the model.

Rules (``now`` is converted to ``tz`` first; a naive ``now`` is taken as wall time in ``tz``).
Weeks start on Monday.

- today / tonight / this morning|afternoon|evening -> that day; last night -> yesterday
- tomorrow, yesterday, the day after tomorrow, the day before yesterday
- in N days / N days ago / N days from now -> exact date (N may be a word: "two", "a"; vague
  amounts — "a couple of", "a few" — get an "about" prefix)
- in N weeks / N weeks ago -> ``week of <Monday>``; months -> ``YYYY-MM``; years -> ``YYYY``
- this|last|next week -> ``week of <Monday>``; this|last|next month -> ``YYYY-MM``; year -> ``YYYY``
- this|last|next weekend -> ``weekend of <Saturday>``
- next <weekday> -> that weekday in next week; this <weekday> -> that weekday in this week;
  last <weekday> -> the most recent such day before today
- a bare singular weekday ("on Friday", "Friday"; not "Fridays") -> the nearest one ahead (1-7 days), or the nearest one
  behind when its sentence reads as past tense ("we went hiking on Friday")

Text that already has a bracket right after the expression is left alone, so the function is
idempotent.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

log = logging.getLogger(__name__)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "a couple of": 2, "a couple": 2, "couple of": 2, "two": 2,
    "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "a few": 3, "few": 3,
}  # fmt: skip
_NUM = r"(?P<n>\d{1,3}|a couple of|a couple|couple of|a few|few|an|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_UNIT = r"(?P<unit>day|week|month|year)s?"
_WD = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (kind, re.compile(rf"(?<![\w'’-])(?:{pat})(?![\w'’-])", re.IGNORECASE))
    for kind, pat in [
        ("day_after", r"the day after tomorrow"),
        ("day_before", r"the day before yesterday"),
        ("last_night", r"last night"),
        ("rel_ago", rf"{_NUM} {_UNIT} (?:ago|back)"),
        ("rel_in", rf"(?:in|within) {_NUM} {_UNIT}(?: from now| time)?"),
        ("rel_from_now", rf"{_NUM} {_UNIT} from (?:now|today)"),
        ("named_wd", rf"(?P<which>next|last|this|this coming|coming) {_WD}"),
        ("named_weekend", r"(?P<which>next|last|this|this coming|coming) weekend"),
        ("named_period", r"(?P<which>next|last|this) (?P<unit>week|month|year)"),
        ("today", r"today|tonight|this (?:morning|afternoon|evening)|earlier today"),
        ("tomorrow", r"tomorrow"),
        ("yesterday", r"yesterday"),
        ("bare_wd", rf"(?:on )?{_WD}"),
    ]
]

_SENTENCE_END = re.compile(r"[.!?\n]")
_PAST_WORDS = frozenset({
    "was", "were", "did", "had", "went", "got", "saw", "came", "made", "told", "said", "took",
    "met", "ate", "left", "gave", "felt", "thought", "spent", "bought", "found", "ran", "won",
    "lost", "drove", "flew", "heard", "ago", "last", "yesterday", "finally"
})  # fmt: skip
_FUTURE_WORDS = frozenset({
    "will", "gonna", "going", "'ll", "plan", "planning", "planned", "hope", "hoping", "next",
    "tomorrow", "want", "wanna", "should", "might", "shall", "can't", "can"
})  # fmt: skip
_NOT_PAST_ED = frozenset({
    "need", "bed", "red", "feed", "speed", "seed", "weed", "shed", "wed", "indeed", "exceed",
    "proceed"
})  # fmt: skip


@dataclass(frozen=True, slots=True)
class DateMention:
    """One resolved expression: ``text[start:end]`` means the days ``first``..``last``."""

    start: int
    end: int
    text: str
    first: date
    last: date
    label: str


def _local_today(now: datetime, tz: tzinfo | None) -> date:
    if tz is not None and now.tzinfo is not None:
        now = now.astimezone(tz)
    return now.date()


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _add_months(d: date, months: int) -> date:
    idx = d.year * 12 + (d.month - 1) + months
    return date(idx // 12, idx % 12 + 1, 1)


def _month_end(first: date) -> date:
    return _add_months(first, 1) - timedelta(days=1)


def _week(monday: date) -> tuple[date, date, str]:
    return monday, monday + timedelta(days=6), f"week of {monday.isoformat()}"


def _month(first: date) -> tuple[date, date, str]:
    return first, _month_end(first), f"{first.year:04d}-{first.month:02d}"


def _year(y: int) -> tuple[date, date, str]:
    return date(y, 1, 1), date(y, 12, 31), f"{y:04d}"


def _day(d: date) -> tuple[date, date, str]:
    return d, d, d.isoformat()


_VAGUE = frozenset({"a couple of", "a couple", "couple of", "a few", "few"})


def _number(raw: str) -> int:
    raw = raw.lower()
    return int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]


def _shift(today: date, unit: str, n: int) -> tuple[date, date, str]:
    unit = unit.lower()
    if unit == "day":
        return _day(today + timedelta(days=n))
    if unit == "week":
        return _week(_monday(today + timedelta(weeks=n)))
    if unit == "month":
        return _month(_add_months(today.replace(day=1), n))
    return _year(today.year + n)


def _reads_past(text: str, start: int, end: int) -> bool:
    """Heuristic tense of the sentence around ``text[start:end]``."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right_m = _SENTENCE_END.search(text, end)
    sentence = text[left : right_m.start() if right_m else len(text)].lower()
    words = re.findall(r"[a-z']+", sentence)
    if any(w in _FUTURE_WORDS or w.endswith("'ll") for w in words):
        return False
    return any(
        w in _PAST_WORDS or (len(w) > 4 and w.endswith("ed") and w not in _NOT_PAST_ED)
        for w in words
    )


def _resolve(kind: str, m: re.Match[str], text: str, today: date) -> tuple[date, date, str] | None:
    g = m.groupdict()
    if kind == "today":
        return _day(today)
    if kind == "tomorrow":
        return _day(today + timedelta(days=1))
    if kind in ("yesterday", "last_night"):
        return _day(today - timedelta(days=1))
    if kind == "day_after":
        return _day(today + timedelta(days=2))
    if kind == "day_before":
        return _day(today - timedelta(days=2))
    if kind in ("rel_ago", "rel_in", "rel_from_now"):
        n = _number(g["n"])
        first, last, label = _shift(today, g["unit"], -n if kind == "rel_ago" else n)
        if g["n"].lower() in _VAGUE:
            label = f"about {label}"
        return first, last, label
    if kind == "named_period":
        offset = {"next": 1, "last": -1, "this": 0}[g["which"].lower()]
        return _shift(today, g["unit"], offset)
    if kind == "named_weekend":
        which = g["which"].lower()
        saturday = _monday(today) + timedelta(days=5)
        if which == "next":
            saturday += timedelta(weeks=1)
        elif which == "last":
            saturday -= timedelta(weeks=1)
        return saturday, saturday + timedelta(days=1), f"weekend of {saturday.isoformat()}"
    if kind == "named_wd":
        wd = WEEKDAYS.index(g["wd"].lower())
        which = g["which"].lower()
        if which == "next":
            return _day(_monday(today) + timedelta(weeks=1, days=wd))
        if which == "last":
            back = (today.weekday() - wd) % 7 or 7
            return _day(today - timedelta(days=back))
        if which == "this":
            return _day(_monday(today) + timedelta(days=wd))
        ahead = (wd - today.weekday()) % 7 or 7  # "coming"/"this coming": next one ahead
        return _day(today + timedelta(days=ahead))
    if kind == "bare_wd":
        wd = WEEKDAYS.index(g["wd"].lower())
        if _reads_past(text, m.start(), m.end()):
            back = (today.weekday() - wd) % 7 or 7
            return _day(today - timedelta(days=back))
        ahead = (wd - today.weekday()) % 7 or 7
        return _day(today + timedelta(days=ahead))
    return None


_ALREADY = re.compile(r"\s*\[")


def extract_dates(text: str, now: datetime, tz: tzinfo | None = None) -> list[DateMention]:
    """All relative date expressions in ``text``, resolved, in order, without overlaps.

    Longer, more specific patterns win over shorter ones at the same place ("next Friday" over
    "Friday"). Expressions already followed by a ``[...]`` bracket are skipped.
    """
    if not text:
        return []
    today = _local_today(now, tz)
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))  # claim the span even if skipped below
            if _ALREADY.match(text, end):
                continue
            resolved = _resolve(kind, m, text, today)
            if resolved is None:
                continue
            first, last, label = resolved
            found.append(DateMention(start, end, m.group(0), first, last, label))
    found.sort(key=lambda d: d.start)
    return found


def resolve_relative_dates(text: str, now: datetime, tz: tzinfo | None = None) -> str:
    """``text`` with ``[absolute date]`` appended after each relative date expression."""
    mentions = extract_dates(text, now, tz)
    if not mentions:
        return text
    parts: list[str] = []
    pos = 0
    for mention in mentions:
        parts.append(text[pos : mention.end])
        parts.append(f" [{mention.label}]")
        pos = mention.end
    parts.append(text[pos:])
    return "".join(parts)
