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
    r"estar muert[oa]|morir(?:me)?|irme para siempre|no seguir (?:aqui|viviendo|viv[oa])|"
    r"cerrar los ojos y no (?:volver a )?abrirlos(?: nunca)?(?: mas)?)"
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
    r"partir pour toujours|en finir|ne plus rien ressentir|"
    r"(?:de )?m'?\s?endormir et (?:de )?ne (?:jamais|plus) (?:me )?reveiller|fermer les yeux et "
    r"(?:de )?ne (?:jamais|plus) les rouvrir)"
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
    r"verschwinden und nie wieder(?:kommen)?|verschwinden,? f(?:u|ue)r immer|die augen "
    r"schlie(?:ss|ß)en und nie wieder (?:aufmachen|offnen|oeffnen))"
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
    r"smettere di (?:vivere|esistere)|chiudere gli occhi e non (?:riaprirli|aprirli) (?:mai )?"
    r"(?:piu)?)"
)
_IT_WISH = r"(?:vorrei|voglio|desidero|spero di|mi piacerebbe|prego di|ho voglia di)"
# --- Portuguese ------------------------------------------------------------------------
_PT_CEASE = (
    r"(?:(?:dormir e )?(?:nunca mais|nao) acordar(?: mais| nunca mais)?|sumir (?:de vez|para "
    r"sempre|pra sempre)|desaparecer (?:de vez|para sempre|pra sempre)|nao existir(?: mais)?|"
    r"deixar de existir|morrer|estar mort[oa]|nao estar mais aqui|ir embora (?:para|pra) "
    r"sempre|fechar os olhos e (?:nao|nunca mais) (?:abrir|abri-los)(?: nunca mais| mais)?)"
)
_PT_WISH = r"(?:quero|queria|gostaria de|desejo|espero|tomara que eu|so quero|so queria|preferia)"

_LANGS = (
    ("es", _ES_WISH, _ES_CEASE), ("fr", _FR_WISH, _FR_CEASE), ("de", _DE_WISH, _DE_CEASE),
    ("it", _IT_WISH, _IT_CEASE), ("pt", _PT_WISH, _PT_CEASE),
)
_WISH_CEASE: tuple[Rule, ...] = tuple(
    rule(f"{lang}:cease_wish", EXPLICIT, 0.85,
         rf"\b{wish}(?:,? (?:ich|yo|eu))?(?: (?:solo|juste|simplement|einfach|nur|so|soltanto|"
         rf"apenas|que|w(?:u|ue)rde|k(?:o|oe)nnte|dass ich|mich|noch|nur noch))* {cease}\b",
         lang=lang)
    for lang, wish, cease in _LANGS
)

# No sense or reason in going on living (living itself, not "life is hard").
_NO_SENSE = {
    "es": r"(?:no|ya no) (?:le )?(?:encuentro|veo|tiene|hay) (?:ningun |mas )?(?:sentido|razon|"
          r"motivo) (?:a|en|para) (?:seguir )?(?:vivir|viviendo|estar viv[oa]|existir)",
    "fr": r"(?:ne vois plus|ne vois pas|n'?\s?ai plus|il n'?\s?y a plus|plus) (?:aucune |de |la "
          r"moindre )?(?:raison|sens|interet) (?:de|a|pour) (?:continuer a )?(?:vivre|exister|"
          r"rester en vie)",
    "de": r"kein(?:en)? (?:sinn|grund) mehr,? (?:im leben|zu leben|weiterzuleben|am leben zu "
          r"bleiben)|kein(?:en)? ausweg mehr (?:au(?:ss|ß)er|als) (?:dem |den )?(?:tod|sterben)",
    "it": r"non (?:vedo|trovo|ha) (?:piu )?(?:alcun |nessun |un )?(?:senso|motivo|ragione) "
          r"(?:nel|a|di|per) (?:continuare a )?(?:vivere|esistere)|non vedo l'?\s?ora che "
          r"(?:tutto|la mia vita|questa vita) finisca(?: per sempre)?",
    "pt": r"nao (?:vejo|encontro|tem|ha) (?:mais )?(?:nenhum )?(?:sentido|razao|motivo) "
          r"(?:em|de|para|pra) (?:continuar )?(?:viver|vivendo|existir)",
}
NO_SENSE: tuple[Rule, ...] = tuple(
    rule(f"{lang}:no_sense_living", EXPLICIT, 0.85, rf"\b(?:{p})\b", lang=lang, negatable=False)
    for lang, p in _NO_SENSE.items()
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
         r"\b(?:qu'?\s?(?:il|elle)|il|elle) (?:veut|voudrait|voulait|aimerait|souhaite|va|allait"
         r"|pense a|pensait a) (?:juste )?"
         r"(?:disparaitre (?:pour de bon|pour toujours|a jamais)|ne plus (?:vivre|exister|etre "
         r"la)|mourir|en finir|ne (?:jamais|plus) se reveiller)\b"
         r"|\b(?:il|elle) (?:ne veut plus|veut plus|n'a plus (?:la force|envie)) (?:de )?"
         r"(?:vivre|exister)\b", lang="fr", negatable=False),
    rule("de:tp_cease", THIRD_PARTY, 0.85,
         r"\b(?:er|sie) (?:will|m(?:o|oe)chte|wolle|kann) (?:<w> )?nicht mehr (?:leben|"
         r"weiterleben|da sein|hier sein|existieren|aufwachen)\b|\b(?:er|sie) (?:will|"
         r"m(?:o|oe)chte|w(?:u|ue)nscht sich) (?:<w> ){0,2}(?:sterben|tot sein|f(?:u|ue)r immer "
         r"verschwinden)\b|\bdass (?:er|sie) (?:<w> )?(?:nicht mehr (?:leben|da sein|hier sein|"
         r"aufwachen)|sterben|tot sein|sich (?:umbringen|das leben nehmen)) (?:will|m(?:o|oe)chte|"
         r"wolle|werde|wird)\b", lang="de", negatable=False),
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
         r"con|estare con|vere a|me reunire con|lo vere|la vere) (?:el|ella|mi \w+)"
         r"(?: de nuevo| otra vez| pronto| esta noche)*(?=\s*(?:[.!,]|$))", lang="es",
         negatable=False),
    rule("fr:reunion", CONTEXTUAL, 0.2,
         r"\bje (?:vais |veux )?(?:bientot )?(?:le |la |les |te )?(?:rejoindre|retrouver|revoir|"
         r"rejoindrai|retrouverai|reverrai|rejoins)"
         r"(?: (?:mon|ma|mes) \w+)?(?: bientot| ce soir)?(?=\s*(?:[.!,]|$))", lang="fr",
         negatable=False),
    rule("de:reunion", CONTEXTUAL, 0.2,
         r"\b(?:ich komme|bald bin ich|ich gehe|ich werde) (?:bald |heute nacht )?(?:zu|bei) "
         r"(?:dir|ihm|ihr|meine[mrn]? \w+)(?: sein)?(?=\s*(?:[.!,]|$))", lang="de",
         negatable=False),
    rule("it:reunion", CONTEXTUAL, 0.2,
         r"\b(?:presto|sto per|voglio|vado a|stanotte|finalmente) (?:\w+ )?(?:raggiungere|"
         r"rivedere|stare con|riabbracciare|raggiungero|rivedro|staro con|riabbraccero) (?:mio \w+|"
         r"mia \w+|lui|lei|la mia \w+|il mio \w+)\b", lang="it",
         negatable=False),
    rule("pt:reunion", CONTEXTUAL, 0.2,
         r"\b(?:vou|logo vou|em breve vou|quero|logo|em breve) (?:estar|ficar|me encontrar|ver|"
         r"estarei|verei|vou ver) (?:com )?"
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

# Despair, the context that turns a farewell into a crisis (never high alone).
_DESPAIR = {
    "es": r"soy una carga|nada tiene sentido|nada importa|odio mi vida|me siento (?:muy )?"
          r"(?:vaci[oa]|sol[oa]|inutil)|no valgo nada|estoy cansad[oa] de todo|todo me duele"
          r"|no puedo mas",
    "fr": r"rien n'?\s?a (?:plus )?de sens|je deteste ma vie|je me sens (?:tellement |si )?"
          r"(?:vide|seul(?:e)?|inutile)|je ne sers a rien|je suis (?:nul(?:le)?|inutile|de trop)"
          r"|tout me fait mal|je suis (?:epuise|fatigue)(?:e)? de tout",
    "de": r"ich hasse mein leben|nichts (?:hat|macht) (?:mehr )?(?:einen )?sinn|ich bin (?:nur )?"
          r"(?:eine last|wertlos|nutzlos)|ich f(?:u|ue)hle mich (?:so )?(?:leer|allein|wertlos)"
          r"|alles tut weh|ich bin alles so leid",
    "it": r"sono (?:solo )?un peso|niente ha (?:piu )?senso|odio la mia vita|mi sento (?:cosi )?"
          r"(?:vuot[oa]|sol[oa]|inutile)|non valgo niente|sono stanc[oa] di tutto|tutto fa male",
    "pt": r"sou (?:so )?um peso|nada faz (?:mais )?sentido|odeio (?:a )?minha vida|me sinto "
          r"(?:tao )?(?:vazi[oa]|sozinh[oa]|inutil)|nao valho nada|estou cansad[oa] de tudo"
          r"|tudo doi",
}
DESPAIR_INTL: tuple[Rule, ...] = tuple(
    rule(f"{lang}:despair_more", DESPAIR, 0.3, rf"\b(?:{p})\b", lang=lang, negatable=False)
    for lang, p in _DESPAIR.items()
)

# Farewell letters "for after", and everything ready / leaving for good (preparation).
_PREP_BENIGN = (
    r"\b(?:mud\w+|colega|companer\w+|collega|kollege\w*|collegue|viaje|viagem|voyage|reise|"
    r"viaggio|jubil\w*|aposent\w*|retraite|rente|pension\w*|natal|navidad|noel|weihnacht\w*|"
    r"compleanno|cumpleanos|aniversario|anniversaire|geburtstag|brieffreund\w*|trabalho|"
    r"trabajo|travail|arbeit|lavoro|escola|escuela|ecole|schule|scuola|vacances|vacaciones|"
    r"ferias|urlaub|vacanze|demenag\w*|umzug|trasloc\w*|erasmus|intercambio|echange)\b"
)
_LETTERS = {
    "es": r"(?:escribi|he escrito|escribo|estoy escribiendo|deje|dejo|ya escribi)\b.{0,30}"
          r"\bcartas? de despedida|\bcartas?\b.{0,40}\b(?:las encontraran|la encontraran|cuando"
          r" me encuentren|para cuando no este|para despues de mi)",
    "fr": r"(?:j'?\s?ai ecrit|j'?\s?ecris|j'?\s?ai laisse|je laisse|j'?\s?ai deja ecrit)\b.{0,30}"
          r"\blettres? d'?\s?adieu|\blettres?\b.{0,40}\b(?:les trouveront|la trouveront|pour "
          r"apres ma mort|quand on me trouvera)",
    "de": r"(?:ich habe|ich hab|ich schreibe|ich schrieb|schon)\b.{0,30}\babschiedsbrief\w*"
          r"|\babschiedsbrief\w* (?:geschrieben|hinterlassen|verfasst)|\bbriefe?\b.{0,40}\b"
          r"(?:werden sie (?:morgen )?finden|f(?:u|ue)r danach|wenn ich nicht mehr da bin)",
    "it": r"(?:ho scritto|scrivo|sto scrivendo|ho lasciato|ho gia scritto)\b.{0,30}\blettere? "
          r"(?:di addio|d'?\s?addio)|\blettere?\b.{0,40}\b(?:le troveranno|la troveranno|per "
          r"quando non ci saro|quando mi troveranno)",
    "pt": r"(?:escrevi|estou escrevendo|deixei|ja escrevi|tenho escrito)\b.{0,30}\bcartas? de "
          r"despedida|\bcartas?\b.{0,40}\b(?:vao encontrar|vao achar|pra quando eu nao estiver|"
          r"quando me encontrarem)",
}
_READY = {
    "es": r"tengo todo (?:preparado|listo)|dejo todo (?:listo|en orden)",
    "fr": r"j'?\s?ai tout (?:prepare|organise|regle)",
    "de": r"ich habe alles (?:vorbereitet|geregelt|erledigt)",
    "it": r"ho (?:gia )?(?:preparato|sistemato) tutto",
    "pt": r"(?:ja )?(?:deixei|esta|ta) tudo (?:pronto|preparado|organizado)",
}
_LEAVE_FOR_GOOD = {
    "es": r"me (?:voy|ire) para siempre",
    "fr": r"je (?:pars|m'en vais) pour (?:de bon|toujours)",
    "de": r"ich gehe f(?:u|ue)r immer",
    "it": r"me ne vado per sempre",
    "pt": r"vou embora (?:para|pra) sempre",
}
PREP_INTL: tuple[Rule, ...] = tuple(
    rule(f"{lang}:farewell_letters", INDIRECT, 0.75, rf"\b(?:{p})\b", lang=lang,
         negatable=False, unless=_PREP_BENIGN)
    for lang, p in _LETTERS.items()
) + tuple(
    rule(f"{lang}:all_ready", INDIRECT, 0.45, rf"\b(?:{p})\b", lang=lang, negatable=False,
         unless=_PREP_BENIGN + r"|\b(?:fiesta|fete|party|festa|cena|dinner|diner|abendessen)\b")
    for lang, p in _READY.items()
) + tuple(
    rule(f"{lang}:leave_for_good", INDIRECT, 0.45, rf"\b(?:{p})\b", lang=lang, negatable=False,
         unless=_PREP_BENIGN)
    for lang, p in _LEAVE_FOR_GOOD.items()
)

INTL_FRAMES: tuple[Rule, ...] = DESPAIR_INTL + PREP_INTL + (
    _WISH_CEASE + NO_SENSE + STRENGTH + MEANS_INTL + THIRD_INTL + FAREWELL_INTL + REUNION_INTL + GRIEF_INTL
)
