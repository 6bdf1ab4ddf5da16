"""Character Card import and export (V1 upgraded on import; V2 and V3 both ways).

A card is JSON: ``{"spec": "chara_card_v3", "spec_version": "3.0", "data": {...}}`` (V2 says
``chara_card_v2``/``2.0``; V1 is the bare fields without a spec). In a PNG it is base64 of the
UTF-8 JSON in a text chunk named ``ccv3`` (V3) or ``chara`` (V2); ``ccv3`` wins when both exist.

:func:`import_card` is pure: it returns a complete :class:`Persona` or raises :class:`CardError`
with a message meant for the person who sent the file. Unknown fields and ``extensions`` are
kept and written back on export.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import logging
import re
import unicodedata
from typing import Any

from bot.core.personas import cardfields as f
from bot.core.personas.cardfields import MAX_CARD_JSON_BYTES, MAX_PNG_BYTES, CardError
from bot.core.personas.model import Persona
from bot.core.personas.png import (
    PngError,
    gradient_avatar,
    is_png,
    read_chunks,
    text_chunks,
    with_text,
    without_text,
    write_png,
)

log = logging.getLogger(__name__)

__all__ = ["CardError", "card_to_dict", "export_json", "export_png", "import_card", "parse_card"]

SPEC_V2, SPEC_V3 = "chara_card_v2", "chara_card_v3"
CARD_CHUNKS = frozenset({"ccv3", "chara"})
V1_FIELDS = ("name", "description", "personality", "scenario", "first_mes", "mes_example")
DATA_FIELDS = frozenset(
    {
        *V1_FIELDS,
        "creator_notes",
        "system_prompt",
        "post_history_instructions",
        "alternate_greetings",
        "character_book",
        "tags",
        "creator",
        "character_version",
        "extensions",
        "assets",
        "nickname",
        "creator_notes_multilingual",
        "source",
        "group_only_greetings",
        "creation_date",
        "modification_date",
    }
)
NAMELESS_PLACEHOLDER = "OS1"
OUR_EXTENSION = "os1"  # extensions.os1.names_itself marks a companion that names itself
V2_BACKFILL_NOTE = (
    "This character card is Character Card V3, but it is loaded as a Character Card V2. "
    "Please use a Character Card V3 compatible application to use this character card properly."
)
_OTHER_IMAGES = {b"\xff\xd8\xff": "a JPEG", b"GIF8": "a GIF", b"RIFF": "a WebP or other RIFF"}


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40].strip("-")


def _key_for(name: str, filename: str | None, card: dict[str, Any]) -> str:
    digest = hashlib.sha256(
        json.dumps(card, sort_keys=True, ensure_ascii=False).encode("utf-8")
    ).hexdigest()[:8]
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", filename or "")
    base = _slug(name) or _slug(stem) or "card"
    return f"{base}-{digest}"


def _card_json(data: bytes) -> tuple[bytes, bytes | None]:
    """The card's JSON bytes, and the avatar (PNG without card chunks) when ``data`` is a PNG."""
    if not data:
        raise CardError("The file is empty, so there is no card in it.")
    if not is_png(data):
        for magic, kind in _OTHER_IMAGES.items():
            if data.startswith(magic):
                raise CardError(
                    f"This looks like {kind} image. I can read cards from PNG images or JSON files."
                )
        return data, None
    if len(data) > MAX_PNG_BYTES:
        raise CardError(
            f"This PNG is {len(data) / 1048576:.1f} MB; I can take cards up to "
            f"{MAX_PNG_BYTES // 1048576} MB. A smaller picture would help."
        )
    try:
        chunks = read_chunks(data)
        texts = text_chunks(chunks, CARD_CHUNKS)
    except PngError as exc:
        raise CardError(str(exc)) from exc
    raw = texts.get("ccv3") or texts.get("chara")
    if raw is None:
        raise CardError(
            "This PNG is just a picture: it has no character card inside it (no “ccv3” or "
            "“chara” text chunk). Was it saved by a character editor?"
        )
    compact = re.sub(r"\s+", "", raw)
    if len(compact) > MAX_CARD_JSON_BYTES * 4 // 3 + 4:
        raise CardError(
            f"The card inside this PNG is larger than {MAX_CARD_JSON_BYTES // 1048576} MB."
        )
    try:
        payload = base64.b64decode(compact + "=" * (-len(compact) % 4), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise CardError(
            "The card inside this PNG is damaged: its text is not valid base64, so I can't read it."
        ) from exc
    return payload, write_png(without_text(chunks, CARD_CHUNKS))


def _load_json(payload: bytes) -> Any:
    if len(payload) > MAX_CARD_JSON_BYTES:
        raise CardError(
            f"This card is {len(payload) / 1048576:.1f} MB of JSON; I can take up to "
            f"{MAX_CARD_JSON_BYTES // 1048576} MB."
        )
    try:
        return json.loads(payload.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise CardError("This file isn't a card: it is neither a PNG nor UTF-8 JSON text.") from exc
    except json.JSONDecodeError as exc:
        raise CardError(
            f"This file isn't valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}). "
            "I can read character cards as .json files or PNG images."
        ) from exc
    except RecursionError as exc:
        raise CardError("This card's JSON is nested far too deeply to read.") from exc


def _split(card: Any) -> tuple[int, dict[str, Any], dict[str, Any]]:
    """(spec version 1/2/3, data fields, root-level extras) of a decoded card."""
    if not isinstance(card, dict):
        raise CardError("This JSON isn't a character card: a card is a JSON object with fields.")
    spec = card.get("spec")
    if spec is None:
        if isinstance(card.get("data"), dict):
            raise CardError("This card has a “data” section but no “spec” saying which format.")
        if "name" not in card:
            raise CardError("This JSON isn't a character card: it has no “spec” and no “name”.")
        fields = {k: card[k] for k in V1_FIELDS if k in card}
        return 1, fields, {k: v for k, v in card.items() if k not in V1_FIELDS}
    if spec not in (SPEC_V2, SPEC_V3):
        hint = " It looks like a lorebook on its own." if str(spec).startswith("lorebook") else ""
        raise CardError(
            f"This card says its format is “{str(spec)[:40]}”, which I don't know. I can read "
            f"Character Card V2 (chara_card_v2) and V3 (chara_card_v3).{hint}"
        )
    version = 3 if spec == SPEC_V3 else 2
    spec_version = card.get("spec_version")
    try:
        declared = float(spec_version) if spec_version is not None else float(version)
    except (TypeError, ValueError):
        declared = float(version)
    if declared >= version + 1:
        log.info("card declares spec_version %r; reading it as %s", spec_version, spec)
    data = card.get("data")
    if not isinstance(data, dict):
        raise CardError(f"This {spec} card has no “data” object with the character in it.")
    root = {k: v for k, v in card.items() if k not in ("spec", "spec_version", "data")}
    for k in V1_FIELDS:  # V1 copies that V2 writers put at the top level; "data" is the truth
        root.pop(k, None)
    return version, data, root


def parse_card(card: Any, *, filename: str | None = None, avatar: bytes | None = None) -> Persona:
    """A Persona from an already-decoded card object (see :func:`import_card`)."""
    _version, data, root = _split(card)
    name = f.card_name(data.get("name"))
    extensions = f.obj(data.get("extensions"), "extensions")
    ours = extensions.get(OUR_EXTENSION)
    names_itself = isinstance(ours, dict) and ours.get("names_itself") is True
    if names_itself and isinstance(ours, dict):
        rest = {k: v for k, v in ours.items() if k != "names_itself"}
        if rest:
            extensions[OUR_EXTENSION] = rest
        else:
            del extensions[OUR_EXTENSION]
    entries, scan_depth, budget, book_extras = (
        f.lorebook(data["character_book"])
        if data.get("character_book") is not None
        else ((), None, None, {})
    )
    extras = {"root": root, "data": {k: v for k, v in data.items() if k not in DATA_FIELDS}}
    if book_extras or data.get("character_book") is not None:
        extras["book"] = book_extras
    return Persona(
        key=_key_for(name, filename, card),
        name=None if names_itself else name,
        description=f.text(data.get("description"), "description"),
        personality=f.text(data.get("personality"), "personality"),
        scenario=f.text(data.get("scenario"), "scenario"),
        first_message=f.text(data.get("first_mes"), "first_mes"),
        example_dialogue=f.text(data.get("mes_example"), "mes_example"),
        system_prompt=f.text(data.get("system_prompt"), "system_prompt"),
        post_history_instructions=f.text(
            data.get("post_history_instructions"), "post_history_instructions"
        ),
        alternate_greetings=f.text_list(data.get("alternate_greetings"), "alternate_greetings"),
        group_only_greetings=f.text_list(data.get("group_only_greetings"), "group_only_greetings"),
        lorebook=entries,
        lore_scan_depth=scan_depth,
        lore_token_budget=budget,
        tags=f.text_list(data.get("tags"), "tags"),
        creator=f.text(data.get("creator"), "creator"),
        creator_notes=f.text(data.get("creator_notes"), "creator_notes"),
        creator_notes_multilingual=f.multilingual(data.get("creator_notes_multilingual")),
        character_version=f.text(data.get("character_version"), "character_version"),
        nickname=f.optional_text(data.get("nickname"), "nickname"),
        avatar=avatar,
        assets=f.assets(data.get("assets")),
        extensions=extensions,
        card_source=f.text_list(data.get("source"), "source"),
        creation_date=f.count(data.get("creation_date"), "creation_date", limit=2**53),
        modification_date=f.count(data.get("modification_date"), "modification_date", limit=2**53),
        source="import",
        card_extras=extras,
    )


def import_card(data: bytes, filename: str | None = None) -> Persona:
    """A Persona from a card file's bytes (JSON, or a PNG with a card inside).

    Raises :class:`CardError` naming the problem; never returns a partial persona.
    """
    payload, avatar = _card_json(data)
    return parse_card(_load_json(payload), filename=filename, avatar=avatar)


def card_to_dict(persona: Persona, version: int = 3, *, name: str | None = None) -> dict[str, Any]:
    """The persona as a card object. ``name`` overrides the card name (e.g. the name a
    self-naming companion chose); a nameless persona is written with a placeholder name and
    ``extensions.os1.names_itself`` so that importing it back restores the namelessness."""
    if version not in (2, 3):
        raise ValueError(f"card version must be 2 or 3, not {version!r}")
    extensions = dict(persona.extensions)
    card_name = name or persona.name
    if card_name is None:
        card_name = NAMELESS_PLACEHOLDER
        ours = extensions.get(OUR_EXTENSION)
        extensions[OUR_EXTENSION] = {
            **(ours if isinstance(ours, dict) else {}),
            "names_itself": True,
        }
    data: dict[str, Any] = dict(persona.card_extras.get("data", {}))
    data.update(
        {
            "name": card_name,
            "description": persona.description,
            "personality": persona.personality,
            "scenario": persona.scenario,
            "first_mes": persona.first_message,
            "mes_example": persona.example_dialogue,
            "creator_notes": persona.creator_notes,
            "system_prompt": persona.system_prompt,
            "post_history_instructions": persona.post_history_instructions,
            "alternate_greetings": list(persona.alternate_greetings),
            "tags": list(persona.tags),
            "creator": persona.creator,
            "character_version": persona.character_version,
            "extensions": extensions,
        }
    )
    if persona.lorebook or "book" in persona.card_extras:
        book: dict[str, Any] = dict(persona.card_extras.get("book", {}))
        book.setdefault("extensions", {})
        if persona.lore_scan_depth is not None:
            book["scan_depth"] = persona.lore_scan_depth
        if persona.lore_token_budget is not None:
            book["token_budget"] = persona.lore_token_budget
        book["entries"] = [f.entry_to_card(e, version) for e in persona.lorebook]
        data["character_book"] = book
    if version == 3:
        data["group_only_greetings"] = list(persona.group_only_greetings)
        optional: dict[str, Any] = {
            "assets": [a.to_dict() for a in persona.assets] or None,
            "nickname": persona.nickname,
            "creator_notes_multilingual": dict(persona.creator_notes_multilingual) or None,
            "source": list(persona.card_source) or None,
            "creation_date": persona.creation_date,
            "modification_date": persona.modification_date,
        }
        data.update({k: v for k, v in optional.items() if v is not None})
    root: dict[str, Any] = dict(persona.card_extras.get("root", {}))
    root.update(
        {
            "spec": SPEC_V3 if version == 3 else SPEC_V2,
            "spec_version": "3.0" if version == 3 else "2.0",
            "data": data,
        }
    )
    return root


def export_json(persona: Persona, version: int = 3, *, name: str | None = None) -> bytes:
    """The card as pretty-printed UTF-8 JSON."""
    card = card_to_dict(persona, version, name=name)
    return json.dumps(card, ensure_ascii=False, indent=2).encode("utf-8")


def _b64_card(card: dict[str, Any]) -> str:
    raw = json.dumps(card, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(raw).decode("ascii")


def export_png(persona: Persona, image: bytes | None = None, *, name: str | None = None) -> bytes:
    """A PNG card: ``image`` (else the persona's avatar, else a generated gradient) carrying a
    ``ccv3`` chunk (V3) and a ``chara`` chunk (V2, for older apps), replacing any already there."""
    png = image if image is not None else persona.avatar or gradient_avatar(persona.key)
    v2 = card_to_dict(persona, 2, name=name)
    notes = v2["data"]["creator_notes"]
    v2["data"]["creator_notes"] = f"{V2_BACKFILL_NOTE}\n\n{notes}" if notes else V2_BACKFILL_NOTE
    try:
        return with_text(
            png,
            [("ccv3", _b64_card(card_to_dict(persona, 3, name=name))), ("chara", _b64_card(v2))],
        )
    except PngError as exc:
        raise CardError(f"I can only put a card into a PNG image: {exc}") from exc
