"""The audit trail: append-only rows (a trigger refuses updates)."""
from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from .rows import now_iso


def add(db: sqlite_utils.Database, *, user_id: int | None, username: str, action: str, entity: str,
        entity_id: int | None, pupil_id: int | None, summary: str, changes: dict[str, Any]) -> None:
    db["audit"].insert({
        "at": now_iso(), "user_id": user_id, "username": username, "action": action,
        "entity": entity, "entity_id": entity_id, "pupil_id": pupil_id, "summary": summary,
        "changes": json.dumps(changes, default=str, ensure_ascii=False),
    })


def for_pupil(db: sqlite_utils.Database, pupil_id: int) -> list[dict]:
    return list(db.query("SELECT * FROM audit WHERE pupil_id = ? ORDER BY id", [pupil_id]))


def all_rows(db: sqlite_utils.Database, limit: int | None = None) -> list[dict]:
    sql = "SELECT * FROM audit ORDER BY id DESC" + (f" LIMIT {int(limit)}" if limit else "")
    return list(db.query(sql))
