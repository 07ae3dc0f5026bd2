"""Concerns: any member of staff raises one; the SENCO triages it (monitor, start SEN support,
or no further action with a reason)."""

from __future__ import annotations

from datetime import date

from ..domain import codes
from ..domain.cycles import TRIAGE_DECISIONS
from ..domain.dates import from_iso, parse_date, to_iso, uk
from ..domain.errors import NotFound, ValidationError
from ..domain.graduated import Concern, PupilRef
from ..domain.pupil import known_name
from ..store import concerns as store
from ..store import cycles as cycle_store
from ..store import pupils as pupil_store
from .actor import Actor
from .conflicts import stale
from .cycle_start import open_new_cycle


def to_concern(row: dict) -> Concern:
    return Concern(
        id=row["id"],
        pupil=PupilRef(
            pupil_id=row["pupil_id"],
            surname=row["preferred_surname"] or row["legal_surname"],
            forename=row["preferred_forename"] or row["legal_forename"],
            year_group=row["year_group"],
            class_name=row["class_name"],
        ),
        raised_on=date.fromisoformat(row["raised_on"]),
        raised_by=row["raised_by"],
        areas=[a for a in row["areas"].split(",") if a],
        seen=row["seen"],
        tried=row["tried"],
        status=row["status"],
        decision=row["decision"],
        look_again=from_iso(row["look_again"]),
        reason=row["reason"],
        parents_told_on=from_iso(row["parents_told_on"]),
        cycle_id=row["cycle_id"],
        triaged_by=row["triaged_by"],
        triaged_on=from_iso(row["triaged_on"]),
        version=row["version"],
    )


def _areas(raw) -> list[str]:
    items = raw.split(",") if isinstance(raw, str) else list(raw or [])
    areas = [str(a).strip().upper() for a in items if str(a).strip()]
    bad = [a for a in areas if a not in codes.AREAS]
    if bad:
        raise ValidationError({"areas": f"'{bad[0]}' is not one of the four broad areas of need."})
    return list(dict.fromkeys(areas))


def raise_concern(actor: Actor, pupil_id: int, form: dict, *, today: date | None = None) -> int:
    """Any member of staff: date, areas of need, what they have seen and what they have tried."""
    actor.require("concern.raise")
    today = today or date.today()
    pupil = pupil_store.get(actor.db, pupil_id)
    if pupil is None:
        raise NotFound("That pupil is not in SENCO desk.")
    if pupil["left_on"]:
        raise ValidationError(
            {"pupil": f"This pupil left on {uk(pupil['left_on'])}; a concern is for pupils on roll."}
        )
    errors: dict[str, str] = {}
    raised_on = today
    try:
        raised_on = parse_date(form.get("raised_on"), "raised_on", label="Date raised") or today
        if raised_on > today:
            errors["raised_on"] = "The date raised cannot be in the future."
    except ValidationError as e:
        errors.update(e.field_errors)
    areas: list[str] = []
    try:
        areas = _areas(form.get("areas"))
    except ValidationError as e:
        errors.update(e.field_errors)
    seen = str(form.get("seen") or "").strip()
    if not seen:
        errors["seen"] = "Say what you have seen: what the pupil finds hard, and when."
    if errors:
        raise ValidationError(errors)
    values = {
        "pupil_id": pupil_id,
        "raised_on": to_iso(raised_on),
        "raised_by": actor.user.display_name,
        "raised_by_user_id": actor.user.id,
        "areas": ",".join(areas),
        "seen": seen,
        "tried": str(form.get("tried") or "").strip(),
    }
    with actor.write() as db:
        concern_id = store.insert(db, values, actor.user.display_name)
        actor.audit(
            "create",
            "concern",
            concern_id,
            pupil_id=pupil_id,
            summary=f"raised a concern on {uk(raised_on)}"
            + (f" ({', '.join(codes.AREAS[a] for a in areas)})" if areas else ""),
            changes={k: [None, v] for k, v in values.items() if v not in (None, "")},
        )
    return concern_id


def concern_pupils(actor: Actor) -> list[PupilRef]:
    """Pupils on roll to pick from when raising a concern. Any member of staff may raise one
    about any pupil (a teacher's register shows only their own), so this list is the whole
    roll: names, year and class only (no UPN, no SEN details)."""
    actor.require("concern.raise")
    return [
        PupilRef(
            pupil_id=r["id"],
            surname=r["surname"],
            forename=r["forename"],
            year_group=r["year_group"],
            class_name=r["class_name"] or "",
        )
        for r in pupil_store.register_rows(actor.db, include_leavers=False)
    ]


def get_concern(actor: Actor, concern_id: int) -> Concern:
    actor.require("concern.read")
    row = store.get(actor.db, concern_id)
    if row is None:
        raise NotFound("That concern is not in SENCO desk.")
    return to_concern(row)


def list_concerns(actor: Actor, *, today: date | None = None) -> tuple[list[Concern], list[Concern]]:
    """The Concerns screen: (open concerns oldest first, monitoring pupils whose date has come)."""
    actor.require("concern.read")
    rows = [to_concern(r) for r in store.open_and_due(actor.db, to_iso(today or date.today()))]
    return [c for c in rows if c.status == "open"], [c for c in rows if c.status == "monitoring"]


def pupil_concerns(actor: Actor, pupil_id: int) -> list[Concern]:
    actor.require_pupil(pupil_id, "cycle.read")
    return [to_concern(r) for r in store.for_pupil(actor.db, pupil_id)]


def triage_concern(
    actor: Actor, concern_id: int, version: int, form: dict, *, today: date | None = None
) -> int | None:
    """The SENCO's decision on a concern. Returns the new cycle's id for 'start SEN support'.

    form: decision (monitor / sen_support / no_action); look_again for monitor; start_date,
    parents_told_on (the Code requires parents to be told) and primary_need (if the pupil has
    none yet) for SEN support; reason for no further action.
    """
    actor.require("concern.triage")
    today = today or date.today()
    row = store.get(actor.db, concern_id)
    if row is None:
        raise NotFound("That concern is not in SENCO desk.")
    if row["status"] == "closed":
        raise ValidationError(
            {
                "decision": f"This concern was already decided on {uk(row['triaged_on'])} "
                f"({TRIAGE_DECISIONS.get(row['decision'], row['decision'])})."
            }
        )
    decision = str(form.get("decision") or "")
    if decision not in TRIAGE_DECISIONS:
        raise ValidationError({"decision": "Choose: monitor, start SEN support, or no further action."})
    name = known_name(row)
    values: dict = {
        "decision": decision,
        "triaged_by": actor.user.display_name,
        "triaged_on": to_iso(today),
    }
    if decision == "monitor":
        look = parse_date(form.get("look_again"), "look_again", label="Look again on")
        if look is None:
            raise ValidationError({"look_again": "Give the date to look at this pupil again."})
        if look <= today:
            raise ValidationError({"look_again": "The date to look again must be after today."})
        values |= {
            "status": "monitoring",
            "look_again": to_iso(look),
            "reason": str(form.get("reason") or "").strip(),
        }
        summary = f"concern about {name}: monitor, look again on {uk(look)}"
    elif decision == "no_action":
        reason = str(form.get("reason") or "").strip()
        if not reason:
            raise ValidationError(
                {"reason": "Give the reason for no further action: it is part of the record."}
            )
        values |= {"status": "closed", "reason": reason}
        summary = f"concern about {name}: no further action ({reason})"
    else:
        return _start_sen_support(actor, row, version, values, form, today, name)
    with actor.write() as db:
        if not store.update(db, concern_id, version, values, actor.user.display_name):
            raise stale(actor, "concerns", concern_id, "concern")
        actor.audit(
            "update",
            "concern",
            concern_id,
            pupil_id=row["pupil_id"],
            summary=summary,
            changes={k: [row.get(k), v] for k, v in values.items()},
        )
    return None


def _start_sen_support(
    actor: Actor, row: dict, version: int, values: dict, form: dict, today: date, name: str
) -> int:
    from .pupils import change_sen_status

    actor.require("pupil.edit_sen")
    errors: dict[str, str] = {}
    start = parents = None
    try:
        start = parse_date(form.get("start_date"), "start_date", label="SEN support starts on") or today
    except ValidationError as e:
        errors.update(e.field_errors)
    try:
        parents = parse_date(form.get("parents_told_on"), "parents_told_on", label="Parents told on")
        if parents is None:
            errors["parents_told_on"] = (
                "Give the date parents were told: the Code requires the school "
                "to tell parents when it starts SEN support."
            )
        elif parents > today:
            errors["parents_told_on"] = "The date parents were told cannot be in the future."
    except ValidationError as e:
        errors.update(e.field_errors)
    if errors:
        raise ValidationError(errors)
    assert start is not None  # read above, or today; a date that could not be read was refused
    pupil_id = row["pupil_id"]
    values |= {"status": "closed", "parents_told_on": to_iso(parents)}
    with actor.write() as db:
        pupil = pupil_store.get(db, pupil_id)
        if pupil is None:
            raise NotFound("That pupil is not in SENCO desk.")
        if pupil["sen_status"] == "N":
            change_sen_status(
                actor,
                pupil_id,
                "K",
                start,
                primary_need=str(form.get("primary_need") or "").strip() or None,
                secondary_need=str(form.get("secondary_need") or "").strip() or None,
                reason="SEN support started from a concern",
            )
        cycle_id = open_new_cycle(
            actor, pupil_id, concern_id=row["id"], values={"parents_told_on": to_iso(parents)}
        )
        values["cycle_id"] = cycle_id
        if not store.update(db, row["id"], version, values, actor.user.display_name):
            raise stale(actor, "concerns", row["id"], "concern")
        opened = cycle_store.get(db, cycle_id)
        assert opened is not None  # opened just above, in this transaction
        actor.audit(
            "update",
            "concern",
            row["id"],
            pupil_id=pupil_id,
            summary=f"concern about {name}: SEN support from {uk(start)}, parents told "
            f"{uk(parents)}; cycle {opened['number']} opened",
            changes={k: [row.get(k), v] for k, v in values.items()},
        )
    return cycle_id
