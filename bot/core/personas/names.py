"""The book of names: a compact list of given names shipped in ``bot/data``.

The list is built from Jörg Michael's ``nam_dict.txt`` (as shipped by the ``gender-guesser``
package) by :mod:`bot.core.personas.build_names`; ``bot/data/NAMES_SOURCE.md`` says how.
Each line of ``bot/data/given_names.tsv.gz`` is ``name<TAB>gender<TAB>regions`` where gender is
``M``, ``F``, ``?M``/``?F`` (mostly male/female) or ``?`` (used for anyone), and regions is a
comma-separated list of ``code`` + one hex digit (1 = rare ... D = extremely common), e.g.
``de4,nl1``. Loading is cached: the file is read once per process.
"""

from __future__ import annotations

import gzip
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

NAMES_FILE = "given_names.tsv.gz"
# bot/core/personas/names.py -> bot/data (a plain path: importlib.resources.files("bot") breaks
# on Python 3.11 when bot is imported through setuptools' editable-install path hook).
DATA_DIR = Path(__file__).resolve().parents[2] / "data"
GENDERS = frozenset({"M", "F", "?M", "?F", "?"})

# Column order of nam_dict.txt's frequency columns, with a short code and a label each.
REGIONS: tuple[tuple[str, str], ...] = (
    ("gb", "Great Britain"),
    ("ie", "Ireland"),
    ("us", "the U.S.A."),
    ("it", "Italy"),
    ("mt", "Malta"),
    ("pt", "Portugal"),
    ("es", "Spain"),
    ("fr", "France"),
    ("be", "Belgium"),
    ("lu", "Luxembourg"),
    ("nl", "the Netherlands"),
    ("fy", "East Frisia"),
    ("de", "Germany"),
    ("at", "Austria"),
    ("ch", "Switzerland"),
    ("is", "Iceland"),
    ("dk", "Denmark"),
    ("no", "Norway"),
    ("se", "Sweden"),
    ("fi", "Finland"),
    ("ee", "Estonia"),
    ("lv", "Latvia"),
    ("lt", "Lithuania"),
    ("pl", "Poland"),
    ("cz", "the Czech Republic"),
    ("sk", "Slovakia"),
    ("hu", "Hungary"),
    ("ro", "Romania"),
    ("bg", "Bulgaria"),
    ("ba", "Bosnia and Herzegovina"),
    ("hr", "Croatia"),
    ("xk", "Kosovo"),
    ("mk", "Macedonia"),
    ("me", "Montenegro"),
    ("rs", "Serbia"),
    ("si", "Slovenia"),
    ("al", "Albania"),
    ("gr", "Greece"),
    ("ru", "Russia"),
    ("by", "Belarus"),
    ("md", "Moldova"),
    ("ua", "Ukraine"),
    ("am", "Armenia"),
    ("az", "Azerbaijan"),
    ("ge", "Georgia"),
    ("xc", "Central Asia"),
    ("tr", "Turkey"),
    ("xa", "Arabia and Persia"),
    ("il", "Israel"),
    ("cn", "China"),
    ("in", "India and Sri Lanka"),
    ("jp", "Japan"),
    ("kr", "Korea"),
    ("vn", "Vietnam"),
    ("xx", "other countries"),
)
REGION_LABELS: dict[str, str] = dict(REGIONS)


@dataclass(frozen=True, slots=True)
class NameRecord:
    """One given name: its gender usage and how common it is where it is used (0-13)."""

    name: str
    gender: str
    regions: tuple[tuple[str, int], ...] = ()

    @property
    def peak(self) -> int:
        """Highest frequency in any region (0 when the source gave none)."""
        return max((f for _, f in self.regions), default=0)

    def frequency_in(self, codes: frozenset[str]) -> int:
        return max((f for c, f in self.regions if c in codes), default=0)


def format_record(rec: NameRecord) -> str:
    regions = ",".join(f"{code}{freq:X}" for code, freq in rec.regions)
    return f"{rec.name}\t{rec.gender}\t{regions}"


def parse_record(line: str) -> NameRecord:
    """Parse one data line; raises ValueError on a malformed one."""
    parts = line.rstrip("\r\n").split("\t")
    if len(parts) != 3 or not parts[0] or parts[1] not in GENDERS:
        raise ValueError(f"malformed name line: {line!r}")
    regions: list[tuple[str, int]] = []
    if parts[2]:
        for item in parts[2].split(","):
            code, freq = item[:-1], int(item[-1], 16)
            if code not in REGION_LABELS:
                raise ValueError(f"unknown region {code!r} in {line!r}")
            regions.append((code, freq))
    return NameRecord(parts[0], parts[1], tuple(regions))


@lru_cache(maxsize=1)
def load_name_records() -> tuple[NameRecord, ...]:
    """All name records from the shipped data file, in file (alphabetical) order."""
    with gzip.open(DATA_DIR / NAMES_FILE, "rt", encoding="utf-8") as fh:
        records = tuple(parse_record(line) for line in fh if line.strip())
    log.debug("loaded %d given names from %s", len(records), NAMES_FILE)
    return records


@lru_cache(maxsize=1)
def load_names() -> tuple[str, ...]:
    """Every given name in the book, e.g. ``("Aad", "Aadam", ...)``."""
    return tuple(rec.name for rec in load_name_records())
