"""The read model of the inclusion case sample: one pupil's SEN record from the first concern to
today, as plain values to print, and the gaps an inspector would find in it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..domain.case_sample import Gap
from .models import AreaNeeds, SchoolInfo


@dataclass(frozen=True)
class Event:
    """One line of the chronology."""

    on: date | None
    what: str
    detail: str = ""


@dataclass(frozen=True)
class View:
    who: str  # "The pupil", "Parents"
    when: str  # "At the assessment", "At the review"
    text: str
    given: str = ""  # "by Amy, drawn with the TA, on 04/09/2026"


@dataclass(frozen=True)
class OutcomeRow:
    text: str
    by_when: date | None
    rating: str  # "Met" ..., or "" before the review
    evidence: str = ""


@dataclass(frozen=True)
class ProvisionRow:
    name: str
    staff: str
    how_often: str
    dates: str
    sessions: str  # "12 logged, 10 attended", or "None logged"


@dataclass(frozen=True)
class ReviewRow:
    held_on: date | None
    who_came: str
    decision: str
    notes: str


@dataclass(frozen=True)
class CaseCycle:
    number: int
    status: str  # "Open", "Reviewed"
    assess_date: date | None
    needs: list[tuple[str, str]]  # (broad area, what the assessment found)
    tests: list[str]  # "Reading age: 6y 2m (04/09/2026): below age"
    attainment: str
    outside_advice: str
    plan_start: date | None
    review_date: date | None
    parents_told_on: date | None
    strategies: str
    outcomes: list[OutcomeRow] = field(default_factory=list)
    provision: list[ProvisionRow] = field(default_factory=list)
    views: list[View] = field(default_factory=list)
    review: ReviewRow | None = None


@dataclass(frozen=True)
class Specialist:
    service: str
    professional: str
    started_on: date | None
    ended_on: date | None
    report_on: date | None
    advice: str


@dataclass(frozen=True)
class ReferralRow:
    service: str
    referred_on: date | None
    status: str
    reason: str
    outcome: str


@dataclass(frozen=True)
class PlanReview:
    meeting_on: date | None
    due_by: date | None
    decision: str


@dataclass(frozen=True)
class PlanRow:
    plan_date: date | None
    la_name: str
    status: str
    reviews: list[PlanReview] = field(default_factory=list)
    next_due: date | None = None


@dataclass(frozen=True)
class ImpactRow:
    cycle: int
    reviewed_on: date | None
    met: int  # outcomes met or exceeded
    rated: int
    decision: str


@dataclass
class CaseSampleModel:
    school: SchoolInfo
    printed_on: date
    name: str
    year_group: str  # "Year 4"
    class_name: str
    dob: date | None
    sen_status: str  # "SEN support"
    sen_since: date | None
    needs: list[AreaNeeds]
    also: list[str]  # the other groups inclusion covers: "Pupil premium", "Looked after", ...
    attendance: str
    chronology: list[Event]
    cycles: list[CaseCycle]
    specialists: list[Specialist]
    referrals: list[ReferralRow] | None  # None: the reader's role does not see referrals
    plans: list[PlanRow]
    impact: list[ImpactRow]
    gaps: list[Gap] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"Inclusion case sample: {self.name}"

    def missing(self) -> list[str]:
        """The gaps, as the export dialog lists them before the file is written."""
        return [g.what for g in self.gaps]
