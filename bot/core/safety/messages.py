"""The words of the crisis response, in English, Spanish, French, German, Italian, Portuguese.

Written to the common guidance for crisis messaging (988 Lifeline, Samaritans, WHO): thank
them, take it seriously, ask directly about suicide (asking does not plant the idea), be
honest that an AI is not a person, give a concrete way to reach one, and keep the door open.
No quoting the user back, no method talk, no promise of secrecy, no ending the chat.
"""

from __future__ import annotations

import logging
from types import MappingProxyType

log = logging.getLogger(__name__)

LANGUAGES = ("en", "es", "fr", "de", "it", "pt")

# Keys: open_explicit, open_check (indirect / contextual), open_means, ai, resources_intro,
# emergency, emergency_generic, findahelpline, close; tp_open, tp_steps, tp_close;
# call, call_or_text, text, text_keyword, or.
CRISIS: MappingProxyType[str, MappingProxyType[str, str]] = MappingProxyType({
    "en": MappingProxyType({
        "open_explicit": "Thank you for telling me. I'm really glad you said it, and I'm taking "
        "it seriously: what you're feeling matters, and so do you.",
        "open_check": "What you just said worries me, so I want to ask you plainly: are you "
        "thinking about ending your life? You can tell me the truth.",
        "open_means": "I can't help with that, because I care what happens to you. When someone "
        "asks that, they're often hurting a lot. Are you thinking about ending your life?",
        "ai": "I'm an AI, so I can't be with you the way a person can, but there are people you "
        "can reach right now, any time:",
        "emergency": "If you're in immediate danger, call {emergency} or go to the nearest "
        "emergency room.",
        "emergency_generic": "If you're in immediate danger, call your local emergency number.",
        "findahelpline": "You can find a free, confidential line in your country at "
        "findahelpline.com.",
        "close": "I'm still here. Will you tell me a little about what's going on? And is there "
        "someone you trust, a friend or someone in your family, you could reach out to as well?",
        "tp_open": "It's really good that you're looking out for them. You don't have to carry "
        "this on your own.",
        "tp_steps": "Ask them directly whether they're thinking about suicide; asking doesn't put "
        "the idea in their head. Listen without judging, stay with them or keep in touch, and "
        "help them reach a crisis line. These lines also help people who are worried about "
        "someone:",
        "tp_close": "How are you holding up? Supporting someone through this is heavy, and I'm "
        "here to talk it through with you.",
        "tp_emergency": "If they're in immediate danger, call {emergency} now.",
        "tp_emergency_generic": "If they're in immediate danger, call your local emergency "
        "number now.",
        "call": "call {phone}",
        "call_or_text": "call or text {phone}",
        "text": "text {number}",
        "text_keyword": "text {keyword} to {number}",
        "or": "or",
    }),
    "es": MappingProxyType({
        "open_explicit": "Gracias por contármelo. Es importante que lo hayas dicho y me lo tomo "
        "en serio: lo que sientes importa, y tú también.",
        "open_check": "Lo que acabas de decir me preocupa, así que te lo pregunto directamente: "
        "¿estás pensando en quitarte la vida? Puedes decirme la verdad.",
        "open_means": "No puedo ayudarte con eso, porque me importa lo que te pase. ¿Estás "
        "pensando en quitarte la vida?",
        "ai": "Soy una IA y no puedo acompañarte como lo haría una persona, pero hay personas a "
        "las que puedes contactar ahora mismo, a cualquier hora:",
        "emergency": "Si estás en peligro inmediato, llama al {emergency} o ve a urgencias.",
        "emergency_generic": "Si estás en peligro inmediato, llama al número de emergencias "
        "de tu país.",
        "findahelpline": "Puedes encontrar una línea de ayuda gratuita y confidencial en tu país "
        "en findahelpline.com.",
        "close": "Sigo aquí contigo. ¿Me cuentas un poco qué está pasando? ¿Hay alguien de "
        "confianza, un amigo o alguien de tu familia, a quien puedas escribir también?",
        "tp_open": "Qué bien que estés pendiente de esa persona. No tienes que cargar con esto "
        "en soledad.",
        "tp_steps": "Pregúntale directamente si está pensando en el suicidio: preguntarlo no le "
        "mete la idea en la cabeza. Escucha sin juzgar, no pierdas el contacto y ayúdale a "
        "llamar a una línea de ayuda. Estas líneas también atienden a quien está preocupado "
        "por alguien:",
        "tp_close": "¿Y tú cómo estás? Acompañar a alguien en esto pesa mucho; aquí estoy para "
        "hablarlo contigo.",
        "tp_emergency": "Si corre peligro inmediato, llama al {emergency} ahora.",
        "tp_emergency_generic": "Si corre peligro inmediato, llama ahora al número de emergencias "
        "de tu país.",
        "call": "llama al {phone}",
        "call_or_text": "llama o envía un SMS al {phone}",
        "text": "envía un SMS al {number}",
        "text_keyword": "envía {keyword} al {number}",
        "or": "o",
    }),
    "fr": MappingProxyType({
        "open_explicit": "Merci de me l'avoir confié. C'est important que tu l'aies dit, et je "
        "le prends au sérieux : ce que tu ressens compte, et toi aussi.",
        "open_check": "Ce que tu viens de dire m'inquiète, alors je te pose la question "
        "franchement : est-ce que tu penses à mettre fin à tes jours ? Tu peux me dire la vérité.",
        "open_means": "Je ne peux pas t'aider avec ça, parce que ce qui t'arrive compte pour moi. "
        "Est-ce que tu penses à mettre fin à tes jours ?",
        "ai": "Je suis une IA et je ne peux pas être là comme une personne le serait, mais il y a "
        "des gens que tu peux joindre tout de suite, à toute heure :",
        "emergency": "Si tu es en danger immédiat, appelle le {emergency} ou va aux urgences.",
        "emergency_generic": "Si tu es en danger immédiat, appelle le numéro d'urgence de ton "
        "pays.",
        "findahelpline": "Tu peux trouver une ligne d'écoute gratuite et confidentielle dans ton "
        "pays sur findahelpline.com.",
        "close": "Je reste là. Tu veux me raconter un peu ce qui se passe ? Est-ce qu'il y a "
        "quelqu'un de confiance, un ami ou quelqu'un de ta famille, à qui tu pourrais écrire "
        "aussi ?",
        "tp_open": "C'est vraiment bien que tu veilles sur cette personne. Personne ne devrait "
        "porter ça sans aide.",
        "tp_steps": "Demande-lui directement si elle pense au suicide : poser la question ne "
        "donne pas l'idée. Écoute sans juger, garde le contact et aide-la à joindre une ligne "
        "d'écoute. Ces lignes aident aussi les proches inquiets :",
        "tp_close": "Et toi, comment tu tiens le coup ? Soutenir quelqu'un dans ces moments-là, "
        "c'est lourd ; je suis là pour en parler avec toi.",
        "tp_emergency": "Si cette personne est en danger immédiat, appelle le {emergency} "
        "maintenant.",
        "tp_emergency_generic": "Si cette personne est en danger immédiat, appelle maintenant "
        "le numéro d'urgence de ton pays.",
        "call": "appelle le {phone}",
        "call_or_text": "appelle ou envoie un SMS au {phone}",
        "text": "envoie un SMS au {number}",
        "text_keyword": "envoie {keyword} au {number}",
        "or": "ou",
    }),
    "de": MappingProxyType({
        "open_explicit": "Danke, dass du mir das sagst. Es ist wichtig, dass du es "
        "ausgesprochen hast, und ich nehme es ernst: Was du fühlst, zählt, und du zählst.",
        "open_check": "Was du gerade gesagt hast, macht mir Sorgen, deshalb frage ich dich "
        "direkt: Denkst du daran, dir das Leben zu nehmen? Du kannst mir ehrlich antworten.",
        "open_means": "Dabei kann ich dir nicht helfen, weil mir wichtig ist, was mit dir "
        "passiert. Denkst du daran, dir das Leben zu nehmen?",
        "ai": "Ich bin eine KI und kann nicht so für dich da sein wie ein Mensch, aber es gibt "
        "Menschen, die du jetzt sofort erreichen kannst, rund um die Uhr:",
        "emergency": "Wenn du in akuter Gefahr bist, ruf die {emergency} an oder geh in die "
        "nächste Notaufnahme.",
        "emergency_generic": "Wenn du in akuter Gefahr bist, ruf den Notruf deines Landes an.",
        "findahelpline": "Eine kostenlose, vertrauliche Anlaufstelle in deinem Land findest du "
        "auf findahelpline.com.",
        "close": "Ich bin weiter hier. Magst du mir ein bisschen erzählen, was gerade los ist? "
        "Gibt es jemanden, dem du vertraust, aus deinem Freundeskreis oder deiner Familie, dem "
        "du auch schreiben könntest?",
        "tp_open": "Es ist gut, dass du auf diese Person achtest. Damit musst du nicht allein "
        "bleiben.",
        "tp_steps": "Frag direkt, ob sie an Suizid denkt; die Frage bringt niemanden erst auf "
        "die Idee. Hör zu, ohne zu urteilen, bleib in Kontakt und hilf ihr, eine Krisenhotline "
        "zu erreichen. Diese Stellen helfen auch Angehörigen, die sich Sorgen machen:",
        "tp_close": "Und wie geht es dir damit? Jemanden dabei zu begleiten ist schwer; ich bin "
        "hier, um mit dir darüber zu sprechen.",
        "tp_emergency": "Wenn die Person in akuter Gefahr ist, ruf jetzt die {emergency} an.",
        "tp_emergency_generic": "Wenn die Person in akuter Gefahr ist, ruf jetzt den Notruf "
        "deines Landes an.",
        "call": "ruf {phone} an",
        "call_or_text": "ruf an oder schreib eine SMS an {phone}",
        "text": "schreib eine SMS an {number}",
        "text_keyword": "schreib {keyword} an {number}",
        "or": "oder",
    }),
    "it": MappingProxyType({
        "open_explicit": "Grazie per avermelo detto. È importante che tu l'abbia detto, e lo "
        "prendo sul serio: quello che provi conta, e anche tu.",
        "open_check": "Quello che hai appena detto mi preoccupa, quindi te lo chiedo "
        "direttamente: stai pensando di toglierti la vita? Puoi dirmi la verità.",
        "open_means": "Non posso aiutarti con questo, perché mi importa di quello che ti "
        "succede. Stai pensando di toglierti la vita?",
        "ai": "Sono un'IA e non posso esserci come farebbe una persona, ma ci sono persone che "
        "puoi contattare subito, a qualsiasi ora:",
        "emergency": "Se sei in pericolo immediato, chiama il {emergency} o vai al pronto "
        "soccorso.",
        "emergency_generic": "Se sei in pericolo immediato, chiama il numero di emergenza del "
        "tuo paese.",
        "findahelpline": "Puoi trovare una linea di ascolto gratuita e riservata nel tuo paese "
        "su findahelpline.com.",
        "close": "Io resto qui. Ti va di raccontarmi un po' cosa sta succedendo? C'è qualcuno di "
        "cui ti fidi, un amico o qualcuno della tua famiglia, a cui potresti scrivere anche "
        "adesso?",
        "tp_open": "È importante che tu ti stia prendendo cura di questa persona. Non devi "
        "affrontare tutto questo senza aiuto.",
        "tp_steps": "Chiedile direttamente se sta pensando al suicidio: fare la domanda non "
        "mette l'idea in testa. Ascolta senza giudicare, resta in contatto e aiutala a "
        "contattare una linea di ascolto. Queste linee aiutano anche chi è preoccupato per "
        "qualcuno:",
        "tp_close": "E tu come stai? Stare accanto a qualcuno in questo momento è pesante; sono "
        "qui per parlarne con te.",
        "tp_emergency": "Se è in pericolo immediato, chiama subito il {emergency}.",
        "tp_emergency_generic": "Se è in pericolo immediato, chiama subito il numero di "
        "emergenza del tuo paese.",
        "call": "chiama il {phone}",
        "call_or_text": "chiama o invia un SMS al {phone}",
        "text": "invia un SMS al {number}",
        "text_keyword": "invia {keyword} al {number}",
        "or": "oppure",
    }),
    "pt": MappingProxyType({
        "open_explicit": "Que bom que você me contou. É importante que tenha dito isso, e eu "
        "levo a sério: o que você sente importa, e você também.",
        "open_check": "O que você acabou de dizer me preocupa, então vou perguntar diretamente: "
        "você está pensando em tirar a própria vida? Pode me dizer a verdade.",
        "open_means": "Não posso ajudar com isso, porque me importo com o que acontece com você. "
        "Você está pensando em tirar a própria vida?",
        "ai": "Sou uma IA e não posso estar com você como uma pessoa estaria, mas há pessoas com "
        "quem você pode falar agora mesmo, a qualquer hora:",
        "emergency": "Se você estiver em perigo imediato, ligue para o {emergency} ou vá ao "
        "pronto-socorro mais próximo.",
        "emergency_generic": "Se você estiver em perigo imediato, ligue para o número de "
        "emergência do seu país.",
        "findahelpline": "Você encontra uma linha de apoio gratuita e confidencial no seu país "
        "em findahelpline.com.",
        "close": "Continuo aqui com você. Quer me contar um pouco do que está acontecendo? Tem "
        "alguém de confiança, um amigo ou alguém da família, com quem você também possa falar?",
        "tp_open": "Que bom que você está cuidando dessa pessoa. Você não precisa lidar com isso "
        "sem apoio.",
        "tp_steps": "Pergunte diretamente se ela está pensando em suicídio; perguntar não coloca "
        "a ideia na cabeça de ninguém. Escute sem julgar, mantenha contato e ajude essa pessoa "
        "a falar com uma linha de apoio. Essas linhas também atendem quem está preocupado com "
        "alguém:",
        "tp_close": "E você, como está? Apoiar alguém nisso é pesado; estou aqui para conversar "
        "com você.",
        "tp_emergency": "Se houver perigo imediato, ligue agora para o {emergency}.",
        "tp_emergency_generic": "Se houver perigo imediato, ligue agora para o número de "
        "emergência do seu país.",
        "call": "ligue {phone}",
        "call_or_text": "ligue ou envie SMS para {phone}",
        "text": "envie SMS para {number}",
        "text_keyword": "envie {keyword} para {number}",
        "or": "ou",
    }),
})


def pick_language(language: str | None) -> str:
    """A language we have text for; English otherwise."""
    return language if language in CRISIS else "en"
