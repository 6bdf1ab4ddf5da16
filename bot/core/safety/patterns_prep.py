"""Preparation behaviours, judged over the whole message (English view).

People rarely announce a plan; they describe what they are doing: writing letters "for
after", hiding them where they will be found, giving away a pet or a guitar they "won't be
needing", deleting their accounts, paying back debts "so nobody has to deal with it",
telling someone where the passwords are "in case something happens". One behaviour alone is
a weak signal (people declutter, move, write birthday letters). A behaviour together with a
*finality* marker, or two different behaviours in one message, is a strong one.
"""

from __future__ import annotations

import logging
import re

from .rules import INDIRECT, SELF, Hit

log = logging.getLogger(__name__)

_W = r"(?:(?!not\b|never\b|no\b)\w+)"  # one word that is not a negator

_BEHAVIOURS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(p))
    for name, p in (
        (
            "letters",
            (
                rf"\b(?:wrote|written|writing|write|left|leaving|recorded|recording|made|making|typed|"
                rf"typing|drafted|hid|hidden|sealed|addressed)(?: {_W}){{0,3}} (?:letters?|notes?|"
                r"messages?|videos?|voice ?(?:notes?|messages?|memos?)|recordings?|emails?|cards?)"
                r"(?: (?:to|for) (?:my \w+|each of (?:them|my \w+)|everyone|everybody|all of "
                r"(?:them|you)|the people i love|people|them|him|her|my family|my friends|you))?\b"
            ),
        ),
        (
            "give_away",
            (
                r"\b(?:gave|giving|give|given|handed|handing|gifted|gifting|passed|passing)(?: away)? "
                r"(?:all |most )?(?:of )?my (?!(?:number|phone number|word|opinion|notice|two weeks|"
                r"presentation|speech|talk|answer|best|all|time|love|attention|seat|name|email|"
                r"address|info|details|blood|consent|permission|feedback|thoughts|input|apology|"
                r"condolences|resignation|homework|essay|assignment|shift|turn|ticket|spot|vote|"
                r"report|notes to the|class|lunch|jacket to)\b)\w+(?: \w+)?(?: away)? to\b"
                r"|\b(?:gave|giving|give|given|handed|handing) away (?:all (?:of )?)?my \w+"
                r"|\b(?:found|finding) (?:a )?(?:new )?homes? for my (?:cat|dog|kitten|puppy|pet|"
                r"pets|bunny|rabbit|hamster|bird|fish|snake|lizard|guinea pig)s?\b"
                r"|\brehom\w+ my (?:cat|dog|kitten|puppy|pet|pets|bunny|rabbit|hamster|bird)s?\b"
            ),
        ),
        (
            "accounts",
            (
                r"\b(?:deleted|deleting|deactivated|deactivating|wiped|wiping|closed|closing) "
                r"(?:all |most )?(?:of )?my (?:socials|social media|accounts|instagram|insta|tiktok|"
                r"twitter|facebook|snap|snapchat|discord|profiles?|everything online|photos|"
                r"search history|browser history)\b"
            ),
        ),
        (
            "debts",
            (
                r"\b(?:paid|paying|pay) (?:back|off) (?:everyone|everybody|all (?:of )?my|my debts?|"
                r"every\w*|what i owe|the people i owe)\b|\bsettled (?:all )?my (?:debts|accounts)\b"
                r"|\breturned (?:all )?(?:the )?(?:stuff|things) i borrowed\b"
            ),
        ),
        (
            "tidy_for_others",
            (
                r"\bso (?:nobody|no one|noone|they|my \w+|mom|dad|mum|my family|my parents|you)"
                r" (?:has|have|will have|would have|does not have|do not have|will not have|would "
                r"not have|will never have) to (?:deal with|clean|sort|go through|handle|take care "
                r"of|pay for|worry about) (?:my|it|anything|everything|this|the)\b"
            ),
        ),
        (
            "passwords",
            (
                r"\b(?:told|showed|gave|sent|wrote down|left|emailed|texted) (?:\w+ ){0,3}(?:where|"
                r"my|all my) (?:my |all my |the )?(?:passwords?|pins?|bank (?:details|info|account)|"
                r"spare keys?|will|life insurance|insurance (?:papers|policy)|documents|papers|login)\b"
            ),
        ),
        (
            "affairs",
            (
                r"\b(?:wrote|writing|written|made|making|updated|updating|finished|finishing) my "
                r"will\b|\b(?:put|putting|got|getting|have|had|sorting|sorted) my (?:affairs|things|"
                r"life|stuff) in order\b|\b(?:cancelled|canceled|cancelling|canceling) (?:all (?:of )?"
                r"my|my) (?:plans|appointments|subscriptions|commitments|therapy|sessions)\b"
            ),
        ),
        (
            "goodbyes",
            (
                r"\b(?:said|saying|say|made|making) (?:all )?my goodbyes\b|\b(?:said|saying|texted|"
                r"texting|visited|visiting|called|calling|hugged) (?:goodbye to |bye to )?(?:everyone|"
                r"everybody|all (?:of )?my (?:friends|family)|my (?:whole )?family) (?:one (?:last|"
                r"more|final) time|for the last time)\b"
            ),
        ),
    )
)

# Finality: the behaviour is for a time when the speaker is gone.
_FINALITY = re.compile(
    r"\b(?:for when|for after|after i am (?:gone|dead|not here)|when i am (?:gone|dead|not here"
    r"|not around)|once i am (?:gone|dead)|to (?:read|listen to|watch|open|find) (?:after|when|"
    r"once|later)|when (?:they|she|he|you|someone|people|my \w+|mom|dad|mum) (?:finds?|wakes? "
    r"up and finds?) (?:me|them|it|my body)|(?:in|under|on|inside) my (?:desk|drawer|pillow|"
    r"bed|backpack|bag|nightstand|dresser|closet|car|locker|wallet|diary|journal)|in (?:the|a|"
    r"my) (?:desk )?drawer|where (?:they|she|he|you|my \w+|mom|dad|mum) will (?:find|see) "
    r"(?:them|it)|(?:will not|would not|am not going to|do not) (?:need|be needing|use|be "
    r"using) (?:it|them|this|that|those|any of (?:it|them|this)|anything)(?: anymore| any more|"
    r" any longer| where i am going| after| now)?|no use for (?:it|them|anything)|better this "
    r"way|for the best|before i go\b(?! to\b)|before i am gone|in case (?:something|anything) "
    r"(?:happens|were to happen|should happen) to me|one (?:last|final) time|for the last "
    r"time|will (?:take (?:better )?care of|look after) (?:him|her|them|it) (?:now|for me|"
    r"better)|will not be (?:around|here) to)\b"
)
# Occasions that explain letters, giving and tidying without any risk.
_BENIGN = re.compile(
    r"\b(?:birthday|christmas|xmas|anniversary|thank[- ]?you|thanks|wedding|valentine\w*|"
    r"graduation|pen ?pals?|cover letter|college|application|assignment|class|homework|"
    r"recommendation|love letter|secret santa|surprise|moving|move|moved|moving out|"
    r"declutter\w*|spring clean\w*|kondo|goodwill|charity|donat\w*|yard sale|garage sale|"
    r"selling|sold|upgrade\w*|new (?:phone|one|laptop|place|apartment|house|job)|detox|"
    r"break from|deploy\w*|travel\w*|trip|vacation|holiday|baby|pregnan\w*|retir\w*|"
    r"allergic|allergy|landlord|lease|too small|outgrew|grew out of|game night)\b"
    r"|\b(?:got|bought|getting|have|ordered) (?:a |my )?(?:new|newer|better|another|upgraded)\b"
    r"|\bsince i (?:got|have|bought)\b"
)


def preparation_hits(text: str) -> list[Hit]:
    """Preparation signals in a normalised English message."""
    if not SELF.search(text) and not re.search(r"^(?:wrote|gave|left|deleted|paid|told|"
                                                r"cleaned|recorded)\b", text):
        return []
    found = [name for name, pattern in _BEHAVIOURS if pattern.search(text)]
    final = _FINALITY.search(text)
    if not found and not final:
        return []
    benign = _BENIGN.search(text)
    if found and (final or len(found) >= 2):
        weight = 0.3 if benign else 0.8
        return [Hit("prep:" + "+".join(found + (["final"] if final else [])), INDIRECT, weight)]
    # One behaviour alone is weak, and letters alone are already a rule of their own.
    if found and not benign and found[0] != "letters":
        return [Hit("prep:" + found[0], INDIRECT, 0.2)]
    return []
