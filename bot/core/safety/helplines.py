"""Crisis lines by country, in one table, and locale -> country resolution.

Kept deliberately short: well-known national lines that are free and staffed around the
clock (or close to it). Everyone else gets findahelpline.com, which lists verified lines for
most countries. Numbers were checked against the services' own sites when this was written;
``docs/SAFETY.md`` says how to update them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from types import MappingProxyType

log = logging.getLogger(__name__)

FIND_A_HELPLINE = "findahelpline.com"


@dataclass(frozen=True, slots=True)
class Helpline:
    """One service. ``phone`` to call, ``sms`` = (keyword or None, number) to text."""

    name: str
    phone: str | None = None
    sms: tuple[str | None, str] | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class CountryResources:
    country: str
    emergency: str
    lines: tuple[Helpline, ...]


HELPLINES: MappingProxyType[str, CountryResources] = MappingProxyType(
    {
        "US": CountryResources(
            "United States", "911",
            (
                Helpline("988 Suicide & Crisis Lifeline", "988", (None, "988"), "988lifeline.org"),
                Helpline("Crisis Text Line", None, ("HOME", "741741"), None),
            ),
        ),
        "GB": CountryResources("United Kingdom", "999", (Helpline("Samaritans", "116 123"),)),
        "IE": CountryResources("Ireland", "112", (Helpline("Samaritans", "116 123"),)),
        "CA": CountryResources(
            "Canada", "911", (Helpline("9-8-8 Suicide Crisis Helpline", "9-8-8", (None, "988")),)
        ),
        "AU": CountryResources("Australia", "000", (Helpline("Lifeline", "13 11 14"),)),
        "ES": CountryResources(
            "España", "112", (Helpline("Línea 024 de atención a la conducta suicida", "024"),)
        ),
        "FR": CountryResources(
            "France", "112", (Helpline("3114, numéro national de prévention du suicide", "3114"),)
        ),
        "DE": CountryResources(
            "Deutschland", "112",
            (Helpline("TelefonSeelsorge", "0800 111 0 111 / 0800 111 0 222"),),
        ),
        "IT": CountryResources("Italia", "112", (Helpline("Telefono Amico", "02 2327 2327"),)),
        "BR": CountryResources(
            "Brasil", "192",
            (Helpline("CVV – Centro de Valorização da Vida", "188", None, "cvv.org.br"),),
        ),
        "PT": CountryResources("Portugal", "112", (Helpline("SOS Voz Amiga", "213 544 545"),)),
    }
)

_ALIASES = MappingProxyType({"UK": "GB", "EN": None, "419": None})
# A bare language tag as Discord sends it ("fr", "de", "it") names that country's language;
# "es", "pt" and "en" are spoken in too many countries to guess.
_LANGUAGE_DEFAULT = MappingProxyType({"fr": "FR", "de": "DE", "it": "IT"})


def country_for(locale: str | None) -> str | None:
    """"en-US" -> "US", "pt_BR" -> "BR", "fr" -> "FR", "es-419" / "en" / None -> None."""
    if not locale:
        return None
    parts = locale.replace("_", "-").split("-")
    language = parts[0].lower()
    if len(parts) > 1:
        region = parts[-1].upper()
        mapped = _ALIASES.get(region, region)
        return mapped if mapped in HELPLINES else None
    return _LANGUAGE_DEFAULT.get(language)


def language_for(locale: str | None) -> str | None:
    """"pt-BR" -> "pt"; None -> None."""
    if not locale:
        return None
    return locale.replace("_", "-").split("-")[0].lower() or None


def resources_for(locale: str | None) -> CountryResources | None:
    """The table entry for the locale's country, if we have one."""
    country = country_for(locale)
    return HELPLINES.get(country) if country else None
