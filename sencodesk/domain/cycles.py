"""Rules of the graduated approach (assess, plan, do, review), in plain Python.

The services call these before writing; the screens call them as a person types. Messages are
written for a SENCO, naming the field they belong to.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .dates import uk
from .errors import ValidationError
from .graduated import Allocation, Cycle, PupilCycles
from .school_calendar import SchoolCalendar, school_day_on_or_after

CONCERN_STATUSES = {"open": "Open", "monitoring": "Monitoring", "closed": "Closed"}
TRIAGE_DECISIONS = {
    "monitor": "Monitor, and look again",
    "sen_support": "Start SEN support",
    "no_action": "No further action",
}
CYCLE_STATUSES = {"open": "Open", "reviewed": "Reviewed"}
RATINGS = {"not_met": "Not met", "partly_met": "Partly met", "met": "Met", "exceeded": "Exceeded"}
UNMET = ("not_met", "partly_met")  # carried into the next cycle
MET = ("met", "exceeded")  # counted as impact on the provision map
DECISIONS = {
    "continue": "Continue with a new cycle",
    "close": "Close: the pupil leaves SEN support",
    "refer": "Refer to an outside service",
    "consider_ehcna": "Consider requesting an EHC needs assessment",
}
# Decisions after which support carries on in a new cycle. Referring or considering an EHCNA
# does not stop SEN support meanwhile; a pupil left with no open cycle would have no review
# date, and nothing would ever show them as overdue.
DECISIONS_WITH_NEXT_CYCLE = ("continue", "refer", "consider_ehcna")

REVIEW_WEEKS = 12
MAX_OUTCOMES = 6
MONITORING_DUE_WEEKS = 6  # default look-again for 'monitor' when none is given


def default_review_date(plan_start: date, cal: SchoolCalendar | None = None) -> date:
    """The review date proposed for a plan: 12 weeks on, moved to the next school day on the
    school's calendar (12 weeks from 5 October is 28 December: the review is proposed for the
    first day of the spring term, not Christmas week)."""
    day = plan_start + timedelta(weeks=REVIEW_WEEKS)
    return day if cal is None else school_day_on_or_after(cal, day)


def check_can_start(open_cycle_number: int | None) -> None:
    if open_cycle_number is not None:
        raise ValidationError(
            {
                "cycle": f"Cycle {open_cycle_number} is still open. Review it (or "
                f"close it at review) before starting a new cycle."
            }
        )


@dataclass(frozen=True)
class OutcomeDraft:
    text: str
    by_when: date | None = None
    measure: str = ""  # how we'll know
    id: int | None = None
    carried_from: int | None = None
    plan_outcome_id: int | None = None  # the EHC plan's Section E outcome this one works towards
    in_my_words: str | None = None  # as the pupil would say it; None: the form did not carry it


def check_outcomes(outcomes: list[OutcomeDraft], plan_start: date | None) -> None:
    """1 to 6 outcomes, each with words; a 'by when' is not before the plan starts."""
    errors: dict[str, str] = {}
    real = [o for o in outcomes if o.text.strip()]
    if not real:
        errors["outcomes"] = "A plan needs at least one outcome: what the pupil will be able to do."
    elif len(real) > MAX_OUTCOMES:
        errors["outcomes"] = (
            f"A plan has at most {MAX_OUTCOMES} outcomes; this one has {len(real)}. "
            f"Choose the ones that matter most now."
        )
    for i, o in enumerate(outcomes, start=1):
        if not o.text.strip() and (o.measure.strip() or o.by_when):
            errors[f"outcome_{i}"] = f"Outcome {i} has no words: say what the pupil will be able to do."
        elif o.by_when and plan_start and o.by_when < plan_start:
            errors[f"outcome_{i}"] = (
                f"Outcome {i}: 'by when' ({uk(o.by_when)}) is before the plan starts ({uk(plan_start)})."
            )
    if errors:
        raise ValidationError(errors)


def check_plan_dates(plan_start: date | None, review_date: date | None) -> None:
    errors = {}
    if plan_start is None:
        errors["plan_start"] = "The plan needs a start date."
    if review_date is None:
        errors["review_date"] = "The plan needs a review date."
    elif plan_start and review_date <= plan_start:
        errors["review_date"] = (
            f"The review date ({uk(review_date)}) must be after the plan starts ({uk(plan_start)})."
        )
    if errors:
        raise ValidationError(errors)


def check_review_allowed(plan_start: date | None, held_on: date | None) -> None:
    """A review needs a plan, and cannot be dated before the plan started."""
    if plan_start is None:
        raise ValidationError(
            {
                "held_on": "This cycle has no plan yet, so there is nothing to review. "
                "Write the plan (outcomes, provision, review date) first."
            }
        )
    if held_on is None:
        raise ValidationError({"held_on": "The date the review was held is required."})
    if held_on < plan_start:
        raise ValidationError(
            {
                "held_on": f"The review date ({uk(held_on)}) is before the plan started "
                f"({uk(plan_start)}). A review looks back at a plan."
            }
        )


def check_ratings(outcome_ids: list[int], ratings: dict[int, str]) -> None:
    """Every outcome of the cycle gets a rating at review."""
    errors = {}
    for i, oid in enumerate(outcome_ids, start=1):
        rating = ratings.get(oid)
        if not rating:
            errors[f"rating_{oid}"] = (
                f"Outcome {i} has no rating: choose not met, partly met, met or exceeded."
            )
        elif rating not in RATINGS:
            errors[f"rating_{oid}"] = f"Outcome {i}: '{rating}' is not a rating."
    if errors:
        raise ValidationError(errors)


def decision_fixed_reason(decision: str, held_on: date | None, next_cycle: int | None) -> str:
    """Why a recorded review's decision cannot be corrected: it has already taken effect."""
    if decision == "close":
        effect = f"the pupil left SEN support from {uk(held_on)} (their SEN history says so)"
    else:
        effect = "the cycle was closed" + (f" and cycle {next_cycle} opened from it" if next_cycle else "")
    return (
        f"The decision cannot be changed here: it has taken effect ({effect}). Correct the ratings, "
        "views, who attended, impact and notes; if the decision was wrong, say so in the notes and "
        "act on it in the current cycle."
    )


def check_review_correction(
    recorded: dict[str, Any], held_on: date | None, decision: str, refer_to: str, next_cycle: int | None
) -> None:
    """A correction keeps the decision, who the pupil was referred to, and (when the pupil left
    SEN support) the date, because each has already changed the pupil's record."""
    errors = {}
    if decision and decision != recorded["decision"]:
        errors["decision"] = decision_fixed_reason(
            recorded["decision"], date.fromisoformat(recorded["held_on"]), next_cycle
        )
    if refer_to.strip() != recorded["refer_to"]:
        errors["refer_to"] = (
            f"Who the pupil was referred to ({recorded['refer_to'] or 'nobody'}) is part of the "
            "decision and cannot be changed here."
        )
    if recorded["decision"] == "close" and held_on and held_on.isoformat() != recorded["held_on"]:
        errors["held_on"] = (
            f"The date cannot change: the pupil left SEN support from "
            f"{uk(recorded['held_on'])}, the date of this review."
        )
    if errors:
        raise ValidationError(errors)


def is_overdue(status: str, review_date: date | str | None, today: date) -> bool:
    """Open, a review date that has passed, and no review recorded (a reviewed cycle is closed)."""
    if status != "open" or not review_date:
        return False
    if isinstance(review_date, str):
        review_date = date.fromisoformat(review_date)
    return review_date < today


def attendance_pct(attended: int, logged: int) -> int | None:
    """Whole per cent of logged sessions attended; None when nothing was logged."""
    if logged <= 0:
        return None
    return round(100 * attended / logged)


def carried_outcomes(outcomes: list[dict[str, Any]]) -> list[OutcomeDraft]:
    """The unmet (not met / partly met) outcomes of a reviewed cycle, for the next cycle's plan.

    The text and 'how we'll know' come across; the date does not (the new plan sets it).
    """
    return [
        OutcomeDraft(
            text=o["text"],
            measure=o.get("measure") or "",
            carried_from=o["id"],
            plan_outcome_id=o.get("plan_outcome_id"),
            in_my_words=o.get("in_my_words") or "",
        )
        for o in sorted(outcomes, key=lambda o: (o.get("position", 0), o["id"]))
        if o.get("rating") in UNMET
    ]


def carried_dates(
    started: date | None,
    ended: date | None,
    old_plan_start: date | None,
    new_plan_start: date | None,
    cal: SchoolCalendar | None = None,
) -> tuple[date | None, date | None]:
    """A reviewed cycle's allocation dated in the next plan: it starts as far into the new plan
    as it did into the old one, and runs as long. Start None means 'from the plan's start' (so
    it follows the plan if its start is changed); nothing is known until the new plan has a start.
    With the school's calendar, a proposed date that is not a school day moves to the next one."""
    if new_plan_start is None:
        return None, None
    began = started or old_plan_start
    late = began - old_plan_start if began and old_plan_start and began > old_plan_start else timedelta(0)
    start = new_plan_start + late
    end = start + (ended - began) if ended and began and ended >= began else None
    if cal is not None:
        start = school_day_on_or_after(cal, start) if late else start
        end = school_day_on_or_after(cal, end) if end else None
    return (start if late else None), end


@dataclass(frozen=True)
class CarriedAllocation:
    """Provision of the reviewed cycle proposed for the next plan: the same item, group size,
    minutes, frequency and staff. Only a proposal: nothing is allocated until the plan is saved,
    and the sessions logged stay with the cycle they were delivered in."""

    allocation: Allocation  # as allocated in the reviewed cycle (its id: where it came from)
    from_cycle: int
    from_plan_start: date | None

    def dates(
        self, plan_start: date | None, cal: SchoolCalendar | None = None
    ) -> tuple[date | None, date | None]:
        return carried_dates(
            self.allocation.start_date, self.allocation.end_date, self.from_plan_start, plan_start, cal
        )


def proposed_provision(record: PupilCycles, cycle: Cycle) -> list[CarriedAllocation]:
    """What a new cycle's plan starts with: the provision of the review that opened it, until
    its plan is first saved (a saved plan, even one with no provision, is the SENCO's choice)."""
    if cycle.status != "open" or cycle.has_plan or cycle.allocations:
        return []
    before = next((c for c in record.cycles if c.review and c.review.next_cycle_id == cycle.id), None)
    if before is None:
        return []
    return [CarriedAllocation(a, before.number, before.plan_start) for a in before.allocations]


def impact_share(ratings: list[str | None]) -> float | None:
    """Share of rated outcomes met or exceeded (None when nothing was rated yet)."""
    rated = [r for r in ratings if r]
    if not rated:
        return None
    return sum(1 for r in rated if r in MET) / len(rated)
