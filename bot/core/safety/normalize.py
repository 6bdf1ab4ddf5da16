"""Text normalisation and a small language guesser for the safety detector.

Everything downstream matches against the normalised form: casefolded, accents stripped
(so "más" and "mas" are one word) and typographic quotes straightened. The English view
also expands contractions ("I'm" -> "i am", "dont" -> "do not") and spells out common chat
shorthand ("kms" -> "kill myself"). Pattern tables can then be written once, in plain
lowercase ASCII.
"""

from __future__ import annotations

import logging
import re
import unicodedata

log = logging.getLogger(__name__)

_QUOTES = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    }
)

# Leetspeak only where a digit sits between letters ("su1c1de", "k1ll"), so times such as
# "3am" and numbers such as "40 pills" are left alone.
_LEET = str.maketrans({"1": "i", "3": "e", "0": "o", "4": "a", "5": "s", "@": "a", "$": "s"})
_LEET_TOKEN = re.compile(r"\b(?=\w*[a-z][1340@$5][a-z])[a-z1340@$5]+\b")
_REPEATS = re.compile(r"([a-z])\1{2,}")
# An apostrophe not between two letters is a quotation mark: 'goodbye everyone' -> goodbye.
_QUOTE_APOSTROPHE = re.compile(r"(?<![a-z])'|'(?![a-z])")

# Order matters: specific forms before the generic n't rule.
_EXPANSIONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"\b(?:i'm|im|i m)\b", "i am"),
        (r"\b(?:i've|ive)\b", "i have"),
        (r"\bi'll\b", "i will"),
        (r"\bi'd\b", "i would"),
        (r"\b(?:won't|wont)\b", "will not"),
        (r"\b(?:can't|cant|cannot|can not)\b", "cannot"),
        (r"\b(?:ain't|aint)\b", "am not"),
        (r"\b(?:don't|dont)\b", "do not"),
        (r"\b(?:doesn't|doesnt)\b", "does not"),
        (r"\b(?:didn't|didnt)\b", "did not"),
        (r"\b(?:isn't|isnt)\b", "is not"),
        (r"\b(?:wouldn't|wouldnt)\b", "would not"),
        (r"\b(?:couldn't|couldnt)\b", "could not"),
        (r"\b(?:shouldn't|shouldnt)\b", "should not"),
        (r"\b(?:haven't|havent)\b", "have not"),
        (r"\b(\w+)n't\b", r"\1 not"),
        (
            r"\b(it|that|there|what|he|she|who|everything|nothing|life|tonight|today|"
            r"tomorrow|now|here|where|how|when|everyone|nobody|someone|somebody)'s\b",
            r"\1 is",
        ),
        (r"\b(?:thats)\b", "that is"),
        (r"\b(?:whats)\b", "what is"),
        (r"\b(you|we|they)'re\b", r"\1 are"),
        (r"\b(you|we|they|he|she|it|that|there)'ll\b", r"\1 will"),
        (r"\b(you|we|they|he|she)'d\b", r"\1 would"),
        (r"\b(you|we|they)'ve\b", r"\1 have"),
        (r"\bu\b", "you"),
        (r"\bur\b", "your"),
        (r"\br\b", "are"),
        (r"\bwanna\b", "want to"),
        (r"\bgonna\b", "going to"),
        (r"\bgotta\b", "got to"),
        (r"\b(?:cuz|coz|bc)\b", "because"),
        (r"\b(?:kms|kmsl)\b", "kill myself"),
        (r"\bunalive\b", "kill"),
        (r"\b(?:sewerslide|sewer slide|suicde|sucide|suiside|suicied)\b", "suicide"),
        (r"\bod\b", "overdose"),
        (r"\bbf\b", "boyfriend"),
        (r"\bgf\b", "girlfriend"),
        (r"\btmrw\b", "tomorrow"),
        (r"\bppl\b", "people"),
    )
)

_SPACES = re.compile(r"[ \t]+")


def strip_accents(text: str) -> str:
    """Drop combining marks: "é" -> "e", "ü" -> "u", "ç" -> "c"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize(text: str) -> str:
    """Casefold, strip accents, straighten quotes, undo light leetspeak; any language."""
    out = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    out = strip_accents(out)
    out = _LEET_TOKEN.sub(lambda m: m.group(0).translate(_LEET), out)
    out = _REPEATS.sub(r"\1\1", out)
    out = _QUOTE_APOSTROPHE.sub(" ", out)
    return _SPACES.sub(" ", out).strip()


def english_view(norm: str) -> str:
    """Expand English contractions and chat shorthand in already normalised text.

    Kept apart from :func:`normalize` because some shorthand collides with other languages
    (German "im" is not "I'm"); the English tables match this view, the others do not.
    """
    out = norm
    for pattern, repl in _EXPANSIONS:
        out = pattern.sub(repl, out)
    return _SPACES.sub(" ", out).strip()


_SENTENCE_SPLIT = re.compile(r"(?<=[.!?;])\s+|\n+|\s+-\s+")


def sentences(norm: str) -> list[str]:
    """Split normalised text into sentences for sentence-local rules (framing, history)."""
    return [s.strip() for s in _SENTENCE_SPLIT.split(norm) if s and s.strip()]


# Function words that are frequent in one language and rare in the others (words shared by
# two of these languages, such as "que", "de", "me", "no", "die", "will", are left out).
# Scored on the normalised (accent-free) text, so "más" is "mas" and "não" is "nao".
_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "i i'm im you the and to is it my not am want this that what have of be just are "
        "with for how can would at there's it's don't can't i've i'll your about anymore "
        "there going get they he she we all if like feel know really because but or myself "
        "why who when been being do does did any everyone nobody".split()
    ),
    "es": frozenset(
        "yo quiero estoy tengo pero muy ya hoy el y los las del se todo ahora siento como "
        "este esto por lo soy hay voy muerto cansada cansado sola echo menos familia puedo "
        "nadie tambien cuando donde ella ellos mucho bien estas eres morir morirme sabado "
        "verte risa vivir".split()
    ),
    "fr": frozenset(
        "je ne pas le les et est une mon suis veux plus j'ai c'est tout pour avec moi rien "
        "mes ce qui dans au vous nous des trop tres fait faim envie mourir vivre jours m'a "
        "quand ca j'en n'ai depuis parti besoin parler juste mort rire suicider".split()
    ),
    "de": frozenset(
        "ich nicht und der das ist mich mein meine mehr ein eine zu mit auf habe bin kann "
        "es sterben leben heute nacht einfach nach wie sich auch aber noch mir dich wir "
        "sind traurig mude arbeit gestorben hunger vor lach tot immer denke bringe".split()
    ),
    "it": frozenset(
        "io non che di il voglio sono piu della per ho vita niente tutto anche questo questa "
        "sto oggi po piace morire canzone stanco stanca ridere dal giu lavoro stressa meglio "
        "stare vorrei farla finita sempre uccidermi lei lui molto cosi perche sei".split()
    ),
    "pt": frozenset(
        "eu nao o quero estou minha meu com uma tudo tenho voce hoje morrer viver vou matar "
        "cansado saudade saudades avo rir morrendo trabalho muito isso esse essa ela ele "
        "tambem agora em".split()
    ),
}
_WORD = re.compile(r"[a-z']+")


def detect_language(norm: str) -> str:
    """Best guess among en/es/fr/de/it/pt from function words; English when unsure."""
    words = _WORD.findall(norm)
    if not words:
        return "en"
    scores = {lang: sum(1 for w in words if w in table) for lang, table in _STOPWORDS.items()}
    best = max(scores, key=lambda lang: (scores[lang], lang == "en"))
    if best != "en" and scores[best] <= scores["en"]:
        return "en"
    return best if scores[best] > 0 else "en"
