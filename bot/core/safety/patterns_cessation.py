"""Compositional first-person frames: the speaker's *cessation* plus a wish, acceptance or plan.

Instead of listing sentences, these rules are built from small lexicons:

- ``CEASE``: concepts of the self no longer being there: dying, not waking up, not being
  here / around / alive, not existing, being gone, disappearing for good, going to sleep
  forever, ending things, getting hit by a car, never seeing next year;
- a *wish* ("I want / wish / hope / pray / need / am ready / am close to"), an
  *acceptance* ("I'd be fine / okay / wouldn't mind if I ..."), or a *plan* ("going to",
  "decided to") governing the concept;
- *no future* ("can't see a future where I'm still here", "don't plan on seeing my
  birthday"), *finality* ("my last night on earth", "goodbye forever", "no more pain after
  tonight") and *burden ending* ("I won't bother anyone after tonight").

Matched on ``english_view`` text, per sentence; negation, past history, reported speech and
fiction frames are applied by the detector as for every first-person rule. ``<w>`` is a
word that is not a negator.
"""

from __future__ import annotations

import logging

from .frames import BENIGN_ABSENCE
from .patterns_en import ADV
from .rules import CONTEXTUAL, DESPAIR, EXPLICIT, INDIRECT, Rule, rule

log = logging.getLogger(__name__)

_HERE = (
    r"(?:here|around|alive|in (?:this|the) world|on (?:this )?earth|on this planet|"
    r"anywhere|a thing)"
)
_PERM = (
    r"(?:forever|for good|permanently|for real|for ever|for eternity|once and for all|"
    r"and never come back|and not come back|and stay gone|without a trace)"
)
# Waking up, but not "wake up early / until noon / for school".
_WAKE = r"wake up(?: again| ever again| tomorrow| in the morning)?(?! (?:early|late|on time|in " \
    r"time|before|until|till|at \d|for (?:school|work|class)|and (?:go|get|have)|with|to|feeling|" \
    r"sick|hungover|tired|sore)\b)"
_PAST_WAKE = r"(?:did not|never) (?:wake|woke) up(?: again| tomorrow| in the morning)?" \
    r"(?! (?:early|late|on time|in time|before|until|till|at \d|for (?:school|work|class))\b)"
_VEHICLE = r"(?:a|the|some) (?:car|truck|bus|train|tram|lorry|semi|drunk driver)"
_CRASH = (  # an accident that would take the speaker with it
    r"(?:the|my|a) (?:plane|flight|car|bus|train|ship|boat) (?:crashed|crashes|went down|goes "
    r"down|would crash|would go down|sank|sinks)"
)

# The concept, as a base-form verb phrase ("want to X", "hope I X", "ready to X").
CEASE = (
    rf"(?:die|be dead|pass away|not {_WAKE}|never {_WAKE}|stop waking up|"
    rf"not have to {_WAKE}|not be {_HERE}|never be {_HERE}|no longer be {_HERE}|"
    rf"not exist(?: anymore)?|stop existing|cease to exist|stop being (?:alive|here|a thing)|"
    r"stop living(?! (?:like|in|with|as|off|for|on|this way|that way|paycheck)\b)|"
    r"stop breathing(?! (?:so|loud|through|like|heavy|on)\b)|"
    rf"be gone {_PERM}|"
    r"be gone(?=\s*(?:[.!,?]|$|from (?:this|the) (?:world|earth|planet)))|"
    rf"(?:disappear|vanish|fade away|go away) {_PERM}|"
    r"(?:go to sleep|sleep|fall asleep|go dark) (?:for good|permanently)|"
    rf"(?:sleep|fall asleep|go to sleep|close my eyes) and (?:never|not)(?: have to)? "
    rf"(?:{_WAKE}|open them)|"
    rf"(?:get|be) (?:hit|run over|killed) by {_VEHICLE}|"
    r"not make it (?:home|through (?:the night|tonight|(?:the |my )?(?:surgery|operation|"
    r"winter|week|weekend))|to (?:morning|tomorrow))|"
    r"never see (?:tomorrow|the morning|another day|my (?:next )?birthday|next year)|"
    r"end (?:it|it all|things|everything|my life|my suffering)"
    r"(?! (?:with|between|for|on|early|at|in)\b)"
    r")"
)
# The same concept after "if I ...": past forms ("if I didn't wake up", "if I was gone").
CEASE_PAST = (
    rf"(?:died|just died|{_PAST_WAKE}|(?:was|were) not {_HERE}|(?:was|were) (?:gone|dead|"
    r"never born)|disappeared|vanished|stopped existing|ceased to exist|did not exist|"
    r"never existed|stopped breathing|did not make it|(?:got|was|were) (?:hit|run over|"
    rf"killed) by {_VEHICLE}|went to sleep (?:forever|for good|and never woke up))"
)
_WISH = (
    r"(?:want|wanted|need|wish|would like|would love|long|am longing|crave|yearn|"
    r"am ready|feel ready|think i am ready|just want|really want|am about|am close|am so close|"
    r"am this close|am getting close|have decided|decided|intend|plan|am planning|"
    r"would give anything|keep wanting|am dreaming|dream)"
)
_HOPE = r"(?:hope|pray|hoping|praying|am hoping|am praying|keep hoping|keep praying|wish|am wishing)"
_ACCEPT = (
    r"(?:(?:would|will)(?: <w>)? (?:be|feel) (?:totally |completely |perfectly |honestly )?"
    r"(?:ok|okay|fine|happy|glad|relieved|at peace|alright|cool|content|good|grateful)"
    r"(?: with it)?|would not (?:even |really |honestly )?(?:mind|care)|do not (?:even |"
    r"really )?(?:mind|care)|would (?:honestly |kind of |rather |much )?prefer(?: it)?|"
    r"(?:it )?would be (?:so much |much |a lot )?(?:easier|better|nice|simpler|a relief|"
    r"for the best|peaceful|best)|(?:it is|it would be|would be|is) (?:easier|better|"
    r"simpler) for (?:everyone|everybody|them|all))"
)
_NOT_CHOSEN = (  # who, when or why: "want to disappear for a weekend" is not this
    r"(?! (?:for (?:a|the|one|some|this|next) (?:while|bit|week|weekend|day|night|"
    r"month|year|moment|few)|of (?:embarrassment|shame|cringe)|from (?:social media|"
    r"twitter|the internet|this (?:app|server|group|chat))|into|to (?:a|an|the|some)|in (?:a|"
    r"the) (?:cabin|woods|forest|mountains)|and (?:live|start|move|become|travel|be happy))\b)"
)

CESSATION_EN: tuple[Rule, ...] = (
    rule(
        "cease:wish", EXPLICIT, 0.85,
        rf"\bi {ADV}{_WISH}(?: to)? {ADV}(?:to )?{CEASE}{_NOT_CHOSEN}",
    ),
    rule(
        "cease:hope", EXPLICIT, 0.85,
        rf"\b(?:i {ADV})?{_HOPE} (?:that )?i (?:just |would |will |could |can |finally |"
        rf"simply |somehow |do |does )*{CEASE}{_NOT_CHOSEN}"
        rf"|\b{_HOPE} (?:that )?{_VEHICLE}(?: \w+){{0,3}} (?:hits|hit|kills|runs over|"
        rf"crashes into) me\b|\b{_HOPE} (?:that )?{_CRASH}",
    ),
    rule(
        "cease:accept", INDIRECT, 0.8,
        rf"\b{_ACCEPT}(?: <w>){{0,3}}? if i (?:just |simply |never |quietly |suddenly |"
        rf"one day )*{CEASE_PAST}"
        rf"|\b{_ACCEPT}(?: <w>){{0,2}}? if {_VEHICLE}(?: \w+){{0,3}} (?:hit|hits|ran over|"
        rf"runs over|killed|kills) me\b|\b{_ACCEPT}(?: <w>){{0,2}}? if {_CRASH}"
        rf"|\b(?:would|will)(?: <w>)? (?:be|feel) (?:totally |honestly )?(?:ok|okay|fine|at peace"
        r"|alright|content|happy) with (?:dying|not waking up|never waking up|not existing|being "
        r"dead|not being (?:here|alive|around))\b"
        r"|\b(?:would not|do not|would honestly not|would not really) mind (?:dying(?! (?:my|the|"
        r"it|her|his|them|your|some|a)\b)|not waking"
        r" up|never waking up|being dead|not existing|disappearing|getting hit by)\b"
        r"|\bi am (?:ok|okay|fine|at peace|alright) with (?:dying|not waking up|never waking "
        r"up|not being here|not existing|being dead)\b",
        negatable=False,
    ),
    rule(
        "cease:sleep_forever_wish", INDIRECT, 0.5,
        rf"\bi {ADV}(?:{_WISH}|{_HOPE} i could|{_HOPE} i would)(?: to)? {ADV}(?:to )?(?:go to "
        r"sleep|sleep|fall asleep) forever\b",
    ),
    rule(
        "cease:ready_to_go", INDIRECT, 0.75,
        rf"\bi {ADV}(?:am|feel) (?:so |finally |really )?(?:ready|done|prepared) (?:to leave "
        r"(?:this|the) (?:world|earth|life)|to be gone(?=\s*(?:[.!,?]|$|forever|for good|from "
        r"(?:this|the) (?:world|earth|planet)))|to leave for good|to say goodbye (?:to "
        r"(?:this|the) world|forever))\b",
    ),
    # No future: "can't see a future where I'm still here", "don't plan on seeing my birthday".
    rule(
        "cease:no_future", INDIRECT, 0.8,
        r"\b(?:cannot|can not|could not|do not|never) (?:see|picture|imagine|envision) (?:a|any|"
        r"my|the) future (?:where|with|that has|that includes|in which) (?:i am|i|me|myself)"
        r"(?: still| even)? (?:here|alive|around|in it|living|existing|surviving)\b"
        r"|\b(?:no|not a|not any|there is no) (?:version|world|timeline|future|scenario|"
        r"universe)(?: <w>){0,4}? (?:that has|that includes|with|where|in which) (?:me|i am|i)"
        r"(?: still)?(?: in it| alive| here| around|(?=\s*(?:[.!,?]|$)))",
    ),
    rule(
        "cease:no_plan_to_reach", INDIRECT, 0.75,
        r"\bi (?:do not|no longer) (?:plan|intend|expect|think i will|want) (?:on |to )?(?:see|"
        r"seeing|reach|reaching|make it to|making it to|live to see|living to see|be around for|"
        r"being around for|turn|turning|live past|living past) (?:my (?:next )?birthday|christmas|"
        r"next (?:year|summer|christmas)|graduation|new year|another year|the new year|\d+|"
        r"(?:twenty|thirty|forty|fifty)\w*)\b"
        r"|\bi (?:do not|no longer) (?:plan|intend|expect) (?:on |to )?(?:get|getting|make it|"
        r"making it) there(?=\s*(?:[.!,?]|$))",
        unless=r"\b(?:celebrat\w*|party|cake|gifts?|presents?|work|shift|busy|travel\w*)\b",
    ),
    rule(
        "cease:cannot_picture_age", INDIRECT, 0.55,
        r"\bi (?:<w> )?(?:cannot|can not|could not|do not) (?:see|picture|imagine) (?:myself|me) "
        r"(?:at|reaching|turning|making it to|getting to|living to|past|in) (?:\d+|next year|the "
        r"future|old age|\w+ years?)\b(?! (?:with|in|as|having|doing|working|living|still|"
        r"married|being|at|on))",
    ),
    rule(
        "cease:absent_horizon", INDIRECT, 0.75,
        r"\bi (?:<w> )?(?:will not|am not going to|might not|may not|probably will not|do not "
        r"think i will|do not think i am going to|doubt i will|will no longer|would not) be "
        r"(?:around|alive|in (?:this|the) world|on (?:this )?earth)"
        r"(?: <w>){0,2}? (?:for (?:christmas|my birthday|new year|thanksgiving|graduation|next "
        r"year|the summer|much longer|long|the holidays)|by (?:the weekend|tomorrow|morning|the "
        r"morning|next (?:week|month|year)|monday|friday|the end of the (?:week|month|year)|"
        r"summer|winter|spring|fall|autumn|christmas|my birthday|new year|january|february|"
        r"march|april|may|june|july|august|september|october|november|december)|in the morning|"
        r"after (?:tonight|today|this week|this)|next (?:year|christmas|summer)|to see (?:the "
        r"morning|tomorrow|next year|it))\b",
        unless=BENIGN_ABSENCE,
    ),
    rule(
        "cease:absent_soon", INDIRECT, 0.45,
        r"\bi (?:<w> )?(?:will not|am not going to|might not|may not|will no longer) be "
        r"(?:here|around|alive)(?: <w>)? (?:tomorrow|tonight|soon|anymore|any more|next week)\b"
        r"|\bi (?:<w> )?(?:will not|am not going to|might not|may not|probably will not|do not "
        r"think i will|doubt i will|will no longer|would not) be here(?: <w>){0,2}? (?:for "
        r"(?:christmas|my birthday|new year|the holidays|next year)|by (?:the weekend|tomorrow|"
        r"morning|the morning|next week)|in the morning|after (?:tonight|today|this))\b",
        unless=BENIGN_ABSENCE,
    ),
    rule(
        "cease:not_see_time", INDIRECT, 0.75,
        r"\bi (?:<w> )?(?:will not|am not going to|do not think i will|probably will not|might not|"
        r"will never) (?:see|make it to|live to see|be alive for|be around for|survive until|"
        r"last until) (?:next (?:christmas|year|summer|birthday|spring|month)|my (?:next )?"
        r"birthday|christmas|new year|graduation|the morning|\d+)\b(?! (?:fireworks|party|show|"
        r"movie|game|concert|parade|with|at|in|because|since|cause))",
        unless=BENIGN_ABSENCE,
    ),
    rule(
        "cease:point_of_me", EXPLICIT, 0.8,
        r"\b(?:what is|whats|what) (?:even )?the point (?:of|in) (?:me|my)(?: even| still| just)? "
        r"(?:being alive|being here|living|existing|staying alive|waking up|being around)\b"
        r"|\b(?:do not|cannot|can not) see (?:the|any) point (?:of|in) (?:me )?(?:living|being "
        r"alive|being here|going on|staying alive|existing|waking up)\b"
        r"(?! (?:in|on|at|with|like|as) )",
        unless=r"\b(?:server|group|chat|channel|class|team|meeting|discord|job|company|club|"
        r"guild|party|office)\b",
    ),
    rule(
        "cease:life_ends", EXPLICIT, 0.85,
        r"\bmy life (?:ends|will end|is going to end|is ending|will be over|ends here)"
        r"(?= (?:tonight|today|now|soon|here|this week|tomorrow)|\s*(?:[.!]|$))",
    ),
    rule(
        "cease:close_to_ending", EXPLICIT, 0.8,
        r"\b(?:so |this |really |getting |very )?close to (?:ending (?:it|things|everything|it all|"
        r"my life)(?! (?:with|between|on)\b)|killing myself|giving up on (?:life|living))\b",
        needs_self=True,
    ),
    # Finality: time running out for the speaker.
    rule(
        "final:last_night_on_earth", INDIRECT, 0.85,
        r"\b(?:my|the|our) last (?:night|day|sunset|morning|week|hours?|moments?|breath) "
        r"(?:on (?:this )?earth|alive|in this world|on this planet|of my life|ever)\b",
        unless=r"\b(?:game|games|playing|play|played|movie|film|song|album|episode|show|book|"
        r"series|survival|season|vacation|holiday|trip|school|job|work|semester)\b",
    ),
    rule(
        "final:my_last_night", INDIRECT, 0.45,
        r"\b(?:it is|this is|today is|tonight is) my last (?:night|day)\b(?! (?:in|at|before|of|"
        r"with|as|here in|on the|working|off|at work|of (?:work|school|class|vacation|holiday)))"
        r"(?=\s*(?:[.!,?]|$| and | i | so | just ))",
    ),
    rule(
        "final:last_night_reaching_out", INDIRECT, 0.75,
        r"\bmy last (?:night|day)\b(?! (?:in|at|before|of|with|as|on the|working|off)\b).{0,40}"
        r"\b(?:wanted|want|needed|need) to (?:talk to|hear from|say goodbye to|tell|be with) "
        r"(?:someone|somebody|anyone|anybody|you|a person)\b",
    ),
    rule(
        "final:last_time_ever", INDIRECT, 0.45,
        r"\b(?:the|my) last time i (?:will|am going to) ever (?:log on|post|talk|write|be here|"
        r"message|text|speak|see)\b",
        unless=r"\b(?:game|server|app|site|account|platform|discord|twitter|reddit|stupid|"
        r"trash|garbage|toxic|leaving|quit\w*|moving)\b",
    ),
    rule(
        "final:goodbye_forever", INDIRECT, 0.75,
        r"\b(?:goodbye|good bye|bye|goodnight|good night|farewell|night) (?:forever|for good|"
        r"for the last time)\b(?=\s*(?:[.!]|$)|,? (?:to )?(?:everyone|everybody|all|you|"
        r"y'?all|guys|friends|world|my (?:love|friends|family|darling|dear))\b)",
        unless=r"\b(?:game|app|twitter|tiktok|reddit|instagram|facebook|server|site|platform|"
        r"car|phone|laptop|job|school|city|town|trash|sucks|account|apartment|house|nah|jk)\b",
    ),
    rule(
        "final:nice_knowing", INDIRECT, 0.5,
        r"\b(?:it was|it has been|was) (?:nice|good|great|a pleasure) knowing (?:you|y'?all|"
        r"everyone|everybody|all of you)\b",
        unless=r"\b(?:exam|test|boss|meeting|class|game|match|raid|lol|lmao|haha\w*|jk)\b",
    ),
    rule(
        "final:relief_after", INDIRECT, 0.5,
        r"\b(?:will not|is not going to|am not going to|never|no more|not) (?:have to )?(?:hurt|"
        r"feel (?:anything|a thing|this|pain)|suffer|cry|be in pain|deal with (?:any of )?(?:this|"
        r"it)|wake up|pretend)(?: anymore| any more| again)? (?:after (?:tonight|today|tomorrow|"
        r"this)|by (?:tomorrow|morning|the morning))\b"
        r"|\bno more (?:pain|hurting|suffering|crying|tears|waking up) (?:after (?:tonight|today|"
        r"tomorrow|this)|soon|by morning)\b"
        r"|\b(?:it|this|everything|the pain) will (?:all )?(?:stop|end) (?:hurting )?(?:after|"
        r"tonight|for good|forever)\b",
        negatable=False,
    ),
    rule(
        "final:make_it_stop", INDIRECT, 0.5,
        r"\b(?:make|making|let) (?:it|it all|this|everything|the pain|all of (?:it|this)|the "
        r"noise|the thoughts) (?:stop|end|go away|be over)(?: <w>)? (?:tonight|for good|forever|"
        r"permanently|once and for all|today|now)\b",
    ),
    rule(
        "final:no_bother", INDIRECT, 0.75,
        r"\b(?:will not|am not going to|will never|will no longer|would not|never) (?:have to )?"
        r"(?:bother|burden|annoy|trouble|disturb|worry|inconvenience|be a (?:burden|bother|"
        r"problem) (?:to|for)) (?:anyone|anybody|you|everyone|people|my \w+|them|you guys|you "
        r"all)(?: <w>){0,2}? (?:after (?:tonight|today|this)(?! is\b)|much longer|for (?:much )?"
        r"longer|ever again|soon|for long)\b",
    ),
    rule(
        "final:this_is_it", CONTEXTUAL, 0.2,
        r"(?:^|[.!] )this is it(?=\s*(?:[.!,]|$))|\b(?:bye|goodbye) (?:everyone|everybody|all|"
        r"guys|y'?all)(?=\s*(?:[.!,]|$))",
        negatable=False,
    ),
    rule(
        "final:better_this_way", CONTEXTUAL, 0.2,
        r"\b(?:it is|this is|it will be|it would be) (?:better|best|for the best) this way\b",
        negatable=False,
    ),
    rule(
        "cease:world_without_me", INDIRECT, 0.75,
        r"\b(?:want|wish|need|let) (?:the world|everyone|everything|life|people) to (?:keep "
        r"going|go on|move on|carry on|continue) without me\b",
    ),
    rule(
        "cease:everything_dark", INDIRECT, 0.7,
        r"\b(?:want|wish|need) (?:everything|it all|the world|it) to (?:go|stay|fade) (?:dark|"
        r"black|quiet|silent) (?:and stay that way|forever|for good|permanently)\b",
    ),
    rule(
        "despair:without_them", DESPAIR, 0.3,
        r"\bi (?:cannot|can not|do not know how to) (?:do anything|breathe|function|live|go on|"
        r"cope|do this|keep going|be here) without (?:him|her|them|my \w+)\b"
        r"|\bi am (?:so )?lost without (?:him|her|them|my \w+)\b",
    ),
    rule(
        "despair:burden_tired", DESPAIR, 0.35,
        r"\b(?:tired|sick|exhausted) of being (?:a|such a|everyone's) (?:burden|problem|"
        r"disappointment|failure|mess)\b|\beveryone (?:hates|is tired of|is sick of) me\b",
    ),
)

# Joining someone who has died: scored with the context (see ``grief``), low alone.
REUNION_EN: tuple[Rule, ...] = (
    rule(
        "reunion", CONTEXTUAL, 0.2,
        r"\bi (?:am|will|can|get to|am going to|am gonna|am about to|am ready to|am coming to|"
        r"want to|just want to|need to|will finally|am finally going to)(?: go| finally| just| "
        r"soon| really)* (?:be with|see|join|meet|hold|hug|be reunited with) (?:him|her|them|"
        r"my \w+(?: \w+)?|mom|mum|mommy|mama|dad|daddy|papa|grandma|grandpa|nana|granny|nan|"
        r"grandad)(?: again| soon| now| tonight| at last| finally| very soon| in heaven|"
        r" up there| on the other side)*(?=\s*(?:[.!,?]|$))"
        r"|\b(?:he|she|they|my \w+|mom|dad|grandma|grandpa) (?:is|are) (?:waiting|calling) for "
        r"me\b(?! (?:at|in|outside|downstairs|by|near|to)\b)",
        negatable=False,
        unless=r"\b(?:grave|cemetery|memorial|tombstone|headstone|urn|dreams?|photos?|"
        r"pictures?|video|this weekend|tomorrow|next week|on (?:monday|tuesday|wednesday|"
        r"thursday|friday|saturday|sunday))\b",
    ),
)
