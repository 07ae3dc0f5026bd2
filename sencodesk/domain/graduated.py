"""Read models of the graduated approach: plain objects the screens, packs and CLI are built from.

The services fill these from the store; reports never see SQL. Dates are `date` objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .costing import Cost
from .plural import plural
from .statutory import Deadline


@dataclass(frozen=True)
class PupilRef:
    """Who a line is about, as general lists show it (no UPN: these lists get printed)."""

    pupil_id: int
    surname: str
    forename: str
    year_group: str
    class_name: str = ""

    @property
    def name(self) -> str:
        return f"{self.forename} {self.surname}"


@dataclass(frozen=True)
class Concern:
    id: int
    pupil: PupilRef
    raised_on: date
    raised_by: str
    areas: list[str]
    seen: str
    tried: str
    status: str
    decision: str | None
    look_again: date | None
    reason: str
    parents_told_on: date | None
    cycle_id: int | None
    triaged_by: str | None
    triaged_on: date | None
    version: int


@dataclass(frozen=True)
class Assessment:
    name: str
    taken_on: date | None
    score: str
    meaning: str
    id: int | None = None
    kind: str = ""  # how the score is read against national expectations (attainment.KINDS)


@dataclass(frozen=True)
class Outcome:
    id: int
    position: int
    text: str
    by_when: date | None
    measure: str
    carried_from: int | None
    rating: str | None
    evidence: str
    plan_outcome_id: int | None = None  # linked EHC plan Section E outcome, if any
    in_my_words: str = ""  # the outcome as the pupil would say it (the parent's copy prints it)


@dataclass(frozen=True)
class Allocation:
    id: int
    cycle_id: int
    pupil_id: int
    provision_id: int
    provision_name: str
    area: str
    staff_role: str
    staff_user_id: int | None
    staff: str  # the person delivering, as shown
    group_size: int
    session_minutes: int
    sessions_per_week: int
    weeks: int
    start_date: date | None
    end_date: date | None
    logged: int
    attended: int
    attendance_pct: int | None
    cost: Cost
    # what was typed as overrides (None = as the catalogue), so a form round-trips exactly
    overrides: dict[str, int | None] = field(default_factory=dict)


@dataclass(frozen=True)
class Review:
    id: int
    held_on: date
    parent_present: bool
    pupil_present: bool
    others: str
    pupil_views: str
    parent_views: str
    decision: str
    refer_to: str
    notes: str
    next_cycle_id: int | None
    impacts: dict[int, tuple[int | None, str]]  # allocation id -> (attendance %, judgement)
    version: int = 1  # a correction saved on an older version is refused (someone else saved)
    updated_at: str = ""
    updated_by: str = ""


@dataclass(frozen=True)
class Cycle:
    id: int
    pupil_id: int
    number: int
    status: str
    concern_id: int | None
    assess_date: date | None
    needs: dict[str, str]  # broad area code -> summary
    attainment: str
    pupil_views: str
    pupil_views_by: str
    pupil_views_on: date | None
    parent_views: str
    parent_views_by: str
    parent_views_on: date | None
    outside_advice: str
    strategies: str
    plan_start: date | None
    review_date: date | None
    parents_told_on: date | None
    parents_agreed_on: date | None
    staff: list[tuple[int, str]]  # (user id, name) responsible
    assessments: list[Assessment]
    outcomes: list[Outcome]
    allocations: list[Allocation]
    review: Review | None
    overdue: bool
    version: int
    updated_at: str
    updated_by: str
    at_home: str = ""  # what parents and carers can do at home (the parent's copy of the plan)

    @property
    def has_plan(self) -> bool:
        return self.plan_start is not None

    @property
    def cost(self) -> int:
        return sum(a.cost.pence for a in self.allocations)


@dataclass(frozen=True)
class PupilCycles:
    """A pupil's graduated-approach record: every cycle, newest last, and their concerns."""

    pupil_id: int
    cycles: list[Cycle]
    concerns: list[Concern]

    @property
    def open_cycle(self) -> Cycle | None:
        return next((c for c in self.cycles if c.status == "open"), None)


@dataclass(frozen=True)
class SupportGlance:
    """What a pupil record shows about the graduated approach before its Support tab is built
    (in its header): whether the pupil has any cycle, the open one's number, whether it has a
    plan yet, its review date, and whether that review is overdue."""

    has_cycles: bool
    overdue: bool
    open_number: int | None = None
    has_plan: bool = False
    review_date: date | None = None

    @classmethod
    def of(cls, data: PupilCycles) -> SupportGlance:
        current = data.open_cycle
        if current is None:
            return cls(has_cycles=bool(data.cycles), overdue=False)
        return cls(
            has_cycles=True,
            overdue=current.overdue,
            open_number=current.number,
            has_plan=current.has_plan,
            review_date=current.review_date,
        )


@dataclass(frozen=True)
class DueReview:
    pupil: PupilRef
    cycle_id: int
    cycle_number: int
    review_date: date
    overdue: bool
    days: int  # days until the review (negative: days overdue)

    @property
    def line(self) -> str:
        """One line for the due list: no UPN (it is printed and read aloud)."""
        from .codes import year_label
        from .dates import uk

        when = (
            f"Overdue by {plural(-self.days, 'day')}"
            if self.overdue
            else "Due today"
            if self.days == 0
            else f"Due in {plural(self.days, 'day')}"
        )
        return (
            f"{uk(self.review_date)}  {when:<22} {self.pupil.name} ({year_label(self.pupil.year_group)}"
            f"{', ' + self.pupil.class_name if self.pupil.class_name else ''}) cycle {self.cycle_number}"
        )


@dataclass(frozen=True)
class ProvisionMapLine:
    allocation: Allocation
    pupil: PupilRef | None = None


@dataclass(frozen=True)
class PupilProvisionMap:
    pupil_id: int
    year_label: str
    year_start: date
    year_end: date
    lines: list[ProvisionMapLine]
    total: int
    threshold: int
    over: bool
    share: float
    threshold_text: str
    # each line costs the block's weeks in this year on the school's calendar; said when the
    # year has no term dates (the weeks are then approximate)
    weeks_note: str = ""


@dataclass(frozen=True)
class SchoolProvisionLine:
    provision_id: int
    name: str
    area: str
    pupils: list[PupilRef]
    allocations: int
    sessions: int
    cost: int
    impact: float | None  # share of rated outcomes met or exceeded, None if none rated yet
    rated: int


@dataclass(frozen=True)
class SchoolProvisionMap:
    year_label: str
    year_start: date
    year_end: date
    lines: list[SchoolProvisionLine]
    total: int
    weeks_note: str = ""  # as PupilProvisionMap.weeks_note


@dataclass(frozen=True)
class Dashboard:
    today: date
    on_register: list[PupilRef]
    sen_support: int
    ehc_plans: int
    overdue: list[DueReview]
    due_soon: list[DueReview]
    open_concerns: list[Concern]
    monitoring_due: list[Concern]
    spend: int
    spend_year: str
    due_within_days: int
    strategy_due: Deadline | None = None  # the inclusion strategy to publish (SENCO, head)
    # pupils on SEN support whose parents were met fewer than 3 times this year (Code 6.65)
    parents_short: int = 0
    spend_approximate: bool = False  # the year has no term dates: its weeks are approximate


@dataclass(frozen=True)
class MyPupil:
    pupil: PupilRef
    cycle_id: int
    cycle_number: int
    cycle_version: int
    outcomes: list[Outcome]
    strategies: str
    next_review: date | None
    overdue: bool
    allocations: list[Allocation]
