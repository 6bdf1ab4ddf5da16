"""Just enough PNG to carry character cards: chunk reading/writing and a generated avatar.

PNG is a signature then chunks of ``length (4, big-endian) | type (4) | data | CRC-32 of
type+data``, from ``IHDR`` to ``IEND``. Cards live in text chunks: ``tEXt`` (keyword NUL Latin-1
text), ``zTXt`` (keyword NUL method zlib-text) and ``iTXt`` (keyword NUL flag method language NUL
translated-keyword NUL UTF-8 text, optionally zlib-compressed).
"""

from __future__ import annotations

import hashlib
import logging
import math
import struct
import zlib
from dataclasses import dataclass

log = logging.getLogger(__name__)

SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_TEXT_CHUNK = 16 * 1024 * 1024  # decompressed text chunk bound (zip-bomb guard)
TEXT_CHUNKS = (b"tEXt", b"zTXt", b"iTXt")


class PngError(ValueError):
    """The bytes are not a PNG we can read; the message says why, for a person."""


@dataclass(frozen=True, slots=True)
class Chunk:
    type: bytes
    data: bytes

    def encode(self) -> bytes:
        crc = zlib.crc32(self.type + self.data) & 0xFFFFFFFF
        return struct.pack(">I", len(self.data)) + self.type + self.data + struct.pack(">I", crc)


def is_png(data: bytes) -> bool:
    return data.startswith(SIGNATURE)


def read_chunks(data: bytes) -> list[Chunk]:
    """All chunks up to and including IEND, each CRC-checked."""
    if not is_png(data):
        raise PngError("This isn't a PNG image (its first bytes are not the PNG signature).")
    chunks: list[Chunk] = []
    pos = len(SIGNATURE)
    while True:
        if pos + 8 > len(data):
            raise PngError("This PNG is cut short: it ends before its last chunk (IEND).")
        (length,) = struct.unpack_from(">I", data, pos)
        ctype = data[pos + 4 : pos + 8]
        if length > 0x7FFFFFFF or not ctype.isalpha():
            raise PngError(f"This PNG is damaged: a chunk header at byte {pos} makes no sense.")
        end = pos + 8 + length
        if end + 4 > len(data):
            raise PngError(
                f"This PNG is cut short: its {ctype.decode('ascii')} chunk needs {length} bytes "
                "but the file ends first."
            )
        body = data[pos + 8 : end]
        (crc,) = struct.unpack_from(">I", data, end)
        if zlib.crc32(ctype + body) & 0xFFFFFFFF != crc:
            raise PngError(
                f"This PNG is damaged: the checksum (CRC) of its {ctype.decode('ascii')} chunk "
                "does not match, so the file was changed or corrupted on the way."
            )
        if not chunks and ctype != b"IHDR":
            raise PngError("This PNG is damaged: it does not start with an IHDR chunk.")
        chunks.append(Chunk(ctype, body))
        pos = end + 4
        if ctype == b"IEND":
            return chunks


def _inflate(blob: bytes) -> bytes:
    d = zlib.decompressobj()
    try:
        out = d.decompress(blob, MAX_TEXT_CHUNK)
    except zlib.error as exc:
        raise PngError("A compressed text chunk in this PNG cannot be decompressed.") from exc
    if d.unconsumed_tail:
        raise PngError("A compressed text chunk in this PNG is far too large.")
    return out


def decode_text_chunk(chunk: Chunk) -> tuple[str, str] | None:
    """``(keyword, text)`` of a tEXt/zTXt/iTXt chunk, or None for other chunk types."""
    if chunk.type not in TEXT_CHUNKS:
        return None
    keyword, sep, rest = chunk.data.partition(b"\x00")
    if not sep:
        raise PngError(f"A {chunk.type.decode()} chunk in this PNG has no keyword separator.")
    key = keyword.decode("latin-1")
    if chunk.type == b"tEXt":
        return key, rest.decode("latin-1")
    if chunk.type == b"zTXt":
        if not rest or rest[0] != 0:
            raise PngError("A zTXt chunk in this PNG uses an unknown compression method.")
        return key, _inflate(rest[1:]).decode("latin-1")
    if len(rest) < 2:
        raise PngError("An iTXt chunk in this PNG is cut short.")
    compressed, method, rest = rest[0], rest[1], rest[2:]
    parts = rest.split(b"\x00", 2)
    if len(parts) != 3:
        raise PngError("An iTXt chunk in this PNG is missing its language fields.")
    text = parts[2]
    if compressed:
        if method != 0:
            raise PngError("An iTXt chunk in this PNG uses an unknown compression method.")
        text = _inflate(text)
    try:
        return key, text.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PngError("An iTXt chunk in this PNG is not valid UTF-8.") from exc


def text_chunks(chunks: list[Chunk], keywords: frozenset[str] | None = None) -> dict[str, str]:
    """Keyword -> text of the text chunks (lower-cased keywords; the first of each wins).

    With ``keywords``, only chunks with those keywords are decoded, so a damaged chunk that does
    not matter (say, XMP metadata) cannot spoil reading the ones that do."""
    found: dict[str, str] = {}
    for chunk in chunks:
        keyword = _keyword(chunk)
        if keyword is None or keyword in found or (keywords and keyword not in keywords):
            continue
        decoded = decode_text_chunk(chunk)
        if decoded is not None:
            found[keyword] = decoded[1]
    return found


def _keyword(chunk: Chunk) -> str | None:
    if chunk.type not in TEXT_CHUNKS:
        return None
    return chunk.data.partition(b"\x00")[0].decode("latin-1").lower()


def without_text(chunks: list[Chunk], keywords: frozenset[str]) -> list[Chunk]:
    """The chunks minus text chunks whose keyword (any case) is one of ``keywords``."""
    return [c for c in chunks if _keyword(c) not in keywords]


def text_chunk(keyword: str, text: str) -> Chunk:
    """A tEXt chunk; ``text`` must be Latin-1 (cards store base64, which is ASCII)."""
    return Chunk(b"tEXt", keyword.encode("latin-1") + b"\x00" + text.encode("latin-1"))


def write_png(chunks: list[Chunk]) -> bytes:
    return SIGNATURE + b"".join(c.encode() for c in chunks)


def with_text(png: bytes, entries: list[tuple[str, str]]) -> bytes:
    """``png`` with tEXt chunks for ``entries`` placed just before IEND, replacing any text
    chunk that already uses one of those keywords."""
    chunks = without_text(read_chunks(png), frozenset(k.lower() for k, _ in entries))
    new = [text_chunk(k, v) for k, v in entries]
    return write_png(chunks[:-1] + new + chunks[-1:])


def image_size(png: bytes) -> tuple[int, int]:
    ihdr = read_chunks(png)[0].data
    if len(ihdr) != 13:
        raise PngError("This PNG is damaged: its IHDR chunk has the wrong length.")
    width, height = struct.unpack_from(">II", ihdr)
    return width, height


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[int, int, int]:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


# Warm, soft pairs (top, bottom) in the spirit of the film's palette: coral, peach, dusk, sea.
PALETTES: tuple[tuple[tuple[int, int, int], tuple[int, int, int]], ...] = (
    ((240, 128, 104), (252, 206, 160)),
    ((214, 96, 92), (247, 176, 130)),
    ((120, 150, 168), (226, 210, 190)),
    ((150, 120, 160), (246, 190, 170)),
    ((96, 150, 140), (232, 220, 180)),
)


def gradient_avatar(seed: str, size: int = 128) -> bytes:
    """A small RGB PNG: a vertical two-colour gradient with a soft glow, colours from ``seed``."""
    digest = hashlib.sha256(seed.encode("utf-8")).digest()
    top, bottom = PALETTES[digest[0] % len(PALETTES)]
    cx = size * (0.35 + digest[1] / 255 * 0.3)
    cy = size * (0.35 + digest[2] / 255 * 0.3)
    radius = size * 0.55
    rows = bytearray()
    for y in range(size):
        base = _mix(top, bottom, y / (size - 1))
        rows.append(0)  # filter: none
        for x in range(size):
            d = math.hypot(x - cx, y - cy) / radius
            glow = 0.45 * max(0.0, 1.0 - d) ** 2
            rows.extend(_mix(base, (255, 250, 240), glow))
    ihdr = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return write_png(
        [Chunk(b"IHDR", ihdr), Chunk(b"IDAT", zlib.compress(bytes(rows), 9)), Chunk(b"IEND", b"")]
    )
