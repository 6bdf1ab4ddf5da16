"""Text, markdown and Discord data packages are read into the right items, with sources and
positions recorded; format detection; the dedup key."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.core.archive import (
    ArchiveFormat,
    ArchiveItem,
    ArchiveLimits,
    ReadMeter,
    detect_format,
    iter_items,
)


def discord_package(root: str = "") -> dict[str, bytes]:
    """A small Discord data package: one JSON channel, one CSV channel, index.json, extras."""
    rows = io.StringIO()
    writer = csv.writer(rows, lineterminator="\n")
    writer.writerow(["ID", "Timestamp", "Contents", "Attachments"])
    writer.writerow(["21", "2020-05-10 12:34:56.123000+00:00", "old csv message", ""])
    writer.writerow(["22", "2020-05-10 12:35:00.000000+00:00", 'two\nlines, "quoted"', ""])
    writer.writerow(["23", "2020-05-10 12:36:00.000000+00:00", "", "https://cdn/x.png"])
    messages = [
        {
            "ID": 11,
            "Timestamp": "2024-03-01 10:20:30",
            "Contents": "hello from json",
            "Attachments": "",
        },
        {"ID": 12, "Timestamp": "2024-03-01 10:21:00", "Contents": "", "Attachments": "a.png"},
        {"ID": 13, "Timestamp": "2024-03-01 10:22:00", "Contents": "café ☕", "Attachments": ""},
    ]
    return {
        f"{root}account/user.json": b'{"id": "1", "username": "theo"}',
        f"{root}activity/analytics/events-1.json": b'{"event_type": "app_opened"}\n',
        f"{root}messages/index.json": json.dumps(
            {"111": "Direct Message with samantha#0001", "222": None}
        ).encode(),
        f"{root}messages/c111/channel.json": b'{"id": "111", "type": 1}',
        f"{root}messages/c111/messages.json": json.dumps(messages).encode(),
        f"{root}messages/222/channel.json": json.dumps(
            {"id": "222", "type": 0, "name": "general", "guild": {"id": "9", "name": "Book Club"}}
        ).encode(),
        f"{root}messages/222/messages.csv": rows.getvalue().encode(),
    }


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def write_folder(path: Path, members: dict[str, bytes]) -> Path:
    for name, data in members.items():
        target = path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("package.zip", b"PK\x03\x04rest", ArchiveFormat.ZIP),
        ("no-extension", b"PK\x03\x04rest", ArchiveFormat.ZIP),
        ("notes.txt", b"Dear diary", ArchiveFormat.TEXT),
        ("notes.md", b"# Title\n\nbody", ArchiveFormat.MARKDOWN),
        ("journal", b"# 2021-03-04\n\ntoday", ArchiveFormat.MARKDOWN),
        ("chat.json", b'[{"role": "user", "content": "hi"}]', ArchiveFormat.JSON),
        ("conversations.json", b'[{"title": "x"}]', ArchiveFormat.CHATGPT),
        ("export.json", b'  [{"title": "x", "mapping": {}}]', ArchiveFormat.CHATGPT),
        ("chat.jsonl", b'{"role": "user"}\n', ArchiveFormat.JSONL),
        ("chat.log", b'{"a": 1}\n{"a": 2}\n', ArchiveFormat.TEXT),
        ("chat", b'{"a": 1}\n{"a": 2}\n', ArchiveFormat.JSONL),
        ("messages.csv", b"ID,Timestamp,Contents,Attachments\n", ArchiveFormat.DISCORD_CSV),
        ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00", ArchiveFormat.UNKNOWN),
        ("paper.pdf", b"%PDF-1.7", ArchiveFormat.UNKNOWN),
        ("fake.zip", b"just text", ArchiveFormat.UNKNOWN),
        ("blob.bin", b"\x00\x01\x02\x03", ArchiveFormat.UNKNOWN),
    ],
)
def test_detect_format(name: str, head: bytes, expected: ArchiveFormat) -> None:
    assert detect_format(name, head) == expected


def test_plain_text_paragraphs_with_line_positions(tmp_path: Path) -> None:
    path = tmp_path / "diary.txt"
    path.write_bytes(
        b"First paragraph\nstill first.\n\n\nSecond one.\n2021-03-04\nDated paragraph.\n"
    )
    items = list(iter_items(path))
    assert [(i.position, i.text) for i in items] == [
        ("line 1", "First paragraph\nstill first."),
        ("line 5", "Second one."),
        ("line 7", "Dated paragraph."),
    ]
    assert {i.source for i in items} == {"diary.txt"}
    assert {i.author for i in items} == {"user"}
    assert items[0].timestamp is None
    assert items[2].timestamp == datetime(2021, 3, 4, tzinfo=UTC)


def test_long_paragraph_is_split_within_the_item_limit(tmp_path: Path) -> None:
    sentence = "This is one sentence of a long paragraph that never seems to end. "
    path = tmp_path / "long.txt"
    path.write_text(sentence * 200)  # ~13,000 chars, one paragraph
    items = list(iter_items(path, limits=ArchiveLimits(max_item_chars=2000)))
    assert len(items) >= 7
    assert all(len(i.text) <= 2000 for i in items)
    assert all(i.text.endswith("end.") for i in items[:-1])  # cut at sentence ends
    assert items[0].position == "line 1, part 1"
    joined = " ".join(i.text for i in items)
    assert joined.count("This is one sentence") == 200


def test_text_without_newlines_streams_in_bounded_pieces(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_text("word " * 60_000)  # 300 KB on a single line
    items = list(iter_items(path, limits=ArchiveLimits(max_item_chars=1000)))
    assert all(len(i.text) <= 1000 for i in items)
    assert sum(i.text.count("word") for i in items) == 60_000


def test_non_utf8_text_is_replaced_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Café au lait\n".encode("latin-1"))
    (item,) = iter_items(path)
    assert item.text == "Caf\ufffd au lait"


def test_markdown_headings_become_context_and_dates(tmp_path: Path) -> None:
    path = tmp_path / "journal.md"
    path.write_text(
        "# Journal\n\nIntro words.\n\n## 2022-07-14 Lisbon\n\nWe walked to the river.\n\n"
        "```\ncode line 1\n\ncode line 2\n```\n\n### Dinner\n\nSardines!\n\n## Notes\n\nUndated.\n"
    )
    items = list(iter_items(path))
    assert [(i.context, i.text) for i in items] == [
        ("Journal", "Intro words."),
        ("Journal › 2022-07-14 Lisbon", "We walked to the river."),
        ("Journal › 2022-07-14 Lisbon", "```\ncode line 1\n\ncode line 2\n```"),
        ("Journal › 2022-07-14 Lisbon › Dinner", "Sardines!"),
        ("Journal › Notes", "Undated."),
    ]
    lisbon = datetime(2022, 7, 14, tzinfo=UTC)
    assert [i.timestamp for i in items] == [None, lisbon, lisbon, lisbon, None]
    assert items[1].position == "line 7"


def test_discord_package_zip_reads_json_and_csv_channels(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "package.zip", discord_package())
    meter = ReadMeter()
    items = list(iter_items(path, meter=meter))
    assert [(i.source, i.position, i.text) for i in items] == [
        ("messages/c111/messages.json", "message 1", "hello from json"),
        ("messages/c111/messages.json", "message 3", "café ☕"),
        ("messages/222/messages.csv", "message 1", "old csv message"),
        ("messages/222/messages.csv", "message 2", 'two\nlines, "quoted"'),
    ]
    assert {i.author for i in items} == {"user"}
    assert items[0].context == "Direct Message with samantha#0001"  # from index.json
    assert items[2].context == "#general in Book Club"  # index has null: from channel.json
    assert items[0].timestamp == datetime(2024, 3, 1, 10, 20, 30, tzinfo=UTC)
    assert items[2].timestamp == datetime(2020, 5, 10, 12, 34, 56, 123000, tzinfo=UTC)
    assert meter.total_bytes > 0 and meter.done_bytes == meter.total_bytes


def test_discord_package_folder_and_nested_root_match_the_zip(tmp_path: Path) -> None:
    from_zip = list(iter_items(write_zip(tmp_path / "a.zip", discord_package())))
    nested = list(iter_items(write_zip(tmp_path / "b.zip", discord_package("package/"))))
    folder = list(iter_items(write_folder(tmp_path / "extracted", discord_package())))
    assert [i.text for i in nested] == [i.text for i in from_zip]
    assert nested[0].source == "package/messages/c111/messages.json"
    assert folder == from_zip


def test_long_discord_message_is_split_into_parts(tmp_path: Path) -> None:
    members = discord_package()
    members["messages/c111/messages.json"] = json.dumps(
        [{"ID": 1, "Timestamp": "2024-01-01 00:00:00", "Contents": "Blah blah. " * 400}]
    ).encode()
    path = write_zip(tmp_path / "package.zip", members)
    items = [i for i in iter_items(path) if i.source.endswith(".json")]
    assert len(items) == 3
    assert [i.position for i in items] == [
        "message 1, part 1",
        "message 1, part 2",
        "message 1, part 3",
    ]
    assert all(len(i.text) <= 2000 for i in items)


def test_zip_of_notes_skips_settings_json(tmp_path: Path) -> None:
    path = write_zip(
        tmp_path / "notes.zip",
        {
            "notes/a.txt": b"Plain note.",
            "notes/b.md": b"# Head\n\nMarkdown note.",
            "notes/settings.json": b'{"theme": "dark"}',
            "__MACOSX/notes/._a.txt": b"\x00\x05\x16\x07",
        },
    )
    items = list(iter_items(path))
    assert [(i.source, i.text, i.context) for i in items] == [
        ("notes/a.txt", "Plain note.", ""),
        ("notes/b.md", "Markdown note.", "Head"),
    ]


def test_dedup_key_normalizes_whitespace_case_and_time_precision() -> None:
    when = datetime(2024, 3, 1, 10, 20, 30, tzinfo=UTC)
    base = ArchiveItem("a.json", "message 1", when, "user", "Hello   there\nfriend")
    same = ArchiveItem(
        "b.csv",
        "message 9",
        when.replace(microsecond=500).astimezone(),
        " User ",
        "Hello there friend ",
    )
    assert base.dedup_key() == same.dedup_key()
    assert len(base.dedup_key()) == 64
    other_text = ArchiveItem("a.json", "message 1", when, "user", "Hello there, friend")
    other_time = ArchiveItem("a.json", "message 1", None, "user", "Hello   there\nfriend")
    assert len({base.dedup_key(), other_text.dedup_key(), other_time.dedup_key()}) == 3
    # NFC and NFD spellings of the same text are the same message
    nfc = ArchiveItem("x", "1", None, "user", "caf\u00e9")
    nfd = ArchiveItem("x", "1", None, "user", "cafe\u0301")
    assert nfc.dedup_key() == nfd.dedup_key()


def test_newer_package_with_capitalised_folders_under_a_root(tmp_path: Path) -> None:
    members = {
        "discord-theo-20250101/README.txt": b"Welcome to your Discord Data Package!",
        "discord-theo-20250101/Messages/index.json": b'{"5": "general in Choir"}',
        "discord-theo-20250101/Messages/c5/channel.json": b'{"id": "5", "type": 0}',
        "discord-theo-20250101/Messages/c5/messages.json": json.dumps(
            [{"ID": 1, "Timestamp": "2025-01-01 09:00:00", "Contents": "new year!"}]
        ).encode(),
    }
    (item,) = iter_items(write_zip(tmp_path / "package.zip", members))
    assert (item.text, item.context) == ("new year!", "general in Choir")
    assert item.source == "discord-theo-20250101/Messages/c5/messages.json"
