"""Queries on the provision catalogue."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from . import versioned

COLUMNS = (
    "name",
    "area",
    "description",
    "group_size",
    "session_minutes",
    "sessions_per_week",
    "weeks",
    "staff_role",
    "fixed_cost",
    "fixed_cost_note",
    "active",
)


def all_rows(db: sqlite_utils.Database, *, include_inactive: bool = False) -> list[dict]:
    where = "" if include_inactive else "WHERE active = 1"
    return list(db.query(f"SELECT * FROM provisions {where} ORDER BY name COLLATE NOCASE"))


def get(db: sqlite_utils.Database, provision_id: int) -> dict | None:
    return next(iter(db.query("SELECT * FROM provisions WHERE id = ?", [provision_id])), None)


def name_taken(db: sqlite_utils.Database, name: str, except_id: int | None) -> bool:
    return (
        db.execute(
            "SELECT 1 FROM provisions WHERE name = ? COLLATE NOCASE AND id IS NOT ?", [name, except_id]
        ).fetchone()
        is not None
    )


def insert(db: sqlite_utils.Database, values: dict[str, Any], username: str) -> int:
    return versioned.insert(db, "provisions", values, username)


def update(
    db: sqlite_utils.Database, provision_id: int, version: int, values: dict[str, Any], username: str
) -> bool:
    return versioned.update(db, "provisions", provision_id, version, values, username)
