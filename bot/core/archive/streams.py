"""Byte streams with a running count, and containers (zip or folder) read member by member.

Nothing here extracts a zip to disk or reads a member whole: every member is opened as a stream,
its bytes are counted as they pass (for progress and for the zip-bomb guard), and the declared
sizes are checked before the first byte is decompressed.
"""

from __future__ import annotations

import codecs
import io
import logging
import os
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, BinaryIO, Protocol

from bot.core.archive.model import ArchiveError, ArchiveLimits, human_bytes

log = logging.getLogger(__name__)

READ_BUFFER = 64 * 1024


class ReadMeter:
    """Bytes read so far out of the bytes expected; written by the reading thread, read by the
    event loop (plain int stores, so a reader sees a slightly stale but sane value)."""

    def __init__(self) -> None:
        self.done_bytes = 0
        self.total_bytes = 0


class CountingStream(io.RawIOBase):
    """A raw stream that counts what passes through it into a ReadMeter and enforces a ceiling."""

    def __init__(
        self, inner: IO[bytes], meter: ReadMeter, *, ceiling: int | None, label: str
    ) -> None:
        super().__init__()
        self._inner = inner
        self._meter = meter
        self._ceiling = ceiling
        self._label = label

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._inner.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self._meter.done_bytes += n
        if self._ceiling is not None and self._meter.done_bytes > self._ceiling:
            raise ArchiveError(
                f"{self._label} unpacks to more than {human_bytes(self._ceiling)}; "
                f"I can read archives up to {human_bytes(self._ceiling)} unpacked."
            )
        return n

    def close(self) -> None:
        try:
            self._inner.close()
        finally:
            super().close()


@dataclass(frozen=True)
class Member:
    """One file inside a container."""

    name: str  # posix path relative to the container root
    size: int  # uncompressed size in bytes
    compressed: int  # bytes it takes in the archive (== size for folders)


class Container(Protocol):
    """A zip file or a folder: a list of members, each opened as a byte stream."""

    label: str  # the name the person knows it by, for messages

    def members(self) -> list[Member]: ...

    def open(self, member: Member) -> IO[bytes]: ...

    def close(self) -> None: ...


class ZipContainer:
    def __init__(self, path: Path, label: str, limits: ArchiveLimits) -> None:
        self.label = label
        try:
            self._zip = zipfile.ZipFile(path)
        except zipfile.BadZipFile as exc:
            raise ArchiveError(
                f"{label} isn't a zip file I can open ({exc}). If it's a Discord data package, "
                "try downloading it again."
            ) from exc
        except OSError as exc:
            raise ArchiveError(f"I couldn't open {label}: {exc.strerror or exc}.") from exc
        infos = [info for info in self._zip.infolist() if not info.is_dir()]
        if len(infos) > limits.max_zip_members:
            self._zip.close()
            raise ArchiveError(
                f"{label} holds {len(infos):,} files; I can read zips with up to "
                f"{limits.max_zip_members:,} files."
            )
        self._members = [
            Member(name=info.filename, size=info.file_size, compressed=info.compress_size)
            for info in infos
            if _wanted(info.filename)
        ]

    def members(self) -> list[Member]:
        return list(self._members)

    def open(self, member: Member) -> IO[bytes]:
        try:
            return self._zip.open(member.name)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError) as exc:
            raise ArchiveError(
                f"In {self.label}, {member.name} can't be unpacked ({exc})."
            ) from exc

    def close(self) -> None:
        self._zip.close()


class FolderContainer:
    def __init__(self, path: Path, label: str, limits: ArchiveLimits) -> None:
        self.label = label
        self._root = path
        found: list[Member] = []
        for dirpath, dirnames, filenames in os.walk(path):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                full = Path(dirpath) / name
                rel = full.relative_to(path).as_posix()
                if not _wanted(rel) or not full.is_file():
                    continue
                size = full.stat().st_size
                found.append(Member(name=rel, size=size, compressed=size))
                if len(found) > limits.max_zip_members:
                    raise ArchiveError(
                        f"{label} holds more than {limits.max_zip_members:,} files; "
                        f"I can read folders with up to {limits.max_zip_members:,} files."
                    )
        self._members = found

    def members(self) -> list[Member]:
        return list(self._members)

    def open(self, member: Member) -> IO[bytes]:
        return (self._root / member.name).open("rb")

    def close(self) -> None:
        return None


def _wanted(name: str) -> bool:
    parts = name.split("/")
    return not any(p.startswith(".") or p == "__MACOSX" for p in parts)


def check_members(container: Container, members: list[Member], limits: ArchiveLimits) -> int:
    """Refuse a zip bomb before reading: the declared total and each member's ratio.

    Returns the declared total, which is also the denominator of the progress bar. zipfile
    itself stops decompressing a member at its declared size and checks its CRC, so a member
    cannot unpack to more than it declares.
    """
    total = 0
    for member in members:
        total += member.size
        if member.size >= limits.ratio_check_min_bytes:
            ratio = member.size / max(member.compressed, 1)
            if ratio > limits.max_compression_ratio:
                raise ArchiveError(
                    f"In {container.label}, {member.name} would unpack from "
                    f"{human_bytes(member.compressed)} to {human_bytes(member.size)} "
                    f"({ratio:,.0f} times its size). That looks like a zip bomb, so I won't "
                    f"open it; I accept files that grow up to {limits.max_compression_ratio:,.0f} "
                    "times when unpacked."
                )
    if total > limits.max_zip_total_uncompressed:
        raise ArchiveError(
            f"{container.label} unpacks to {human_bytes(total)}; I can read archives up to "
            f"{human_bytes(limits.max_zip_total_uncompressed)} unpacked."
        )
    return total


@contextmanager
def open_counted(
    container: Container, member: Member, meter: ReadMeter, limits: ArchiveLimits
) -> Iterator[BinaryIO]:
    """Open a member as a buffered stream whose bytes are counted into the meter."""
    raw = container.open(member)
    counter = CountingStream(
        raw, meter, ceiling=limits.max_zip_total_uncompressed, label=container.label
    )
    stream = io.BufferedReader(counter, buffer_size=READ_BUFFER)
    try:
        yield stream
    except zipfile.BadZipFile as exc:
        raise ArchiveError(
            f"In {container.label}, {member.name} is damaged ({exc}). "
            "Try downloading the archive again."
        ) from exc
    finally:
        stream.close()


@contextmanager
def open_counted_file(path: Path, meter: ReadMeter) -> Iterator[BinaryIO]:
    """Open a plain file as a buffered stream whose bytes are counted into the meter."""
    raw = path.open("rb", buffering=0)
    counter = CountingStream(raw, meter, ceiling=None, label=path.name)
    stream = io.BufferedReader(counter, buffer_size=READ_BUFFER)
    try:
        yield stream
    finally:
        stream.close()


class Utf8Repair(io.RawIOBase):
    """Pass UTF-8 through, replacing invalid bytes with U+FFFD and dropping a leading BOM, so a
    JSON parser that insists on valid UTF-8 reads a slightly damaged export instead of failing."""

    def __init__(self, inner: BinaryIO) -> None:
        super().__init__()
        self._inner = inner
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="replace")
        self._pending = b""
        self._eof = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self._pending and not self._eof:
            chunk = self._inner.read(READ_BUFFER)
            if not chunk:
                self._eof = True
                self._pending = self._decoder.decode(b"", final=True).encode("utf-8")
            else:
                self._pending = self._decoder.decode(chunk).encode("utf-8")
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


def repaired(stream: BinaryIO) -> BinaryIO:
    """A buffered, UTF-8-repaired view of a binary stream (closing it does not close `stream`)."""
    return io.BufferedReader(Utf8Repair(stream), buffer_size=READ_BUFFER)


def peek(stream: BinaryIO, size: int) -> bytes:
    """Up to `size` bytes at the front of a buffered stream, without consuming them (b"" for a
    stream that cannot peek)."""
    peeker = getattr(stream, "peek", None)
    return bytes(peeker(size)[:size]) if peeker is not None else b""
