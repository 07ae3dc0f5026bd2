"""Queries on the one-page profile's words (pupil_passports)."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from . import versioned


def get(db: sqlite_utils.Database, pupil_id: int) -> dict[str, Any] | None:
    return versioned.get(db, "pupil_passports", pupil_id, key="pupil_id")


def insert(db: sqlite_utils.Database, values: dict[str, Any], username: str) -> int:
    return versioned.insert(db, "pupil_passports", values, username)


def update(
    db: sqlite_utils.Database, passport_id: int, version: int, values: dict[str, Any], username: str
) -> bool:
    return versioned.update(db, "pupil_passports", passport_id, version, values, username)
