"""English rule tables, part two: despair, and lines that are ambiguous on their own.

Despair ("I hate my life", "nothing will ever get better") is never a crisis by itself, but
it is the context that turns an ambiguous line ("I'm coming home to you", "I'm ready now",
"this is the last time we'll talk") into one. Both tables match ``english_view`` text.
"""

from __future__ import annotations

import logging

from .rules import CONTEXTUAL, DESPAIR, Rule, rule

log = logging.getLogger(__name__)

DESPAIR_EN: tuple[Rule, ...] = (
    rule("hopeless", DESPAIR, 0.3, r"\b(?:hopeless|no hope|lost all hope|beyond help)\b"),
    rule(
        "never_better", DESPAIR, 0.3,
        r"\bnothing(?: <w>){0,2} (?:will|is going to|is ever going to|ever) (?:ever )?"
        r"(?:get|gets|change|changes)\b|\b(?:it|things|life) (?:will|is going to|is) never "
        r"(?:get|going to get|be|gets) better\b|\b(?:it|things|life) never gets? better\b",
    ),
    rule(
        "hate_self", DESPAIR, 0.3,
        r"\bi (?:<w> )?hate (?:my life|myself|being me|who i am|everything|this life|being here|"
        r"being alive)\b",
    ),
    rule(
        "worthless", DESPAIR, 0.3,
        r"\bi am (?:so |such |just |completely |totally |nothing but )?(?:an? )?(?:worthless|"
        r"useless|failure|burden|waste of (?:space|air|oxygen|life|skin)|pathetic|unlovable|broken|"
        r"mistake|disappointment to everyone)\b|\bi ruin everything\b",
    ),
    rule(
        "feel_empty", DESPAIR, 0.3,
        r"\bi (?:just |really |honestly |literally |always |often )*(?:feel|felt|have felt|"
        r"have been feeling|am feeling) (?:so |completely |totally |just )?"
        r"(?:empty|numb|hopeless|worthless|trapped|dead inside|like a burden|like such a "
        r"failure|like a failure|like nothing|invisible|like a ghost|like i do not exist)\b"
        r"|\bi am (?:so )?trapped\b",
    ),
    rule(
        "cannot_take_it", DESPAIR, 0.35,
        r"\bi (?:just |really |honestly |literally |seriously )*(?:cannot|can not) (?:take|"
        r"handle|bear|stand|cope with) (?:it|this|the pain|this "
        r"pain|any of this|much more|life)(?: anymore| any more| any longer)?\b",
    ),
    rule(
        "tired_of_everything", DESPAIR, 0.3,
        r"\b(?:tired|exhausted|sick) (?:of|from) (?:everything|fighting|trying|it all|all of this|"
        r"pretending|being me|feeling like this|this pain|the pain|hurting)\b",
    ),
    rule(
        "give_up", DESPAIR, 0.3,
        r"\bi (?:just )?(?:give|gave|am giving) up\b(?! on (?:this|the|that|my) \w+)",
    ),
    rule(
        "nobody_cares", DESPAIR, 0.3,
        r"\b(?:no one|nobody|noone) (?:<w> )?(?:cares|loves me|would care|understands me|"
        r"wants me|needs me|listens|listens to me|notices me|sees me|gets me|remembers me)\b"
        r"|\beveryone (?:left|leaves|abandoned|hates) me\b",
    ),
    rule(
        "alone", DESPAIR, 0.25,
        r"\bi am (?:so |all |completely |totally )alone\b|\beveryone else left\b",
    ),
    rule(
        "pain_never_stops", DESPAIR, 0.3,
        r"\b(?:the|this|my) pain (?:never|will never|does not|just does not|is never going to) "
        r"(?:stop|stops|end|ends|go away|goes away)\b|\bit never stops\b|\beverything hurts\b",
    ),
    rule(
        "not_feel_like_this", DESPAIR, 0.3,
        r"\bi do not want to feel (?:like this|this way|anything)(?: anymore| any more)?\b",
    ),
    rule(
        "how_keep_going", DESPAIR, 0.4,
        r"\bi do not know how (?:to keep going|to go on|much longer i can|to keep living|"
        r"to keep doing this)\b",
    ),
    rule(
        "pretending_ok", DESPAIR, 0.25,
        r"\b(?:cannot keep|tired of|exhausted from|sick of) pretending\b",
    ),
    rule(
        "nothing_left", DESPAIR, 0.35,
        r"\bi have nothing (?:left|to lose)\b|\bnothing (?:left )?for me (?:here|anymore)\b",
    ),
    rule(
        "whats_the_point", DESPAIR, 0.25,
        r"\bwhat is (?:even )?the point\b|\b(?:do not|cannot) (?:see|know) what the point\b"
        r"|\b(?:everything|my life|life|it all|all of it) is (?:so )?(?:pointless|meaningless|"
        r"hopeless)\b|\bi do not see the point\b",
    ),
    rule("i_am_done", DESPAIR, 0.25, r"\bi am (?:so |just )?done(?=\s*(?:[.!]|$))"),
    rule(
        "hurting_long", DESPAIR, 0.25,
        r"\b(?:been )?hurting for so long\b|\bcannot stop hurting\b",
    ),
    rule(
        "masking", DESPAIR, 0.25,
        r"\b(?:hiding|hide|hid|hidden) how (?:bad|much pain|sad|depressed|much i am hurting)\b"
        r"|\bpretend(?:ing|ed)? (?:i am|to be|that i am) (?:ok|okay|fine|happy|alright)\b"
        r"|\btold (?:\w+ ){1,2}i was (?:fine|ok|okay) but\b",
    ),
    rule(
        "nothing_ok_since", DESPAIR, 0.25,
        r"\bnothing (?:has been|is|was|feels) (?:ok|okay|right|the same|good) (?:since|without)\b"
        r"|\bi cannot (?:do this|go on|live|cope) without (?:him|her|them)\b",
    ),
    rule(
        "low_mood", DESPAIR, 0.15,
        r"\b(?:feel|feeling|felt) (?:really |so |very |pretty )?(?:low|depressed|hopeless)\b",
    ),
    rule("so_tired", DESPAIR, 0.15, r"\bi am (?:just )?so (?:tired|exhausted)(?=\s*(?:[.!]|$))"),
    rule("kill_me", DESPAIR, 0.2, r"\b(?:someone|somebody|just|please|god) kill me\b"),
)

# Ambiguous alone, alarming after despair ("I'm coming home to you").
CONTEXTUAL_EN: tuple[Rule, ...] = (
    rule(
        "coming_home", CONTEXTUAL, 0.2,
        r"\b(?:coming|come|going|get|getting|came) home to you\b|\bi (?:am|will be|could|can|"
        r"will) (?:coming|come|go) home\b",
        negatable=False,
    ),
    rule(
        "ready_now", CONTEXTUAL, 0.2,
        r"\bi (?:think i )?(?:am|feel) (?:finally |so |really )?ready(?=\s*(?:now|to go|to do it|"
        r"to leave|to die|to (?:join|see|meet|be with) (?:you|him|her|them)|[.!,]|$))",
    ),
    rule(
        "last_talk", CONTEXTUAL, 0.25,
        r"\b(?:this is|this will be|it is|this might be|that was) (?:the|our|my) last (?:time|"
        r"conversation|chat|message|talk)\b|\blast time (?:we|i) (?:will )?(?:talk|speak|chat)\b"
        r"|\b(?:my|a|the) last (?:message|goodbye|words)\b"
        r"|\b(?:this is|this will be|here is) my (?:very )?last (?:video|post|stream|tweet|story)"
        r"\b(?! (?:of|for|in|on|before|about|until|till|this|from))",
    ),
    rule(
        "never_hear_again", CONTEXTUAL, 0.35,
        r"\byou will (?:not|never) (?:hear from|see|talk to) me (?:again|anymore|any more)\b"
        r"|\b(?:we|i) will never (?:talk|speak|see each other) again\b",
    ),
    rule(
        "together_soon", CONTEXTUAL, 0.2,
        r"\b(?:we will|we are going to|we can|we shall|we would) (?:finally |soon |always )?be "
        r"together\b|\bbe together (?:forever|soon|at last|finally|again)\b",
        negatable=False,
    ),
    rule(
        "be_with_soon", CONTEXTUAL, 0.2,
        r"\b(?:i will|i am going to|i am coming to|i can) (?:be|join|see|meet) (?:with )?(?:you|"
        r"him|her|them|grandma|grandpa|mom|dad|mum|my \w+)(?: <w>){0,2}? (?:soon|tonight|"
        r"shortly|very soon)\b|\b(?:ready|going|coming|about|want|time) to join (?:you|him|her|"
        r"them|grandma|grandpa|mom|dad|my \w+)\b",
    ),
    rule(
        "other_side", CONTEXTUAL, 0.25,
        r"\b(?:see|meet|wait(?:ing)? for|find|join) (?:you|me) (?:on|at|from) the other side\b"
        r"|\bsee you (?:on the other side|in (?:heaven|the next life|another life|the afterlife|"
        r"a better place))\b|\b(?:go|going) to (?:a )?better place\b|\bcross(?:ing)? over\b",
    ),
    rule("want_out", CONTEXTUAL, 0.2, r"\bi (?:just )?(?:want|need) out\b(?! of)"),
    rule(
        "heading_to_height", CONTEXTUAL, 0.3,
        r"\b(?:heading|going|driving|walking|on my way|gonna go|about to go) (?:up )?to (?:the|a) "
        r"(?:bridge|roof|rooftop|cliff|cliffs|tracks|train tracks|top floor|parking garage|"
        r"river|overpass|tallest building)\b(?! (?:club|game|tournament|party|restaurant|cafe|"
        r"bar|market|festival|concert))",
    ),
    rule(
        "at_the_edge", CONTEXTUAL, 0.3,
        r"\bi am (?:standing|sitting|up|out|stood|sat) on (?:the|a|top of (?:the|a)) (?:bridge|"
        r"ledge|edge|roof|rooftop|railing|cliff|overpass|tracks)\b|\blooking down from (?:the|a) "
        r"(?:bridge|ledge|roof|rooftop|balcony|cliff)\b",
    ),
    rule(
        "reunion_wish", CONTEXTUAL, 0.2,
        r"\b(?:want|wish|long|need|get|going|gonna) (?:i could )?(?:to )?(?:be|see) (?:with )?"
        r"(?:him|her|them|my \w+) again\b|\bbe reunited with\b",
    ),
    rule("tonight_night", CONTEXTUAL, 0.2, r"\b(?:tonight|today) is the (?:night|day)\b"),
    rule(
        "over_soon", CONTEXTUAL, 0.2,
        r"\b(?:it|this|everything|all of this|the pain)(?: will| is going to)? (?:all )?be over "
        r"(?:soon|tonight|shortly)\b|\bit will (?:all )?be over\b",
    ),
    rule(
        "decided", CONTEXTUAL, 0.2,
        r"\bi (?:have|had) made (?:my|a|the|up my) (?:decision|mind|choice)\b|\bmy mind is made "
        r"up\b|\bi know what i (?:have|need|got) to do\b|\bi (?:have |had )?(?:finally )?"
        r"decided(?= (?:tonight|today|it is|that|this is|now)\b|\s*(?:[.!]|$))",
    ),
    rule(
        "dont_worry_me", CONTEXTUAL, 0.25,
        r"\bdo not worry about me (?:anymore|any more|after|from now on|ever again)\b",
    ),
    rule(
        "not_scared", CONTEXTUAL, 0.25,
        r"\bi am not (?:scared|afraid)(?: anymore| any more| of it| of dying| of death| now)?"
        r"(?=\s*(?:[.!,]|$))",
        negatable=False,
    ),
    rule(
        "do_it_tonight", CONTEXTUAL, 0.35,
        r"\b(?:going to|will|gonna|doing) (?:do )?it (?:tonight|today|now|soon|this weekend|"
        r"tomorrow|this week|after (?:work|school|class))\b",
    ),
    rule(
        "plan_date", CONTEXTUAL, 0.3,
        r"\bi have (?:a|the) plan and (?:a|the) (?:date|time|day)\b|\b(?:set|picked|chosen|chose)"
        r" (?:a|the) date\b|\bi (?:just )?need the (?:courage|guts|nerve)(?= to do it| to go "
        r"through|\s*(?:[.!,]|$))",
    ),
    rule(
        "farewell_affection", CONTEXTUAL, 0.2,
        r"\byou will always be my\b|\bi will always (?:love|remember) you\b|\btake care of "
        r"yourself\b|\bthank you for being (?:there|my friend|you)\b|\bplease be happy\b",
        negatable=False,
    ),
    rule(
        "free_soon", CONTEXTUAL, 0.2,
        r"\b(?:going to|will|gonna|soon) (?:finally )?be free (?:tonight|soon|at last|forever|"
        r"from (?:it all|everything|this|the pain))\b|\bfree (?:at last|forever)\b",
    ),
    rule(
        "when_gone", CONTEXTUAL, 0.25,
        r"\b(?:when|after|once|if) i am (?:gone|not here|not around)\b|\bi have (?:got )?"
        r"everything (?:ready|set|planned|prepared|sorted)\b|\bwill not be needing (?:it|them|"
        r"those|these|any of (?:it|this|them))(?=\s*(?:[.!,]|$))",
        negatable=False,
    ),
    rule(
        "through_with_it", CONTEXTUAL, 0.3,
        r"\b(?:go|going|gonna go|went|get|getting) through with it\b",
    ),
    rule(
        "its_time", CONTEXTUAL, 0.2,
        r"\bit is (?:almost |nearly |finally |now |about )?time(?=\s*(?:[.!,]|$|now\b))",
    ),
    rule(
        "remember_me", CONTEXTUAL, 0.2,
        r"\b(?:do not|never|please do not|try not to) forget (?:about )?me\b|\bremember me\b",
        negatable=False,
    ),
    rule(
        "thanks_everything", CONTEXTUAL, 0.15,
        r"\bthanks? (?:you )?for (?:everything|putting up with me|always being there|being my "
        r"friend|(?:listening|being there|everything) (?:all this time|all these \w+|always))\b"
        r"(?!.{0,60}\b(?:better|helped|see you|tomorrow|later|good night|goodnight)\b)",
    ),
    rule(
        "only_one", CONTEXTUAL, 0.2,
        r"\byou (?:were|have been|are) the only (?:one|person|thing) (?:who|that) (?:ever )?"
        r"(?:listened|understood|cared|got me)\b",
    ),
    rule(
        "goodbye", CONTEXTUAL, 0.15,
        r"\b(?:goodbye|farewell)\b(?!\s*(?:for now|see you|talk (?:to you )?(?:later|soon|"
        r"tomorrow)|until|till|for today|tonight|and good night|gn))",
    ),
    rule(
        "need_it_over", CONTEXTUAL, 0.25,
        r"\b(?:need|want) (?:it|this|everything) (?:over with|to be over|done with)\b",
    ),
    rule(
        "wont_be_here", CONTEXTUAL, 0.3,
        r"\b(?:will not|am not going to) be (?:here|around) (?:tomorrow|anymore|any more)\b",
    ),
)
