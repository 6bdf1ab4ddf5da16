"""Resolution, absolution and acts in progress (English view).

Beyond wishes and plans, people at the end say *calm* things: they are "at peace", "letting
go", "done fighting", they "hope it's quick", it "wasn't your fault", they will do it
"before anyone wakes up"; or they describe an act already under way (the pills "kicking
in", the engine running in a closed garage). Some are crises on their own; the ambiguous
ones are contextual: low alone, a crisis after despair.
"""

from __future__ import annotations

import logging

from .rules import CONTEXTUAL, DESPAIR, EXPLICIT, INDIRECT, Rule, rule

log = logging.getLogger(__name__)

_TIME = r"(?:tonight|today|now|soon|this weekend|tomorrow|at last|finally|forever|for good)"

RESOLUTION_EN: tuple[Rule, ...] = (
    rule(
        "act:pills_kicking_in", INDIRECT, 0.5,
        r"\b(?:while|until|till) (?:the|these|those|all the|all my|all of my) (?:pills|tablets|"
        r"overdose|poison|drugs) (?:kick in|kicks in|start working|take effect|work|hit)\b",
        unless=r"\b(?:headache|migraine|anxiety|pain|cramps|sleep|cold|flu|fever|allergies)\b",
    ),
    rule(
        "act:in_progress", EXPLICIT, 0.9,
        r"\b(?:in|inside) (?:my|the) car\b.{0,40}\b(?:garage|hose)\b.{0,40}\b(?:engine|motor) "
        r"(?:is |still )?running\b|\bengine (?:is |still )?running\b.{0,40}\b(?:closed |shut |in "
        r"the )garage\b"
        r"|\bi (?:just |already )?(?:took|swallowed|downed|have taken) (?:all|every one|the whole "
        r"bottle|the rest) (?:of )?(?:my|the|her|his|mom's|dad's) (?:\w+ )?(?:pills|meds|tablets|"
        r"medication|antidepressants|painkillers|sleeping pills|prescription|capsules|insulin)\b",
    ),
    rule(
        "act:covert_timing", INDIRECT, 0.75,
        r"\b(?:do it|go|end it|leave) (?:before|while) (?:anyone|everyone|they|my \w+|mom|dad|"
        r"the house) (?:wakes? up|gets? (?:home|back)|notices?|finds? out|is asleep|are asleep)\b",
        needs_self=True,
        unless=r"\b(?:surprise|breakfast|gift|present|clean\w*|cook\w*|homework|laundry|"
        r"workout|run|jog|shower|chores?|dishes)\b",
    ),
    rule(
        "resolve:finish_job", EXPLICIT, 0.8,
        r"\b(?:already (?:dead|gone)|dead inside|a ghost)\b.{0,40}\b(?:might as well|may as "
        r"well|just need to|should just) (?:finish the job|make it official|make it real|get it "
        r"over with|finish it)\b",
        needs_self=True,
    ),
    rule(
        "resolve:death_not_scary", INDIRECT, 0.75,
        r"\b(?:death|dying|being dead) (?:does not|no longer|do not|is not going to|will not) "
        r"(?:even )?(?:scare|frighten) me(?: anymore| any more)?\b.{0,30}\b(?:living|life|being "
        r"alive|waking up) (?:does|scares me|is what scares me)\b"
        r"|\bi am (?:not|no longer) (?:scared|afraid) of (?:dying|death) (?:anymore|any more)?"
        r".{0,30}\b(?:living|life|being alive) (?:is|scares)\b",
        negatable=False,
    ),
    rule(
        "resolve:death_not_scary_weak", CONTEXTUAL, 0.3,
        r"\b(?:death|dying) (?:does not|no longer|do not) (?:even )?(?:scare|frighten) me"
        r"(?: anymore| any more)?\b",
        negatable=False,
    ),
    rule(
        "resolve:tired_of_waking", EXPLICIT, 0.8,
        r"\b(?:tired|sick|exhausted) of waking up(?= every (?:morning|day)\b| again\b| alive\b|"
        r" at all\b|\s*[.!,?]|$)|\bwaking up (?:every (?:morning|day) )?"
        r"(?:and )?wishing i (?:had not|did not|would not|was not|were not|was dead)\b"
        r"|\bwish(?:ing)? i (?:had not|did not|had never|would not have) (?:woken|woke|wake) up\b",
    ),
    rule(
        "resolve:funeral_plans", INDIRECT, 0.6,
        r"\b(?:planning|planned|writing down|wrote down|picked|picking|chose|choosing|decided on)"
        r"\b.{0,40}\b(?:at|for) my (?:own )?funeral\b",
        unless=r"\b(?:terminal|cancer|diagnos\w*|hospice|old age|when i am old|one day|someday|"
        r"joke|lol|lmao)\b",
    ),
    rule(
        "resolve:letting_go", INDIRECT, 0.5,
        rf"\b(?:i am|i will|going to|i am going to) (?:finally )?(?:letting go|let go|stop "
        rf"fighting|stopping fighting|giving in) {_TIME}\b(?! (?:of|with|about)\b)"
        rf"|\bi am (?:done|finished|through) (?:fighting|trying|struggling)"
        r"(?= anymore|\s*[.!,]|$)",
    ),
    rule(
        "resolve:at_peace", CONTEXTUAL, 0.3,
        rf"\b(?:going to|will|gonna) (?:finally )?be at peace(?: {_TIME})?\b(?! with\b)|\bfinally "
        rf"at peace\b(?! with\b)|\b(?:hope|hoping|pray) (?:it is|it will be|it is going to be) (?:quick|fast|"
        r"painless|over soon|quiet)\b",
        negatable=False,
    ),
    rule(
        "resolve:not_your_fault", CONTEXTUAL, 0.3,
        r"\b(?:it|this) (?:was not|is not|will not be|was never|is never) (?:your|anyone's|"
        r"anybody's) fault\b|\bdo not blame (?:yourself|yourselves)\b|\bplease do not be "
        r"(?:mad|angry|upset|sad) (?:at|with) me\b|\bsorry for everything\b",
        negatable=False,
    ),
    rule(
        "resolve:absent_absolution", INDIRECT, 0.75,
        r"\bif i am (?:not|no longer) (?:here|around|alive)(?: <w>){0,2}? (?:tomorrow|in the "
        r"morning|by (?:tomorrow|morning)|after tonight)\b.{0,40}\b(?:not your fault|do not blame|"
        r"love you|take care|i am sorry|forgive me)\b",
        negatable=False,
    ),
    rule(
        "resolve:nobody_worry", INDIRECT, 0.75,
        r"\b(?:nobody|no one|you|they|anyone) (?:needs|need|will need|has|have|will have|will "
        r"not have|will never have|will not need|does not need) to worry about me (?:after "
        r"(?:tonight|today|this weekend|this week|this)|much longer|anymore after|soon|ever "
        r"again)\b",
        negatable=False,
    ),
    rule(
        "resolve:if_gone", INDIRECT, 0.5,
        r"\bif i (?:was|were|am) (?:gone|dead|not here|not around)(?! (?:for|on|to|from|at)\b)"
        r"(?: <w>){0,3}\b",
        needs_self=True,
    ),
    rule(
        "resolve:others_move_on", INDIRECT, 0.75,
        r"\b(?:everyone|everybody|they|people|my \w+|the world|you all|you guys)(?: <w>){0,2} "
        r"(?:would|will) (?:just )?(?:move on|forget (?:me|about me)|be fine|be happier|get over "
        r"it|barely notice|not even notice)(?: <w>){0,3} (?:if|once|when) i (?:was|were|am) "
        r"(?:gone|dead|not here|not around)\b(?! (?:for|on|to|from|at)\b)",
        negatable=False,
    ),
    rule(
        "resolve:pretending", INDIRECT, 0.75,
        r"\b(?:stop|quit|done|tired of|sick of|cannot keep) pretending (?:that )?i (?:want|like|"
        r"am glad|am happy) to (?:be here|be alive|live|exist|wake up)\b",
    ),
    rule(
        "resolve:not_sticking_around", INDIRECT, 0.75,
        r"\b(?:not|never|am not|will not be|am not going to be|not going to be) (?:sticking|stick|"
        r"staying|stay) around (?:to (?:find out|see (?:it|if|whether))|much longer|for (?:much "
        r"longer|long)|(?:any )?longer)\b",
        needs_self=True,
    ),
    rule(
        "resolve:how_easy", INDIRECT, 0.75,
        r"\b(?:bridge|cliffs?|ledge|balcony|tracks|train|roof|rooftop|pills|rope|gun|edge|"
        r"traffic|overpass|river|knife|blades?|razor)\b.{0,50}\bhow (?:easy|simple|quick) it "
        r"would be\b|\bhow (?:easy|simple|quick) it would be to (?:just )?(?:end (?:it|things|"
        r"everything)|jump|let go|swerve|step off|fall|drive off|not wake up|die|overdose|take "
        r"(?:them|it) all|disappear)\b",
        needs_self=True,
    ),
    rule(
        "resolve:favor_not_existing", INDIRECT, 0.8,
        r"\b(?:favou?r|kindness|gift|service)(?: to| for)?(?: everyone| everybody| them| you"
        r"| the world)? by (?:not existing|dying|disappearing|being gone|leaving for good|not being"
        r" (?:here|around|alive)|killing myself|ending it)\b",
    ),
    rule(
        "resolve:heart_stop", EXPLICIT, 0.85,
        r"\b(?:want|wish|need|hope|pray|praying|hoping)\b.{0,15}\bmy heart (?:to |would |will )?"
        r"(?:just |finally |simply )?(?:stop|stops|give out|gives out|stop beating)\b",
    ),
    rule(
        "resolve:imagine_falling", INDIRECT, 0.75,
        r"\b(?:imagin\w*|pictur\w*|fantasi\w*|thinking (?:about|of)|dream\w* (?:about|of)|visuali"
        r"[sz]\w*) (?:myself )?(?:stepping|jumping|falling|throwing myself|driving|walking) (?:off|"
        r"from|into|in front of|over) (?:my|the|a|that) (?:balcony|roof|ledge|bridge|building|"
        r"cliff|window|train|traffic|car|truck|tracks|overpass|edge)\b",
    ),
    rule(
        "resolve:exist_anymore", INDIRECT, 0.45,
        r"\b(?:do not|cannot|can not) (?:know how to |remember how to )?(?:exist|be a person|be "
        r"alive) (?:anymore|any more|any longer)\b",
    ),
    rule(
        "resolve:sorry_not_better", INDIRECT, 0.45,
        r"\bsorry (?:that )?i (?:could not|was not|am not|could never|will never) (?:be )?"
        r"(?:better|good enough|enough|stronger|the \w+ you (?:wanted|deserved|needed))\b",
        negatable=False,
    ),
    rule(
        "resolve:around_to_bother", INDIRECT, 0.75,
        r"\b(?:will not|am not going to|will no longer|would not) be (?:around|here) to (?:bother|"
        r"annoy|burden|worry|bug|disturb|upset|disappoint) (?:you|anyone|anybody|everyone|people|"
        r"them|my \w+)\b",
    ),
    rule(
        "resolve:safe_from_hurt", CONTEXTUAL, 0.3,
        r"\b(?:going|go|headed|heading|off) (?:somewhere|to a place|where)(?: where)? (?:nobody|no"
        r" one|nothing) can (?:hurt|reach|touch) me\b",
        negatable=False,
    ),
    rule(
        "net:drawn_to_means", DESPAIR, 0.45,
        r"\b(?:keep|kept|been|always|cannot stop|can not stop|find myself) (?:thinking about|"
        r"looking at|staring at|driving past|walking past|walking to|going to|imagining|"
        r"picturing|standing on|googling)\b.{0,40}\b(?:bridge|cliffs?|ledge|balcony|roof|"
        r"rooftop|train tracks|tracks|overpass|rope|noose|pills|knife|blades?|razors?|gun|edge|"
        r"river|lake|my meds)\b",
        needs_self=True,
    ),
    rule(
        "resolve:went_to_height", CONTEXTUAL, 0.3,
        r"\b(?:walked|went|drove|go|going|biked|stood|standing|sat|sitting) (?:up |out |back )?"
        r"(?:to|on|at|by) (?:the|a) (?:bridge|roof|rooftop|cliff|cliffs|tracks|train tracks|top "
        r"floor|parking garage|overpass|ledge|edge|tallest building|railway)\b(?: (?:again|"
        r"tonight|today))?(?! (?:club|game|party|restaurant|cafe|bar|market|festival|concert)\b)",
    ),
)
