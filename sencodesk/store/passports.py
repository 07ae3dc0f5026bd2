"""Queries on the one-page profile's words (pupil_passports)."""

from __future__ import annotations

import sqlite_utils

from .referrals import _stamp, _update


def get(db: sqlite_utils.Database, pupil_id: int) -> dict | None:
    return next(iter(db.query("SELECT * FROM pupil_passports WHERE pupil_id = ?", [pupil_id])), None)


def insert(db: sqlite_utils.Database, values: dict, username: str) -> int:
    return db["pupil_passports"].insert(values | _stamp(username)).last_pk


def update(db: sqlite_utils.Database, passport_id: int, version: int, values: dict, username: str) -> bool:
    return _update(db, "pupil_passports", passport_id, version, values, username)
