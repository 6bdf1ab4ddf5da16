"""JSON chat exports, JSON Lines and ChatGPT's conversations.json."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from bot.core.archive import ReadMeter, iter_items


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_json_chat_list_with_varied_keys(tmp_path: Path) -> None:
    path = tmp_path / "chat.json"
    path.write_text(
        json.dumps(
            [
                {
                    "role": "user",
                    "content": "I moved to Lisbon",
                    "timestamp": "2023-01-02T03:04:05Z",
                },
                {
                    "author": {"name": "Samantha"},
                    "text": "How does it feel?",
                    "timestamp": 1672628700000,
                },
                {
                    "role": "assistant",
                    "content": [{"type": "text", "text": "part one"}, "part two"],
                },
                {"role": "user", "content": "   "},
                {"sender": "Theo", "message": "no timestamp here", "time": "not a date"},
            ]
        )
    )
    items = list(iter_items(path))
    assert [(i.position, i.author, i.text) for i in items] == [
        ("message 1", "user", "I moved to Lisbon"),
        ("message 2", "Samantha", "How does it feel?"),
        ("message 3", "assistant", "part one\npart two"),
        ("message 5", "Theo", "no timestamp here"),
    ]
    assert items[0].timestamp == datetime(2023, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert items[1].timestamp == datetime(2023, 1, 2, 3, 5, tzinfo=UTC)
    assert items[3].timestamp is None


def test_json_object_with_messages_list(tmp_path: Path) -> None:
    path = tmp_path / "exported.json"
    path.write_text(
        json.dumps(
            {
                "channel": {"name": "general"},
                "messages": [
                    {
                        "author": {"name": "Amy", "nickname": "amy!"},
                        "content": "hey",
                        "timestamp": "2020-01-01T00:00:00+01:00",
                    }
                ],
            }
        )
    )
    (item,) = iter_items(path)
    assert (item.author, item.text) == ("amy!", "hey")
    assert item.timestamp == datetime(2019, 12, 31, 23, 0, tzinfo=UTC)


def test_json_with_invalid_utf8_is_repaired(tmp_path: Path) -> None:
    path = tmp_path / "chat.json"
    path.write_bytes(b'\xef\xbb\xbf[{"role": "user", "content": "caf\xe9 time"}]')
    (item,) = iter_items(path)
    assert item.text == "caf\ufffd time"


def test_lone_surrogates_are_cleaned(tmp_path: Path) -> None:
    path = tmp_path / "chat.json"
    path.write_text('[{"role": "user", "content": "broken \\ud800 emoji"}]')
    (item,) = iter_items(path)
    item.text.encode("utf-8")  # must not raise
    assert item.text.startswith("broken ")


def test_jsonl_positions_are_lines(tmp_path: Path) -> None:
    path = tmp_path / "chat.jsonl"
    path.write_text('{"role": "user", "content": "one"}\n\n{"role": "assistant", "text": "two"}\n')
    items = list(iter_items(path))
    assert [(i.position, i.author, i.text) for i in items] == [
        ("line 1", "user", "one"),
        ("line 3", "assistant", "two"),
    ]


def chatgpt_conversation(title: str, current: str | None = "a2b") -> dict[str, object]:
    """root -> system -> u1 -> a1 -> {u2a -> a2a (abandoned edit), u2b -> a2b (current)}."""

    def node(
        node_id: str,
        parent: str | None,
        children: list[str],
        role: str | None,
        text: str,
        t: float,
        **extra: object,
    ) -> dict[str, object]:
        message = None
        if role is not None:
            message = {
                "id": node_id,
                "author": {"role": role},
                "create_time": t,
                "content": {"content_type": "text", "parts": [text]},
                **extra,
            }
        return {"id": node_id, "message": message, "parent": parent, "children": children}

    mapping = {
        "root": node("root", None, ["sys"], None, "", 0),
        "sys": node("sys", "root", ["u1"], "system", "You are ChatGPT", 1_700_000_000),
        "u1": node("u1", "sys", ["a1"], "user", "Plan a trip to Lisbon", 1_700_000_010),
        "a1": node("a1", "u1", ["tool1"], "assistant", "Sure! Three days?", 1_700_000_020),
        "tool1": node("tool1", "a1", ["hidden"], "tool", "search results", 1_700_000_025),
        "hidden": node(
            "hidden",
            "tool1",
            ["u2a", "u2b"],
            "user",
            "custom instructions",
            1_700_000_026,
            metadata={"is_visually_hidden_from_conversation": True},
        ),
        "u2a": node("u2a", "hidden", ["a2a"], "user", "Make it five days", 1_700_000_030),
        "a2a": node("a2a", "u2a", [], "assistant", "Five days it is", 1_700_000_040),
        "u2b": node("u2b", "hidden", ["a2b"], "user", "Make it a week", 1_700_000_050),
        "a2b": node("a2b", "u2b", [], "assistant", "A week it is", 1_700_000_060),
    }
    mapping["empty"] = {
        "id": "empty",
        "message": {
            "author": {"role": "assistant"},
            "content": {"content_type": "text", "parts": [""]},
        },
        "parent": "a2b",
        "children": [],
    }
    return {
        "title": title,
        "create_time": 1_700_000_000.5,
        "current_node": current,
        "mapping": mapping,
    }


def test_chatgpt_conversations_follow_the_active_branch(tmp_path: Path) -> None:
    path = tmp_path / "conversations.json"
    path.write_text(
        json.dumps(
            [chatgpt_conversation("Lisbon trip"), chatgpt_conversation("Second", current=None)]
        )
    )
    items = list(iter_items(path))
    first = [i for i in items if i.context == "Lisbon trip"]
    assert [(i.author, i.text) for i in first] == [
        ("user", "Plan a trip to Lisbon"),
        ("assistant", "Sure! Three days?"),
        ("user", "Make it a week"),
        ("assistant", "A week it is"),
    ]
    assert first[0].position == "conversations[0].mapping[u1]"
    assert first[0].source == "conversations.json"
    assert first[0].timestamp == datetime.fromtimestamp(1_700_000_010, tz=UTC)
    # no current_node: the newest branch (last child at each fork) is followed
    second = [i for i in items if i.context == "Second"]
    assert [i.text for i in second] == [
        "Plan a trip to Lisbon",
        "Sure! Three days?",
        "Make it a week",
        "A week it is",
    ]
    assert second[0].position == "conversations[1].mapping[u1]"


def test_chatgpt_export_zip_reads_only_conversations(tmp_path: Path) -> None:
    path = write_zip(
        tmp_path / "chatgpt-export.zip",
        {
            "user.json": b'{"email": "x@example.com"}',
            "message_feedback.json": b"[]",
            "chat.html": b"<html></html>",
            "conversations.json": json.dumps([chatgpt_conversation("Trip")]).encode(),
        },
    )
    items = list(iter_items(path))
    assert len(items) == 4
    assert {i.source for i in items} == {"conversations.json"}


def test_reading_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text(
        json.dumps([{"role": "user", "content": f"message number {n}"} for n in range(50_000)])
    )
    meter = ReadMeter()
    items = iter_items(path, meter=meter)
    first = next(items)
    assert first.text == "message number 0"
    assert 0 < meter.done_bytes < meter.total_bytes / 4
    items.close()
