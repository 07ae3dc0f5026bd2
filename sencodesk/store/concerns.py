"""Queries on concerns raised by staff (before a pupil is on the register)."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from .rows import now_iso

_LIST = (
    "SELECT c.*, p.legal_surname, p.legal_forename, p.preferred_surname, p.preferred_forename,"
    " p.year_group, p.class_name FROM concerns c JOIN pupils p ON p.id = c.pupil_id"
)


def insert(db: sqlite_utils.Database, values: dict[str, Any], username: str) -> int:
    stamp = now_iso()
    return (
        db["concerns"]
        .insert(
            values
            | {
                "status": "open",
                "version": 1,
                "created_at": stamp,
                "updated_at": stamp,
                "updated_by": username,
            }
        )
        .last_pk
    )


def get(db: sqlite_utils.Database, concern_id: int) -> dict | None:
    return next(iter(db.query(_LIST + " WHERE c.id = ?", [concern_id])), None)


def update(
    db: sqlite_utils.Database, concern_id: int, version: int, values: dict[str, Any], username: str
) -> bool:
    sets = ", ".join(f"{k} = ?" for k in values)
    cur = db.execute(
        f"UPDATE concerns SET {sets}, version = version + 1, updated_at = ?, updated_by = ?"
        " WHERE id = ? AND version = ?",
        [*values.values(), now_iso(), username, concern_id, version],
    )
    return cur.rowcount == 1


def open_and_due(db: sqlite_utils.Database, today: str) -> list[dict]:
    """Open concerns and monitoring ones whose look-again date has come, oldest first."""
    return list(
        db.query(
            _LIST + " WHERE p.left_on IS NULL AND (c.status = 'open'"
            " OR (c.status = 'monitoring' AND c.look_again <= ?)) ORDER BY c.raised_on, c.id",
            [today],
        )
    )


def for_pupil(db: sqlite_utils.Database, pupil_id: int) -> list[dict]:
    return list(db.query(_LIST + " WHERE c.pupil_id = ? ORDER BY c.raised_on, c.id", [pupil_id]))
