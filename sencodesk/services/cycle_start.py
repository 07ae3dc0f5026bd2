"""Opening a pupil's next cycle: the one step a concern's triage and the cycles' own use cases
(start a cycle, a review that continues support) share. Kept apart from cycles.py so that
concerns need not import cycles, which reads a pupil's concerns for their record."""

from __future__ import annotations

from ..domain import cycles as rules
from ..store import cycles as store
from .actor import Actor


def open_new_cycle(
    actor: Actor, pupil_id: int, *, concern_id: int | None = None, values: dict | None = None
) -> int:
    """Insert the pupil's next cycle inside the caller's transaction (after its checks)."""
    # Public because triage (concerns) opens the first cycle; called directly it must still
    # refuse: starting cycles is the SENCO's, or follows a review the person may record.
    if not (actor.user.can("cycle.edit") or actor.user.can("review.record")):
        actor.require("cycle.edit")
    actor.require_pupil(pupil_id, "cycle.read")
    db = actor.db
    current = store.open_cycle(db, pupil_id)
    rules.check_can_start(current["number"] if current else None)
    number = store.next_number(db, pupil_id)
    cycle_id = store.insert(
        db,
        {"pupil_id": pupil_id, "number": number, "status": "open", "concern_id": concern_id} | (values or {}),
        actor.user.display_name,
    )
    actor.audit(
        "create",
        "cycle",
        cycle_id,
        pupil_id=pupil_id,
        summary=f"started cycle {number}",
        changes={"number": [None, number]},
    )
    return cycle_id
