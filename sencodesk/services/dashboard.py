"""The dashboard, the reviews-due list, and a teacher's 'My pupils'."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from ..domain import cycles as rules
from ..domain.dates import academic_year_label, academic_year_start, from_iso, to_iso
from ..domain.graduated import Dashboard, DueReview, MyPupil, PupilRef
from ..store import cycles as cycle_store
from ..store import overview as store
from .actor import Actor
from .calendar import approximate_note
from .concerns import list_concerns
from .cycles import to_outcome
from .inclusion_strategy import strategy_deadlines
from .parent_meetings import meetings_short
from .provision import get_costing, to_allocation, year_spend

DUE_WITHIN_DAYS = 14


def _ref(r: dict) -> PupilRef:
    return PupilRef(
        pupil_id=r["pupil_id"],
        surname=r["surname"],
        forename=r["forename"],
        year_group=r["year_group"],
        class_name=r["class_name"],
    )


def reviews_due(
    actor: Actor, *, today: date | None = None, within: int = DUE_WITHIN_DAYS
) -> tuple[list[DueReview], list[DueReview]]:
    """(overdue, due within `within` days), earliest first; a teacher sees their pupils only."""
    actor.require("cycle.read")
    today = today or date.today()
    visible = actor.visible_pupil_ids()
    overdue: list[DueReview] = []
    due: list[DueReview] = []
    for r in store.open_cycles_by_review(actor.db, to_iso(today + timedelta(days=within))):
        if visible is not None and r["pupil_id"] not in visible:
            continue
        review = date.fromisoformat(r["review_date"])  # the query keeps only cycles that have one
        late = rules.is_overdue("open", review, today)
        item = DueReview(
            pupil=_ref(r),
            cycle_id=r["cycle_id"],
            cycle_number=r["number"],
            review_date=review,
            overdue=late,
            days=(review - today).days,
        )
        (overdue if late else due).append(item)
    return overdue, due


def dashboard(actor: Actor, *, today: date | None = None) -> Dashboard:
    """Every figure with the list behind it: on the register (K, E), reviews overdue, due in the
    next 14 days, open concerns, monitoring due, and this year's provision spend."""
    actor.require("cycle.read")
    today = today or date.today()
    visible = actor.visible_pupil_ids()
    register = [
        (_ref(r), r["sen_status"])
        for r in store.register_pupils(actor.db)
        if visible is None or r["pupil_id"] in visible
    ]
    overdue, due = reviews_due(actor, today=today)
    concerns, monitoring = list_concerns(actor, today=today) if actor.user.can("concern.read") else ([], [])
    return Dashboard(
        today=today,
        on_register=[p for p, _ in register],
        sen_support=sum(1 for _, s in register if s == "K"),
        ehc_plans=sum(1 for _, s in register if s == "E"),
        overdue=overdue,
        due_soon=due,
        open_concerns=concerns,
        monitoring_due=monitoring,
        spend=year_spend(actor, today) if visible is None else 0,
        spend_year=academic_year_label(today),
        due_within_days=DUE_WITHIN_DAYS,
        # shown whatever its distance, until marked published; nothing for other roles
        strategy_due=next(iter(strategy_deadlines(actor, today=today)), None),
        parents_short=len(meetings_short(actor, today=today)),
        # no term dates this year: the spend counts weeks on a typical pattern, and says so
        spend_approximate=bool(approximate_note(actor, academic_year_start(today))),
    )


def my_pupils(actor: Actor, *, today: date | None = None) -> list[MyPupil]:
    """The open cycles that name the acting person, each with outcomes, strategies, provision
    and the next review: where a teacher logs sessions and records a review."""
    actor.require("cycle.read")
    today = today or date.today()
    if actor.user.id is None:
        return []
    rows = store.teacher_cycles(actor.db, actor.user.id)
    ids = [r["id"] for r in rows]
    outcomes: dict[int, list] = defaultdict(list)
    for o in cycle_store.outcomes(actor.db, ids):
        outcomes[o["cycle_id"]].append(to_outcome(o))
    settings = get_costing(actor)
    allocations: dict[int, list] = defaultdict(list)
    for a in cycle_store.allocations(actor.db, ids):
        allocations[a["cycle_id"]].append(to_allocation(a, settings))
    return [
        MyPupil(
            pupil=_ref(r),
            cycle_id=r["id"],
            cycle_number=r["number"],
            cycle_version=r["version"],
            outcomes=outcomes[r["id"]],
            strategies=r["strategies"],
            next_review=from_iso(r["review_date"]),
            overdue=rules.is_overdue(r["status"], r["review_date"], today),
            allocations=allocations[r["id"]],
        )
        for r in rows
    ]
