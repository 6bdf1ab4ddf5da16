"""Character Card import/export: round trips through JSON and PNG, and kind rejections."""

from __future__ import annotations

import base64
import copy
import json
import re
import struct
import zlib
from typing import Any

import pytest

from bot.core.personas import CardError, export_json, export_png, import_card
from bot.core.personas.builtin import BUILTIN_PERSONAS, OS1
from bot.core.personas.cards import V2_BACKFILL_NOTE, card_to_dict
from bot.core.personas.png import (
    Chunk,
    gradient_avatar,
    read_chunks,
    text_chunks,
    with_text,
    write_png,
)


def v3_card() -> dict[str, Any]:
    """A complete V3 card with unknown fields at every level, regex lore, assets, non-ASCII."""
    return {
        "spec": "chara_card_v3",
        "spec_version": "3.0",
        "x_root_field": {"kept": True},
        "data": {
            "name": "Ἀθηνᾶ Mörk 🌙",
            "nickname": "Thena",
            "description": "{{char}} keeps the lighthouse (灯台守) on Skerry Isle.",
            "personality": "calm, wry, watchful",
            "scenario": "{{user}} rows out to the lighthouse at dusk.",
            "first_mes": "Evening, {{user}}. Mind the third step.",
            "mes_example": "<START>\n{{user}}: hi\n{{char}}: The kettle's on.",
            "creator_notes": "CANARY-NOTES: use with a slow model.",
            "creator_notes_multilingual": {"en": "Notes", "ja": "メモ"},
            "system_prompt": "{{original}} Speak like the sea is listening.",
            "post_history_instructions": "Stay brief.",
            "alternate_greetings": ["Back again?"],
            "group_only_greetings": ["Evening, all of you."],
            "tags": ["sea", "calm"],
            "creator": "tester",
            "character_version": "1.2",
            "extensions": {
                "depth_prompt": {"prompt": "x", "depth": 4},
                "x_vendor": [1, {"a": None}],
            },
            "assets": [
                {"type": "icon", "uri": "ccdefault:", "name": "main", "ext": "png", "x_meta": 1}
            ],
            "source": ["https://example.invalid/card/1"],
            "creation_date": 1700000000,
            "modification_date": 1700000500,
            "x_data_field": "kept",
            "character_book": {
                "name": "Sea lore",
                "recursive_scanning": False,
                "extensions": {"x_book": 1},
                "x_book_field": 7,
                "scan_depth": 3,
                "token_budget": 200,
                "entries": [
                    {
                        "keys": ["lighthouse"],
                        "content": "The lamp was lit in 1887.",
                        "extensions": {"x_entry": True},
                        "enabled": True,
                        "insertion_order": 2,
                        "constant": False,
                        "selective": True,
                        "secondary_keys": ["storm"],
                        "use_regex": False,
                        "case_sensitive": False,
                        "name": "isle",
                        "priority": 5,
                        "id": 1,
                        "comment": "c",
                        "position": "before_char",
                        "x_entry_field": "kept",
                    },
                    {
                        "keys": ["/\\bstorm(s|y)?\\b/i"],
                        "content": "Storms come from the west.",
                        "extensions": {},
                        "enabled": True,
                        "insertion_order": 1,
                        "constant": False,
                        "selective": False,
                        "secondary_keys": [],
                        "use_regex": True,
                    },
                ],
            },
        },
    }


def v2_card() -> dict[str, Any]:
    card = v3_card()
    data = card["data"]
    for key in (
        "nickname",
        "creator_notes_multilingual",
        "group_only_greetings",
        "assets",
        "source",
        "creation_date",
        "modification_date",
    ):
        del data[key]
    for entry in data["character_book"]["entries"]:
        entry.pop("use_regex")
    data["character_book"]["entries"][1]["keys"] = ["storm"]
    card.update(spec="chara_card_v2", spec_version="2.0")
    return card


def as_bytes(card: Any) -> bytes:
    return json.dumps(card, ensure_ascii=False).encode("utf-8")


def png_with(chunks: list[tuple[bytes, bytes]]) -> bytes:
    base = read_chunks(gradient_avatar("t", size=8))
    extra = [Chunk(t, d) for t, d in chunks]
    return write_png(base[:-1] + extra + base[-1:])


def b64(card: Any) -> bytes:
    return base64.b64encode(as_bytes(card))


# --- round trips -----------------------------------------------------------------------------


def test_v3_json_round_trip_keeps_everything() -> None:
    card = v3_card()
    persona = import_card(as_bytes(card), "thena.json")
    assert persona.name == "Ἀθηνᾶ Mörk 🌙"
    assert persona.nickname == "Thena"
    assert persona.source == "import"
    assert persona.lorebook[1].use_regex and persona.lore_scan_depth == 3
    assert persona.assets[0].extras == {"x_meta": 1}
    assert json.loads(export_json(persona, 3)) == card


def test_v2_json_round_trip_keeps_unknown_fields() -> None:
    card = v2_card()
    persona = import_card(as_bytes(card))
    assert persona.extensions["x_vendor"] == [1, {"a": None}]
    assert persona.card_extras["data"] == {"x_data_field": "kept"}
    assert json.loads(export_json(persona, 2)) == card


def test_png_round_trip_v3_with_both_chunks() -> None:
    card = v3_card()
    persona = import_card(as_bytes(card))
    png = export_png(persona)
    texts = text_chunks(read_chunks(png))
    assert set(texts) >= {"ccv3", "chara"}
    assert json.loads(base64.b64decode(texts["ccv3"])) == card
    chara = json.loads(base64.b64decode(texts["chara"]))
    assert chara["spec"] == "chara_card_v2"
    assert chara["data"]["creator_notes"].startswith(V2_BACKFILL_NOTE)
    again = import_card(png, "thena.png")
    assert again.avatar is not None and "ccv3" not in text_chunks(read_chunks(again.avatar))
    expected = persona.to_dict() | {"avatar": again.to_dict()["avatar"]}
    assert again.to_dict() == expected


def test_png_chara_only_reads_as_v2() -> None:
    card = v2_card()
    persona = import_card(png_with([(b"tEXt", b"chara\x00" + b64(card))]))
    assert persona.name == card["data"]["name"]
    assert json.loads(export_json(persona, 2)) == card


def test_ccv3_wins_over_chara() -> None:
    old = v2_card()
    old["data"]["name"] = "Old"
    png = png_with([(b"tEXt", b"chara\x00" + b64(old)), (b"tEXt", b"ccv3\x00" + b64(v3_card()))])
    assert import_card(png).nickname == "Thena"


def test_itxt_and_ztxt_chunks_are_read() -> None:
    card = v2_card()
    itxt = b"chara\x00\x01\x00\x00\x00" + zlib.compress(b64(card))
    assert import_card(png_with([(b"iTXt", itxt)])).name == card["data"]["name"]
    ztxt = b"chara\x00\x00" + zlib.compress(b64(card))
    assert import_card(png_with([(b"zTXt", ztxt)])).name == card["data"]["name"]


def test_damaged_unrelated_text_chunk_does_not_spoil_the_card() -> None:
    bad_xmp = b"XML:com.adobe.xmp\x00\x00\x00\x00\x00\xff\xfe not utf-8"
    png = png_with([(b"iTXt", bad_xmp), (b"tEXt", b"chara\x00" + b64(v2_card()))])
    assert import_card(png).name == v2_card()["data"]["name"]


def test_export_png_replaces_existing_card_chunks_in_given_image() -> None:
    old = png_with([(b"tEXt", b"chara\x00" + b64(v2_card())), (b"tEXt", b"Comment\x00hi")])
    png = export_png(OS1, old)
    kinds = [c.data.split(b"\x00")[0] for c in read_chunks(png) if c.type == b"tEXt"]
    assert sorted(kinds) == [b"Comment", b"ccv3", b"chara"]


def test_nameless_persona_round_trips_as_nameless() -> None:
    card = json.loads(export_json(OS1))
    assert card["data"]["name"] and card["data"]["extensions"]["os1"] == {"names_itself": True}
    back = import_card(export_json(OS1))
    assert back.name is None and "os1" not in back.extensions
    named = json.loads(export_json(OS1, name="Thea"))
    assert named["data"]["name"] == "Thea" and "os1" not in named["data"]["extensions"]


@pytest.mark.parametrize("key", sorted(BUILTIN_PERSONAS))
def test_builtins_survive_export_and_import(key: str) -> None:
    persona = BUILTIN_PERSONAS[key]
    back = import_card(export_png(persona))
    assert back.to_dict() | {"key": key, "source": "builtin", "avatar": None} == (
        persona.to_dict() | {"card_extras": back.card_extras}
    )


def test_v1_card_is_upgraded() -> None:
    v1 = {"name": "Pip", "description": "A small robot.", "first_mes": "Beep.", "chat": "x"}
    persona = import_card(as_bytes(v1))
    assert (persona.name, persona.first_message) == ("Pip", "Beep.")
    assert persona.card_extras["root"] == {"chat": "x"}
    assert json.loads(export_json(persona))["spec"] == "chara_card_v3"


def test_import_is_deterministic_and_keys_are_slugs() -> None:
    a = import_card(as_bytes(v3_card()), "x.json")
    b = import_card(as_bytes(v3_card()), "x.json")
    assert a == b
    assert re.fullmatch(r"mork-[0-9a-f]{8}", a.key)
    assert import_card(as_bytes({"name": "灯台"}), "Lamp Keeper.json").key.startswith(
        "lamp-keeper-"
    )


def test_card_to_dict_rejects_unknown_version() -> None:
    with pytest.raises(ValueError):
        card_to_dict(OS1, 4)


# --- rejections ------------------------------------------------------------------------------


def _broken(mutate: Any) -> bytes:
    card = copy.deepcopy(v3_card())
    mutate(card["data"])
    return as_bytes(card)


def _crc_broken() -> bytes:
    png = bytearray(export_png(OS1))
    idx = png.index(b"ccv3") + 10
    png[idx] ^= 0x01
    return bytes(png)


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"", "empty"),
        (b"hello there", "isn't valid JSON"),
        (b"\xff\xfe\x00garbage", "neither a PNG nor UTF-8"),
        (b"[1, 2]", "JSON object"),
        (b'{"spec": "chara_card_v9", "data": {}}', "“chara_card_v9”"),
        (b'{"spec": "lorebook_v3", "data": {}}', "lorebook"),
        (b'{"hello": 1}', "no “spec” and no “name”"),
        (b'{"spec": "chara_card_v2", "spec_version": "2.0"}', "no “data”"),
        (_broken(lambda d: d.pop("name")), "has no name"),
        (_broken(lambda d: d.update(name="   ")), "has no name"),
        (_broken(lambda d: d.update(name="N" * 65)), "at most 64"),
        (_broken(lambda d: d.update(description="x" * 32_001)), "“description” is 32,001"),
        (_broken(lambda d: d.update(tags="sea")), "“tags” should be a list"),
        (_broken(lambda d: d.update(personality=5)), "should be text, but it is a number"),
        (
            _broken(
                lambda d: d["character_book"].update(
                    entries=[{"keys": ["k"], "content": "c"}] * 501
                )
            ),
            "501 entries",
        ),
        (
            _broken(lambda d: d["character_book"]["entries"][1].update(keys=["(unclosed"])),
            "not a valid regular expression",
        ),
        (
            _broken(lambda d: d["character_book"]["entries"][1].update(keys=["(a+)+$"])),
            "take forever",
        ),
        (_broken(lambda d: d.update(x_big="x" * (2 * 1024 * 1024))), "MB of JSON"),
        (b"\xff\xd8\xff\xe0rest-of-a-jpeg", "JPEG"),
        (gradient_avatar("plain"), "just a picture"),
        (png_with([(b"tEXt", b"chara\x00!!!not base64!!!")]), "not valid base64"),
        (png_with([(b"tEXt", b"chara\x00" + base64.b64encode(b"{nope"))]), "isn't valid JSON"),
        (_crc_broken(), "checksum (CRC)"),
        (export_png(OS1)[:300], "cut short"),
        (export_png(OS1)[:-12], "cut short"),
    ],
)
def test_bad_cards_are_refused_kindly(data: bytes, needle: str) -> None:
    with pytest.raises(CardError) as info:
        import_card(data, "card.png")
    assert needle in info.value.message


def test_png_without_ihdr_first_is_refused() -> None:
    png = b"\x89PNG\r\n\x1a\n" + Chunk(b"IEND", b"").encode()
    with pytest.raises(CardError, match="IHDR"):
        import_card(png)


def test_export_png_refuses_non_png_image() -> None:
    with pytest.raises(CardError, match="PNG"):
        export_png(OS1, b"GIF89a....")


def test_with_text_places_chunks_before_iend() -> None:
    png = with_text(gradient_avatar("x", 4), [("chara", "YQ==")])
    types = [c.type for c in read_chunks(png)]
    assert types[-2:] == [b"tEXt", b"IEND"] and types[0] == b"IHDR"


def test_generated_avatar_is_a_valid_image() -> None:
    png = gradient_avatar("os1")
    chunks = read_chunks(png)
    width, height, depth, colour = struct.unpack(">IIBB", chunks[0].data[:10])
    assert (width, height, depth, colour) == (128, 128, 8, 2)
    raw = zlib.decompress(b"".join(c.data for c in chunks if c.type == b"IDAT"))
    assert len(raw) == height * (1 + 3 * width)
    assert gradient_avatar("os1") == png and gradient_avatar("juno") != png
