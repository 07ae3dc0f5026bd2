"""Demo history for the graduated approach: cycles, outcomes, provision, sessions, reviews and
concerns for the pupils on a demo school's register.

Built in memory and written with bulk inserts in ONE transaction (not through the per-row
services), so 450 register pupils with up to five cycles each take a second or two. The rows
obey the same rules the services enforce: one open cycle per pupil, reviews after the plan,
unmet outcomes carried into the next cycle.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..domain.cycles import MET, UNMET, attendance_pct
from ..domain.school_calendar import NO_CALENDAR, SchoolCalendar
from ..services.actor import Actor
from ..store import bulk
from ..store.rows import now_iso
from .calendar import on_school_days, school_day_by, school_day_from
from .phase import RAISED_BY, REVIEW_OTHERS, phase_of

STAFF = [
    ("Mrs K Patel", "teacher"),
    ("Mr D Okafor", "teacher"),
    ("Miss L Hughes", "teacher"),
    ("Mrs S Green", "teacher"),
]  # teachers and TAs share the 'teacher' role

OUTCOMES = {
    "CL": [
        ("read 40 of the first 100 high-frequency words", "weekly word check"),
        ("blend CVC words in 8 out of 10 attempts", "phonics assessment each half term"),
        ("recall number bonds to 10 within 5 seconds", "timed check every 2 weeks"),
        ("write three sentences with capital letters and full stops", "independent writing sample"),
        ("read a book at the next colour band with 90% accuracy", "running record each half term"),
        ("spell 15 of the 20 words from the Year 3/4 list", "weekly spelling check"),
        ("add and subtract two-digit numbers using a number line", "end-of-unit maths check"),
    ],
    "CI": [
        ("take turns in a group game for 10 minutes", "observation in the social skills group"),
        ("ask an adult for help using a key phrase", "tally by the class TA for one week"),
        ("follow a two-step instruction in class", "teacher observation, 4 out of 5 times"),
        ("use 5 new topic words correctly in speech", "vocabulary check at the end of the topic"),
        ("retell a short story in the right order using 4 picture cues", "SALT programme record"),
        (
            "answer 'why' questions about a story read aloud, 3 out of 4 times",
            "TA record in the language group",
        ),
    ],
    "SEMH": [
        ("name three feelings and a calming strategy for each", "ELSA session record"),
        ("stay in class for the whole of a lesson 4 days out of 5", "class log"),
        ("use the calm-down card instead of leaving the room", "incident log falls below 1 a week"),
        ("join a playground game with a friend at lunch", "midday supervisor observation"),
        ("come into class calmly at the start of the day on 4 days out of 5", "key adult's morning log"),
        ("tell an adult when something is wrong, using words or the feelings card", "ELSA record"),
    ],
    "SP": [
        ("form letters a-z correctly on the line", "handwriting sample each month"),
        ("use scissors to cut along a curved line", "OT checklist"),
        ("dress for PE within 5 minutes", "PE teacher timing"),
        ("copy from the board using the sloped desk", "work sample"),
        ("type 10 words a minute on the laptop", "typing program record"),
        ("do up buttons and a zip without help", "TA checklist after PE"),
    ],
}
# The same, as a secondary school sets them for a pupil in Year 7 and above (demo.phase).
OUTCOMES_SECONDARY = {
    "CL": [
        ("read aloud a paragraph of a Year 7 reader with 95% accuracy", "reading check each half term"),
        ("spell 15 of 20 key subject words for the term's topics", "weekly spelling check"),
        ("use a times-table grid to solve two-step word problems", "end-of-unit maths check"),
        ("write a paragraph with a topic sentence and two supporting points", "independent writing sample"),
        ("read the questions in a test and underline what is being asked", "mock paper, teacher check"),
        ("work out percentages of amounts with a calculator", "end-of-unit maths check"),
    ],
    "CI": [
        ("take part in a group task in science for 15 minutes", "observation by the subject teacher"),
        ("ask a teacher for help using a key phrase or the help card", "tally by the TA for one week"),
        ("follow a two-step instruction given to the class", "teacher observation, 4 out of 5 times"),
        (
            "use 5 new subject words correctly when answering aloud",
            "vocabulary check at the end of the topic",
        ),
        ("explain a plan for a piece of work before starting it", "TA record in the language group"),
    ],
    "SEMH": [
        ("name three feelings and a calming strategy for each", "ELSA session record"),
        ("stay in class for the whole of a lesson 4 days out of 5", "lesson log"),
        ("use the exit card instead of leaving the room", "incident log falls below 1 a week"),
        ("eat lunch with a friend in the canteen on 3 days a week", "lunchtime supervisor observation"),
        ("arrive at registration on time and calm on 4 days out of 5", "key adult's morning log"),
        ("tell a trusted adult when something is wrong, in person or by the worry box", "mentor record"),
    ],
    "SP": [
        ("write a side of A4 in 20 minutes legibly", "writing sample each month"),
        ("touch-type 20 words a minute on the laptop", "typing program record"),
        ("get changed for PE within 5 minutes", "PE teacher timing"),
        ("move between lessons at changeover using the lift pass", "TA observation"),
        ("set up and use the laptop in every lesson without an adult", "subject teachers' check"),
    ],
}
STRATEGIES = [
    "Seat near the front, away from the door; pre-teach topic vocabulary on Mondays.",
    "Instructions given one step at a time and shown on a visual timetable.",
    "Movement break after 20 minutes of desk work; a named adult to go to.",
    "Writing frames and word mats on the desk; extra 5 minutes for written tasks.",
]
AREA_OF_NEED = {
    "SPLD": "CL",
    "MLD": "CL",
    "SLD": "CL",
    "PMLD": "CL",
    "DS": "CL",
    "SEMH": "SEMH",
    "SLCN": "CI",
    "ASD": "CI",
    "HI": "SP",
    "VI": "SP",
    "MSI": "SP",
    "PD": "SP",
}
EVIDENCE = {
    "not_met": "Not seen yet ({measure}); the next cycle breaks it into smaller steps.",
    "partly_met": "Seen on some days but not yet every time ({measure}).",
    "met": "Seen consistently ({measure}).",
    "exceeded": "Done without prompts and in other lessons ({measure}).",
}
RATING_WEIGHTS = (("not_met", 2), ("partly_met", 4), ("met", 5), ("exceeded", 1))


@dataclass
class _Ids:
    db: object
    counters: dict = field(default_factory=dict)

    def take(self, table: str) -> int:
        if table not in self.counters:
            self.counters[table] = bulk.next_id(self.db, table)
        self.counters[table] += 1
        return self.counters[table] - 1


def _staff_ids(actor: Actor, ctx: dict, stamp: str) -> list[int]:
    if ctx.get("staff"):
        return list(ctx["staff"])
    ids = [r[0] for r in actor.db.execute("SELECT id FROM users WHERE role = 'teacher' AND active = 1")]
    if len(ids) < 2:  # the demo's one 'teacher' sign-in account, plus named staff without sign-in
        rows = [
            {
                "username": name.split()[-1].lower() + name.split()[1].lower(),
                "display_name": name,
                "role": role,
                "active": 1,
                "created_at": stamp,
            }
            for name, role in STAFF
        ]
        bulk.insert_rows(actor.db, "users", rows)
        ids = [r[0] for r in actor.db.execute("SELECT id FROM users WHERE role = 'teacher' AND active = 1")]
    ctx["staff"] = ids
    return ids


def add_graduated_history(actor: Actor, rng: random.Random, today: date, ctx: dict) -> dict:
    """Give every pupil on the register (K, E) 1-5 cycles, the last one open (some overdue, some
    due within a fortnight), plus concerns for pupils not on the register. Returns counts."""
    actor.require("cycle.edit")
    stamp = now_iso()
    who = actor.user.display_name
    rows: dict[str, list[dict]] = {
        t: []
        for t in (
            "concerns",
            "cycles",
            "cycle_staff",
            "outcomes",
            "allocations",
            "sessions",
            "reviews",
            "review_impacts",
        )
    }
    with actor.write() as db:
        ids = _Ids(db)
        staff = _staff_ids(actor, ctx, stamp)
        catalogue = list(
            db.query(
                "SELECT id, name, area, session_minutes, sessions_per_week, weeks FROM provisions"
                " WHERE active = 1"
            )
        )
        by_area = {a: [p for p in catalogue if p["area"] == a] or catalogue for a in OUTCOMES}
        pupils = list(
            db.query(
                "SELECT id, sen_status, sen_start_date, admission_date, primary_need, year_group,"
                " COALESCE(NULLIF(preferred_forename, ''), legal_forename) AS name FROM pupils"
                " WHERE sen_status IN ('K', 'E') AND left_on IS NULL"
                # pupils who already have cycles keep their own history
                " AND id NOT IN (SELECT pupil_id FROM cycles) ORDER BY id"
            )
        )
        cal = ctx.get("calendar") or NO_CALENDAR
        for p in pupils:
            _pupil_history(p, rng, today, staff, by_area, ids, rows, stamp, who, cal)
        others = {
            r[0]: r[1]
            for r in db.execute(
                "SELECT id, year_group FROM pupils WHERE sen_status = 'N' AND left_on IS NULL"
            )
        }
        for pupil_id in rng.sample(sorted(others), min(len(others), max(3, len(pupils) // 25))):
            _concern(pupil_id, rng, today, ids, rows, stamp, who, phase_of(others[pupil_id]), cal)
        on_school_days(rows, ctx.get("calendar"))
        for table in (
            "concerns",
            "cycles",
            "cycle_staff",
            "outcomes",
            "allocations",
            "sessions",
            "reviews",
            "review_impacts",
        ):
            bulk.insert_rows(db, table, rows[table])
        counts = {t: len(r) for t, r in rows.items()}
        actor.audit("create", "demo", None, summary="added demo graduated-approach history", changes=counts)
    return counts


def _school_day(day: date, today: date, cal: SchoolCalendar) -> date:
    """Plans start on a school day in term (the next one), before today: not in a holiday, not
    at a weekend, not on an INSET day."""
    return school_day_from(cal, day, latest=today - timedelta(days=1))


def _pupil_history(
    p: dict,
    rng: random.Random,
    today: date,
    staff: list[int],
    by_area: dict,
    ids: _Ids,
    rows: dict,
    stamp: str,
    who: str,
    cal: SchoolCalendar = NO_CALENDAR,
) -> None:
    area = AREA_OF_NEED.get(p["primary_need"] or "", rng.choice(list(OUTCOMES)))
    phase = phase_of(p["year_group"])
    if phase == "secondary":  # no infant phonics group for a Year 9 pupil (demo.phase)
        by_area = {
            a: [x for x in items if "phonics" not in x["name"].lower()] for a, items in by_area.items()
        }
    earliest = date.fromisoformat(
        p["sen_start_date"] or p["admission_date"] or (today - timedelta(days=1800)).isoformat()
    )
    # the open cycle's start: review dates from 11 days ago to 10 weeks ahead (so some are
    # overdue and some due within the fortnight)
    starts = [today - timedelta(days=rng.randint(10, 95))]
    for _ in range(rng.randint(1, 5) - 1):
        prev = starts[-1] - timedelta(days=rng.randint(90, 130))
        if prev < earliest:
            break
        starts.append(prev)
    starts.reverse()
    starts = [_school_day(d, today, cal) for d in starts]
    pupil_staff = rng.sample(staff, min(len(staff), rng.randint(1, 2)))
    concern_id = ids.take("concerns")
    first_start = starts[0]
    rows["concerns"].append(
        {
            "id": concern_id,
            "pupil_id": p["id"],
            "raised_on": school_day_by(cal, first_start - timedelta(days=21)).isoformat(),
            "raised_by": RAISED_BY[phase],
            "raised_by_user_id": pupil_staff[0],
            "areas": area,
            "seen": "Progress well below peers despite quality-first teaching.",
            "tried": "Small-group support in class.",
            "status": "closed",
            "decision": "sen_support",
            "look_again": None,
            "reason": "",
            "parents_told_on": school_day_by(cal, first_start - timedelta(days=7)).isoformat(),
            "cycle_id": None,
            "triaged_by": who,
            "triaged_on": school_day_by(cal, first_start - timedelta(days=7)).isoformat(),
            "version": 1,
            "created_at": stamp,
            "updated_at": stamp,
            "updated_by": who,
        }
    )
    carried: list[tuple[int, str, str]] = []
    achieved: set[str] = set()  # outcomes met at an earlier review are not set again
    for number, start in enumerate(starts, start=1):
        last = number == len(starts)
        cycle_id = ids.take("cycles")
        if number == 1:
            rows["concerns"][-1]["cycle_id"] = cycle_id
        # 12 weeks is the default; SENCOs often set a half-term review (6-10 weeks) for a new plan
        # (the review date proposed on a school day, as the plan form proposes it)
        review_date = start + timedelta(weeks=12 if not last or rng.random() < 0.5 else rng.randint(6, 10))
        review_date = school_day_from(cal, review_date)
        rows["cycles"].append(
            {
                "id": cycle_id,
                "pupil_id": p["id"],
                "number": number,
                "status": "open" if last else "reviewed",
                "concern_id": concern_id if number == 1 else None,
                "assess_date": school_day_by(cal, start - timedelta(days=7)).isoformat(),
                "needs_ci": "",
                "needs_cl": "",
                "needs_semh": "",
                "needs_sp": "",
                "attainment": "Working below age-related expectations.",
                "pupil_views": "I like working with my group.",
                "pupil_views_by": "the pupil",
                "pupil_views_on": (start - timedelta(days=5)).isoformat(),
                "parent_views": "Happy with the support; would like ideas for home.",
                "parent_views_by": "Parent",
                "parent_views_on": (start - timedelta(days=5)).isoformat(),
                "outside_advice": "",
                "strategies": rng.choice(STRATEGIES),
                "plan_start": start.isoformat(),
                "review_date": review_date.isoformat(),
                "parents_told_on": start.isoformat(),
                "parents_agreed_on": start.isoformat(),
                "version": 1,
                "created_at": stamp,
                "updated_at": stamp,
                "updated_by": who,
            }
        )
        rows["cycles"][-1][f"needs_{area.lower()}"] = "Needs identified at assessment; see outcomes."
        for user_id in pupil_staff:
            rows["cycle_staff"].append(
                {"id": ids.take("cycle_staff"), "cycle_id": cycle_id, "user_id": user_id}
            )
        # a reviewed cycle's review is held near its date and before the next cycle starts
        held = (
            today
            if last
            else min(review_date + timedelta(days=rng.randint(-5, 10)), starts[number] - timedelta(days=1))
        )
        outcome_ids = _outcomes(
            cycle_id, area, carried, rng, review_date, ids, rows, p["name"], achieved, phase
        )
        allocs = _allocations(cycle_id, start, held, by_area[area], staff, rng, ids, rows, stamp, who)
        if last:
            break
        carried = _review(
            cycle_id, held, outcome_ids, allocs, rng, ids, rows, stamp, who, p["sen_status"], phase
        )
        achieved |= {o["text"] for o in rows["outcomes"][-len(outcome_ids) :] if o["rating"] in MET}


def _outcomes(
    cycle_id: int,
    area: str,
    carried: list,
    rng: random.Random,
    by_when: date,
    ids: _Ids,
    rows: dict,
    name: str = "The pupil",
    achieved: set[str] | None = None,
    phase: str = "primary",
) -> list[int]:
    # a new outcome is never one carried across from the last cycle, nor one already met
    words = OUTCOMES_SECONDARY if phase == "secondary" else OUTCOMES
    everything = [(f"{name} will {t}", m) for t, m in words[area]]
    fresh = [o for o in everything if o[0] not in {text for _, text, _ in carried} | (achieved or set())]
    if not fresh and not carried:  # every outcome met: the next step is doing it independently
        fresh = [
            (f"{t} without an adult's prompt", m)
            for t, m in everything
            if f"{t} without an adult's prompt" not in (achieved or set())
        ]
    new = rng.sample(fresh, min(len(fresh), rng.randint(1, 3)))
    texts = carried + [(None, t, m) for t, m in new]
    out = []
    for position, (carried_from, text, measure) in enumerate(texts[:6]):
        oid = ids.take("outcomes")
        out.append(oid)
        rows["outcomes"].append(
            {
                "id": oid,
                "cycle_id": cycle_id,
                "position": position,
                "text": text,
                "by_when": by_when.isoformat(),
                "measure": measure,
                "carried_from": carried_from,
                "rating": None,
                "evidence": "",
            }
        )
    return out


def _allocations(
    cycle_id: int,
    start: date,
    until: date,
    provisions: list[dict],
    staff: list[int],
    rng: random.Random,
    ids: _Ids,
    rows: dict,
    stamp: str,
    who: str,
) -> list[int]:
    out = []
    for prov in rng.sample(provisions, min(len(provisions), rng.randint(1, 2))):
        aid = ids.take("allocations")
        out.append(aid)
        rows["allocations"].append(
            {
                "id": aid,
                "cycle_id": cycle_id,
                "provision_id": prov["id"],
                "staff_user_id": rng.choice(staff),
                "staff_name": "",
                "group_size": None,
                "session_minutes": None,
                "sessions_per_week": None,
                "weeks": None,
                "start_date": start.isoformat(),
                "end_date": None,
                "created_at": stamp,
                "updated_at": stamp,
                "updated_by": who,
            }
        )
        days = max(1, (until - start).days)
        # a sample of the delivered sessions, as a busy TA logs them (3 to 10 a cycle)
        for offset in sorted(rng.sample(range(days), min(days, rng.randint(3, 10)))):
            rows["sessions"].append(
                {
                    "id": ids.take("sessions"),
                    "allocation_id": aid,
                    "held_on": (start + timedelta(days=offset)).isoformat(),
                    "minutes": prov["session_minutes"],
                    "attended": int(rng.random() < 0.88),
                    "staff_user_id": None,
                    "staff_name": "",
                    "note": "",
                    "created_at": stamp,
                    "created_by": who,
                }
            )
    return out


def _review(
    cycle_id: int,
    held: date,
    outcome_ids: list[int],
    allocs: list[int],
    rng: random.Random,
    ids: _Ids,
    rows: dict,
    stamp: str,
    who: str,
    status: str,
    phase: str = "primary",
) -> list[tuple[int, str, str]]:
    ratings = [r for r, w in RATING_WEIGHTS for _ in range(w)]
    by_id = {o["id"]: o for o in rows["outcomes"][-len(outcome_ids) :]}
    carried = []
    for oid in outcome_ids:
        o = by_id[oid]
        o["rating"] = rng.choice(ratings)
        o["evidence"] = EVIDENCE[o["rating"]].format(measure=o["measure"])
        if o["rating"] in UNMET:
            carried.append((oid, o["text"], o["measure"]))
    decision = rng.choices(
        ["continue", "refer", "consider_ehcna"], weights=(8, 2, 1 if status == "K" else 0)
    )[0]
    review_id = ids.take("reviews")
    rows["reviews"].append(
        {
            "id": review_id,
            "cycle_id": cycle_id,
            "held_on": held.isoformat(),
            "parent_present": int(rng.random() < 0.8),
            "pupil_present": int(rng.random() < 0.6),
            "others": REVIEW_OTHERS[phase],
            "pupil_views": "Some things are easier now.",
            "parent_views": "Pleased with progress at home.",
            "decision": decision,
            "refer_to": "Educational Psychology" if decision == "refer" else "",
            "notes": "",
            "next_cycle_id": cycle_id + 1,
            "version": 1,
            "created_at": stamp,
            "updated_at": stamp,
            "updated_by": who,
        }
    )
    sessions_by_alloc: dict[int, list[int]] = {}
    for s in rows["sessions"][-200:]:
        sessions_by_alloc.setdefault(s["allocation_id"], []).append(s["attended"])
    for aid in allocs:
        marks = sessions_by_alloc.get(aid, [])
        rows["review_impacts"].append(
            {
                "id": ids.take("review_impacts"),
                "review_id": review_id,
                "allocation_id": aid,
                "attendance_pct": attendance_pct(sum(marks), len(marks)),
                "judgement": rng.choice(["Good progress", "Some progress", "Little progress"]),
            }
        )
    return carried


def _concern(
    pupil_id: int,
    rng: random.Random,
    today: date,
    ids: _Ids,
    rows: dict,
    stamp: str,
    who: str,
    phase: str = "primary",
    cal: SchoolCalendar = NO_CALENDAR,
) -> None:
    raised = school_day_by(cal, today - timedelta(days=rng.randint(3, 80)))
    monitoring = rng.random() < 0.4
    look = school_day_from(cal, raised + timedelta(weeks=rng.randint(4, 10)))
    rows["concerns"].append(
        {
            "id": ids.take("concerns"),
            "pupil_id": pupil_id,
            "raised_on": raised.isoformat(),
            "raised_by": RAISED_BY[phase],
            "raised_by_user_id": None,
            "areas": rng.choice(list(OUTCOMES)),
            "seen": rng.choice(
                [
                    "Finds it hard to settle after break.",
                    "Reading well behind the class.",
                    "Rarely speaks in group work.",
                    "Struggles to hold a pencil.",
                ]
            ),
            "tried": "Seated near the teacher; check-ins.",
            "status": "monitoring" if monitoring else "open",
            "decision": "monitor" if monitoring else None,
            "look_again": look.isoformat() if monitoring else None,
            "reason": "",
            "parents_told_on": None,
            "cycle_id": None,
            "triaged_by": who if monitoring else None,
            "triaged_on": school_day_from(cal, raised + timedelta(days=3), latest=today).isoformat()
            if monitoring
            else None,
            "version": 1,
            "created_at": stamp,
            "updated_at": stamp,
            "updated_by": who,
        }
    )
