"""The audit trail, read back: the whole school's (SENCO, Headteacher) or one pupil's."""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..domain import field_access as access
from ..domain.plural import plural
from ..store import attachments as attachments_store
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
            summary=shown[0],
            changes=shown[1],
        )
        for r in store.trail(actor.db, pupil_id)
        if (shown := shown_entry(actor, r)) is not None
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


def pupil_history(actor: Actor, pupil_id: int) -> list[dict]:
    """The pupil's audit trail in plain words, oldest first: for the record's History tab, so
    whoever may read this pupil's SEN record (a teacher: their own pupils) sees how it changed.
    The office, who sees no SEN detail, does not (the trail names needs and statuses); a teacher
    sees no line about what they may not read (a referral) and no value of a hidden field."""
    actor.require_pupil(pupil_id, "pupil.read_sen")
    history = []
    for r in store.for_pupil(actor.db, pupil_id):
        shown = shown_entry(actor, r)
        if shown is not None:
            history.append({"at": r["at"], "who": r["username"], "action": r["action"], "summary": shown[0]})
    return history


def _field(table: str, key: str) -> str:
    return "contacts.name" if (table, key) == ("pupils", "contacts") else f"{table}.{key}"


def shown_entry(actor: Actor, row: dict) -> tuple[str, dict] | None:
    """An audit row's summary and changes as the acting role may see them (field_access): the
    before and after of a field it may not read say HIDDEN, a summary that would quote one is
    worded without it, and a row about records it may not read at all (a referral, for a
    teacher) is left out (None). Every path that shows audit rows comes through here."""
    changes = json.loads(row["changes"] or "{}")
    table = access.ENTITY_TABLES.get(row["entity"])
    if table is None:
        return row["summary"], changes
    if not access.may_read_table(actor.user.role, table):
        return None
    if row["entity"] == "attachment" and not _document_shown(actor, row, changes):
        return None
    declared = set(access.table_fields(table)) | ({"contacts"} if table == "pupils" else set())
    hidden = [k for k in changes if k in declared and not actor.may_read(_field(table, k))]
    if not hidden:
        return row["summary"], changes
    shown = {k: [access.HIDDEN, access.HIDDEN] if k in hidden else v for k, v in changes.items()}
    return _summary_without(row, table, changes, hidden), shown


def _document_shown(actor: Actor, row: dict, changes: dict) -> bool:
    """A line about an attached document follows the document's own row rule: a teacher sees
    lines about those shared with the pupil's teachers only (a removed one: as it was shared)."""
    role = actor.user.role
    if all(role in audience for audience in access.ATTACHMENT_AUDIENCES.values()):
        return True
    current = attachments_store.get(actor.db, row["entity_id"]) if row["entity_id"] else None
    if current is not None:
        visibility = current["visibility"]
    else:
        recorded = changes.get("visibility")
        visibility = recorded[0] if isinstance(recorded, list) and recorded else ""
    return access.may_see_attachment(role, str(visibility or ""))


def _summary_without(row: dict, table: str, changes: dict, hidden: list[str]) -> str:
    """The change in words without the values of the hidden fields (the summary written at the
    time quotes them: 'changed notes from ... to ...')."""
    if table == "pupils" and row["action"] == "update":
        from .pupils import FIELD_LABELS, describe_changes

        seen = describe_changes({k: v for k, v in changes.items() if k not in hidden})
        kept = "; ".join(f"changed {FIELD_LABELS.get(k, k)} (kept by the SENCO)" for k in hidden)
        return "; ".join(part for part in (seen, kept) if part)
    if row["action"] == "create":
        return f"created a record ({table.replace('_', ' ')}); some of it is kept by the SENCO"
    return f"changed a record ({table.replace('_', ' ')}); some of what changed is kept by the SENCO"


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
