"""Demo step: the SENCO has asked staff for their observations of a few pupils, as a school
would find it mid-term: one request awaiting the demo teacher (due soon), one overdue (and
declined by another teacher), and one answered by two teachers before an EHC needs assessment
request, so that pupil's EHCNA pack prints "Observations from staff"."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from ..domain.staff_requests import DEFAULT_QUESTIONS
from ..domain.users import User
from ..services import staff_requests
from ..services.actor import Actor

# What teachers write, a line for each default question ({name}: the pupil's first name).
SEEN = (
    "{name} is keen in practical work and answers well out loud, but stops when asked to write more "
    "than a sentence or two and often copies the board slowly.",
    "{name} is kind to others and works well with a partner. Whole-class instructions are missed "
    "unless I repeat them to {name} quietly.",
    "{name} joins in fully when the task is modelled first; {name} is easily distracted when the room "
    "is noisy and can become upset at changes of plan.",
)
WORKS = (
    "A task list on the desk, words pre-taught at the start of the lesson, and a writing frame.",
    "Sitting near the front with a reliable partner; a visual timetable; a quiet warning before changes.",
    "Short chunks with a tick after each, and a sloped board and a pencil grip for written work.",
)
ATTAINMENT = (
    "Working below the expected standard for the year: secure on the previous year's objectives, not "
    "yet on this year's. Progress since September is steady with the support above.",
    "Working towards the expected standard; reading age about 18 months below chronological age on the "
    "last test, up from two years below in July.",
)
ELSE = ("", "{name} has been tired on Monday mornings this half term; parents are aware.")
FORENAME = "CASE WHEN p.preferred_forename != '' THEN p.preferred_forename ELSE p.legal_forename END"
DECLINED = "I have not taught {name} this term (I cover the class on Fridays only). Please ask Mrs Green."


def _user(actor: Actor, username: str | None = None, name: str | None = None) -> User | None:
    where, value = ("username", username) if username else ("display_name", name)
    row = actor.db.execute(
        f"SELECT id, username, display_name, role FROM users WHERE {where} = ? AND active = 1", [value]
    ).fetchone()
    return User(*row) if row else None


def _as(actor: Actor, user: User) -> Actor:
    return Actor(db=actor.db, user=user, data_dir=actor.data_dir, key=actor.key)


def _answers(rng: random.Random, forename: str) -> list[str]:
    return [rng.choice(texts).format(name=forename) for texts in (SEEN, WORKS, ATTAINMENT, ELSE)]


def _on_support(actor: Actor, teacher_id: int) -> list[tuple[int, str]]:
    """Pupils on roll with an open, planned cycle: the demo teacher's own first."""
    rows = actor.db.execute(
        f"SELECT p.id, {FORENAME},"
        " EXISTS (SELECT 1 FROM cycle_staff s WHERE s.cycle_id = c.id AND s.user_id = ?) AS theirs"
        " FROM pupils p JOIN cycles c ON c.pupil_id = p.id AND c.status = 'open'"
        " WHERE p.left_on IS NULL AND c.plan_start IS NOT NULL ORDER BY theirs DESC, p.id",
        [teacher_id],
    ).fetchall()
    return [(r[0], r[1]) for r in rows]


def add_staff_requests(actor: Actor, rng: random.Random, today: date, ctx: dict[str, Any]) -> None:
    teacher = _user(actor, "teacher")
    senco = _user(actor, "senco")
    others = [_user(actor, name=n) for n in ("Mrs K Patel", "Mr D Okafor", "Miss L Hughes")]
    if teacher is None or teacher.id is None or senco is None or None in others:
        return  # a demo without its accounts or named staff (a test's small school)
    patel, okafor, hughes = (u for u in others if u is not None)
    asking = _as(actor, senco)
    pupils = _on_support(actor, teacher.id)
    ehcna = [p for p in ctx.get("ehcna_pupils", []) if p not in {pid for pid, _ in pupils[:2]}]
    if len(pupils) < 2:
        return
    made = 0

    def ask(
        pupil_id: int, purpose: str, days_ago: int, due_in: int, who: list[User], note: str = ""
    ) -> list[int]:
        nonlocal made
        form = {
            "purpose": purpose,
            "due_on": (today + timedelta(days=due_in)).strftime("%d/%m/%Y"),
            "note": note,
            "questions": list(DEFAULT_QUESTIONS),
            "recipients": [u.id for u in who],
        }
        request_id = staff_requests.send_request(
            asking, pupil_id, form, today=today - timedelta(days=days_ago)
        )
        made += 1
        rows = actor.db.execute(
            "SELECT user_id, id FROM staff_request_recipients WHERE request_id = ?", [request_id]
        ).fetchall()
        ids = dict(rows)
        return [ids[u.id] for u in who]

    def answer(user: User, recipient_id: int, forename: str, subject: str, days_ago: int) -> None:
        form = {"subject": subject, "answers": _answers(rng, forename)}
        staff_requests.answer_request(
            _as(actor, user), recipient_id, 1, form, today=today - timedelta(days=days_ago)
        )

    # due soon: awaiting the demo teacher; Mrs Patel has answered
    (pid, forename) = pupils[0]
    _mine, hers = ask(
        pid, "cycle_review", 9, 5, [teacher, patel], note="Before the review meeting with parents."
    )
    answer(patel, hers, forename, "Class teacher", 4)
    # overdue for the demo teacher; Mr Okafor cannot answer
    (pid, forename) = pupils[1]
    _, his = ask(pid, "cycle_review", 24, -3, [teacher, okafor])
    staff_requests.decline_request(
        _as(actor, okafor), his, 1, DECLINED.format(name=forename), today=today - timedelta(days=20)
    )
    # before an EHC needs assessment request: both answered, so the pack prints them
    if ehcna:
        pid = ehcna[-1]
        forename = actor.db.execute(
            f"SELECT {FORENAME} FROM pupils p WHERE p.id = ? AND p.left_on IS NULL",
            [pid],
        ).fetchone()
        if forename:
            first, second = ask(pid, "ehcna", 30, -16, [teacher, hughes], note="For the LA's request form.")
            answer(teacher, first, forename[0], "Class teacher", 21)
            answer(hughes, second, forename[0], "Reading intervention TA", 18)
    ctx["summary"]["staff_requests"] = made
