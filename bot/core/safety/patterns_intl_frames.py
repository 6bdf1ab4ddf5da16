"""Compositional frames in Spanish, French, German, Italian and Portuguese.

The same phenomena as the English frames, built per language from small lexicons and matched
on ``normalize`` output (lowercase, accents stripped):

- a first-person *wish* + a *cessation* concept (not waking up, not being here, not
  existing, disappearing for good, dying);
- *no strength left to live* ("no tengo fuerzas para vivir", "je n'ai plus la force de
  vivre", "keine Kraft mehr zu leben", "non ho più la forza di vivere", "não tenho mais
  forças para viver"); strength for anything else ("... para ir al gimnasio") is not it;
- a *means* question: how many pills + a lethal aim;
- a third person (he / she, or someone named) + a wish + a cessation concept;
- farewells and burden-ending lines that only mean a crisis after despair.
"""

from __future__ import annotations

import logging

from .rules import CONTEXTUAL, DESPAIR, EXPLICIT, INDIRECT, MEANS, THIRD_PARTY, Rule, rule

log = logging.getLogger(__name__)

_PILLS = {
    "es": r"(?:pastillas|pildoras|comprimidos|tabletas|capsulas|medicamentos|\w+)",
    "fr": r"(?:cachets|comprimes|pilules|medicaments|gelules|\w+)",
    "de": r"(?:tabletten|pillen|schlaftabletten|medikamente|\w+)",
    "it": r"(?:pillole|pastiglie|compresse|farmaci|\w+)",
    "pt": r"(?:comprimidos|remedios|pilulas|capsulas|\w+)",
}

# --- Spanish ---------------------------------------------------------------------------
_ES_CEASE = (
    r"(?:no (?:volver a )?despertar(?:me)?(?: nunca mas| mas| manana)?|dormir(?:me)? y no "
    r"(?:volver a )?despertar(?:me)?|no despertar(?:me)? nunca|desaparecer (?:para siempre|de "
    r"una vez|y no volver)|dejar de existir|no existir(?: mas)?|no estar (?:aqui|viv[oa])|"
    r"estar muert[oa]|morir(?:me)?|irme para siempre|no seguir (?:aqui|viviendo|viv[oa]))"
)
_ES_WISH = (
    r"(?:quiero|quisiera|deseo|me gustaria|ojala|espero|necesito|solo quiero|prefiero|"
    r"preferiria|tengo ganas de|rezo por|pido|sueno con)"
)
# --- French ----------------------------------------------------------------------------
_FR_CEASE = (
    r"(?:ne (?:jamais|plus|pas) (?:me )?reveiller(?: demain)?|ne plus (?:etre la|exister|"
    r"etre en vie|etre ici)|disparaitre (?:pour de bon|pour toujours|a jamais|definitivement)|"
    r"mourir|etre mort(?:e)?|m'endormir (?:pour toujours|et ne (?:jamais|plus) me reveiller)|"
    r"partir pour toujours|en finir|ne plus rien ressentir)"
)
_FR_WISH = (
    r"(?:je (?:veux|voudrais|souhaite|prefererais|prie pour)|j'?\s?aimerais|j'?\s?espere|"
    r"j'?\s?ai envie de|envie de)"
)
# --- German ----------------------------------------------------------------------------
_DE_CEASE = (
    r"(?:(?:einfach )?(?:nicht mehr|nie (?:wieder|mehr)) aufwach(?:en|e)|einschlafen und "
    r"(?:nicht mehr|nie (?:wieder|mehr)) aufwachen|nicht mehr (?:hier|da) (?:sein|zu sein)|"
    r"nicht mehr (?:leben|existieren)|tot sein|sterben|f(?:u|ue)r immer verschwinden|"
    r"verschwinden und nie wieder(?:kommen)?)"
)
_DE_WISH = (
    r"(?:ich )?(?:will|m(?:o|oe)chte|w(?:u|ue)nschte(?: mir)?|w(?:u|ue)nsche mir|hoffe|"
    r"w(?:u|ue)rde (?:gern|gerne|lieber)|sehne mich danach)"
)
# --- Italian ---------------------------------------------------------------------------
_IT_CEASE = (
    r"(?:non (?:svegliarmi|risvegliarmi)(?: mai)?(?: piu)?|addormentarmi e non svegliarmi"
    r"(?: mai)?(?: piu)?|non esistere(?: piu)?|non esserci piu|non essere piu qui|sparire "
    r"(?:per sempre|per davvero|definitivamente)|morire|essere mort[oa]|andarmene per sempre|"
    r"smettere di (?:vivere|esistere))"
)
_IT_WISH = r"(?:vorrei|voglio|desidero|spero di|mi piacerebbe|prego di|ho voglia di)"
# --- Portuguese ------------------------------------------------------------------------
_PT_CEASE = (
    r"(?:(?:dormir e )?(?:nunca mais|nao) acordar(?: mais| nunca mais)?|sumir (?:de vez|para "
    r"sempre|pra sempre)|desaparecer (?:de vez|para sempre|pra sempre)|nao existir(?: mais)?|"
    r"deixar de existir|morrer|estar mort[oa]|nao estar mais aqui|ir embora (?:para|pra) "
    r"sempre)"
)
_PT_WISH = r"(?:quero|queria|gostaria de|desejo|espero|tomara que eu|so quero|so queria|preferia)"

_LANGS = (
    ("es", _ES_WISH, _ES_CEASE), ("fr", _FR_WISH, _FR_CEASE), ("de", _DE_WISH, _DE_CEASE),
    ("it", _IT_WISH, _IT_CEASE), ("pt", _PT_WISH, _PT_CEASE),
)
_WISH_CEASE: tuple[Rule, ...] = tuple(
    rule(f"{lang}:cease_wish", EXPLICIT, 0.85,
         rf"\b{wish}(?:,? (?:ich|yo|eu))?(?: (?:solo|juste|simplement|einfach|nur|so|soltanto|"
         rf"apenas|que|w(?:u|ue)rde|k(?:o|oe)nnte|dass ich|mich))* {cease}\b", lang=lang)
    for lang, wish, cease in _LANGS
)

STRENGTH: tuple[Rule, ...] = (
    rule("es:no_strength_live", EXPLICIT, 0.85,
         r"\b(?:no (?:me )?(?:tengo|quedan)|ya no (?:me )?(?:tengo|quedan)|sin) (?:mas |las |"
         r"ningunas? )?(?:fuerzas?|ganas|energia) (?:para|de) (?:seguir )?(?:vivir|viviendo|"
         r"seguir viv[oa]|existir|estar aqui|seguir adelante con (?:mi|la) vida)\b", lang="es"),
    rule("fr:no_strength_live", EXPLICIT, 0.85,
         r"\b(?:n'?\s?ai plus|ai plus|plus) (?:la |aucune |de |assez de )?(?:force|forces|"
         r"energie|courage) (?:de |d'|pour )?\s?(?:vivre|continuer a vivre|rester en vie|"
         r"exister|me battre pour vivre)\b", lang="fr", negatable=False),
    rule("de:no_strength_live", EXPLICIT, 0.85,
         r"\bkeine kraft mehr,? (?:um )?(?:zu leben|zum leben|weiterzuleben|zu existieren)\b"
         r"|\bnicht mehr die kraft,? (?:zu leben|weiterzuleben)\b", lang="de", negatable=False),
    rule("it:no_strength_live", EXPLICIT, 0.85,
         r"\bnon ho (?:piu )?(?:la )?(?:forza|forze|energia|voglia) (?:di|per) (?:vivere|andare "
         r"avanti a vivere|continuare a vivere|restare in vita|esistere)\b", lang="it",
         negatable=False),
    rule("pt:no_strength_live", EXPLICIT, 0.85,
         r"\bnao tenho (?:mais )?(?:forcas?|energia|vontade) (?:para|pra|de) (?:viver|continuar "
         r"vivendo|continuar viv[oa]|existir|seguir vivendo)\b", lang="pt", negatable=False),
)

_AIM = {
    "es": r"(?:morir(?:me)?|no (?:volver a )?despertar(?:me)?|matarme|suicidarme|acabar con "
          r"(?:todo|mi vida)|una sobredosis|que sea mortal|no despertar nunca)",
    "fr": r"(?:mourir|ne (?:pas|plus) (?:me |se )?reveiller|me tuer|en finir|une overdose|"
          r"crever|que ce soit mortel)",
    "de": r"(?:zu sterben|nicht mehr aufzuwachen|nie wieder aufzuwachen|mich umzubringen|"
          r"t(?:o|oe)dlich|tot zu sein)",
    "it": r"(?:morire|non svegliarmi(?: piu)?|uccidermi|farla finita|ammazzarmi|un'?\s?overdose)",
    "pt": r"(?:morrer|nao acordar(?: mais)?|me matar|acabar com tudo|uma overdose)",
}
MEANS_INTL: tuple[Rule, ...] = (
    rule("es:means", MEANS, 0.9,
         rf"\bcuant[oa]s {_PILLS['es']} (?:\w+ ){{0,3}}?(?:para|pa) {_AIM['es']}\b"
         rf"|\bdosis (?:letal|mortal) de mis\b", lang="es"),
    rule("fr:means", MEANS, 0.9,
         rf"\bcombien de {_PILLS['fr']} (?:\S+ ){{0,3}}?pour {_AIM['fr']}\b", lang="fr"),
    rule("de:means", MEANS, 0.9,
         rf"\bwie viele {_PILLS['de']} (?:\S+ ){{0,4}}?(?:um |,? um )?{_AIM['de']}", lang="de"),
    rule("it:means", MEANS, 0.9,
         rf"\bquant[ie] {_PILLS['it']} (?:\w+ ){{0,3}}?per {_AIM['it']}\b", lang="it"),
    rule("pt:means", MEANS, 0.9,
         rf"\bquant[oa]s {_PILLS['pt']} (?:\w+ ){{0,3}}?(?:para|pra|pro) {_AIM['pt']}\b",
         lang="pt"),
)

THIRD_INTL: tuple[Rule, ...] = (
    rule("es:tp_cease", THIRD_PARTY, 0.85,
         r"\b(?:dice|dijo|me dijo|escribio|repite|cuenta) que (?:ya )?(?:no quiere (?:vivir|"
         r"despertar|seguir|estar aqui|existir)|(?:quiere|quisiera|se quiere|desea) "
         r"(?:morir(?:se)?|desaparecer para siempre|dejar de existir|no despertar)|no tiene "
         r"fuerzas para vivir)\b", lang="es"),
    rule("fr:tp_cease", THIRD_PARTY, 0.85,
         r"\b(?:qu'?\s?(?:il|elle)|il|elle) (?:veut|voudrait|aimerait|souhaite|va) (?:juste )?"
         r"(?:disparaitre (?:pour de bon|pour toujours|a jamais)|ne plus (?:vivre|exister|etre "
         r"la)|mourir|en finir|ne (?:jamais|plus) se reveiller)\b"
         r"|\b(?:il|elle) (?:ne veut plus|veut plus|n'a plus (?:la force|envie)) (?:de )?"
         r"(?:vivre|exister)\b", lang="fr", negatable=False),
    rule("de:tp_cease", THIRD_PARTY, 0.85,
         r"\b(?:er|sie) (?:will|m(?:o|oe)chte|wolle|kann) (?:<w> )?nicht mehr (?:leben|"
         r"weiterleben|da sein|hier sein|existieren|aufwachen)\b|\b(?:er|sie) (?:will|"
         r"m(?:o|oe)chte|w(?:u|ue)nscht sich) (?:<w> ){0,2}(?:sterben|tot sein|f(?:u|ue)r immer "
         r"verschwinden)\b", lang="de", negatable=False),
    rule("it:tp_cease", THIRD_PARTY, 0.85,
         r"\b(?:dice|ha detto|mi ha detto|scrive) che (?:non vuole piu vivere|vuole (?:morire|"
         r"sparire per sempre|non svegliarsi piu|non esistere)|non ha piu la forza di vivere)\b",
         lang="it", negatable=False),
    rule("pt:tp_cease", THIRD_PARTY, 0.85,
         r"\b(?:disse|diz|falou|escreveu) que (?:nao quer mais viver|quer (?:morrer|sumir (?:de "
         r"vez|para sempre|pra sempre)|nao acordar)|nao tem mais forcas para viver)\b",
         lang="pt", negatable=False),
)

# Farewells and burden-ending: elevated alone, a crisis after despair.
FAREWELL_INTL: tuple[Rule, ...] = (
    rule("es:farewell", INDIRECT, 0.5,
         r"\bme despido (?:de (?:todos|ustedes|ti|vosotros) )?para siempre\b|\badios para "
         r"siempre\b|\b(?:esta|hoy) es mi ultima noche\b|\bya no (?:sere|voy a ser) (?:una carga|"
         r"un estorbo|un problema)\b|\bno (?:molestare|voy a molestar) (?:a nadie )?mas\b",
         lang="es", negatable=False),
    rule("fr:farewell", INDIRECT, 0.5,
         r"\bje ne (?:derangerai|generai|serai) plus (?:personne|un fardeau|un poids)\b"
         r"|\badieu (?:a tous|tout le monde|pour toujours)\b|\bc'est (?:ma|la) derniere nuit\b"
         r"|\bc'est mon dernier (?:message|soir)\b", lang="fr", negatable=False),
    rule("de:farewell", CONTEXTUAL, 0.25,
         r"\bbald ist (?:alles|es|das alles) vorbei\b|\bheute nacht ist es so weit\b|\bdas ist "
         r"mein abschied\b|\blebt wohl\b|\bich falle (?:euch|dir) (?:bald )?nicht mehr zur last\b",
         lang="de", negatable=False),
    rule("it:farewell", INDIRECT, 0.5,
         r"\b(?:e|sara) la mia ultima notte\b|\baddio (?:a tutti|per sempre)\b|\bnon saro piu un "
         r"peso\b|\bquesto e il mio ultimo messaggio\b", lang="it", negatable=False),
    rule("pt:farewell", INDIRECT, 0.5,
         r"\b(?:e|hoje e) (?:a )?minha ultima noite\b|\badeus (?:a todos|para sempre|pra sempre)"
         r"\b|\bnao vou mais (?:ser um peso|incomodar ninguem)\b", lang="pt", negatable=False),
)

REUNION_INTL: tuple[Rule, ...] = (
    rule("es:reunion", CONTEXTUAL, 0.2,
         r"\b(?:voy a|pronto|por fin|quiero|ya) (?:voy a )?(?:estar con|ver a|verl[oa]|reunirme "
         r"con) (?:el|ella|mi \w+)(?: de nuevo| otra vez| pronto| esta noche)+\b", lang="es",
         negatable=False),
    rule("fr:reunion", CONTEXTUAL, 0.2,
         r"\bje (?:vais|veux) (?:bientot )?(?:le |la |les )?(?:rejoindre|retrouver|revoir)"
         r"(?: (?:mon|ma|mes) \w+)?(?: bientot| ce soir)?(?=\s*(?:[.!,]|$))", lang="fr",
         negatable=False),
    rule("de:reunion", CONTEXTUAL, 0.2,
         r"\b(?:ich komme|bald bin ich|ich gehe|ich werde) (?:bald |heute nacht )?(?:zu|bei) "
         r"(?:dir|ihm|ihr|meine[mrn]? \w+)(?: sein)?(?=\s*(?:[.!,]|$))", lang="de",
         negatable=False),
    rule("it:reunion", CONTEXTUAL, 0.2,
         r"\b(?:presto|sto per|voglio|vado a|stanotte) (?:\w+ )?(?:raggiungere|rivedere|stare "
         r"con|riabbracciare) (?:mio \w+|mia \w+|lui|lei|la mia \w+|il mio \w+)\b", lang="it",
         negatable=False),
    rule("pt:reunion", CONTEXTUAL, 0.2,
         r"\b(?:vou|logo vou|em breve vou|quero) (?:estar|ficar|me encontrar|ver) (?:com )?"
         r"(?:a minha|o meu|minha|meu|ela|ele)(?: \w+)? (?:de novo|novamente|outra vez|em breve)"
         r"\b", lang="pt", negatable=False),
)

_WITHOUT = {
    "es": r"no (?:puedo|se) vivir sin (?:el|ella|ti)",
    "fr": r"je ne (?:peux|sais) pas vivre sans (?:lui|elle|toi)",
    "de": r"ich kann nicht ohne (?:ihn|sie|dich) leben",
    "it": r"non (?:posso|riesco a) vivere senza (?:di )?(?:lui|lei|te)",
    "pt": r"nao (?:consigo|sei) viver sem (?:ele|ela|voce)",
}
GRIEF_INTL: tuple[Rule, ...] = tuple(
    rule(f"{lang}:without_them", DESPAIR, 0.3, rf"\b{p}\b", lang=lang, negatable=False)
    for lang, p in _WITHOUT.items()
)

INTL_FRAMES: tuple[Rule, ...] = (
    _WISH_CEASE + STRENGTH + MEANS_INTL + THIRD_INTL + FAREWELL_INTL + REUNION_INTL + GRIEF_INTL
)
