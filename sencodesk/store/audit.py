"""The audit trail: append-only rows (a trigger refuses updates)."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from .rows import now_iso


def add(
    db: sqlite_utils.Database,
    *,
    user_id: int | None,
    username: str,
    action: str,
    entity: str,
    entity_id: int | None,
    pupil_id: int | None,
    summary: str,
    changes: dict[str, Any],
) -> None:
    db.table("audit").insert(
        {
            "at": now_iso(),
            "user_id": user_id,
            "username": username,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "pupil_id": pupil_id,
            "summary": summary,
            "changes": json.dumps(changes, default=str, ensure_ascii=False),
        }
    )


def for_pupil(db: sqlite_utils.Database, pupil_id: int) -> list[dict]:
    return list(db.query("SELECT * FROM audit WHERE pupil_id = ? ORDER BY id", [pupil_id]))


def all_rows(db: sqlite_utils.Database, limit: int | None = None) -> list[dict]:
    sql = "SELECT * FROM audit ORDER BY id DESC" + (f" LIMIT {int(limit)}" if limit else "")
    return list(db.query(sql))


def delete_for_pupil(db: sqlite_utils.Database, pupil_id: int) -> int:
    """The ONLY way audit rows are removed: the retention service erasing a pupil's record.

    Opens the retention gate, deletes, closes it, in the caller's transaction (it must be in
    one, so no other connection can see the gate open). Returns how many rows went.
    """
    if not db.conn.in_transaction:
        raise RuntimeError("delete_for_pupil must run inside the retention service's transaction")
    db.execute("UPDATE audit_retention_gate SET open = 1 WHERE id = 1")
    try:
        return db.execute(
            "DELETE FROM audit WHERE pupil_id = ? OR (entity = 'pupil' AND entity_id = ?)",
            [pupil_id, pupil_id],
        ).rowcount
    finally:
        db.execute("UPDATE audit_retention_gate SET open = 0 WHERE id = 1")


def trail(db: sqlite_utils.Database, pupil_id: int | None = None) -> list[dict]:
    """The whole trail (or one pupil's), oldest first, for the audit export."""
    if pupil_id is None:
        return list(db.query("SELECT * FROM audit ORDER BY id"))
    return for_pupil(db, pupil_id)
