"""LA consultations: the LA asks whether the school can be named in a child's plan, and the
school must reply within 15 days (can / cannot meet the needs, why, and what would be needed).

The child may not be on roll yet: then only their name and date of birth are kept, and only
the SENCO (not a teacher) sees the consultation.
"""

from __future__ import annotations

from datetime import date

from ..domain import ehc
from ..domain.dates import from_iso, to_iso, uk
from ..domain.errors import NotFound
from ..store import statutory as store
from .actor import Actor
from .conflicts import stale


def _row_values(values: dict) -> dict:
    return {k: to_iso(v) if isinstance(v, date) else v for k, v in values.items()}


def to_consultation(row: dict) -> ehc.Consultation:
    return ehc.Consultation(
        id=row["id"],
        pupil_id=row["pupil_id"],
        child_name=row.get("pupil_name") or row["child_name"],
        child_dob=from_iso(row["child_dob"]),
        la_name=row["la_name"],
        received_on=date.fromisoformat(row["received_on"]),
        papers=row["papers"],
        due_on=date.fromisoformat(row["due_on"]),
        reply=row["reply"],
        reasons=row["reasons"],
        needed=row["needed"],
        sent_on=from_iso(row["sent_on"]),
        version=row["version"],
    )


def _require(actor: Actor, pupil_id: int | None, permission: str) -> None:
    if pupil_id is None:
        actor.require("statutory.edit")  # a child not on roll: the SENCO's business only
    else:
        actor.require_pupil(pupil_id, permission)


def record_consultation(
    actor: Actor, form: dict, *, pupil_id: int | None = None, today: date | None = None
) -> int:
    """A consultation has arrived: for a pupil on roll (pupil_id) or a child named in the form."""
    _require(actor, pupil_id, "statutory.edit")
    values = _row_values(
        ehc.clean_consultation(form, today=today or date.today(), on_roll=pupil_id is not None)
    )
    name = store.pupil_name(actor.db, pupil_id) if pupil_id is not None else values["child_name"]
    if pupil_id is not None and not name:
        raise NotFound("That pupil is not in SENCO desk.")
    with actor.write() as db:
        consultation_id = store.insert(
            db, "consultations", {**values, "pupil_id": pupil_id}, actor.user.display_name
        )
        actor.audit(
            "create",
            "consultation",
            consultation_id,
            pupil_id=pupil_id,
            summary=f"recorded {values['la_name']}'s consultation about {name} (received "
            f"{uk(values['received_on'])}, reply due {uk(values['due_on'])})",
            changes={k: [None, v] for k, v in values.items() if v not in (None, "")},
        )
    return consultation_id


def get_consultation(actor: Actor, consultation_id: int) -> ehc.Consultation:
    row = store.consultation(actor.db, consultation_id)
    if row is None:
        raise NotFound("That consultation is not in SENCO desk.")
    _require(actor, row["pupil_id"], "statutory.read")
    return to_consultation(row)


def list_consultations(actor: Actor, *, open_only: bool = False) -> list[ehc.Consultation]:
    """Consultations, newest first (open_only: replies not yet sent)."""
    actor.require("statutory.read")
    visible = actor.visible_pupil_ids()
    rows = store.consultations(actor.db, open_only=open_only)
    return [
        to_consultation(r)
        for r in rows
        if visible is None or (r["pupil_id"] is not None and r["pupil_id"] in visible)
    ]


def consultation_form(c: ehc.Consultation) -> dict:
    return {
        "child_name": c.child_name if c.pupil_id is None else "",
        "child_dob": uk(c.child_dob),
        "la_name": c.la_name,
        "received_on": uk(c.received_on),
        "due_on": uk(c.due_on),
        "papers": c.papers,
        "reply": c.reply or "",
        "reasons": c.reasons,
        "needed": c.needed,
        "sent_on": uk(c.sent_on),
    }


def update_consultation(
    actor: Actor, consultation_id: int, version: int, form: dict, *, today: date | None = None
) -> None:
    """Record the reply (can / cannot meet needs, reasons, what would be needed, date sent)."""
    current = store.get(actor.db, "consultations", consultation_id)
    if current is None:
        raise NotFound("That consultation is not in SENCO desk.")
    _require(actor, current["pupil_id"], "statutory.edit")
    after = _row_values(
        ehc.clean_consultation(form, today=today or date.today(), on_roll=current["pupil_id"] is not None)
    )
    changes = {k: [current[k], after[k]] for k in after if current[k] != after[k]}
    if not changes:
        return
    name = current["child_name"] or store.pupil_name(actor.db, current["pupil_id"])
    with actor.write() as db:
        if not store.update(db, "consultations", consultation_id, version, after, actor.user.display_name):
            raise stale(actor, "consultations", consultation_id)
        what = "sent the reply to" if "sent_on" in changes and after["sent_on"] else "updated"
        actor.audit(
            "update",
            "consultation",
            consultation_id,
            pupil_id=current["pupil_id"],
            summary=f"{what} {after['la_name']}'s consultation about {name}",
            changes=changes,
        )
