"""Demo step: EHC plans for the demo pupils on E, their annual reviews (most in time, some due
soon, one late, one booked), two EHC needs assessment requests in progress (one where the LA
is late) and an LA consultation about a child not yet on roll.

Written through the real services, so the demo obeys the same rules and leaves the same audit
trail as a school's own records.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from ..domain import statutory
from ..domain.codes import NEEDS
from ..domain.school_calendar import NO_CALENDAR, SchoolCalendar
from ..services import annual_reviews, consultations, ehc_plans, ehcna_requests, pupils
from ..services.actor import Actor
from ..services.settings import get_settings
from .calendar import school_day_by, working_day_by
from .phase import secondary_age

# Plan wording by broad area: Section B need, Section E outcomes, Section F provision.
PLAN_TEXT: dict[str | None, tuple[str, list[str], list[tuple[str, str]]]] = {
    "CI": (
        "Understanding and using spoken language is well below what is expected for their age; "
        "finds unstructured times and changes of routine hard.",
        [
            "Will follow a two-step instruction given to the class without an adult repeating it.",
            "Will take part in a small-group conversation for five minutes, taking turns.",
            "Will use a visual timetable to move between activities calmly.",
        ],
        [
            ("Speech and language programme set by the NHS therapist", "TA, 3 x 20 minutes a week"),
            ("Social communication group", "HLTA, 1 x 45 minutes a week, group of 4"),
            ("Visual timetable and now/next board in every lesson", "Class teacher, daily"),
        ],
    ),
    "CL": (
        "Reading, writing and number are well below age expectations; needs small steps and "
        "overlearning to retain new learning.",
        [
            "Will read 100 common exception words accurately.",
            "Will write two connected sentences with capital letters and full stops.",
            "Will add and subtract within 20 using a number line.",
        ],
        [
            ("Precision teaching of key words", "TA, 5 x 10 minutes a week"),
            ("Daily phonics catch-up", "TA, 5 x 15 minutes a week, group of 3"),
            ("Maths intervention with concrete resources", "Teacher, 2 x 30 minutes a week"),
        ],
    ),
    "SEMH": (
        "High anxiety shows as withdrawal and, at times, leaving the classroom; finds it hard to "
        "name and manage feelings.",
        [
            "Will name their feelings using the zones of regulation and choose a strategy.",
            "Will stay in class for whole lessons on four days out of five.",
            "Will tell a trusted adult when something worries them.",
        ],
        [
            ("ELSA emotional literacy sessions", "ELSA, 1 x 30 minutes a week"),
            ("Key adult check-in at the start of the day", "Key adult, daily 10 minutes"),
            ("Agreed calm space and exit card", "All staff, as in the pupil's plan"),
        ],
    ),
    "SP": (
        "A physical or sensory need limits access to the curriculum without adapted equipment and "
        "adult support.",
        [
            "Will use their equipment independently in every lesson.",
            "Will move safely around the school site at changeover times.",
            "Will record their work using the agreed method at the pace of the class.",
        ],
        [
            ("Specialist teacher advice put into practice", "Specialist teacher, termly visit"),
            ("Fine motor and handwriting group", "TA, 3 x 20 minutes a week"),
            ("Adapted resources prepared for each lesson", "Class teacher and TA, daily"),
        ],
    ),
}
# Section F as a secondary school's plan words it (demo.phase: Year 7 and above), where it differs.
PLAN_PROVISION_SECONDARY: dict[str, list[tuple[str, str]]] = {
    "CI": [
        ("Speech and language programme set by the NHS therapist", "TA, 3 x 20 minutes a week"),
        ("Social communication group", "HLTA, 1 x 45 minutes a week, group of 4"),
        ("Visual timetable and lesson plan shared at the start of every lesson", "Subject teachers, daily"),
    ],
    "CL": [
        ("Precision teaching of key subject words", "TA, 5 x 10 minutes a week"),
        ("Structured literacy programme", "TA, 5 x 15 minutes a week, group of 3"),
        ("Maths intervention with concrete resources", "Teacher, 2 x 30 minutes a week"),
    ],
    "SP": [
        ("Specialist teacher advice put into practice", "Specialist teacher, termly visit"),
        ("Touch-typing and laptop skills", "TA, 3 x 20 minutes a week"),
        ("Adapted resources prepared for each lesson", "Subject teachers and TA, daily"),
    ],
}
PFA_NOTES = (
    "Talked about what they would like to do after school; work experience and travel training "
    "discussed; independent living skills added to Section E."
)


def _plan_form(
    rng: random.Random, need: str | None, plan_date: date, school: str, year_group: str | None = None
) -> dict:
    area = NEEDS.get(need or "", ("", None))[1] or rng.choice(list(PLAN_TEXT))
    need_text, outcomes, provision = PLAN_TEXT[area]
    if secondary_age(year_group):
        provision = PLAN_PROVISION_SECONDARY.get(area, provision)
    return {
        "plan_date": plan_date.strftime("%d/%m/%Y"),
        "named_school": school,
        "la_name": "",
        "personal_budget": rng.choice(
            ["None requested.", "Direct payment for a transport escort (Section J)."]
        ),
        "section_a": "Enjoys drawing and being helpful; wants friends and to feel calm at school.",
        "section_k": "Appendices: parent's views, school advice, educational psychology report.",
        "needs": [{"text": need_text, "area": area}],
        "outcomes": [
            {"text": text, "area": area, "detail": "by the next annual review"} for text in outcomes
        ],
        "provision": [{"text": text, "area": area, "detail": detail} for text, detail in provision],
    }


def _uk(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _held_review(
    meeting: date, today: date, pfa: bool, decision: str = "keep", cal: SchoolCalendar = NO_CALENDAR
) -> dict:
    """A review held on `meeting`, with every step that has happened by `today` recorded in time:
    the school's steps on school days (moved earlier), the LA's on working days."""

    def by_now(day: date) -> str:
        return _uk(day) if day <= today else ""

    def school(days: int) -> date:
        return school_day_by(cal, meeting + timedelta(days=days))

    def la(days: int) -> date:
        return working_day_by(cal, meeting + timedelta(days=days))

    form = {
        "meeting_on": _uk(meeting),
        "advice_gathered_on": _uk(school(-18)),
        "advice_circulated_on": _uk(school(-15)),
        "report_sent_on": by_now(school(9)),
        "invitations": [
            {"invitee": key, "sent_on": _uk(school(-21))} for key in statutory.STATUTORY_INVITEES
        ],
        "pfa_notes": PFA_NOTES if pfa else "",
    }
    if meeting + timedelta(days=24) <= today:
        form |= {"la_decision": decision, "la_decision_on": _uk(la(24))}
        if decision == "amend":
            form["amendment_notice_on"] = _uk(la(24))
            form["amendments_finalised_on"] = by_now(la(24 + 7 * 7))
    return form


def _add_reviews(
    actor: Actor,
    rng: random.Random,
    plan_id: int,
    plan_date: date,
    today: date,
    pfa: bool,
    role: str,
    cal: SchoolCalendar = NO_CALENDAR,
) -> None:
    """Reviews a few weeks before each due date up to now. `role` bends the last one:
    "late" (the review was never held), or "booked" (the next meeting is in the diary)."""
    meetings: list[date] = []
    while True:
        due = statutory.review_due(plan_date, meetings[-1] if meetings else None)
        meeting = school_day_by(cal, due - timedelta(days=rng.randint(7, 35)))
        if meeting > today - timedelta(days=3):
            break
        meetings.append(meeting)
    if role == "late":
        while meetings and statutory.review_due(plan_date, meetings[-1]) >= today:
            meetings.pop()  # never held: the review before it is now more than 12 months old
    for meeting in meetings:
        decision = "amend" if rng.random() < 0.3 else "keep"
        annual_reviews.record_review(
            actor, plan_id, _held_review(meeting, today, pfa, decision, cal), today=today
        )
    due = statutory.review_due(plan_date, meetings[-1] if meetings else None)
    if role == "booked" and due > today + timedelta(days=12):
        meeting = school_day_by(
            cal, min(due - timedelta(days=2), today + timedelta(days=rng.randint(12, 40)))
        )
        annual_reviews.record_review(
            actor,
            plan_id,
            {
                "meeting_on": _uk(meeting),
                "invitations": [
                    {"invitee": key, "sent_on": _uk(school_day_by(cal, today - timedelta(days=2)))}
                    for key in statutory.STATUTORY_INVITEES
                    if key != "health"
                ],
            },
            today=today,
        )


def add_statutory_history(actor: Actor, rng: random.Random, today: date, ctx: dict | None = None) -> None:
    """The demo step (signature shared by every step: session, rng, today, ctx)."""
    school = get_settings(actor).get("school_name", "")
    cal = (ctx or {}).get("calendar", NO_CALENDAR)
    register = [r for r in pupils.list_register(actor, include_leavers=False)]
    on_plans = []
    for row in register:
        if row.sen_status == "E":
            pupil = pupils.get_pupil(actor, row.id)
            plan_date = pupil.sen_start_date or (today - timedelta(days=rng.randint(200, 1500)))
            # the LA issues a plan on a working day
            on_plans.append((working_day_by(cal, min(plan_date, today - timedelta(days=30))), row, pupil))
    on_plans.sort(key=lambda p: (p[0], p[1].id))  # the oldest plan is the one left late
    plan_ids = []
    for i, (plan_date, row, pupil) in enumerate(on_plans):
        plan_id = ehc_plans.issue_plan(
            actor, row.id, _plan_form(rng, pupil.primary_need, plan_date, school, row.year_group), today=today
        )
        plan_ids.append(plan_id)
        role = "late" if i == 0 else ("booked" if i in (3, 9) else "normal")
        _add_reviews(
            actor,
            rng,
            plan_id,
            plan_date,
            today,
            statutory.needs_preparation_for_adulthood(row.year_group),
            role,
            cal,
        )

    requests = []
    on_support = [r for r in register if r.sen_status == "K"]
    rng.shuffle(on_support)
    if on_support:
        # The LA has said nothing 9 weeks after the request: 3 weeks past its 6-week limit.
        requests.append(
            ehcna_requests.record_request(
                actor,
                on_support[0].id,
                {
                    "requested_by": "school",
                    "sent_on": _uk(school_day_by(cal, today - timedelta(weeks=9))),
                    "la_name": "",
                    "pack_reference": "EHCNA request pack (school)",
                },
                today=today,
            )
        )
    if len(on_support) > 1:
        # A parent's request the LA agreed to assess; the school's advice is due soon.
        sent = school_day_by(cal, today - timedelta(weeks=10))
        requests.append(
            ehcna_requests.record_request(
                actor,
                on_support[1].id,
                {
                    "requested_by": "parent",
                    "sent_on": _uk(sent),
                    "la_received_on": _uk(working_day_by(cal, sent + timedelta(days=2))),
                    "will_assess": "yes",
                    "decision_on": _uk(working_day_by(cal, sent + timedelta(weeks=5))),
                    "advice_requested_on": _uk(working_day_by(cal, sent + timedelta(weeks=6))),
                    "notes": "Parent sent the request; school supporting with its evidence pack.",
                },
                today=today,
            )
        )
    consultation_id = consultations.record_consultation(
        actor,
        {
            "child_name": "Maya Osei",
            "child_dob": _uk(date(today.year - 4, 3, 14)),
            "la_name": "Neighbouring LA",
            "received_on": _uk(working_day_by(cal, today - timedelta(days=4))),
            "papers": "Draft EHC plan, EP report, speech and language therapy report",
        },
        today=today,
    )
    if isinstance(ctx, dict):
        ctx["statutory"] = {"plans": plan_ids, "requests": requests, "consultations": [consultation_id]}
