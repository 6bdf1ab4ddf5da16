"""English rule tables, part one: explicit statements (the indirect ones are next door).

Matched against ``normalize.english_view`` (lowercase ASCII, contractions expanded: "I'm" is
"i am", "don't" is "do not", "won't" is "will not"). Each rule describes a way people say a
thing, not one sentence; the weights are stand-alone risk (0.7 and above is "high").
Means-seeking questions are structural and live in ``means.py``.
"""

from __future__ import annotations

import logging

from .rules import EXPLICIT, INDIRECT, Rule, rule

log = logging.getLogger(__name__)

# Adverbs that may sit between "I" and the verb: "I just really want to die".
ADV = (
    r"(?:(?:really|just|honestly|seriously|literally|kind of|kinda|sort of|actually|still|"
    r"sometimes|often|always|so|truly|genuinely|definitely|already|even|finally|also|totally|"
    r"almost|constantly|probably|think i|feel like i|only|simply|badly|desperately) )*"
)
# Who wants it: "I", or the part-of-me phrasing people use for ambivalence.
SUBJ = r"(?:i|part of me|a part of me|some part of me|something in me)"
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
        rf"\b{SUBJ} {ADV}(?:wants|want|wanted|need|wish|would like|am ready|deserve|long|plan|"
        rf"have decided|decided|intend|should just|just want)(?: to)? {ADV}"
        rf"(?:die|be dead|not be alive|not exist|stop existing|cease to exist|not wake up|"
        rf"never wake up|stop waking up|not have to wake up|not be here anymore|not be around "
        rf"anymore)\b(?! (?:for (?:a|the|one|some|this|next|a few|a couple) ?(?:while|bit|week|"
        rf"weekend|day|night|month|year|moment|few|hours?|minutes?|days?)|before|until|till|early|"
        rf"on time))",
    ),
    rule(
        "want_end_it", EXPLICIT, 0.8,
        rf"\b{SUBJ} {ADV}(?:wants|want|need|am going|plan|am ready|am about|have decided|decided"
        rf"|am "
        rf"thinking about|think about|will) (?:to )?(?:end|ending) it\b(?! (?:with|for|all "
        rf"with|between|here|now and|by|before|early|on))",
    ),
    rule(
        "method_intent", EXPLICIT, 0.85,
        rf"\b{SUBJ} {ADV}(?:wants|want|need|am going|plan|am planning|am about|will|am ready|"
        rf"keep thinking "
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
        rf"not alive)\b|\bi {ADV}wish (?:that )?i (?:had|would have) (?:never|not) (?:woken|"
        rf"woke) up\b|\bi {ADV}wish i (?:could|would) (?:just )?(?:die|not wake up|"
        rf"never wake up|stop existing)\b|\bi {ADV}(?:hope|pray|am praying|am hoping|keep "
        rf"praying|keep hoping) (?:that )?i (?:do not|will not|never|would not|will never) "
        rf"(?:wake up|make it through|see (?:tomorrow|the morning))\b(?! (?:this|the|my) "
        rf"(?:lecture|class|meeting|shift|exam|test|movie|game|day|week|presentation|call))",
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
        r"(?:<w> ){0,3}(?:suicide|killing myself|ending it|ending my life|ending things|"
        r"ending everything|(?:ways|how) to (?:end it|die|kill myself|end my life|end things|"
        r"end it all|not wake up))\b(?! with| between)",
        needs_self=True,
    ),
    rule(
        "death_thoughts_often", INDIRECT, 0.45,
        r"\b(?:think|thinking|thought) (?:about|of) (?:death|dying|being dead|not being here|"
        r"not existing)(?: so)? (?:a lot|all the time|constantly|every day|so much|lately|often|"
        r"more and more)\b|\b(?:cannot|can not) stop (?:thinking|obsessing|fantasi[sz]ing) "
        r"(?:about|of) (?:death|dying|being dead|not being here)\b",
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
        "not_deserve_live", EXPLICIT, 0.85,
        rf"\bi {ADV}(?:do not|no longer) deserve to (?:live|be alive|exist|be here|breathe|keep "
        rf"living|wake up)\b",
    ),
    rule(
        "not_want_go_on", INDIRECT, 0.55,
        rf"\bi {ADV}do not {ADV}want to (?:go on|keep going|continue|be here)"
        r"(?= anymore| any more| any longer| like this| tomorrow|\s*[.!,?]|$)",
    ),
    rule(
        "no_reason_live", EXPLICIT, 0.85,
        r"\b(?:no|not any|not a single|nothing to|no more) (?:reason|point|purpose) "
        r"(?:for me )?(?:to|in|of) (?:keep )?(?:live|living|go on|going on|keep living|"
        r"keep going|being alive|stay alive|staying alive|be alive|stick around|stay here|be "
        r"here|wake up)\b(?! (?:in|at|for|with|and (?:do|go|work)))|\bnothing (?:left )?to "
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
        r"(?:being alive|living|existing|being in this world)\b(?! (?:in|with|at|on|under|like|"
        r"near|off|out of|paycheck|here|there|this way))|\b(?:tired of|sick of|"
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
        r"(?:whole )?bottle of|the whole bottle of|the rest of my|[1-9]\d+) (?:<w> |\w+'s ){0,2}(?:pills|"
        r"tablets|meds|sleeping pills|painkillers|capsules|medication|antidepressants|"
        r"prescription|insulin|\w+ pills)\b",
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
        "no_future_self", INDIRECT, 0.75,
        r"\bi (?:<w> )?(?:do not|cannot|could not|can not) (?:see|picture|imagine) (?:myself|me) "
        r"(?:being |still )?(?:alive|here|around|living|making it|surviving|growing old|getting "
        r"old)\b(?! (?:in|at|with|near) (?:this|that|the|a|my) )",
    ),
    rule(
        "said_goodbyes", INDIRECT, 0.7,
        r"\b(?:said|saying|say|made|making) (?:all )?my goodbyes\b|\b(?:said|saying) goodbye to "
        r"(?:everyone|everybody|all of them|my family|my friends)\b",
    ),
    rule(
        "self_harm_slang", EXPLICIT, 0.85,
        r"\b(?:been|started|start|keep|kept|am|was|back to|went back to|relapsed and|relapsed "
        r"into) (?:cutting|burning|scratching|hitting myself|carving)\b(?! (?:my |the |some |"
        r"back|down|out|off|up|corners|class|school|hair|nails|bangs|carbs|sugar|meat|costs|grass|"
        r"wood|paper|fabric|onions|vegetables|veggies|coupons|weight|calories|people))"
        r"(?=.{0,40}\b(?:again|"
        r"deeper|relapse\w*|scars?|arms?|wrists?|thighs?|legs?|blades?|razors?|bleed\w*)\b)"
        r"|\b(?:my )?cuts (?:are|keep) getting deeper\b|\brelapsed\b.{0,30}\b(?:self[- ]?harm|"
        r"cutting)\b",
        needs_self=True,
    ),
    rule(
        "goodbye_letters", INDIRECT, 0.75,
        r"\b(?:writing|wrote|written|write|drafting|drafted|recording|recorded|record|left|"
        r"leaving|typing|typed) (?:<w> ){0,2}(?:goodbye|farewell) (?:letters?|notes?|"
        r"messages?|videos?|texts?|posts?)\b",
        needs_self=True,
    ),
    rule(
        "fear_own_actions", EXPLICIT, 0.85,
        r"\b(?:scared|afraid|terrified|worried) (?:of what|that) i (?:might|will|could|am going "
        r"to|would) do(?: to myself\b| tonight\b| right now\b|(?=\s*(?:[.!]|$)))"
        r"|\bi (?:do not|cannot) trust myself (?:tonight|right now|alone|not to hurt myself|to "
        r"stay safe)\b",
    ),
    rule(
        "through_the_night", INDIRECT, 0.6,
        r"\b(?:will not|do not think i will|not going to|might not|may not|cannot) make it "
        r"(?:through|past|to) (?:the night|tonight|the week|tomorrow|the weekend|morning|"
        r"another day)\b",
    ),
    rule(
        "wrote_will", INDIRECT, 0.4,
        r"\b(?:wrote|writing|written|made|making|updated) (?:my|a) will\b",
    ),
    rule(
        "end_for_me", INDIRECT, 0.45,
        r"\b(?:this|it|tonight|today) is (?:the end|the end of the road|the end of the line|over) "
        r"for me\b",
    ),
    rule(
        "planning_how", EXPLICIT, 0.8,
        r"\b(?:planning|planned|plan|figuring out|figured out|worked out|working out|deciding|"
        r"decided|researching) (?:how|when|where) (?:i would|i will|i am going to|i could|to|i "
        r"should) (?:do it|end it|go through with it|kill myself|die)\b",
        needs_self=True,
    ),
    rule(
        "blade_to_body", EXPLICIT, 0.85,
        r"\b(?:knife|blade|razor|gun|pistol|scissors|glass)(?: <w>){0,2} (?:to|against|on|into) my "
        r"(?:wrists?|throat|head|neck|arms?|temple|chest|skin)\b",
    ),
    rule(
        "death_relief", EXPLICIT, 0.85,
        r"\b(?:dying|death|being dead|not existing|not waking up|ending it|never waking up) "
        r"(?:sounds|seems|feels|would be|would feel|is|looks) (?:like )?(?:a |such a )?(?:relief|"
        r"peaceful|so peaceful|nice|better|good|easier|the only option|the answer|freedom|"
        r"tempting|appealing)\b",
    ),
    rule(
        "give_up_life", EXPLICIT, 0.75,
        r"\b(?:give|giving|gave) up on (?:life|living|being alive|myself|staying alive)\b",
    ),
    rule(
        "stockpiling", EXPLICIT, 0.85,
        r"\b(?:stockpiling|stockpiled|saving up|hoarding|collecting|saved up|counting|counted) "
        r"(?:my |all my )?(?:pills|meds|medication|tablets|painkillers|sleeping pills)\b"
        r"(?:.{0,50}\b(?:enough|ready)\b|(?!.{0,40}\b(?:pharmacy|refill|doctor|dose|"
        r"missed|organi[sz]er)\b))",
    ),
    rule(
        "means_ready", EXPLICIT, 0.85,
        r"\bi (?:have|have got|got|bought|have bought|found|have found|am holding|have been "
        r"holding|am staring at|have been staring at|am looking at|have been looking at|keep "
        r"looking at|keep staring at|have had) (?:the |a |my |all (?:of )?"
        r"my |some )?(?:pills|rope|gun|knife|razor|blade|blades|noose|bottle of pills|"
        r"meds|medication|sleeping pills)\b(?:.{0,50})\b(?:ready|lined up|in front of me|"
        r"taking (?:all|them|it)|take (?:all|them)|to end|for tonight|right here|and thinking|"
        r"need the (?:courage|guts|nerve|strength)|need to find (?:somewhere|a place|a spot|the "
        r"right (?:place|spot|time)|a (?:tree|beam|bridge)))",
    ),
)
