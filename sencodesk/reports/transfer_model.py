"""The read model of a leaver's transfer pack: the whole SEN file, as plain values to print."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..domain.findings import FreeText
from .models import AreaNeeds, ChildInfo, InvolvementInfo, ParentInfo, SchoolInfo

# Once a pupil has left, the leaving date and destination are set only by Mark as left: the
# record offers it again after Put back on roll, so the hint names both steps.
LEFT_ON_MISSING = "The date the pupil left: set it with Mark as left"
DESTINATION_MISSING = (
    "The school the pupil is moving to: set it with Mark as left (Put back on roll, then Mark as left again)"
)


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

    def free_text(self) -> list[FreeText]:
        """The school's words in the file: each cycle's strategies and outcomes."""
        texts = []
        for c in self.cycles:
            texts.append(
                FreeText(f"cycle.{c.number}.strategies", f"Cycle {c.number}: strategies", c.strategies)
            )
            texts += [
                FreeText(f"cycle.{c.number}.outcomes", f"Cycle {c.number}: outcome", o.text)
                for o in c.outcomes
            ]
        return [t for t in texts if t.text.strip()]

    def missing(self) -> list[str]:
        """What the receiving SENCO needs that is blank: the pack still goes (the gap reads
        "Not yet recorded"), but a file with no way to call back or no history arrives unflagged
        otherwise, and the next school has to chase it."""
        out = []
        if not self.left_on:
            out.append(LEFT_ON_MISSING)
        if not self.destination.strip():
            out.append(DESTINATION_MISSING)
        if not self.school.senco_contact.strip():
            out.append("SENCO contact (for the next school to call): set it in Settings, PDF packs")
        if not self.parents:
            out.append(
                "Parents or carers (the next school's first contacts): add them on the pupil's Contacts tab"
            )
        elif not any(p.parental_responsibility for p in self.parents):
            out.append("A parent or carer with parental responsibility: tick it on the pupil's Contacts tab")
        if not self.needs:
            out.append("Special educational needs (primary need): set it on the pupil's SEN tab")
        if not self.status_history:
            out.append(
                "SEN status history (when the pupil was on the SEN register): set the SEN status "
                "on the pupil's SEN tab"
            )
        if not self.cycles:
            # no fix to point at: a leaver cannot start a cycle, so the next school is told plainly
            out.append("A cycle of SEN support (what has been tried and its impact): none was recorded here")
        return out
