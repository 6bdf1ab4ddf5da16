"""Limits and malformed files end in an ArchiveError a person can act on."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from bot.core.archive import ArchiveError, ArchiveLimits, iter_items
from bot.core.errors import OS1Error

MB = 1024 * 1024


def write_zip(path: Path, members: dict[str, bytes], *, stored: bool = False) -> Path:
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(path, "w", method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def read_error(path: Path, **kwargs: object) -> str:
    with pytest.raises(ArchiveError) as caught:
        list(iter_items(path, **kwargs))  # type: ignore[arg-type]
    message = str(caught.value)
    assert caught.value.user_message == message
    return message


def test_archive_error_is_an_os1_error_with_the_same_user_message() -> None:
    error = ArchiveError("notes.txt is empty.")
    assert isinstance(error, OS1Error)
    assert error.user_message == "notes.txt is empty."


def test_too_big_file_names_size_and_limit(tmp_path: Path) -> None:
    path = tmp_path / "upload.bin"
    path.write_bytes(b"x" * (3 * MB))
    message = read_error(path, filename="export.zip", limits=ArchiveLimits(max_file_bytes=2 * MB))
    assert message == "export.zip is 3.0 MB; I can read archives up to 2.0 MB."


def test_zip_bomb_ratio_is_refused_before_unpacking(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "package.zip", {"messages/c1/messages.json": b" " * (20 * MB)})
    message = read_error(path)
    assert "messages/c1/messages.json" in message
    assert "zip bomb" in message
    assert "100 times" in message


def test_zip_total_uncompressed_limit(tmp_path: Path) -> None:
    body = json.dumps([{"ID": n, "Contents": f"m{n}"} for n in range(50_000)]).encode()
    path = write_zip(tmp_path / "package.zip", {"messages/c1/messages.json": body})
    message = read_error(path, limits=ArchiveLimits(max_zip_total_uncompressed=MB))
    assert message.startswith("package.zip unpacks to ")
    assert "I can read archives up to 1.0 MB unpacked." in message


def test_too_many_zip_members(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "many.zip", {f"notes/{n}.txt": b"hi" for n in range(30)})
    message = read_error(path, limits=ArchiveLimits(max_zip_members=10))
    assert message == "many.zip holds 30 files; I can read zips with up to 10 files."


def test_too_many_items(tmp_path: Path) -> None:
    path = tmp_path / "chat.jsonl"
    path.write_text("".join(f'{{"role": "user", "content": "m{n}"}}\n' for n in range(20)))
    message = read_error(path, limits=ArchiveLimits(max_items=10))
    assert "chat.jsonl holds more than 10 items" in message


def test_not_json_member_names_file_and_byte(tmp_path: Path) -> None:
    good = json.dumps([{"ID": n, "Contents": "x" * 50} for n in range(5000)])
    at = good.index(", {", 90_000)
    broken = good[:at] + " oops" + good[at:]
    path = write_zip(tmp_path / "package.zip", {"messages/c123/messages.json": broken.encode()})
    message = read_error(path)
    assert message.startswith("messages/c123/messages.json in package.zip is not valid JSON near")
    byte = int(message.rsplit("near byte ", 1)[1].rstrip(".").replace(",", ""))
    assert 80_000 <= byte <= 160_000


def test_truncated_json_says_it_is_cut_off(tmp_path: Path) -> None:
    path = tmp_path / "conversations.json"
    path.write_text(json.dumps([{"title": "t", "mapping": {}}] * 10)[:-30])
    message = read_error(path)
    assert message.startswith("conversations.json ends too early")
    assert "cut off" in message


def test_json_that_is_not_json_at_all(tmp_path: Path) -> None:
    path = tmp_path / "chat.json"
    path.write_text("hello, I am not JSON")
    assert read_error(path) == "chat.json is not valid JSON near byte 0."


def test_json_of_an_unknown_shape(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"theme": "dark"}')
    assert "not a chat export I recognise" in read_error(path)


def test_json_list_without_messages(tmp_path: Path) -> None:
    path = tmp_path / "numbers.json"
    path.write_text("[1, 2, 3]")
    assert read_error(path).startswith("I read 3 entries in numbers.json but found no messages")


def test_bad_jsonl_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "chat.jsonl"
    path.write_text('{"role": "user", "content": "ok"}\n{"role": broken}\n')
    assert read_error(path) == "Line 2 of chat.jsonl is not valid JSON."


def test_csv_without_expected_columns(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "package.zip", {"messages/5/messages.csv": b"a,b\n1,2\n"})
    message = read_error(path)
    assert message.startswith("messages/5/messages.csv in package.zip doesn't have the columns")


def test_damaged_zip_member(tmp_path: Path) -> None:
    body = json.dumps([{"ID": 1, "Contents": "hello there"}]).encode()
    path = write_zip(tmp_path / "package.zip", {"messages/c1/messages.json": body}, stored=True)
    data = bytearray(path.read_bytes())
    at = data.index(b"hello there")
    data[at : at + 5] = b"HELLO"  # same length, wrong CRC
    path.write_bytes(bytes(data))
    message = read_error(path)
    assert "messages/c1/messages.json is damaged" in message


def test_unknown_and_fake_formats(tmp_path: Path) -> None:
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(b"%PDF-1.7\n\x00\x01binary")
    assert read_error(pdf).startswith("I can't read paper.pdf. I understand plain text")
    fake = tmp_path / "package.zip"
    fake.write_text("not a zip")
    assert read_error(fake) == "package.zip is named like a zip, but it isn't a zip archive."
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert read_error(empty) == "empty.txt is empty."
    unreadable = write_zip(tmp_path / "photos.zip", {"a.png": b"\x89PNG\x00\x00"})
    assert read_error(unreadable).startswith("I didn't find anything I can read in photos.zip")


def test_missing_file(tmp_path: Path) -> None:
    assert read_error(tmp_path / "gone.txt").startswith("I couldn't open gone.txt")


def test_limits_validate() -> None:
    with pytest.raises(ValueError):
        ArchiveLimits(max_item_chars=10)
    with pytest.raises(ValueError):
        ArchiveLimits(max_items=0)
