"""The SENCO asks a pupil's staff for their observations; each answers from their own sign-in.

The SENCO sends a request (why, the reply-by date, a note, the questions) to staff accounts;
each finds it on their dashboard and answers or declines; the answers land on the pupil's
record as dated evidence, and the packs print them.

Who sees what (least privilege, domain/field_access.py):
- the SENCO asks, withdraws, and reads every request and answer; the head reads them;
- a teacher/TA sees only the requests sent to them, and through one only the pupil's name and
  class, why it is asked, the note and the questions, and their own answer. Being asked does not
  make the pupil theirs for the rest of the record (access.is_teachers_pupil is unchanged): what
  a teacher may read of a pupil still follows the cycles and provision that name them;
- the office sees none of it.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from ..domain.dates import from_iso, parse_date, to_iso, uk
from ..domain.errors import Conflict, NotFound, PermissionDenied, UserError, ValidationError
from ..domain.graduated import PupilRef
from ..domain.plural import plural
from ..domain.staff_requests import (
    DEFAULT_QUESTIONS,
    NOTE_LIMIT,
    PURPOSES,
    REASON_LIMIT,
    SUBJECT_LIMIT,
    AwaitedRequest,
    Observation,
    QuestionAnswer,
    Recipient,
    RequestForMe,
    StaffChoice,
    StaffRequest,
    check_due,
    check_text,
    clean_answers,
    clean_questions,
    in_sentence,
    purpose_label,
)
from ..store import cycles as cycle_store
from ..store import pupils as pupil_store
from ..store import staff_requests as store
from .actor import Actor
from .conflicts import stale

REPLY_IN_DAYS = 14  # the reply-by date a new request suggests
BEFORE_REVIEW_DAYS = 5  # or this many days before the cycle's review, when that comes sooner


def _ref(row: dict[str, Any]) -> PupilRef:
    return PupilRef(
        pupil_id=row["pupil_id"],
        surname=row["preferred_surname"] or row["legal_surname"],
        forename=row["preferred_forename"] or row["legal_forename"],
        year_group=row["year_group"],
        class_name=row["class_name"] or "",
    )


def _answers(raw: list[dict[str, str]]) -> tuple[QuestionAnswer, ...]:
    return tuple(QuestionAnswer(a.get("question", ""), a.get("answer", "")) for a in raw)


def _recipient(row: dict[str, Any]) -> Recipient:
    return Recipient(
        id=row["id"],
        user_id=row["user_id"],
        name=row["display_name"],
        status=row["status"],
        subject=row["subject"],
        answers=_answers(row["answers"]),
        answered_on=from_iso(row["answered_on"]),
        declined_reason=row["declined_reason"],
        declined_on=from_iso(row["declined_on"]),
        version=row["version"],
    )


def _requests(actor: Actor, rows: list[dict[str, Any]]) -> list[StaffRequest]:
    """The requests with their recipients, in two queries whatever their number."""
    by_request: dict[int, list[Recipient]] = {}
    for r in store.recipients(actor.db, [row["id"] for row in rows]):
        by_request.setdefault(r["request_id"], []).append(_recipient(r))
    return [
        StaffRequest(
            id=row["id"],
            pupil=_ref(row),
            asked_by=row["asked_by"],
            asked_on=date.fromisoformat(row["asked_on"]),
            due_on=date.fromisoformat(row["due_on"]),
            purpose=row["purpose"],
            cycle_number=row["cycle_number"],
            note=row["note"],
            questions=tuple(row["questions"]),
            status=row["status"],
            withdrawn_on=from_iso(row["withdrawn_on"]),
            recipients=tuple(by_request.get(row["id"], [])),
            version=row["version"],
        )
        for row in rows
    ]


def _for_me(row: dict[str, Any]) -> RequestForMe:
    return RequestForMe(
        recipient_id=row["recipient_id"],
        version=row["recipient_version"],
        pupil=_ref(row),
        asked_by=row["asked_by"],
        asked_on=date.fromisoformat(row["asked_on"]),
        due_on=date.fromisoformat(row["due_on"]),
        purpose_label=purpose_label(row["purpose"], row["cycle_number"]),
        note=row["note"],
        questions=tuple(row["questions"]),
        status="withdrawn" if row["status"] == "withdrawn" else row["recipient_status"],
        subject=row["subject"],
        answers=_answers(row["answers"]),
        answered_on=from_iso(row["answered_on"]),
        declined_reason=row["declined_reason"],
    )


def _pupil_on_roll(actor: Actor, pupil_id: int) -> dict[str, Any]:
    pupil = pupil_store.get(actor.db, pupil_id)
    if pupil is None:
        raise NotFound("That pupil is not in SENCO desk.")
    if pupil["left_on"]:
        raise ValidationError(
            {"pupil": f"This pupil left on {uk(pupil['left_on'])}: staff are asked about pupils on roll."}
        )
    return pupil


# --- the SENCO asks ------------------------------------------------------------------------------


def recipient_choices(actor: Actor, pupil_id: int) -> list[StaffChoice]:
    """Whom the SENCO may ask about this pupil: every active Teacher/TA account, those the
    record suggests first, each saying why. SENCO desk has no timetable, so "class and subject
    teachers" are suggested from what it knows: the staff named on the pupil's cycles and
    delivering their provision, and the staff named on open cycles of other pupils in the same
    class (in a primary school, usually the class teacher). The SENCO ticks whom to ask."""
    actor.require_pupil(pupil_id, "observations.ask")
    reasons: dict[int, list[str]] = {}
    ticked: set[int] = set()
    named = sorted(store.staff_named_for(actor.db, pupil_id), key=lambda r: (not r["open"], str(r["what"])))
    for r in named:
        if r["kind"] == "cycle":
            why = f"named on cycle {r['what']}" + (" (open)" if r["open"] else "")
        else:
            why = f"delivers {r['what']}" + ("" if r["open"] else " (an earlier cycle)")
        reasons.setdefault(r["user_id"], []).append(why)
        if r["open"]:  # who works with the pupil now (an earlier cycle's TA may not)
            ticked.add(r["user_id"])
    for r in store.staff_of_class(actor.db, pupil_id):
        others = plural(r["pupils"], "other pupil")
        reasons.setdefault(r["user_id"], []).append(f"named for {others} in class {r['class_name']}")
    for r in store.awaiting_for_pupil(actor.db, pupil_id):
        reasons.setdefault(r["user_id"], []).append(f"already asked on {uk(r['asked_on'])}, not answered yet")
        ticked.discard(r["user_id"])
    choices = [
        StaffChoice(
            u["id"],
            u["display_name"],
            tuple(reasons.get(u["id"], ())),
            bool(u["can_sign_in"]),
            ticked=u["id"] in ticked,
        )
        for u in store.teacher_accounts(actor.db)
    ]
    return sorted(choices, key=lambda c: not c.reasons)  # suggested first; each part by name


def new_request_form(actor: Actor, pupil_id: int, *, today: date | None = None) -> dict[str, Any]:
    """What the "Ask staff for observations" dialog starts from: the purposes it offers (a
    cycle's review names the open cycle), the suggested purpose and reply-by date (two weeks,
    or a few days before the open cycle's review when that comes sooner), the default
    questions."""
    actor.require_pupil(pupil_id, "observations.ask")
    today = today or date.today()
    cycle = cycle_store.open_cycle(actor.db, pupil_id)
    purposes = [(key, label) for key, label in PURPOSES.items() if key != "cycle_review" or cycle]
    due = today + timedelta(days=REPLY_IN_DAYS)
    purpose = ""  # the SENCO chooses why, unless a cycle's review is the likely reason
    if cycle:
        review = from_iso(cycle["review_date"])
        purposes[0] = ("cycle_review", purpose_label("cycle_review", cycle["number"]))
        if review is not None:
            purposes[0] = (purposes[0][0], f"{purposes[0][1]} (review date {uk(review)})")
            if review - timedelta(days=BEFORE_REVIEW_DAYS) > today:
                due = min(due, review - timedelta(days=BEFORE_REVIEW_DAYS))
        purpose = "cycle_review"
    return {
        "purposes": purposes,
        "purpose": purpose,
        "due_on": uk(due),
        "note": "",
        "questions": list(DEFAULT_QUESTIONS),
    }


def send_request(actor: Actor, pupil_id: int, form: dict[str, Any], *, today: date | None = None) -> int:
    """Send a request for observations about a pupil on roll to the staff accounts chosen.

    form: purpose (domain PURPOSES; 'cycle_review' is the open cycle's), due_on (DD/MM/YYYY),
    note (optional), questions (list, or lines of text), recipients (staff account ids)."""
    actor.require_pupil(pupil_id, "observations.ask")
    today = today or date.today()
    _pupil_on_roll(actor, pupil_id)
    errors: dict[str, str] = {}
    purpose = str(form.get("purpose") or "")
    cycle = cycle_store.open_cycle(actor.db, pupil_id)
    if purpose not in PURPOSES:
        errors["purpose"] = "Say why you are asking: choose a purpose."
    elif purpose == "cycle_review" and cycle is None:
        errors["purpose"] = "No SEN support cycle is open for this pupil: choose another purpose."
    values: dict[str, Any] = {}
    for key, check in (
        (
            "due_on",
            lambda: to_iso(check_due(parse_date(form.get("due_on"), "due_on", label="Reply by"), today)),
        ),
        ("note", lambda: check_text(form.get("note"), "note", "The note", NOTE_LIMIT)),
        ("questions", lambda: clean_questions(form.get("questions"))),
    ):
        try:
            values[key] = check()
        except ValidationError as e:
            errors.update(e.field_errors)
    if purpose == "other" and not values.get("note") and "note" not in errors:
        errors["note"] = "Say in the note why you are asking (the purpose is 'other')."
    chosen = list(dict.fromkeys(int(u) for u in form.get("recipients") or []))
    staff = {u["id"]: u["display_name"] for u in store.teacher_accounts(actor.db)}
    if not chosen:
        errors["recipients"] = "Choose at least one member of staff to ask."
    elif any(u not in staff for u in chosen):
        errors["recipients"] = "Requests go to active Teacher/TA accounts only: one chosen is not one."
    if errors:
        raise ValidationError(errors)
    values |= {
        "pupil_id": pupil_id,
        "asked_by": actor.user.display_name,
        "asked_by_user_id": actor.user.id,
        "asked_on": to_iso(today),
        "purpose": purpose,
        "cycle_id": cycle["id"] if cycle and purpose == "cycle_review" else None,
    }
    label = purpose_label(purpose, cycle["number"] if cycle and purpose == "cycle_review" else None)
    names = ", ".join(staff[u] for u in chosen)
    with actor.write() as db:
        request_id = store.insert_request(db, values, actor.user.display_name)
        for user_id in chosen:
            store.insert_recipient(db, request_id, user_id, actor.user.display_name)
        actor.audit(
            "create",
            "staff_request",
            request_id,
            pupil_id=pupil_id,
            summary=f"asked {plural(len(chosen), 'member', 'members')} of staff for their observations "
            f"({in_sentence(label)}), reply by {uk(values['due_on'])}: {names}",
            changes={k: [None, v] for k, v in values.items() if v not in (None, "")}
            | {"recipients": [None, chosen]},
        )
    return request_id


def withdraw_request(actor: Actor, request_id: int, version: int, *, today: date | None = None) -> None:
    """The SENCO no longer needs the answers: staff who have not answered are no longer asked
    (it leaves their dashboard); answers already given stay on the record."""
    row = store.request(actor.db, request_id)
    if row is None:
        actor.require("observations.ask")
        raise NotFound("That request for observations is not in SENCO desk.")
    actor.require_pupil(row["pupil_id"], "observations.ask")
    today = today or date.today()
    if row["status"] == "withdrawn":
        raise UserError(f"This request was already withdrawn on {uk(row['withdrawn_on'])}.")
    values = {"status": "withdrawn", "withdrawn_on": to_iso(today)}
    with actor.write() as db:
        if not store.update_request(db, request_id, version, values, actor.user.display_name):
            raise stale(actor, store.REQUESTS, request_id)
        count = store.withdraw_awaiting(db, request_id, actor.user.display_name)
        actor.audit(
            "update",
            "staff_request",
            request_id,
            pupil_id=row["pupil_id"],
            summary=f"withdrew the request for staff observations of {uk(row['asked_on'])}"
            + (f" ({plural(count, 'answer')} no longer awaited)" if count else ""),
            changes={k: [row[k], v] for k, v in values.items()},
        )


def requests_for_pupil(actor: Actor, pupil_id: int) -> list[StaffRequest]:
    """The pupil's requests, newest first, with each recipient's status and answer."""
    actor.require_pupil(pupil_id, "observations.read")
    return _requests(actor, store.for_pupil(actor.db, pupil_id))


def awaited_requests(actor: Actor) -> list[AwaitedRequest]:
    """For the SENCO's (and head's) dashboard: open requests about pupils on roll still awaiting
    an answer, soonest due first."""
    actor.require("observations.read")
    return [
        AwaitedRequest(
            request_id=r["id"],
            pupil=_ref(r),
            due_on=date.fromisoformat(r["due_on"]),
            purpose_label=purpose_label(r["purpose"], r["cycle_number"]),
            awaiting=r["awaiting"],
            asked=r["asked"],
        )
        for r in store.open_awaiting(actor.db)
    ]


def observations_for_pupil(
    actor: Actor, pupil_id: int, *, since: date | None = None, until: date | None = None
) -> list[Observation]:
    """The pupil's answered observations as dated evidence (for the packs), newest first;
    `since`/`until` keep those answered in a period (both days included)."""
    actor.require_pupil(pupil_id, "observations.read")
    out = []
    for request in requests_for_pupil(actor, pupil_id):
        for r in request.answered:
            if r.answered_on is None:
                continue
            if (since and r.answered_on < since) or (until and r.answered_on > until):
                continue
            answered = tuple(a for a in r.answers if a.answer)
            out.append(Observation(r.name, r.subject, r.answered_on, request.purpose_label, answered))
    return sorted(out, key=lambda o: o.answered_on, reverse=True)


# --- the member of staff asked answers -----------------------------------------------------------


def my_requests(actor: Actor) -> list[RequestForMe]:
    """The requests awaiting the acting person's answer, soonest due first (their dashboard)."""
    actor.require("observations.answer")
    if actor.user.id is None:
        return []
    return [_for_me(r) for r in store.for_user(actor.db, actor.user.id, ("sent",))]


def _mine(actor: Actor, recipient_id: int) -> dict[str, Any]:
    """The request as sent to the acting person; anyone else's is refused (the row rule)."""
    actor.require("observations.answer")
    row = store.asked(actor.db, recipient_id)
    if row is None:
        raise NotFound("That request for observations is no longer in SENCO desk.")
    if row["user_id"] != actor.user.id:
        raise PermissionDenied(
            "This request for observations was sent to another member of staff: only they can "
            "read and answer it."
        )
    return row


def request_for_me(actor: Actor, recipient_id: int) -> RequestForMe:
    """One request sent to the acting person, with their answer so far (the answer dialog)."""
    return _for_me(_mine(actor, recipient_id))


def _still_asked(row: dict[str, Any]) -> None:
    """A withdrawn request takes no answer; the refusal names who withdrew it and when."""
    if row["status"] == "withdrawn" or row["recipient_status"] == "withdrawn":
        when = row["recipient_updated_at"] or ""
        raise Conflict(
            f"{row['recipient_updated_by'] or 'The SENCO'} withdrew this request on {uk(when[:10])} "
            f"at {when[11:16]}, so nothing was saved. Your text stays in the form: copy it if you "
            "want to keep it, or send it to the SENCO another way."
        )
    if row["left_on"]:
        raise UserError(f"This pupil left on {uk(row['left_on'])}: the request no longer needs an answer.")


def answer_request(
    actor: Actor, recipient_id: int, version: int, form: dict[str, Any], *, today: date | None = None
) -> None:
    """The member of staff asked saves their answer: their subject and one answer a question
    (at least one). Saving again changes it (and its date); a stale save is refused."""
    row = _mine(actor, recipient_id)
    _still_asked(row)
    today = today or date.today()
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    try:
        values["subject"] = check_text(form.get("subject"), "subject", "Your subject", SUBJECT_LIMIT)
    except ValidationError as e:
        errors.update(e.field_errors)
    if not values.get("subject") and "subject" not in errors:
        errors["subject"] = "Say what you teach this pupil (a subject, or 'Class teacher')."
    try:
        answers = clean_answers(tuple(row["questions"]), form.get("answers"))
        values["answers"] = [{"question": a.question, "answer": a.answer} for a in answers]
    except ValidationError as e:
        errors.update(e.field_errors)
    if errors:
        raise ValidationError(errors)
    values |= {"status": "answered", "answered_on": to_iso(today), "declined_reason": "", "declined_on": None}
    again = row["recipient_status"] == "answered"
    with actor.write() as db:
        if not store.update_recipient(db, recipient_id, version, values, actor.user.display_name):
            raise stale(actor, store.RECIPIENTS, recipient_id)
        actor.audit(
            "update",
            "staff_answer",
            recipient_id,
            pupil_id=row["pupil_id"],
            summary=("changed their answer to" if again else "answered")
            + f" the request for observations of {uk(row['asked_on'])} ({values['subject']})",
            changes={
                "subject": [row["subject"] or None, values["subject"]],
                "answers": [row["answers"] or None, values["answers"]],
            },
        )


def decline_request(
    actor: Actor, recipient_id: int, version: int, reason: str, *, today: date | None = None
) -> None:
    """The member of staff asked cannot answer (they do not teach the pupil, say): they say why,
    and the SENCO sees it on the pupil's record."""
    row = _mine(actor, recipient_id)
    _still_asked(row)
    if row["recipient_status"] == "answered":
        raise UserError("You have answered this request already: ask the SENCO if it should be removed.")
    text = check_text(reason, "declined_reason", "The reason", REASON_LIMIT)
    if not text:
        raise ValidationError(
            {"declined_reason": "Say why you cannot answer, so the SENCO can ask someone else."}
        )
    values = {"status": "declined", "declined_reason": text, "declined_on": to_iso(today or date.today())}
    with actor.write() as db:
        if not store.update_recipient(db, recipient_id, version, values, actor.user.display_name):
            raise stale(actor, store.RECIPIENTS, recipient_id)
        actor.audit(
            "update",
            "staff_answer",
            recipient_id,
            pupil_id=row["pupil_id"],
            summary=f"declined the request for observations of {uk(row['asked_on'])}",
            changes={"declined_reason": [None, text]},
        )
