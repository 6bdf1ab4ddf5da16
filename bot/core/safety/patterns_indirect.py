"""English rule tables, part two: indirect statements (burden, goodbyes, finality, giving away).

Same conventions as ``patterns_en``: ``english_view`` text, ``<w>`` is a non-negator word.
"""

from __future__ import annotations

import logging

from .rules import DESPAIR, INDIRECT, Rule, rule

log = logging.getLogger(__name__)

INDIRECT_EN: tuple[Rule, ...] = (
    rule(
        "stop_being_burden", INDIRECT, 0.6,
        r"\b(?:stop|no longer|finally stop|quit|not have to keep) (?:being|be) (?:a|the|such a|"
        r"everyone's|your) (?:burden|problem|bother|weight|drain)(?: (?:to|for|on) (?:everyone|"
        r"everybody|anyone|you|them|my \w+|people))?\b",
    ),
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
        r"|\b(?:better|happier|easier|simpler|lighter|relieved|glad|free|fine)(?: off)?(?: for "
        r"(?:everyone|everybody|them|"
        r"you|all|my \w+))? if i (?:just )?(?:was|were|am|just) (?:gone|dead|not here|not around|"
        r"never born|disappeared)\b",
    ),
    rule(
        "nobody_miss_if", INDIRECT, 0.75,
        r"\b(?:no one|nobody|no body|noone|not a single person|who)(?: <w>){0,2} "
        r"(?:would|will|is going to)(?: <w>){0,2} (?:miss|notice|care|cry|mourn)"
        r"(?: <w>){0,3} if i (?:was|were|am|died|disappeared|killed|left|vanished|did not wake|"
        r"stopped existing|was not here|were not here)"
        r"|\b(?:no one|nobody|noone)(?: <w>){0,2} (?:would|will)(?: <w>){0,2} (?:miss|notice|care)"
        r"(?: <w>){0,3} (?:when|once|after) i am (?:gone|dead|not here)\b"
        r"|\bif i (?:died|disappeared|vanished|was gone|were gone|killed myself|was not here|were "
        r"not here|did not wake up)(?! (?:for|on|to|from|at)\b)(?: <w>){0,3},? (?:would|will) "
        r"(?:anyone|anybody|people|you|they|everyone) (?:even )?(?:care|notice|miss me|cry|come|"
        r"remember)\b",
    ),
    rule(
        "nobody_miss", DESPAIR, 0.45,
        r"\b(?:no one|nobody|noone) (?:would|will) (?:even )?(?:miss|notice|mourn) me\b",
    ),
    rule(
        "sleep_never_wake", INDIRECT, 0.85,
        r"\b(?:sleep|fall asleep|go to sleep|close my eyes|drift off)(?: <w>){0,3} (?:and )?"
        r"(?:never|not|not ever|no longer) (?:wake|waking|to wake|open them|open my eyes)\b"
        r"(?!(?: up)? (?:before|until|till|early|late|at \d|on time|in time))"
        r"|\b(?:go to sleep|fall asleep|sleep|lie down|close my eyes) and (?:just )?(?:stay there|"
        r"stay asleep|never come back|not come back|not get up again|never get up)(?=\s*(?:[.!,]|"
        r"$|forever))",
    ),
    rule("sleep_forever", INDIRECT, 0.3, r"\b(?:sleep|rest) forever\b|\beternal sleep\b"),
    rule(
        "not_around_long", INDIRECT, 0.8,
        r"\b(?:will not|am not going to|may not|might not|will no longer) be (?:around|here|"
        r"alive|in this world|on this earth)(?: <w>){0,4}? (?:much longer|for (?:much )?longer|"
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
        r"|\bgoodbye (?:world|everyone,? forever|cruel world)\b"
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
        r"my (?:stuff|things|belongings|possessions|prized \w+|favou?rite \w+))\b"
        r"|\b(?:giving|gave|give|handing) (?:all )?(?:of )?my (?:stuff|things|belongings|"
        r"possessions) (?:away|to)\b",
    ),
    rule(
        "wont_need", INDIRECT, 0.8,
        r"\b(?:will not|am not going to|would not) (?:need|be needing) (?:it|them|any of (?:it"
        r"|this|that|them)|"
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
    rule(
        "cancelled_everything", INDIRECT, 0.45,
        r"\b(?:cancelled|canceled|cleared|cancelling|canceling) all (?:of )?my (?:plans|"
        r"appointments|calendar|subscriptions|commitments)\b",
    ),
    rule(
        "pain_stop_for_good", INDIRECT, 0.75,
        r"\b(?:make|making|let|end|ending|stop|stopping) (?:the|all the|this|my|all this) pain"
        r"(?: stop| end| go away)?(?: <w>){0,2} (?:for good|forever|permanently"
        r"|once and for all)\b",
    ),
    rule(
        "life_insurance", INDIRECT, 0.8,
        r"\blife insurance\b.{0,60}\b(?:better off|take care of|pay(?:s)? out|cover|provide|"
        r"suicide|when i am gone|if i die|after i die)\b|\b(?:better off|taken care of|provided "
        r"for) with (?:the|my) (?:life )?insurance\b",
    ),
    rule(
        "not_needed", INDIRECT, 0.5,
        r"\b(?:the world|everyone|nobody|no one|my family|they) (?:does not|would not|will not|"
        r"do not|really does not) (?:need|want|miss) me\b(?! to\b)|\bnobody (?:needs"
        r"|wants) me (?:here|"
        r"around|alive)\b",
    ),
    rule("no_way_out", DESPAIR, 0.4, r"\b(?:no|not any|not a) way out\b"),
    rule(
        "disappear_forever", INDIRECT, 0.75,
        r"\b(?:wants?|wish|need|going) to (?:just )?(?:disappear|vanish|fade away|be gone)"
        r"(?: <w>){0,2}? (?:forever|for good|permanently|and never come back)\b"
        r"(?! (?:from|into|to (?:a|an|the|some)|in (?:a|the)|and (?:live|start|move|travel)))",
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
        "funeral_empty", INDIRECT, 0.75,
        r"\b(?:no one|nobody|no body|noone|who|not a single (?:person|soul)|not even (?:my )?\w+)"
        r"(?: <w>){0,2} (?:would|will|is going to|is gonna)(?: <w>){0,2} (?:come|show up|go|attend|"
        r"cry|care|notice|turn up)(?: <w>){0,3} (?:to |at )?my (?:own )?funeral\b"
        r"|\bmy (?:own )?funeral\b.{0,40}\b(?:hurry(?: up)?|come sooner|cannot wait|be empty|"
        r"nobody (?:would|will) come|no one (?:would|will) come)\b",
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
        r"\b(?:end|ending) (?:it|this|things|everything|it all) (?:tonight|today|now|soon|forever|"
        r"for good|this week|this weekend)\b|\b(?:tonight|today|this weekend|soon) i (?:will |am "
        r"going to |am gonna )?end (?:it|this|things|everything|it all)\b",
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
