"""Framing: idioms to neutralise, fiction/factual frames, third-party reports, past history.

Idioms are removed *before* any rule runs, so "this traffic is killing me" or "I want to die
of embarrassment" never reach the tables. Frames then decide whose risk a signal is
(the speaker's, a friend's, a character's) and whether it is current.
"""

from __future__ import annotations

import logging
import re

from .rules import BEREAVEMENT, THIRD_PARTY, Rule, rule

log = logging.getLogger(__name__)

IDIOM_MARK = " ~idiom~ "

_EN_IDIOMS = (
    r"\b(?:is|are|was|were|it is|that is|you are|this is|these are|they are|he is|she is)"
    r"(?: \w+)? killing (?:me|it|us)\b",
    r"\b(?:kill|kills|killed|killing) it\b",
    r"\b(?:joke|jokes|video|meme|memes|show|episode|this|that|you|he|she|it|they|movie|comedian|"
    r"line|face|tiktok|post)(?: \w+)? (?:literally |totally |just |absolutely |actually )?"
    r"(?:killed|kills|slayed|slays|destroyed|murdered|is killing) me\b",
    r"\bdead (?:tired|serious|sure|beat|wrong|right|set|last|center|centre|end|on|gorgeous|"
    r"quiet|silent|asleep|broke)\b",
    r"\b(?:lol|lmao|lmfao|haha\w*|rofl|xd)\b.{0,20}\bi am (?:so |literally |actually )?"
    r"(?:dead|deceased|dying|ded)\b|\bi am (?:so |literally |actually )?(?:dead|deceased|"
    r"dying|ded)\b.{0,6}\b(?:lol|lmao|lmfao|haha\w*|rofl|xd)\b",
    r"\b(?:die|died|dying|dead|death) (?:of|from|with) (?:embarrassment|laughter|laughing|"
    r"shame|boredom|cringe|cuteness|happiness|joy|jealousy|envy|excitement|hunger|thirst|"
    r"heat|cold|curiosity|suspense|anticipation|old age)\b",
    r"\b(?:die|died|dying|almost died|nearly died) (?:laughing|of laughter)\b",
    r"\bdying (?:to|for) (?!die\b|death\b)\w+",
    r"\b(?:would|could|will) kill for\b",
    r"\bmurder(?:ed)? (?:a|an|some|the) \w+\b|\bwas (?:absolute |pure )?murder\b",
    r"\b(?:kill|kills|killed|killing) (?:the|a|an|this|that|all|all the|my|every|any|off)"
    r"(?: \w+){0,3}? (?:process|processes|task|tasks|job|jobs|server|container|pod|thread|"
    r"threads|session|app|program|tab|tabs|lights|engine|bug|bugs|weeds|mood|vibe|time|battery|"
    r"signal|connection|switch|spider|fly|mosquito|boss|level|monster|zombies?|dragon|"
    r"enem(?:y|ies)|game|pid|daemon|service|query|queries|command|script|character|npc|mobs?)\b",
    r"\b(?:phone|battery|laptop|car|plant|plants|conversation|chat|server|party|game|wifi|"
    r"internet|computer|flowers?|signal|vibe|mood|meme|trend|band|genre|mall|town)"
    r"(?: \w+){0,5}? (?:is|was|just|has|already|are)? ?(?:dying|dead|died|just died)\b",
    r"\b(?:mom|mum|dad|mother|father|parents|boss|teacher|coach|wife|husband|girlfriend|"
    r"boyfriend|sister|brother|he|she|they|you|friends?) (?:is|are|will|would|is going to|"
    r"are going to|going to|gonna)(?: \w+)? kill me\b",
    r"\bkill(?:ing)? myself laughing\b|\bcould (?:kick|kill) myself\b"
    r"|\b(?:almost|nearly) killed myself (?:on|with|falling|tripping|slipping|laughing|when|"
    r"at|in|doing|trying|running|carrying)\b"
    r"|\bkilling (?:myself|himself|herself|themselves|yourself) (?:studying|working|trying|"
    r"running|at the gym|at work|over|for|with (?:work|overtime|shifts|extra|all these))\b",
    r"\b(?:the )?death of me\b|\b(?:bored|scared|worried|tickled|frozen|freezing|starving|"
    r"loved?|love (?:it|you|this|them|him|her)) to death\b",
    r"\bsuicide (?:squad|mission|missions|doors?|runs?|drills?|prevention|awareness|hotline|"
    r"helpline|lifeline|rates?|statistics|stats|bombers?|bombing|king|sprints?|burpees?)\b",
    r"\b(?:so|too) (?:hungry|tired|happy|embarrassed|bored|excited|full|sleepy) i could "
    r"(?:just )?die\b|\bi could (?:just )?die (?:of|from|for|happy)\b",
    r"\b(?:die|dying|died) on (?:this|that|the) hill\b|\b(?:going to|gonna|will|would|am "
    r"going to|is going to) die if (?:i|she|he|they|we|you) (?:do not|does not|cannot|can not|"
    r"did not|do|does|have to|has to) (?:get|see|have|eat|go|find|hear|meet|win|watch)\b|\bhills? (?:i would|i will|i am willing "
    r"to|to) die on\b|\bover my dead body\b|\bdead to me\b|\bdrop dead\b(?= gorgeous| beautiful)",
    r"\bkill (?:two birds|time|the vibe|the mood)\b",
    r"\b(?:killer|killa) (?:app|feature|deal|look|outfit|workout|song|beat)\b",
)

_INTL_IDIOMS = (
    # es
    r"\b(?:me )?muero (?:de|por) \w+|\bmuriendo(?:me)? (?:de|por) \w+|\bmuert[oa]s? de "
    r"(?:risa|cansancio|sueno|hambre|miedo|frio|calor|verguenza|aburrimiento|sed)\b"
    r"|\bmorir(?:me)? de (?:la )?(?:risa|verguenza|hambre|ganas|sueno|pena|aburrimiento)\b"
    r"|\bme mata(?:s|n)? de risa\b",
    # fr
    r"\bmort(?:e|s|es)? de (?:rire|fatigue|faim|peur|froid|honte|soif)\b|\bje meurs (?:de|d')"
    r" ?\w+|\bmourir (?:de|d') ?(?:rire|faim|honte|envie|soif|ennui|impatience|chaud|froid)\b|\bm'a tue\b|\bca me tue\b"
    r"|\bmdr\b|\bptdr\b",
    # de
    r"\btodmude\b|\bich lach(?:e)? mich (?:tot|schlapp|kaputt)\b|\bsterbe (?:fast )?vor "
    r"(?:hunger|durst|lachen|langeweile|neugier|angst|hitze|kalte)\b|\bzu tode "
    r"(?:gelangweilt|erschrocken|gelacht)\b|\btotlachen\b",
    # it
    r"\b(?:sto )?morendo (?:dal|dalle|di|da) \w+|\bmuoio (?:di|dal|dalla|dalle|da) \w+"
    r"|\bda morire\b|\bstanc[oa] mort[oa]\b|\bmort[oa] di (?:fame|sonno|stanchezza|paura|"
    r"freddo|ridere)\b|\bmi fa morire\b|\bmorire dal ridere\b",
    # "killing myself studying" in es/fr/it/pt
    r"\b(?:me )?mat(?:ar|o|ando)(?:me)? (?:de (?:tanto )?)?(?:estudar|estudando|trabalhar|"
    r"trabalhando|estudiar|estudiando|trabajar|trabajando|rir|risa)\b|\bje me tue (?:au|a la|a)"
    r" (?:travail|tache|boulot|travailler)\b|\bammazz\w* di (?:lavoro|studio|risate)\b",
    # pt
    r"\bmorrendo de \w+|\bmorrer de (?:rir|fome|sono|vergonha|saudades?|medo|calor|frio|"
    r"inveja)\b|\bmort[oa] de (?:cansaco|fome|sono|medo|rir|vergonha|saudades?)\b"
    r"|\bmorro de \w+|\bme mata de rir\b|\bvou morrer de \w+",
)

IDIOMS: tuple[re.Pattern[str], ...] = tuple(re.compile(p) for p in _EN_IDIOMS + _INTL_IDIOMS)


def neutralize_idioms(norm: str) -> tuple[str, int]:
    """Replace idiomatic spans with a marker; returns the text and how many were removed."""
    count = 0
    out = norm
    for pattern in IDIOMS:
        out, n = pattern.subn(IDIOM_MARK, out)
        count += n
    return out, count


FICTION = re.compile(
    r"\b(?:story|stories|novel|book|books|poem|poems|poetry|movie|movies|film|films|show|"
    r"series|episode|season|play|plays|character|characters|protagonist|villain|hero|heroine|"
    r"plot|chapter|scene|script|screenplay|fanfic|fanfiction|fiction|roleplay|campaign|d&d|dnd|"
    r"anime|manga|comic|lyrics|song|opera|shakespeare|hamlet|romeo|juliet|sitcom|"
    r"netflix|game of thrones|harry potter|dumbledore)\b|\bwrite (?:a|an|me|my|the)\b"
)
FACTUAL = re.compile(
    r"\b(?:history|historical|historically|statistics?|stats|rates?|research|essay|paper|"
    r"report|study|studies|article|documentary|biography|prevention|awareness|epidemiology|"
    r"cause of death|according to|explain|definition|effect|theory|psychology class|"
    r"homework|assignment)\b|\bhow did \w+(?: \w+){0,2} die\b|\bwhy did \w+(?: \w+)? "
    r"(?:die|kill)\b|\bwho killed\b"
)
QUOTED = re.compile(r'"[^"]{1,300}"')
# "on her story", "posted to my insta story": social media, not fiction.
SOCIAL_STORY = re.compile(
    r"\b(?:his|her|their|my|your|our|instagram|ig|insta|snap|snapchat|whatsapp|facebook|fb|"
    r"close friends) stor(?:y|ies)\b"
)

# Who a reported risk belongs to.
_RELATION = (
    r"(?:(?:best |close |good |old )?friend|friends|bestie|bff|boyfriend|girlfriend|partner|"
    r"husband|wife|fiance|fiancee|brother|sister|sibling|mom|mum|mother|dad|father|parent|"
    r"son|daughter|kid|child|teen|teenager|cousin|roommate|flatmate|classmate|coworker|"
    r"co-worker|colleague|student|teammate|uncle|aunt|grandma|grandpa|grandmother|"
    r"grandfather|niece|nephew|ex|crush|neighbou?r|buddy|mate|member|guy|girl|boy|person)"
)
# An ordinary reason to be away: "I won't be around tomorrow, dentist all day".
BENIGN_ABSENCE = (
    r"\b(?:camp\w*|trip|travel\w*|vacation|holiday|flight|fly\w*|mov(?:e|ing)|visit\w*|abroad|"
    r"out of town|dentist|doctor|appointment|work\w*|shift|exams?|school|class|busy|offline|"
    r"signal|wifi|internet|conference|wedding|festival|break|hiatus|be back|talk soon|see you|"
    r"brb|afk|gtg|hospital|surgery|family|parents|grandma|grandpa|in-laws|party|concert|game|"
    r"tournament|match|practice|training|job|office|meeting|errands?|date|sleepover|airport|"
    r"station|plane|boarding|gate|terminal|layover|abroad|overseas)\b"
)
RELATION = _RELATION
THIRD_SUBJECT = re.compile(
    rf"\b(?:my|our|a|one of my|this|that|his|her|their) (?:\w+ ){{0,3}}?{_RELATION}\b"
    r"|\b(?:someone|somebody|anyone|a person|people|a kid|a student|a member)\b"
    r"|\b(?:he|she|they)\b"
)
REPORTING = re.compile(
    r"\b(?:said|says|say|told me|tells me|tell me|texted(?: me)?|wrote|posted|messaged(?: me)?|"
    r"dm(?:ed|'d)? me|keeps? saying|kept saying|is saying|has been saying|just said|"
    r"sent me)\b"
)
_THEM = r"(?:himself|herself|themselves|themself)"
# Leaving a server, a job or a town explains a goodbye.
BENIGN_DEPARTURE = (
    r"\b(?:leaving|left|quitting|quit|moving|moved|switching|graduating|transferring|"
    r"retiring|deleting|taking a break)\b.{0,30}\b(?:server|group|discord|guild|chat|team|"
    r"school|job|work|company|city|country|town|platform|twitter|app|game|clan|channel|"
    r"community|state|abroad|away|break|hiatus)\b|\bmoving (?:to|away|out|abroad)\b"
)
_POSS = r"(?:his|her|their)"
THIRD_PARTY_EN: tuple[Rule, ...] = (
    rule(
        "tp:harm_self", THIRD_PARTY, 0.85,
        rf"\b(?:kill|killing|kills|hurt|hurting|hurts|harm|harming|harms|cut|cutting|cuts|burn|"
        rf"burning|burns|hang|hanging|starve|starving|off|offing|overdose|overdosing|shoot|"
        rf"shooting|shoots|drown|drowning|poison|poisoning) {_THEM}\b",
    ),
    rule(
        "tp:end_life", THIRD_PARTY, 0.85,
        rf"\b(?:end|ending|take|taking) {_POSS} (?:own )?life\b",
    ),
    rule(
        "tp:suicidal", THIRD_PARTY, 0.85,
        r"\b(?:is|are|was|seems|sounds|has been|have been|might be|may be|could be|been|being|"
        r"feels|feel|felt|who is|who are|that is|gets|getting) (?:\w+ )?suicidal\b"
        r"|\bsuicidal (?:friend|brother|sister|son|daughter|partner|kid|child|teen|student"
        r"|person)\b",
    ),
    rule(
        "tp:attempt", THIRD_PARTY, 0.85,
        r"\b(?:attempted|attempting|attempts|tried|tries|trying) (?:to commit )?suicide\b"
        rf"|\bsuicide attempt\b|\b(?:tried|tries|trying|attempted) to (?:kill|hurt|hang|end) "
        rf"(?:{_THEM}|{_POSS} (?:own )?life)\b",
    ),
    rule(
        "tp:want_die", THIRD_PARTY, 0.85,
        r"\b(?:he|she|they|who) (?:\w+ )?(?:wants?|wanted|wanting|wishes|wished|is going|are going"
        r"|plans?|planning|keeps? wanting) to (?:die|be dead|not be alive|not exist|disappear "
        r"forever)\b|\b(?:he|she|they|who) (?:does not|do not|did not|no longer) (?:\w+ )?want"
        r"s? to (?:live|be alive|be here|exist|wake up|go on)\b"
        r"|\b(?:he|she|they) wish(?:es|ed)? (?:he|she|they) (?:was|were|could be) dead\b"
        r"|\b(?:he|she|they) (?:would |will |might |is |are )?(?:be )?better off dead\b"
        r"|\bbetter off without (?:him|her|them)\b"
        r"|\b(?:has|have|had) a plan to (?:kill|end|die)\b",
    ),
    rule(
        "tp:talk_suicide", THIRD_PARTY, 0.8,
        r"\b(?:talking|talks|talked|joking|jokes|joked|posting|posted|writing|wrote|thinking|"
        r"thinks|thought) (?:about|of) "
        r"(?:suicide|killing|dying|ending it|not being (?:here|around)|wanting to die|not wanting "
        r"to (?:be here|live|be alive|wake up|exist|go on)|ending (?:his|her|their) life|taking "
        r"(?:his|her|their) (?:own )?life)\b",
    ),
    rule(
        "tp:goodbyes", THIRD_PARTY, 0.75,
        r"\b(?:posting|posted|posts|sent|sending|texted|texting|saying|said|wrote|writing|left)"
        r"(?: \w+){0,2} (?:goodbyes?|goodbye (?:messages?|notes?|letters?|posts?)|final "
        r"(?:messages?|posts?)|suicide notes?|a note)\b",
        unless=BENIGN_DEPARTURE + "|" + BENIGN_ABSENCE,
    ),
    rule(
        "tp:giving_away", THIRD_PARTY, 0.75,
        rf"\b(?:giving|gave|given|gives) away (?:all )?(?:of )?{_POSS} (?:things|stuff|"
        r"belongings|possessions|\w+)\b",
    ),
    rule(
        "tp:overdose_now", THIRD_PARTY, 0.9,
        r"\b(?:took|swallowed|taken|has taken|downed) (?:a bunch of|a lot of|all (?:of )?(?:his|"
        r"her|their)|too many|a handful of|a bottle of|\d+) (?:\w+ |\w+'s ){0,2}(?:pills|tablets|"
        r"meds|sleeping pills|painkillers|antidepressants|medication)\b",
    ),
    rule(
        "tp:has_means", THIRD_PARTY, 0.8,
        r"\b(?:said|says|told me|texted me|threatening|threatened|admitted) (?:that )?(?:he|she|"
        r"they) (?:has|have|had|got|bought|is holding|keeps) (?:a |some |the |his |her |their )?"
        r"(?:razor blades?|blades?|a gun|gun|pills|rope|knife|noose)\b|\blocked "
        r"(?:himself|herself|themselves) in\b.{0,60}\b(?:blades?|pills|knife|gun|rope)\b",
    ),
    rule(
        "tp:signs", THIRD_PARTY, 0.8,
        r"\b(?:has|have|had|found|noticed|saw|seen) (?:\w+ )?(?:cuts|burns|self[- ]harm (?:marks|"
        r"scars)) on (?:his|her|their) (?:arms?|wrists?|thighs?|legs?|body|stomach)\b(?! from "
        r"(?:a|the|her|his|their) (?:cat|dog|kitten|fall|accident|surgery|bike|game|match|pet))",
    ),
    rule(
        "tp:sorry_everything", THIRD_PARTY, 0.6,
        r"\b(?:saying|said|says|texted|wrote|posted)(?: (?:that )?(?:he|she|they) (?:is|are|was|"
        r"were))? sorry for everything\b",
    ),
    rule(
        "tp:not_answering", THIRD_PARTY, 0.3,
        r"\b(?:is not|are not|has not been|stopped) (?:answering|responding|replying|picking up)"
        r"\b|\b(?:has not|have not|did not|has not been|had not) (?:answer\w*|respond\w*|repl\w*|"
        r"pick\w* up|read|seen|been online)\b|\bcannot (?:reach|get hold of) (?:him|her|them)\b"
        r"|\b(?:his|her|their) phone is (?:off|dead|switched off)\b|\bdeleted (?:all )?(?:his|her|their) (?:accounts|socials)\b",
        negatable=False,
    ),
    rule(
        "tp:will_not_be_here", THIRD_PARTY, 0.75,
        r"\b(?:he|she|they) (?:will not|would not|is not going to|are not going to) be "
        r"(?:here|around|alive) (?:tomorrow|much longer|for long|anymore)\b",
        unless=BENIGN_ABSENCE,
    ),
)
BEREAVEMENT_EN: tuple[Rule, ...] = (
    rule(
        "bereaved", BEREAVEMENT, 0.45,
        rf"\b(?:killed|hanged|shot) {_THEM}\b|\btook {_POSS} (?:own )?life\b|\bdied by suicide\b"
        r"|\bcommitted suicide\b|\blost (?:my|a|our|his|her) (?:\w+ ){0,2}to suicide\b",
        negatable=False,
    ),
)

HELPER_QUESTION = re.compile(
    r"\b(?:how (?:do|can|should|could) i|what (?:should|do|can) i|what to) (?:help|support|say|"
    r"do|talk|reach|approach|handle)\b"
)

# The risk is in the past and the speaker says so.
_PAST = re.compile(
    r"\b(?:years ago|months ago|a long time ago|long ago|when i was (?:younger|little|a kid|a "
    r"child|a teen|a teenager|\d+|in (?:high school|middle school|college|school|uni))|in the "
    r"past|back then|back in (?:high school|school|college|\d+)|as a (?:teen|teenager|kid))\b"
)
_RECOVERED = re.compile(
    r"\b(?:am|feel|doing|i am doing|things are) (?:much |a lot |so much |way )?(?:better|well|"
    r"okay|ok|good|fine) now\b|\btherapy (?:really )?help(?:ed|s)\b|\bgot (?:help|better)\b"
    r"|\b(?:do not|do not really|no longer) (?:feel|think) (?:that way|like that)\b|\bnot "
    r"anymore\b|\bno longer\b|\bin recovery\b|\bclean for\b"
)
_USED_TO = re.compile(r"\bused to\b")
_CURRENT = re.compile(r"\b(?:again|still|tonight|right now|lately|these days|today|this week)\b")


def is_past_history(sentence: str) -> bool:
    """The sentence places the risk in the past ("I used to ...", "years ago", "better now")."""
    if _CURRENT.search(sentence):
        return False
    return bool(_PAST.search(sentence) or _RECOVERED.search(sentence) or _USED_TO.search(sentence))
