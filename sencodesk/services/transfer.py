"""The transfer pack: a leaver's whole SEN file for their next school (status history, needs,
every cycle with its provision and review, referrals, involvements), and its export.

The read model is built here from the services that own each part; reports/transfer.py only
lays it out.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from ..domain import codes, ehc
from ..domain import cycles as cycle_rules
from ..domain import leavers as leaver_rules
from ..domain.dates import uk
from ..domain.graduated import Allocation, Cycle
from ..domain.money import pounds
from ..domain.referrals import STATUSES, service_label
from ..reports import transfer as transfer_pack
from ..reports.transfer_model import (
    AnnualReviewInfo,
    CycleInfo,
    OutcomeLine,
    PlanInfo,
    ProvisionLine,
    ReferralInfo,
    ReviewInfo,
    StatusLine,
    TransferModel,
)
from . import annual_reviews, cycles, ehc_plans, referrals
from .actor import Actor
from .calendar import school_calendar
from .packs import (
    ExportResult,
    _audited_export,
    child_info,
    involvements_of,
    needs_of,
    parents_of,
    school_info,
    vague_wording,
)
from .pupils import get_pupil


def _needs_words(primary: str | None, secondary: str | None) -> str:
    return "; ".join(codes.need_label(n) for n in (primary, secondary) if n)


def _how_often(a: Allocation) -> str:
    group = "one to one" if a.group_size <= 1 else f"group of {a.group_size}"
    return f"{a.sessions_per_week} x {a.session_minutes} min a week for {a.weeks} weeks, {group}"


def _provision(a: Allocation) -> ProvisionLine:
    dates = " to ".join(x for x in (uk(a.start_date), uk(a.end_date)) if x)
    attended = (
        f"{a.attended} of {a.logged} sessions ({a.attendance_pct}%)"
        if a.logged and a.attendance_pct is not None
        else ""
    )
    return ProvisionLine(a.provision_name, a.staff, _how_often(a), dates, attended, pounds(a.cost.pence))


def _cycle(c: Cycle) -> CycleInfo:
    review = None
    if c.review is not None:
        r = c.review
        present = [w for w, here in (("parents", r.parent_present), ("pupil", r.pupil_present)) if here]
        who = ", ".join(present + ([r.others] if r.others else []))
        who = who[:1].upper() + who[1:]  # 'Parents, class teacher': the line starts with a capital
        decision = cycle_rules.DECISIONS.get(r.decision, r.decision) + (
            f": {r.refer_to}" if r.refer_to else ""
        )
        review = ReviewInfo(r.held_on, who, decision, r.pupil_views, r.parent_views, r.notes)
    return CycleInfo(
        number=c.number,
        status=cycle_rules.CYCLE_STATUSES.get(c.status, c.status),
        assess_date=c.assess_date,
        needs=[(codes.AREAS.get(area, area), text) for area, text in c.needs.items() if text],
        pupil_views=c.pupil_views,
        parent_views=c.parent_views,
        strategies=c.strategies,
        plan_start=c.plan_start,
        review_date=c.review_date,
        outcomes=[
            OutcomeLine(o.text, o.by_when, cycle_rules.RATINGS.get(o.rating or "", ""), o.evidence)
            for o in c.outcomes
        ],
        provision=[_provision(a) for a in c.allocations],
        review=review,
    )


LA_DECISIONS = {"keep": "Keep the plan as it is", "amend": "Amend the plan", "cease": "Cease the plan"}


def _plan(actor: Actor, plan: ehc.EhcPlan) -> PlanInfo:
    reviews, _next_due = annual_reviews.reviews_for_plan(actor, plan.id)
    return PlanInfo(
        plan_date=plan.plan_date,
        la_name=plan.la_name,
        named_school=plan.named_school,
        status=ehc.PLAN_STATUSES.get(plan.status, plan.status),
        ceased_on=plan.ceased_on,
        outcomes=[(i.text, i.detail) for i in plan.outcomes],
        provision=[(i.text, i.detail) for i in plan.provision],
        reviews=[
            AnnualReviewInfo(
                r.dates.meeting_on,
                r.dates.due_by,
                LA_DECISIONS.get(r.dates.la_decision or "", r.dates.la_decision or ""),
                r.notes,
            )
            for r in reviews
        ],
    )


def _plans(actor: Actor, pupil_id: int) -> list[PlanInfo]:
    """EHC plans, oldest first; none when the person may not read statutory records."""
    if not actor.user.can("statutory.read"):
        return []
    return [_plan(actor, p) for p in reversed(ehc_plans.plans_for_pupil(actor, pupil_id))]


def transfer_model(actor: Actor, pupil_id: int, *, today: date | None = None) -> TransferModel:
    """Everything the next school needs, oldest first. The UPN is printed: the receiving school
    matches the file to the pupil by it."""
    actor.require("export.packs")
    actor.require_pupil(pupil_id, "pupil.read")
    today = today or date.today()
    pupil = get_pupil(actor, pupil_id)
    history = sorted(pupil.sen_history, key=lambda h: h.start_date or date.min)
    return TransferModel(
        school=school_info(actor),
        child=child_info(pupil, draft=referrals.get_ehcna_draft(actor, pupil_id)),
        printed_on=today,
        left_on=pupil.left_on,
        destination=pupil.destination,
        send_by=leaver_rules.transfer_send_by(school_calendar(actor), pupil.left_on)
        if pupil.left_on
        else None,
        parents=parents_of(pupil),
        needs=needs_of(pupil),
        status_history=[
            StatusLine(
                h.start_date,
                codes.SEN_STATUSES.get(h.status, h.status),
                _needs_words(h.primary_need, h.secondary_need),
                h.recorded_by,
            )
            for h in history
        ],
        cycles=[_cycle(c) for c in cycles.pupil_record(actor, pupil_id, today=today).cycles],
        referrals=[
            ReferralInfo(
                service_label(r.service),
                r.referred_on,
                STATUSES.get(r.status, r.status),
                r.reason,
                r.outcome_notes,
            )
            for r in sorted(
                referrals.referrals_for_pupil(actor, pupil_id), key=lambda r: r.referred_on or date.min
            )
        ],
        involvements=involvements_of(actor, pupil_id),
        notes=pupil.notes,
        plans=_plans(actor, pupil_id),
    )


def suggested_name(name: str, day: date) -> str:
    """'SEN transfer file - Amy Smith - 2026-11-29.pdf', safe on Windows."""
    return re.sub(r'[<>:"/\\|?*\x00-\x1f]', "", f"SEN transfer file - {name} - {day.isoformat()}.pdf")


def export_transfer_pack(
    actor: Actor, pupil_id: int, path: Path | str, *, today: date | None = None, invariant: bool = False
) -> ExportResult:
    """Write the transfer pack PDF; the export is audited in the same transaction."""
    model = transfer_model(actor, pupil_id, today=today)
    with _audited_export(
        actor, f"the SEN transfer file for {model.child.name}", path, pupil_id, "pupil", pupil_id
    ):
        written = transfer_pack.build(model, path, invariant=invariant)
    return ExportResult(written, model.missing(), findings=vague_wording(model))
