"""Demo step: parents as partners, and each pupil's layer of support.

- meetings with parents this school year for pupils on SEN support: some have had the three the
  Code of Practice asks for (6.65), many fewer, so the dashboard and Deadlines have pupils to show;
- each parent's first language: the family's home language for pupils learning English as an
  additional language; a Polish-speaking family needs an interpreter, and so does one other;
- each pupil on the register in a support layer (the White Paper's four: targeted, targeted plus
  where an outside service is involved, specialist with an EHC plan);
- the plan's words for home: what parents can do at home, and some outcomes in the pupil's words;
- the school's own invitation letter (the app's, with a line about replying).

Written through the services (a meeting, a pupil's record, the letter), except the plan's words,
which go into the open plans directly, as the other demo history does (demo/graduated.py).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from ..domain import letters
from ..domain.codes import NEEDS
from ..domain.parent_meetings import three_terms
from ..domain.school_calendar import academic_year_of, school_days_from
from ..services import invitations, parent_meetings, pupils, referrals
from ..services.actor import Actor
from ..store import cycles as cycle_store

AGREED = (
    "Reading together for ten minutes each evening; school sends home a book at the right level.",
    "A now-and-next card at home as well as in class. We will check how it is going next half term.",
    "Mum will tell the class teacher on a Monday if the weekend was hard. A calm start each morning.",
    "Practise the five spellings each week. The class teacher will send them home on Friday.",
    "Dad is worried about lunchtimes: a buddy and a quiet room to go to. We will talk again in a month.",
    "The speech and language targets will go home in the book bag each week to practise.",
)
AT_HOME = {
    "CL": (
        "Read with {first} for ten minutes each day. Let {first} read to you, then talk about the "
        "pictures.\nPlay games with numbers, like counting the stairs or the shopping."
    ),
    "CI": (
        "Talk with {first} about their day, one question at a time. Give {first} time to answer.\n"
        "Use the picture card we sent home to show what comes next."
    ),
    "SEMH": (
        'Name feelings with {first}: "You look cross. Do you want a break?"\n'
        "Keep the same bedtime each night. Tell us if the morning was hard."
    ),
    "SP": (
        "Play games that use small movements, like threading beads or using play dough.\n"
        "Let {first} help with jobs like laying the table."
    ),
}
NEEDS_AREA = {"CI": "needs_ci", "CL": "needs_cl", "SEMH": "needs_semh", "SP": "needs_sp"}
INTERPRETED = ("Polish", "Bengali")  # families in the demo who need an interpreter at meetings
REPLY = "To reply, please phone the school office, or speak to us at the gate."


def add_parents_as_partners(actor: Actor, rng: random.Random, today: date, ctx: dict[str, Any]) -> None:
    _invitation_letter(actor)
    register = [
        pupils.get_pupil(actor, r.id)
        for r in pupils.list_register(actor, include_leavers=False, today=today)
        if r.sen_status in ("K", "E")
    ]
    interpreted: set[str] = set()
    on_support = [p for p in register if p.sen_status == "K" and p.contacts]
    # the Polish-speaking family who need an interpreter; a demo with none on SEN support gets one
    polish = next(
        (p for p in on_support if "Polish" in p.home_language), on_support[0] if on_support else None
    )
    for pupil in register:
        involved = any(i.ended_on is None for i in referrals.involvements_for_pupil(actor, pupil.id or 0))
        layer = "Specialist" if pupil.sen_status == "E" else "Targeted plus" if involved else "Targeted"
        language = "Polish" if pupil is polish else pupil.home_language.removesuffix(" and English")
        _record(actor, pupil, layer, language, interpreted)
    meetings = 0
    for pupil in register:
        if pupil.sen_status == "K":
            meetings += _meetings(actor, rng, today, pupil, ctx)
    _plans_words(actor, rng, today)
    ctx["summary"]["parent_meetings"] = meetings


def _invitation_letter(actor: Actor) -> None:
    body, sign_off = letters.DEFAULT_TEMPLATE.rsplit("\n\nYours sincerely,", 1)
    invitations.save_invitation_template(actor, f"{body}\n\n{REPLY}\n\nYours sincerely,{sign_off}")


def _record(actor: Actor, pupil: Any, layer: str, language: str, interpreted: set[str]) -> None:
    form = pupils.pupil_form(pupil) | {"support_layer": layer}
    if language and language != "English" and pupil.contacts:
        needs = language in INTERPRETED and language not in interpreted
        if needs:
            interpreted.add(language)
        first = next((i for i, c in enumerate(form["contacts"]) if c["parental_responsibility"]), 0)
        form["contacts"] = [
            c | {"first_language": language, "interpreter_needed": needs and i == first}
            for i, c in enumerate(form["contacts"])
        ]
        if language == "Polish" and "Polish" not in pupil.home_language:
            form["home_language"] = "Polish and English"
    pupils.update_pupil(actor, pupil.id, pupil.version, form)


def _meetings(actor: Actor, rng: random.Random, today: date, pupil: Any, ctx: dict[str, Any]) -> int:
    """0 to 3 meetings on school days this school year up to yesterday (a review a parent came to
    counts too)."""
    year = academic_year_of(today)
    start = max(date(year, 9, 1), pupil.sen_start_date or date(year, 9, 1))
    days = list(school_days_from(ctx["calendar"], start, today - timedelta(days=1)))
    if not days:
        return 0
    begun = sum(1 for _, first, _ in three_terms(ctx["calendar"], year) if first <= today)
    # a quarter have met the Code's three already; the others about one a term, often fewer
    wanted = 3 if rng.random() < 0.25 else max(0, begun - rng.choice((0, 1, 1, 2)) + rng.choice((0, 0, 1)))
    count = min(len(days), wanted)
    parent = pupil.contacts[0] if pupil.contacts else None
    who = f"{parent.name} ({parent.relationship.lower() or 'parent'})" if parent else "Parent"
    for day in sorted(rng.sample(days, count)):
        parent_meetings.record_meeting(
            actor,
            pupil.id,
            {
                "held_on": day.isoformat(),
                "attendees": f"{who}, the class teacher, the SENCO",
                "agreed": rng.choice(AGREED),
                "how": rng.choice(("in_person", "in_person", "in_person", "phone")),
            },
            today=today,
        )
    return count


def _plans_words(actor: Actor, rng: random.Random, today: date) -> None:
    """The open plans of pupils on the register: what parents can do at home, and half of the
    outcomes in the pupil's words ('Amy will ...' is 'I will ...')."""
    for row in cycle_store.open_plans(actor.db):
        area = NEEDS.get(row["primary_need"] or "", ("", None))[1] or next(
            (a for a, k in NEEDS_AREA.items() if row[k]), "CL"
        )
        if rng.random() < 0.8:  # a few plans still have the words for home to write
            text = AT_HOME[area].format(first=row["first"])
            cycle_store.update(actor.db, row["id"], row["version"], {"at_home": text}, "Demo")
        for outcome in cycle_store.outcomes(actor.db, [row["id"]]):
            words = outcome["text"]
            if rng.random() < 0.5 and words.startswith(f"{row['first']} will "):
                mine = "I will " + words.removeprefix(f"{row['first']} will ")
                cycle_store.set_in_my_words(actor.db, outcome["id"], mine)
