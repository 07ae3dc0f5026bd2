"""The EHC plan and the school's cycles together: for each Section E outcome, the cycle outcomes
linked to it with their ratings and evidence; and the school's words for an annual review
report (views, progress summary, proposed amendments)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.cycles import RATINGS
from ..domain.dates import from_iso
from ..domain.ehc import PlanItem
from ..domain.errors import NotFound, ValidationError
from ..store import plan_links as store
from ..store import statutory as statutory_store
from .actor import Actor
from .conflicts import stale
from .ehc_plans import current_plan, get_plan

REPORT_LABELS = {
    "pupil_views": "the pupil's views",
    "parent_views": "the parents' views",
    "progress_summary": "the summary of progress",
    "proposed_amendments": "proposed amendments",
}
MAX_REPORT_TEXT = 20_000


@dataclass(frozen=True)
class LinkedOutcome:
    """A cycle's outcome that works towards a plan outcome, as the cycle's review rated it."""

    outcome_id: int
    cycle_id: int
    cycle_number: int
    cycle_open: bool
    text: str
    measure: str
    by_when: date | None
    rating: str | None
    evidence: str
    reviewed_on: date | None

    @property
    def rating_label(self) -> str:
        if self.rating:
            return RATINGS.get(self.rating, self.rating)
        return "Cycle still open" if self.cycle_open else "Not rated"


@dataclass(frozen=True)
class PlanOutcomeEvidence:
    outcome: PlanItem
    linked: tuple[LinkedOutcome, ...]

    @property
    def latest(self) -> LinkedOutcome | None:
        """The most recent rated cycle outcome: where the pupil has got to."""
        rated = [o for o in self.linked if o.rating]
        return rated[-1] if rated else None


def plan_outcome_evidence(
    actor: Actor, pupil_id: int, *, plan_id: int | None = None
) -> list[PlanOutcomeEvidence]:
    """For each Section E outcome of the plan (default: the current one), in the plan's order,
    the linked cycle outcomes oldest cycle first. Two queries whatever the number of cycles."""
    actor.require_pupil(pupil_id, "statutory.read")
    actor.require_pupil(pupil_id, "cycle.read")
    plan = get_plan(actor, plan_id) if plan_id else current_plan(actor, pupil_id)
    if plan is None or plan.pupil_id != pupil_id:
        return []
    saved = [o for o in plan.outcomes if o.id is not None]  # a stored plan's outcomes all have ids
    by_outcome: dict[int, list[LinkedOutcome]] = {o.id: [] for o in saved if o.id is not None}
    for r in store.linked_outcomes(actor.db, list(by_outcome)):
        by_outcome[r["plan_outcome_id"]].append(
            LinkedOutcome(
                outcome_id=r["id"],
                cycle_id=r["cycle_id"],
                cycle_number=r["cycle_number"],
                cycle_open=r["cycle_status"] == "open",
                text=r["text"],
                measure=r["measure"],
                by_when=from_iso(r["by_when"]),
                rating=r["rating"],
                evidence=r["evidence"],
                reviewed_on=from_iso(r["reviewed_on"]),
            )
        )
    return [PlanOutcomeEvidence(o, tuple(by_outcome[o.id])) for o in saved if o.id is not None]


# --- the school's report for an annual review ------------------------------------------------


@dataclass(frozen=True)
class ReviewReport:
    review_id: int
    pupil_views: str = ""
    parent_views: str = ""
    progress_summary: str = ""
    proposed_amendments: str = ""
    version: int = 0  # 0: nothing saved yet
    updated_by: str = ""


def _review_row(actor: Actor, review_id: int, permission: str) -> dict:
    row = statutory_store.get(actor.db, "annual_reviews", review_id)
    if row is None:
        raise NotFound("That annual review is not in SENCO desk.")
    actor.require_pupil(row["pupil_id"], permission)
    return row


def get_review_report(actor: Actor, review_id: int) -> ReviewReport:
    _review_row(actor, review_id, "statutory.read")
    row = store.review_report(actor.db, review_id)
    if row is None:
        return ReviewReport(review_id)
    return ReviewReport(
        review_id,
        pupil_views=row["pupil_views"],
        parent_views=row["parent_views"],
        progress_summary=row["progress_summary"],
        proposed_amendments=row["proposed_amendments"],
        version=row["version"],
        updated_by=row["updated_by"],
    )


def save_review_report(actor: Actor, review_id: int, version: int, form: dict) -> None:
    """Save the report's words. `version` 0 for a report not saved before; stale -> Conflict."""
    review = _review_row(actor, review_id, "statutory.edit")
    values, errors = {}, {}
    for key, label in REPORT_LABELS.items():
        values[key] = str(form.get(key) or "").strip()
        if len(values[key]) > MAX_REPORT_TEXT:
            errors[key] = f"The text of {label} is too long ({MAX_REPORT_TEXT:,} characters at most)."
    if errors:
        raise ValidationError(errors)
    name = statutory_store.pupil_name(actor.db, review["pupil_id"])
    with actor.write() as db:
        # read inside the transaction: two people saving a first report at once cannot both insert
        before = store.review_report(db, review_id)
        if (before["version"] if before else 0) != version:
            raise stale(actor, "review_reports", review_id, "review report", key="review_id")
        old = {k: (before[k] if before else "") for k in store.REPORT_FIELDS}
        changes = {k: [old[k], values[k]] for k in store.REPORT_FIELDS if old[k] != values[k]}
        if not changes:
            return
        if before is None:
            report_id = store.insert_review_report(
                db, review_id, review["pupil_id"], values, actor.user.display_name
            )
        else:
            report_id = before["id"]
            store.update_review_report(db, report_id, version, values, actor.user.display_name)
        actor.audit(
            "update" if before else "create",
            "review_report",
            report_id,
            pupil_id=review["pupil_id"],
            summary=f"{name}'s annual review report: updated " + ", ".join(REPORT_LABELS[k] for k in changes),
            changes=changes,
        )
