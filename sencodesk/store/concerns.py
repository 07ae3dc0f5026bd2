"""Queries on concerns raised by staff (before a pupil is on the register)."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from . import versioned

_LIST = (
    "SELECT c.*, p.legal_surname, p.legal_forename, p.preferred_surname, p.preferred_forename,"
    " p.year_group, p.class_name FROM concerns c JOIN pupils p ON p.id = c.pupil_id"
)


def insert(db: sqlite_utils.Database, values: dict[str, Any], username: str) -> int:
    return versioned.insert(db, "concerns", values | {"status": "open"}, username)


def get(db: sqlite_utils.Database, concern_id: int) -> dict | None:
    return next(iter(db.query(_LIST + " WHERE c.id = ?", [concern_id])), None)


def update(
    db: sqlite_utils.Database, concern_id: int, version: int, values: dict[str, Any], username: str
) -> bool:
    return versioned.update(db, "concerns", concern_id, version, values, username)


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
