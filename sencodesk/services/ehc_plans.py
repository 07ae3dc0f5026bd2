"""EHC plans: issuing one (the pupil's status becomes E from the plan date, history kept),
editing its sections, ceasing it, and the Section E outcomes / F provision the cycles use."""

from __future__ import annotations

from datetime import date

from ..domain import ehc
from ..domain.dates import from_iso, parse_date, to_iso, uk
from ..domain.errors import NotFound, ValidationError
from ..domain.plural import plural
from ..store import statutory as store
from .actor import Actor
from .conflicts import stale
from .pupils import change_sen_status

SECTIONS = {"needs": "B", "outcomes": "E", "provision": "F"}
SECTION_NAMES = {"B": "Section B needs", "E": "Section E outcomes", "F": "Section F provision"}


def _item_rows(items: tuple[ehc.PlanItem, ...]) -> list[dict]:
    return [{"id": i.id, "area": i.area, "text": i.text, "detail": i.detail} for i in items]


def _plan_row(values: dict) -> dict:
    row = {k: v for k, v in values.items() if k not in SECTIONS}
    row["plan_date"] = to_iso(row["plan_date"])
    return row


def to_plan(row: dict, items: list[dict], pupil_name: str) -> ehc.EhcPlan:
    def section(code):
        return tuple(
            ehc.PlanItem(text=i["text"], area=i["area"], detail=i["detail"], id=i["id"])
            for i in items
            if i["section"] == code
        )

    return ehc.EhcPlan(
        id=row["id"],
        pupil_id=row["pupil_id"],
        pupil_name=pupil_name,
        plan_date=date.fromisoformat(row["plan_date"]),
        la_name=row["la_name"],
        named_school=row["named_school"],
        personal_budget=row["personal_budget"],
        sections={k: row[k] for k in ehc.TEXT_SECTIONS},
        needs=section("B"),
        outcomes=section("E"),
        provision=section("F"),
        status=row["status"],
        ceased_on=from_iso(row["ceased_on"]),
        request_id=row["request_id"],
        version=row["version"],
        updated_at=row["updated_at"],
        updated_by=row["updated_by"],
    )


def issue_plan(
    actor: Actor, pupil_id: int, form: dict, *, request_id: int | None = None, today: date | None = None
) -> int:
    """The LA has issued a final EHC plan: record it, and the pupil is on E from the plan date.

    One transaction: the plan, its sections, the status change (with its history line) and,
    when it came from a request on record, that request's final-plan date.
    `form["primary_need"]` may give the census need when the pupil has none recorded yet.
    """
    actor.require_pupil(pupil_id, "statutory.edit")
    actor.require("pupil.edit_sen")
    values = ehc.clean_plan(form, today=today or date.today())
    name = store.pupil_name(actor.db, pupil_id)
    if not name:
        raise NotFound("That pupil is not in SENCO desk.")
    if store.current_plan_id(actor.db, pupil_id):
        raise ValidationError(
            {
                "plan_date": f"{name} already has a current EHC plan. Record the amended plan "
                "on that one, or cease it before recording a new plan."
            }
        )
    request = store.get(actor.db, "ehcna_requests", request_id) if request_id else None
    if request_id and (request is None or request["pupil_id"] != pupil_id):
        raise ValidationError({"request_id": "That EHC needs assessment request is not this pupil's."})
    row = _plan_row(values) | {"pupil_id": pupil_id, "request_id": request_id, "status": "current"}
    with actor.write() as db:
        plan_id = store.insert(db, "ehc_plans", row, actor.user.display_name)
        for field, code in SECTIONS.items():
            store.save_plan_items(db, plan_id, code, _item_rows(values[field]))
        change_sen_status(
            actor,
            pupil_id,
            "E",
            values["plan_date"],
            primary_need=(str(form.get("primary_need") or "").strip().upper() or None),
            reason="EHC plan issued",
        )
        if request and not request["final_plan_on"]:
            store.update(
                db,
                "ehcna_requests",
                request["id"],
                request["version"],
                {"final_plan_on": row["plan_date"]},
                actor.user.display_name,
            )
            actor.audit(
                "update",
                "ehcna_request",
                request_id,
                pupil_id=pupil_id,
                summary=f"final EHC plan issued on {uk(row['plan_date'])}",
                changes={"final_plan_on": [None, row["plan_date"]]},
            )
        actor.audit(
            "create",
            "ehc_plan",
            plan_id,
            pupil_id=pupil_id,
            summary=f"recorded {name}'s EHC plan dated {uk(row['plan_date'])} "
            f"({plural(len(values['needs']), 'need')}, {plural(len(values['outcomes']), 'outcome')}, "
            f"{plural(len(values['provision']), 'provision line')})",
            changes={k: [None, v] for k, v in row.items() if v not in (None, "")},
        )
    return plan_id


def get_plan(actor: Actor, plan_id: int) -> ehc.EhcPlan:
    row = store.get(actor.db, "ehc_plans", plan_id)
    if row is None:
        raise NotFound("That EHC plan is not in SENCO desk.")
    actor.require_pupil(row["pupil_id"], "statutory.read")
    return to_plan(row, store.plan_items(actor.db, plan_id), store.pupil_name(actor.db, row["pupil_id"]))


def current_plan(actor: Actor, pupil_id: int) -> ehc.EhcPlan | None:
    actor.require_pupil(pupil_id, "statutory.read")
    plan_id = store.current_plan_id(actor.db, pupil_id)
    return get_plan(actor, plan_id) if plan_id else None


def plans_for_pupil(actor: Actor, pupil_id: int) -> list[ehc.EhcPlan]:
    """Every plan the pupil has had, newest first (ceased ones kept for the record)."""
    actor.require_pupil(pupil_id, "statutory.read")
    return [get_plan(actor, r["id"]) for r in store.plans_for_pupil(actor.db, pupil_id)]


def plan_form(plan: ehc.EhcPlan) -> dict:
    """A plan as the values its form shows (the inverse of clean_plan)."""

    def items(xs: tuple[ehc.PlanItem, ...]) -> list[dict]:
        return [{"id": i.id, "area": i.area, "text": i.text, "detail": i.detail} for i in xs]

    return {
        "plan_date": uk(plan.plan_date),
        "la_name": plan.la_name,
        "named_school": plan.named_school,
        "personal_budget": plan.personal_budget,
        **plan.sections,
        "needs": items(plan.needs),
        "outcomes": items(plan.outcomes),
        "provision": items(plan.provision),
    }


def update_plan(actor: Actor, plan_id: int, version: int, form: dict, *, today: date | None = None) -> None:
    """Save the plan's sections (after an amendment, or to correct what was typed).

    Outcome and provision lines keep their ids, so cycles linked to an outcome stay linked.
    The plan date is corrected here only; it does not move the pupil's SEN status date.
    """
    plan = get_plan(actor, plan_id)
    actor.require_pupil(plan.pupil_id, "statutory.edit")
    values = ehc.clean_plan(form, today=today or date.today())
    for field, code in SECTIONS.items():
        known = {i.id for i in getattr(plan, field)}
        stray = [i for i in values[field] if i.id is not None and i.id not in known]
        if stray:
            raise ValidationError(
                {field: f"A line in {SECTION_NAMES[code]} belongs to another plan; reload the plan."}
            )
    row, after = store.get(actor.db, "ehc_plans", plan_id), _plan_row(values)
    assert row is not None  # the plan was found above
    before = {k: row[k] for k in after}
    changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    for field, code in SECTIONS.items():
        if _item_rows(getattr(plan, field)) != _item_rows(values[field]):
            changes[SECTION_NAMES[code]] = [_item_rows(getattr(plan, field)), _item_rows(values[field])]
    if not changes:
        return
    with actor.write() as db:
        if not store.update(db, "ehc_plans", plan_id, version, after, actor.user.display_name):
            raise stale(actor, "ehc_plans", plan_id)
        for field, code in SECTIONS.items():
            store.save_plan_items(db, plan_id, code, _item_rows(values[field]))
        words = ", ".join(
            SECTION_NAMES.get(k, ehc.TEXT_SECTIONS.get(k, k.replace("_", " "))) for k in changes
        )
        actor.audit(
            "update",
            "ehc_plan",
            plan_id,
            pupil_id=plan.pupil_id,
            summary=f"changed {plan.pupil_name}'s EHC plan: {words}",
            changes=changes,
        )


def cease_plan(
    actor: Actor,
    plan_id: int,
    version: int,
    ceased_on: str | date,
    *,
    status_after: str = "K",
    reason: str = "",
) -> None:
    """The LA has ceased the plan: kept for the record; the pupil moves to K (or N) that day."""
    plan = get_plan(actor, plan_id)
    actor.require_pupil(plan.pupil_id, "statutory.edit")
    actor.require("pupil.edit_sen")
    day = parse_date(ceased_on, "ceased_on", label="Date the plan ceased")
    if day is None:
        raise ValidationError({"ceased_on": "Give the date the LA ceased the plan."})
    if day < plan.plan_date:
        raise ValidationError({"ceased_on": "The plan cannot cease before its own date."})
    if plan.status != "current":
        raise ValidationError({"ceased_on": "This plan has already ceased."})
    if status_after not in ("K", "N"):
        raise ValidationError(
            {"status_after": "After a plan ceases the pupil is on SEN support (K) or off the register (N)."}
        )
    with actor.write() as db:
        if not store.update(
            db,
            "ehc_plans",
            plan_id,
            version,
            {"status": "ceased", "ceased_on": to_iso(day)},
            actor.user.display_name,
        ):
            raise stale(actor, "ehc_plans", plan_id)
        change_sen_status(actor, plan.pupil_id, status_after, day, reason="EHC plan ceased")
        actor.audit(
            "update",
            "ehc_plan",
            plan_id,
            pupil_id=plan.pupil_id,
            summary=f"{plan.pupil_name}'s EHC plan ceased on {uk(day)}" + (f" ({reason})" if reason else ""),
            changes={"status": ["current", "ceased"], "ceased_on": [None, to_iso(day)]},
        )


def plan_outcomes(actor: Actor, pupil_id: int) -> list[ehc.PlanItem]:
    """The current plan's Section E outcomes, in order, for cycles to take or link to (by id)."""
    plan = current_plan(actor, pupil_id)
    return list(plan.outcomes) if plan else []


def plan_provision(actor: Actor, pupil_id: int) -> list[ehc.PlanItem]:
    """The current plan's Section F provision: what the school must deliver and evidence."""
    plan = current_plan(actor, pupil_id)
    return list(plan.provision) if plan else []
