"""Reading one card's fields with limits, and the kind error a person sees when one is wrong."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from bot.core.personas.lorekeys import regex_key_problem
from bot.core.personas.model import Asset, LoreEntry

log = logging.getLogger(__name__)

MAX_CARD_JSON_BYTES = 2 * 1024 * 1024
MAX_PNG_BYTES = 8 * 1024 * 1024
MAX_TEXT_CHARS = 32_000
MAX_NAME_CHARS = 64
MAX_LORE_ENTRIES = 500
MAX_LIST_ITEMS = 200
MAX_SCAN_DEPTH = 1000

ENTRY_FIELDS = frozenset(
    {
        "keys",
        "content",
        "extensions",
        "enabled",
        "insertion_order",
        "case_sensitive",
        "use_regex",
        "constant",
        "name",
        "priority",
        "id",
        "comment",
        "selective",
        "secondary_keys",
        "position",
    }
)
BOOK_FIELDS = frozenset({"entries", "scan_depth", "token_budget"})


class CardError(ValueError):
    """A card cannot be imported; ``message`` says why, kindly, for the person who sent it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return "empty (null)"


def text(value: Any, where: str, *, limit: int = MAX_TEXT_CHARS) -> str:
    """A text field (null counts as empty), at most ``limit`` characters."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise CardError(f"The card's “{where}” should be text, but it is {_kind(value)}.")
    if len(value) > limit:
        raise CardError(
            f"The card's “{where}” is {len(value):,} characters long; "
            f"I can take at most {limit:,}. Could you shorten it?"
        )
    return value


def optional_text(value: Any, where: str) -> str | None:
    return None if value is None else text(value, where)


def text_list(value: Any, where: str, *, allow_csv: bool = False) -> tuple[str, ...]:
    """A list of texts (null counts as empty; a comma-separated string where ``allow_csv``)."""
    if value is None:
        return ()
    if allow_csv and isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, list):
        raise CardError(f"The card's “{where}” should be a list of text, but it is {_kind(value)}.")
    if len(value) > MAX_LIST_ITEMS:
        raise CardError(
            f"The card's “{where}” has {len(value):,} items; I can take at most {MAX_LIST_ITEMS}."
        )
    return tuple(text(v, f"{where}[{i}]") for i, v in enumerate(value))


def boolean(value: Any, where: str, default: bool) -> bool:
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    raise CardError(f"The card's “{where}” should be true or false, but it is {_kind(value)}.")


def number(value: Any, where: str) -> float | int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise CardError(f"The card's “{where}” should be a number, but it is {_kind(value)}.")
    return value


def count(value: Any, where: str, *, limit: int) -> int | None:
    """A non-negative whole number up to ``limit`` (or null)."""
    n = number(value, where)
    if n is None:
        return None
    if n < 0 or n != int(n) or n > limit:
        raise CardError(f"The card's “{where}” should be a whole number from 0 to {limit:,}.")
    return int(n)


def obj(value: Any, where: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise CardError(f"The card's “{where}” should be an object, but it is {_kind(value)}.")
    return dict(value)


def card_name(value: Any) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise CardError("This card has no name. Every character card needs one in its “name”.")
    name = text(value, "name").strip()
    if len(name) > MAX_NAME_CHARS:
        raise CardError(
            f"The card's name is {len(name)} characters long; a name can be at most "
            f"{MAX_NAME_CHARS}. Could you give the character a shorter one?"
        )
    return name


def lore_entry(raw: Any, index: int) -> LoreEntry:
    where = f"character_book.entries[{index}]"
    entry = obj(raw, where)
    label = f"Lorebook entry {index + 1}"
    if isinstance(entry.get("name"), str) and entry["name"].strip():
        label += f" (“{entry['name'].strip()[:40]}”)"
    use_regex = boolean(entry.get("use_regex"), f"{where}.use_regex", False)
    keys = text_list(entry.get("keys"), f"{where}.keys", allow_csv=True)
    if use_regex:
        for key in keys:
            problem = regex_key_problem(key)
            if problem:
                raise CardError(
                    f"{label} has a regular-expression key “{key[:60]}” that {problem}."
                )
    ident = entry.get("id")
    if ident is not None and (isinstance(ident, bool) or not isinstance(ident, (int, str))):
        raise CardError(f"The card's “{where}.id” should be a number or text.")
    return LoreEntry(
        keys=keys,
        content=text(entry.get("content"), f"{where}.content"),
        enabled=boolean(entry.get("enabled"), f"{where}.enabled", True),
        insertion_order=number(entry.get("insertion_order"), f"{where}.insertion_order") or 0,
        case_sensitive=(
            None
            if entry.get("case_sensitive") is None
            else boolean(entry["case_sensitive"], f"{where}.case_sensitive", False)
        ),
        use_regex=use_regex,
        constant=boolean(entry.get("constant"), f"{where}.constant", False),
        secondary_keys=text_list(
            entry.get("secondary_keys"), f"{where}.secondary_keys", allow_csv=True
        ),
        selective=boolean(entry.get("selective"), f"{where}.selective", False),
        name=text(entry.get("name"), f"{where}.name", limit=500),
        priority=number(entry.get("priority"), f"{where}.priority"),
        id=ident,
        comment=text(entry.get("comment"), f"{where}.comment"),
        position=optional_text(entry.get("position"), f"{where}.position"),
        extensions=obj(entry.get("extensions"), f"{where}.extensions"),
        extras={k: v for k, v in entry.items() if k not in ENTRY_FIELDS},
    )


def lorebook(raw: Any) -> tuple[tuple[LoreEntry, ...], int | None, int | None, dict[str, Any]]:
    """(entries, scan_depth, token_budget, other book fields) of a ``character_book``."""
    book = obj(raw, "character_book")
    entries = book.get("entries")
    if entries is None:
        entries = []
    if not isinstance(entries, list):
        raise CardError(
            f"The card's “character_book.entries” should be a list, but it is {_kind(entries)}."
        )
    if len(entries) > MAX_LORE_ENTRIES:
        raise CardError(
            f"The card's lorebook has {len(entries):,} entries; I can take at most "
            f"{MAX_LORE_ENTRIES}."
        )
    parsed = tuple(lore_entry(e, i) for i, e in enumerate(entries))
    scan_depth = count(book.get("scan_depth"), "character_book.scan_depth", limit=MAX_SCAN_DEPTH)
    budget = count(book.get("token_budget"), "character_book.token_budget", limit=10_000_000)
    extras = {k: v for k, v in book.items() if k not in BOOK_FIELDS}
    return parsed, scan_depth, budget, extras


def assets(raw: Any) -> tuple[Asset, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise CardError(f"The card's “assets” should be a list, but it is {_kind(raw)}.")
    if len(raw) > MAX_LIST_ITEMS:
        raise CardError(f"The card has {len(raw):,} assets; I can take at most {MAX_LIST_ITEMS}.")
    out = []
    for i, item in enumerate(raw):
        d = obj(item, f"assets[{i}]")
        for fieldname in ("type", "uri", "name", "ext"):
            text(d.get(fieldname), f"assets[{i}].{fieldname}", limit=MAX_CARD_JSON_BYTES)
        out.append(Asset.from_dict(d))
    return tuple(out)


def multilingual(raw: Any) -> dict[str, str]:
    d = obj(raw, "creator_notes_multilingual")
    return {str(k): text(v, f"creator_notes_multilingual.{k}") for k, v in d.items()}


def entry_to_card(entry: LoreEntry, version: int) -> dict[str, Any]:
    out: dict[str, Any] = dict(entry.extras)
    out.update(
        {
            "keys": list(entry.keys),
            "content": entry.content,
            "extensions": dict(entry.extensions),
            "enabled": entry.enabled,
            "insertion_order": entry.insertion_order,
            "constant": entry.constant,
            "selective": entry.selective,
            "secondary_keys": list(entry.secondary_keys),
        }
    )
    if version >= 3 or entry.use_regex:
        out["use_regex"] = entry.use_regex
    optional = {
        "case_sensitive": entry.case_sensitive,
        "name": entry.name or None,
        "priority": entry.priority,
        "id": entry.id,
        "comment": entry.comment or None,
        "position": entry.position,
    }
    out.update({k: v for k, v in optional.items() if v is not None})
    return out
