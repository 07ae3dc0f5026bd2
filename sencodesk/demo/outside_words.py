"""Words for the demo's outside services: who is involved (with their report's advice), and
referrals as a SENCO writes them, with each service's own questions answered.

`{name}` is the child's first name, `{cycles}` how long the school's SEN support has run ("3
cycles"), `{results}` the latest assessment results, `{attendance}` this year's attendance %.
"""

from __future__ import annotations

# Services a broad area of need usually involves: (service code, or None for a service the
# referral form does not cover; label as the involvement is recorded).
SERVICES_BY_AREA: dict[str, list[tuple[str | None, str]]] = {
    "CI": [
        ("salt", "Speech and language therapy"),
        ("ep", "Educational psychology"),
        ("sts", "Specialist teaching service (autism outreach)"),
    ],
    "CL": [("ep", "Educational psychology"), ("sts", "Specialist teaching service (cognition and learning)")],
    "SEMH": [
        ("camhs", "Child and adolescent mental health services (CAMHS)"),
        ("ep", "Educational psychology"),
        (None, "Mental health support team (MHST)"),
    ],
    "SP": [("ot", "Occupational therapy"), (None, "Physiotherapy")],
}
# A hearing or vision need is the specialist teachers' sensory teams', not the OT's.
SENSORY: dict[str, list[tuple[str | None, str]]] = {
    "HI": [("sts", "Specialist teaching service (hearing)")],
    "MSI": [("sts", "Specialist teaching service (hearing)")],
    "VI": [("sts", "Specialist teaching service (vision)")],
}

PROFESSIONALS: dict[str, list[str]] = {
    "Educational psychology": [
        "Dr R Mensah, educational psychologist",
        "Dr H Lawson, educational psychologist",
    ],
    "Speech and language therapy": [
        "Ms C Byrne, speech and language therapist",
        "Mr A Rahman, speech and language therapist",
    ],
    "Child and adolescent mental health services (CAMHS)": ["Ms J Okoro, CAMHS clinical practitioner"],
    "Occupational therapy": ["Mrs E Walsh, occupational therapist"],
    "Specialist teaching service (autism outreach)": ["Mrs P Dobson, autism outreach teacher"],
    "Specialist teaching service (cognition and learning)": ["Mr G Fraser, specialist teacher"],
    "Specialist teaching service (hearing)": ["Miss T Akhtar, qualified teacher of the deaf"],
    "Specialist teaching service (vision)": [
        "Mrs N Osei, qualified teacher of children with vision impairment"
    ],
    "Mental health support team (MHST)": ["Mr S Lowe, education mental health practitioner"],
    "Physiotherapy": ["Ms L Grant, paediatric physiotherapist"],
}

# What the latest report advised, by service label.
REPORT_SUMMARIES: dict[str, list[str]] = {
    "Educational psychology": [
        "Consultation and cognitive assessment: verbal reasoning in the average range, working memory and "
        "processing speed well below. Advised precision teaching 5 x 10 minutes a week and instructions "
        "given one step at a time.",
        "Observation in class and at play, and a meeting with parents: recommended a key adult, a daily "
        "check-in and a visual timetable; to review in two terms.",
    ],
    "Speech and language therapy": [
        "Assessment found receptive language 2 years below age; programme of 3 x 20-minute sessions a week "
        "for a trained TA, with targets on two-part instructions and question words.",
        "Speech sound assessment: fronting of k and g. Home and school programme for 10 minutes daily; "
        "therapist to review in 12 weeks.",
    ],
    "Child and adolescent mental health services (CAMHS)": [
        "Assessment of anxiety: six sessions of CBT offered to the child and parent; school to keep a "
        "daily check-in and a calm space, and to log incidents for the next review.",
    ],
    "Occupational therapy": [
        "Assessment of fine motor and self-care skills: a daily 15-minute fine motor programme, a sloped "
        "board and pencil grip, and Velcro fastenings for PE.",
    ],
    "Specialist teaching service (autism outreach)": [
        "Visited twice: set up a workstation with a now-and-next board; trained two TAs in Attention "
        "Autism (bucket time) for 3 x 15 minutes a week.",
    ],
    "Specialist teaching service (cognition and learning)": [
        "Dyslexia screening and teaching plan: a structured, multisensory literacy programme "
        "4 x 20 minutes a week in a group of 2 and a coloured overlay trial; specialist teacher to "
        "visit half-termly.",
    ],
    "Specialist teaching service (vision)": [
        "Functional vision assessment: 24-point print on buff paper, copies of board work, and mobility "
        "training around the site 2 x 30 minutes a week for a term.",
    ],
    "Specialist teaching service (hearing)": [
        "Hearing aid and radio aid checks each term; acoustic advice for the classroom (soft furnishing, "
        "seating away from the door); pre-teaching of topic vocabulary 2 x 15 minutes a week.",
    ],
    "Mental health support team (MHST)": [
        "Eight weekly sessions of guided self-help on worry with the child; parent workshop attended.",
    ],
    "Physiotherapy": [
        "Core stability programme for 10 minutes daily, delivered by a TA; review at the next clinic in six "
        "months.",
    ],
}

# Why the school refers and what it asks, by service code.
REASONS: dict[str, list[tuple[str, str]]] = {
    "salt": [
        (
            "{name}'s speech is hard for unfamiliar adults to understand and {name} no longer answers in "
            "class.",
            "A speech sound assessment and a programme school staff can deliver 3 times a week.",
        ),
        (
            "{name} follows only one-part instructions and cannot retell a simple story in order.",
            "Assessment of understanding and use of language, and targets for the school's TA sessions.",
        ),
    ],
    "camhs": [
        (
            "{name} is highly anxious: stomach aches most mornings, 14 days' absence this term, and "
            "panic in the classroom twice in the last month.",
            "Assessment of anxiety and a plan for home and school; advice on a part-time timetable if "
            "needed.",
        )
    ],
    "ot": [
        (
            "{name}'s handwriting is slow and hard to read and {name} needs an adult to get changed for PE.",
            "Assessment of fine motor and self-care skills and a programme for school and home.",
        )
    ],
}

# The specialist teaching service, by the pupil's main area (or, for vision, need):
# (reason, asks, its team, threshold).
STS_REASONS: dict[str, tuple[str, str, str, str]] = {
    "CL": (
        "{name} has not closed the gap in reading or spelling after {cycles} of small-group literacy "
        "teaching.",
        "A specialist assessment of literacy and a teaching plan for the TA delivering sessions.",
        "Cognition and learning team.",
        "SEN support for {cycles}, with a literacy intervention and little progress.",
    ),
    "CI": (
        "{name} finds the classroom overwhelming: covers ears during group work and leaves the room "
        "2 or 3 times a day, through {cycles} of SEN support.",
        "A visit from the autism outreach team: a workstation, a visual timetable set up with staff, "
        "and training for the two TAs who work with {name}.",
        "Autism outreach team.",
        "Diagnosis of autism (community paediatrician); SEN support for {cycles}.",
    ),
    "SP": (
        "{name}'s hearing loss means teaching in the hall and noisy rooms is missed.",
        "Advice on classroom acoustics and on using the radio aid, and training for staff.",
        "Hearing impairment team.",
        "Permanent bilateral hearing loss; hearing aids since the age of 3.",
    ),
    "VI": (
        "{name}'s sight has changed: {name} now holds books close to the face and misses work on the board.",
        "A functional vision assessment, advice on print size and the classroom, and mobility training.",
        "Vision impairment team.",
        "Registered sight impaired (ophthalmology letter on file); SEN support for {cycles}.",
    ),
    "SEMH": (
        "{name} has not closed the gap in reading after {cycles} of SEN support, and anxiety about "
        "reading aloud is growing.",
        "A specialist assessment of literacy and a teaching plan the ELSA and TA can share.",
        "Cognition and learning team.",
        "SEN support for {cycles}, with reading intervention and little progress.",
    ),
}

# Why the school asks the EP, by the pupil's main area: (reason, what it asks, the EP's question).
EP_REASONS: dict[str, tuple[str, str, str]] = {
    "CL": (
        "{name} has made little progress in reading through {cycles} of SEN support (precision teaching "
        "and a reading intervention), and the gap to classmates is widening.",
        "A cognitive assessment and advice on how {name} learns best, to plan the next cycle and to "
        "decide whether to request an EHC needs assessment.",
        "Why has {name} made so little progress in reading despite daily reading intervention, and "
        "what should the next cycle do differently?",
    ),
    "SEMH": (
        "{name}'s behaviour in class has changed since the spring: refusing work and leaving the "
        "classroom 3 times a week despite a daily check-in and a reward chart.",
        "Observation in class and a consultation with parents and staff on what lies behind the "
        "behaviour, with strategies staff can use each day.",
        "What lies behind {name}'s refusals and leaving the room, and what should staff do at those moments?",
    ),
    "CI": (
        "{name} joins in with no one at break or lunch and becomes distressed (covering ears, crying) at "
        "changes of routine, through {cycles} of social communication and language support.",
        "Observation in class and at break, and advice on {name}'s social communication and on whether "
        "to ask the autism assessment pathway to see {name}.",
        "How does {name} experience the classroom and unstructured times (break and lunch), and what "
        "would help {name} join in?",
    ),
    "SP": (
        "{name}'s written work is far below what {name} can say, and {name} avoids writing tasks, "
        "through {cycles} of fine motor and handwriting support.",
        "An assessment of {name}'s learning alongside the physical difficulty, and advice on recording "
        "work in other ways (typing, scribing, voice notes).",
        "Is {name}'s difficulty with writing only physical, or is there a learning difficulty too?",
    ),
}

# The service's own questions (domain.referrals.SERVICE_QUESTIONS), answered.
ANSWERS: dict[str, dict[str, str]] = {
    "ep": {
        "question": "",  # by area: EP_REASONS
        "consultation": "Planning meeting with the link EP on the last school visit; agreed to refer.",
        "child_aware": "Yes: {name} knows someone will come to do puzzles and talk about learning, "
        "and is pleased.",
    },
    "salt": {
        "concern_type": "Communication (speech sounds and understanding).",
        "home_languages": "English at home; grandparents speak Punjabi.",
        "hearing": "Hearing test at the audiology clinic last spring: no concerns.",
        "support_in_school": "Speech and language programme with a TA, 3 x 15 minutes a week, "
        "since September.",
        "child_aware": "Yes: {name} knows a speech therapist may come to play some word games.",
    },
    "camhs": {
        "presenting": "Panic (crying, fast breathing) at the classroom door and in tests; stomach aches "
        "before school.",
        "duration": "Since the start of the school year; worse since half term.",
        "impact": "Missing 1 day a week; has stopped going to football club; friendships are slipping.",
        "risk": "None known. No self-harm disclosed; safeguarding lead informed of the referral.",
        "life_events": "Lives with the family named above; grandfather died in the summer.",
        "previous_camhs": "None.",
        "medical": "No medical conditions; no medication.",
        "community": "Eight sessions with the mental health support team (guided self-help) last term.",
    },
    "ot": {
        "functional": "Pencil grip is weak; cannot do buttons or laces; tires when sitting at a desk.",
        "strategies": "Pencil grip and sloped board since January; fine motor group 3 x 20 minutes a week "
        "for a term.",
        "milestones": "Walked at 18 months; no diagnosis; GP aware of the referral.",
        "attainment": "Writing is well below age expectations. {results}",
    },
    "sts": {
        "team": "",  # by area: STS_REASONS
        "attainment": "{results}",
        "threshold": "",  # by area: STS_REASONS
        "attendance": "{attendance}% this year.",
    },
}

OUTCOME_NOTES: dict[str, list[str]] = {
    "accepted": ["Accepted on {day}; on the waiting list, first appointment expected within 8 weeks."],
    "declined": [
        "Declined on {day}: the service asked the school to complete a second reviewed cycle with the "
        "programme it recommended, then re-refer with the review."
    ],
    "seen": ["Seen in school on {day}; report received and its advice added to the next plan."],
    "closed": [
        "Closed on {day}: the programme was completed and the targets met; school continues the strategies."
    ],
}

SHARE_WITH = (
    "School nurse",
    "GP",
    "Educational psychology",
    "Speech and language therapy",
    "Specialist teaching service",
)
EXCLUSIONS = (
    "",
    "",
    "",
    "Do not share the family's address with the child's father.",
    "Do not share the CAMHS letter of 2025 with other services.",
)
