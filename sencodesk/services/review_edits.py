"""Correcting a recorded review: a typo in the pupil's views, an outcome rated wrongly.

Everything said at the meeting can be corrected (date held, who attended, ratings and
evidence, views, impact judgements, notes); the decision cannot, because it has already taken
effect (the cycle closed, the next one opened or the pupil left SEN support).
"""

from __future__ import annotations

from datetime import date

from ..domain import cycles as rules
from ..domain.dates import from_iso, parse_date, uk
from ..domain.errors import NotFound, ValidationError
from ..store import cycles as store
from .actor import Actor
from .conflicts import stale

REVIEW_TEXT = {
    "others": "also attended",
    "pupil_views": "pupil's views",
    "parent_views": "parents' views",
    "notes": "notes",
}
PRESENT = {"parent_present": "parent present", "pupil_present": "pupil present"}


def edit_review(actor: Actor, cycle_id: int, version: int, form: dict, *, today: date | None = None) -> bool:
    """Correct the review of a cycle. `version`: the review's, as read (a stale one is a
    Conflict naming who saved since, and when). form: as record_review's; the decision and
    refer_to are sent back unchanged (a change is refused, saying why). True when something changed.

    Allowed to whoever may record a review for this pupil (a teacher: their own pupils)."""
    cycle = store.get(actor.db, cycle_id)
    if cycle is None:
        raise NotFound("That cycle is not in SENCO desk.")
    actor.require_pupil(cycle["pupil_id"], "review.record")
    recorded = next(iter(store.reviews(actor.db, [cycle_id])), None)
    if recorded is None:
        raise ValidationError(
            {"cycle": f"Cycle {cycle['number']} has not been reviewed yet: record the review first."}
        )
    # What the form does not send stays as recorded (a caller showing less never wipes it)
    form = (
        {"held_on": uk(recorded["held_on"]), "refer_to": recorded["refer_to"]}
        | {k: recorded[k] for k in (*PRESENT, *REVIEW_TEXT)}
        | form
    )
    held_on = _held_on(cycle, form, today or date.today())
    next_number = _next_number(actor, recorded)
    rules.check_review_correction(
        recorded, held_on, str(form.get("decision") or ""), str(form.get("refer_to") or ""), next_number
    )
    outcomes = store.outcomes(actor.db, [cycle_id])
    ratings = {int(k): v for k, v in (form.get("ratings") or {}).items()}
    rules.check_ratings([o["id"] for o in outcomes], ratings)
    values = {
        "held_on": held_on.isoformat(),
        **{k: int(bool(form.get(k))) for k in PRESENT},
        **{k: str(form.get(k) or "").strip() for k in REVIEW_TEXT},
    }
    changes = {k: [recorded[k], v] for k, v in values.items() if recorded[k] != v}
    evidence = {int(k): str(v or "").strip() for k, v in (form.get("evidence") or {}).items()}
    rated = _outcome_changes(outcomes, ratings, evidence)
    judged = _impact_changes(
        actor,
        recorded["id"],
        cycle_id,
        {int(k): str(v or "").strip() for k, v in (form.get("impacts") or {}).items()},
    )
    if not (changes or rated or judged):
        return False
    with actor.write() as db:
        if not store.update_review(db, recorded["id"], version, values, actor.user.display_name):
            raise stale(actor, "reviews", recorded["id"])
        for outcome_id, (rating, text, _) in rated.items():
            store.rate_outcome(db, outcome_id, rating, text)
        for allocation_id, (_, (_, judgement)) in judged.items():
            store.judge_impact(db, recorded["id"], allocation_id, judgement)
        everything = (
            changes
            | {label: pair for o in rated.values() for label, pair in o[2].items()}
            | {label: pair for label, pair in judged.values()}
        )
        actor.audit(
            "update",
            "review",
            recorded["id"],
            pupil_id=cycle["pupil_id"],
            summary=f"corrected the review of cycle {cycle['number']}: "
            + ", ".join(REVIEW_TEXT.get(k) or PRESENT.get(k) or k.replace("_", " ") for k in everything),
            changes=everything,
        )
    return True


def _held_on(cycle: dict, form: dict, today: date) -> date:
    held_on = parse_date(form.get("held_on"), "held_on", label="Date of the review")
    rules.check_review_allowed(from_iso(cycle["plan_start"]), held_on)
    assert held_on is not None  # check_review_allowed refuses a review with no date
    if held_on > today:
        raise ValidationError(
            {"held_on": "A review cannot be dated after today (the date is in the future)."}
        )
    return held_on


def _next_number(actor: Actor, recorded: dict) -> int | None:
    following = store.get(actor.db, recorded["next_cycle_id"]) if recorded["next_cycle_id"] else None
    return following["number"] if following else None


def _outcome_changes(
    outcomes: list[dict], ratings: dict[int, str], evidence: dict[int, str]
) -> dict[int, tuple[str, str, dict]]:
    """Outcome id -> (rating, evidence, {'outcome 1 rating': [before, after], ...}) for those changed.

    The outcomes already carried into the next cycle stay as they are: its plan is the place to
    change them (they may have been reworded since)."""
    out = {}
    for i, o in enumerate(outcomes, start=1):
        rating, text = ratings[o["id"]], evidence.get(o["id"], o["evidence"] or "")
        changed = {}
        if rating != o["rating"]:
            changed[f"outcome {i} rating"] = [rules.RATINGS.get(o["rating"] or "", ""), rules.RATINGS[rating]]
        if text != (o["evidence"] or ""):
            changed[f"outcome {i} evidence"] = [o["evidence"], text]
        if changed:
            out[o["id"]] = (rating, text, changed)
    return out


def _impact_changes(
    actor: Actor, review_id: int, cycle_id: int, judgements: dict[int, str]
) -> dict[int, tuple[str, list[str]]]:
    """Allocation id -> ('<provision> impact', [before, after]) for the judgements changed."""
    names = {a["id"]: a["provision_name"] for a in store.allocations(actor.db, [cycle_id])}
    before = {i["allocation_id"]: i["judgement"] for i in store.impacts(actor.db, [review_id])}
    return {
        aid: (f"{names[aid]} impact", [before[aid], text])
        for aid, text in judgements.items()
        if aid in before and aid in names and before[aid] != text
    }
