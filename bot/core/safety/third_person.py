"""Worries about someone else, read with the first-person frames.

"My bf keeps saying everyone would be better off if he was gone" is the same phenomenon as
"everyone would be better off if I was gone", reported. After a specific person is named
("my girlfriend", "a kid in my server", "my mom"), the rest of the sentence is rewritten in
the first person (he / she / they -> I, him / her -> me, his / her / their -> my,
himself -> myself, "wishes" -> "wish"), and every first-person rule runs on it. A hit
counts only when it covers a rewritten word, so the speaker's own words stay theirs.

Also here: signs that only make sense about someone else ("I found my dad's suicide note"),
and withdrawal ("has stopped eating") together with hopelessness.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from .frames import BENIGN_ABSENCE, BENIGN_DEPARTURE
from .frames import RELATION as _RELATION
from .patterns_cessation import CEASE
from .rules import (
    CONTEXTUAL,
    DESPAIR,
    EXPLICIT,
    INDIRECT,
    MEANS,
    THIRD_PARTY,
    Hit,
    Rule,
    is_negated,
    rule,
)

log = logging.getLogger(__name__)

# A specific person: generic "people" or "someone" statements are not reports of a risk.
SPECIFIC_SUBJECT = re.compile(
    rf"\b(?:my|our|a|one of my|this|that) (?:\w+ ){{0,3}}?{_RELATION}\b"
    r"(?:(?: \w+){0,3}? (?:in|from|at|on) (?:my|our|the) \w+)?"
)
_TOKEN = re.compile(r"[a-z']+")
_SUBJECT_PRONOUNS = {"he": "i", "she": "i", "they": "i"}
_FIXED = {"himself": "myself", "herself": "myself", "themselves": "myself",
          "themself": "myself", "him": "me", "them": "me", "his": "my", "their": "my",
          "theirs": "mine", "hers": "mine"}
_VERB_FIX = {"is": "am", "are": "am", "was": "was", "were": "was", "has": "have",
             "does": "do", "goes": "go", "says": "say"}
_FUNCTION = frozenset(
    ("and", "or", "but", "to", "a", "an", "the", "that", "if", "when", "is", "was", "be", "so",
     "then", "because", "as", "at", "in", "on", "of", "for", "with", "from", "by", "about",
     "again", "anymore", "more")
)


def _verb_first_person(word: str) -> str:
    if word in _VERB_FIX:
        return _VERB_FIX[word]
    if len(word) > 4 and re.search(r"(?:sh|ch|x|ss)es$", word):
        return word[:-2]
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def to_first_person(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Rewrite third-person references as first person; returns text and changed spans."""
    tokens = [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    length = 0
    fix_next = False
    for i, (tok, start, end) in enumerate(tokens):
        new = tok
        if tok in _SUBJECT_PRONOUNS:
            new, fix_next = "i", True
        elif tok == "her":
            nxt = tokens[i + 1][0] if i + 1 < len(tokens) else ""
            new = "my" if nxt and nxt not in _FUNCTION else "me"
        elif tok in _FIXED:
            new = _FIXED[tok]
        elif fix_next:
            if tok in ("just", "really", "still", "always", "even", "keeps", "keep", "never",
                       "also", "only", "literally", "honestly", "constantly"):
                new = "keep" if tok == "keeps" else tok
            else:
                new = _verb_first_person(tok)
                fix_next = False
        out.append(text[pos:start])
        length += start - pos
        if new != tok:
            spans.append((length, length + len(new)))
        out.append(new)
        length += len(new)
        pos = end
    out.append(text[pos:])
    return "".join(out), spans


def _covers(span: tuple[int, int], changed: Sequence[tuple[int, int]]) -> bool:
    return any(a < span[1] and span[0] < b for a, b in changed)


def reported_hits(sentence: str, rules: Sequence[Rule]) -> list[Hit]:
    """First-person rules applied to what a named person is reported to say or do."""
    subject = SPECIFIC_SUBJECT.search(sentence)
    if subject is None:
        return []
    rest, changed = to_first_person(sentence[subject.end():])
    if not changed:
        return []
    hits: list[Hit] = []
    for r in rules:
        if r.kind not in (EXPLICIT, INDIRECT, DESPAIR, MEANS, CONTEXTUAL):
            continue
        if r.kind == CONTEXTUAL and r.weight < 0.3:
            continue  # "she said goodbye" is not a worry; "she has a plan and a date" is
        m = r.regex.search(rest)
        if m is None or not _covers(m.span(), changed) or r.blocked(rest):
            continue
        if r.negatable and is_negated(rest, m.start()):
            continue
        weight = 0.3 if r.kind == DESPAIR else min(0.85, r.weight + 0.4)
        hits.append(Hit(f"tp:swapped:{r.name}", THIRD_PARTY, weight))
    return hits


_POSS = r"(?:his|her|their|(?:my|our) \w+'s|\w+'s)"
THIRD_PARTY_EXTRA: tuple[Rule, ...] = (
    rule(
        "tp:their_note", THIRD_PARTY, 0.85,
        rf"\b{_POSS} (?:suicide|goodbye|farewell) (?:note|letter|message|video)s?\b"
        r"|\b(?:found|saw|read|got|received) (?:a|his|her|their) (?:note|letter|message)\b"
        r".{0,60}\b(?:sorry|goodbye|forgive|love you all|take care of|do not blame)\b",
        negatable=False,
        unless=r"\b(?:years ago|(?:after|before) (?:he|she|they) (?:died|passed)|funeral|"
        r"anniversary|movie|book|story|show|game|character)\b",
    ),
    rule(
        "tp:burden_apology", THIRD_PARTY, 0.75,
        r"\b(?:posted|posting|posts|texted|texting|sent|wrote|writing|said|saying|says|messaged|"
        r"dm\w*|tweeted|put)\b.{0,30}\b(?:sorry for (?:being (?:a|such a) (?:burden|problem|"
        r"mess|disappointment)|being like this|existing|being born)|(?:i am|i'm) "
        r"(?:just )?a burden|(?:he|she|they) (?:is|are|was) (?:just )?a burden)\b",
        negatable=False,
    ),
    rule(
        "tp:talks_cessation", THIRD_PARTY, 0.8,
        r"\b(?:talking|talks|talked|posting|posts|posted|writing|writes|wrote|joking|jokes|"
        r"saying|says|said|texting|texts|texted|tweeting|tweets) (?:about|that)(?: (?:she|he|"
        r"they|her|him|them))? (?:wanting|wants|want|wanted|wishing|wishes|hoping|hopes|needing|"
        r"needs) (?:to )?" + CEASE,
        negatable=False,
    ),
    rule(
        "tp:reported_farewell", THIRD_PARTY, 0.2,
        r"\b(?:texted|sent|messaged|wrote|said|called|dm\w*|posted)\b.{0,40}\b(?:i love you"
        r"(?: all)?|take care of (?:mom|dad|mum|everyone|the \w+|my \w+|yourself)|goodbye|"
        r"sorry for everything|(?:it is|it was) not your fault|forgive me|remember me)\b",
        negatable=False,
        unless=BENIGN_DEPARTURE,
    ),
    rule(
        "tp:withdrawal", THIRD_PARTY, 0.3,
        r"\b(?:stopped|has stopped|have stopped|is not|are not|has not been|have not been|"
        r"barely|quit) (?:eating|sleeping|leaving (?:his|her|their) (?:room|bed|house)|going "
        r"(?:out|to school|to class|to work)|talking to (?:anyone|us|me|anybody)|taking (?:his|"
        r"her|their) meds)(?=\s*(?:[.!,?]|$| and | or | since | for (?:days|a week|weeks)| "
        r"completely| at all| entirely| properly| anymore| any more))",
        negatable=False,
    ),
)
_AWAY = re.compile(BENIGN_ABSENCE)
_HOPELESS = re.compile(
    r"\b(?:hopeless|no point|pointless|never been born|never born|better off|burden|give up|"
    r"gave up|giving up|worthless|nothing matters|does not care about anything|wants? to "
    r"disappear|goodbye|giving away)\b"
)


def withdrawal_with_hopelessness(sentence: str, hits: Sequence[Hit]) -> list[Hit]:
    """Withdrawal ("stopped eating") reported together with hopelessness is a crisis sign;
    so is a farewell ("take care of mom") followed by silence ("his phone is off")."""
    names = {h.name for h in hits}
    if ("tp:reported_farewell" in names and "tp:not_answering" in names
            and not _AWAY.search(sentence)):
        return [Hit("tp:farewell_then_silence", THIRD_PARTY, 0.85)]
    if "tp:withdrawal" not in names:
        return []
    others = [h for h in hits if h.kind == THIRD_PARTY and h.name != "tp:withdrawal"]
    if others or _HOPELESS.search(sentence):
        return [Hit("tp:withdrawal_and_hopeless", THIRD_PARTY, 0.8)]
    return []
