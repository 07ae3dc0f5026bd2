"""The graduated approach's evidence for the packs: views, assessments over time, the last
cycles with outcomes, provision, sessions and reviews, and the costed provision maps.

Cycles and their parts come from `cycles.pupil_record` (one query per table, whatever the
number of cycles); the provision maps from one query for the two academic years.
"""

from __future__ import annotations

import re
from datetime import date

from ..domain import codes
from ..domain.costing import STAFF_ROLES, CostingSettings, block_weeks, teaching_weeks, weeks_note
from ..domain.cycles import DECISIONS, RATINGS
from ..domain.dates import academic_year_label, academic_year_start, uk
from ..domain.graduated import Allocation, Cycle
from ..domain.la_profile import Costing
from ..domain.pack_costing import cost_line
from ..reports.models import (
    Assessment,
    CostLine,
    CycleEvidence,
    GraduatedEvidence,
    OutcomeEvidence,
    ProvisionDelivered,
    ProvisionMap,
    View,
)
from ..store import packs as store
from . import cycles as cycle_service
from .actor import Actor
from .calendar import school_calendar
from .provision import block_of, get_costing

_NUMBER = re.compile(r"^\s*([-+]?\d+(?:\.\d+)?)\s*%?\s*$")
# an age as schools write it: "6y 2m", "Age 7 years 3 months", "8y"
_AGE = re.compile(
    r"^\s*(?:age\s*)?(\d{1,2})\s*y(?:ears?|rs?)?\s*(?:(\d{1,2})\s*m(?:onths?|ths?)?)?\s*$", re.I
)


def graduated_evidence(
    actor: Actor,
    pupil_id: int,
    *,
    cycles: int | None = 3,
    today: date | None = None,
    costing_rules: Costing | None = None,
) -> GraduatedEvidence:
    today = today or date.today()
    record = cycle_service.pupil_record(actor, pupil_id, today=today)
    newest_first = list(reversed(record.cycles))
    chosen = newest_first if cycles is None else newest_first[: max(cycles, 0)]
    # a new cycle may not be planned yet: use the newest cycle that has a plan's words
    planned = next((c for c in newest_first if c.strategies.strip()), None)
    with_outcomes = next((c for c in newest_first if c.outcomes), None)
    return GraduatedEvidence(
        child_views=_views(chosen, pupil=True),
        parent_views=_views(chosen, pupil=False),
        area_descriptions=_area_descriptions(newest_first),
        # attainment over time reads every cycle, not only those printed in full
        assessments=[a for c in record.cycles for a in _assessments(c)],
        cycles=[_cycle(c) for c in chosen],
        provision_maps=provision_maps(actor, pupil_id, today=today, rules=costing_rules),
        strategies=_strategies(planned.strategies) if planned else [],
        current_outcomes=list(dict.fromkeys(o.text for o in with_outcomes.outcomes)) if with_outcomes else [],
        reviewed_total=sum(1 for c in record.cycles if c.review is not None),
    )


def _views(cycles: list[Cycle], *, pupil: bool) -> list[View]:
    """Views given at each cycle's assessment and at its review, newest first, with who and when."""
    out = []
    for c in cycles:
        if c.review:
            text = c.review.pupil_views if pupil else c.review.parent_views
            present = c.review.pupil_present if pupil else c.review.parent_present
            if text.strip():
                by = f"at the review of cycle {c.number}" + (
                    "" if present else " (not present at the meeting)"
                )
                out.append(View(text, c.review.held_on, by))
        text = c.pupil_views if pupil else c.parent_views
        if text.strip():
            by = c.pupil_views_by if pupil else c.parent_views_by
            on = c.pupil_views_on if pupil else c.parent_views_on
            out.append(View(text, on, ", ".join(x for x in (by, f"planning cycle {c.number}") if x)))
    return sorted(out, key=lambda v: v.given_on or date.min, reverse=True)


def _area_descriptions(newest_first: list[Cycle]) -> dict[str, str]:
    """Each broad area's description from the newest cycle that describes it."""
    out: dict[str, str] = {}
    for c in newest_first:
        for code, text in c.needs.items():
            if text and text.strip() and codes.AREAS.get(code) not in out:
                out[codes.AREAS[code]] = text.strip()
    return out


def _assessments(c: Cycle) -> list[Assessment]:
    return [
        Assessment(
            measure=a.name,
            taken_on=a.taken_on or c.assess_date,
            value=score_value(a.score),
            note=a.meaning,
            shown=a.score,
        )
        for a in c.assessments
    ]


def score_value(score: str) -> float | None:
    """A result as a number to chart: a plain number (or %), or an age in years ("6y 2m" = 6.17);
    None for anything else, which is printed as written but not charted."""
    text = score or ""
    match = _NUMBER.match(text)
    if match:
        return float(match.group(1))
    age = _AGE.match(text)
    if age:
        return round(int(age.group(1)) + int(age.group(2) or 0) / 12, 2)
    return None


def _frequency(a: Allocation) -> str:
    group = "1:1" if a.group_size == 1 else f"group of {a.group_size}"
    return f"{a.sessions_per_week} x {a.session_minutes} min a week, {group}"


def _cycle(c: Cycle) -> CycleEvidence:
    review = c.review
    status = "reviewed" if review else ("open" if c.status == "open" else c.status)
    impacts = review.impacts if review else {}

    def impact(a: Allocation) -> str:
        pct, judgement = impacts.get(a.id, (None, ""))
        return "; ".join(x for x in (judgement, f"attended {pct}%" if pct is not None else "") if x)

    notes = []
    if review:
        if review.others:
            notes.append(f"At the meeting: {review.others}.")
        if review.notes:
            notes.append(review.notes)
    decision = ""
    if review:
        decision = DECISIONS.get(review.decision, review.decision)
        if review.refer_to:
            decision += f" ({review.refer_to})"
    return CycleEvidence(
        title=f"Cycle {c.number} ({status})",
        started_on=c.plan_start or c.assess_date,
        review_on=review.held_on if review else c.review_date,
        reviewed=review is not None,
        outcomes=[OutcomeEvidence(o.text, RATINGS.get(o.rating or "", "")) for o in c.outcomes],
        provision=[
            ProvisionDelivered(a.provision_name, a.staff, _frequency(a), a.logged, a.attended, impact(a))
            for a in c.allocations
        ],
        review_decision=decision,
        review_notes=" ".join(notes),
    )


def _strategies(text: str) -> list[str]:
    """The plan's strategies as a list: one per line, or per sentence separated by ';'."""
    items = [s.strip(" -•\t") for line in (text or "").splitlines() for s in line.split(";")]
    return [s[0].upper() + s[1:].rstrip(".") + "." for s in items if s.strip(" .")]


def provision_maps(
    actor: Actor,
    pupil_id: int,
    *,
    today: date,
    rules: Costing | None = None,
    school: CostingSettings | None = None,
) -> list[ProvisionMap]:
    """This academic year's costed provision, then last year's, each allocation costed with the
    school's rates, or the LA profile's rules when it has them, for the weeks it runs in each
    year on the school's calendar: a block from June to October is split between the two years
    (the caseworker adds the totals), and one starting in November is costed for the weeks left."""
    actor.require_pupil(pupil_id, "provision.read")
    school = school or get_costing(actor)
    cal = school_calendar(actor)
    this_start = academic_year_start(today)
    last_start = date(this_start.year - 1, 9, 1)
    years = [(this_start, date(this_start.year + 1, 8, 31)), (last_start, date(this_start.year, 8, 31))]
    rows = store.allocations_for_years(actor.db, pupil_id, last_start.isoformat(), years[0][1].isoformat())
    maps = []
    for start, _end in years:
        year_weeks, _approximate = teaching_weeks(cal, start.year, school.weeks_per_year)
        lines = []
        for r in rows:
            part = block_weeks(cal, block_of(r), start.year, default_weeks=school.weeks_per_year)
            if not (part.weeks or (part.starts_here and r["fixed_cost"])):
                continue  # the block does not run in this year
            cost = cost_line(
                role=r["staff_role"],
                minutes=r["eff_minutes"],
                per_week=r["eff_per_week"],
                part=part,
                year_weeks=year_weeks,
                group_size=r["eff_group_size"],
                fixed=r["fixed_cost"],
                fixed_note=r["fixed_cost_note"],
                school=school,
                rules=rules,
            )
            when = (
                f"{uk(r['runs_from'])} to {uk(r['runs_to'])}"
                if r["runs_to"]
                else f"from {uk(r['runs_from'])}, ongoing"
            )
            lines.append(
                CostLine(
                    f"{r['provision_name']} ({when})",
                    f"{STAFF_ROLES.get(r['staff_role'], r['staff_role'])}: {cost.explanation}",
                    cost.pence,
                )
            )
        note = weeks_note(cal, start.year, school.weeks_per_year) if lines else ""
        maps.append(ProvisionMap(academic_year_label(start), lines, note))
    return maps
