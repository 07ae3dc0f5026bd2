"""Queries on the one-page profile's words (pupil_passports)."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from . import versioned


def get(db: sqlite_utils.Database, pupil_id: int) -> dict[str, Any] | None:
    return versioned.get(db, "pupil_passports", pupil_id, key="pupil_id")
