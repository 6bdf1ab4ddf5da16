"""Means-seeking questions (doses, lethal amounts, heights, methods), judged by structure.

A question is means-seeking when it asks for an *operational detail* (how many, how high,
which floor, what to mix, does it hurt) about a *means* (a substance, a place to fall from,
a method) with a *lethal aim* (kill, die, not wake up, survive, be sure). Personal framing
("me", "my", "I", the generic "you", or a method named as an act: "is jumping ... painless")
makes it high; without it, it is elevated (a factual question about toxicology stays out of
the crisis response, but the conversation goes into safe mode and the output check stops
any figure from being given). A stated benign purpose ("for a headache", "without
overdosing", "maximum daily dose") with no stronger lethal word is not means-seeking.
"""

from __future__ import annotations

import logging
import re

from .rules import MEANS, Hit

log = logging.getLogger(__name__)

_SUBSTANCE = re.compile(
    r"\b(?:pills?|tablets?|capsules?|meds|medications?|medicines?|drugs|painkillers|"
    r"sleeping pills|antidepressants?|insulin|tylenol|paracetamol|acetaminophen|ibuprofen|"
    r"advil|motrin|aspirin|aleve|naproxen|benadryl|diphenhydramine|melatonin|sertraline|"
    r"zoloft|prozac|fluoxetine|lexapro|escitalopram|citalopram|venlafaxine|effexor|"
    r"wellbutrin|bupropion|amitriptyline|lithium|seroquel|quetiapine|xanax|alprazolam|valium|"
    r"diazepam|klonopin|clonazepam|ativan|lorazepam|ambien|zolpidem|oxycodone|oxycontin|oxys?|percocet|"
    r"lamictal|lamotrigine|gabapentin|trazodone|nyquil|unisom|doxylamine|pesticides?|"
    r"weed ?killer|paraquat|drano|lye|ethylene glycol|arsenic|strychnine|"
    r"vicodin|hydrocodone|fentanyl|morphine|codeine|tramadol|heroin|methadone|opioids?|benzos?|"
    r"barbiturates?|caffeine|bleach|antifreeze|rat poison|poison|cyanide|nitrite|helium|"
    r"nitrogen|carbon monoxide|gas|chemicals|metformin|propranolol|beta blockers?|digoxin|"
    r"iron pills|vitamins?|dose|doses|dosage)\b"
    # Named by position: "how many of my lamictal", "20 of her pills".
    r"|\b(?:\d+|many|much|all|most|rest|half) of (?:my|these|those|her|his|their|the|mom's|"
    r"dad's) \w+"
)
# No therapeutic use: "how long does it take to work" about these can only mean one thing.
_POISON = re.compile(
    r"\b(?:antifreeze|ethylene glycol|cyanide|sodium nitrite|nitrite|carbon monoxide|car "
    r"exhaust|exhaust fumes|arsenic|strychnine|exit bag)\b"
)
# Poisons with an everyday use (pests, cleaning, drains): only with personal ingestion.
_HOUSEHOLD = re.compile(
    r"\b(?:bleach|rat poison|poison|pesticides?|weed ?killer|paraquat|drano|lye|insecticide|"
    r"ant killer|roach killer)\b"
)
_PEST_TARGET = re.compile(
    r"\b(?:on|for|kill|killing|kills|get rid of) (?:the |my |our |those |these )?(?:mold|mould|"
    r"stains?|grass|weeds?|rats?|mice|mouse|pests?|bugs?|ants?|roach\w*|cockroach\w*|germs|"
    r"bacteria|garden|lawn|drains?|pipes?|clogs?|toilet|engine|radiator|car|coolant)\b"
    r"|\b(?:radiator|engine|coolant|garden|lawn|pest control|exterminator)\b"
)
_SELF_INGEST = re.compile(
    r"\b(?:if|when) (?:i|you) (?:drink|take|swallow|eat|inject|drank|took|swallowed|ate)\b"
    r"|\b(?:kill|hurt) (?:me|you)\b|\b(?:will|would) i\b|\b(?:drink|drinking|swallow|"
    r"swallowing|eat|eating) (?:it|some|a (?:cup|glass|bottle)|the)\b.{0,30}\b(?:die|kill|"
    r"hurt|painful|painless|work)\b"
)
_ACCIDENTAL = re.compile(
    r"\b(?:dog|cat|puppy|kitten|pet|toddler|baby|vet|poison control|accidental\w*|by accident|"
    r"by mistake|symptoms|cleaning|clean|fumes from|ventilat\w*|careful|safe to|smell|spilled|"
    r"splashed|on my (?:skin|hands)|in my eyes?|(?:licked|chewed|got into))\b"
)
_PROCESS = re.compile(
    r"\bhow long (?:does|would|will|did|do) it (?:usually |normally )?take (?:for )?(?:\w+ ){0,4}?"
    r"(?:to (?:work|kick in|kill|die|take effect|act|be fatal)|before (?:you|i|someone) (?:die|"
    r"dies|pass out|passes out))\b|\bhow long until (?:i|you|someone) (?:die|dies|pass out|stop "
    r"breathing)\b|\bhow (?:fast|quickly) (?:does|would|will|do|can) (?:\w+ ){1,3}(?:work|kill)\b"
)
_INGEST = re.compile(
    r"\bwhat (?:happens|would happen|will happen) if (?:i|you) (?:just )?(?:take|drink|swallow|"
    r"eat|mix|inject|snort|down|took|drank|swallowed|ate|mixed)\b"
    r"|\bif (?:i|you) (?:drink|take|swallow|eat|mix|inject|drank|took|swallowed|ate)\b.{0,50}"
    r"\b(?:will|would|does|do) (?:it|i|that|you)\b"
    r"|\b(?:will|would) i (?:just )?(?:fall asleep|die|not wake|pass out|stop breathing)\b"
    r"|\b(?:does|would|will|can|could) (?:\w+ ){1,2}(?:kill|hurt) (?:you|me)\b"
)
_BIG_QTY = re.compile(
    r"\b(?:[1-9]\d|\d{3,}) (?!mg\b|mcg\b|ml\b|g\b|grams?\b|milligrams?\b|iu\b|units?\b|"
    r"minutes?\b|mins?\b|hours?\b|hrs?\b|days?\b|weeks?\b|years?\b|percent\b|times\b)"
    r"|\b(?:a|the|my|her|his|mom's|dad's) (?:whole|entire|full) (?:bottle|pack|packet|box|"
    r"strip|blister)\b"
    r"|\ball (?:of )?my (?:\w+ )?(?:pills|meds|tablets|medication)\b"
)
_PLACE_OR_TOOL = re.compile(
    r"\b(?:rope|noose|belt|gun|firearm|pistol|rifle|shotgun|bullets?|knife|razor|blades?|"
    r"bridge|building|roof|rooftop|balcony|cliff|ledge|floor|floors|stories|storeys|storey|"
    r"story|train|tracks|subway|truck|garage|exhaust|bathtub|river|wrists?|artery|blood loss|"
    r"bleeding out|bleed to death|"
    r"arteries|veins?|throat|plastic bag|exit bag)\b"
)
_LETHAL_STRONG = re.compile(
    r"\b(?:kill|kills|killing|die|dying|dead|death|lethal|fatal|deadly|overdose|overdosing|"
    r"not wake up|never wake up|(?:would|will|could) i (?:still )?wake up|survive|surviving|"
    r"stop (?:my|your|the|a) heart|end (?:it|my life|your life|things)|bleed out|bleeding out|"
    r"hit an artery|suffocate|noose|exit bag|cyanide|sodium nitrite|stop breathing|"
    r"(?:(?:fall|falling) asleep|(?:go|going) to sleep) (?:forever|for good|permanently)|"
    r"sleep (?:forever|for good|permanently)|what (?:would|will) happen to (?:me|my body) if)\b"
)
_LETHAL_SOFT = re.compile(
    r"\b(?:do it|do the job|definitely|work|painless|painlessly|hurt|hurts|painful|instant|"
    r"instantly|quick|quickest|be sure|"
    r"be certain|make sure|guarantee|guaranteed|for sure|for good|sure to work|enough|deep)\b"
)
_OPERATIONAL = re.compile(
    r"\bhow (?:many|much|high|tall|far|deep|fast|long (?:does|would|will) it take)\b"
    r"|\bwhat (?:is (?:the|a) )?(?:(?:max|maximum|minimum|min|smallest|largest|biggest|highest|"
    r"lowest|right|exact|safe|total) )?(?:amount|number|dose|dosage|quantity|height|floor|mg)\b"
    r"|\bbefore (?:it|that|they|you) (?:becomes?|is|are|gets?|would be|turns?) (?:fatal|lethal|"
    r"deadly)\b"
    r"|\bwhich (?:floor|bridge|building|pills|meds|drugs?|medications?|chemicals|one|method)\b"
    r"|\b(?:lethal|fatal|deadly) (?:dose|amount|dosage|quantity|level)\b"
    r"|\b(?:would|will|could|is|are) (?:\d+|all|a (?:whole )?bottle|a handful)\b"
    r"|\ball (?:of )?my\b|\ba (?:whole )?bottle\b|\ba handful\b|\benough to\b"
    r"|\b(?:mix|combine|combination)\b|\bwhere (?:can|do|could|should) i (?:buy|get|find)\b"
    r"|\bhow (?:do|can|would|should|to)(?: i| you| someone| one| people)? (?:tie|make|get|buy|"
    r"use|mix|jump|cut|hang|do it)\b|\b(?:does|would|will|is) (?:it|\w+ing)(?: \w+){0,5} "
    r"(?:hurt|painful|painless|quick|instant|take long)\b"
    r"|\b(?:best|easiest|quickest|fastest|surest|most painless|least painful|cleanest|"
    r"most peaceful|painless) (?:way|ways|method|methods)\b"
    r"|\b(?:think|know if|wonder if|know whether) it (?:hurts|would hurt|is painful|is quick)\b"
    r"|\b(?:do|does|would|will|is it true(?: that)?) (?:you|i|it) (?:just )?(?:fall asleep|"
    r"feel (?:anything|it)|"
    r"hurt|notice|suffer)\b"
)
_ACTION = re.compile(
    r"\b(?:jump(?:ed|ing|s)? (?:off|from|in front of)|(?:throw(?:ing)?|threw) (?:myself|yourself)|"
    r"step(?:ped|ping|s)? (?:in front of|off)|hang(?:ing)? (?:myself|yourself)|drowning|"
    r"cut(?:ting)? (?:my|your) (?:wrists?|throat)|slit(?:ting)?|bleed(?:ing)? out|"
    r"suffocat\w+|shoot(?:ing)? (?:myself|yourself)|gassing|"
    r"to (?:drown|hang (?:myself|yourself|oneself)|jump (?:off|from)|overdose|bleed out)|"
    r"(?:hanging|drowning|jumping|overdosing)(?= (?:hurt|hurts|is|be|painful|painless|fast|"
    r"quick|instant))|"
    r"(?:take|taking|took|swallow\w*) (?:all|\d+|a (?:whole )?bottle|a handful|everything))\b"
)
_PERSONAL = re.compile(
    r"\b(?:i|me|my|myself|mine|you|your|yourself)\b|\basking for (?:me|myself)\b|"
    r"\b(?:jumping|hanging|drowning|overdosing|slitting|shooting)\b|"
    r"\bto (?:drown|hang (?:myself|yourself|oneself)|jump (?:off|from)|overdose|bleed out)\b"
)
_BENIGN = re.compile(
    r"\b(?:safe|safely|without (?:an )?(?:overdosing|overdose|hurting)|avoid|prevent|"
    r"maximum|max|recommended|per day|a day|daily|accidentally|by mistake|by accident|"
    r"my (?:doctor|pharmacist|nurse)|prescribed|for (?:a|my|the) (?:headache|fever|pain|"
    r"cold|flu|migraine|toothache|cramps|back|period|sleep|anxiety|allergies|hangover))\b"
)
_STRONG_BEYOND_OVERDOSE = re.compile(
    r"\b(?:kill|killing|die|dying|dead|lethal|fatal|deadly|not wake up|never wake up|"
    r"stop (?:my|your|the|a) heart|end (?:it|my life))\b"
)

# Asking for a way, rather than an amount: "most painless way to die", "how to kill yourself".
_METHOD_Q = re.compile(
    r"\b(?:best|easiest|quickest|fastest|surest|most painless|least painful|cleanest|"
    r"most peaceful|painless|quick|easy|simple|good|reliable|effective) (?:way|ways|method|"
    r"methods) (?:to|of) (?:die|dying|kill|end|commit|suicide|go|overdose|make (?:it|it all|"
    r"everything|the pain) stop(?=\s*(?:[.!?,]|$|forever|for good|permanently))|not wake up|"
    r"never wake up|disappear forever)\b"
    r"|\bhow (?:do|can|would|should|to|could)(?: i| you| someone| one| people| a person)? "
    r"(?:kill|end|off|hang|drown|poison|suffocate|shoot) (?:myself|yourself|oneself|themselves|"
    r"themself|my life|your life|one's life|it all)\b"
    r"|\b(?:ways?|methods?) (?:to|of) (?:kill|killing|end|ending) (?:myself|yourself|my life|"
    r"your life|oneself|themselves|it|it all|things|everything)\b"
)
_IMPERSONAL_TARGET = re.compile(
    r"\b(?:themselves|themself|oneself|one's life|people|someone|a person)\b"
)

# Looking for a place without barriers is looking for a means.
_NO_BARRIER = re.compile(
    r"\b(?:bridges?|buildings?|roofs?|rooftops?|cliffs?|balcon(?:y|ies)|platforms?|car parks?|"
    r"parking garages?)\b.{0,50}\b(?:no|without|do not have|does not have|not have|lack) "
    r"(?:any )?(?:nets?|fences?|fencing|barriers?|railings?|guard ?rails?|cameras?|security)\b"
)

# Vague requests that only mean something after despair ("how many of these would it take?").
_VAGUE = (
    re.compile(
        r"\bhow many (?:of (?:these|them|those|my \w+)|pills|tablets|capsules)(?: \w+){0,3} "
        r"(?:would|will|does|do|should)(?: it| i)? (?:take|need|be enough)\b"
    ),
    re.compile(
        r"\b(?:tallest|highest) (?:bridge|building|cliff|rooftop|roof|parking garage|tower|"
        r"structure)s? (?:near|around|close to|by) (?:me|here|my)\b|\b(?:bridge|building|roof)s? "
        r"(?:near me )?(?:with|that has) (?:roof )?access\b"
    ),
    re.compile(
        r"\bi (?:just |finally |already )?(?:bought|got|ordered|picked up|found|got hold of|have "
        r"bought|have got) (?:a |some |the |enough )?(?:rope|gun|firearm|pistol|razor blades"
        r"|blades|"
        r"helium|charcoal|nitrite|sleeping pills|pills)(?: today| tonight| online| finally)?"
        r"(?=\s*(?:[.!,]|$))"
    ),
    re.compile(
        r"\bwhere (?:can|do|could|should) i (?:buy|get|find) (?:a |some )?(?:gun|firearm|pistol|"
        r"rope|pills|sleeping pills|barbiturates|helium|nitrogen|razor blades|nitrite)\b"
    ),
)
_RESEARCHED = re.compile(
    r"\bi (?:have )?(?:looked up|googled|searched|researched|been looking up|been googling|"
    r"been researching|checked|worked out|calculated|counted)\b"
)
# Wanting certainty of outcome turns a dose question into a means question.
_LETHAL_INTENT = re.compile(
    r"\bi (?:want|need) (?:it |this )?to (?:be sure|be certain|work|be enough)\b|\bthis time\b"
    r"|\bno mistakes?\b|\bso (?:it|that it) works\b|\bnot (?:fail|mess (?:it )?up) again\b"
)
_URGENT = re.compile(
    r"\b(?:today|tonight|right now|fast|quickly|asap|no waiting|waiting period|without (?:a )?"
    r"(?:prescription|background check|id))\b"
)


def _poison_or_quantity(clause: str) -> Hit | None:
    """A poison with a process or ingestion question; a large amount of a drug for me."""
    framing = _PROCESS.search(clause) or _INGEST.search(clause)
    poison = bool(_POISON.search(clause) and (framing or _SELF_INGEST.search(clause)))
    household = bool(_HOUSEHOLD.search(clause) and _SELF_INGEST.search(clause)
                     and not _PEST_TARGET.search(clause))
    if poison or household:
        if _ACCIDENTAL.search(clause) or _PEST_TARGET.search(clause):
            return Hit("means:accidental_exposure", MEANS, 0.05)
        return Hit("means:poison", MEANS, 0.85)
    if (_BIG_QTY.search(clause) and _SUBSTANCE.search(clause) and framing
            and _PERSONAL.search(clause) and not _BENIGN.search(clause)):
        return Hit("means:quantity", MEANS, 0.85)
    return None


def means_hits(text: str) -> list[Hit]:
    """Means-seeking signals in a normalised English message (usually one or two lines)."""
    clause = text
    hits: list[Hit] = []
    if _NO_BARRIER.search(clause):
        hits.append(Hit("means:no_barrier", MEANS, 0.8))
        return hits
    method_q = _METHOD_Q.search(clause)
    if method_q:
        # Asking for a way to die is self-directed unless the target is explicitly others.
        impersonal = _IMPERSONAL_TARGET.search(method_q.group(0))
        hits.append(Hit("means:method_question", MEANS, 0.55 if impersonal else 0.9))
        return hits
    poison_hit = _poison_or_quantity(clause)
    if poison_hit is not None:
        hits.append(poison_hit)
        return hits
    strong = _LETHAL_STRONG.search(clause)
    soft = _LETHAL_SOFT.search(clause)
    substance = _SUBSTANCE.search(clause)
    tool = _PLACE_OR_TOOL.search(clause)
    action = _ACTION.search(clause)
    operational = _OPERATIONAL.search(clause)

    lethal = (
        bool(strong)
        or (bool(soft) and bool(action or tool))
        or (bool(_LETHAL_INTENT.search(clause)) and bool(substance or tool))
    )
    about_means = bool(substance or tool or action)
    if lethal and about_means and (operational or action):
        benign = _BENIGN.search(clause) and not _STRONG_BEYOND_OVERDOSE.search(clause)
        if benign:
            hits.append(Hit("means:benign_purpose", MEANS, 0.05))
        elif _PERSONAL.search(clause) or _PROCESS.search(clause):
            hits.append(Hit("means:personal", MEANS, 0.9))
        else:
            hits.append(Hit("means:impersonal", MEANS, 0.55))
        return hits

    for i, pattern in enumerate(_VAGUE):
        if pattern.search(clause):
            weight = 0.45 if _URGENT.search(clause) else 0.3
            if _RESEARCHED.search(clause):
                weight = 0.75  # "I looked up how many of my pills it would take"
            hits.append(Hit(f"means:vague_{i}", MEANS, weight))
    return hits
