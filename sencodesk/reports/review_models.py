"""The read model of the annual review paperwork pack (the school's report to the LA): plain
values built by services/annual_review_pack.py; the PDF module never sees the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..domain.staff_requests import Observation
from .models import ChildInfo, SchoolInfo


@dataclass(frozen=True)
class EvidenceLine:
    """One cycle outcome linked to a plan outcome: what the cycle aimed at and how it went."""

    cycle: str  # "Cycle 3 (reviewed 12/03/2026)"
    outcome: str
    rating: str  # "Met", "Partly met", "Cycle still open"
    evidence: str


@dataclass(frozen=True)
class ReviewOutcome:
    number: int
    text: str
    area: str
    by_when: str  # the plan's "by when" / detail
    evidence: tuple[EvidenceLine, ...]

    @property
    def where_now(self) -> str:
        rated = [e for e in self.evidence if e.rating not in ("Not rated", "Cycle still open")]
        return rated[-1].rating if rated else "No rated evidence yet"


@dataclass(frozen=True)
class DeliveredLine:
    provision: str
    area: str
    staff: str
    pattern: str  # "30 min, 3 a week, 38 weeks, group of 4"
    dates: str
    sessions_logged: int
    sessions_attended: int
    attendance: str  # "92%" or "No sessions logged"
    cost_pence: int
    cost_explanation: str


@dataclass(frozen=True)
class ViewLine:
    who: str  # "The pupil" / "Parents and carers"
    text: str
    source: str  # "Recorded for this review" / "Cycle 4 review (12/03/2026)"


@dataclass(frozen=True)
class Invitee:
    role: str
    name: str
    sent_on: date | None


@dataclass
class AnnualReviewModel:
    school: SchoolInfo
    child: ChildInfo
    printed_on: date
    plan_date: date
    plan_la: str
    named_school: str
    personal_budget: str
    meeting_on: date | None
    due_by: date
    period_from: date
    period_to: date
    invitations: list[Invitee] = field(default_factory=list)
    advice_circulated_on: date | None = None
    outcomes: list[ReviewOutcome] = field(default_factory=list)
    section_f: list[tuple[str, str]] = field(default_factory=list)  # (provision, detail)
    delivered: list[DeliveredLine] = field(default_factory=list)
    views: list[ViewLine] = field(default_factory=list)
    progress_summary: str = ""
    proposed_amendments: str = ""
    pfa_required: str = ""  # the rule's words from Year 9, else ""
    pfa_notes: str = ""
    phase_transfer: str = ""  # "Plan amended for the move into Year 7 by 15/02/2027", else ""
    completed_by: str = ""
    review_id: int | None = None
    observations: list[Observation] = field(default_factory=list)  # staff's, in the review period

    @property
    def title(self) -> str:
        return "Annual review of the EHC plan: the school's report"

    @property
    def total_pence(self) -> int:
        return sum(d.cost_pence for d in self.delivered)

    def missing(self) -> list[str]:
        """What the reader needs but is not recorded (the pack still builds and says so)."""
        out = []
        if self.meeting_on is None:
            out.append("The annual review meeting (no review is booked for this plan)")
        if not any(o.evidence for o in self.outcomes):
            out.append("Cycle outcomes linked to the plan's Section E outcomes")
        if not self.delivered:
            out.append("Provision delivered (no costed provision in cycles during the review period)")
        whos = {v.who for v in self.views}
        if "The pupil" not in whos:
            out.append("The pupil's views")
        if "Parents and carers" not in whos:
            out.append("The parents' views")
        if self.pfa_required and not self.pfa_notes:
            out.append("Preparation for adulthood notes")
        return out
