"""The audit trail, read back: the whole school's (SENCO, Headteacher) or one pupil's."""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..domain.plural import plural
from ..store import audit as store
from ..store import pupils as pupils_store
from .actor import Actor


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    who: str
    action: str
    entity: str
    entity_id: int | None
    pupil_id: int | None
    summary: str
    changes: dict


def audit_trail(actor: Actor, *, upn: str | None = None, export: bool = False) -> list[AuditEntry]:
    """Every audit row, oldest first (or one pupil's, found by UPN).

    `export=True` when the rows leave the app (CSV, print): that is itself audited.
    """
    actor.require("audit.read")
    pupil_id = None
    if upn is not None:  # a blank UPN is refused, never read as "the whole school"
        from .pupils import find_pupil_by_upn

        pupil_id = find_pupil_by_upn(actor, upn).id
    rows = [
        AuditEntry(
            id=r["id"],
            at=r["at"],
            who=r["username"],
            action=r["action"],
            entity=r["entity"],
            entity_id=r["entity_id"],
            pupil_id=r["pupil_id"],
            summary=r["summary"],
            changes=json.loads(r["changes"] or "{}"),
        )
        for r in store.trail(actor.db, pupil_id)
    ]
    if export:
        with actor.write():
            whose = "one pupil's" if pupil_id else "the whole"
            actor.audit(
                "export",
                "audit",
                None,
                pupil_id=pupil_id,
                summary=f"exported {whose} audit trail ({plural(len(rows), 'row')})",
            )
    return rows


def pupil_names(actor: Actor, pupil_ids: set[int]) -> dict[int, str]:
    """Names (never UPNs) for the pupils an audit listing mentions, in one query."""
    actor.require("audit.read")
    if not pupil_ids:
        return {}
    marks = ",".join("?" * len(pupil_ids))
    return {
        r["id"]: f"{r['forename']} {r['surname']}"
        for r in pupils_store.names(actor.db, marks, list(pupil_ids))
    }
