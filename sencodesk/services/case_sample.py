"""The inclusion case sample: one pupil's SEN record as an inspector follows it (from the first
concern to today), the gaps in it, and the whole school's list of pupils whose record has one.

Ofsted's framework from 10 November 2025 (domain/case_sample.py says what was read of it) asks
leaders for no document made for the inspection: this pack is the school's own record, printed.
The gap rules are domain/case_sample.py's; their facts come from store/case_sample.py, one query
per kind of fact, so the pupil's pack and the whole-school list can never disagree.

Who: anyone who reads the cycles (cycle.read): the SENCO and the head (the inspector's host) for
the whole register; a teacher for their own pupils only, by the register's rule
(Actor.visible_pupil_ids), as the inspector may talk to the class teacher of a sampled pupil.
What a role may not read stays out (a teacher's pack has no referrals section: field_access).
The office never. No UPN: the inspector does not need it (as the one-page profile).
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from pathlib import Path

from ..domain import case_sample as rules
from ..domain import codes, ehc, field_access
from ..domain import cycles as cycle_rules
from ..domain.dates import from_iso, uk
from ..domain.graduated import Allocation, Concern, Cycle, PupilRef
from ..domain.plural import plural
from ..domain.pupil import Pupil
from ..domain.referrals import STATUSES, service_label
from ..reports.case_sample_model import (
    CaseCycle,
    CaseSampleModel,
    Event,
    ImpactRow,
    OutcomeRow,
    PlanReview,
    PlanRow,
    ProvisionRow,
    ReferralRow,
    ReviewRow,
    Specialist,
    View,
)
from ..store import case_sample as store
from . import annual_reviews, cycles, ehc_plans, ehcna_requests, referrals
from .actor import Actor
from .packs import ExportResult, _audited_export, needs_of, school_info
from .pupils import get_pupil

CHRONOLOGY_TEXT = 160  # characters of a typed note in the chronology (the sections print it whole)
LA_DECISIONS = {"keep": "keep the plan as it is", "amend": "amend the plan", "cease": "cease the plan"}


# --- the facts and their gaps: one query per kind of fact --------------------------------------


def _facts(actor: Actor, pupil_id: int | None) -> tuple[list[dict], dict[int, rules.RecordFacts]]:
    """The pupils (one, or the whole register) and each one's facts for the gap rules."""
    db = actor.db
    people = store.pupils(db, pupil_id)
    outcome = {r["cycle_id"]: r for r in store.outcome_counts(db, pupil_id)}
    provision: dict[int, list[rules.ProvisionFacts]] = defaultdict(list)
    for a in store.allocations(db, pupil_id):
        provision[a["cycle_id"]].append(
            rules.ProvisionFacts(a["name"], from_iso(a["start_date"]), a["sessions"])
        )
    by_pupil: dict[int, list[rules.CycleFacts]] = defaultdict(list)
    for c in store.cycles(db, pupil_id):
        counts = outcome.get(c["id"], {})
        by_pupil[c["pupil_id"]].append(
            rules.CycleFacts(
                number=c["number"],
                is_open=c["status"] == "open",
                started_on=from_iso(c["started_on"]),
                assessed=bool(c["assessed"]),
                pupil_views=bool(c["pupil_views"]),
                parent_views=bool(c["parent_views"]),
                plan_start=from_iso(c["plan_start"]),
                review_date=from_iso(c["review_date"]),
                parents_told=bool(c["parents_told"]),
                reviewed_on=from_iso(c["held_on"]),
                pupil_at_review=bool(c["pupil_at_review"]),
                parents_at_review=bool(c["parents_at_review"]),
                outcomes=counts.get("outcomes", 0),
                rated=counts.get("rated", 0),
                met=counts.get("met") or 0,
                provision=tuple(provision[c["id"]]),
            )
        )
    advice: dict[int, list[rules.AdviceFacts]] = defaultdict(list)
    for a in store.advice(db, pupil_id):
        advice[a["pupil_id"]].append(
            rules.AdviceFacts(a["service"], a["professional"], date.fromisoformat(a["advised_on"]))
        )
    specialists = {r["pupil_id"]: r["specialists"] for r in store.specialist_counts(db, pupil_id)}
    plans: dict[int, tuple[date, list[date]]] = {}
    for r in store.plan_reviews(db, pupil_id):
        plan = plans.setdefault(r["pupil_id"], (date.fromisoformat(r["plan_date"]), []))
        if r["meeting_on"]:
            plan[1].append(date.fromisoformat(r["meeting_on"]))
    facts = {
        p["pupil_id"]: rules.RecordFacts(
            sen_status=p["sen_status"],
            sen_since=from_iso(p["sen_start_date"]),
            cycles=tuple(by_pupil[p["pupil_id"]]),
            advice=tuple(advice[p["pupil_id"]]),
            specialists=specialists.get(p["pupil_id"], 0),
            plan_date=plans[p["pupil_id"]][0] if p["pupil_id"] in plans else None,
            plan_reviews=tuple(plans[p["pupil_id"]][1]) if p["pupil_id"] in plans else (),
        )
        for p in people
    }
    return people, facts


def school_gaps(actor: Actor, *, today: date | None = None) -> rules.SchoolGaps:
    """Every pupil on the register (K and E) with the gaps in their record, by name; a teacher's
    own pupils only."""
    actor.require("cycle.read")
    today = today or date.today()
    people, facts = _facts(actor, None)
    visible = actor.visible_pupil_ids()
    if visible is not None:
        people = [p for p in people if p["pupil_id"] in visible]
    return rules.SchoolGaps(
        today=today,
        mine=visible is not None,
        pupils=tuple(
            rules.PupilGaps(
                pupil=PupilRef(p["pupil_id"], p["surname"], p["forename"], p["year_group"], p["class_name"]),
                sen_status=p["sen_status"],
                sen_since=from_iso(p["sen_start_date"]),
                cycles=len(facts[p["pupil_id"]].cycles),
                gaps=tuple(rules.gaps(facts[p["pupil_id"]], today)),
            )
            for p in people
        ),
    )


# --- one pupil's case sample -----------------------------------------------------------------


def _short(text: str, limit: int = CHRONOLOGY_TEXT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _how_often(a: Allocation) -> str:
    group = "one to one" if a.group_size <= 1 else f"group of {a.group_size}"
    return f"{a.sessions_per_week} x {a.session_minutes} min a week for {a.weeks} weeks, {group}"


def _provision(a: Allocation) -> ProvisionRow:
    dates = " to ".join(x for x in (uk(a.start_date), uk(a.end_date)) if x)
    sessions = f"{a.logged} logged, {a.attended} attended" if a.logged else "None logged"
    return ProvisionRow(a.provision_name, a.staff, _how_often(a), dates, sessions)


def _given(by: str, on: date | None) -> str:
    return " ".join(x for x in (f"by {by}" if by else "", f"on {uk(on)}" if on else "") if x)


def _views(c: Cycle) -> list[View]:
    out = []
    if c.pupil_views.strip():
        out.append(
            View("The pupil", "At the assessment", c.pupil_views, _given(c.pupil_views_by, c.pupil_views_on))
        )
    if c.parent_views.strip():
        out.append(
            View("Parents", "At the assessment", c.parent_views, _given(c.parent_views_by, c.parent_views_on))
        )
    r = c.review
    if r is not None:
        if r.pupil_views.strip() or r.pupil_present:
            out.append(
                View("The pupil", "At the review", r.pupil_views or "Was at the review (no words recorded).")
            )
        if r.parent_views.strip() or r.parent_present:
            out.append(
                View("Parents", "At the review", r.parent_views or "Were at the review (no words recorded).")
            )
    return out


def _decision(decision: str, refer_to: str = "") -> str:
    return cycle_rules.DECISIONS.get(decision, decision) + (f": {refer_to}" if refer_to else "")


def _who_came(parent: bool, pupil: bool, others: str) -> str:
    present = [w for w, here in (("parents", parent), ("the pupil", pupil)) if here]
    who = ", ".join(present + ([others] if others else []))
    return who[:1].upper() + who[1:] if who else "Not recorded"


def _case_cycle(c: Cycle) -> CaseCycle:
    r = c.review
    return CaseCycle(
        number=c.number,
        status=cycle_rules.CYCLE_STATUSES.get(c.status, c.status),
        assess_date=c.assess_date,
        needs=[(codes.AREAS.get(area, area), text) for area, text in c.needs.items() if text.strip()],
        tests=[
            f"{a.name}: {a.score}"
            + (f" ({uk(a.taken_on)})" if a.taken_on else "")
            + (f". {a.meaning}" if a.meaning else "")
            for a in c.assessments
        ],
        attainment=c.attainment,
        outside_advice=c.outside_advice,
        plan_start=c.plan_start,
        review_date=c.review_date,
        parents_told_on=c.parents_told_on or c.parents_agreed_on,
        strategies=c.strategies,
        outcomes=[
            OutcomeRow(o.text, o.by_when, cycle_rules.RATINGS.get(o.rating or "", ""), o.evidence)
            for o in c.outcomes
        ],
        provision=[_provision(a) for a in c.allocations],
        views=_views(c),
        review=ReviewRow(
            r.held_on,
            _who_came(r.parent_present, r.pupil_present, r.others),
            _decision(r.decision, r.refer_to),
            r.notes,
        )
        if r
        else None,
    )


def _met(c: Cycle) -> tuple[int, int]:
    rated = [o.rating for o in c.outcomes if o.rating]
    return sum(1 for x in rated if x in cycle_rules.MET), len(rated)


def _cycle_events(c: Cycle) -> list[Event]:
    n = c.number
    out = []
    if c.assess_date:
        found = ", ".join(codes.AREAS.get(a, a).lower() for a, t in c.needs.items() if t.strip())
        tests = plural(len(c.assessments), "assessment result")
        out.append(
            Event(
                c.assess_date,
                f"Cycle {n}: needs assessed",
                "; ".join(
                    x for x in (f"needs in {found}" if found else "", tests if c.assessments else "") if x
                ),
            )
        )
    if c.plan_start:
        provision = ", ".join(dict.fromkeys(a.provision_name for a in c.allocations)) or "no provision"
        told = c.parents_told_on or c.parents_agreed_on
        out.append(
            Event(
                c.plan_start,
                f"Cycle {n}: plan started",
                f"{plural(len(c.outcomes), 'outcome')}; {provision}; review set for {uk(c.review_date)}"
                + (f"; parents told {uk(told)}" if told else ""),
            )
        )
    r = c.review
    if r is not None:
        met, rated = _met(c)
        out.append(
            Event(
                r.held_on,
                f"Cycle {n}: reviewed",
                f"{met} of {plural(rated, 'outcome')} met or exceeded; "
                f"{_who_came(r.parent_present, r.pupil_present, '').lower()} there; "
                f"decision: {_decision(r.decision, r.refer_to).lower()}",
            )
        )
    return out


def _concern_events(items: list[Concern]) -> list[Event]:
    out = []
    for k in items:
        out.append(Event(k.raised_on, f"Concern raised by {k.raised_by}", _short(k.seen)))
        if k.decision and k.triaged_on:
            told = f"; parents told {uk(k.parents_told_on)}" if k.parents_told_on else ""
            out.append(
                Event(
                    k.triaged_on,
                    "Concern looked at by the SENCO",
                    cycle_rules.TRIAGE_DECISIONS.get(k.decision, k.decision) + told,
                )
            )
    return out


def _status_events(pupil: Pupil) -> list[Event]:
    out = []
    for h in sorted(pupil.sen_history, key=lambda h: h.start_date):
        needs = "; ".join(codes.need_label(x) for x in (h.primary_need, h.secondary_need) if x)
        out.append(Event(h.start_date, f"SEN status: {codes.SEN_STATUSES.get(h.status, h.status)}", needs))
    return out


def _specialists(actor: Actor, pupil_id: int) -> tuple[list[Specialist], list[Event]]:
    items = sorted(referrals.involvements_for_pupil(actor, pupil_id), key=lambda i: i.started_on or date.min)
    events = []
    for i in items:
        who = f" ({i.professional})" if i.professional else ""
        if i.started_on:
            events.append(Event(i.started_on, f"{i.service} involved{who}"))
        if i.latest_report_on:
            events.append(Event(i.latest_report_on, f"Report from {i.service}", _short(i.summary)))
    return [
        Specialist(i.service, i.professional, i.started_on, i.ended_on, i.latest_report_on, i.summary)
        for i in items
    ], events


def _referrals(actor: Actor, pupil_id: int) -> tuple[list[ReferralRow] | None, list[Event]]:
    """Referrals, for a role that reads them (both that may print this pack do)."""
    if not field_access.may_read_table(actor.user.role, "referrals"):
        return None, []
    items = sorted(referrals.referrals_for_pupil(actor, pupil_id), key=lambda r: r.referred_on)
    rows = [
        ReferralRow(
            service_label(r.service),
            r.referred_on,
            STATUSES.get(r.status, r.status),
            r.reason,
            r.outcome_notes,
        )
        for r in items
    ]
    events = [
        Event(
            r.referred_on,
            f"Referral to {service_label(r.service)}" + (" (not sent yet)" if r.status == "draft" else ""),
            _short(r.reason),
        )
        for r in items
    ]
    return rows, events


def _statutory(actor: Actor, pupil_id: int, today: date) -> tuple[list[PlanRow], list[Event]]:
    if not actor.user.can("statutory.read"):
        return [], []
    events = []
    for req in ehcna_requests.requests_for_pupil(actor, pupil_id):
        d = req.dates
        events.append(
            Event(d.sent_on, "EHC needs assessment requested", f"by the {req.requested_by.replace('_', ' ')}")
        )
        if d.decision_on and d.will_assess is not None:
            events.append(
                Event(
                    d.decision_on,
                    "The LA " + ("agreed to assess" if d.will_assess else "decided not to assess"),
                )
            )
        if d.no_plan_on:
            events.append(Event(d.no_plan_on, "The LA decided not to issue an EHC plan"))
    plans = []
    for plan in reversed(ehc_plans.plans_for_pupil(actor, pupil_id)):
        reviews, _ = annual_reviews.reviews_for_plan(actor, plan.id)
        events.append(
            Event(plan.plan_date, "EHC plan issued" + (f" by {plan.la_name}" if plan.la_name else ""))
        )
        rows = []
        for r in reviews:
            decision = LA_DECISIONS.get(r.dates.la_decision or "", "")
            held = r.dates.meeting_on <= today
            late = (r.dates.meeting_on - r.dates.due_by).days
            events.append(
                Event(
                    r.dates.meeting_on,
                    "Annual review of the EHC plan" + ("" if held else " (booked)"),
                    "; ".join(
                        x
                        for x in (
                            f"held {plural(late, 'day')} after it was due" if held and late > 0 else "",
                            f"LA decision: {decision}" if decision else "",
                        )
                        if x
                    ),
                )
            )
            rows.append(PlanReview(r.dates.meeting_on, r.dates.due_by, decision.capitalize()))
        current = plan.status == "current"
        if plan.ceased_on:
            events.append(Event(plan.ceased_on, "EHC plan ceased"))
        plans.append(
            PlanRow(
                plan.plan_date,
                plan.la_name,
                ehc.PLAN_STATUSES.get(plan.status, plan.status),
                rows,
                # due as the gap rule counts it: a meeting booked for later does not count yet
                rules.annual_review_due(plan.plan_date, tuple(r.dates.meeting_on for r in reviews), today)
                if current
                else None,
            )
        )
    return plans, events


def case_sample_model(actor: Actor, pupil_id: int, *, today: date | None = None) -> CaseSampleModel:
    """The pupil's record, oldest first, with its gaps. No UPN."""
    actor.require_pupil(pupil_id, "cycle.read")
    today = today or date.today()
    pupil = get_pupil(actor, pupil_id)
    record = cycles.pupil_record(actor, pupil_id, today=today)
    specialists, specialist_events = _specialists(actor, pupil_id)
    referral_rows, referral_events = _referrals(actor, pupil_id)
    plans, statutory_events = _statutory(actor, pupil_id, today)
    events = [
        *_concern_events(record.concerns),
        *_status_events(pupil),
        *(e for c in record.cycles for e in _cycle_events(c)),
        *specialist_events,
        *referral_events,
        *statutory_events,
    ]
    _, facts = _facts(actor, pupil_id)
    attendance = (
        f"{pupil.attendance_pct:g}%"
        + (f" (as at {uk(pupil.attendance_as_at)})" if pupil.attendance_as_at else "")
        if pupil.attendance_pct is not None
        else ""
    )
    return CaseSampleModel(
        school=school_info(actor),
        printed_on=today,
        name=pupil.display_name,
        year_group=codes.year_label(pupil.year_group),
        class_name=pupil.class_name,
        dob=pupil.dob,
        sen_status=codes.SEN_STATUSES.get(pupil.sen_status, pupil.sen_status),
        sen_since=pupil.sen_start_date,
        needs=needs_of(pupil),
        also=[
            label
            for flag, label in (
                ("pupil_premium", "Pupil premium"),
                ("looked_after", "Looked after"),
                ("eal", "English as an additional language"),
            )
            if getattr(pupil, flag) is True
        ],
        attendance=attendance,
        chronology=sorted(events, key=lambda e: e.on or date.max),
        cycles=[_case_cycle(c) for c in record.cycles],
        specialists=specialists,
        referrals=referral_rows,
        plans=plans,
        impact=[
            ImpactRow(c.number, c.review.held_on, *_met(c), _decision(c.review.decision))
            for c in record.cycles
            if c.review is not None
        ],
        gaps=rules.gaps(facts[pupil_id], today),
    )


def suggested_name(name: str, day: date) -> str:
    """'Inclusion case sample - Amy Smith - 2026-11-29.pdf', safe on Windows."""
    return re.sub(r'[<>:"/\\|?*\x00-\x1f]', "", f"Inclusion case sample - {name} - {day.isoformat()}.pdf")


def export_case_sample(
    actor: Actor, pupil_id: int, path: Path | str, *, today: date | None = None, invariant: bool = False
) -> ExportResult:
    """Write the case sample PDF; the export is audited in the same transaction."""
    from ..reports import case_sample as case_sample_pack  # reportlab loads when a pack is written

    model = case_sample_model(actor, pupil_id, today=today)
    with _audited_export(
        actor, f"the inclusion case sample for {model.name}", path, pupil_id, "pupil", pupil_id
    ):
        written = case_sample_pack.build(model, path, invariant=invariant)
    return ExportResult(written, model.missing())
