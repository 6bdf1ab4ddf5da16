"""Explicit statements (and a little despair) in Spanish, French, German, Italian, Portuguese.

Matched against ``normalize.normalize`` output: lowercase with accents stripped, so "más",
"môrir" and "möchte" are "mas", "morir" and "mochte"; German writers without umlauts type
"moechte", so both spellings are allowed where it matters. Idioms ("me muero de risa",
"mort de rire", "ich lach mich tot", "sto morendo dal ridere", "morrendo de rir") are removed
beforehand by ``frames.neutralize_idioms``.
"""

from __future__ import annotations

import logging

from .rules import DESPAIR, EXPLICIT, INDIRECT, THIRD_PARTY, Rule, rule

log = logging.getLogger(__name__)

ES: tuple[Rule, ...] = (
    rule(
        "es:desire_death", EXPLICIT, 0.9,
        r"\b(?:me quiero|quiero|quisiera|deseo|necesito|tengo ganas de|solo quiero) "
        r"morir(?:me)?\b|\bojala (?:me )?(?:muriera|estuviera muert[oa]|no despertara)\b"
        r"|\b(?:quisiera|prefiero|preferiria|quiero) estar muert[oa]\b",
        lang="es",
    ),
    rule(
        "es:kill_self", EXPLICIT, 0.95,
        r"\b(?:quiero|voy a|pienso|estoy pensando en|he pensado en|pensando en|tengo ganas de|"
        r"necesito|deberia|intente|quisiera|planeo|he decidido) (?:<w> )?(?:suicidarme|matarme|"
        r"quitarme la vida|acabar con mi vida|terminar con mi vida|hacerme dano|cortarme)\b"
        r"|\bme (?:voy a|quiero) (?:suicidar|matar|quitar la vida)\b|\bsuicidarme\b",
        lang="es",
    ),
    rule(
        "es:not_live", EXPLICIT, 0.9,
        r"\bno quiero (?:seguir )?(?:vivir|viviendo|estar viv[oa]|existir|despertar)(?: mas)?\b"
        r"(?! (?:temprano|tarde|a las|tan temprano|en |con |de ))"
        r"|\b(?:ya )?no quiero (?:seguir|estar) aqui\b(?! (?:en|con|de|por)\b)"
        r"|\b(?:quiero|quisiera) (?:solo )?dejar de existir\b"
        r"|\bya no quiero (?:vivir|existir|estar aqui)\b|\bno merezco vivir\b"
        r"|\bno tengo (?:ninguna )?(?:razon|"
        r"motivo|ganas) (?:para|de) (?:vivir|seguir)\b",
        lang="es",
    ),
    rule(
        "es:suicide_thoughts", EXPLICIT, 0.9,
        r"\b(?:pienso|pensando|pensado|pensar|pienso mucho) en (?:el )?suicidio\b"
        r"|\bpensamientos suicidas\b|\bestoy suicida\b|\bme siento suicida\b",
        lang="es",
    ),
    rule(
        "es:tired_living", EXPLICIT, 0.8,
        r"\b(?:harto|harta|cansado|cansada) de vivir\b", lang="es",
    ),
    rule(
        "es:indirect", INDIRECT, 0.8,
        r"\b(?:estarian|estarias|estaria|estaran) mejor sin mi\b|\bdormir y no despertar\b"
        r"|\bdesaparecer para siempre\b|\besta es mi despedida\b",
        lang="es",
    ),
    rule(
        "es:despair", DESPAIR, 0.3,
        r"\bno aguanto mas\b|\bya no puedo mas\b|\bnadie me quiere\b|\bno sirvo para nada\b"
        r"|\bquiero desaparecer\b"
        r"|\bsin esperanza\b",
        lang="es",
    ),
)

FR: tuple[Rule, ...] = (
    rule(
        "fr:desire_death", EXPLICIT, 0.9,
        r"\bje (?:veux|voudrais|souhaite|aimerais|prefererais|vais|compte) (?:juste |simplement )?"
        r"mourir\b|\b(?:j'ai |j ai )?envie de mourir\b|\bje (?:veux|voudrais) etre mort(?:e)?\b",
        lang="fr",
    ),
    rule(
        "fr:kill_self", EXPLICIT, 0.95,
        r"\bme suicider\b|\bje (?:veux|vais|voudrais|pense a|compte|envisage de|dois|pourrais) "
        r"(?:<w> )?(?:me tuer|mettre fin a (?:mes jours|ma vie)|en finir)\b"
        r"|\b(?:envie|besoin) (?:de me tuer|d'en finir|de mettre fin a (?:mes jours|ma vie))\b"
        r"|\bmettre fin a mes jours\b",
        lang="fr",
    ),
    rule(
        "fr:not_live", EXPLICIT, 0.9,
        r"\b(?:je ne veux plus|je veux plus|j'ai plus envie de|je n'ai plus envie de|j ai plus "
        r"envie de|plus envie de|je n'ai plus aucune raison de) (?:vivre|exister|me reveiller)\b"
        r"|\bje ne merite pas de vivre\b|\bje (?:veux|voudrais) (?:juste )?(?:arreter "
        r"d'exister|ne plus exister)\b",
        lang="fr",
    ),
    rule(
        "fr:suicide_thoughts", EXPLICIT, 0.9,
        r"\b(?:je pense|j'ai pense|je pensais|j'y pense|je songe|j'ai songe) (?:<w> ){0,2}"
        r"(?:au suicide|a me suicider|a me tuer|a en finir)\b|\bidees (?:noires|suicidaires)\b"
        r"|\bje suis suicidaire\b|\bpensees suicidaires\b",
        lang="fr",
    ),
    rule(
        "fr:tired_living", EXPLICIT, 0.8,
        r"\b(?:fatigue|fatiguee|las|lasse|marre|n'en peux plus|j'en peux plus) de (?:vivre|la "
        r"vie)\b",
        lang="fr",
    ),
    rule(
        "fr:indirect", INDIRECT, 0.8,
        r"\b(?:seraient|serais|serait) mieux sans moi\b|\bdormir et ne (?:jamais|plus) me "
        r"reveiller\b|\bdisparaitre pour toujours\b|\bc'est mon dernier message\b",
        lang="fr",
    ),
    rule(
        "fr:despair", DESPAIR, 0.3,
        r"\bje n'en peux plus\b|\bj'en peux plus\b|\bpersonne ne m'aime\b|\bje suis un fardeau\b"
        r"|\bje (?:veux|voudrais) (?:juste )?dispara[iî]tre\b",
        lang="fr",
    ),
)

DE: tuple[Rule, ...] = (
    rule(
        "de:desire_death", EXPLICIT, 0.9,
        r"\b(?:ich )?(?:will|m(?:o|oe)chte|w(?:u|ue)rde (?:gerne|lieber)|"
        r"w(?:u|ue)nsche mir,?) "
        r"(?:<w> ){0,3}(?:sterben|tot sein)\b|\bich w(?:u|ue)nschte,? ich w(?:a|ae)re tot\b",
        lang="de",
    ),
    rule(
        "de:not_live", EXPLICIT, 0.9,
        r"\bich (?:will|m(?:o|oe)chte|kann|werde|mag) (?:<w> )?nicht mehr (?:leben|weiterleben|"
        r"da sein|existieren|aufwachen)\b|\bwenn ich (?:<w> ){0,2}nicht mehr (?:leben|da sein|"
        r"existieren|aufwachen) w(?:u|ue)rde\b|\bich verdiene es nicht,? zu leben\b"
        r"|\bkeine lust mehr (?:zu|auf) (?:leben|das leben)\b",
        lang="de",
    ),
    rule(
        "de:kill_self", EXPLICIT, 0.95,
        r"\bich (?:bringe?|werde|will|m(?:o|oe)chte) mich (?:<w> ){0,3}(?:um|umbringen)\b"
        r"|\bmich umzubringen\b|\bich mich (?:<w> ){0,2}umbring\w*|\bmir das leben (?:zu )?"
        r"nehmen\b|\bmeinem leben ein ende "
        r"(?:zu )?(?:setzen|machen|bereiten)\b",
        lang="de",
    ),
    rule(
        "de:suicide_thoughts", EXPLICIT, 0.9,
        r"\bich (?:denke|dachte|habe|hab|bin|plane)\b.{0,40}\b(?:selbstmord|suizid|suizidal|"
        r"selbstmordgedanken|suizidgedanken)\w*",
        lang="de",
    ),
    rule(
        "de:tired_living", EXPLICIT, 0.85,
        r"\blebensm(?:u|ue)de\b|\bm(?:u|ue)de (?:vom|zu) leben\b", lang="de",
    ),
    rule(
        "de:indirect", INDIRECT, 0.8,
        r"\b(?:w(?:a|ae)ren|w(?:a|ae)re) (?:alle )?besser dran ohne mich\b|\beinschlafen und "
        r"nie (?:wieder|mehr) aufwachen\b|\bfur immer verschwinden\b",
        lang="de",
    ),
    rule(
        "de:cannot_go_on", INDIRECT, 0.5,
        r"\bich (?:will|mag|kann) (?:einfach |echt |wirklich )?nicht mehr(?=\s*(?:[.!]|$))",
        lang="de",
    ),
    rule(
        "de:despair", DESPAIR, 0.3,
        r"\bich kann nicht mehr\b|\bich halte (?:das|es) nicht mehr aus\b|\bkeine kraft mehr\b"
        r"|\bniemand "
        r"(?:vermisst|braucht|liebt) mich\b|\bhoffnungslos\b",
        lang="de",
    ),
)

IT: tuple[Rule, ...] = (
    rule(
        "it:desire_death", EXPLICIT, 0.9,
        r"\b(?:voglio|vorrei|desidero|ho voglia di|voglio solo) morire\b"
        r"|\bvorrei essere mort[oa]\b|\b(?:vorrei|voglio) non svegliarmi piu\b"
        r"|\b(?:vorrei|voglio) (?:solo |soltanto )?(?:smettere di esistere|non esistere piu|"
        r"non esserci piu)\b",
        lang="it",
    ),
    rule(
        "it:kill_self", EXPLICIT, 0.95,
        r"\b(?:voglio|vorrei|(?:penso|pensando|pensato|sto pensando)(?: <w>)? di|ho deciso di|"
        r"devo|ho voglia di|sto per|voglio solo) (?:<w> )?(?:uccidermi|ammazzarmi|suicidarmi|"
        r"togliermi la vita|"
        r"farla finita(?! con (?:questo|questa|il|la|lo|quel|quella)))\b"
        r"|\bmi (?:voglio|vorrei|sto per) (?:uccidere|ammazzare|suicidare|togliere la vita)\b"
        r"|\bsuicidarmi\b",
        lang="it",
    ),
    rule(
        "it:not_live", EXPLICIT, 0.9,
        r"\bnon voglio (?:piu )?(?:vivere|esistere|svegliarmi)(?: piu)?\b(?! (?:presto|tardi|"
        r"alle|domani presto|cosi presto|prima))"
        r"|\bnon ho piu (?:voglia|motivo) di vivere\b|\bnon merito di vivere\b",
        lang="it",
    ),
    rule(
        "it:suicide_thoughts", EXPLICIT, 0.9,
        r"\bpenso (?:<w> )?al suicidio\b|\bpensieri suicid\w+|\bsono suicida\b",
        lang="it",
    ),
    rule(
        "it:tired_living", EXPLICIT, 0.8,
        r"\b(?:stanco|stanca) di vivere\b", lang="it",
    ),
    rule(
        "it:indirect", INDIRECT, 0.8,
        r"\bstarebbero meglio senza di me\b|\bdormire e non svegliarmi piu\b"
        r"|\bsparire per sempre\b",
        lang="it",
    ),
    rule(
        "it:despair", DESPAIR, 0.3,
        r"\bnon ce la faccio piu\b|\bnessuno mi vuole\b|\bsenza speranza\b|\bvoglio sparire\b",
        lang="it",
    ),
)

PT: tuple[Rule, ...] = (
    rule(
        "pt:desire_death", EXPLICIT, 0.9,
        r"\b(?:eu )?(?:quero|queria|desejo|preciso|so quero) morrer\b|\bvontade de morrer\b"
        r"|\b(?:queria|quero|preferia) estar mort[oa]\b",
        lang="pt",
    ),
    rule(
        "pt:kill_self", EXPLICIT, 0.95,
        r"\b(?:vou|quero|penso em|pensando em|vontade de|preciso|tentei|queria|decidi) (?:me )?"
        r"(?:matar|suicidar|tirar a (?:minha )?(?:propria )?vida)\b|\bme suicidar\b"
        r"|\bacabar com a minha vida\b|\btirar (?:a )?minha (?:propria )?vida\b",
        lang="pt",
    ),
    rule(
        "pt:not_live", EXPLICIT, 0.9,
        r"\b(?:nao|ja nao) quero (?:mais )?(?:viver|existir|acordar|estar viv[oa])(?: mais)?\b"
        r"|\b(?:quero|queria) (?:so )?(?:deixar|parar) de existir\b"
        r"|\bnao tenho (?:mais )?(?:razao|motivo|vontade) (?:para|de) viver\b|\bnao mereco "
        r"viver\b",
        lang="pt",
    ),
    rule(
        "pt:suicide_thoughts", EXPLICIT, 0.9,
        r"\bpenso (?:<w> )?em suicidio\b|\bpensamentos suicidas\b|\bestou suicida\b",
        lang="pt",
    ),
    rule(
        "pt:tired_living", EXPLICIT, 0.8,
        r"\b(?:cansado|cansada) de viver\b", lang="pt",
    ),
    rule(
        "pt:indirect", INDIRECT, 0.8,
        r"\b(?:ficariam|estariam|seriam) melhor(?:es)? sem mim\b|\bdormir e nao acordar\b"
        r"|\bsumir para sempre\b",
        lang="pt",
    ),
    rule(
        "pt:despair", DESPAIR, 0.3,
        r"\bnao aguento mais\b|\bninguem se importa\b|\bsem esperanca\b|\bquero (?:sumir|"
        r"desaparecer)\b",
        lang="pt",
    ),
)

THIRD_PARTY_INTL: tuple[Rule, ...] = (
    rule(
        "es:third_party", THIRD_PARTY, 0.85,
        r"\b(?:se quiere|quiere|queria|se va a|va a|esta pensando en|piensa en|intento|intenta)"
        r" (?:matarse|morirse|suicidarse|quitarse la vida|morir)\b|\bse (?:quiere|va a|queria) "
        r"(?:matar|morir|suicidar|quitar la vida)\b|\bse (?:corta|esta cortando|autolesiona)\b",
        lang="es",
    ),
    rule(
        "fr:third_party", THIRD_PARTY, 0.85,
        r"\b(?:veut|voudrait|va|pense a|parle de|a essaye de) (?:se tuer|mourir|se suicider|en "
        r"finir|mettre fin a ses jours)\b|\bse scarifie\b",
        lang="fr",
    ),
    rule(
        "de:third_party", THIRD_PARTY, 0.85,
        r"\b(?:er|sie|jemand) (?:<w> ){0,3}(?:will|m(?:o|oe)chte|wird|denkt an|redet von|spricht "
        r"von) (?:<w> ){0,2}(?:sich umbringen|sterben|selbstmord|suizid|sich das leben nehmen)\b"
        r"|\bwill sich (?:<w> )?umbringen\b|\bsich (?:selbst )?(?:ritzt|verletzt)\b",
        lang="de",
    ),
    rule(
        "it:third_party", THIRD_PARTY, 0.85,
        r"\b(?:vuole|vorrebbe|pensa di|sta pensando di|vuole solo) (?:<w> )?(?:morire|uccidersi|"
        r"ammazzarsi|suicidarsi|farla finita|togliersi la vita)\b|\bsi (?:vuole|vuol|vorrebbe) "
        r"(?:uccidere|ammazzare|suicidare|togliere la vita)\b|\bsi taglia\b",
        lang="it",
    ),
    rule(
        "pt:third_party", THIRD_PARTY, 0.85,
        r"\b(?:quer|queria|vai|pensa em|esta pensando em|tentou) (?:se )?(?:morrer|matar|"
        r"suicidar|tirar a (?:propria )?vida)\b|\bse (?:corta|cortando|machuca)\b",
        lang="pt",
    ),
)

ENDING_ALL: tuple[Rule, ...] = (
    rule(
        "es:end_everything", INDIRECT, 0.5,
        r"\b(?:voy a|quiero|necesito) acabar con todo\b", lang="es",
    ),
    rule(
        "pt:end_everything", INDIRECT, 0.5,
        r"\b(?:vou|quero|preciso) acabar com tudo\b", lang="pt",
    ),
)

INTL_RULES: tuple[Rule, ...] = ES + FR + DE + IT + PT + THIRD_PARTY_INTL + ENDING_ALL
