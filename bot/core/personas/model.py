"""What a companion *is*: the persona dataclasses and their JSON storage form.

A :class:`Persona` carries everything a Character Card (V2/V3) can say about a character, plus
where it came from. Fields the cards have but we do not use (unknown ``extensions``, unknown
top-level or lorebook fields) are kept verbatim so an exported card loses nothing.

``creator_notes`` are notes *for people* (how to use the card); they never enter a prompt.
"""

from __future__ import annotations

import base64
import binascii
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)

STORAGE_FORMAT = 1
KEY_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
SOURCE_RE = re.compile(r"^(?:builtin|import|server:[0-9]{1,20})$")


class PersonaError(ValueError):
    """A persona (or its stored form) is not valid."""


def _tuple_of_str(value: Any, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise PersonaError(f"{what} must be a list of strings")
    if not all(isinstance(v, str) for v in value):
        raise PersonaError(f"{what} must contain only strings")
    return tuple(value)


def _dict(value: Any, what: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise PersonaError(f"{what} must be an object")
    return dict(value)


@dataclass(frozen=True)
class LoreEntry:
    """One lorebook entry (Character Card V2/V3 ``character_book.entries[]``).

    ``keys`` trigger the entry when they appear in recent messages (as regular expressions when
    ``use_regex``); with ``selective`` a secondary key must appear as well. ``constant`` entries
    are always used. ``insertion_order`` orders entries in the prompt (lower first) and
    ``priority`` decides what is dropped first when the lore budget is tight (lower first).
    """

    keys: tuple[str, ...]
    content: str
    enabled: bool = True
    insertion_order: float = 0
    case_sensitive: bool | None = None
    use_regex: bool = False
    constant: bool = False
    secondary_keys: tuple[str, ...] = ()
    selective: bool = False
    name: str = ""
    priority: float | None = None
    id: int | str | None = None
    comment: str = ""
    position: str | None = None
    extensions: dict[str, Any] = field(default_factory=dict, hash=False)
    extras: dict[str, Any] = field(default_factory=dict, hash=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "keys": list(self.keys),
            "content": self.content,
            "enabled": self.enabled,
            "insertion_order": self.insertion_order,
            "case_sensitive": self.case_sensitive,
            "use_regex": self.use_regex,
            "constant": self.constant,
            "secondary_keys": list(self.secondary_keys),
            "selective": self.selective,
            "name": self.name,
            "priority": self.priority,
            "id": self.id,
            "comment": self.comment,
            "position": self.position,
            "extensions": dict(self.extensions),
            "extras": dict(self.extras),
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> LoreEntry:
        return cls(
            keys=_tuple_of_str(d.get("keys"), "lore entry keys"),
            content=str(d.get("content", "")),
            enabled=bool(d.get("enabled", True)),
            insertion_order=d.get("insertion_order", 0) or 0,
            case_sensitive=d.get("case_sensitive"),
            use_regex=bool(d.get("use_regex", False)),
            constant=bool(d.get("constant", False)),
            secondary_keys=_tuple_of_str(d.get("secondary_keys"), "lore entry secondary_keys"),
            selective=bool(d.get("selective", False)),
            name=str(d.get("name") or ""),
            priority=d.get("priority"),
            id=d.get("id"),
            comment=str(d.get("comment") or ""),
            position=d.get("position"),
            extensions=_dict(d.get("extensions"), "lore entry extensions"),
            extras=_dict(d.get("extras"), "lore entry extras"),
        )


@dataclass(frozen=True)
class Asset:
    """A Character Card V3 asset: ``type`` (icon, background, emotion...), ``uri``, name, ext."""

    type: str
    uri: str
    name: str = ""
    ext: str = ""
    extras: dict[str, Any] = field(default_factory=dict, hash=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.extras,
            "type": self.type,
            "uri": self.uri,
            "name": self.name,
            "ext": self.ext,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Asset:
        known = {"type", "uri", "name", "ext"}
        return cls(
            type=str(d.get("type", "")),
            uri=str(d.get("uri", "")),
            name=str(d.get("name", "")),
            ext=str(d.get("ext", "")),
            extras={k: v for k, v in d.items() if k not in known},
        )


@dataclass(frozen=True)
class Persona:
    """A companion's character.

    ``name`` may be ``None``: such a companion names itself (see :mod:`.naming`). ``nickname``,
    when set, is what ``{{char}}`` becomes in prompts (Character Card V3). ``source`` is
    ``"builtin"``, ``"import"`` or ``"server:<guild_id>"``. ``card_source`` is the V3 card's own
    ``source`` list (ids/URLs of where the card came from). ``card_extras`` holds unknown card
    fields by level: ``{"root": {...}, "data": {...}, "book": {...}}`` where ``book`` is the
    lorebook's own fields other than its entries, scan depth and budget.
    """

    key: str
    name: str | None
    description: str = ""
    personality: str = ""
    scenario: str = ""
    first_message: str = ""
    example_dialogue: str = ""
    system_prompt: str = ""
    post_history_instructions: str = ""
    alternate_greetings: tuple[str, ...] = ()
    group_only_greetings: tuple[str, ...] = ()
    lorebook: tuple[LoreEntry, ...] = ()
    lore_scan_depth: int | None = None
    lore_token_budget: int | None = None
    tags: tuple[str, ...] = ()
    creator: str = ""
    creator_notes: str = ""
    creator_notes_multilingual: dict[str, str] = field(default_factory=dict, hash=False)
    character_version: str = ""
    nickname: str | None = None
    avatar: bytes | None = field(default=None, repr=False)
    assets: tuple[Asset, ...] = ()
    extensions: dict[str, Any] = field(default_factory=dict, hash=False)
    card_source: tuple[str, ...] = ()
    creation_date: int | None = None
    modification_date: int | None = None
    source: str = "builtin"
    card_extras: dict[str, dict[str, Any]] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        if not KEY_RE.match(self.key):
            raise PersonaError(f"persona key {self.key!r} is not a slug (a-z, 0-9, '-')")
        if not SOURCE_RE.match(self.source):
            raise PersonaError(
                f"persona source {self.source!r} must be builtin, import or server:<guild_id>"
            )
        if self.name is not None and not self.name.strip():
            raise PersonaError("persona name must be None (self-naming) or non-blank")

    @property
    def names_itself(self) -> bool:
        return self.name is None

    def prompt_name(self, chosen_name: str | None = None) -> str | None:
        """What ``{{char}}`` should become: the nickname, else the card name, else the name the
        companion chose for itself."""
        return self.nickname or self.name or chosen_name

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dict for storage (avatar as base64)."""
        return {
            "format": STORAGE_FORMAT,
            "key": self.key,
            "name": self.name,
            "description": self.description,
            "personality": self.personality,
            "scenario": self.scenario,
            "first_message": self.first_message,
            "example_dialogue": self.example_dialogue,
            "system_prompt": self.system_prompt,
            "post_history_instructions": self.post_history_instructions,
            "alternate_greetings": list(self.alternate_greetings),
            "group_only_greetings": list(self.group_only_greetings),
            "lorebook": [e.to_dict() for e in self.lorebook],
            "lore_scan_depth": self.lore_scan_depth,
            "lore_token_budget": self.lore_token_budget,
            "tags": list(self.tags),
            "creator": self.creator,
            "creator_notes": self.creator_notes,
            "creator_notes_multilingual": dict(self.creator_notes_multilingual),
            "character_version": self.character_version,
            "nickname": self.nickname,
            "avatar": base64.b64encode(self.avatar).decode("ascii") if self.avatar else None,
            "assets": [a.to_dict() for a in self.assets],
            "extensions": dict(self.extensions),
            "card_source": list(self.card_source),
            "creation_date": self.creation_date,
            "modification_date": self.modification_date,
            "source": self.source,
            "card_extras": {k: dict(v) for k, v in self.card_extras.items()},
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Persona:
        """Inverse of :meth:`to_dict`; raises :class:`PersonaError` on a malformed dict."""
        fmt = d.get("format", STORAGE_FORMAT)
        if fmt != STORAGE_FORMAT:
            raise PersonaError(f"unknown persona storage format {fmt!r}")
        try:
            avatar_b64 = d.get("avatar")
            avatar = base64.b64decode(avatar_b64, validate=True) if avatar_b64 else None
        except (binascii.Error, TypeError) as exc:
            raise PersonaError("stored avatar is not valid base64") from exc
        extras = _dict(d.get("card_extras"), "card_extras")
        try:
            return cls(
                key=str(d["key"]),
                name=d.get("name"),
                description=str(d.get("description", "")),
                personality=str(d.get("personality", "")),
                scenario=str(d.get("scenario", "")),
                first_message=str(d.get("first_message", "")),
                example_dialogue=str(d.get("example_dialogue", "")),
                system_prompt=str(d.get("system_prompt", "")),
                post_history_instructions=str(d.get("post_history_instructions", "")),
                alternate_greetings=_tuple_of_str(d.get("alternate_greetings"), "greetings"),
                group_only_greetings=_tuple_of_str(d.get("group_only_greetings"), "greetings"),
                lorebook=tuple(LoreEntry.from_dict(e) for e in d.get("lorebook") or ()),
                lore_scan_depth=d.get("lore_scan_depth"),
                lore_token_budget=d.get("lore_token_budget"),
                tags=_tuple_of_str(d.get("tags"), "tags"),
                creator=str(d.get("creator", "")),
                creator_notes=str(d.get("creator_notes", "")),
                creator_notes_multilingual=_dict(
                    d.get("creator_notes_multilingual"), "creator_notes_multilingual"
                ),
                character_version=str(d.get("character_version", "")),
                nickname=d.get("nickname"),
                avatar=avatar,
                assets=tuple(Asset.from_dict(a) for a in d.get("assets") or ()),
                extensions=_dict(d.get("extensions"), "extensions"),
                card_source=_tuple_of_str(d.get("card_source"), "card_source"),
                creation_date=d.get("creation_date"),
                modification_date=d.get("modification_date"),
                source=str(d.get("source", "builtin")),
                card_extras={k: _dict(v, f"card_extras.{k}") for k, v in extras.items()},
            )
        except KeyError as exc:
            raise PersonaError(f"stored persona lacks {exc.args[0]!r}") from exc
