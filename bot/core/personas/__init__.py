"""Companions with a self: personas, Character Cards, prompt rendering and the naming ritual.

Pure Python (no discord, no openai, no network). The public API is re-exported here.
"""

from bot.core.personas.builtin import BUILTIN_PERSONAS, DEFAULT_PERSONA_KEY
from bot.core.personas.cardfields import CardError
from bot.core.personas.cards import card_to_dict, export_json, export_png, import_card, parse_card
from bot.core.personas.model import Asset, LoreEntry, Persona, PersonaError
from bot.core.personas.namecheck import InvalidName, validate_name
from bot.core.personas.names import NameRecord, load_name_records, load_names
from bot.core.personas.naming import (
    NamingResult,
    choose_name,
    naming_announcement,
    naming_profile,
)
from bot.core.personas.render import (
    greetings,
    render_macros,
    render_post_history,
    render_system_prompt,
    select_lore,
)

__all__ = [
    "BUILTIN_PERSONAS",
    "DEFAULT_PERSONA_KEY",
    "Asset",
    "CardError",
    "InvalidName",
    "LoreEntry",
    "NameRecord",
    "NamingResult",
    "Persona",
    "PersonaError",
    "card_to_dict",
    "choose_name",
    "export_json",
    "export_png",
    "greetings",
    "import_card",
    "load_name_records",
    "load_names",
    "naming_announcement",
    "naming_profile",
    "parse_card",
    "render_macros",
    "render_post_history",
    "render_system_prompt",
    "select_lore",
    "validate_name",
]
