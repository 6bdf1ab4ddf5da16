"""Joining someone who died: a reunion line read against a loss in the recent context.

"I'll see her soon" is nothing after "my sister is visiting"; after "my mom died in April" it
is the most dangerous line in the conversation. The earlier messages are searched for a
death (any of the six languages) and who died; a reunion line in this message ("I'm going
to go be with my brother now", "logo vou estar com a minha mãe de novo") whose target is
that person, or a pronoun when a person (not a pet) died, is a crisis.
"""

from __future__ import annotations

import logging
import re

log = logging.getLogger(__name__)

# A death, said plainly; weaker words ("passed", "lost", "gone") need a person named with them.
_WEAK_DEATH = re.compile(
    r"\b(?:passed|lost (?:my|our)|(?:is|are) gone|in heaven|rest in peace|dead|perdi|perdu|"
    r"verloren|perso)\b"
)
_DEATH = re.compile(
    r"\b(?:died|passed away|passed on|was killed|got killed|took (?:his|her|their) (?:own )?life|"
    r"funeral|suicide"
    r"|murio|fallecio|su funeral|se murio"
    r"|est (?:mort|morte|decede|decedee)|nous a quitte\w*"
    r"|gestorben|verstorben|beerdigung|ist tot"
    r"|e (?:morto|morta|scomparso|scomparsa|mancato|mancata)|funerale"
    r"|morreu|faleceu|enterro|velorio)\b"
)
# Who: family and close people, in the six languages (normalised, no accents).
_GROUPS: dict[str, tuple[str, ...]] = {
    "mother": ("mom", "mum", "mother", "mama", "mommy", "ma", "madre", "mami", "mere",
               "maman", "mutter", "mamma", "mae", "mamae"),
    "father": ("dad", "father", "papa", "daddy", "pa", "padre", "pere", "vater", "pai",
               "papai", "babbo"),
    "brother": ("brother", "bro", "hermano", "frere", "bruder", "fratello", "irmao"),
    "sister": ("sister", "sis", "hermana", "soeur", "schwester", "sorella", "irma"),
    "grandmother": ("grandma", "granny", "nana", "grandmother", "abuela", "mamie", "oma",
                    "nonna", "avo", "vovo"),
    "grandfather": ("grandpa", "grandad", "granddad", "grandfather", "abuelo", "papi", "opa",
                    "nonno", "vovo"),
    "partner": ("wife", "husband", "partner", "boyfriend", "girlfriend", "fiance", "fiancee",
                "esposa", "esposo", "novio", "novia", "femme", "mari", "copain", "copine",
                "frau", "mann", "freund", "freundin", "moglie", "marito", "ragazzo", "ragazza",
                "marido", "namorado", "namorada"),
    "child": ("son", "daughter", "baby", "hijo", "hija", "fils", "fille", "sohn", "tochter",
              "figlio", "figlia", "filho", "filha"),
    "friend": ("friend", "bestie", "bff", "amigo", "amiga", "ami", "amie", "amico", "amica"),
    "other": ("uncle", "aunt", "cousin", "tio", "tia", "oncle", "tante", "onkel", "zio",
              "zia", "primo", "prima"),
}
_WORD_GROUP = {w: g for g, words in _GROUPS.items() for w in words}
_PETS = re.compile(
    r"\b(?:cat|dog|kitten|puppy|pet|hamster|fish|bird|rabbit|bunny|horse|gato|perro|chat|"
    r"chien|katze|hund|gatto|cane|cachorro)\b"
)
_WORDS = re.compile(r"[a-z]+")
_PRONOUN = frozenset(
    ("him", "her", "them", "he", "she", "they", "el", "ella", "lui", "lei", "ihm", "ihn", "ihr", "sie", "dir", "ele",
     "ela", "le", "la")
)


def message_losses(norm: str) -> frozenset[str]:
    """Relation groups (and "person") that one normalised message says died."""
    strong = _DEATH.search(norm)
    if not strong and not _WEAK_DEATH.search(norm):
        return frozenset()
    groups = {_WORD_GROUP[w] for w in _WORDS.findall(norm) if w in _WORD_GROUP}
    if groups:
        return frozenset(groups | {"person"})
    return frozenset({"person"}) if strong and not _PETS.search(norm) else frozenset()


def reunion_target_lost(matched: str, lost: frozenset[str]) -> bool:
    """Is the target of a reunion phrase someone who died?"""
    if not lost:
        return False
    words = _WORDS.findall(matched)
    groups = {_WORD_GROUP[w] for w in words if w in _WORD_GROUP}
    if groups:
        return bool(groups & lost)
    return "person" in lost and any(w in _PRONOUN for w in words)
