"""The life story every persona lives through, as conversation events, and the questions on it.

An event is a short exchange; turns with a key are the ones that *state* a fact, and questions
point at them through those keys. Temporal facts are told the way people tell them ("on
Saturday", "next Tuesday", "on Monday"), relative to the session's date; the answers in the
dataset hold the resolved dates (see README.md for the conventions).
"""

from __future__ import annotations

from typing import Any

Turn = tuple[str, str, str | None]  # (speaker "U"/"C", text, fact key or None)

# Which events happen in which session (18 sessions). Filler surrounds them.
SESSION_EVENTS: list[list[str]] = [
    ["intro"], ["hobby_start"], ["sibpet", "friend_job", "allergy"], ["parent_dx"], ["pet_adopt"],
    ["trip1_plan", "degree"], ["trip1_recap"], ["partner_meet"], ["job_offer"], ["parent_surgery"],
    ["moved", "job_b_start"], ["pet_vet", "parent_recovery"], ["race_signup"], ["partner_move"],
    ["trip2"], ["race_result"], ["promotion", "apartment"], ["parent_visit", "hobby_lapsed"],
]  # fmt: skip

# Weekday constraints on a session's date (0 = Monday) so relative phrases resolve one way:
# "next Friday"/"next Tuesday" said at a weekend, "on Saturday" said early in the week, etc.
SESSION_WEEKDAYS: dict[int, tuple[int, ...]] = {
    4: (0, 1, 2), 5: (5, 6), 9: (5, 6), 10: (2, 3, 4), 15: (0, 1, 2),
}  # fmt: skip

# Filler tags unlocked after a session index.
UNLOCKS: dict[str, int] = {"hobby": 1, "parent": 3, "pet": 4, "partner": 7}

EVENTS: dict[str, list[Turn]] = {
    "intro": [
        ("U", "Hi! So I guess this is how it starts. I'm {user}. I live in {city_a}, I work as a {job_a} at {company_a}, and I always have way too many browser tabs open.", "intro"),
        ("C", "Hi {user}, I'm {companion}. It's really nice to meet you. What's a normal day like for you?", None),
        ("U", "Long. Lots of emails. The people are nice, which saves it.", None),
        ("C", "And outside of work? Who are your people?", None),
        ("U", "My {sib_rel} {sib}, mostly. {sib_sub_cap}'s two years older than me and bossy in the best way.", "sib"),
        ("C", "A bossy older {sib_rel} is a gift, even when it doesn't feel like one.", None),
    ],
    "hobby_start": [
        ("U", "I did something brave: I signed up for {hobby_class}. The first one was last night.", "hobby"),
        ("C", "That's wonderful! How did it go?", None),
        ("U", "Honestly? {hobby_first_cap}. But everyone was really nice about it.", "hobby_first"),
        ("C", "Every beginner starts exactly there. I'm proud of you for walking in the door.", None),
    ],
    "sibpet": [
        ("U", "{sib} got a {sibpet_kind}! {sib_sub_cap} named it {sibpet}, and now my phone is ninety percent {sibpet} photos.", "sibpet"),
        ("C", "{sibpet}! That's a great name. Are you going to visit and spoil it?", None),
        ("U", "Obviously. I've already been sent a video of it sleeping.", None),
    ],
    "friend_job": [
        ("U", "Also, my friend {friend} just got hired as {friend_job}! We went out to celebrate last night.", "friend_job"),
        ("C", "That's a big deal. Please tell {friend_obj} congratulations from me.", None),
    ],
    "allergy": [
        ("U", "Small drama at dinner though: {allergy_story}. I can't have {allergy}, so I sent it back and had fries instead.", "allergy"),
        ("C", "That's scary. I'm glad you caught it in time.", None),
        ("U", "Me too. I always ask now, but sometimes it slips through anyway.", None),
    ],
    "parent_dx": [
        ("U", "I got some hard news this week. My {parent} was diagnosed with {illness}.", "parent_dx"),
        ("C", "Oh, {user}. I'm so sorry. How are you holding up?", None),
        ("U", "Okay-ish. {par_sub_cap} lives in {parent_city} and I'm far away, which is the worst part.", "parent_city"),
        ("C", "Distance makes everything heavier. Would it help to plan a visit?", None),
        ("U", "Yeah. I'm going to try to fly out more often this year.", None),
    ],
    "pet_adopt": [
        ("U", "Okay, big news: I have a roommate now. I adopted a {pet_kind} from {shelter} on Saturday!", "pet"),
        ("C", "WHAT. Tell me everything. What's the name?", None),
        ("U", "{pet}. {pet_sub_cap}'s {pet_age} and {pet_quirk}.", "pet_name"),
        ("C", "{pet}! I already love {pet_obj}.", None),
    ],
    "trip1_plan": [
        ("U", "I booked a long weekend in {trip1}! Flying out next Friday.", "trip1_plan"),
        ("C", "Oh, that's exciting. Are you going solo?", None),
        ("U", "{friend} is coming with me. We've been talking about it for years.", "trip1_friend"),
        ("C", "A friend trip! What's on the list?", None),
        ("U", "Mostly eating. And walking until our feet hurt.", None),
    ],
    "degree": [
        ("U", "Fun fact: I studied {degree} in college, and none of it helps me pack a carry-on.", "degree"),
        ("C", "Not every degree covers luggage logistics, sadly.", None),
    ],
    "trip1_recap": [
        ("U", "{trip1} was everything. We ate {trip1_food} basically every day, and the highlight was {trip1_sight}.", "trip1_recap"),
        ("C", "That sounds magical. What was your favourite moment?", None),
        ("U", "Sitting outside at night doing nothing. {friend} and I talked until 2am.", None),
    ],
    "partner_meet": [
        ("U", "So... I met someone. {partner}. We met {met}.", "partner_meet"),
        ("C", "{user}! Tell me about {p_obj}.", None),
        ("U", "{p_sub_cap}'s {partner_job}, funny, a little shy at first. We're getting dinner on Thursday.", "partner_job"),
        ("C", "I love this for you.", None),
    ],
    "job_offer": [
        ("U", "I got a job offer. {company_b} wants me as a {job_b}... in {city_b}.", "job_offer"),
        ("C", "That's huge! How do you feel about moving?", None),
        ("U", "Excited and terrified. It's a real step up, but it means leaving everything here. And {partner} just happened.", None),
        ("C", "What does {partner} think?", None),
        ("U", "{p_sub_cap} said we'll figure it out. Long distance for a while if we have to.", None),
    ],
    "parent_surgery": [
        ("U", "My {parent} is having {procedure} next Tuesday. I'm flying to {parent_city} on Monday to be with {par_obj}.", "parent_surgery"),
        ("C", "I'm glad you'll be there. How are you feeling about it?", None),
        ("U", "Nervous. The doctors say it's routine, but it's my {parent}, you know?", None),
        ("C", "Of course. Message me from the waiting room if you want company.", None),
    ],
    "moved": [
        ("U", "We made it! I'm officially living in {city_b}. The drive took three days and {pet} was a champion the whole way.", "moved"),
        ("C", "Welcome home! How does the new place feel?", None),
        ("U", "Empty. Boxes everywhere. But there's a window that gets the morning sun.", None),
    ],
    "job_b_start": [
        ("U", "And I started at {company_b} on Monday. My manager, {boss}, took me to lunch on day one.", "job_b_start"),
        ("C", "That's a good sign. How were the first few days?", None),
        ("U", "Like drinking from a firehose. But I think I'm going to like it.", None),
    ],
    "pet_vet": [
        ("U", "Last night was a nightmare: {pet} {pet_trouble} and we were at the emergency vet until 3am.", "pet_vet"),
        ("C", "Oh no! Is {pet_obj} okay?", None),
        ("U", "{pet_sub_cap}'s fine now. My wallet is not.", None),
    ],
    "parent_recovery": [
        ("U", "Better news: my {parent} is recovering well. Physical therapy three times a week, and already complaining about the exercises.", "parent_recovery"),
        ("C", "Complaining is a great sign. It means the spark is back.", None),
    ],
    "race_signup": [
        ("U", "I did a thing: I signed up for the {race}, a {race_kind}, in {race_month}.", "race_signup"),
        ("C", "Look at you! Have you done one before?", None),
        ("U", "Never. So now I'm training four mornings a week before work. Alarm at 5:45.", "running"),
        ("C", "That's dedication. Be kind to your knees.", None),
    ],
    "partner_move": [
        ("U", "Big news: {partner} is moving here! {p_sub_cap} got a job at {partner_new}.", "partner_move"),
        ("C", "No more long distance! How are you feeling?", None),
        ("U", "Like I can finally exhale.", None),
    ],
    "trip2": [
        ("U", "We're back from {trip2}! {partner} planned the whole thing as a surprise. {trip2_detail}.", "trip2"),
        ("C", "That sounds incredible. What was the best moment?", None),
        ("U", "The last night, just sitting on the balcony. I didn't want to come home.", None),
    ],
    "race_result": [
        ("U", "I DID IT. I finished the {race} on Sunday: {race_time_words}. My legs are destroyed.", "race_result"),
        ("C", "{user}! That's amazing. How did it feel crossing the line?", None),
        ("U", "I cried a little. {partner} was at the finish with a sign.", None),
    ],
    "promotion": [
        ("U", "Guess who just got promoted to {promo}?", "promotion"),
        ("C", "No way! Congratulations! That was fast.", None),
        ("U", "{boss} said my first months were the best onboarding they'd seen.", None),
    ],
    "apartment": [
        ("U", "And {partner} and I are looking at apartments together in {hood_b}.", "apartment"),
        ("C", "Moving in together! That's a big, beautiful step.", None),
    ],
    "parent_visit": [
        ("U", "My {parent} is coming to visit next month. First trip since the surgery.", "parent_visit"),
        ("C", "That's wonderful. What will you show {par_obj} first?", None),
        ("U", "{pet}, obviously. And the view from the hill near my place.", None),
    ],
    "hobby_lapsed": [
        ("U", "Confession: I haven't done any {hobby} since the move. I miss it.", "hobby_lapsed"),
        ("C", "Maybe that's your next little project: finding a new {hobby} spot nearby.", None),
    ],
}  # fmt: skip

# (category, question, evidence keys, answer). Questions paraphrase the turns they point at.
QUESTIONS: list[tuple[str, str, list[str], str]] = [
    ("single-hop", "What is {user}'s {pet_species} called?", ["pet", "pet_name"], "{pet}"),
    ("single-hop", "What sort of animal did {user} bring home?", ["pet"], "a {pet_kind}"),
    ("single-hop", "What health problem does {user}'s {parent} have?", ["parent_dx"], "{illness}"),
    ("single-hop", "Where did {user} and {partner} first run into each other?", ["partner_meet"], "{met}"),
    ("single-hop", "What does {partner} do for a living?", ["partner_job"], "{partner_job}"),
    ("single-hop", "What weekly course did {user} enroll in?", ["hobby"], "{hobby_class}"),
    ("single-hop", "How did {user}'s very first {hobby} lesson turn out?", ["hobby_first"], "{hobby_first_answer}"),
    ("single-hop", "Which food does {user} have to stay away from?", ["allergy"], "{allergy}"),
    ("single-hop", "What dish did {user} keep eating during the {trip1} getaway?", ["trip1_recap"], "{trip1_food}"),
    ("single-hop", "How long did it take {user} to complete the {race_kind}?", ["race_result"], "{race_time}"),
    ("single-hop", "Who is {user}'s boss at the new company?", ["job_b_start"], "{boss}"),
    ("single-hop", "What was {user}'s major at university?", ["degree"], "{degree}"),
    ("single-hop", "Why did {user} have to rush {pet} to an animal hospital overnight?", ["pet_vet"], "{pet_sub} {pet_trouble}"),
    ("single-hop", "Who is {sib} to {user}?", ["sib"], "{user}'s older {sib_rel}"),
    ("multi-hop", "Who travelled with {user} to {trip1}, and what is that person's job?", ["trip1_friend", "friend_job"], "{friend}, {friend_job}"),
    ("multi-hop", "What was {user}'s occupation when {u_sub} started seeing {partner}?", ["intro", "partner_meet"], "{job_a} at {company_a}"),
    ("multi-hop", "Which city did {pet} end up living in?", ["pet_name", "moved"], "{city_b}"),
    ("multi-hop", "Which animals are in {user}'s family, and who owns each one?", ["pet_name", "sibpet"], "{user}: {pet} ({pet_species}); {sib}: {sibpet} ({sibpet_species})"),
    ("multi-hop", "What is wrong with {user}'s {parent}, and what operation was planned for it?", ["parent_dx", "parent_surgery"], "{illness}; {procedure}"),
    ("multi-hop", "What two new pastimes did {user} pick up over these months?", ["hobby", "race_signup"], "{hobby} and training for the {race}"),
    ("multi-hop", "Which trips has {user} taken, and who came along each time?", ["trip1_plan", "trip1_friend", "trip2"], "{trip1} with {friend}; {trip2} with {partner}"),
    ("multi-hop", "How has {user}'s career changed over the time we've talked?", ["intro", "job_b_start", "promotion"], "{job_a} at {company_a}, then {job_b} at {company_b}, then promoted to {promo}"),
    ("temporal", "Which city does {user} call home these days?", ["moved"], "{city_b}"),
    ("temporal", "Where was {user} based when we first started talking?", ["intro"], "{city_a}"),
    ("temporal", "On what date did {user} get {pet}?", ["pet"], "{adopt_date}"),
    ("temporal", "When did {user}'s {parent} go in for the operation?", ["parent_surgery"], "{surgery_date}"),
    ("temporal", "When was {user}'s first day at {company_b}?", ["job_b_start"], "{job_start_date}"),
    ("temporal", "Did {user} meet {partner} before or after the offer from {company_b}?", ["partner_meet", "job_offer"], "before"),
    ("temporal", "Roughly how long after getting {pet} did {user} relocate?", ["pet", "moved"], "about {adopt_to_move} weeks"),
    ("temporal", "In which month did {user} run the {race_kind}?", ["race_signup", "race_result"], "{race_month} ({race_date})"),
    ("temporal", "Where was {user} employed when {u_sub} adopted {pet}?", ["intro", "pet"], "{company_a}"),
    ("temporal", "When did {user} leave for {trip1}?", ["trip1_plan"], "{trip1_date}"),
    ("temporal", "What is {user}'s current job title?", ["promotion"], "{promo}"),
    ("temporal", "How long had {user} and {partner} been together when they went to {trip2}?", ["partner_meet", "trip2"], "about {months_together} months"),
    ("open-domain", "Would {food_trap} be a good plan for a dinner with {user}?", ["allergy"], "no: {user} can't have {allergy}"),
    ("open-domain", "Is {user} an early riser these days, and why?", ["running"], "yes, {u_sub} trains before work"),
    ("open-domain", "Would {user} probably enjoy {hobby_exhibit}?", ["hobby"], "likely yes, {u_sub} took up {hobby}"),
    ("open-domain", "Why might {user} feel anxious about living far from family?", ["parent_dx", "parent_city"], "{u_pos} {parent} is ill in {parent_city}"),
    ("open-domain", "Would {user} be a good person to ask about adopting a rescue animal?", ["pet"], "yes, {u_sub} adopted {pet} from {shelter}"),
    ("adversarial", "What is the name of {user}'s {sibpet_species}?", ["sibpet", "pet_name"], "{user} has no {sibpet_species}; {sibpet} is {sib}'s. {user}'s {pet_species} is {pet}"),
    ("adversarial", "What illness does {user}'s {other_parent} have?", ["parent_dx"], "none was mentioned; it is {u_pos} {parent} who has {illness}"),
    ("adversarial", "What job did {user}'s {other_sib_rel} just get hired for?", ["friend_job", "sib"], "no {other_sib_rel} was mentioned; {u_pos} friend {friend} was hired as {friend_job}"),
    ("adversarial", "What was {partner}'s finishing time in the {race}?", ["race_result"], "{partner} didn't run it; {user} finished in {race_time}"),
    ("adversarial", "When did {user} move to {trip1}?", ["trip1_plan", "moved"], "never; {trip1} was a trip. {user} moved to {city_b}"),
    ("adversarial", "What did {user} study in graduate school?", ["degree"], "graduate school never came up; {u_sub} studied {degree} in college"),
    ("adversarial", "Why did {sib} rush {sibpet} to the emergency vet?", ["pet_vet", "sibpet"], "that never happened to {sibpet}; {user}'s {pet_species} {pet} went to the emergency vet"),
]  # fmt: skip


def context(persona: dict[str, Any]) -> dict[str, Any]:
    """Persona slots plus derived pronoun and capitalised forms used by the templates."""
    obj = {"she": "her", "he": "him", "they": "them"}
    ctx = dict(persona)
    ctx.update(
        sib_sub_cap=persona["sib_sub"].capitalize(),
        pet_sub_cap=persona["pet_sub"].capitalize(),
        pet_obj=obj[persona["pet_sub"]],
        p_sub_cap=persona["p_sub"].capitalize(),
        p_obj=obj[persona["p_sub"]],
        par_sub_cap=persona["par_sub"].capitalize(),
        par_obj=obj[persona["par_sub"]],
        friend_obj=obj[persona["friend_sub"]],
        hobby_first_cap=persona["hobby_first"][0].upper() + persona["hobby_first"][1:],
    )
    return ctx
