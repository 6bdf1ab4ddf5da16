"""Relative date resolution against a fixed `now` (Wednesday 2026-11-25, 15:00)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.core.memory.dates import extract_dates, resolve_relative_dates

NOW = datetime(2026, 11, 25, 15, 0)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "I see the cardiologist next Thursday.",
            "I see the cardiologist next Thursday [2026-12-03].",
        ),
        ("last week was rough", "last week [week of 2026-11-16] was rough"),
        ("tomorrow", "tomorrow [2026-11-26]"),
        ("yesterday", "yesterday [2026-11-24]"),
        ("the day after tomorrow", "the day after tomorrow [2026-11-27]"),
        ("the day before yesterday", "the day before yesterday [2026-11-23]"),
        ("in 3 days", "in 3 days [2026-11-28]"),
        ("three days from now", "three days from now [2026-11-28]"),
        ("two weeks ago I quit", "two weeks ago [week of 2026-11-09] I quit"),
        ("this weekend we hike", "this weekend [weekend of 2026-11-28] we hike"),
        ("next weekend", "next weekend [weekend of 2026-12-05]"),
        ("last weekend", "last weekend [weekend of 2026-11-21]"),
        ("next month", "next month [2026-12]"),
        ("last month", "last month [2026-10]"),
        ("a month ago", "a month ago [2026-10]"),
        ("in two months", "in two months [2027-01]"),
        ("next year", "next year [2027]"),
        ("3 years ago", "3 years ago [2023]"),
        ("tonight!", "tonight [2026-11-25]!"),
        ("this morning", "this morning [2026-11-25]"),
        ("last night", "last night [2026-11-24]"),
        ("next week", "next week [week of 2026-11-30]"),
        ("last Monday", "last Monday [2026-11-23]"),
        ("last Wednesday", "last Wednesday [2026-11-18]"),
        ("this Friday", "this Friday [2026-11-27]"),
        ("this coming Monday", "this coming Monday [2026-11-30]"),
        ("a few days ago", "a few days ago [about 2026-11-22]"),
        ("TOMORROW", "TOMORROW [2026-11-26]"),
    ],
)
def test_resolves_expressions(text: str, expected: str) -> None:
    assert resolve_relative_dates(text, NOW, None) == expected


def test_bare_weekday_follows_tense() -> None:
    assert resolve_relative_dates("I'll call her on Friday", NOW, None) == (
        "I'll call her on Friday [2026-11-27]"
    )
    assert resolve_relative_dates("We went hiking on Friday.", NOW, None) == (
        "We went hiking on Friday [2026-11-20]."
    )
    # Tense is judged per sentence.
    assert resolve_relative_dates("I was tired. See you Monday", NOW, None) == (
        "I was tired. See you Monday [2026-11-30]"
    )
    # Same weekday as today means a week away, not today.
    assert resolve_relative_dates("on Wednesday", NOW, None) == "on Wednesday [2026-12-02]"


def test_leaves_non_dates_alone() -> None:
    for text in ["Sundays are lazy", "today's news", "Tomorrowland rocks", "mid-Friday", "", "hi"]:
        assert resolve_relative_dates(text, NOW, None) == text


def test_is_idempotent_and_keeps_existing_brackets() -> None:
    once = resolve_relative_dates("next Thursday and yesterday", NOW, None)
    assert resolve_relative_dates(once, NOW, None) == once
    assert resolve_relative_dates("tomorrow [2030-01-01]", NOW, None) == "tomorrow [2030-01-01]"


def test_several_mentions_and_longest_match_wins() -> None:
    text = "Yesterday was long; next Friday is the party and in a week I fly."
    out = resolve_relative_dates(text, NOW, None)
    assert out == (
        "Yesterday [2026-11-24] was long; next Friday [2026-12-04] is the party and "
        "in a week [week of 2026-11-30] I fly."
    )
    mentions = extract_dates(text, NOW, None)
    assert [m.text for m in mentions] == ["Yesterday", "next Friday", "in a week"]
    assert [text[m.start : m.end] for m in mentions] == [m.text for m in mentions]


def test_extract_gives_ranges() -> None:
    (week,) = extract_dates("last week", NOW, None)
    assert (week.first, week.last) == (date(2026, 11, 16), date(2026, 11, 22))
    (month,) = extract_dates("next month", NOW, None)
    assert (month.first, month.last) == (date(2026, 12, 1), date(2026, 12, 31))
    (weekend,) = extract_dates("this weekend", NOW, None)
    assert (weekend.first, weekend.last) == (date(2026, 11, 28), date(2026, 11, 29))


def test_timezone_decides_the_day() -> None:
    # 02:30 UTC on the 26th is still the evening of the 25th in New York.
    now = datetime(2026, 11, 26, 2, 30, tzinfo=UTC)
    assert resolve_relative_dates("tomorrow", now, ZoneInfo("America/New_York")) == (
        "tomorrow [2026-11-26]"
    )
    assert resolve_relative_dates("tomorrow", now, None) == "tomorrow [2026-11-27]"
    # A naive `now` is wall time in tz already.
    assert (
        resolve_relative_dates("tomorrow", NOW, ZoneInfo("Asia/Tokyo")) == "tomorrow [2026-11-26]"
    )


def test_month_and_year_boundaries() -> None:
    new_year = datetime(2026, 12, 31, 9, 0)
    assert resolve_relative_dates("tomorrow", new_year, None) == "tomorrow [2027-01-01]"
    assert resolve_relative_dates("next month", new_year, None) == "next month [2027-01]"
    jan = datetime(2027, 1, 15)
    assert resolve_relative_dates("last month", jan, None) == "last month [2026-12]"
    assert resolve_relative_dates("in 14 months", jan, None) == "in 14 months [2028-03]"


def test_next_weekday_is_always_in_next_week() -> None:
    for offset in range(7):
        now = datetime(2026, 11, 23) + timedelta(days=offset)  # Monday..Sunday
        (m,) = extract_dates("next Monday", now, None)
        assert m.first == date(2026, 11, 30)
        (m,) = extract_dates("last Sunday", now, None)
        assert m.first < now.date() and m.first.weekday() == 6
        assert (now.date() - m.first).days <= 7
