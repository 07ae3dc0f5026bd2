"""Words for the demo's Assess stage, by broad area of need: the measures schools use, what a
SENCO writes about each area, and the child's and parents' views as they are usually given.

`{name}` is the child's first name. Every phrase is written as a SENCO would write it for an
LA caseworker: specific (what, how often, how we know), never "access to" or "support with"
(tests run them through domain.wording).
"""

from __future__ import annotations

# A measure: (name, kind, start range, change per cycle range). Kinds decide the score's form
# and what the result means: "standard" (mean 100, average 85-115), "reading_age" (years and
# months), "boxall" (developmental strands, out of 136), "sdq" (teacher SDQ total difficulties,
# out of 40, lower is better), "wpm" (handwriting speed, words a minute).
Measure = tuple[str, str, tuple[int, int], tuple[int, int]]

READING_AGE: Measure = ("Reading age (Salford Sentence Reading Test)", "reading_age", (14, 34), (2, 5))
MEASURES: dict[str, list[Measure]] = {
    "CL": [
        READING_AGE,
        ("Single word spelling test (standardised)", "standard", (68, 82), (-1, 4)),
        ("Number skills (standardised)", "standard", (66, 83), (-1, 4)),
    ],
    "CI": [
        ("Speech & language: CELF-5 core score", "standard", (64, 80), (0, 5)),
        ("British Picture Vocabulary Scale (BPVS3), standard score", "standard", (70, 84), (-1, 4)),
        READING_AGE,
    ],
    "SEMH": [
        ("Boxall profile: developmental strands (out of 136)", "boxall", (58, 90), (2, 8)),
        (
            "Strengths and Difficulties Questionnaire, teacher (total difficulties, out of 40)",
            "sdq",
            (18, 27),
            (-3, 1),
        ),
    ],
    "SP": [
        ("Beery VMI visual-motor integration (standard score)", "standard", (66, 82), (0, 4)),
        ("Handwriting speed (words a minute, 10 minutes' free writing)", "wpm", (4, 9), (0, 2)),
    ],
}

# What each standardised measure shows beyond the number, by how far below average it is.
STANDARD_NOTES: dict[str, tuple[str, str]] = {
    # measure name -> (well below average, below average)
    "Single word spelling test (standardised)": (
        "spells most CVC words but not words with vowel digraphs (rain, boat)",
        "spells common words; errors are in suffixes (-tion, -ed) and double consonants",
    ),
    "Number skills (standardised)": (
        "counts on in ones from the larger number; no recall of number bonds to 10",
        "recalls bonds to 10; place value beyond 100 and times tables are not secure",
    ),
    "Speech & language: CELF-5 core score": (
        'follows one-part instructions; sentences are short with words missing ("him go shop")',
        "understands most class instructions; retelling a story misses the order of events",
    ),
    "British Picture Vocabulary Scale (BPVS3), standard score": (
        "knows everyday nouns but few verbs and describing words",
        "topic words are the gap: knows everyday words but not subject vocabulary",
    ),
    "Beery VMI visual-motor integration (standard score)": (
        "copies simple shapes; diagonals and overlapping shapes are not yet formed",
        "copies most shapes; a three-dimensional shape is the first one missed",
    ),
}

READING_NOTES = (
    (
        6.5,
        "decodes three-letter words (cat, sun); sounds out longer words letter by letter and loses "
        "the meaning",
    ),
    (8.0, "reads simple sentences; guesses longer words from the first letter"),
    (10.0, "reads fluently at this level; slows down on words of three syllables"),
    (99.0, "reads age-appropriate texts aloud; answers to inference questions are brief"),
)

# Each broad area, as the SENCO describes it at assessment. {name} is the child.
NEEDS: dict[str, list[str]] = {
    "CI": [
        "{name} understands short instructions given one at a time but misses the second part of a "
        "two-step instruction given to the class. Sentences are 3 to 5 words long. Finds unstructured "
        "times hard: on the playground {name} walks the edge rather than joining a game.",
        "{name} takes part in talk about a chosen topic (trains, animals) but not in turn-taking "
        "conversation; changes of routine lead to distress that lasts 10 to 20 minutes. Uses a visual "
        "timetable and a now-and-next board.",
        "Speech is hard for unfamiliar adults to understand (sounds k, g and s are replaced by t and d). "
        "{name} stops talking in class when asked to repeat, and relies on gesture with new adults.",
    ],
    "CL": [
        "{name} is working well below age-related expectations in reading, writing and maths. "
        "New learning is retained for a day or two and then lost without overlearning; "
        "working memory is the barrier (recalls 2 items of a 4-item instruction).",
        "{name} has good spoken vocabulary and reasoning but reading and spelling are far behind: "
        "phonics is not secure beyond phase 3, and writing is 2 or 3 short sentences in a lesson "
        "where classmates write a page.",
        "Number sense is the main gap: {name} counts on fingers for bonds within 10 and does not "
        "yet understand place value in two-digit numbers. Reading is closer to age expectations.",
    ],
    "SEMH": [
        "{name} becomes anxious at transitions (arriving in the morning, after lunch) and leaves "
        "the classroom 2 or 3 times a week. Finds it hard to name feelings; calms with a key adult "
        "in 10 to 15 minutes.",
        "{name} has angry outbursts when a task looks too hard (tearing work, shouting), about "
        "twice a week, mostly in writing lessons. Friendships break down at lunchtime; {name} "
        'says other children "don\'t want me".',
        "{name} is quiet and withdrawn in class, rarely answers questions, and has had 9 days "
        "of absence this term with stomach aches before school. Talks openly with the ELSA.",
    ],
    "SP": [
        "{name} has weak fine motor control: letters are unevenly sized and formed from the wrong "
        "starting point, and written work takes twice as long as classmates'. Uses a pencil grip "
        "and a sloped board.",
        "{name} tires quickly when sitting and writing, finds PE and changing hard (buttons, laces) "
        "and bumps into furniture in a busy classroom. Needs a movement break after 20 minutes.",
        "{name} wears hearing aids in both ears; follows class teaching when the radio aid is used "
        "and the room is quiet, and misses instructions in the hall and the dining room.",
        "{name} has low vision: reads 24-point print on a tinted background, needs copies of what is on "
        "the board, and finds moving around the school at busy changeover times hard.",
    ],
}

# The same measures' notes as a secondary school words them (demo.phase: Year 7 and above).
STANDARD_NOTES_SECONDARY: dict[str, tuple[str, str]] = {
    "Single word spelling test (standardised)": (
        "spells three-letter words but not words with vowel digraphs (rain, boat) or subject words",
        "spells common words; errors are in suffixes (-tion, -ed) and double consonants",
    ),
    "Number skills (standardised)": (
        "adds and subtracts with a number line; no recall of times tables, place value to 1,000 not secure",
        "recalls most times tables; fractions, decimals and percentages are not secure",
    ),
}

# Each broad area, as a secondary school describes it (only the descriptions that differ; the
# others are the same words in both phases).
NEEDS_SECONDARY: dict[str, dict[int, str]] = {
    "CI": {
        0: "{name} understands short instructions given one at a time but misses the second part of a "
        "two-step instruction given to the class. Answers are 3 to 5 words long. Finds unstructured "
        "times hard: at break and lunch {name} stays near the library rather than joining friends.",
    },
    "CL": {
        1: "{name} has good spoken vocabulary and reasoning but reading and spelling are far behind: "
        "decoding of longer words is not secure, and written answers are 2 or 3 short sentences in "
        "lessons where classmates write a page.",
        2: "Number sense is the main gap: {name} relies on a calculator for times tables and does not "
        "yet understand place value in decimals. Reading is closer to age expectations.",
    },
}

# Which of an area's descriptions fits a census need (its place in NEEDS[area]); other needs
# take any of the area's descriptions.
NEED_TEXT: dict[str, tuple[int, ...]] = {
    "SLCN": (0, 2),
    "ASD": (1,),
    "MLD": (0,),
    "SLD": (0,),
    "PMLD": (0,),
    "DS": (0,),
    "SPLD": (1, 2),
    "PD": (0, 1),
    "HI": (2,),
    "VI": (3,),
    "MSI": (2, 3),
}

# The child's views at assessment, by area: (young child, older child), first person. A pupil's
# views move through the list cycle by cycle, so no two cycles in a row say the same words.
PUPIL_VIEWS: dict[str, list[tuple[str, str]]] = {
    "CI": [
        (
            "I like the Lego club. I don't like it when the bell is loud.",
            "I like it when I know what is happening next. Group work is hard because everyone talks at "
            "once.",
        ),
        (
            "Playtime is too noisy. I like helping in the library.",
            "I want to have someone to sit with at lunch. I'm good at computers and I know a lot about "
            "trains.",
        ),
        (
            "I like the picture timetable. When it changes I feel wobbly.",
            "I don't like it when teachers change the seating plan without telling me first.",
        ),
        (
            "I can say the hard words in my group now. I still don't like talking on the carpet.",
            "I find it hard to explain my answer out loud, but I can write it down if I have time.",
        ),
    ],
    "CL": [
        (
            "I like reading with my group. The big words are tricky.",
            "I'm better at maths when I can use the cubes. Reading out loud in class is the worst bit.",
        ),
        (
            "I'm good at drawing. I don't like writing because my hand gets tired.",
            "I want to read Harry Potter by myself. Spelling tests make me feel stupid.",
        ),
        (
            "I know more sounds now. I like it when Miss reads with me on my own.",
            "I like the word mat because I don't have to keep asking. Homework takes me ages.",
        ),
        (
            "Maths is my best thing. I forget my spellings by Friday.",
            "I want to get a job working with animals. I need to get better at reading the questions in "
            "tests.",
        ),
    ],
    "SEMH": [
        (
            "I like my check-in in the morning. Sometimes I feel angry and I don't know why.",
            "When I get worried I need to go somewhere quiet. I like football and I want to be on the team.",
        ),
        (
            "Mornings are hard. I like feeding the class fish.",
            "I don't like it when people stare at me when I get upset. Talking to the ELSA helps.",
        ),
        (
            "My calm box helps. I don't like it when it's wet play.",
            "The exit card helps because I don't have to explain in front of everyone.",
        ),
        (
            "I have a friend now called Sam. Lunchtime is still hard sometimes.",
            "I get on better with teachers who tell me quietly when I've done something wrong.",
        ),
    ],
    "SP": [
        (
            "I like PE but my buttons take ages. My special pencil helps.",
            "Writing makes my hand ache. I'm faster when I can type on the laptop.",
        ),
        (
            "I like the wobble cushion. The hall is too loud.",
            "I want to do things on my own and not have an adult next to me all the time.",
        ),
        (
            "I can do my coat zip now! Cutting is still tricky.",
            "The sloped board helps, but I don't like being the only one who has one.",
        ),
        (
            "My writing is neater now. I get tired in the afternoons.",
            "I want to do the same PE as everyone else, even if it takes me longer.",
        ),
    ],
}

# Parents' views at assessment, by area: the first two are worries (said at the first cycle),
# the others what has changed. {name} is the child.
PARENT_VIEWS: dict[str, list[str]] = {
    "CI": [
        "At home {name} talks about trains for hours but will not answer questions about the school day. "
        "We would like {name} to have one friend to play with.",
        "{name} gets very upset if plans change, even small ones. We use a picture timetable at home "
        "and would like school to use the same pictures.",
        "{name} is talking more at home and asked for a friend round for tea, which is a first.",
        "We still find it hard to understand {name} when {name} is tired; we practise the therapist's "
        "sound games at bedtime.",
    ],
    "CL": [
        "{name} tries hard with homework but gets upset after 10 minutes of reading. "
        "We read together every night and would like to know which words to practise.",
        '{name} says "I\'m stupid" when homework is hard. We want {name} to feel confident and keep up with '
        "friends.",
        "{name} reads the menu and the road signs now when we are out; we are proud of the progress.",
        "We would like to know what {name} is working on each week so we can do the same at home.",
    ],
    "SEMH": [
        "Mornings are a battle: {name} has stomach aches and does not want to come in. "
        "Once in school {name} is usually fine. We want {name} to feel safe and happy at school.",
        "{name} is calm at home but holds it together all day and explodes after school. "
        "We would like a named adult {name} can go to.",
        "Things are calmer at home since the check-ins started; {name} talks about the ELSA sessions.",
        "We are worried about the move up in September and would like {name} to meet the new staff early.",
    ],
    "SP": [
        "{name} gets frustrated with writing and with getting dressed. "
        "We do the hand-strength exercises the OT suggested at home every evening.",
        "{name} comes home exhausted. We would like {name} to join in PE and clubs like the other children.",
        "{name} can now do up buttons on a school shirt; we practise the exercises every morning.",
        "We would like {name} to use the laptop for homework too, so writing does not take all evening.",
    ],
}

# Views at a review, by how the outcomes went: mostly met, or mostly not met. (pupil, parent)
REVIEW_VIEWS: dict[bool, list[tuple[str, str]]] = {  # by the child's turn in the list, as above
    True: [
        (
            "I can do it on my own now. The group is fun.",
            "We have noticed the difference at home: {name} is more confident and tries new things.",
        ),
        (
            "I liked seeing my progress on my chart. I want to keep going to the group.",
            "{name} has come on well this term; we would like the group to carry on.",
        ),
        (
            "It's easier now because I know what to do when I get stuck.",
            "{name} talks about the sessions at home and uses the strategies without being reminded.",
        ),
    ],
    False: [
        (
            "It's still hard. I like the sessions but I forget things the next day.",
            "We are worried that {name} is still behind; we would like to know what else can be tried.",
        ),
        (
            "I don't like missing PE for my group.",
            "Progress is slower than we hoped. We agree {name} needs more time in the group.",
        ),
        (
            "I still get stuck on the hard bits, but I like going to the group.",
            "We practise at home every night and {name} still finds it hard; we would like to know the next "
            "steps.",
        ),
    ],
}

# Who gave the views, and how: (how a child's were gathered, how an older pupil's, how the
# parents' were given to a primary school, to a secondary school).
PUPIL_HOW = (
    "in a one-to-one chat with the class teacher",
    "with a talking mat, with the class TA",
    "on an 'All about me' sheet, with the SENCO",
    "in a pupil voice conversation with the ELSA",
)
PUPIL_HOW_OLDER = (
    "in a conversation with the form tutor",
    "in a student voice meeting with the SENCO",
    "on the 'My views' form, written with a TA",
    "in a mentoring session with the learning mentor",
)
PARENT_HOW = (
    "at a meeting with the SENCO",
    "by phone with the class teacher",
    "at parents' evening",
    "in an email to the SENCO",
)
PARENT_HOW_OLDER = (
    "at a meeting with the SENCO",
    "by phone with the form tutor",
    "at parents' evening",
    "in an email to the SENCO",
)
