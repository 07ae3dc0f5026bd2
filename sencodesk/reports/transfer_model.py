"""The read model of a leaver's transfer pack: the whole SEN file, as plain values to print."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .models import AreaNeeds, ChildInfo, InvolvementInfo, ParentInfo, SchoolInfo


@dataclass(frozen=True)
class StatusLine:
    start_date: date | None
    status: str  # "SEN support", in words
    needs: str  # "SLCN - Speech, language and communication needs; ..."
    recorded_by: str = ""


@dataclass(frozen=True)
class ProvisionLine:
    name: str
    staff: str
    how_often: str  # "2 x 30 min a week for 10 weeks, group of 4"
    dates: str
    attendance: str  # "18 of 20 sessions (90%)" or ""
    cost: str  # "£123.00"


@dataclass(frozen=True)
class OutcomeLine:
    text: str
    by_when: date | None
    rating: str  # "Met" ... or "" before the review
    evidence: str = ""


@dataclass(frozen=True)
class ReviewInfo:
    held_on: date | None
    who_attended: str
    decision: str
    pupil_views: str
    parent_views: str
    notes: str


@dataclass(frozen=True)
class CycleInfo:
    number: int
    status: str
    assess_date: date | None
    needs: list[tuple[str, str]]  # (broad area, what the assessment found)
    pupil_views: str
    parent_views: str
    strategies: str
    plan_start: date | None
    review_date: date | None
    outcomes: list[OutcomeLine] = field(default_factory=list)
    provision: list[ProvisionLine] = field(default_factory=list)
    review: ReviewInfo | None = None


@dataclass(frozen=True)
class AnnualReviewInfo:
    meeting_on: date | None
    due_by: date | None
    la_decision: str  # "keep", "amend", "cease" as words, or ""
    notes: str


@dataclass(frozen=True)
class PlanInfo:
    plan_date: date | None
    la_name: str
    named_school: str
    status: str
    ceased_on: date | None
    outcomes: list[tuple[str, str]]  # (outcome, by when)
    provision: list[tuple[str, str]]  # (provision, who / how often)
    reviews: list[AnnualReviewInfo] = field(default_factory=list)


@dataclass(frozen=True)
class ReferralInfo:
    service: str
    referred_on: date | None
    status: str
    reason: str
    outcome: str


@dataclass
class TransferModel:
    school: SchoolInfo
    child: ChildInfo
    printed_on: date
    left_on: date | None
    destination: str
    send_by: date | None
    parents: list[ParentInfo]
    needs: list[AreaNeeds]
    status_history: list[StatusLine]
    cycles: list[CycleInfo]
    referrals: list[ReferralInfo]
    involvements: list[InvolvementInfo]
    notes: str = ""
    plans: list[PlanInfo] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"SEN transfer file: {self.child.name}"
