"""Annual reviews of EHC plans: booked and recorded against the plan, each with its computed
due date (12 months from the plan, then from the review before) and statutory steps."""

from __future__ import annotations

from datetime import date

from ..domain import ehc, statutory
from ..domain.dates import from_iso, to_iso, uk
from ..domain.errors import NotFound, ValidationError
from ..store import settings as settings_store
from ..store import statutory as store
from .actor import Actor
from .conflicts import stale
from .settings import get_settings

TRANSFER_SETTING = "phase_transfer_years"
FIELD_LABELS = {
    "meeting_on": "meeting date",
    "advice_gathered_on": "advice gathered",
    "advice_circulated_on": "advice circulated",
    "report_sent_on": "report sent to the LA",
    "la_decision": "LA decision",
    "la_decision_on": "date of the LA decision",
    "amendment_notice_on": "amendment notice",
    "amendments_finalised_on": "amended plan finalised",
    "pfa_notes": "preparation for adulthood notes",
    "notes": "notes",
    "invitations": "invitations",
}


def _row_values(values: dict) -> dict:
    return {k: to_iso(v) if isinstance(v, date) else v for k, v in values.items() if k != "invitations"}


def _invitation_rows(invitations: tuple[ehc.Invitation, ...]) -> list[dict]:
    return [{"invitee": i.invitee, "name": i.name, "sent_on": to_iso(i.sent_on)} for i in invitations]


def to_review(row: dict, invitations: list[dict], due_by: date) -> ehc.AnnualReview:
    invites = tuple(ehc.Invitation(i["invitee"], i["name"], from_iso(i["sent_on"])) for i in invitations)
    dates = statutory.ReviewDates(
        meeting_on=date.fromisoformat(row["meeting_on"]),
        due_by=due_by,
        invitations=tuple((i.invitee, i.sent_on) for i in invites),
        advice_circulated_on=from_iso(row["advice_circulated_on"]),
        report_sent_on=from_iso(row["report_sent_on"]),
        la_decision=row["la_decision"],
        la_decision_on=from_iso(row["la_decision_on"]),
        amendment_notice_on=from_iso(row["amendment_notice_on"]),
        amendments_finalised_on=from_iso(row["amendments_finalised_on"]),
    )
    return ehc.AnnualReview(
        id=row["id"],
        plan_id=row["plan_id"],
        pupil_id=row["pupil_id"],
        dates=dates,
        invitations=invites,
        advice_gathered_on=from_iso(row["advice_gathered_on"]),
        pfa_notes=row["pfa_notes"],
        notes=row["notes"],
        version=row["version"],
        updated_at=row["updated_at"],
        updated_by=row["updated_by"],
    )


def reviews_from_rows(
    plan_date: date, rows: list[dict], invitations: dict[int, list[dict]]
) -> tuple[list[ehc.AnnualReview], date]:
    """One plan's review rows (meeting order) -> reviews with due dates, and the next due date."""
    dues, next_due = statutory.review_schedule(plan_date, [date.fromisoformat(r["meeting_on"]) for r in rows])
    return [
        to_review(r, invitations.get(r["id"], []), due) for r, due in zip(rows, dues, strict=True)
    ], next_due


def _plan_row(actor: Actor, plan_id: int) -> dict:
    plan = store.get(actor.db, "ehc_plans", plan_id)
    if plan is None:
        raise NotFound("That EHC plan is not in SENCO desk.")
    return plan


def reviews_for_plan(actor: Actor, plan_id: int) -> tuple[list[ehc.AnnualReview], date]:
    """The plan's reviews, oldest first, each with its due date; and when the next one is due."""
    plan = _plan_row(actor, plan_id)
    actor.require_pupil(plan["pupil_id"], "statutory.read")
    rows = store.reviews_for_plans(actor.db, [plan_id])
    return reviews_from_rows(
        date.fromisoformat(plan["plan_date"]), rows, store.invitations_for(actor.db, [r["id"] for r in rows])
    )


def get_review(actor: Actor, review_id: int) -> ehc.AnnualReview:
    row = store.get(actor.db, "annual_reviews", review_id)
    if row is None:
        raise NotFound("That annual review is not in SENCO desk.")
    reviews, _ = reviews_for_plan(actor, row["plan_id"])
    return next(r for r in reviews if r.id == review_id)


def review_form(review: ehc.AnnualReview) -> dict:
    d = review.dates
    form = {
        k: uk(getattr(d, k))
        for k in (
            "meeting_on",
            "advice_circulated_on",
            "report_sent_on",
            "la_decision_on",
            "amendment_notice_on",
            "amendments_finalised_on",
        )
    }
    return form | {
        "la_decision": d.la_decision or "",
        "advice_gathered_on": uk(review.advice_gathered_on),
        "pfa_notes": review.pfa_notes,
        "notes": review.notes,
        "invitations": [
            {"invitee": i.invitee, "name": i.name, "sent_on": uk(i.sent_on)} for i in review.invitations
        ],
    }


def blank_invitations() -> list[dict]:
    """One row per statutory invitee (reg 20(2)), for a new review's form."""
    return [{"invitee": key, "name": "", "sent_on": ""} for key in statutory.STATUTORY_INVITEES]


def _check_pfa(actor: Actor, pupil_id: int, values: dict, today: date) -> None:
    """From Year 9 a held review must say how it considered preparation for adulthood."""
    year = store.pupil_year_group(actor.db, pupil_id)
    held = values["meeting_on"] and values["meeting_on"] <= today
    if (
        statutory.needs_preparation_for_adulthood(year)
        and held
        and values["report_sent_on"]
        and not values["pfa_notes"]
    ):
        raise ValidationError(
            {"pfa_notes": statutory.pfa_note(year) + " Add the notes before the report goes."}
        )


def record_review(actor: Actor, plan_id: int, form: dict, *, today: date | None = None) -> int:
    """Book (a future meeting date) or record an annual review of a current plan."""
    today = today or date.today()
    plan = _plan_row(actor, plan_id)
    actor.require_pupil(plan["pupil_id"], "statutory.edit")
    if plan["status"] != "current":
        raise ValidationError(
            {"meeting_on": "This plan has ceased; reviews are recorded on the current plan."}
        )
    values = ehc.clean_review(form, plan_date=date.fromisoformat(plan["plan_date"]), today=today)
    _check_pfa(actor, plan["pupil_id"], values, today)
    row = _row_values(values) | {"plan_id": plan_id, "pupil_id": plan["pupil_id"]}
    name = store.pupil_name(actor.db, plan["pupil_id"])
    with actor.write() as db:
        review_id = store.insert(db, "annual_reviews", row, actor.user.display_name)
        store.replace_invitations(db, review_id, _invitation_rows(values["invitations"]))
        verb = "booked" if values["meeting_on"] > today else "recorded"
        actor.audit(
            "create",
            "annual_review",
            review_id,
            pupil_id=plan["pupil_id"],
            summary=f"{verb} {name}'s annual review meeting on {uk(values['meeting_on'])}",
            changes={k: [None, v] for k, v in row.items() if v not in (None, "")},
        )
    return review_id


def update_review(
    actor: Actor, review_id: int, version: int, form: dict, *, today: date | None = None
) -> None:
    """Record each step as it happens: invitations, advice, report, LA decision, amendments."""
    today = today or date.today()
    current = store.get(actor.db, "annual_reviews", review_id)
    if current is None:
        raise NotFound("That annual review is not in SENCO desk.")
    plan = _plan_row(actor, current["plan_id"])
    actor.require_pupil(plan["pupil_id"], "statutory.edit")
    values = ehc.clean_review(form, plan_date=date.fromisoformat(plan["plan_date"]), today=today)
    _check_pfa(actor, plan["pupil_id"], values, today)
    after = _row_values(values)
    changes = {k: [current[k], after[k]] for k in after if current[k] != after[k]}
    invites_before = [
        {k: i[k] for k in ("invitee", "name", "sent_on")}
        for i in store.invitations_for(actor.db, [review_id])[review_id]
    ]
    invites_after = _invitation_rows(values["invitations"])
    if invites_before != invites_after:
        changes["invitations"] = [invites_before, invites_after]
    if not changes:
        return
    name = store.pupil_name(actor.db, plan["pupil_id"])
    with actor.write() as db:
        if not store.update(db, "annual_reviews", review_id, version, after, actor.user.display_name):
            raise stale(actor, "annual_reviews", review_id)
        if "invitations" in changes:
            store.replace_invitations(db, review_id, invites_after)
        words = ", ".join(FIELD_LABELS.get(k, k) for k in changes)
        actor.audit(
            "update",
            "annual_review",
            review_id,
            pupil_id=plan["pupil_id"],
            summary=f"{name}'s annual review ({uk(after['meeting_on'])}): updated {words}",
            changes=changes,
        )


def next_review_due(actor: Actor, pupil_id: int) -> date | None:
    """When the pupil's next annual review is due (None without a current plan)."""
    actor.require_pupil(pupil_id, "statutory.read")
    plan_id = store.current_plan_id(actor.db, pupil_id)
    if plan_id is None:
        return None
    return reviews_for_plan(actor, plan_id)[1]


def transfer_years(actor: Actor) -> tuple[str, ...]:
    """The year groups this school's pupils transfer from (default Year 6 and Year 11)."""
    saved = get_settings(actor).get(TRANSFER_SETTING)
    return tuple(saved) if saved else statutory.DEFAULT_TRANSFER_FROM_YEARS


def save_transfer_years(actor: Actor, years: list[str]) -> None:
    """E.g. add Year 9 for a school whose pupils move to a UTC or upper school for Year 10."""
    actor.require("settings.edit")
    unknown = [y for y in years if y not in statutory.TRANSFER_FROM_YEARS]
    if unknown:
        raise ValidationError(
            {
                TRANSFER_SETTING: f"Pupils do not change phase after year group {unknown[0]}. "
                "Choose from: " + ", ".join(statutory.TRANSFER_FROM_YEARS)
            }
        )
    chosen = sorted(set(years), key=list(statutory.TRANSFER_FROM_YEARS).index)
    before = list(transfer_years(actor))
    with actor.write() as db:
        settings_store.save(db, {TRANSFER_SETTING: chosen})
        actor.audit(
            "update",
            "settings",
            None,
            summary="changed the phase-transfer year groups",
            changes={TRANSFER_SETTING: [before, chosen]},
        )


def review_flags(actor: Actor, pupil_id: int, *, today: date | None = None) -> dict:
    """What the review form must flag for this pupil this school year: a phase transfer (with
    its 15 February / 31 March deadline) and, from Year 9, preparation for adulthood."""
    actor.require_pupil(pupil_id, "statutory.read")
    year = store.pupil_year_group(actor.db, pupil_id)
    return {
        "phase_transfer": statutory.phase_transfer(year, today or date.today(), transfer_years(actor)),
        "preparation_for_adulthood": statutory.pfa_note(year),
    }
