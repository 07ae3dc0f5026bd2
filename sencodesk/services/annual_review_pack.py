"""The annual review paperwork pack: the school's report on a pupil's EHC plan, built from what
is already recorded (the plan, its review, the cycles linked to its outcomes, the provision
delivered with sessions and costs, and the views gathered), and its audited export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..domain import codes, statutory
from ..domain.dates import uk
from ..domain.ehc import AnnualReview
from ..domain.errors import ValidationError
from ..domain.graduated import Cycle
from ..reports.review_models import (
    AnnualReviewModel,
    DeliveredLine,
    EvidenceLine,
    Invitee,
    ReviewOutcome,
    ViewLine,
)
from . import cycles, referrals, staff_requests
from .actor import Actor
from .annual_reviews import review_flags, reviews_for_plan
from .ehc_plans import current_plan
from .packs import ExportResult, _audited_export, child_info, school_info, suggested_filename
from .plan_links import get_review_report, plan_outcome_evidence
from .pupils import get_pupil
from .settings import get_settings


def _choose_review(
    reviews: list[AnnualReview], review_id: int | None
) -> tuple[AnnualReview | None, date | None]:
    """The review reported on (default: the latest) and the meeting before it, if any."""
    if review_id is not None:
        index = next((i for i, r in enumerate(reviews) if r.id == review_id), None)
        if index is None:
            raise ValidationError({"review_id": "That annual review is not one of this plan's."})
    elif reviews:
        index = len(reviews) - 1
    else:
        return None, None
    before = reviews[index - 1].dates.meeting_on if index > 0 else None
    return reviews[index], before


def _in_period(cycle: Cycle, start: date, end: date, today: date) -> bool:
    """A cycle counts when its plan ran during the period (an open cycle runs to today)."""
    if cycle.plan_start is None or cycle.plan_start > end:
        return False
    finished = cycle.review.held_on if cycle.review else today
    return finished >= start


def _delivered(period_cycles: list[Cycle]) -> list[DeliveredLine]:
    lines = []
    for c in period_cycles:
        for a in c.allocations:
            span = " to ".join(uk(d) for d in (a.start_date, a.end_date) if d) or f"Cycle {c.number}"
            lines.append(
                DeliveredLine(
                    provision=a.provision_name,
                    area=codes.AREAS.get(a.area, a.area),
                    staff=a.staff,
                    pattern=f"{a.session_minutes} min, {a.sessions_per_week} a week, {a.weeks} weeks, "
                    + ("1:1" if a.group_size == 1 else f"group of {a.group_size}"),
                    dates=span,
                    sessions_logged=a.logged,
                    sessions_attended=a.attended,
                    attendance=f"{a.attendance_pct}%"
                    if a.attendance_pct is not None
                    else "No sessions logged",
                    cost_pence=a.cost.pence,
                    cost_explanation=a.cost.explanation,
                )
            )
    return lines


def _views(report, period_cycles: list[Cycle]) -> list[ViewLine]:
    """Views recorded for this review; where blank, the latest cycle's (named as such)."""
    out = []
    for who, key in (("The pupil", "pupil_views"), ("Parents and carers", "parent_views")):
        text = getattr(report, key) if report else ""
        if text:
            out.append(ViewLine(who, text, "Recorded for this review"))
            continue
        for c in reversed(period_cycles):
            if c.review and getattr(c.review, key):
                out.append(
                    ViewLine(who, getattr(c.review, key), f"Cycle {c.number} review ({uk(c.review.held_on)})")
                )
                break
            if getattr(c, key):
                out.append(ViewLine(who, getattr(c, key), f"Cycle {c.number} assessment"))
                break
    return out


def annual_review_model(
    actor: Actor, pupil_id: int, *, review_id: int | None = None, today: date | None = None
) -> AnnualReviewModel:
    actor.require("export.packs")
    actor.require_pupil(pupil_id, "statutory.read")
    today = today or date.today()
    pupil = get_pupil(actor, pupil_id)
    plan = current_plan(actor, pupil_id)
    if plan is None:
        raise ValidationError(
            {
                "plan": f"{pupil.display_name} has no current EHC plan, so there is no "
                "annual review to report on. Record the plan on the EHC tab first."
            }
        )
    reviews, next_due = reviews_for_plan(actor, plan.id)
    review, previous_meeting = _choose_review(reviews, review_id)
    meeting = review.dates.meeting_on if review else None
    period_from = previous_meeting or plan.plan_date
    period_to = meeting or today
    period_cycles = [
        c
        for c in cycles.pupil_record(actor, pupil_id, today=today).cycles
        if _in_period(c, period_from, period_to, today)
    ]
    in_period = {c.id for c in period_cycles}
    outcomes = []
    for number, item in enumerate(plan_outcome_evidence(actor, pupil_id, plan_id=plan.id), start=1):
        lines = tuple(
            EvidenceLine(
                f"Cycle {o.cycle_number}"
                + (f" (reviewed {uk(o.reviewed_on)})" if o.reviewed_on else " (open)"),
                o.text,
                o.rating_label,
                o.evidence,
            )
            for o in item.linked
            if o.cycle_id in in_period
        )
        outcomes.append(
            ReviewOutcome(
                number, item.outcome.text, codes.AREAS.get(item.outcome.area, ""), item.outcome.detail, lines
            )
        )
    report = get_review_report(actor, review.id) if review else None
    flags = review_flags(actor, pupil_id, today=today)
    transfer = flags["phase_transfer"]
    return AnnualReviewModel(
        school=school_info(actor),
        child=child_info(pupil, draft=referrals.get_ehcna_draft(actor, pupil_id)),
        printed_on=today,
        plan_date=plan.plan_date,
        plan_la=plan.la_name,
        named_school=plan.named_school,
        personal_budget=plan.personal_budget,
        meeting_on=meeting,
        due_by=review.dates.due_by if review else next_due,
        period_from=period_from,
        period_to=period_to,
        invitations=[Invitee(i.label, i.name, i.sent_on) for i in review.invitations] if review else [],
        advice_circulated_on=review.dates.advice_circulated_on if review else None,
        outcomes=outcomes,
        section_f=[(p.text, p.detail) for p in plan.provision],
        delivered=_delivered(period_cycles),
        views=_views(report, period_cycles),
        progress_summary=report.progress_summary if report else "",
        proposed_amendments=report.proposed_amendments if report else "",
        pfa_required=statutory.pfa_note(pupil.year_group),
        pfa_notes=review.pfa_notes if review else "",
        phase_transfer=f"{transfer.what} by {uk(transfer.deadline)}" if transfer else "",
        completed_by=get_settings(actor).get("senco_name", "") or actor.user.display_name,
        review_id=review.id if review else None,
        observations=staff_requests.observations_for_pupil(
            actor, pupil_id, since=period_from, until=period_to
        ),
    )


def annual_review_filename(actor: Actor, pupil_id: int, today: date | None = None) -> str:
    # the same rights as the pack it names: without them the office could ask for it
    actor.require("export.packs")
    actor.require_pupil(pupil_id, "statutory.read")
    return suggested_filename("Annual review", get_pupil(actor, pupil_id), today or date.today())


def export_annual_review(
    actor: Actor,
    pupil_id: int,
    path: Path | str,
    *,
    review_id: int | None = None,
    today: date | None = None,
    invariant: bool = False,
) -> ExportResult:
    """Write the pack; the audit row and the PDF in one transaction (as every pack)."""
    model = annual_review_model(actor, pupil_id, review_id=review_id, today=today)
    with _audited_export(
        actor,
        f"the annual review report for {model.child.name}",
        path,
        pupil_id,
        "annual_review",
        model.review_id,
    ):
        from ..reports import annual_review as pack  # reportlab loads when a pack is written

        written = pack.build(model, path, invariant=invariant)
    return ExportResult(written, model.missing())
