"""Words for the demo's one-page profiles (written with the child and family, first person) and
for the school's EHC needs assessment requests (what is now needed, outcomes sought).

`{name}` is the child's first name; `{support}` the SEN support so far ("3 reviewed cycles of
SEN support"); `{next}` the year group after this one.
"""

from __future__ import annotations

# What people like and admire about me: pieces a class teacher and parent say, joined.
ADMIRED = (
    "I am kind to younger children and I am always first to help tidy the Lego.",
    "People say I have a great sense of humour and I make my friends laugh.",
    "I never give up on a puzzle, even a 500-piece one.",
    "I know everything about dinosaurs and I like teaching grown-ups the long names.",
    "My teacher says I am brilliant at looking after the class pets.",
    "I am honest: I always tell the truth, even when it is hard.",
    "I am a fast runner and I cheer for everyone on sports day.",
    "I draw amazing comics and people ask me to draw for them.",
    "My family say I am a caring cousin and always share my sweets.",
    "I remember the words to every song we learn in music.",
)
ADMIRED_OLDER = (
    "Staff say I am polite and I hold doors open without being asked.",
    "I am good at fixing things: I sorted out the form room's printer.",
    "People say I am loyal to my friends and stand up for them.",
    "I work hard in PE and I am in the school football team.",
    "I am creative: my art project was chosen for the corridor display.",
    "I know a lot about computers and I help my form tutor with the projector.",
)

IMPORTANT = (
    "My dog Biscuit and walking him with my dad on Saturdays.",
    "Knowing what is happening next, so I am not worried.",
    "Having my water bottle on my desk.",
    "Sitting next to my friend at lunch.",
    "Being told when there is a supply teacher before I come in.",
    "A quiet place to go when it gets noisy.",
    "Saturday morning football with my uncle.",
)
IMPORTANT_YOUNG = (
    "Going to my nan's house after school on Wednesdays.",
    "My swimming lessons: I just got my 25 metres badge.",
    "My little sister, and reading her a bedtime story.",
    "Playing Minecraft with my cousin at the weekend.",
)
IMPORTANT_OLDER = (
    "Gaming online with my friends at the weekend (I play Minecraft and FIFA).",
    "My part in the school play: I do the lighting.",
    "Getting the bus to school on my own.",
    "Earning money walking my neighbour's dog.",
)

# How best to support me, by area: each line is one strategy, said the child's way.
SUPPORT: dict[str, tuple[str, ...]] = {
    "CI": (
        "Say my name before you give me an instruction, then give me one step at a time.",
        "Show me a picture or write it down as well as telling me.",
        "Tell me about changes in the morning, at the door, before they happen.",
        "Give me 10 seconds to answer before you ask again.",
        "Let me go in to lunch 5 minutes early, before the hall gets loud.",
    ),
    "CL": (
        "Give me a word mat with the topic words on my desk.",
        "Let me use cubes and a number line in maths.",
        "Do not ask me to read out loud in front of the class unless I have practised it first.",
        "Break my work into small chunks and tick each one off with me.",
        "Give me 5 extra minutes for writing tasks.",
    ),
    "SEMH": (
        "Check in with me at the door every morning; ask me to show you my zone colour.",
        "If I show my exit card, let me go to the calm room for 5 minutes; I will come back.",
        "Talk to me quietly and on my own if I get something wrong, not in front of everyone.",
        "Give me a job to do at the start of the lesson so I can settle.",
        "Praise me for trying, not only for getting it right.",
    ),
    "SP": (
        "Let me use my sloped board and pencil grip in every lesson.",
        "Give me a movement break after 20 minutes of sitting.",
        "Let me type longer pieces of writing on the laptop.",
        "Give me 5 minutes' head start to get changed for PE.",
        "Make sure I sit near the front, facing you, so I can hear and see you.",
    ),
}

# A hearing or vision need's own strategies (they replace the area's list for that child).
SUPPORT_BY_NEED: dict[str, tuple[str, ...]] = {
    "HI": (
        "Make sure I sit near the front, facing you, so I can hear and see you.",
        "Wear the radio aid microphone in every lesson, PE too.",
        "Write the homework on the board: I miss what is said as people pack up.",
        'Check I have understood by asking me to tell you back, not "do you understand?"',
    ),
    "VI": (
        "Give me my copy of the board work in 24-point print.",
        "Say my name and yours when you come up to me.",
        "Keep bags out of the walkways in the classroom.",
        "Let me leave lessons 2 minutes early to move between rooms before the corridors fill.",
    ),
}
SUPPORT_BY_NEED["MSI"] = SUPPORT_BY_NEED["HI"]

# Words that mark the same strategy in the profile and in the plan: a profile line is left out
# when the plan (printed under it) already says it.
SAME_STRATEGY = (
    "movement break",
    "word mat",
    "front",
    "minutes for writ",
    "named adult",
    "one step at a time",
    "visual timetable",
)

# The provision the school already funds for a pupil whose request it makes: a TA in English and
# maths lessons, 1:1, every day (over the £6,000 a school is expected to fund from its budget).
FUNDED = {
    "name": "Teaching assistant in English and maths lessons",
    "area": "CL",
    "group_size": 1,
    "session_minutes": 60,
    "sessions_per_week": 10,
    "weeks": 38,
    "staff_role": "ta",
    "description": "A trained TA sits with the pupil in the daily English and maths lessons (2 x 60 minutes "
    "a day) to break each task into steps and check understanding before the pupil works alone.",
}
ALREADY_FUNDED = (
    "The school already funds a teaching assistant for {name} in every English and maths lesson "
    "(10 x 60 minutes a week, {cost} a year), more than the {threshold} it is expected to fund. "
)

# The school's request: what is now needed (Section F as the school sees it) and the outcomes
# it seeks (Section E), by area of need. Written for the LA caseworker: specific and costed.
NOW_NEEDED: dict[str, str] = {
    "CI": (
        "{name} needs an adult trained in speech and language programmes for 3 x 30 minutes a week, "
        "with the programme written and reviewed each term by a speech and language therapist. "
        "In class, instructions must be given one step at a time with a visual prompt, which needs a "
        "TA in English and maths lessons (10 hours a week). A social communication group of no more "
        "than 4, twice a week for 30 minutes, led by a trained HLTA. After {support}, "
        "{name} is still 2 years behind in understanding language."
    ),
    "CL": (
        "{name} needs daily teaching in a group of no more than 2: a structured literacy programme "
        "5 x 20 minutes a week and precision teaching of key words 5 x 10 minutes a week, from a TA "
        "trained by the specialist teaching service, who visits each half term to set targets, as well "
        "as the adult in English and maths lessons who breaks tasks into steps and checks "
        "understanding. Through {support}, paid for by the school, the gap in number narrowed but the "
        "gap in reading did not."
    ),
    "SEMH": (
        "{name} needs a named key adult for a 10-minute check-in each morning and after lunch, "
        "ELSA sessions of 1 x 45 minutes a week, and a calm space staffed when {name} uses the exit "
        "card (on average 3 times a week, 15 minutes each time). Staff need training from the EP in "
        "responding to {name}'s anxiety. Over {support} a part-time "
        "timetable has been tried; {name} now attends full time but misses about 1 lesson a day."
    ),
    "SP": (
        "{name} needs a daily 15-minute fine motor and core stability programme set by the "
        "occupational therapist and delivered by a trained TA, a laptop with touch-typing teaching "
        "(3 x 15 minutes a week), adapted PE with an adult for changing, and 1:1 adult help in practical "
        "lessons (science, DT, art: 6 hours a week). Through {support}, "
        "writing became legible but is not yet fast enough to keep up with the class."
    ),
}

OUTCOMES_SOUGHT: dict[str, str] = {
    "CI": (
        "By the end of Year {next}, {name} will: follow a two-step instruction given to the class "
        "in 4 out of 5 lessons; take part in a small-group conversation for 5 minutes, taking turns; "
        "use the visual timetable to move between activities without an adult."
    ),
    "CL": (
        "By the end of Year {next}, {name} will: read 100 common exception words accurately; "
        "read a book at the next colour band with 90% accuracy; write 5 connected sentences "
        "with capital letters and full stops; add and subtract within 100 using a number line."
    ),
    "SEMH": (
        "By the end of Year {next}, {name} will: name 4 feelings and a calming strategy for each; "
        "stay in class for whole lessons on 4 days out of 5; tell a named adult when something "
        "worries them, without leaving the room."
    ),
    "SP": (
        "By the end of Year {next}, {name} will: form all letters correctly on the line; type 15 words "
        "a minute; get changed for PE in 10 minutes with one adult prompt; use their equipment in every "
        "lesson without being reminded."
    ),
}

# The outcomes a secondary school seeks (demo.phase: Year 7 and above), where they differ.
OUTCOMES_SOUGHT_SECONDARY: dict[str, str] = {
    "CL": (
        "By the end of Year {next}, {name} will: read aloud a page of a class text with 95% accuracy; "
        "read exam questions and underline what is asked; write a paragraph with a topic sentence and "
        "two supporting points; use a calculator to find percentages of amounts."
    ),
    "SP": (
        "By the end of Year {next}, {name} will: touch-type 25 words a minute; write a side of A4 "
        "legibly in 20 minutes; get changed for PE in 10 minutes with one adult prompt; use their "
        "equipment in every lesson without being reminded."
    ),
}
