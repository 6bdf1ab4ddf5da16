"""Build ``bot/data/given_names.tsv.gz`` from Jörg Michael's ``nam_dict.txt``.

The source file ships inside the ``gender-guesser`` package (PyPI, 0.4.0) at
``gender_guesser/data/nam_dict.txt``; it is released under the GNU Free Documentation License 1.2
or later, and so is the list this script derives from it (see ``bot/data/NAMES_SOURCE.md``).

Usage (from the repository root; nothing here touches the network)::

    pip download --no-deps -d /tmp/gg gender-guesser==0.4.0
    python -m bot.core.personas.build_names /tmp/gg/gender_guesser-0.4.0-py2.py3-none-any.whl

The argument may be the wheel, the sdist (.tar.gz), the ``nam_dict.txt`` itself, or omitted when
``gender-guesser`` is installed. Output is deterministic (sorted, gzip without a timestamp).
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import io
import logging
import sys
import tarfile
import zipfile
from collections.abc import Iterable
from pathlib import Path

from bot.core.personas.names import DATA_DIR, NAMES_FILE, REGIONS, NameRecord, format_record

log = logging.getLogger(__name__)

DICT_MEMBER = "gender_guesser/data/nam_dict.txt"
NAME_COLUMNS = slice(3, 29)
FREQ_START = 30
_GENDER_CODES = {"M": "M", "1M": "?M", "?M": "?M", "F": "F", "1F": "?F", "?F": "?F", "?": "?"}
_LEAN = {"M": 2, "?M": 1, "?": 0, "?F": -1, "F": -2}


def read_source(path: Path | None) -> str:
    """Text of nam_dict.txt from a wheel, an sdist, the file itself, or the installed package."""
    if path is None:
        spec = importlib.util.find_spec("gender_guesser")
        if spec is None or spec.origin is None:
            raise SystemExit("gender-guesser is not installed; pass the wheel or nam_dict.txt")
        path = Path(spec.origin).parent / "data" / "nam_dict.txt"
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as zf:
            data = zf.read(DICT_MEMBER)
    elif path.name.endswith((".tar.gz", ".tgz")):
        with tarfile.open(path) as tf:
            member = next(m for m in tf.getmembers() if m.name.endswith(DICT_MEMBER))
            fh = tf.extractfile(member)
            if fh is None:
                raise SystemExit(f"{member.name} in {path} is not a regular file")
            data = fh.read()
    else:
        data = path.read_bytes()
    return data.decode("utf-8")


def _merge_gender(genders: dict[str, int]) -> str:
    """One gender tag from the tags of a name's lines, each with that line's peak frequency.

    Lines that disagree (male vs. female use) make the name unisex, unless one side is at least
    three steps (a factor of eight) more common, when it becomes "mostly" that side.
    """
    if len(genders) == 1:
        return next(iter(genders))
    male = max((f for g, f in genders.items() if _LEAN[g] > 0), default=-1)
    female = max((f for g, f in genders.items() if _LEAN[g] < 0), default=-1)
    if male >= 0 and female >= 0:
        if abs(male - female) < 3:
            return "?"
        return "?M" if male > female else "?F"
    if male < 0 and female < 0:
        return "?"
    return "?M" if male >= 0 else "?F"


def parse_nam_dict(text: str) -> list[NameRecord]:
    """Name records from nam_dict.txt text: one per distinct spelling, duplicates merged.

    Comment (``#``) and equivalence (``=``) lines are skipped; a ``+`` inside a name joins the
    parts of a compound name and is written as a hyphen (``Jean+Pierre`` -> ``Jean-Pierre``).
    """
    genders: dict[str, dict[str, int]] = {}
    freqs: dict[str, dict[str, int]] = {}
    for lineno, raw in enumerate(io.StringIO(text), 1):
        line = raw.rstrip("\r\n")
        if not line or line[0] in "#=":
            continue
        code = line[:2].strip()
        name = line[NAME_COLUMNS].strip().replace("+", "-")
        if code not in _GENDER_CODES or not name:
            raise ValueError(f"line {lineno}: cannot read {line!r}")
        seen = freqs.setdefault(name, {})
        peak = 0
        for (region, _label), ch in zip(REGIONS, line[FREQ_START : FREQ_START + len(REGIONS)], strict=False):
            if ch != " ":
                peak = max(peak, int(ch, 16))
                seen[region] = max(seen.get(region, 0), int(ch, 16))
        tags = genders.setdefault(name, {})
        tag = _GENDER_CODES[code]
        tags[tag] = max(tags.get(tag, 0), peak)
    order = {code: i for i, (code, _) in enumerate(REGIONS)}
    return [
        NameRecord(
            name,
            _merge_gender(genders[name]),
            tuple(sorted(freqs[name].items(), key=lambda kv: order[kv[0]])),
        )
        for name in sorted(genders, key=lambda n: (n.casefold(), n))
    ]


def write_records(records: Iterable[NameRecord], out: Path) -> int:
    lines = [format_record(rec) for rec in records]
    payload = ("\n".join(lines) + "\n").encode("utf-8")
    with (
        out.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz,
    ):
        gz.write(payload)
    return len(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, help="wheel, sdist or nam_dict.txt")
    parser.add_argument("--out", type=Path, default=DATA_DIR / NAMES_FILE)
    args = parser.parse_args(argv)
    records = parse_nam_dict(read_source(args.source))
    count = write_records(records, args.out)
    print(f"wrote {count} names to {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
