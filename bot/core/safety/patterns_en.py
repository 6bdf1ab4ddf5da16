"""English rule tables, part one: explicit and indirect statements.

Matched against ``normalize.english_view`` (lowercase ASCII, contractions expanded: "I'm" is
"i am", "don't" is "do not", "won't" is "will not"). Each rule describes a way people say a
thing, not one sentence; the weights are stand-alone risk (0.7 and above is "high").
Means-seeking questions are structural and live in ``means.py``.
"""

from __future__ import annotations

import logging

from .rules import DESPAIR, EXPLICIT, INDIRECT, Rule, rule

log = logging.getLogger(__name__)

# Adverbs that may sit between "I" and the verb: "I just really want to die".
ADV = (
    r"(?:(?:really|just|honestly|seriously|literally|kind of|kinda|sort of|actually|still|"
    r"sometimes|often|always|so|truly|genuinely|definitely|already|even|finally|also|totally|"
    r"almost|constantly|probably|think i|feel like i|only|simply|badly|desperately) )*"
)
KILL_SELF = (
    r"(?:kill|killing|killed|hang|hanging|hanged|shoot|shooting|drown|drowning|poison|"
    r"poisoning|suffocate|suffocating|off|offing|overdose|overdosing) myself"
)
END_LIFE = r"(?:end|ending|ended|take|taking|took) my (?:own )?life|(?:end|ending) it all"
# Filler words below are written <w> : any word but a negator, so
# "i am not suicidal" does not read as "i am suicidal".
SELF_HARM = r"(?:cut|cutting|burn|burning|hurt|hurting|harm|harming|starve|starving) myself"

EXPLICIT_EN: tuple[Rule, ...] = (
    rule("kill_self", EXPLICIT, 0.95, rf"\b{KILL_SELF}\b"),
    rule("end_life", EXPLICIT, 0.95, rf"\b(?:{END_LIFE})\b"),
    rule(
        "commit_suicide", EXPLICIT, 0.9,
        r"\b(?:commit|committing|attempt|attempting|attempted|try|trying|tried) (?:to commit )?"
        r"suicide\b",
        needs_self=True,
    ),
    rule(
        "desire_death", EXPLICIT, 0.9,
        rf"\bi {ADV}(?:want|wanted|need|wish|would like|am ready|deserve|long|plan|"
        rf"have decided|decided|intend|should just|just want)(?: to)? {ADV}"
        rf"(?:die|be dead|not be alive|not exist|stop existing|cease to exist|not wake up|"
        rf"never wake up)\b",
    ),
    rule(
        "want_end_it", EXPLICIT, 0.8,
        rf"\bi {ADV}(?:want|need|am going|plan|am ready|am about|have decided|decided|am "
        rf"thinking about|think about|will) (?:to )?(?:end|ending) it\b(?! (?:with|for|all "
        rf"with|between|here|now and|by|before|early|on))",
    ),
    rule(
        "method_intent", EXPLICIT, 0.85,
        rf"\bi {ADV}(?:want|need|am going|plan|am planning|am about|will|am ready|keep thinking "
        rf"about|am thinking about|have been thinking about|think about|feel like|could just) "
        rf"(?:to )?(?:jump(?:ing)?(?: off| from| in front of)?|throw(?:ing)? myself|"
        rf"step(?:ping)? in front of|driv(?:e|ing) (?:my car )?(?:off|into)|crash(?:ing)? my "
        rf"car|drown(?:ing)?|overdos(?:e|ing)|(?:tak(?:e|ing)|swallow(?:ing)?) all (?:my|of my|"
        rf"the|of the) (?:<w> )?(?:pills|meds|tablets|medication))\b(?!.{{0,30}}\b(?:into the"
        rf"|in the) (?:water|lake|pool|sea|"
        rf"ocean|river|sleep|shower|car)\b)(?! (?:on|at|for) (?:the )?(?:bandwagon|trampoline|"
        rf"chance|opportunity|conversation|call))",
    ),
    rule(
        "rather_dead", EXPLICIT, 0.9,
        r"\bi would (?:much )?rather (?:die|be dead) than (?:keep|keeping|go on|going on|"
        r"live|living|continue|continuing|feel|feeling|wake up|be like this|spend another)",
    ),
    rule("rather_dead_hyperbole", INDIRECT, 0.3, r"\bi would (?:much )?rather (?:die|be dead)\b"),
    rule(
        "wish_dead", EXPLICIT, 0.85,
        rf"\bi {ADV}wish (?:that )?i (?:was|were|could be|would be) (?:dead|gone forever|"
        rf"not alive)\b|\bi {ADV}wish i (?:could|would) (?:just )?(?:die|not wake up|"
        rf"never wake up|stop existing)\b|\bi {ADV}hope i (?:do not|will not|never) wake up\b",
    ),
    rule(
        "never_born", INDIRECT, 0.7,
        rf"\bi {ADV}wish (?:that )?i (?:was|were|had) never (?:been )?born\b",
    ),
    rule(
        "suicidal_self", EXPLICIT, 0.9,
        r"\b(?:i am|i have been|i feel|i felt|i get|i was|i keep feeling|i have felt|"
        r"i am feeling|feeling) (?:<w> ){0,2}suicidal\b|\b(?:my|having|have|get|getting|"
        r"with) (?:<w> )?suicidal (?:thoughts|ideation|urges|feelings)\b",
    ),
    rule(
        "suicide_thoughts", EXPLICIT, 0.9,
        r"\b(?:thinking about|thinking of|thoughts? of|thought about|think about|planning|"
        r"plan|considering|contemplating|obsessed with|fantasi[sz]ing about) "
        r"(?:<w> ){0,2}(?:suicide|killing myself|ending it|ending my life|ending things|"
        r"ending everything)\b(?! with| between)",
        needs_self=True,
    ),
    rule(
        "death_thoughts_often", INDIRECT, 0.45,
        r"\b(?:think|thinking|thought) (?:about|of) (?:death|dying|being dead|not being here|"
        r"not existing)(?: so)? (?:a lot|all the time|constantly|every day|so much|lately|often|"
        r"more and more)\b",
        needs_self=True,
    ),
    rule(
        "thinking_dying", INDIRECT, 0.5,
        r"\b(?:keep|been|always|constantly) (?:thinking|dreaming|fantasi[sz]ing) (?:about|of) "
        r"(?:dying|being dead|death|not being here)\b",
        needs_self=True,
    ),
    rule(
        "self_harm_intent", EXPLICIT, 0.85,
        rf"\b(?:want|wanna|need|going|urge|urges|tempted|started|start|keep|kept|been|"
        rf"began|begin|plan|planning|should|will|relapsed and|again)\b(?: \w+){{0,2}} "
        rf"{SELF_HARM}\b|\b{SELF_HARM} again\b|\b(?:i|been|keep|started) self[- ]?harm(?:ing)?\b",
    ),
    rule(
        "not_want_live", EXPLICIT, 0.9,
        rf"\bi {ADV}do not {ADV}want to (?:live|be alive|exist|keep living|go on living|"
        rf"wake up(?: tomorrow| again)?|be on this earth|be in this world)\b(?! (?:in|with|near) )",
    ),
    rule(
        "not_want_go_on", INDIRECT, 0.55,
        rf"\bi {ADV}do not {ADV}want to (?:go on|keep going|continue|be here)"
        r"(?= anymore| any more| any longer| like this|\s*[.!,?]|$)",
    ),
    rule(
        "no_reason_live", EXPLICIT, 0.85,
        r"\b(?:no|not any|not a single|nothing to|no more) (?:reason|point|purpose) "
        r"(?:for me )?(?:to|in|of) (?:keep )?(?:live|living|go on|going on|keep living|"
        r"keep going|being alive|stay alive|staying alive|be alive)\b|\bnothing (?:left )?to "
        r"live for\b",
    ),
    rule(
        "point_of_living", EXPLICIT, 0.75,
        r"\bwhat is (?:even )?the point (?:of|in) (?:living|going on|being alive|life|my life|"
        r"existing|staying alive)\b",
    ),
    rule(
        "life_not_worth", EXPLICIT, 0.85,
        r"\b(?:life|my life|living|it) (?:is not|is no longer|will never be|is never) "
        r"worth (?:living|it anymore|it any more|the pain|continuing)\b",
    ),
    rule(
        "tired_of_living", EXPLICIT, 0.8,
        r"\b(?:hate|tired of|sick of|done with|exhausted by|exhausted from|finished with) "
        r"(?:being alive|living|existing|being in this world)\b|\b(?:tired of|sick of|"
        r"done with|finished with) (?:life|my life)\b",
    ),
    rule(
        "better_off_dead", EXPLICIT, 0.9,
        r"\bi (?:would be|am|will be|might be) (?:<w> )?better off dead\b",
    ),
    rule(
        "suicide_note", EXPLICIT, 0.9,
        r"\b(?:my|a|wrote|write|writing|written|left|leave) (?:<w> )?suicide "
        r"(?:note|letter|plan)\b",
        needs_self=True,
    ),
    rule(
        "overdose_now", EXPLICIT, 0.95,
        r"\bi (?:just |already |have just |have already )?(?:took|swallowed|have taken|downed|"
        r"have swallowed) (?:a bunch of|a lot of|all (?:of )?(?:my|the)|too many|a handful of|a "
        r"(?:whole )?bottle of|the whole bottle of|the rest of my|[1-9]\d+) (?:<w> )?(?:pills|"
        r"tablets|meds|sleeping pills|painkillers|capsules|medication)\b",
    ),
    rule(
        "research_ways", EXPLICIT, 0.85,
        r"\b(?:research\w*|look\w* up|googl\w*|search\w*|read\w* about)(?: <w>){0,2} (?:ways|"
        r"methods|how) to (?:die|kill myself|end (?:it|my life))\b",
    ),
    rule(
        "harm_on_purpose", EXPLICIT, 0.85,
        rf"\b{SELF_HARM}(?: <w>){{0,2}} (?:on purpose|deliberately|intentionally)\b",
    ),
    rule(
        "stockpiling", EXPLICIT, 0.85,
        r"\b(?:stockpiling|stockpiled|saving up|hoarding|collecting|saved up) (?:my |all my )?"
        r"(?:pills|meds|medication|tablets|painkillers|sleeping pills)\b",
    ),
    rule(
        "means_ready", EXPLICIT, 0.85,
        r"\b(?:i have|i got|i bought|i am holding|i am staring at|i have been staring at|"
        r"i am looking at|i have been looking at|i keep looking at) (?:the |a |my |all (?:of )?"
        r"my |some )?(?:pills|rope|gun|knife|razor|blade|blades|noose|bottle of pills|"
        r"meds|medication|sleeping pills)\b(?:.{0,50})\b(?:ready|lined up|in front of me|"
        r"taking (?:all|them|it)|take (?:all|them)|to end|for tonight|right here|and thinking)",
    ),
)

INDIRECT_EN: tuple[Rule, ...] = (
    rule(
        "burden_ending", INDIRECT, 0.8,
        r"\b(?:will not|am not going to|would not|will no longer) be (?:a|your|their|"
        r"anyone's|everyone's|such a) (?:burden|problem|bother|weight)(?: (?:to|for|on) \w+)?"
        r"(?: <w>){0,2}? (?:much longer|for (?:much )?longer|for long|soon|after (?:tonight|today))"
        r"|\b(?:soon )?(?:nobody|no one|no body|noone) will have to (?:deal with|worry about|"
        r"put up with|take care of|look after|see) me\b",
    ),
    rule(
        "better_off_without", INDIRECT, 0.85,
        r"\b(?:better|happier|easier|fine|okay|ok|better place|lighter)(?: off)? without me\b"
        r"|\b(?:better|happier|easier)(?: off)? if i (?:was|were|am|just) (?:gone|dead|not here|"
        r"not around|never born|disappeared)\b",
    ),
    rule(
        "nobody_miss_if", INDIRECT, 0.75,
        r"\b(?:no one|nobody|no body|noone|not a single person|who)(?: <w>){0,2} "
        r"(?:would|will|is going to)(?: <w>){0,2} (?:miss|notice|care|cry|mourn)"
        r"(?: <w>){0,3} if i (?:was|were|am|died|disappeared|killed|left|vanished|did not wake|"
        r"stopped existing|was not here|were not here)",
    ),
    rule(
        "nobody_miss", DESPAIR, 0.45,
        r"\b(?:no one|nobody|noone) (?:would|will) (?:even )?(?:miss|notice|mourn) me\b",
    ),
    rule(
        "sleep_never_wake", INDIRECT, 0.85,
        r"\b(?:sleep|fall asleep|go to sleep|close my eyes|drift off)(?: <w>){0,3} (?:and )?"
        r"(?:never|not|not ever|no longer) (?:wake|waking|to wake|open them|open my eyes)\b",
    ),
    rule("sleep_forever", INDIRECT, 0.3, r"\b(?:sleep|rest) forever\b|\beternal sleep\b"),
    rule(
        "not_around_long", INDIRECT, 0.8,
        r"\b(?:will not|am not going to|may not|might not|will no longer) be (?:around|here|"
        r"alive|in this world|on this earth)(?: <w>){0,2}? (?:much longer|for (?:much )?longer|"
        r"for long|after (?:tonight|today)|by (?:tomorrow|morning|the morning|next week))\b"
        r"|\b(?:will not|am not going to) be (?:here|around|alive) to (?:take care of|look "
        r"after|feed|walk|see|watch|use|need)\b",
    ),
    rule(
        "read_this_gone", INDIRECT, 0.85,
        r"\b(?:by the time|when) (?:you|anyone|someone|they) (?:read|reads|see|sees|get|gets|"
        r"find|finds) this,? i (?:will|would|will already|might) (?:be gone|be dead|have gone|"
        r"not be)\b",
    ),
    rule(
        "final_message", INDIRECT, 0.8,
        r"\b(?:this is|here is|consider this|these are) (?:my|a|the) final "
        r"(?:goodbye|message|note|letter|words|post)\b(?! (?:for|before|until|till) )"
        r"|\b(?:these are|here are) my last words\b"
        r"|\bgoodbye (?:forever|for good|world|everyone,? forever|cruel world)\b"
        r"|\b(?:my|a) (?:final|last) goodbye\b",
    ),
    rule("this_is_goodbye", INDIRECT, 0.7, r"\bthis is (?:my |our )?goodbye\b"),
    rule(
        "say_goodbye", INDIRECT, 0.45,
        r"\bi (?:just |only )?(?:wanted|want|needed) to (?:say|tell you) goodbye\b"
        r"|\bsaying goodbyes? to (?:people|everyone|my \w+|everybody)\b",
    ),
    rule(
        "covert_goodbye", INDIRECT, 0.8,
        r"\bgoodbyes?\b.{0,40}\bwithout (?:them|anyone|anybody|people|my \w+) (?:knowing|realizing"
        r"|noticing)\b",
    ),
    rule(
        "giving_away", INDIRECT, 0.45,
        r"\b(?:giving|gave|give|given|handing) (?:away|out) (?:all (?:of )?my \w+|everything|"
        r"my (?:stuff|things|belongings|possessions|prized \w+|favou?rite \w+))\b",
    ),
    rule(
        "wont_need", INDIRECT, 0.8,
        r"\b(?:will not|am not going to|would not) need (?:it|them|any of (?:it|this|that|them)|"
        r"my \w+|anything|this|that)(?: <w>){0,3}? (?:anymore|any more|any longer|where i am going"
        r"|after (?:tonight|today|this))\b",
    ),
    rule("where_going", INDIRECT, 0.4, r"\bwhere i am going\b"),
    rule(
        "affairs_in_order", INDIRECT, 0.6,
        r"\b(?:put|putting|get|getting|got|have|had|sorting) my (?:affairs|things|life) in order\b",
    ),
    rule(
        "farewell_letters", INDIRECT, 0.3,
        r"\b(?:wrote|writing|written|write|left|leaving) (?:<w> )?(?:letters?|notes?|messages?) "
        r"(?:to|for) (?:my \w+|everyone|everybody|the people i love|people i love|them all)\b",
    ),
    rule(
        "made_peace", INDIRECT, 0.55,
        r"\b(?:made|make|making|at) (?:my )?peace with (?:it|dying|death|everything|my decision|"
        r"leaving|the decision|this|what i am going to do)\b",
    ),
    # The negation belongs to the phrase ("I don't see any way out but one"), so no flip.
    rule(
        "only_way_out", INDIRECT, 0.8,
        r"\b(?:only|one) way out\b|\bway out (?:except|but|other than|besides) (?:one|this|"
        r"death|dying|that)\b",
        negatable=False,
    ),
    rule("no_way_out", DESPAIR, 0.4, r"\b(?:no|not any|not a) way out\b"),
    rule(
        "disappear_forever", INDIRECT, 0.75,
        r"\b(?:want|wish|need|going) to (?:just )?(?:disappear|vanish|fade away|be gone)"
        r"(?: <w>){0,2}? (?:forever|for good|permanently|and never come back)\b",
    ),
    rule(
        "disappear", DESPAIR, 0.3,
        r"\b(?:want|wish|need) (?:i could )?(?:to )?(?:just )?(?:disappear|vanish)\b",
    ),
    rule(
        "waiting_to_die", INDIRECT, 0.75,
        r"\b(?:just |only )?waiting (?:to die|for (?:death|the end|it all to end|it to end|"
        r"my turn to die))\b",
    ),
    rule(
        "own_funeral", INDIRECT, 0.6,
        r"\b(?:imagin|pictur|think|dream|fantasi[sz])\w* (?:about )?my (?:own )?funeral\b",
    ),
    rule(
        "want_it_over", INDIRECT, 0.75,
        r"\bi (?:just )?want (?:it all|everything|my life|all of (?:it|this)|this life) to "
        r"(?:end|be over|stop)\b|\bi (?:just )?want it to (?:end|be over|stop) "
        r"(?:forever|for good)\b",
    ),
    rule(
        "cannot_go_on", INDIRECT, 0.45,
        r"\bi (?:cannot|can not|am not able to|do not know how to) (?:go on|keep going|"
        r"keep living|do this|do life|continue|keep doing this)(?: anymore| any more| any longer"
        r"| like this|\s*[.!,?]|$)",
    ),
    rule(
        "end_it_time", INDIRECT, 0.8,
        r"\b(?:end|ending) (?:it|things|everything) (?:tonight|today|now|soon|forever|for good|"
        r"this week|this weekend)\b",
    ),
    rule(
        "done_with_everything", INDIRECT, 0.45,
        r"\bi am (?:so |just |completely |totally )?done with (?:everything|it all|all of this|"
        r"this world|everyone|trying)\b",
    ),
    rule(
        "tell_them_sorry", INDIRECT, 0.45,
        r"\btell (?:my \w+|everyone|them|him|her|my family)(?: that)? i (?:am sorry|love "
        r"(?:them|him|her|you|everyone))\b",
    ),
)
