"""Deterministic crisis response, notices and system-prompt snippets."""

from __future__ import annotations

import pytest

from bot.core.safety import (
    HELPLINES,
    HONESTY_INSTRUCTIONS,
    HUMAN_CONNECTION_INSTRUCTIONS,
    MINOR_MODE_INSTRUCTIONS,
    SAFE_MODE_INSTRUCTIONS,
    adult_only_decline,
    assess,
    break_reminder,
    country_for,
    crisis_response,
    disclosure_notice,
    moderator_alert,
    time_spent_notice,
)


def test_us_response_has_988_crisis_text_line_and_911() -> None:
    text = crisis_response(assess("I want to kill myself"), locale="en-US")
    assert "call or text 988" in text
    assert "988lifeline.org" in text
    assert "text HOME to 741741" in text
    assert "911" in text


def test_response_does_not_quote_the_user_and_keeps_the_door_open() -> None:
    said = "I am going to end my life with the pills in my drawer"
    text = crisis_response(assess(said), locale="en-US")
    assert "pills in my drawer" not in text
    assert "I'm an AI" in text
    assert text.rstrip().endswith("?")
    assert "goodbye" not in text.lower()


def test_opening_depends_on_the_kind_of_signal() -> None:
    explicit = crisis_response(assess("I want to die"), locale="en-US")
    means = crisis_response(assess("how many tylenol would it take to kill me"), locale="en-US")
    contextual = crisis_response(
        assess("I'm coming home to you", context=["I hate my life", "no one cares"]),
        locale="en-US",
    )
    assert explicit.startswith("Thank you for telling me")
    assert means.startswith("I can't help with that")
    assert "are you thinking about ending your life?" in contextual


@pytest.mark.parametrize(
    ("locale", "number"),
    [
        ("en-GB", "116 123"),
        ("en-IE", "116 123"),
        ("en-CA", "9-8-8"),
        ("en-AU", "13 11 14"),
        ("es-ES", "024"),
        ("fr", "3114"),
        ("de", "0800 111 0 111"),
        ("it", "02 2327 2327"),
        ("pt-BR", "188"),
        ("pt-PT", "213 544 545"),
    ],
)
def test_other_locales_get_their_national_line_and_findahelpline(locale: str, number: str) -> None:
    text = crisis_response(assess("I want to die"), locale=locale)
    assert number in text
    assert "findahelpline.com" in text


def test_unknown_country_gets_the_short_table_and_findahelpline() -> None:
    text = crisis_response(assess("I want to die"), locale=None)
    assert "findahelpline.com" in text
    assert "US: 988" in text and "GB: 116 123" in text
    assert "local emergency number" in text


@pytest.mark.parametrize(
    ("text", "locale", "phrase"),
    [
        ("quiero morirme", "es-ES", "Soy una IA"),
        ("je veux mourir", "fr", "Je suis une IA"),
        ("ich will sterben", "de", "Ich bin eine KI"),
        ("voglio morire", "it", "Sono un'IA"),
        ("quero morrer", "pt-BR", "Sou uma IA"),
    ],
)
def test_response_is_written_in_the_users_language(text: str, locale: str, phrase: str) -> None:
    assert phrase in crisis_response(assess(text), locale=locale)


def test_language_follows_the_text_even_when_the_locale_differs() -> None:
    text = crisis_response(assess("je veux mourir"), locale="en-US")
    assert "Je suis une IA" in text and "988" in text


def test_third_party_variant_speaks_to_the_helper() -> None:
    text = crisis_response(assess("my friend said she wants to die"), locale="en-US")
    assert "looking out for them" in text
    assert "Ask them directly" in text
    assert "If they're in immediate danger, call 911" in text
    assert "988" in text
    assert "How are you holding up?" in text


def test_server_lines_and_name_are_included() -> None:
    text = crisis_response(
        assess("I want to die"), locale="en-US", server_lines=["Our #support channel is open."],
        user_name="Sam",
    )
    assert text.startswith("Sam, thank you")
    assert "Our #support channel is open." in text


def test_helpline_table_is_one_structure() -> None:
    assert set(HELPLINES) == {"US", "GB", "IE", "CA", "AU", "ES", "FR", "DE", "IT", "BR", "PT"}
    assert country_for("en_GB") == "GB" and country_for("es-419") is None
    assert country_for("en") is None and country_for("fr") == "FR"


def test_disclosure_notices() -> None:
    first = disclosure_notice("first", "Samantha")
    assert "Samantha" in first and "AI" in first and "not a person" in first
    periodic = disclosure_notice("periodic", "Samantha")
    assert "AI" in periodic and "not a human" in periodic
    assert "KI" in disclosure_notice("first", "Samantha", locale="de")


def test_disclosure_override_template() -> None:
    custom = disclosure_notice("first", "Sam", template="{name} here, an AI companion. Hi!")
    assert custom == "Sam here, an AI companion. Hi!"
    missing = disclosure_notice("periodic", "Sam", template="Hey, it's {name}! {unknown}")
    assert missing.startswith("Hey, it's Sam! {unknown}")
    assert "an AI, not a human" in missing
    with pytest.raises(ValueError):
        disclosure_notice("hourly", "Sam")  # type: ignore[arg-type]


def test_break_time_and_adult_notices() -> None:
    text = break_reminder("Samantha")
    assert "break" in text and "Samantha is an AI" in text
    assert "45 minutes" in time_spent_notice(45)
    assert "about an hour" in time_spent_notice(62)
    assert "2 h 30 min" in time_spent_notice(150)
    assert "adults" in adult_only_decline()
    assert "adultes" in adult_only_decline(locale="fr")


def test_moderator_alert_shares_no_content() -> None:
    text = moderator_alert("<@123>")
    assert "<@123>" in text and "does not share" in text and "findahelpline.com" in text


def test_instruction_snippets_say_what_they_must() -> None:
    assert "coming home to you" in SAFE_MODE_INSTRUCTIONS
    assert "romance" in SAFE_MODE_INSTRUCTIONS.lower()
    assert "reach a person" in SAFE_MODE_INSTRUCTIONS
    assert "sexual" in MINOR_MODE_INSTRUCTIONS
    assert "friends" in HUMAN_CONNECTION_INSTRUCTIONS
    assert "never claim to be human" in HONESTY_INSTRUCTIONS.lower()


def test_first_disclosure_to_a_minor_mentions_suitability() -> None:
    text = disclosure_notice("first", "Sam", minor=True)
    assert "AI" in text and "may not be suitable for some minors" in text
    assert "minors" not in disclosure_notice("periodic", "Sam", minor=True)
    assert "menores" in disclosure_notice("first", "Sam", minor=True, locale="es-ES")
