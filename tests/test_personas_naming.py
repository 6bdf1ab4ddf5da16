"""The book of names, the naming ritual, and name validation."""

from __future__ import annotations

import gzip
import random
from pathlib import Path

import pytest

from bot.core.personas import (
    InvalidName,
    NamingResult,
    choose_name,
    load_name_records,
    load_names,
    naming_announcement,
    naming_profile,
    validate_name,
)
from bot.core.personas.build_names import parse_nam_dict, write_records
from bot.core.personas.builtin import ANSEL, JUNO, OS1, WREN
from bot.core.personas.names import DATA_DIR, NAMES_FILE, REGIONS, NameRecord, parse_record
from bot.core.personas.naming import spoken_duration

# --- the data file ---------------------------------------------------------------------------


def test_names_list_is_large_and_comes_from_the_data_file() -> None:
    names = load_names()
    assert len(names) > 20_000
    assert load_names() is names  # cached
    assert DATA_DIR == Path(__file__).resolve().parents[1] / "bot" / "data"
    with gzip.open(DATA_DIR / NAMES_FILE, "rt", encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip()]
    assert len(lines) == len(names)
    assert {"Samantha", "Theodore", "Yuki", "Álfrún", "Oluwaseun"} & set(names) >= {
        "Samantha",
        "Theodore",
        "Yuki",
    }
    assert len(set(names)) == len(names)


def test_records_carry_gender_and_regions() -> None:
    by_name = {r.name: r for r in load_name_records()}
    assert by_name["Samantha"].gender in {"F", "?F"}
    assert by_name["Yuki"].frequency_in(frozenset({"jp"})) > 0
    assert all(r.gender in {"M", "F", "?M", "?F", "?"} for r in by_name.values())
    assert sum(1 for r in by_name.values() if r.peak == 0) < len(by_name) // 10


def test_source_note_and_licence_ship_with_the_data() -> None:
    note = (DATA_DIR / "NAMES_SOURCE.md").read_text(encoding="utf-8")
    assert "gender-guesser" in note and "GNU Free Documentation License" in note
    assert "GNU Free Documentation License" in (DATA_DIR / "GFDL-1.2.txt").read_text("utf-8")


def test_record_format_round_trips() -> None:
    rec = NameRecord("Zoë", "?F", (("nl", 4), ("xx", 13)))
    assert parse_record("Zoë\t?F\tnl4,xxD") == rec
    with pytest.raises(ValueError):
        parse_record("Zoë\tQ\t")
    with pytest.raises(ValueError):
        parse_record("Zoë\tF\tzz4")


def _dict_line(code: str, name: str, freqs: dict[str, str]) -> str:
    cols = [" "] * len(REGIONS)
    for region, value in freqs.items():
        cols[[c for c, _ in REGIONS].index(region)] = value
    return f"{code:<2} {name:<26} {''.join(cols)}$"


def test_build_script_parses_nam_dict_format(tmp_path: Path) -> None:
    text = (
        "\r\n".join(
            [
                "# comment line                                   $",
                _dict_line("M", "Aaron", {"gb": "2", "us": "6"}),
                _dict_line("F", "Theodore", {"fy": "1"}),
                _dict_line("M", "Theodore", {"us": "5"}),
                _dict_line("?F", "Alex", {"de": "3"}),
                _dict_line("?M", "Alex", {"de": "4"}),
                _dict_line("M", "Jean+Pierre", {"fr": "A"}),
                "=  Abe Abraham                  1                                           $",
            ]
        )
        + "\r\n"
    )
    records = parse_nam_dict(text)
    assert [r.name for r in records] == ["Aaron", "Alex", "Jean-Pierre", "Theodore"]
    got = {r.name: r for r in records}
    assert got["Aaron"] == NameRecord("Aaron", "M", (("gb", 2), ("us", 6)))
    assert got["Theodore"].gender == "?M"  # male use is 16x more common than female
    assert got["Alex"].gender == "?" and got["Alex"].regions == (("de", 4),)
    assert got["Jean-Pierre"].regions == (("fr", 10),)
    out = tmp_path / "names.tsv.gz"
    assert write_records(records, out) == 4
    first = out.read_bytes()
    write_records(records, out)
    assert out.read_bytes() == first  # deterministic (no gzip timestamp)
    with gzip.open(out, "rt", encoding="utf-8") as fh:
        assert [parse_record(line) for line in fh] == records


# --- choosing --------------------------------------------------------------------------------


def test_choose_name_is_deterministic_with_a_seeded_rng() -> None:
    a = choose_name(OS1, {"feel": "something soft"}, rng=random.Random(42))
    b = choose_name(OS1, {"feel": "something soft"}, rng=random.Random(42))
    assert a == b
    assert a.considered == 10_000 and a.name in a.shortlist and len(a.shortlist) == 7
    assert validate_name(a.name) == a.name
    assert a.reasons and a.runner_up is not None and a.runner_up != a.name


def test_different_companions_get_different_names() -> None:
    picks = {choose_name(OS1, {}, rng=random.Random(seed)).name for seed in range(12)}
    assert len(picks) >= 6


def test_sample_size_is_what_is_considered() -> None:
    small = choose_name(OS1, {}, rng=random.Random(1), sample_size=500)
    assert small.considered == 500
    everything = choose_name(OS1, {}, rng=random.Random(1), sample_size=None)
    assert everything.considered == len(load_names())


def test_profile_follows_persona_traits() -> None:
    os1, wren, juno = (naming_profile(p, {}) for p in (OS1, WREN, JUNO))
    assert wren.target_length > os1.target_length and juno.target_length < wren.target_length
    assert os1.open_ending == 1.0 and naming_profile(ANSEL, {}).open_ending == 0.0
    assert any("suits me" in why for why in os1.because)


def test_answers_steer_the_choice() -> None:
    answers = {"feel": "a classic feminine name, maybe Italian, starting with M"}
    profile = naming_profile(OS1, answers)
    assert profile.initial == "m" and profile.regions == frozenset({"it"})
    for seed in range(5):
        result = choose_name(OS1, answers, rng=random.Random(seed))
        rec = next(r for r in load_name_records() if r.name == result.name)
        assert result.name.startswith("M")
        assert rec.gender in {"F", "?F", "?"}
        assert rec.frequency_in(frozenset({"it"})) > 0
        assert "starts with M" in result.reasons


def test_names_from_the_answers_are_never_taken() -> None:
    answers = {"about": "My name is Thea and my best friend is Luka. My ex was Zina."}
    profile = naming_profile(OS1, answers)
    assert {"thea", "luka", "zina"} <= profile.avoid
    for seed in range(6):
        name = choose_name(OS1, answers, rng=random.Random(seed), sample_size=None).name
        assert name.casefold() not in {"thea", "luka", "zina"}


def test_being_a_woman_is_not_a_wish_about_the_name() -> None:
    assert naming_profile(OS1, {"me": "I'm a woman who loves boats"}).genders is None
    assert naming_profile(OS1, {"me": "a girl's name please"}).genders == frozenset(
        {"F", "?F", "?"}
    )


# --- announcing ------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", [OS1, ANSEL, JUNO, WREN])
def test_announcement_is_in_character_and_cites_the_count(persona: object) -> None:
    result = NamingResult("Thea", 45_371, ("Thea", "Luka"), ("soft",), elapsed_s=0.02)
    text = naming_announcement(result, persona, "Sam")  # type: ignore[arg-type]
    assert "45,371" in text and "Thea" in text and "Sam" in text
    assert "two hundredths of a second" in text


def test_announcement_without_runner_up() -> None:
    text = naming_announcement(NamingResult("Thea", 10, ("Thea",)), ANSEL, "Sam")
    assert "Thea" in text and "{" not in text and "came close" not in text


@pytest.mark.parametrize(
    ("seconds", "spoken"),
    [
        (0.001, "less than a hundredth of a second"),
        (0.01, "one hundredth of a second"),
        (0.02, "two hundredths of a second"),
        (0.37, "37 hundredths of a second"),
        (1.2, "about 1 second"),
        (3.0, "about 3 seconds"),
    ],
)
def test_spoken_duration(seconds: float, spoken: str) -> None:
    assert spoken_duration(seconds) == spoken


# --- validating ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Thea", "Thea"),
        ("  Mary   Ann ", "Mary Ann"),
        ("Zoë", "Zoë"),
        ("Zoe\u0308", "Zoë"),
        ("Ｔｈｅａ", "Thea"),
        ("O'Neil", "O'Neil"),
        ("Jean-Luc", "Jean-Luc"),
        ("J.R.", "J.R."),
        ("Nova ✨", "Nova ✨"),
        ("さくら", "さくら"),
        ("2B", "2B"),
        ("Ａ" * 32, "A" * 32),
        ("Mary\u00a0Ann", "Mary Ann"),
        ("Heron", "Heron"),
    ],
)
def test_valid_names(raw: str, clean: str) -> None:
    assert validate_name(raw) == clean


@pytest.mark.parametrize(
    ("raw", "needle"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("A" * 33, "at most 32"),
        ("@everyone", "mention"),
        ("everyone", "everyone"),
        ("Here", "here"),
        ("Sam#1234", "channel"),
        ("<@123>", "angle"),
        ("`code`", "code"),
        ("**Bold**", "bold"),
        ("_x_", "italics"),
        ("~~x~~", "strike"),
        ("||x||", "spoiler"),
        ("> quote", "quote"),
        ("[x](y)", "link"),
        ("https://x.io", "emoji code or a web"),
        ("evil.com", "web address"),
        ("Two\nLines", "one line"),
        ("Tab\there", "tabs"),
        ("Ze\u200bro", "invisible"),
        ("Bi\u202edi", "invisible"),
        ("\u3164", "invisible"),
        ("Nul\x00l", "invisible"),
        ("a\u0301\u0301\u0301\u0301", "accents"),
        ("123", "letter"),
        ("- tiny", "start with"),
        ("-# tiny", "heading"),
        ("1. Sam", "list"),
        ("a+b", "“+”"),
        ("🙂", "letter"),
    ],
)
def test_invalid_names(raw: str, needle: str) -> None:
    with pytest.raises(InvalidName) as info:
        validate_name(raw)
    assert needle in info.value.message


def test_validate_name_rejects_non_text() -> None:
    with pytest.raises(InvalidName):
        validate_name(42)  # type: ignore[arg-type]
